// Visitors' stories (GET /api/stories) and check-in counts (GET /api/checkins/counts) for the card and the map.
// Both are tied to a place key (schema.PLACE_KEY); a place is drawn at the story's own position, else at its
// element's anchor. Scenes, counties and towns have no anchor here: they are listed, not drawn (`unplaced`).
import type { Feature, FeatureCollection, Point } from 'geojson';
import { PLACE_KEY } from './schema.ts';

export interface PublicStory {
  id: number;
  place: string;
  text: string;
  lon: number | null;
  lat: number | null;
  lang: string;
  createdAt: string;
}

export interface CheckinCount {
  place: string;
  n: number;
}

const finiteOrNull = (x: unknown) => x === null || (typeof x === 'number' && Number.isFinite(x));

/** The server's stories answer, checked item by item; anything malformed rejects the whole answer. */
export function parseStories(raw: unknown): PublicStory[] | null {
  const items = (raw as { items?: unknown })?.items;
  if (!Array.isArray(items)) return null;
  const ok = items.every((s: Partial<PublicStory>) =>
    !!s && typeof s.id === 'number' && typeof s.text === 'string' && typeof s.place === 'string' && PLACE_KEY.test(s.place) &&
    finiteOrNull(s.lon) && finiteOrNull(s.lat) && (s.lon === null) === (s.lat === null) && typeof s.createdAt === 'string',
  );
  return ok ? (items as PublicStory[]) : null;
}

export function parseCheckinCounts(raw: unknown): CheckinCount[] | null {
  const items = (raw as { items?: unknown })?.items;
  if (!Array.isArray(items)) return null;
  const ok = items.every((c: Partial<CheckinCount>) => !!c && typeof c.place === 'string' && PLACE_KEY.test(c.place) && Number.isInteger(c.n) && c.n! >= 0);
  return ok ? (items as CheckinCount[]) : null;
}

/** The element id of an `element:<id>` place, else null. */
export function elementOfPlace(place: string): string | null {
  return place.startsWith('element:') ? place.slice('element:'.length) : null;
}

/** Where a place is drawn: an element's anchor; null for scenes, counties, towns (no anchor in the app). */
export function placeAnchor(place: string, anchorOf: (elementId: string) => [number, number] | null): [number, number] | null {
  const id = elementOfPlace(place);
  return id ? anchorOf(id) : null;
}

/** The stories about one element, newest first. */
export function storiesForElement(stories: readonly PublicStory[] | null, elementId: string): PublicStory[] {
  return (stories ?? []).filter((s) => s.place === `element:${elementId}`).sort((a, b) => b.id - a.id);
}

export interface StoryPointProps {
  id: number;
  place: string;
  elementId: string | null;
}

/** One point per published story: its own position, else its place's anchor; the rest counted as unplaced. */
export function storyPoints(
  stories: readonly PublicStory[] | null,
  anchorOf: (elementId: string) => [number, number] | null,
): { points: FeatureCollection<Point, StoryPointProps>; unplaced: number } {
  const features: Feature<Point, StoryPointProps>[] = [];
  let unplaced = 0;
  for (const s of stories ?? []) {
    const at = s.lon !== null && s.lat !== null ? ([s.lon, s.lat] as [number, number]) : placeAnchor(s.place, anchorOf);
    if (!at) {
      unplaced++;
      continue;
    }
    features.push({ type: 'Feature', id: s.id, geometry: { type: 'Point', coordinates: at }, properties: { id: s.id, place: s.place, elementId: elementOfPlace(s.place) } });
  }
  return { points: { type: 'FeatureCollection', features }, unplaced };
}

export interface CheckinPointProps {
  place: string;
  elementId: string | null;
  n: number;
  /** the count as drawn on the badge: 999+ above that */
  label: string;
}

/** One badge per place with check-ins, at its anchor (places without one counted as unplaced); busiest first. */
export function checkinPoints(
  counts: readonly CheckinCount[] | null,
  anchorOf: (elementId: string) => [number, number] | null,
): { points: FeatureCollection<Point, CheckinPointProps>; unplaced: number; total: number } {
  const features: Feature<Point, CheckinPointProps>[] = [];
  let unplaced = 0;
  let total = 0;
  for (const c of [...(counts ?? [])].sort((a, b) => b.n - a.n || a.place.localeCompare(b.place))) {
    if (c.n <= 0) continue;
    total += c.n;
    const at = placeAnchor(c.place, anchorOf);
    if (!at) {
      unplaced++;
      continue;
    }
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: at },
      properties: { place: c.place, elementId: elementOfPlace(c.place), n: c.n, label: c.n > 999 ? '999+' : String(c.n) },
    });
  }
  return { points: { type: 'FeatureCollection', features }, unplaced, total };
}

/**
 * The server's list with the per-place counts this browser heard since (the answer to its own check-in, a card's
 * count): check-ins are never deleted, so the larger of the two is the newer.
 */
export function mergeCounts(list: readonly CheckinCount[] | null, perPlace: Readonly<Record<string, number>>): CheckinCount[] {
  const m = new Map((list ?? []).map((c) => [c.place, c.n]));
  for (const [place, n] of Object.entries(perPlace)) if (PLACE_KEY.test(place)) m.set(place, Math.max(n, m.get(place) ?? 0));
  return [...m].map(([place, n]) => ({ place, n }));
}
