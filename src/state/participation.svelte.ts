// Whether the participation server is present (the static build alone has no /api), submitting to it, the
// published suggestions, and what this browser follows (receipts, elements) with what changed since last time.
import { CATEGORIES, normalizeReceipt, type Category, type Receipt } from '../lib/participation/schema.ts';
import {
  anchorLookup,
  forElement,
  NO_FILTER,
  parsePublished,
  plannerFeatures,
  suggestionsLayer,
  type PlannerFilter,
  type PublishedCollection,
} from '../lib/participation/published.ts';
import { parseCheckinCounts, parseStories, type CheckinCount, type PublicStory } from '../lib/participation/places.ts';
import type { Geometry } from 'geojson';
import {
  elementSnapshot,
  elementUpdate,
  followElement as followIn,
  forgetReceipt as forgetIn,
  parseFollow,
  receiptUpdates,
  rememberReceipt as rememberIn,
  unfollowElement as unfollowIn,
  type FollowState,
  type Update,
} from '../lib/participation/follow.ts';

export const participation = $state<{
  available: boolean;
  checked: boolean;
  /** published suggestions; null until loaded (or when the server does not answer) */
  published: PublishedCollection | null;
  follow: FollowState;
  /** changes found on this visit for what is followed; cleared by markSeen */
  updates: Update[];
  /** the "my suggestions" panel */
  panelOpen: boolean;
  /** the map layer of published suggestions */
  layerOn: boolean;
  /**
   * The suggestion form's pin chosen on the map: `picking` while the next tap/click on the map sets it (the map
   * wiring takes that click, so it selects nothing), `at` the WGS84 position chosen, `shown` while the form
   * wants it drawn as a marker.
   */
  pick: { picking: boolean; at: [number, number] | null; shown: boolean };
  /** the planners' filter: what the suggestions layer draws, counts and adds to the workspace */
  filter: PlannerFilter;
  /** when the published layer was last confirmed current (ISO), and when it last changed */
  checkedAt: string | null;
  changedAt: string | null;
  /** published visitors' stories (the latest 500) and check-in counts (the 200 busiest places); null until loaded */
  stories: PublicStory[] | null;
  checkins: CheckinCount[] | null;
  /** published stories of one place, fetched for its card (older ones than the latest 500 too) */
  storiesAt: Record<string, PublicStory[]>;
  storiesOn: boolean;
  checkinsOn: boolean;
}>({
  available: false, checked: false, published: null, follow: parseFollow(null), updates: [], panelOpen: false, layerOn: false,
  pick: { picking: false, at: null, shown: false },
  filter: { ...NO_FILTER }, checkedAt: null, changedAt: null,
  stories: null, checkins: null, storiesAt: {}, storiesOn: false, checkinsOn: false,
});

const nowIso = () => new Date(Date.now()).toISOString();

/** "Pick on map": the next tap or click on the map sets the pin (Escape or a second press cancels). */
export function setPinPicking(on: boolean): void {
  participation.pick = { ...participation.pick, picking: on, shown: participation.pick.shown || on };
}

/** The pin the resident chose (a tap on the map, or the map centre from the keyboard); ends picking. */
export function setPickedPin(at: [number, number]): void {
  participation.pick = { picking: false, at, shown: true };
}

/** Whether the chosen pin is drawn (the form is open with "on the map" chosen). */
export function showPickedPin(shown: boolean): void {
  if (participation.pick.shown !== shown) participation.pick = { ...participation.pick, shown, picking: shown && participation.pick.picking };
}

export function clearPickedPin(): void {
  participation.pick = { picking: false, at: null, shown: false };
}

let probe: Promise<void> | null = null;

let waitingForNetwork = false;

/** Asks /api/health once; participation UI shows only when it answers as the participation server. */
export function detectParticipation(): Promise<void> {
  // a browser that knows it is offline is not asked to fail a request (a hall kiosk runs offline for days):
  // participation stays off until the network is back, then the probe runs
  if (!probe && typeof navigator !== 'undefined' && navigator.onLine === false) {
    participation.checked = true;
    if (!waitingForNetwork) {
      waitingForNetwork = true;
      window.addEventListener('online', () => ((waitingForNetwork = false), void detectParticipation()), { once: true });
    }
    return Promise.resolve();
  }
  probe ??= fetch('./api/health', { headers: { accept: 'application/json' } })
    .then(async (r) => {
      const body = r.ok && (r.headers.get('content-type') ?? '').includes('json') ? ((await r.json()) as { participation?: unknown }) : null;
      participation.available = body?.participation === true;
    })
    .catch(() => {
      participation.available = false;
    })
    .finally(() => {
      participation.checked = true;
    });
  return probe;
}

