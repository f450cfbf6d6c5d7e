// The geometry kernel: walking positions, bounding boxes, planar ring area, winding, point-in-polygon and
// self-intersection, over Turf's modules (kinks' pairing is replaced, see selfIntersections). Everything else in src/ and scripts/ uses these instead of its own
// copy. (The allocation-free overlap kernel in src/lib/analysis/polyset.ts stays separate: it is benchmarked.)
import bbox from '@turf/bbox';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { coordAll, coordEach } from '@turf/meta';
import rewind from '@turf/rewind';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';

export type BBox4 = [west: number, south: number, east: number, north: number];

/** Calls fn for every position of the geometry (GeometryCollections included). */
export function forEachPosition(g: Geometry | null | undefined, fn: (p: Position) => void): void {
  if (g) coordEach(g, (p) => fn(p as Position));
}

/** Every position of the geometry, in order (the positions themselves, not copies). */
export function allPositions(g: Geometry | null | undefined): Position[] {
  return g ? coordAll(g) : [];
}

/** How many positions the geometry has: a cheap measure of its size. */
export function countPositions(g: Geometry | null | undefined): number {
  let n = 0;
  forEachPosition(g, () => n++);
  return n;
}

/** A new geometry of the same shape with fn applied to every position (members other than coordinates are dropped). */
export function mapPositions(g: Geometry, fn: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: g.type, coordinates: fn(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(fn) };
    case 'MultiLineString':
    case 'Polygon':
      return { type: g.type, coordinates: g.coordinates.map((l) => l.map(fn)) };
    case 'MultiPolygon':
      return { type: g.type, coordinates: g.coordinates.map((p) => p.map((l) => l.map(fn))) };
    case 'GeometryCollection':
      return { type: g.type, geometries: g.geometries.map((m) => mapPositions(m, fn)) };
  }
}

/** [west, south, east, north] of the geometry, or null when it has no position. */
export function bboxOf(g: Geometry | null | undefined): BBox4 | null {
  if (!g) return null;
  const b = bbox(g);
  return Number.isFinite(b[0]) ? [b[0], b[1], b[2], b[3]] : null;
}

/** Planar signed area of a closed lon/lat ring (positive = anticlockwise); for orientation and rough size. */
export function signedRingArea(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

/** RFC 7946 §3.1.6 right-hand rule for polygons (exterior anticlockwise, holes clockwise); lines and points as they are. */
export function rewindPolygons(g: Geometry): Geometry {
  switch (g.type) {
    case 'Polygon':
    case 'MultiPolygon':
      return rewind(g) as Polygon | MultiPolygon;
    case 'GeometryCollection':
      return { type: g.type, geometries: g.geometries.map(rewindPolygons) };
    default:
      return g;
  }
}

/** Whether [x, y] lies inside the rings of one polygon (holes excluded; on the boundary counts as inside). */
export function pointInRings(rings: Position[][], p: Position): boolean {
  return rings.length > 0 && booleanPointInPolygon(p, { type: 'Polygon', coordinates: rings });
}

/**
 * Repeated consecutive vertices removed. A ring that then has under 4 positions (a-b-a) encloses nothing: it
 * is dropped (with its holes if it is a shell), and `dropped` counts it.
 */
export function dedupeRings(g: Polygon | MultiPolygon): { clean: MultiPolygon; dropped: number } {
  const dedupeRing = (r: Position[]) => r.filter((p, i) => i === 0 || p[0] !== r[i - 1][0] || p[1] !== r[i - 1][1]);
  let dropped = 0;
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flatMap((p) => {
    const rs = p.map(dedupeRing);
    if (rs[0].length < 4) {
      dropped += rs.length;
      return [];
    }
    const kept = rs.filter((r, i) => i === 0 || r.length >= 4);
    dropped += rs.length - kept.length;
    return [kept];
  });
  return { clean: { type: 'MultiPolygon', coordinates: polys }, dropped };
}

/**
 * Where polygon rings cross themselves or each other. `crossings` are proper crossings; `touches` are rings
 * meeting at one of their vertices, which leave areas unchanged. Repeated vertices are removed first (they
 * would read as false crossings). Same pairs and the same intersection arithmetic as Turf's kinks, in the
 * same order, but segments are paired by a sort on x instead of all with all: kinks is O(n²) and took
 * 20 s on a 20,000-vertex ring, this takes milliseconds, so no size cap is needed.
 */
export function selfIntersections(g: Polygon | MultiPolygon): { crossings: Position[]; touches: Position[] } {
  const { clean } = dedupeRings(g);
  const rings = clean.coordinates.flat();
  const segs: { ring: number; k: number; last: number; a: Position; b: Position; minX: number; maxX: number }[] = [];
  rings.forEach((r, ring) => {
    for (let k = 0; k + 1 < r.length; k++) {
      const a = r[k], b = r[k + 1];
      segs.push({ ring, k, last: r.length - 2, a, b, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) });
    }
  });
  segs.sort((p, q) => p.minX - q.minX);
  const found: { key: [number, number, number, number]; at: Position }[] = [];
  for (let i = 0; i < segs.length; i++) {
    const si = segs[i];
    for (let j = i + 1; j < segs.length && segs[j].minX <= si.maxX; j++) {
      const sj = segs[j];
      if (Math.max(si.a[1], si.b[1]) < Math.min(sj.a[1], sj.b[1]) || Math.min(si.a[1], si.b[1]) > Math.max(sj.a[1], sj.b[1])) continue;
      // kinks' order: the segment of the earlier ring (or earlier in the ring) first
      const [s1, s2] = si.ring < sj.ring || (si.ring === sj.ring && si.k < sj.k) ? [si, sj] : [sj, si];
      if (s1.ring === s2.ring && (s2.k - s1.k === 1 || (s1.k === 0 && s2.k === s1.last))) continue;
      const at = segmentIntersection(s1.a, s1.b, s2.a, s2.b);
      if (at) found.push({ key: [s1.ring, s1.k, s2.ring, s2.k], at });
    }
  }
  found.sort((p, q) => p.key[0] - q.key[0] || p.key[1] - q.key[1] || p.key[2] - q.key[2] || p.key[3] - q.key[3]);
  const vertices = new Set(rings.flat().map((p) => `${p[0]},${p[1]}`));
  const crossings: Position[] = [];
  const touches: Position[] = [];
  for (const { at } of found) (vertices.has(`${at[0]},${at[1]}`) ? touches : crossings).push(at);
  return { crossings, touches };
}

/** The point where segments p1–p2 and p3–p4 meet (ends included), or null; parallel segments never meet. As in @turf/kinks. */
function segmentIntersection(p1: Position, p2: Position, p3: Position, p4: Position): Position | null {
  const den = (p4[1] - p3[1]) * (p2[0] - p1[0]) - (p4[0] - p3[0]) * (p2[1] - p1[1]);
  if (den === 0) return null;
  const dy = p1[1] - p3[1];
  const dx = p1[0] - p3[0];
  const a = ((p4[0] - p3[0]) * dy - (p4[1] - p3[1]) * dx) / den;
  const b = ((p2[0] - p1[0]) * dy - (p2[1] - p1[1]) * dx) / den;
  if (a < 0 || a > 1 || b < 0 || b > 1) return null;
  return [p1[0] + a * (p2[0] - p1[0]), p1[1] + a * (p2[1] - p1[1])];
}
