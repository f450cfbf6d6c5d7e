// Packed polygons and an allocation-free pair kernel for intersection areas and line clipping.
//
// Area of A∩B by Green's theorem: the boundary of A∩B is made of the parts of A's edges inside B
// and the parts of B's edges inside A, so area(A∩B) = ½ Σ (x₁y₂ − x₂y₁) over those parts. Each
// edge is split where it meets the other polygon's boundary and each piece is classified by its
// midpoint. No intersection polygon is built, so the hot path allocates nothing. A piece lying on
// the other polygon's boundary is decided as if B were shifted by an infinitesimal generic vector
// (V = (0.6, 0.8)), tested with the midpoint moved by ∓100·tol along V: shared borders then give exactly 0, identical polygons exactly 100%,
// and zero-width spikes along a border cancel out.
import type { MultiPolygon, Polygon, Position } from 'geojson';

export interface PolySet {
  count: number;
  /** interleaved x,y of every vertex; each ring closed (last vertex = first) */
  xy: Float64Array;
  /** vertex offset of each ring; length = rings + 1 */
  ringStart: Uint32Array;
  /** ring offset of each polygon; length = count + 1 */
  polyRing: Uint32Array;
  /** minX, minY, maxX, maxY per polygon (Infinity when empty) */
  bbox: Float64Array;
  /** planar area per polygon, in the set's units squared */
  area: Float64Array;
  /** distance below which two points count as the same / a point lies on an edge */
  tol: number;
}

export type Project = (p: Position) => [number, number];

const identity: Project = (p) => [p[0], p[1]];

/**
 * Pack polygons (null or non-areal entries become empty) after projecting every vertex. Rings are
 * re-wound so outer rings are counter-clockwise and holes clockwise: the kernel relies on it.
 */
export function buildPolySet(
  geoms: readonly (Polygon | MultiPolygon | null | undefined)[],
  project: Project = identity,
  tol = 1e-6,
): PolySet {
  const rings: number[][] = [];
  const polyRing = new Uint32Array(geoms.length + 1);
  for (let i = 0; i < geoms.length; i++) {
    polyRing[i] = rings.length;
    const g = geoms[i];
    const parts: Position[][][] =
      g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    for (const part of parts) {
      part.forEach((ring, k) => {
        const flat: number[] = [];
        for (const p of ring) {
          const q = project(p);
          const n = flat.length;
          if (n >= 2 && flat[n - 2] === q[0] && flat[n - 1] === q[1]) continue;
          flat.push(q[0], q[1]);
        }
        const n = flat.length;
        if (n >= 2 && (flat[0] !== flat[n - 2] || flat[1] !== flat[n - 1])) flat.push(flat[0], flat[1]);
        if (flat.length < 8) return; // fewer than 3 distinct vertices
        const s = signedArea(flat);
        if ((k === 0) !== s > 0) reverseRing(flat);
        rings.push(flat);
      });
    }
  }
  polyRing[geoms.length] = rings.length;
  const ringStart = new Uint32Array(rings.length + 1);
  let nv = 0;
  rings.forEach((r, k) => {
    ringStart[k] = nv;
    nv += r.length / 2;
  });
  ringStart[rings.length] = nv;
  const xy = new Float64Array(nv * 2);
  rings.forEach((r, k) => xy.set(r, ringStart[k] * 2));
  const bbox = new Float64Array(geoms.length * 4);
  const area = new Float64Array(geoms.length);
  for (let i = 0; i < geoms.length; i++) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, a = 0;
    for (let r = polyRing[i]; r < polyRing[i + 1]; r++) {
      for (let v = ringStart[r]; v < ringStart[r + 1]; v++) {
        const x = xy[2 * v], y = xy[2 * v + 1];
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x > x1) x1 = x;
        if (y > y1) y1 = y;
      }
      a += signedArea(xy.subarray(2 * ringStart[r], 2 * ringStart[r + 1]));
    }
    bbox[4 * i] = x0;
    bbox[4 * i + 1] = y0;
    bbox[4 * i + 2] = x1;
    bbox[4 * i + 3] = y1;
    area[i] = a;
  }
  return { count: geoms.length, xy, ringStart, polyRing, bbox, area, tol };
}

function signedArea(flat: ArrayLike<number>): number {
  let s = 0;
  const x0 = flat[0], y0 = flat[1];
  for (let i = 2; i + 3 < flat.length; i += 2) {
    s += (flat[i] - x0) * (flat[i + 3] - y0) - (flat[i + 2] - x0) * (flat[i + 1] - y0);
  }
  return s / 2;
}

