// Kiosk check-ins ("我在这里打卡") and visitors' stories ("分享我的故事"): the SQL. Both are idempotent on the
// browser outbox's client id, so a resend after a lost answer neither fails nor counts twice.
import type { Queryable, Store } from './store.ts';
import { newReceipt, type Moderator } from './participation.ts';
import type { Checkin, StoryInput, StoryStatus } from '../src/lib/participation/schema.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export async function createCheckin(store: Store, c: Checkin, device: string | null): Promise<{ id: number; place: string; duplicate: boolean }> {
  const r = await store.query<{ id: number }>(
    `INSERT INTO checkins (client_id, place, lon, lat, client_at, device_hash) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (client_id) DO NOTHING RETURNING id`,
    [c.clientId, c.place, c.lon ?? null, c.lat ?? null, c.clientAt ?? null, device],
  );
  if (r.rows[0]) return { id: r.rows[0].id, place: c.place, duplicate: false };
  const old = await store.query<{ id: number; place: string }>('SELECT id, place FROM checkins WHERE client_id = $1', [c.clientId]);
  return { ...old.rows[0], duplicate: true };
}

/** Check-ins per place (one place, or the 200 busiest). */
export async function checkinCounts(store: Store, place?: string): Promise<{ place: string; n: number }[]> {
  const r = place
    ? await store.query<{ place: string; n: number }>('SELECT place, count(*)::int AS n FROM checkins WHERE place = $1 GROUP BY place', [place])
    : await store.query<{ place: string; n: number }>('SELECT place, count(*)::int AS n FROM checkins GROUP BY place ORDER BY n DESC, place LIMIT 200');
  return place && !r.rows.length ? [{ place, n: 0 }] : r.rows;
}

interface StoryRow {
  id: number;
  receipt: string;
  place: string;
  body: string;
  lon: number | null;
  lat: number | null;
  lang: string;
  status: StoryStatus;
  reject_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface StoryView {
  id: number;
  receipt: string;
  place: string;
  text: string;
  lon: number | null;
  lat: number | null;
  lang: string;
  status: StoryStatus;
  rejectReason: string | null;
  createdAt: string;
}
const toView = (r: StoryRow): StoryView => ({
  id: r.id, receipt: r.receipt, place: r.place, text: r.body, lon: r.lon, lat: r.lat, lang: r.lang, status: r.status,
  rejectReason: r.reject_reason, createdAt: iso(r.created_at)!,
});

export async function createStory(store: Store, s: StoryInput, device: string | null): Promise<{ id: number; receipt: string; status: StoryStatus; duplicate: boolean }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await store.query<{ id: number; receipt: string; status: StoryStatus }>(
        `INSERT INTO stories (receipt, client_id, place, body, lon, lat, lang, client_at, device_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (client_id) DO NOTHING RETURNING id, receipt, status`,
        [newReceipt(), s.clientId, s.place, s.text, s.lon ?? null, s.lat ?? null, s.lang ?? 'zh', s.clientAt ?? null, device],
      );
      if (r.rows[0]) return { ...r.rows[0], duplicate: false };
      const old = await store.query<{ id: number; receipt: string; status: StoryStatus }>('SELECT id, receipt, status FROM stories WHERE client_id = $1', [s.clientId]);
      return { ...old.rows[0], duplicate: true };
    } catch (e) {
      if ((e as { code?: string }).code === '23505' && attempt < 4) continue; // a receipt collision: a new code
      throw e;
    }
  }
}

/** Published stories (of one place, or all), newest first: no device, no moderation notes. */
export async function publishedStories(store: Store, place?: string): Promise<Omit<StoryView, 'rejectReason' | 'receipt' | 'status'>[]> {
  const r = place
    ? await store.query<StoryRow>("SELECT * FROM stories WHERE status = 'published' AND place = $1 ORDER BY id DESC LIMIT 200", [place])
    : await store.query<StoryRow>("SELECT * FROM stories WHERE status = 'published' ORDER BY id DESC LIMIT 500");
  return r.rows.map((row) => {
    const { rejectReason: _r, receipt: _c, status: _s, ...pub } = toView(row);
    return pub;
  });
}

/** One page of stories by keyset, as listForModeration: `next` is the cursor for the page after, null at the end. */
export async function listStories(store: Store, status: StoryStatus, limit: number, afterId: number): Promise<{ items: StoryView[]; next: number | null }> {
  const r = await store.query<StoryRow>('SELECT * FROM stories WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3', [status, afterId, limit + 1]);
  const rows = r.rows.slice(0, limit);
  return { items: rows.map(toView), next: r.rows.length > limit ? rows[rows.length - 1].id : null };
}

async function storyAudit(q: Queryable, mod: Moderator, action: string, storyId: number, detail?: unknown) {
  await q.query('INSERT INTO audit_log (moderator_id, moderator, action, story_id, detail) VALUES ($1, $2, $3, $4, $5)', [
    mod.id, mod.name, action, storyId, detail === undefined ? null : JSON.stringify(detail),
  ]);
}

export async function decideStory(store: Store, mod: Moderator, id: number, d: { action: 'approve' } | { action: 'reject'; reason: string }): Promise<StoryView | null> {
  return store.tx(async (q) => {
    const r =
      d.action === 'approve'
        ? await q.query<StoryRow>("UPDATE stories SET status = 'published', reject_reason = NULL, updated_at = now() WHERE id = $1 RETURNING *", [id])
        : await q.query<StoryRow>("UPDATE stories SET status = 'rejected', reject_reason = $2, updated_at = now() WHERE id = $1 RETURNING *", [id, d.reason]);
    if (!r.rows[0]) return null;
    await storyAudit(q, mod, `story_${d.action}`, id, d.action === 'reject' ? { reason: d.reason } : undefined);
    return toView(r.rows[0]);
  });
}
