// Overlap matrix: which pairs of areal elements intersect, the intersection area and each one's
// share. A flatbush bbox index picks candidate pairs; PairKernel computes exact planar areas in
// the Albers equal-area projection. Intersection *geometry* (for the map or export) is built only
// on request, with polyclip-ts in the same projection.
import Flatbush from 'flatbush';
import { intersection as clipIntersection } from 'polyclip-ts';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { buildPolySet, PairKernel, type PolySet } from './polyset.ts';
import { fromAlbers, OVERLAP_METHOD, toAlbers } from './projection.ts';
import { geodesicArea } from '../geo/geodesic.ts';

export type Areal = Polygon | MultiPolygon;

export interface OverlapOptions {
  /** overlaps below this many m² count as touching (default 1 m²) */
  sliverM2?: number;
  /**
   * overlaps thinner than this mean width (area ÷ half the perimeter, m) count as touching:
   * borders drawn with different vertices meet along curves in the projection (default 1 m)
   */
  sliverWidthM?: number;
  signal?: AbortSignal;
  /** called with (done, total) about every 1% of the work */
  onProgress?: (done: number, total: number) => void;
}

export interface OverlapPair {
  /** index into group A (and into group B, or A again for a single group) */
  a: number;
  b: number;
  areaM2: number;
  /** intersection area / area of a, and / area of b (0..1) */
  shareA: number;
  shareB: number;
}

export interface OverlapResult {
  pairs: OverlapPair[];
  /** pairs whose boundaries meet but whose common area is below the sliver tolerance */
  touching: Array<{ a: number; b: number }>;
  /** candidate pairs the bbox index passed to the exact test */
  candidates: number;
  /** planar Albers area of each input, m² */
  areasA: Float64Array;
  areasB: Float64Array;
  method: { zh: string; en: string };
}

export const DEFAULT_SLIVER_M2 = 1;
export const DEFAULT_SLIVER_WIDTH_M = 1;

/** Albers-projected packed polygons; keep one per group and reuse it across jobs. */
export function projectAreal(geoms: readonly (Areal | null | undefined)[]): PolySet {
  return buildPolySet(geoms, toAlbers, 1e-6);
}

export function buildIndex(set: PolySet): Flatbush {
  const index = new Flatbush(Math.max(1, set.count));
  for (let i = 0; i < set.count; i++) {
    const b = set.bbox;
    if (Number.isFinite(b[4 * i])) index.add(b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]);
    else index.add(Infinity, Infinity, Infinity, Infinity); // empty: never found
  }
  if (set.count === 0) index.add(Infinity, Infinity, Infinity, Infinity);
  index.finish();
  return index;
}

export function abortError(): Error {
  const e = new Error('Analysis cancelled');
  e.name = 'AbortError';
  return e;
}

/** Incremental overlap matrix: run rows in slices so a worker can yield to cancel messages. */
export class OverlapJob {
  readonly A: PolySet;
  readonly B: PolySet;
  private single: boolean;
  private index: Flatbush;
  private kernel = new PairKernel();
  private next = 0;
  private pairs: OverlapPair[] = [];
  private touching: Array<{ a: number; b: number }> = [];
  private candidates = 0;
  private sliverM2: number;
  private sliverWidthM: number;

  constructor(
    groupA: readonly (Areal | null | undefined)[] | PolySet,
    groupB?: readonly (Areal | null | undefined)[] | PolySet,
    private opts: OverlapOptions = {},
  ) {
    this.A = isSet(groupA) ? groupA : projectAreal(groupA);
    this.single = groupB === undefined;
    this.B = groupB === undefined ? this.A : isSet(groupB) ? groupB : projectAreal(groupB);
    this.index = buildIndex(this.B);
    this.sliverM2 = opts.sliverM2 ?? DEFAULT_SLIVER_M2;
    this.sliverWidthM = opts.sliverWidthM ?? DEFAULT_SLIVER_WIDTH_M;
  }

  get done(): boolean {
    return this.next >= this.A.count;
  }

  /** Process up to `rows` polygons of group A; throws AbortError when the signal fired. */
  step(rows: number): void {
    const { A, B, kernel, opts } = this;
    const end = Math.min(A.count, this.next + rows);
    const every = Math.max(1, Math.floor(A.count / 100));
    for (let i = this.next; i < end; i++) {
      if (i % every === 0) {
        if (opts.signal?.aborted) throw abortError();
        opts.onProgress?.(i, A.count);
      }
      const bb = A.bbox;
      if (!Number.isFinite(bb[4 * i])) continue;
      const found = this.index.search(bb[4 * i], bb[4 * i + 1], bb[4 * i + 2], bb[4 * i + 3]);
      for (const j of found) {
        if (this.single && j <= i) continue;
        this.candidates++;
        const area = kernel.area(A, i, B, j);
        if (!kernel.touched) continue;
        const aA = A.area[i], aB = B.area[j];
        if (area < this.sliverM2 || area < (this.sliverWidthM * kernel.perimeter) / 2) {
          this.touching.push({ a: i, b: j });
          continue;
        }
        this.pairs.push({ a: i, b: j, areaM2: area, shareA: clamp01(area / aA), shareB: clamp01(area / aB) });
      }
    }
    this.next = end;
    if (this.done) opts.onProgress?.(A.count, A.count);
  }

  result(): OverlapResult {
    const pairs = [...this.pairs].sort((p, q) => p.a - q.a || p.b - q.b);
    const touching = [...this.touching].sort((p, q) => p.a - q.a || p.b - q.b);
    return { pairs, touching, candidates: this.candidates, areasA: this.A.area, areasB: this.B.area, method: { ...OVERLAP_METHOD } };
  }
}

