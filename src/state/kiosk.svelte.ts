// The kiosk's participation: "我在这里打卡" and "分享我的故事" for the scene or element shown, through an
// IndexedDB outbox that survives reloads and server outages (src/lib/participation/outbox.ts has the rules).
// `#hall=1` turns it on (a story's kiosk mode does too).
import { openDB, type IDBPDatabase } from 'idb';
import { ENDPOINT, newEntry, outcomeOf, retryDelay, sendable, type OutboxEntry, type OutboxKind } from '../lib/participation/outbox.ts';
import { registerHashKey } from './url.svelte.ts';
import { deviceId } from './participation.svelte.ts';

export const kiosk = $state<{
  hall: boolean;
  /** a story plays in kiosk mode: set by the story player (src/state/story.svelte.ts), which loads after the first frame */
  storyKiosk: boolean;
  /** entries not yet acknowledged (waiting) and refused ones */
  waiting: number;
  refused: number;
  /** the server answered the last try */
  reachable: boolean | null;
  /** check-ins per place, as the server last said */
  counts: Record<string, number>;
  /** the last thing this kiosk did, for the visitor */
  last: { kind: OutboxKind; place: string; queued: boolean; receipt?: string } | null;
}>({ hall: false, storyKiosk: false, waiting: 0, refused: 0, reachable: null, counts: {}, last: null });

registerHashKey(
  'hall',
  () => (kiosk.hall ? '1' : undefined),
  (v) => {
    kiosk.hall = v === '1';
  },
);

const DB = 'tongcheng-atlas-outbox';
const STORE = 'outbox';
let dbP: Promise<IDBPDatabase> | null = null;
const db = () => (dbP ??= openDB(DB, 1, { upgrade: (d) => void d.createObjectStore(STORE, { keyPath: 'id' }) }));

async function all(): Promise<OutboxEntry[]> {
  return (await (await db()).getAll(STORE)) as OutboxEntry[];
}

async function recount(): Promise<void> {
  const list = await all();
  kiosk.waiting = list.filter((e) => e.state === 'waiting').length;
  kiosk.refused = list.filter((e) => e.state === 'refused').length;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let flushing: Promise<void> | null = null;
let failures = 0;

function schedule(ms: number): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void flush(), ms);
}

/** Sends what waits, oldest first; stops at the first unanswered request and tries again later. */
export function flush(): Promise<void> {
  // offline as the browser knows it: keep everything, the 'online' event flushes (startOutbox)
  if (navigator.onLine === false) {
    kiosk.reachable = false;
    return recount();
  }
  flushing ??= (async () => {
    try {
      for (const e of sendable(await all())) {
        let status: number | null = null;
        let answer: { count?: number; receipt?: string; message?: string } | null = null;
        try {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          const dev = deviceId();
          if (dev) headers['x-device-id'] = dev;
          const r = await fetch(`./api/${ENDPOINT[e.kind]}`, { method: 'POST', headers, body: JSON.stringify(e.body) });
          status = r.status;
          answer = await r.json().catch(() => null);
        } catch {
          status = null;
        }
        const outcome = outcomeOf(status);
        if (outcome === 'retry') {
          kiosk.reachable = status !== null;
          failures++;
          await (await db()).put(STORE, { ...e, attempts: e.attempts + 1, lastError: status === null ? 'unreachable' : `HTTP ${status}` });
          schedule(retryDelay(failures));
          return;
        }
        kiosk.reachable = true;
        failures = 0;
        if (outcome === 'sent') {
          await (await db()).delete(STORE, e.id);
          const place = String(e.body.place);
          if (e.kind === 'checkin' && typeof answer?.count === 'number') kiosk.counts = { ...kiosk.counts, [place]: answer.count };
          if (kiosk.last?.place === place && kiosk.last.kind === e.kind && kiosk.last.queued) kiosk.last = { ...kiosk.last, queued: false, receipt: answer?.receipt };
        } else {
          await (await db()).put(STORE, { ...e, state: 'refused', lastError: answer?.message ?? `HTTP ${status}` });
        }
      }
    } finally {
      await recount();
      flushing = null;
    }
  })();
  return flushing;
}

async function enqueue(kind: OutboxKind, fields: { place: string; text?: string; lang?: 'zh' | 'en' }): Promise<void> {
  const id = crypto.randomUUID().replace(/-/g, '');
  const entry = newEntry(kind, id, new Date(Date.now()).toISOString(), fields);
  await (await db()).put(STORE, entry);
  kiosk.last = { kind, place: fields.place, queued: true };
  await recount();
  await flush();
}

export const checkIn = (place: string) => enqueue('checkin', { place });
export const shareStory = (place: string, text: string, lang: 'zh' | 'en') => enqueue('story', { place, text, lang });

/** The server's check-in count for a place (shown beside the button); silent when unreachable. */
export async function loadCount(place: string): Promise<void> {
  if (navigator.onLine === false) return;
  try {
    const r = await fetch(`./api/checkins/counts?place=${encodeURIComponent(place)}`);
    if (!r.ok) return;
    const { items } = (await r.json()) as { items: { place: string; n: number }[] };
    kiosk.counts = { ...kiosk.counts, [place]: items[0]?.n ?? 0 };
  } catch {
    // offline: the count shows once the server answers
  }
}

let started = false;
/** Once per page: count what the outbox kept (from before a reload) and send it; retry when the browser is back online. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  void recount().then(() => flush());
  window.addEventListener('online', () => void flush());
}
