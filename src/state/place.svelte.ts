// The residents' place page ("我的地方"): the place chosen (search, an element, the device's position),
// the radius and sort of its list, and the locate-me request. The page is the `place` panel.
import type { PlaceTarget } from '../lib/place/target.ts';
import type { NearbySort, RadiusKm } from '../lib/place/nearby.ts';
import { app, setPanel } from './app.svelte.ts';

export const place = $state<{
  target: PlaceTarget | null;
  radiusKm: RadiusKm;
  sort: NearbySort;
  locating: boolean;
  /** the last locate-me failure, as a catalog key suffix (denied, unavailable, timeout, unsupported) */
  locateError: string | null;
  /** a tap on stacked elements: all of them, to choose from */
  chooser: { items: { id: string; zh: string; en: string; kind: string; accuracy: string }[]; x: number; y: number } | null;
}>({ target: null, radiusKm: 5, sort: 'distance', locating: false, locateError: null, chooser: null });

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
