// Overlay operations that make layers: clip, intersect, difference, dissolve by attribute, union.
// polyclip-ts (the Martinez-style sweep Turf's intersect/union/difference use) does the clipping,
// on lon/lat coordinates as GeoJSON draws them. The loops yield between features so the worker can
// post progress and take a cancel message; a cancelled run throws AbortError and returns nothing.
import Flatbush from 'flatbush';
import { difference as clipDifference, intersection as clipIntersection, union as clipUnion, type Geom } from 'polyclip-ts';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { JsonValue } from '../workspace/model.ts';
import { geodesicArea } from '../geo/geodesic.ts';
import { abortError, clipToBox } from './overlap.ts';

export type Areal = Polygon | MultiPolygon;
export const OVERLAY_OPS = ['clip', 'intersect', 'difference', 'dissolve', 'union'] as const;
export type OverlayOp = (typeof OVERLAY_OPS)[number];

export interface OverlayFeature {
  geometry: Areal;
  properties: Record<string, JsonValue>;
}

export interface OverlayOptions {
  signal?: AbortSignal;
  /** called every `every` features (and at the end) */
  onProgress?: (done: number, total: number) => void;
  /** progress and a yield to the event loop every this many features (default: 1 % of the work) */
  every?: number;
}

type Box = [number, number, number, number];
type Poly = Geom;

const polysOf = (g: Areal): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const asGeom = (g: Areal): Poly => polysOf(g) as Poly;

function boxOf(g: Areal): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polysOf(g))
    for (const [x, y] of p[0]) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  return b;
}
const boxesMeet = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Margin (degrees, ~100 m) around a box that polygons are cut to before the exact clip. */
const MARGIN = 1e-3;
/**
 * `g` cut to `box` plus a margin: the sweep's cost grows with every vertex, and a small feature
 * against a large prefecture then sweeps only its nearby edges. The cut adds edges only along the
 * box, outside the polygon the box was taken from, so its intersection or difference is unchanged.
 */
function near(g: Areal, [x0, y0, x1, y1]: Box): Poly {
  return clipToBox(polysOf(g) as [number, number][][][], [x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN]) as Poly;
}

/** The clipper's output as GeoJSON; null when empty (a polygon of no area is dropped, not kept). */
function toGeometry(mp: Position[][][]): Areal | null {
  const kept = mp.filter((p) => p.length && p[0].length >= 4);
  if (!kept.length) return null;
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept };
}

