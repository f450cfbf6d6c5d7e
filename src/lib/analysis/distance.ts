// Distances between plan elements: centroid to centroid, and nearest boundary to boundary (0 when
// they touch, cross or one holds the other). Candidates are found in the Albers plane, then the
// best ones are refined on the WGS84 ellipsoid, so the figure is a true geodesic distance.
import type { Geometry, Position } from 'geojson';
import { both } from '../i18n/catalog.ts';
import { Geodesic, geodesicDistance } from '../geo/geodesic.ts';
import { buildPolySet, pointInPolySet, type PolySet } from './polyset.ts';
import { fromAlbers, toAlbers } from './projection.ts';

/** A geometry unpacked for distance work: vertices (lon/lat and Albers) and edges. */
export interface Shape {
  ll: number[];
  xy: number[];
  /** pairs of vertex indices */
  segs: number[];
  areal: PolySet | null;
}

export function toShape(g: Geometry): Shape {
  const ll: number[] = [];
  const xy: number[] = [];
  const segs: number[] = [];
  const areals: Geometry[] = [];
  const addPath = (path: Position[], asSegments: boolean) => {
    const start = ll.length / 2;
    for (const p of path) {
      const q = toAlbers(p);
      ll.push(p[0], p[1]);
      xy.push(q[0], q[1]);
    }
    if (asSegments) for (let i = start; i + 1 < ll.length / 2; i++) segs.push(i, i + 1);
  };
  const walk = (x: Geometry) => {
    switch (x.type) {
      case 'Point':
        addPath([x.coordinates], false);
        break;
      case 'MultiPoint':
        addPath(x.coordinates, false);
        break;
      case 'LineString':
        addPath(x.coordinates, true);
        break;
      case 'MultiLineString':
        x.coordinates.forEach((l) => addPath(l, true));
        break;
      case 'Polygon':
        x.coordinates.forEach((l) => addPath(l, true));
        areals.push(x);
        break;
      case 'MultiPolygon':
        x.coordinates.forEach((p) => p.forEach((l) => addPath(l, true)));
        areals.push(x);
        break;
      case 'GeometryCollection':
        x.geometries.forEach(walk);
        break;
    }
  };
  walk(g);
  const areal = areals.length
    ? buildPolySet(
        [
          {
            type: 'MultiPolygon',
            coordinates: areals.flatMap((a) => (a.type === 'Polygon' ? [a.coordinates] : a.type === 'MultiPolygon' ? a.coordinates : [])),
          },
        ],
        toAlbers,
      )
    : null;
  return { ll, xy, segs, areal };
}

export const CENTROID_METHOD = both('method.centroid');
export const EDGE_METHOD = both('method.edge');

/** Area-weighted centroid for areas, length-weighted for lines, mean for points ([lon, lat]). */
export function centroidOf(g: Geometry): [number, number] {
  const s = toShape(g);
  if (s.areal) {
    const P = s.areal;
    let ax = 0, ay = 0, a2 = 0;
    const ox = P.bbox[0], oy = P.bbox[1];
    for (let r = 0; r < P.ringStart.length - 1; r++) {
      for (let v = P.ringStart[r]; v < P.ringStart[r + 1] - 1; v++) {
        const x1 = P.xy[2 * v] - ox, y1 = P.xy[2 * v + 1] - oy, x2 = P.xy[2 * v + 2] - ox, y2 = P.xy[2 * v + 3] - oy;
        const c = x1 * y2 - x2 * y1;
        a2 += c;
        ax += (x1 + x2) * c;
        ay += (y1 + y2) * c;
      }
    }
    if (a2 !== 0) return fromAlbers([ax / (3 * a2) + ox, ay / (3 * a2) + oy]);
  }
  if (s.segs.length) {
    let wx = 0, wy = 0, w = 0;
    for (let k = 0; k < s.segs.length; k += 2) {
      const i = s.segs[k], j = s.segs[k + 1];
      const l = Math.hypot(s.xy[2 * j] - s.xy[2 * i], s.xy[2 * j + 1] - s.xy[2 * i + 1]);
      wx += ((s.xy[2 * i] + s.xy[2 * j]) / 2) * l;
      wy += ((s.xy[2 * i + 1] + s.xy[2 * j + 1]) / 2) * l;
      w += l;
    }
    if (w > 0) return fromAlbers([wx / w, wy / w]);
  }
  const n = s.xy.length / 2;
  if (n === 0) throw new RangeError('Empty geometry has no centroid');
  let x = 0, y = 0;
  for (let i = 0; i < n; i++) {
    x += s.xy[2 * i];
    y += s.xy[2 * i + 1];
  }
  return fromAlbers([x / n, y / n]);
}

