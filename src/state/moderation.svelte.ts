// The moderation view (`#mod=1`): the moderator's session (cookie + CSRF token), the queue, stories and the
// audit log, and the actions that change them. Only the server decides; this module asks and shows.
import type { Receipt, Status, StoryStatus } from '../lib/participation/schema.ts';
import { registerHashKey } from './url.svelte.ts';

export interface ModItem extends Receipt {
  id: number;
  contact: string | null;
  exact: boolean;
  lang: string;
}
export interface ModStory {
  id: number;
  receipt: string;
  place: string;
  text: string;
  status: StoryStatus;
  rejectReason: string | null;
  createdAt: string;
}
export interface AuditEntry {
  id: number;
  at: string;
  moderator: string;
  action: string;
  suggestion_id: number | null;
  story_id: number | null;
  detail: string | null;
}

export const moderation = $state<{
  open: boolean;
  checked: boolean;
  name: string | null;
  csrf: string | null;
  status: Status;
  items: ModItem[];
  stories: ModStory[];
  audit: AuditEntry[];
  /** the cursor for the queue's next page (the server's `next`), null when all are shown */
  next: number | null;
  /** suggestions per status, as the server counted with the last page */
  counts: Record<Status, number> | null;
  storiesNext: number | null;
  storiesPending: number | null;
  /** the last server message (an error), shown as text */
  error: string | null;
  busy: boolean;
}>({
  open: false, checked: false, name: null, csrf: null, status: 'pending', items: [], stories: [], audit: [], next: null, counts: null,
  storiesNext: null, storiesPending: null, error: null, busy: false,
});

/** Items per page of the queue (the server takes up to 500). */
export const PAGE = 20;
interface Page<T> {
  items: T[];
  next: number | null;
  counts: Record<string, number>;
}

registerHashKey(
  'mod',
  () => (moderation.open ? '1' : undefined),
  (v) => {
    moderation.open = v === '1';
  },
);

export function setModerationOpen(open: boolean): void {
  moderation.open = open;
}

async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T | null> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method && init.method !== 'GET' && moderation.csrf) headers['x-csrf-token'] = moderation.csrf;
  try {
    const r = await fetch(`./api/${path}`, { method: init.method ?? 'GET', headers, credentials: 'same-origin', body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const data = (await r.json().catch(() => null)) as (T & { message?: string }) | null;
    if (r.status === 401 && path !== 'mod/login') {
      moderation.name = null;
      moderation.csrf = null;
    }
    if (!r.ok) {
      moderation.error = data?.message ?? `HTTP ${r.status}`;
      return null;
    }
    moderation.error = null;
    return data;
  } catch (e) {
    moderation.error = e instanceof Error ? e.message : String(e);
    return null;
  }
}

/** Is there a live session (the cookie is HttpOnly: only the server knows)? */
export async function checkSession(): Promise<void> {
  const s = await call<{ name: string; csrf: string }>('mod/session');
  moderation.checked = true;
  moderation.error = null; // not being logged in is not an error here
  if (s) {
    moderation.name = s.name;
    moderation.csrf = s.csrf;
    await refresh();
  }
}

export async function login(name: string, password: string): Promise<boolean> {
  moderation.busy = true;
  const s = await call<{ name: string; csrf: string }>('mod/login', { method: 'POST', body: { name, password } });
  moderation.busy = false;
  if (!s) return false;
  moderation.name = s.name;
  moderation.csrf = s.csrf;
  await refresh();
  return true;
}

export async function logout(): Promise<void> {
  await call('mod/logout', { method: 'POST', body: {} });
  moderation.name = null;
  moderation.csrf = null;
  moderation.items = [];
  moderation.stories = [];
  moderation.audit = [];
  moderation.next = moderation.storiesNext = null;
  moderation.counts = null;
  moderation.storiesPending = null;
}

export async function showStatus(status: Status): Promise<void> {
  moderation.status = status;
  moderation.items = [];
  await refresh();
}

// After a decision the queue is asked again from its start, as far as it was shown (at most 500), so a
// moderator who loaded more pages keeps their place.
const shownLimit = (n: number) => Math.min(500, Math.max(PAGE, n));

export async function refresh(): Promise<void> {
  const [q, s, a] = await Promise.all([
    call<Page<ModItem>>(`mod/suggestions?status=${moderation.status}&limit=${shownLimit(moderation.items.length)}`),
    call<Page<ModStory>>(`mod/stories?status=pending&limit=${shownLimit(moderation.stories.length)}`),
    call<{ items: AuditEntry[] }>('mod/audit'),
  ]);
  if (q) {
    moderation.items = q.items;
    moderation.next = q.next;
    moderation.counts = q.counts as Record<Status, number>;
  }
  if (s) {
    moderation.stories = s.items;
    moderation.storiesNext = s.next;
    moderation.storiesPending = s.counts.pending ?? null;
  }
  if (a) moderation.audit = a.items;
}

/** The next page of the queue (keyset: after the last id shown), appended. */
export async function loadMore(): Promise<void> {
  if (moderation.next === null) return;
  moderation.busy = true;
  const status = moderation.status;
  const q = await call<Page<ModItem>>(`mod/suggestions?status=${status}&limit=${PAGE}&after=${moderation.next}`);
  moderation.busy = false;
  if (!q || moderation.status !== status) return;
  const seen = moderation.items.map((i) => i.id);
  moderation.items = [...moderation.items, ...q.items.filter((i) => !seen.includes(i.id))];
  moderation.next = q.next;
  moderation.counts = q.counts as Record<Status, number>;
}

export async function loadMoreStories(): Promise<void> {
  if (moderation.storiesNext === null) return;
  moderation.busy = true;
  const s = await call<Page<ModStory>>(`mod/stories?status=pending&limit=${PAGE}&after=${moderation.storiesNext}`);
  moderation.busy = false;
  if (!s) return;
  const seen = moderation.stories.map((i) => i.id);
  moderation.stories = [...moderation.stories, ...s.items.filter((i) => !seen.includes(i.id))];
  moderation.storiesNext = s.next;
  moderation.storiesPending = s.counts.pending ?? null;
}

async function act(path: string, body: unknown): Promise<boolean> {
  moderation.busy = true;
  const r = await call(path, { method: 'POST', body });
  moderation.busy = false;
  if (r) await refresh();
  return r !== null;
}

export const approve = (id: number, reply: string) => act(`mod/suggestions/${id}/approve`, reply.trim() ? { reply } : {});
export const reject = (id: number, reason: string) => act(`mod/suggestions/${id}/reject`, { reason });
export const replyTo = (id: number, reply: string) => act(`mod/suggestions/${id}/reply`, { reply });
export const merge = (id: number, into: number) => act(`mod/suggestions/${id}/merge`, { into });
export const approveStory = (id: number) => act(`mod/stories/${id}/approve`, {});
export const rejectStory = (id: number, reason: string) => act(`mod/stories/${id}/reject`, { reason });