function reverseRing(flat: number[]): void {
  for (let i = 0, j = flat.length - 2; i < j; i += 2, j -= 2) {
    const x = flat[i], y = flat[i + 1];
    flat[i] = flat[j];
    flat[i + 1] = flat[j + 1];
    flat[j] = x;
    flat[j + 1] = y;
  }
}

/** Where a piece of an edge lies relative to the other polygon. */
export const OUTSIDE = 0, INSIDE = 1, ON_SAME = 2, ON_OPPOSITE = 3;

const T_EPS = 1e-12;

/** Reusable kernel: one per worker/job, never per pair. */
export class PairKernel {
  private ts = new Float64Array(64);
  private nt = 0;
  private collinear = false;
  /** set by area(): the boundaries touch or cross (or one polygon holds the other) */
  touched = false;
  /** set by area(): perimeter of the intersection (planar units), for the sliver test */
  perimeter = 0;

  /** Planar area of polygon a of A ∩ polygon b of B (both sets in the same units). */
  area(A: PolySet, a: number, B: PolySet, b: number): number {
    this.touched = false;
    this.perimeter = 0;
    const tol = Math.max(A.tol, B.tol);
    const cx0 = Math.max(A.bbox[4 * a], B.bbox[4 * b]) - tol;
    const cy0 = Math.max(A.bbox[4 * a + 1], B.bbox[4 * b + 1]) - tol;
    const cx1 = Math.min(A.bbox[4 * a + 2], B.bbox[4 * b + 2]) + tol;
    const cy1 = Math.min(A.bbox[4 * a + 3], B.bbox[4 * b + 3]) + tol;
    if (cx0 > cx1 || cy0 > cy1) return 0;
    const s =
      this.contribution(A, a, B, b, true, cx0, cy0, cx1, cy1) +
      this.contribution(B, b, A, a, false, cx0, cy0, cx1, cy1);
    const area = s / 2;
    if (area > 0) this.touched = true;
    return area > 0 ? area : 0;
  }

  // Σ (x₁y₂ − x₂y₁) over the pieces of P's edges that bound P∩Q, coordinates relative to (ox, oy).
  private contribution(
    P: PolySet, p: number, Q: PolySet, q: number, first: boolean,
    ox: number, oy: number, cx1: number, cy1: number,
  ): number {
    const xy = P.xy;
    let sum = 0;
    for (let r = P.polyRing[p]; r < P.polyRing[p + 1]; r++) {
      for (let v = P.ringStart[r]; v < P.ringStart[r + 1] - 1; v++) {
        const x1 = xy[2 * v], y1 = xy[2 * v + 1], x2 = xy[2 * v + 2], y2 = xy[2 * v + 3];
        if ((x1 < ox && x2 < ox) || (x1 > cx1 && x2 > cx1) || (y1 < oy && y2 < oy) || (y1 > cy1 && y2 > cy1)) continue;
        this.split(x1, y1, x2, y2, Q, q);
        const ts = this.ts, dx = x2 - x1, dy = y2 - y1;
        for (let k = 0; k + 1 < this.nt; k++) {
          const t0 = ts[k], t1 = ts[k + 1];
          if (t1 - t0 <= T_EPS) continue;
          const tm = (t0 + t1) / 2;
          const mx = x1 + dx * tm, my = y1 + dy * tm;
          const c = this.classify(mx, my, dx, dy, Q, q);
          // on Q's boundary: test the point shifted against Q's shift (±ε·V)
          const eps = first ? -100 * Q.tol : 100 * Q.tol;
          if (c === INSIDE || (c !== OUTSIDE && c !== INSIDE && pointInPolySet(Q, q, mx + eps * 0.6, my + eps * 0.8))) {
            const ax = x1 + dx * t0 - ox, ay = y1 + dy * t0 - oy;
            const bx = x1 + dx * t1 - ox, by = y1 + dy * t1 - oy;
            sum += ax * by - bx * ay;
            this.perimeter += Math.hypot(bx - ax, by - ay);
          }
        }
      }
    }
    return sum;
  }

