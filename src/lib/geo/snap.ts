// Snapping for drawing: the vertex or edge nearest the pointer, within a tolerance in screen pixels,
// among the segments of county boundaries, plan elements and the user's own features. Vertices win
// over edges (a vertex is what a planner means to hit), and a snapped vertex is the stored position
// itself, not a re-projected copy. Pure: the map side passes `project` (lon/lat → px).
import Flatbush from 'flatbush';
import type { Geometry, Position } from 'geojson';

export interface SnapIndex {
  /** x0, y0, x1, y1 per segment (lon/lat); a lone point is a zero-length segment */
  segs: Float64Array;
  index: Flatbush | null;
}

function linesOf(g: Geometry | null | undefined, out: Position[][]): void {
  if (!g) return;
  switch (g.type) {
    case 'Point':
      out.push([g.coordinates, g.coordinates]);
      break;
    case 'MultiPoint':
      for (const p of g.coordinates) out.push([p, p]);
      break;
    case 'LineString':
      out.push(g.coordinates);
      break;
    case 'MultiLineString':
    case 'Polygon':
      out.push(...g.coordinates);
      break;
    case 'MultiPolygon':
      for (const p of g.coordinates) out.push(...p);
      break;
    case 'GeometryCollection':
      for (const x of g.geometries) linesOf(x, out);
  }
}

export function buildSnapIndex(geoms: Iterable<Geometry | null | undefined>): SnapIndex {
  const lines: Position[][] = [];
  for (const g of geoms) linesOf(g, lines);
  const n = lines.reduce((s, l) => s + Math.max(1, l.length - 1), 0);
  const segs = new Float64Array(4 * n);
  let k = 0;
  for (const line of lines) {
    const l = line.length === 1 ? [line[0], line[0]] : line;
    for (let i = 0; i + 1 < l.length; i++, k++) segs.set([l[i][0], l[i][1], l[i + 1][0], l[i + 1][1]], 4 * k);
  }
  if (!k) return { segs, index: null };
  const index = new Flatbush(k);
  for (let i = 0; i < k; i++) {
    const [x0, y0, x1, y1] = segs.subarray(4 * i, 4 * i + 4);
    index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
  }
  index.finish();
  return { segs, index };
}

export interface SnapHit {
  position: Position;
  kind: 'vertex' | 'edge';
  px: number;
}

/**
 * The snap target for a pointer at screen `at`, searching segments within `box` (the lon/lat box of
 * the tolerance around the pointer). `extra` are loose vertices (the shape being drawn).
 */
export function snapTarget(
  indexes: readonly SnapIndex[],
  at: { x: number; y: number },
  box: [number, number, number, number],
  tolerancePx: number,
  project: (p: Position) => { x: number; y: number },
  extra: readonly Position[] = [],
): SnapHit | null {
  let vertex: SnapHit | null = null;
  let edge: SnapHit | null = null;
  const tryVertex = (p: Position) => {
    const q = project(p);
    const d = Math.hypot(q.x - at.x, q.y - at.y);
    if (d <= tolerancePx && (!vertex || d < vertex.px)) vertex = { position: [p[0], p[1]], kind: 'vertex', px: d };
  };
  for (const p of extra) tryVertex(p);
  for (const { segs, index } of indexes) {
    if (!index) continue;
    for (const i of index.search(...box)) {
      const a: Position = [segs[4 * i], segs[4 * i + 1]], b: Position = [segs[4 * i + 2], segs[4 * i + 3]];
      tryVertex(a);
      tryVertex(b);
      const pa = project(a), pb = project(b);
      const dx = pb.x - pa.x, dy = pb.y - pa.y;
      const len2 = dx * dx + dy * dy;
      if (!len2) continue;
      const t = Math.max(0, Math.min(1, ((at.x - pa.x) * dx + (at.y - pa.y) * dy) / len2));
      const d = Math.hypot(pa.x + t * dx - at.x, pa.y + t * dy - at.y);
      // along the segment in lon/lat (a short screen segment is straight in both)
      if (d <= tolerancePx && (!edge || d < edge.px)) edge = { position: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])], kind: 'edge', px: d };
    }
  }
  return vertex ?? edge;
}

/** Web Mercator on the unit sphere: terra-draw moves a dragged feature by a Mercator delta of the pointer. */
export function toMercator(p: Position): [number, number] {
  return [(p[0] * Math.PI) / 180, Math.log(Math.tan(Math.PI / 4 + (p[1] * Math.PI) / 360))];
}
export function fromMercator(m: readonly [number, number]): [number, number] {
  return [(m[0] * 180) / Math.PI, ((2 * Math.atan(Math.exp(m[1])) - Math.PI / 2) * 180) / Math.PI];
}

/**
 * A whole feature dragged: each of its vertices (where the drag would put them) with its snap hit; the one to
 * land is a vertex on a vertex target before any on an edge, then the nearest on screen. Returns the pointer
 * moved (in Mercator, as terra-draw translates) so that this vertex lands exactly on its target.
 */
export function wholeFeatureSnap(
  pointer: Position,
  candidates: readonly { vertex: Position; hit: SnapHit | null }[],
): { pointer: [number, number]; target: Position } | null {
  let best: { vertex: Position; hit: SnapHit } | null = null;
  for (const c of candidates) {
    if (!c.hit) continue;
    if (!best || (c.hit.kind === 'vertex' && best.hit.kind === 'edge') || (c.hit.kind === best.hit.kind && c.hit.px < best.hit.px)) best = { vertex: c.vertex, hit: c.hit };
  }
  if (!best) return null;
  const m = toMercator(pointer), v = toMercator(best.vertex), t = toMercator(best.hit.position);
  return { pointer: fromMercator([m[0] + t[0] - v[0], m[1] + t[1] - v[1]]), target: best.hit.position };
}