/**
 * All intersecting pairs within group A (b omitted: pairs i < j) or between groups A and B.
 * Accepts geometries or packed sets (pass sets to reuse projection work).
 */
export function overlapMatrix(
  groupA: readonly (Areal | null | undefined)[] | PolySet,
  groupB?: readonly (Areal | null | undefined)[] | PolySet,
  opts: OverlapOptions = {},
): OverlapResult {
  const job = new OverlapJob(groupA, groupB, opts);
  job.step(Infinity);
  return job.result();
}

/** Same as overlapMatrix, yielding to the event loop every ~30 ms so a cancel can arrive. */
export async function overlapMatrixAsync(
  groupA: readonly (Areal | null | undefined)[] | PolySet,
  groupB?: readonly (Areal | null | undefined)[] | PolySet,
  opts: OverlapOptions = {},
): Promise<OverlapResult> {
  const job = new OverlapJob(groupA, groupB, opts);
  let rows = 64;
  while (!job.done) {
    const t = Date.now();
    job.step(rows);
    const dt = Date.now() - t;
    rows = dt < 15 ? rows * 2 : dt > 60 ? Math.max(1, rows >> 1) : rows;
    await new Promise((r) => setTimeout(r, 0));
    if (opts.signal?.aborted) throw abortError();
  }
  return job.result();
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function isSet(x: unknown): x is PolySet {
  return typeof x === 'object' && x !== null && 'xy' in x && 'polyRing' in x;
}

/** Intersection area (m², Albers) of two areal geometries; 0 for touching or disjoint. */
export function intersectionArea(a: Areal, b: Areal, opts: OverlapOptions = {}): number {
  const r = overlapMatrix([a], [b], opts);
  return r.pairs[0]?.areaM2 ?? 0;
}

type Ring = [number, number][];

function projectCoords(g: Areal): Ring[][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((p) => p.map((ring) => ring.map((pt: Position) => toAlbers(pt))));
}

type Box = [number, number, number, number];

function boxOf(polys: Ring[][]): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polys)
    for (const [x, y] of p[0] ?? []) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  return b;
}

/** Sutherland–Hodgman: one ring cut to an axis-aligned box (orientation kept; may be empty). */
function clipRingToBox(ring: Ring, [x0, y0, x1, y1]: Box): Ring {
  let pts = ring.slice(0, -1);
  const edges: Array<[(p: [number, number]) => boolean, (a: [number, number], b: [number, number]) => [number, number]]> = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1]],
  ];
  for (const [inside, cut] of edges) {
    if (!pts.length) break;
    const out: [number, number][] = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i], prev = pts[(i + pts.length - 1) % pts.length];
      if (inside(cur)) {
        if (!inside(prev)) out.push(cut(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cut(prev, cur));
    }
    pts = out;
  }
  return pts.length >= 3 ? [...pts, pts[0]] : [];
}

/** Only the part of each polygon inside the box: polyclip's cost grows with every vertex it sweeps. */
export function clipToBox(polys: Ring[][], box: Box): Ring[][] {
  const out: Ring[][] = [];
  for (const p of polys) {
    const shell = clipRingToBox(p[0], box);
    if (!shell.length) continue;
    out.push([shell, ...p.slice(1).map((r) => clipRingToBox(r, box)).filter((r) => r.length)]);
  }
  return out;
}

/**
 * The intersection polygon itself (WGS84), clipped in the Albers projection with polyclip-ts.
 * Null when the two do not share area. Slower than intersectionArea: for display and export.
 */
export function intersectionGeometry(a: Areal, b: Areal): MultiPolygon | null {
  let pa = projectCoords(a), pb = projectCoords(b);
  // Cut both to their common box (plus a margin, so nothing on it is lost) before the exact clip:
  // a small element against a large county then sweeps only the county's nearby edges. The cut
  // adds edges along the box only, outside the other polygon, so the intersection is unchanged.
  const ba = boxOf(pa), bb = boxOf(pb);
  const m = 1 + 1e-6 * Math.max(Math.abs(ba[2]), Math.abs(ba[3]), Math.abs(bb[2]), Math.abs(bb[3]));
  const box: Box = [Math.max(ba[0], bb[0]) - m, Math.max(ba[1], bb[1]) - m, Math.min(ba[2], bb[2]) + m, Math.min(ba[3], bb[3]) + m];
  if (box[0] > box[2] || box[1] > box[3]) return null;
  pa = clipToBox(pa, box);
  pb = clipToBox(pb, box);
  if (!pa.length || !pb.length) return null;
  const out = clipIntersection(pa, pb);
  if (out.length === 0) return null;
  return {
    type: 'MultiPolygon',
    coordinates: out.map((p) => p.map((ring) => ring.map((pt) => fromAlbers(pt)))),
  };
}

/**
 * Error check for one pair: the Albers planar area against GeographicLib's geodesic area of the
 * same intersection polygon. Returns both and the relative difference.
 */
export function intersectionAreaCheck(a: Areal, b: Areal): { albersM2: number; geodesicM2: number; relDiff: number } {
  const albersM2 = intersectionArea(a, b);
  const g = intersectionGeometry(a, b);
  const geodesicM2 = g ? geodesicArea(g) : 0;
  const relDiff = geodesicM2 > 0 ? (albersM2 - geodesicM2) / geodesicM2 : albersM2 === 0 ? 0 : Infinity;
  return { albersM2, geodesicM2, relDiff };
}
