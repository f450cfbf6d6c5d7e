// Operations that make layers: a buffer around an element, points counted per polygon, and an
// analysis result kept as a user layer. Pure: the worker runs the geometry (dispatch.ts), the
// workspace state adds the layer through the undo log. Every layer states how it was made and the
// least accurate input's accuracy.
import type Flatbush from 'flatbush';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { t, type Lang, type MessageKey, type Vars } from '../i18n/catalog.ts';
import { styleForIndex, type AnalysisOp, type JsonValue, type UserLayer, type WorkspaceFeature } from '../workspace/model.ts';
import { catchmentRing } from './catchment.ts';
import { abortError, buildIndex } from './overlap.ts';
import { buildPolySet, pointInPolySet, type PolySet } from './polyset.ts';
import type { RowAccuracy } from './accuracy.ts';
import type { OverlayOp } from './overlay.ts';

/** A buffer `km` around any geometry: geodesic circles around points, Turf's buffer otherwise. */
export function bufferGeometry(g: Geometry, km: number): Polygon | MultiPolygon {
  if (!(km > 0) || !Number.isFinite(km)) throw new RangeError('The buffer distance must be a positive number of km');
  if (g.type === 'MultiPoint' && g.coordinates.length === 1) g = { type: 'Point', coordinates: g.coordinates[0] };
  return catchmentRing(g, km * 1000);
}

export interface PointCounts {
  /** points inside each polygon (a point on a shared border counts in both) */
  counts: number[];
  /** points in no polygon */
  outside: number;
  /** with weights: the sum of the weights of the points inside each polygon */
  sums?: number[];
  /** with weights: points inside some polygon whose weight is missing (not a finite number): counted, not summed */
  unweighted?: number;
}

/** Options of a count: a weight per point to sum, and progress and cancel for the worker. */
export interface CountOptions {
  /** one per point; null or a non-finite number is counted but not summed */
  weights?: ReadonlyArray<number | null>;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** progress and a yield to the event loop every this many points (default: 1 % of them, at least 2,000) */
  every?: number;
}

/** Every point of points, multipoints (and nothing else) of a geometry. */
export function pointsOf(g: Geometry | null | undefined): Position[] {
  if (!g) return [];
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'MultiPoint') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(pointsOf);
  return [];
}

/** The running state of a count over points[from, to). */
function countRange(points: readonly Position[], set: PolySet, index: Flatbush, from: number, to: number, r: Required<Pick<PointCounts, 'counts' | 'outside'>> & PointCounts, weights?: ReadonlyArray<number | null>): void {
  for (let i = from; i < to; i++) {
    const [x, y] = points[i];
    const w = weights?.[i];
    const valued = typeof w === 'number' && Number.isFinite(w);
    let hit = false;
    for (const u of index.search(x, y, x, y)) {
      if (!pointInPolySet(set, u, x, y)) continue;
      r.counts[u]++;
      if (r.sums && valued) r.sums[u] += w;
      hit = true;
    }
    if (!hit) r.outside++;
    else if (weights && !valued) r.unweighted!++;
  }
}

function emptyCounts(n: number, weighted: boolean): PointCounts & { counts: number[]; outside: number } {
  return { counts: new Array<number>(n).fill(0), outside: 0, ...(weighted ? { sums: new Array<number>(n).fill(0), unweighted: 0 } : {}) };
}

/** Counts (and sums of `weights`) per polygon with a packed lon/lat set and its index (the worker reuses the held counties'). */
export function countPointsIn(points: readonly Position[], set: PolySet, index: Flatbush, weights?: ReadonlyArray<number | null>): PointCounts {
  const r = emptyCounts(set.count, !!weights);
  countRange(points, set, index, 0, points.length, r, weights);
  return r;
}

/** The same in slices: progress after each, a yield so a cancel message gets through, AbortError when cancelled. */
export async function countPointsInAsync(points: readonly Position[], set: PolySet, index: Flatbush, o: CountOptions = {}): Promise<PointCounts> {
  const r = emptyCounts(set.count, !!o.weights);
  const total = points.length;
  const step = Math.max(1, o.every ?? Math.max(2000, Math.ceil(total / 100)));
  for (let from = 0; from < total; from += step) {
    if (o.signal?.aborted) throw abortError();
    const to = Math.min(total, from + step);
    countRange(points, set, index, from, to, r, o.weights);
    o.onProgress?.(to, total);
    if (to < total) await new Promise((res) => setTimeout(res, 0));
  }
  if (o.signal?.aborted) throw abortError();
  return r;
}

