// Suggestions, moderators, sessions and the audit log: the SQL, kept in one place.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Queryable, Store } from './store.ts';
import { RECEIPT_ALPHABET, roundPosition, type Category, type Receipt, type Status, type Submission } from '../src/lib/participation/schema.ts';

interface Row {
  id: number;
  receipt: string;
  category: Category;
  body: string;
  lon: number | null;
  lat: number | null;
  exact: boolean;
  element_id: string | null;
  contact: string | null;
  lang: string;
  status: Status;
  reject_reason: string | null;
  reply: string | null;
  replied_at: Date | null;
  created_at: Date;
  updated_at: Date;
  merged_into: number | null;
  /** joined: the receipt of merged_into */
  merged_receipt?: string | null;
}

const WITH_MERGED = 'SELECT s.*, m.receipt AS merged_receipt FROM suggestions s LEFT JOIN suggestions m ON m.id = s.merged_into';
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function newReceipt(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** The salt for device hashes: made once per database, shared by every server on it. */
export async function deviceSalt(store: Store): Promise<string> {
  await store.query("INSERT INTO settings (key, value) VALUES ('device_salt', $1) ON CONFLICT (key) DO NOTHING", [
    randomBytes(32).toString('hex'),
  ]);
  return (await store.query<{ value: string }>("SELECT value FROM settings WHERE key = 'device_salt'")).rows[0].value;
}
export const deviceHash = (salt: string, deviceId: string) => sha256(`${salt}:${deviceId}`);

export async function createSuggestion(
  store: Store,
  s: Submission,
  device: string | null,
): Promise<{ id: number; receipt: string; status: Status }> {
  const pos = s.lon !== undefined && s.lat !== undefined ? roundPosition(s.lon, s.lat, s.exact === true) : null;
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await store.query<{ id: number; receipt: string; status: Status }>(
        `INSERT INTO suggestions (receipt, category, body, lon, lat, exact, element_id, contact, lang, device_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, receipt, status`,
        [newReceipt(), s.category, s.text, pos?.[0] ?? null, pos?.[1] ?? null, s.exact === true && pos !== null,
          s.elementId ?? null, s.contact ?? null, s.lang ?? 'zh', device],
      );
      return r.rows[0];
    } catch (e) {
      // A receipt collision (1 in 8·10^14 per pair) gets a new code; anything else is a real error.
      if ((e as { code?: string }).code === '23505' && attempt < 4) continue;
      throw e;
    }
  }
}

const toReceipt = (r: Row): Receipt => ({
  receipt: r.receipt,
  status: r.status,
  category: r.category,
  text: r.body,
  elementId: r.element_id,
  lon: r.lon,
  lat: r.lat,
  reply: r.reply,
  repliedAt: iso(r.replied_at),
  rejectReason: r.reject_reason,
  mergedInto: r.merged_receipt ?? null,
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
});

export async function receiptFor(store: Store, receipt: string): Promise<Receipt | null> {
  const r = await store.query<Row>(`${WITH_MERGED} WHERE s.receipt = $1`, [receipt]);
  return r.rows[0] ? toReceipt(r.rows[0]) : null;
}

/** Published suggestions as GeoJSON: no contact, no device, no moderation notes. Element-only ones have no geometry. */
export async function publishedGeoJSON(store: Store | Queryable, status: Status = 'published') {
  const r = await store.query<Row>('SELECT * FROM suggestions WHERE status = $1 ORDER BY id', [status]);
  return {
    type: 'FeatureCollection' as const,
    features: r.rows.map((s) => ({
      type: 'Feature' as const,
      id: s.id,
      geometry: s.lon !== null && s.lat !== null ? { type: 'Point' as const, coordinates: [s.lon, s.lat] } : null,
      properties: {
        id: s.id,
        category: s.category,
        text: s.body,
        elementId: s.element_id,
        exact: s.exact,
        lang: s.lang,
        reply: s.reply,
        repliedAt: iso(s.replied_at),
        createdAt: iso(s.created_at),
      },
    })),
  };
}

// ---- moderation ---------------------------------------------------------------------------------------------

