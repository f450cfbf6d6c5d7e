// What is planned near a place (the residents' place page): every plan element within a radius of a point
// or an area, with its distance, status and year, and how far the distance can be trusted. Pure; no DOM.
import type { Geometry } from 'geojson';
import { bboxOf } from '../geo/kernel.ts';
import { nearestEdgeDistance } from '../analysis/distance.ts';
export { APPROX_FIX_M, radiusRing } from './radius.ts';

/** The radii the page offers, in km. */
export const RADII_KM = [1, 3, 5, 10] as const;
export type RadiusKm = (typeof RADII_KM)[number];
export type NearbySort = 'distance' | 'year';

/** A plan element as the map overlay carries it (MapProps + geometry fits). */
export interface NearbyCandidate {
  id: string;
  zh: string;
  en: string;
  kind: string;
  status: string;
  accuracy: string;
  opened?: number;
  started?: number;
  target?: number;
  geometry: Geometry | null;
}

export interface NearbyOrigin {
  geometry: Geometry;
  /** schematic (a plan's wording, a county seat) or a device fix worse than APPROX_FIX_M: every distance is approximate */
  approximate: boolean;
  /** the element the place is (left out of its own list) */
  elementId?: string;
}

/** Which year says "when": opened for what exists, target for what is planned or being built. */
export type YearRole = 'since' | 'expected' | 'target' | 'started';

export interface NearbyItem {
  id: string;
  zh: string;
  en: string;
  kind: string;
  status: string;
  accuracy: string;
  year?: number;
  yearRole?: YearRole;
  /** nearest part to nearest part, metres (0: the place is inside or touches it) */
  metres: number;
  /** rounded for display; approximate when either side is schematic or the origin is */
  distance: ShownDistance;
}

export type ShownDistance =
  | { kind: 'inside'; approx: boolean }
  | { kind: 'm' | 'km'; value: number; approx: boolean };

/**
 * Rounding: exact distances to 50 m under 1 km and to 0.1 km above; approximate ones (schematic geometry)
 * to 0.5 km, never below 0.5 km: a drawing from a plan's words cannot place anything to the metre.
 */
export function showDistance(metres: number, approx: boolean): ShownDistance {
  if (metres <= 0) return { kind: 'inside', approx };
  if (approx) return { kind: 'km', value: Math.max(0.5, Math.round(metres / 500) / 2), approx };
  if (metres < 1000) return { kind: 'm', value: Math.max(50, Math.round(metres / 50) * 50), approx };
  return { kind: 'km', value: Math.round(metres / 100) / 10, approx };
}

export function yearOf(c: Pick<NearbyCandidate, 'status' | 'opened' | 'started' | 'target'>): { year?: number; yearRole?: YearRole } {
  if (c.status === 'existing') return c.opened !== undefined ? { year: c.opened, yearRole: 'since' } : {};
  if (c.target !== undefined) return { year: c.target, yearRole: c.status === 'underConstruction' ? 'expected' : 'target' };
  if (c.started !== undefined) return { year: c.started, yearRole: 'started' };
  return {};
}

/** Degrees of latitude/longitude that surely cover `metres` around latitude `lat` (a prefilter, not the distance). */
function margin(metres: number, lat: number): [number, number] {
  const dLat = (metres / 110_500) * 1.05;
  const dLon = dLat / Math.max(0.2, Math.cos((lat * Math.PI) / 180));
  return [dLon, dLat];
}

/** Every candidate within radiusKm of the origin (geodesic, nearest part to nearest part). */
export function nearby(origin: NearbyOrigin, candidates: readonly NearbyCandidate[], radiusKm: number, sort: NearbySort = 'distance'): NearbyItem[] {
  const ob = bboxOf(origin.geometry);
  if (!ob) return [];
  const limit = radiusKm * 1000;
  const [dLon, dLat] = margin(limit, (ob[1] + ob[3]) / 2);
  const out: NearbyItem[] = [];
  for (const c of candidates) {
    if (!c.geometry || c.id === origin.elementId) continue;
    const cb = bboxOf(c.geometry);
    if (!cb || cb[0] > ob[2] + dLon || cb[2] < ob[0] - dLon || cb[1] > ob[3] + dLat || cb[3] < ob[1] - dLat) continue;
    const metres = nearestEdgeDistance(origin.geometry, c.geometry).metres;
    if (metres > limit) continue;
    const approx = origin.approximate || c.accuracy === 'schematic';
    out.push({
      id: c.id, zh: c.zh, en: c.en, kind: c.kind, status: c.status, accuracy: c.accuracy,
      ...yearOf(c),
      metres,
      distance: showDistance(metres, approx),
    });
  }
  return sortNearby(out, sort);
}

/** By distance (ties by name id), or by year, earliest first, undated last, then by distance. */
export function sortNearby(items: NearbyItem[], sort: NearbySort): NearbyItem[] {
  const byDistance = (a: NearbyItem, b: NearbyItem) => a.metres - b.metres || a.id.localeCompare(b.id);
  return [...items].sort(sort === 'distance' ? byDistance : (a, b) => (a.year ?? Infinity) - (b.year ?? Infinity) || byDistance(a, b));
}

/** How many candidates each offered radius holds (for the radius buttons). */
export function countsByRadius(origin: NearbyOrigin, candidates: readonly NearbyCandidate[]): Record<RadiusKm, number> {
  const all = nearby(origin, candidates, RADII_KM[RADII_KM.length - 1]);
  return Object.fromEntries(RADII_KM.map((r) => [r, all.filter((i) => i.metres <= r * 1000).length])) as Record<RadiusKm, number>;
}