const packed = (polygons: ReadonlyArray<Polygon | MultiPolygon | null>) => {
  const set = buildPolySet(polygons, undefined, 1e-11);
  return { set, index: buildIndex(set) };
};

/** Counts (and sums) per polygon for plain geometries. */
export function pointsInPolygons(points: readonly Position[], polygons: ReadonlyArray<Polygon | MultiPolygon | null>, weights?: ReadonlyArray<number | null>): PointCounts {
  const { set, index } = packed(polygons);
  return countPointsIn(points, set, index, weights);
}

/** pointsInPolygons with progress and cancel. */
export function pointsInPolygonsAsync(points: readonly Position[], polygons: ReadonlyArray<Polygon | MultiPolygon | null>, o: CountOptions = {}): Promise<PointCounts> {
  const { set, index } = packed(polygons);
  return countPointsInAsync(points, set, index, o);
}

/**
 * A point's value to sum: a finite number, or text that reads as a plain decimal (CSV cells are text);
 * anything else (empty, words, booleans) is null: counted, not summed.
 */
export function weightOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim().replace(/,/g, '');
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : null;
}

/** The same message in both languages (provenance and layer names are stored in both). */
export function bothTexts(key: MessageKey, vars: Vars | ((lang: Lang) => Vars)): { zh: string; en: string } {
  const v = (lang: Lang) => (typeof vars === 'function' ? vars(lang) : vars);
  return { zh: t(key, 'zh', v('zh')), en: t(key, 'en', v('en')) };
}

export interface NewAnalysisLayer {
  id: string;
  op: AnalysisOp;
  name: string;
  provenance: { zh: string; en: string };
  accuracy: RowAccuracy;
  features: Array<{ geometry: Geometry; properties: Record<string, JsonValue> }>;
  styleIndex: number;
  /** ids for the features */
  makeId: (prefix: string) => string;
  /** colour by this attribute (points in polygons: `count` unless a sum is made) */
  colorField?: string;
}

/**
 * A user layer made by an analysis. Every feature also carries the provenance and accuracy as
 * attributes, so an exported file keeps them.
 */
export function analysisLayer(a: NewAnalysisLayer): UserLayer {
  const features: WorkspaceFeature[] = a.features.map((f) => ({
    type: 'Feature',
    id: a.makeId('feature'),
    geometry: f.geometry,
    properties: { ...f.properties, accuracy: a.accuracy, provenance: a.provenance.en, provenance_zh: a.provenance.zh },
  }));
  const style = styleForIndex(a.styleIndex);
  return {
    id: a.id,
    name: a.name,
    source: { kind: 'analysis', op: a.op, provenance: a.provenance, accuracy: a.accuracy },
    features,
    // counts read as a choropleth; buffers and rings stay light so what they cover shows through
    style: a.op === 'pointsInPolygons' ? { ...style, colorBy: { field: a.colorField ?? 'count', scheme: 'sequential' } } : a.op === 'buffer' || a.op === 'catchment' ? { ...style, opacity: 0.35 } : style,
    visible: true,
  };
}

/** 成德眉资: the prefectures of the Chengdu metropolitan area (成都, 德阳, 眉山, 资阳), as the plan names them. */
export const CHENGDU_METRO_PREFECTURES: readonly string[] = ['510100', '510600', '511400', '512000'];

/** An overlay input as provenance names it: an analysis layer by how it was made, others by name and accuracy. */
export type OverlaySourceText = { zh: string; en: string };

/** Layer name and provenance of an overlay result, in both languages. */
export function overlayTexts(op: OverlayOp, a: OverlaySourceText, b: OverlaySourceText | null, field: string, names: { a: OverlaySourceText; b: OverlaySourceText | null }): { name: { zh: string; en: string }; provenance: { zh: string; en: string } } {
  const vars = (texts: { a: OverlaySourceText; b: OverlaySourceText | null }) => (lang: Lang) => ({ a: texts.a[lang], b: texts.b?.[lang] ?? '', field });
  const prov: MessageKey = op === 'union' && b ? 'ops.prov.unionTwo' : `ops.prov.${op}`;
  return { name: bothTexts(`ops.layer.${op}`, vars(names)), provenance: bothTexts(prov, vars({ a, b })) };
}
