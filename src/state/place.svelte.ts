// The residents' place page ("我的地方"): the place chosen (search, an element, the device's position),
// the radius and sort of its list, and the locate-me request. The page is the `place` panel.
import { placeFromKey, type PlaceTarget } from '../lib/place/target.ts';
import type { NearbySort, RadiusKm } from '../lib/place/nearby.ts';
import { buildSearchIndex } from '../lib/search/index.ts';
import type { PlacesData } from '../lib/search/places.ts';
import { app, setPanel } from './app.svelte.ts';
import { plan } from './plan.svelte.ts';
import { registerHashKey } from './url.svelte.ts';

export const place = $state<{
  target: PlaceTarget | null;
  radiusKm: RadiusKm;
  sort: NearbySort;
  locating: boolean;
  /** the last locate-me failure, as a catalog key suffix (denied, unavailable, timeout, unsupported) */
  locateError: string | null;
  /** a tap on stacked elements: all of them, to choose from */
  chooser: { items: { id: string; zh: string; en: string; kind: string; accuracy: string }[]; x: number; y: number } | null;
  /** a place named by a link (`place=` in the hash) until the data to find it has arrived */
  pendingKey: string | null;
}>({ target: null, radiusKm: 5, sort: 'distance', locating: false, locateError: null, chooser: null, pendingKey: null });

// The place page is in the link (`#panel=place&place=element:town-shijia`), so a shared link opens it.
// A position is never written: it is the resident's own.
registerHashKey(
  'place',
  () => (app.panel === 'place' ? (place.pendingKey ?? place.target?.key) : undefined),
  (value) => {
    if (value && value !== place.target?.key) place.pendingKey = value;
  },
);

let placesJson: Promise<PlacesData> | null = null;

/**
 * Finds the place a link names once the plan overlay is there (places.json is fetched for it) and
 * opens it; a key that names nothing leaves the page's prompt.
 */
export async function resolvePendingPlace(): Promise<void> {
  const key = place.pendingKey;
  if (!key || !plan.index) return;
  placesJson ??= fetch(`${import.meta.env.BASE_URL}data/places.json`).then((r) => r.json() as Promise<PlacesData>);
  const places = await placesJson;
  if (place.pendingKey !== key) return;
  // the same index and elements as the header's search (SearchHost), so the place is the one it found
  const features = plan.features;
  const index = buildSearchIndex(places, features.map((f) => ({ properties: { id: f.properties.id, name: { zh: f.properties.zh, en: f.properties.en }, kind: f.properties.kind }, geometry: f.geometry })));
  const elements = features.map((f) => ({ id: f.properties.id, zh: f.properties.zh, en: f.properties.en, accuracy: f.properties.accuracy, geometry: f.geometry }));
  const target = placeFromKey(key, index, places, elements);
  place.pendingKey = null;
  if (target) place.target = target;
}

export function openChooser(hits: { id: string; zh: string; en: string; kind: string; accuracy: string }[], x: number, y: number): void {
  place.chooser = { items: hits.map(({ id, zh, en, kind, accuracy }) => ({ id, zh, en, kind, accuracy })), x, y };
}

export function closeChooser(): void {
  place.chooser = null;
}

/** Opens the place page on a place. */
export function showPlace(target: PlaceTarget): void {
  place.target = target;
  place.locateError = null;
  setPanel('place');
}

export function closePlace(): void {
  if (app.panel === 'place') setPanel(null);
}

export function setPlaceRadius(r: RadiusKm): void {
  place.radiusKm = r;
}

export function setPlaceSort(sort: NearbySort): void {
  place.sort = sort;
}

export function setLocating(on: boolean): void {
  place.locating = on;
  if (on) place.locateError = null;
}

export function setLocateError(reason: string | null): void {
  place.locateError = reason;
  place.locating = false;
}

/** What a shared link is about, for the page title: the place page's place, else the selected element. */
export function shareSubject(lang: 'zh' | 'en', selectedId: string | null): string | undefined {
  const target = app.panel === 'place' ? place.target : null;
  if (target) return target.kind === 'me' ? undefined : target.name[lang];
  const f = selectedId ? plan.features.find((x) => x.properties.id === selectedId) : undefined;
  return f ? f.properties[lang] : undefined;
}