const DEVICE_KEY = 'tongcheng-atlas.device';
const FOLLOW_KEY = 'tongcheng-atlas.follow';

/** A random id for this browser, for the server's per-device rate limit (stored there only as a salted hash). */
export function deviceId(): string | null {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = crypto.randomUUID().replace(/-/g, '');
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return null;
  }
}

function loadFollow(): FollowState {
  try {
    return parseFollow(localStorage.getItem(FOLLOW_KEY));
  } catch {
    return parseFollow(null);
  }
}
participation.follow = loadFollow();

function saveFollow(s: FollowState): void {
  participation.follow = s;
  try {
    localStorage.setItem(FOLLOW_KEY, JSON.stringify(s));
  } catch {
    // storage blocked: followed for this visit only
  }
}

export { CATEGORIES, type Category };

export type SubmitResult = { ok: true; receipt: string } | { ok: false; reason: string };

export interface SuggestionInput {
  category: Category;
  text: string;
  elementId: string;
  contact?: string;
  lang: 'zh' | 'en';
  lon?: number;
  lat?: number;
  exact?: boolean;
}

/** Sends a suggestion; on success its receipt is remembered (followed) in this browser. */
export async function submitSuggestion(s: SuggestionInput): Promise<SubmitResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const dev = deviceId();
  if (dev) headers['x-device-id'] = dev;
  try {
    const r = await fetch('./api/suggestions', { method: 'POST', headers, body: JSON.stringify(s) });
    const body = (await r.json()) as { receipt?: string; message?: string };
    if (r.status === 201 && body.receipt) {
      const now = nowIso();
      saveFollow(
        rememberIn(participation.follow, {
          receipt: body.receipt, status: 'pending', category: s.category, text: s.text, elementId: s.elementId,
          lon: null, lat: null, reply: null, repliedAt: null, rejectReason: null, mergedInto: null, createdAt: now, updatedAt: now,
        }),
      );
      return { ok: true, receipt: body.receipt };
    }
    return { ok: false, reason: body.message ?? `HTTP ${r.status}` };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

export type LookupResult = { ok: true; receipt: Receipt } | { ok: false; reason: 'format' | 'unknown' | 'network' };

async function fetchReceipt(code: string): Promise<LookupResult> {
  try {
    const r = await fetch(`./api/suggestions/${encodeURIComponent(code)}`, { headers: { accept: 'application/json' } });
    if (r.status === 404) return { ok: false, reason: 'unknown' };
    if (!r.ok) return { ok: false, reason: 'network' };
    return { ok: true, receipt: (await r.json()) as Receipt };
  } catch {
    return { ok: false, reason: 'network' };
  }
}

/** A typed receipt code → its status and reply; a known code is remembered (followed). */
export async function lookupReceipt(raw: string): Promise<LookupResult> {
  const code = normalizeReceipt(raw);
  if (!code) return { ok: false, reason: 'format' };
  const r = await fetchReceipt(code);
  if (r.ok) saveFollow(rememberIn(participation.follow, r.receipt));
  return r;
}

export function forgetReceipt(code: string): void {
  saveFollow(forgetIn(participation.follow, code));
}

/**
 * Published suggestions. Asked again at most every 30 s unless forced (the refresh button, the periodic refresh);
 * the server's ETag goes back as If-None-Match, so an unchanged layer costs a 304 and no body.
 */
let publishedAt = 0;
let publishedP: Promise<void> | null = null;
let publishedEtag: string | null = null;
export function loadPublished(force = false): Promise<void> {
  if (!force && publishedP && Date.now() - publishedAt < 30_000) return publishedP;
  publishedAt = Date.now();
  const headers: Record<string, string> = { accept: 'application/geo+json' };
  if (publishedEtag && participation.published) headers['if-none-match'] = publishedEtag;
  publishedP = fetch('./api/suggestions.geojson', { headers, cache: 'no-store' })
    .then(async (r) => {
      if (r.status === 304) {
        participation.checkedAt = nowIso();
        return;
      }
      const fc = r.ok ? parsePublished(await r.json()) : null;
      if (!fc) return;
      participation.published = fc;
      publishedEtag = r.headers.get('etag');
      participation.checkedAt = participation.changedAt = nowIso();
    })
    .catch(() => undefined);
  return publishedP;
}

async function getItems<T>(url: string, parse: (raw: unknown) => T | null): Promise<T | null> {
  try {
    const r = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
    return r.ok ? parse(await r.json()) : null;
  } catch {
    return null;
  }
}

/** Published visitors' stories (the latest 500), for the map layer. */
export async function loadStories(): Promise<void> {
  const items = await getItems('./api/stories', parseStories);
  if (items) participation.stories = items;
}

/** One place's published stories, for its card. */
export async function loadPlaceStories(place: string): Promise<void> {
  const items = await getItems(`./api/stories?place=${encodeURIComponent(place)}`, parseStories);
  if (items) participation.storiesAt = { ...participation.storiesAt, [place]: items };
}

/** Check-ins per place (the 200 busiest), for the map's count badges. */
export async function loadCheckins(): Promise<void> {
  const items = await getItems('./api/checkins/counts', parseCheckinCounts);
  if (items) participation.checkins = items;
}

/** Everything the switched-on layers show, asked again now (the refresh button; the periodic refresh). */
export async function refreshLayers(): Promise<void> {
  if (!participation.available) return;
  await Promise.all([
    participation.layerOn ? loadPublished(true) : null,
    participation.storiesOn ? loadStories() : null,
    participation.checkinsOn ? loadCheckins() : null,
  ]);
}

export const REFRESH_MS = 30_000;

/**
 * While a participation layer is on: refreshed every 30 s when the page is visible, and at once when it becomes
 * visible again (a hidden tab asks nothing). Returns the stop function.
 */
export function startAutoRefresh(): () => void {
  const tick = () => {
    if (document.visibilityState === 'visible' && navigator.onLine !== false) void refreshLayers();
  };
  const timer = setInterval(tick, REFRESH_MS);
  const onVisible = () => {
    if (document.visibilityState === 'visible') tick();
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

export function setStoriesOn(on: boolean): void {
  participation.storiesOn = on;
  if (on) void loadStories();
}

export function setCheckinsOn(on: boolean): void {
  participation.checkinsOn = on;
  if (on) void loadCheckins();
}

export function setFilter(f: Partial<PlannerFilter>): void {
  participation.filter = { ...participation.filter, ...f };
}

export function isFollowing(elementId: string): boolean {
  return elementId in participation.follow.elements;
}

export function followElement(elementId: string): void {
  saveFollow(followIn(participation.follow, elementId, forElement(participation.published, elementId)));
}

export function unfollowElement(elementId: string): void {
  saveFollow(unfollowIn(participation.follow, elementId));
}

/** On a visit: every followed receipt and element checked against its snapshot; the changes become `updates`. */
export async function checkFollowed(): Promise<void> {
  const f = participation.follow;
  const codes = Object.keys(f.receipts);
  const elementIds = Object.keys(f.elements);
  if (!codes.length && !elementIds.length) return;
  const updates: Update[] = [];
  const answers = await Promise.all(codes.map((c) => fetchReceipt(c)));
  answers.forEach((a, i) => {
    if (a.ok) updates.push(...receiptUpdates(f.receipts[codes[i]], a.receipt));
  });
  if (elementIds.length) {
    await loadPublished();
    for (const id of elementIds) {
      const u = elementUpdate(id, f.elements[id], forElement(participation.published, id));
      if (u) updates.push(u);
    }
  }
  participation.updates = updates;
  pendingReceipts = answers.flatMap((a) => (a.ok ? [a.receipt] : []));
}
let pendingReceipts: Receipt[] = [];

/** The updates were read: the snapshots move to what the server answers now. */
export function markSeen(): void {
  let s = participation.follow;
  for (const r of pendingReceipts) s = rememberIn(s, r);
  for (const id of Object.keys(s.elements)) s = { ...s, elements: { ...s.elements, [id]: elementSnapshot(forElement(participation.published, id)) } };
  saveFollow(s);
  participation.updates = [];
}

export function setPanelOpen(open: boolean): void {
  participation.panelOpen = open;
}

export function setLayerOn(on: boolean): void {
  participation.layerOn = on;
  if (on) void loadPublished();
}

/**
 * Planners: the published suggestions the filter keeps, added to the workspace as one layer (one undo entry,
 * exported like any user layer). The workspace module loads with the tools, so it is imported here on use.
 */
export async function addSuggestionsLayer(
  filter: PlannerFilter,
  name: string,
  planFeatures: readonly { geometry: Geometry | null; properties: { id: string } }[],
): Promise<{ added: number; unplaced: number }> {
  await loadPublished(true);
  const { features, unplaced } = plannerFeatures(participation.published, filter, anchorLookup(planFeatures));
  if (!features.length) return { added: 0, unplaced };
  const ws = await import('./workspace.svelte.ts');
  const { randomId, styleForIndex } = await import('../lib/workspace/model.ts');
  const layer = suggestionsLayer({
    id: randomId('layer'), name, features, makeId: randomId, style: styleForIndex(ws.nextLayerStyleIndex()), fetchedAt: new Date(Date.now()).toISOString(), // eslint-disable-line svelte/prefer-svelte-reactivity -- a timestamp
  });
  return ws.apply({ type: 'addLayer', layer }, { label: name }) ? { added: features.length, unplaced } : { added: 0, unplaced };
}