export interface Moderator {
  id: number;
  name: string;
}

export async function addModerator(store: Store, name: string, password: string): Promise<Moderator> {
  const passwordHash = await hash(password); // argon2id, the library's defaults (19 MiB, t=2)
  const r = await store.query<Moderator>('INSERT INTO moderators (name, password_hash) VALUES ($1, $2) RETURNING id, name', [
    name,
    passwordHash,
  ]);
  return r.rows[0];
}

// Checked when the name is unknown, so a wrong name takes as long as a wrong password.
let dummyHash: Promise<string> | null = null;

export async function checkPassword(store: Store, name: string, password: string): Promise<Moderator | null> {
  const r = await store.query<Moderator & { password_hash: string }>(
    'SELECT id, name, password_hash FROM moderators WHERE name = $1 AND NOT disabled',
    [name],
  );
  const row = r.rows[0];
  dummyHash ??= hash(randomBytes(16).toString('hex'));
  const ok = await verify(row?.password_hash ?? (await dummyHash), password).catch(() => false);
  return row && ok ? { id: row.id, name: row.name } : null;
}

export const SESSION_HOURS = 12;

export async function createSession(store: Store, mod: Moderator): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  await store.query(
    `INSERT INTO sessions (token_hash, moderator_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + interval '${SESSION_HOURS} hours')`,
    [sha256(token), mod.id, csrf],
  );
  return { token, csrf };
}

export interface Session extends Moderator {
  csrf: string;
  tokenHash: string;
}

export async function sessionFor(store: Store, token: string): Promise<Session | null> {
  const r = await store.query<{ id: number; name: string; csrf_token: string }>(
    `SELECT m.id, m.name, s.csrf_token FROM sessions s JOIN moderators m ON m.id = s.moderator_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT m.disabled`,
    [sha256(token)],
  );
  const row = r.rows[0];
  return row ? { id: row.id, name: row.name, csrf: row.csrf_token, tokenHash: sha256(token) } : null;
}