export interface DistanceResult {
  metres: number;
  /** the two points the distance runs between ([lon, lat]) */
  from: [number, number];
  to: [number, number];
  method: { zh: string; en: string };
}

export function centroidDistance(a: Geometry, b: Geometry): DistanceResult {
  const from = centroidOf(a), to = centroidOf(b);
  return { metres: geodesicDistance(from, to), from, to, method: { ...CENTROID_METHOD } };
}

function segsCross(a: Shape, b: Shape): [number, number] | null {
  for (let k = 0; k < a.segs.length; k += 2) {
    const i = a.segs[k], j = a.segs[k + 1];
    const x1 = a.xy[2 * i], y1 = a.xy[2 * i + 1], x2 = a.xy[2 * j], y2 = a.xy[2 * j + 1];
    const minx = Math.min(x1, x2), maxx = Math.max(x1, x2), miny = Math.min(y1, y2), maxy = Math.max(y1, y2);
    for (let m = 0; m < b.segs.length; m += 2) {
      const p = b.segs[m], q = b.segs[m + 1];
      const x3 = b.xy[2 * p], y3 = b.xy[2 * p + 1], x4 = b.xy[2 * q], y4 = b.xy[2 * q + 1];
      if (Math.max(x3, x4) < minx || Math.min(x3, x4) > maxx || Math.max(y3, y4) < miny || Math.min(y3, y4) > maxy) continue;
      const d1 = orient(x3, y3, x4, y4, x1, y1), d2 = orient(x3, y3, x4, y4, x2, y2);
      const d3 = orient(x1, y1, x2, y2, x3, y3), d4 = orient(x1, y1, x2, y2, x4, y4);
      if (((d1 <= 0 && d2 >= 0) || (d1 >= 0 && d2 <= 0)) && ((d3 <= 0 && d4 >= 0) || (d3 >= 0 && d4 <= 0))) {
        if (d1 === 0 && d2 === 0) {
          // collinear: overlapping only if the projections overlap (bboxes already do)
          return [a.ll[2 * i], a.ll[2 * i + 1]];
        }
        const t = d1 / (d1 - d2);
        return [a.ll[2 * i] + (a.ll[2 * j] - a.ll[2 * i]) * t, a.ll[2 * i + 1] + (a.ll[2 * j + 1] - a.ll[2 * i + 1]) * t];
      }
    }
  }
  return null;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function vertexInside(a: Shape, b: Shape): [number, number] | null {
  if (!b.areal) return null;
  for (let i = 0; i < a.xy.length / 2; i++) {
    if (pointInPolySet(b.areal, 0, a.xy[2 * i], a.xy[2 * i + 1])) return [a.ll[2 * i], a.ll[2 * i + 1]];
  }
  return null;
}

interface Candidate {
  d: number;
  /** vertex of one shape */
  v: number;
  /** segment (index into segs) of the other */
  s: number;
  /** true: vertex from a, segment from b */
  aToB: boolean;
}

function planarPointSeg(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1, dy = y2 - y1;
  const l2 = dx * dx + dy * dy;
  let t = l2 > 0 ? ((px - x1) * dx + (py - y1) * dy) / l2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return Math.hypot(px - x1 - dx * t, py - y1 - dy * t);
}

/** Geodesic distance from point p to the geodesic segment a→b, and the nearest point on it. */
export function pointToGeodesicSegment(p: Position, a: Position, b: Position): { metres: number; at: [number, number] } {
  const geod = Geodesic.WGS84;
  const line = geod.InverseLine(a[1], a[0], b[1], b[0]);
  const len = line.s13;
  const at = (s: number): [number, number] => {
    const r = line.Position(s);
    return [r.lon2 ?? NaN, r.lat2 ?? NaN];
  };
  const f = (s: number) => geodesicDistance(p, at(s));
  // golden-section search; the distance along a short geodesic is unimodal
  let lo = 0, hi = len;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
  let f1 = f(x1), f2 = f(x2);
  for (let i = 0; i < 60 && hi - lo > 1e-4; i++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    }
  }
  let best = (lo + hi) / 2;
  let bestD = f(best);
  for (const s of [0, len]) {
    const d = f(s);
    if (d < bestD) {
      bestD = d;
      best = s;
    }
  }
  return { metres: bestD, at: at(best) };
}

