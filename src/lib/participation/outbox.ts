// The kiosk's outbox: check-ins and stories are written here first and sent when the server answers, so a
// hall whose server is down loses nothing. Pure rules (what to send, what an answer means, when to retry);
// the IndexedDB store and the timer live in src/state/kiosk.svelte.ts.
import { PLACE_KEY } from './schema.ts';

export type OutboxKind = 'checkin' | 'story';
export interface OutboxEntry {
  /** also the request's clientId: a resend is recognised by the server and counted once */
  id: string;
  kind: OutboxKind;
  body: Record<string, string | number>;
  createdAt: string;
  attempts: number;
  /** 'refused': the server answered that it will never take it (a 4xx other than 408/429); kept to be seen */
  state: 'waiting' | 'refused';
  lastError: string | null;
}

export const ENDPOINT: Record<OutboxKind, string> = { checkin: 'checkins', story: 'stories' };

export function newEntry(
  kind: OutboxKind,
  id: string,
  now: string,
  fields: { place: string; text?: string; lon?: number; lat?: number; lang?: 'zh' | 'en' },
): OutboxEntry {
  const body: Record<string, string | number> = { clientId: id, place: fields.place, clientAt: now };
  if (fields.lon !== undefined && fields.lat !== undefined) Object.assign(body, { lon: fields.lon, lat: fields.lat });
  if (kind === 'story') Object.assign(body, { text: fields.text ?? '', lang: fields.lang ?? 'zh' });
  return { id, kind, body, createdAt: now, attempts: 0, state: 'waiting', lastError: null };
}

export type SendOutcome = 'sent' | 'retry' | 'refused';

/** An HTTP status (null: no answer at all) → what to do with the entry. */
export function outcomeOf(status: number | null): SendOutcome {
  if (status === null) return 'retry';
  if (status === 200 || status === 201) return 'sent';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}

/** Wait before the next try after `attempts` failures: 2 s doubling, at most 15 s (a hall's server is back soon). */
export function retryDelay(attempts: number): number {
  return Math.min(15_000, 2000 * 2 ** Math.max(0, attempts - 1));
}

/** The entries to send now, oldest first (refused ones stay for staff to see, never resent). */
export function sendable(entries: readonly OutboxEntry[]): OutboxEntry[] {
  return entries.filter((e) => e.state === 'waiting').sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The place a kiosk shows: the scene being played, else the selected element; null when neither. */
export function placeKeyFor(p: { storyId: string | null; sceneId: string | null; elementId: string | null }): string | null {
  const key = p.storyId && p.sceneId ? `scene:${p.storyId}/${p.sceneId}` : p.elementId ? `element:${p.elementId}` : null;
  return key && PLACE_KEY.test(key) ? key : null;
}

/** The link the QR code carries: the same scene or element on the visitor's phone. */
export function phoneUrl(appUrl: string, place: string): string {
  const base = appUrl.replace(/#.*$/, '');
  const [kind, rest] = [place.slice(0, place.indexOf(':')), place.slice(place.indexOf(':') + 1)];
  if (kind === 'scene') {
    const [storyId, sceneId] = rest.split('/');
    return `${base}#story=${encodeURIComponent(storyId)}&scene=${encodeURIComponent(sceneId)}`;
  }
  if (kind === 'element') return `${base}#sel=${encodeURIComponent(rest)}`;
  return base;
}