  /**
   * Split segment (x1,y1)→(x2,y2) where it meets polygon q of Q: fills this.ts with sorted
   * parameters in [0, 1] (0 and 1 included), sets this.touched / this.collinear.
   */
  split(x1: number, y1: number, x2: number, y2: number, Q: PolySet, q: number): void {
    const qxy = Q.xy, tol = Q.tol;
    const dx = x2 - x1, dy = y2 - y1;
    const len2 = dx * dx + dy * dy;
    const sx0 = Math.min(x1, x2) - tol, sx1 = Math.max(x1, x2) + tol;
    const sy0 = Math.min(y1, y2) - tol, sy1 = Math.max(y1, y2) + tol;
    this.nt = 0;
    this.collinear = false;
    this.push(0);
    this.push(1);
    if (len2 === 0) return;
    for (let r = Q.polyRing[q]; r < Q.polyRing[q + 1]; r++) {
      for (let w = Q.ringStart[r]; w < Q.ringStart[r + 1] - 1; w++) {
        const rx = qxy[2 * w], ry = qxy[2 * w + 1], sx = qxy[2 * w + 2], sy = qxy[2 * w + 3];
        if ((rx < sx0 && sx < sx0) || (rx > sx1 && sx > sx1) || (ry < sy0 && sy < sy0) || (ry > sy1 && sy > sy1)) continue;
        const ex = sx - rx, ey = sy - ry;
        const den = dx * ey - dy * ex;
        const wx = rx - x1, wy = ry - y1;
        const len2e = ex * ex + ey * ey;
        if (den * den > 1e-20 * len2 * len2e) {
          const t = (wx * ey - wy * ex) / den;
          const u = (wx * dy - wy * dx) / den;
          const te = tol / Math.sqrt(len2), ue = tol / Math.sqrt(len2e);
          if (t >= -te && t <= 1 + te && u >= -ue && u <= 1 + ue) {
            this.touched = true;
            if (t > T_EPS && t < 1 - T_EPS) this.push(t);
          }
        } else {
          // parallel: on the same line?
          const cr = dx * wy - dy * wx;
          if (cr * cr > tol * tol * len2) continue;
          const tr = (wx * dx + wy * dy) / len2;
          const tsv = ((sx - x1) * dx + (sy - y1) * dy) / len2;
          if (Math.max(tr, tsv) < -T_EPS || Math.min(tr, tsv) > 1 + T_EPS) continue;
          this.touched = true;
          this.collinear = true;
          if (tr > T_EPS && tr < 1 - T_EPS) this.push(tr);
          if (tsv > T_EPS && tsv < 1 - T_EPS) this.push(tsv);
        }
      }
    }
    // insertion sort: a handful of values
    const ts = this.ts;
    for (let i = 1; i < this.nt; i++) {
      const v = ts[i];
      let j = i - 1;
      while (j >= 0 && ts[j] > v) {
        ts[j + 1] = ts[j];
        j--;
      }
      ts[j + 1] = v;
    }
  }

  /** Parameters filled by the last split(): this.params()[0..n). */
  params(): { ts: Float64Array; n: number } {
    return { ts: this.ts, n: this.nt };
  }

  private push(t: number): void {
    if (this.nt === this.ts.length) {
      const g = new Float64Array(this.ts.length * 2);
      g.set(this.ts);
      this.ts = g;
    }
    this.ts[this.nt++] = t;
  }

  /** Point (mx,my), on a piece of direction (dx,dy), relative to polygon q of Q. */
  classify(mx: number, my: number, dx: number, dy: number, Q: PolySet, q: number): number {
    if (mx < Q.bbox[4 * q] - Q.tol || mx > Q.bbox[4 * q + 2] + Q.tol || my < Q.bbox[4 * q + 1] - Q.tol || my > Q.bbox[4 * q + 3] + Q.tol) {
      return OUTSIDE;
    }
    const xy = Q.xy, tol = Q.tol;
    if (this.collinear) {
      for (let r = Q.polyRing[q]; r < Q.polyRing[q + 1]; r++) {
        for (let w = Q.ringStart[r]; w < Q.ringStart[r + 1] - 1; w++) {
          const rx = xy[2 * w], ry = xy[2 * w + 1], ex = xy[2 * w + 2] - rx, ey = xy[2 * w + 3] - ry;
          const len2e = ex * ex + ey * ey;
          if (len2e === 0) continue;
          const u = ((mx - rx) * ex + (my - ry) * ey) / len2e;
          if (u < 0 || u > 1) continue;
          const cr = ex * (my - ry) - ey * (mx - rx);
          if (cr * cr <= tol * tol * len2e) return dx * ex + dy * ey > 0 ? ON_SAME : ON_OPPOSITE;
        }
      }
    }
    return pointInPolySet(Q, q, mx, my) ? INSIDE : OUTSIDE;
  }
}

/** Even–odd point-in-polygon over all rings of polygon q (holes and parts included). */
export function pointInPolySet(Q: PolySet, q: number, x: number, y: number): boolean {
  const xy = Q.xy;
  let inside = false;
  for (let r = Q.polyRing[q]; r < Q.polyRing[q + 1]; r++) {
    for (let w = Q.ringStart[r]; w < Q.ringStart[r + 1] - 1; w++) {
      const yi = xy[2 * w + 1], yj = xy[2 * w + 3];
      if (yi > y !== yj > y) {
        const xi = xy[2 * w], xj = xy[2 * w + 2];
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}