/** Nearest boundary-to-boundary distance; 0 when the geometries touch, cross or contain. */
export function nearestEdgeDistance(a: Geometry | Shape, b: Geometry | Shape): DistanceResult {
  const A = 'segs' in a ? a : toShape(a);
  const B = 'segs' in b ? b : toShape(b);
  const method = { ...EDGE_METHOD };
  const hit = segsCross(A, B) ?? vertexInside(A, B) ?? vertexInside(B, A);
  if (hit) return { metres: 0, from: hit, to: hit, method };
  // planar screening, then geodesic refinement of every candidate near the planar best
  const cands: Candidate[] = [];
  let best = Infinity;
  const scan = (P: Shape, Q: Shape, aToB: boolean, collect: boolean, limit: number) => {
    for (let v = 0; v < P.xy.length / 2; v++) {
      const px = P.xy[2 * v], py = P.xy[2 * v + 1];
      if (Q.segs.length === 0) {
        for (let w = 0; w < Q.xy.length / 2; w++) {
          const d = Math.hypot(px - Q.xy[2 * w], py - Q.xy[2 * w + 1]);
          if (!collect) best = Math.min(best, d);
          else if (d <= limit) cands.push({ d, v, s: -1 - w, aToB });
        }
        continue;
      }
      for (let k = 0; k < Q.segs.length; k += 2) {
        const i = Q.segs[k], j = Q.segs[k + 1];
        const d = planarPointSeg(px, py, Q.xy[2 * i], Q.xy[2 * i + 1], Q.xy[2 * j], Q.xy[2 * j + 1]);
        if (!collect) best = Math.min(best, d);
        else if (d <= limit) cands.push({ d, v, s: k, aToB });
      }
    }
  };
  scan(A, B, true, false, 0);
  scan(B, A, false, false, 0);
  if (!Number.isFinite(best)) throw new RangeError('Empty geometry: no distance');
  // Albers scale error over Sichuan is well under 3%; 5% + 1 m keeps the true nearest pair.
  const limit = best * 1.05 + 1;
  scan(A, B, true, true, limit);
  scan(B, A, false, true, limit);
  cands.sort((x, y) => x.d - y.d);
  let out: DistanceResult = { metres: Infinity, from: [NaN, NaN], to: [NaN, NaN], method };
  for (const c of cands.slice(0, 64)) {
    const P = c.aToB ? A : B, Q = c.aToB ? B : A;
    const p: [number, number] = [P.ll[2 * c.v], P.ll[2 * c.v + 1]];
    let metres: number, at: [number, number];
    if (c.s < 0) {
      at = [Q.ll[2 * (-1 - c.s)], Q.ll[2 * (-1 - c.s) + 1]];
      metres = geodesicDistance(p, at);
    } else {
      const i = Q.segs[c.s], j = Q.segs[c.s + 1];
      ({ metres, at } = pointToGeodesicSegment(p, [Q.ll[2 * i], Q.ll[2 * i + 1]], [Q.ll[2 * j], Q.ll[2 * j + 1]]));
    }
    if (metres < out.metres) out = { metres, from: c.aToB ? p : at, to: c.aToB ? at : p, method };
  }
  return out;
}