/** Planar area in degrees² (shoelace on lon/lat), the measure the shapely reference compares. */
export function planarArea(g: Areal): number {
  let s = 0;
  for (const p of polysOf(g))
    p.forEach((ring, r) => {
      let a = 0;
      for (let i = 0; i + 1 < ring.length; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      s += (r === 0 ? 1 : -1) * Math.abs(a / 2);
    });
  return s;
}

/** Progress and cancel for a loop of `total` steps: `step()` after each one. */
function ticker(total: number, o: OverlayOptions) {
  const every = Math.max(1, o.every ?? Math.ceil(total / 100));
  let done = 0;
  return {
    check() {
      if (o.signal?.aborted) throw abortError();
    },
    async step() {
      done++;
      if (done % every === 0 || done === total) {
        o.onProgress?.(done, total);
        // let the worker read a cancel message
        await new Promise((r) => setTimeout(r, 0));
      }
      if (o.signal?.aborted) throw abortError();
    },
  };
}

const withArea = (geometry: Areal, properties: Record<string, JsonValue>): OverlayFeature => ({
  geometry,
  properties: { ...properties, area_km2: Math.round(geodesicArea(geometry) / 1e3) / 1e3 },
});

/** Features unioned per sweep: one sweep over shared borders is faster than pairwise merging. */
const BATCH = 64;

/** How many sweeps `unionAll` makes for n polygons. */
function unionSteps(n: number): number {
  let steps = 0;
  while (n > 1) {
    n = Math.ceil(n / BATCH);
    steps += n;
  }
  return steps;
}

/**
 * One polygon of everything in `gs`, in sweeps of up to BATCH neighbours (sorted west to east, so
 * a batch is compact) and then of their results: `step` runs after each sweep (progress, cancel).
 */
async function unionAll(gs: readonly Areal[], step: () => Promise<void>): Promise<Areal | null> {
  if (!gs.length) return null;
  let cur: Poly[] = [...gs].map((g) => ({ g, x: boxOf(g)[0] })).sort((p, q) => p.x - q.x).map((p) => asGeom(p.g));
  if (cur.length === 1) return toGeometry(cur[0] as Position[][][]);
  while (cur.length > 1) {
    const next: Poly[] = [];
    for (let i = 0; i < cur.length; i += BATCH) {
      next.push(clipUnion(cur[i], ...cur.slice(i + 1, i + BATCH)));
      await step();
    }
    cur = next;
  }
  return toGeometry(cur[0] as Position[][][]);
}

/** Each feature of `a` cut to the area of `mask` (the union of its polygons); its attributes kept. */
export async function clip(a: readonly OverlayFeature[], mask: readonly Areal[], o: OverlayOptions = {}): Promise<OverlayFeature[]> {
  const t = ticker(unionSteps(mask.length) + a.length, o);
  t.check();
  const m = await unionAll(mask, t.step);
  if (!m) return [];
  const mb = boxOf(m);
  const out: OverlayFeature[] = [];
  for (const f of a) {
    if (boxesMeet(boxOf(f.geometry), mb)) {
      const g = toGeometry(clipIntersection(asGeom(f.geometry), near(m, boxOf(f.geometry))));
      if (g) out.push(withArea(g, f.properties));
    }
    await t.step();
  }
  return out;
}

/** Each feature of `a` less the area of `b` (the features of b that reach it). */
export async function difference(a: readonly OverlayFeature[], b: readonly Areal[], o: OverlayOptions = {}): Promise<OverlayFeature[]> {
  const index = boxIndex(b);
  const t = ticker(a.length, o);
  t.check();
  const out: OverlayFeature[] = [];
  for (const f of a) {
    const box = boxOf(f.geometry);
    const cut = index ? index.search(...box).map((i) => near(b[i], box)) : [];
    const g = cut.length ? toGeometry(clipDifference(asGeom(f.geometry), ...cut)) : toGeometry(polysOf(f.geometry));
    if (g) out.push(withArea(g, f.properties));
    await t.step();
  }
  return out;
}

function boxIndex(gs: readonly Areal[]): Flatbush | null {
  if (!gs.length) return null;
  const index = new Flatbush(gs.length);
  for (const g of gs) index.add(...boxOf(g));
  index.finish();
  return index;
}

/**
 * Every pair of a feature of `a` and one of `b` that share area: their intersection with the
 * attributes of both (b's keys that a already has get a `_2` suffix, as in QGIS).
 */
export async function intersect(a: readonly OverlayFeature[], b: readonly OverlayFeature[], o: OverlayOptions = {}): Promise<OverlayFeature[]> {
  const index = boxIndex(b.map((f) => f.geometry));
  const t = ticker(a.length, o);
  t.check();
  const out: OverlayFeature[] = [];
  for (const fa of a) {
    const ba = boxOf(fa.geometry);
    const hits = index ? index.search(...ba).sort((x, y) => x - y) : [];
    for (const j of hits) {
      const bb = boxOf(b[j].geometry);
      // each cut to the other's box: only the nearby edges are swept
      const g = toGeometry(clipIntersection(near(fa.geometry, bb), near(b[j].geometry, ba)));
      if (!g) continue;
      const props: Record<string, JsonValue> = { ...fa.properties };
      for (const [k, v] of Object.entries(b[j].properties)) props[k in fa.properties ? `${k}_2` : k] = v;
      out.push(withArea(g, props));
    }
    await t.step();
  }
  return out;
}

/** Features with the same value of `field` merged into one (with `count` of the merged features). */
export async function dissolve(a: readonly OverlayFeature[], field: string, o: OverlayOptions = {}): Promise<OverlayFeature[]> {
  const groups = new Map<string, { value: JsonValue; geoms: Areal[] }>();
  for (const f of a) {
    const value = f.properties[field] ?? null;
    const key = JSON.stringify(value);
    const g = groups.get(key) ?? groups.set(key, { value, geoms: [] }).get(key)!;
    g.geoms.push(f.geometry);
  }
  const t = ticker([...groups.values()].reduce((s, g) => s + unionSteps(g.geoms.length), 0), o);
  t.check();
  const out: OverlayFeature[] = [];
  for (const { value, geoms } of groups.values()) {
    const g = await unionAll(geoms, t.step);
    if (g) out.push(withArea(g, { [field]: value, count: geoms.length }));
  }
  return out;
}

/** Everything merged into one feature (with `count` of the merged features). */
export async function union(a: readonly Areal[], o: OverlayOptions = {}): Promise<OverlayFeature[]> {
  const t = ticker(unionSteps(a.length), o);
  t.check();
  const g = await unionAll(a, t.step);
  return g ? [withArea(g, { count: a.length })] : [];
}
