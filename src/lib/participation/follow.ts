// "关注 / Follow": the receipts a browser sent and the elements it follows, remembered in localStorage as
// snapshots; comparing a fresh answer with the snapshot tells what is new since the last visit. No DOM here:
// the state module reads and writes the stored string.
import { STATUSES, normalizeReceipt, type Receipt, type Status } from './schema.ts';

export interface ReceiptSnapshot {
  status: Status;
  repliedAt: string | null;
  updatedAt: string;
  elementId: string | null;
}
export interface ElementSnapshot {
  /** published suggestion ids seen */
  seen: number[];
  /** the latest reply time seen among them */
  lastReply: string | null;
}
export interface FollowState {
  receipts: Record<string, ReceiptSnapshot>;
  elements: Record<string, ElementSnapshot>;
}

export const emptyFollow = (): FollowState => ({ receipts: {}, elements: {} });
const MAX_RECEIPTS = 50;
const MAX_ELEMENTS = 50;

/** The stored string → state; anything malformed is dropped entry by entry, never thrown. */
export function parseFollow(raw: string | null): FollowState {
  const out = emptyFollow();
  if (!raw) return out;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return out;
  }
  const d = data as Partial<FollowState>;
  for (const [code, s] of Object.entries(d?.receipts ?? {})) {
    const c = normalizeReceipt(code);
    if (c && s && (STATUSES as readonly string[]).includes(s.status) && typeof s.updatedAt === 'string') {
      out.receipts[c] = { status: s.status, repliedAt: typeof s.repliedAt === 'string' ? s.repliedAt : null, updatedAt: s.updatedAt, elementId: typeof s.elementId === 'string' ? s.elementId : null };
    }
  }
  for (const [id, s] of Object.entries(d?.elements ?? {})) {
    if (/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/.test(id) && s && Array.isArray(s.seen)) {
      out.elements[id] = { seen: s.seen.filter((n) => Number.isSafeInteger(n)), lastReply: typeof s.lastReply === 'string' ? s.lastReply : null };
    }
  }
  return out;
}

export const snapshotOf = (r: Receipt): ReceiptSnapshot => ({ status: r.status, repliedAt: r.repliedAt, updatedAt: r.updatedAt, elementId: r.elementId });

export function rememberReceipt(s: FollowState, r: Receipt): FollowState {
  const receipts = { ...s.receipts, [r.receipt]: snapshotOf(r) };
  const codes = Object.keys(receipts);
  // keep the newest MAX_RECEIPTS (by last change)
  if (codes.length > MAX_RECEIPTS) {
    codes.sort((a, b) => receipts[a].updatedAt.localeCompare(receipts[b].updatedAt));
    for (const c of codes.slice(0, codes.length - MAX_RECEIPTS)) delete receipts[c];
  }
  return { ...s, receipts };
}

export function forgetReceipt(s: FollowState, code: string): FollowState {
  const receipts = { ...s.receipts };
  delete receipts[code];
  return { ...s, receipts };
}

export function followElement(s: FollowState, elementId: string, published: readonly { id: number; repliedAt: string | null }[]): FollowState {
  const elements = { ...s.elements, [elementId]: elementSnapshot(published) };
  const ids = Object.keys(elements);
  if (ids.length > MAX_ELEMENTS) delete elements[ids[0]];
  return { ...s, elements };
}

export function unfollowElement(s: FollowState, elementId: string): FollowState {
  const elements = { ...s.elements };
  delete elements[elementId];
  return { ...s, elements };
}

export function elementSnapshot(published: readonly { id: number; repliedAt: string | null }[]): ElementSnapshot {
  const replies = published.map((p) => p.repliedAt).filter((x): x is string => !!x).sort();
  return { seen: published.map((p) => p.id).sort((a, b) => a - b), lastReply: replies.at(-1) ?? null };
}

export type Update =
  | { kind: 'status'; receipt: string; from: Status; to: Status; elementId: string | null }
  | { kind: 'reply'; receipt: string; elementId: string | null }
  | { kind: 'element'; elementId: string; newSuggestions: number; newReplies: number };

/** What changed on one receipt since its snapshot (a status change and a new reply are both reported). */
export function receiptUpdates(old: ReceiptSnapshot | undefined, now: Receipt): Update[] {
  if (!old) return [];
  const out: Update[] = [];
  if (old.status !== now.status) out.push({ kind: 'status', receipt: now.receipt, from: old.status, to: now.status, elementId: now.elementId });
  if (now.repliedAt && now.repliedAt !== old.repliedAt) out.push({ kind: 'reply', receipt: now.receipt, elementId: now.elementId });
  return out;
}

/** New published suggestions and new replies on a followed element since its snapshot. */
export function elementUpdate(elementId: string, old: ElementSnapshot | undefined, published: readonly { id: number; repliedAt: string | null }[]): Update | null {
  if (!old) return null;
  const seen = new Set(old.seen);
  const newSuggestions = published.filter((p) => !seen.has(p.id)).length;
  const newReplies = published.filter((p) => p.repliedAt && (!old.lastReply || p.repliedAt > old.lastReply)).length;
  return newSuggestions || newReplies ? { kind: 'element', elementId, newSuggestions, newReplies } : null;
}