export function csrfMatches(session: Session, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function endSession(store: Store, s: Session) {
  await store.query('DELETE FROM sessions WHERE token_hash = $1', [s.tokenHash]);
}

export async function audit(q: Queryable, mod: Moderator | { id: null; name: string }, action: string, suggestionId: number | null, detail?: unknown) {
  await q.query('INSERT INTO audit_log (moderator_id, moderator, action, suggestion_id, detail) VALUES ($1, $2, $3, $4, $5)', [
    mod.id,
    mod.name,
    action,
    suggestionId,
    detail === undefined ? null : JSON.stringify(detail),
  ]);
}

/** What moderators see: everything, contact included (they may need to answer). */
export interface ModView extends Receipt {
  id: number;
  contact: string | null;
  exact: boolean;
  lang: string;
}
const toModView = (r: Row): ModView => ({ ...toReceipt(r), id: r.id, contact: r.contact, exact: r.exact, lang: r.lang });

/**
 * One page of the queue, oldest first, by keyset (`id > after`): a page stays the same however many rows are
 * decided meanwhile, and no row is skipped or shown twice. `next` is the cursor for the page after, null at the end.
 */
export async function listForModeration(store: Store, status: Status, limit: number, afterId: number): Promise<{ items: ModView[]; next: number | null }> {
  const r = await store.query<Row>(`${WITH_MERGED} WHERE s.status = $1 AND s.id > $2 ORDER BY s.id LIMIT $3`, [status, afterId, limit + 1]);
  const rows = r.rows.slice(0, limit);
  return { items: rows.map(toModView), next: r.rows.length > limit ? rows[rows.length - 1].id : null };
}

/** How many suggestions have each status (the moderation view's tabs). */
export async function statusCounts(store: Store, table: 'suggestions' | 'stories' = 'suggestions'): Promise<Record<string, number>> {
  const r = await store.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM ${table} GROUP BY status`);
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
}

/**
 * A validator for the published layer, from the published rows only (new pending submissions do not change
 * it): every decision and reply sets updated_at; count and the sum of ids catch a row leaving the layer.
 */
export async function publishedVersion(store: Store, status: Status = 'published'): Promise<string> {
  const r = await store.query<{ n: number; at: string | null; ids: string }>(
    `SELECT count(*)::int AS n, max(updated_at)::text AS at, coalesce(sum(id), 0)::text AS ids FROM suggestions WHERE status = $1`,
    [status],
  );
  const { n, at, ids } = r.rows[0];
  return `W/"${sha256(`${status}|${n}|${ids}|${at ?? ''}`).slice(0, 20)}"`;
}

export type Decision =
  | { action: 'approve'; reply?: string }
  | { action: 'reject'; reason: string }
  | { action: 'reply'; reply: string }
  | { action: 'merge'; into: number };

/** Why a merge cannot happen, or null when it can. */
export type MergeProblem = 'self' | 'target_missing' | 'target_merged' | null;

/** Applies one moderator decision and its audit entry in one transaction; null when there is no such suggestion. */
export async function decide(store: Store, mod: Moderator, id: number, d: Decision): Promise<ModView | null> {
  return store.tx(async (q) => {
    let r;
    if (d.action === 'approve') {
      r = await q.query<Row>(
        `UPDATE suggestions SET status = 'published', reject_reason = NULL, merged_into = NULL,
           reply = COALESCE($2, reply), replied_at = CASE WHEN $2::text IS NULL THEN replied_at ELSE now() END, updated_at = now()
         WHERE id = $1 RETURNING *`,
        [id, d.reply ?? null],
      );
    } else if (d.action === 'reject') {
      r = await q.query<Row>(`UPDATE suggestions SET status = 'rejected', reject_reason = $2, merged_into = NULL, updated_at = now() WHERE id = $1 RETURNING *`, [
        id,
        d.reason,
      ]);
    } else if (d.action === 'merge') {
      r = await q.query<Row>(
        `UPDATE suggestions SET status = 'merged', merged_into = $2, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, d.into],
      );
    } else {
      r = await q.query<Row>(`UPDATE suggestions SET reply = $2, replied_at = now(), updated_at = now() WHERE id = $1 RETURNING *`, [id, d.reply]);
    }
    const row = r.rows[0];
    if (!row) return null;
    if (d.action === 'merge') {
      // what the merged one's receipt names; duplicates that point at it move to its target as well
      row.merged_receipt = (await q.query<{ receipt: string }>('SELECT receipt FROM suggestions WHERE id = $1', [d.into])).rows[0]?.receipt ?? null;
      await q.query(`UPDATE suggestions SET merged_into = $2, updated_at = now() WHERE merged_into = $1`, [id, d.into]);
    }
    const { action, ...detail } = d;
    await audit(q, mod, action, id, Object.keys(detail).length ? detail : undefined);
    return toModView(row);
  });
}

/** Checks a merge of `id` into `into` before it is made (the target must exist and not be merged itself). */
export async function mergeProblem(store: Store, id: number, into: number): Promise<MergeProblem> {
  if (id === into) return 'self';
  const t = await store.query<{ status: Status }>('SELECT status FROM suggestions WHERE id = $1', [into]);
  if (!t.rows[0]) return 'target_missing';
  return t.rows[0].status === 'merged' ? 'target_merged' : null;
}

// ---- exports ------------------------------------------------------------------------------------------------

// A cell starting with = + - @ (or tab/CR) is a formula to spreadsheet programs: prefix it so it stays text.
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV for planners: no contact, no device hash. UTF-8 with BOM so spreadsheet programs read the Chinese. */
export async function exportCsv(store: Store, status: Status): Promise<string> {
  const r = await store.query<Row>('SELECT * FROM suggestions WHERE status = $1 ORDER BY id', [status]);
  const head = ['id', 'receipt', 'status', 'category', 'text', 'element_id', 'lon', 'lat', 'exact', 'lang', 'reply', 'reject_reason', 'created_at', 'updated_at'];
  const lines = r.rows.map((s) =>
    [s.id, s.receipt, s.status, s.category, s.body, s.element_id, s.lon, s.lat, s.exact, s.lang, s.reply, s.reject_reason, iso(s.created_at), iso(s.updated_at)]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}
