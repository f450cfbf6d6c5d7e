// Operations that make layers: a buffer around an element, points counted per polygon, and an
// analysis result kept as a user layer. Pure: the worker runs the geometry (dispatch.ts), the
// workspace state adds the layer through the undo log. Every layer states how it was made and the
// least accurate input's accuracy.
import type Flatbush from 'flatbush';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { t, type Lang, type MessageKey, type Vars } from '../i18n/catalog.ts';
import { styleForIndex, type AnalysisOp, type JsonValue, type UserLayer, type WorkspaceFeature } from '../workspace/model.ts';
import { catchmentRing } from './catchment.ts';
import { buildIndex } from './overlap.ts';
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
}

/** Every point of points, multipoints (and nothing else) of a geometry. */
export function pointsOf(g: Geometry | null | undefined): Position[] {
  if (!g) return [];
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'MultiPoint') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(pointsOf);
  return [];
}

/** Counts per polygon with a packed lon/lat set and its index (the worker reuses the held counties'). */
export function countPointsIn(points: readonly Position[], set: PolySet, index: Flatbush): PointCounts {
  const counts = new Array<number>(set.count).fill(0);
  let outside = 0;
  for (const [x, y] of points) {
    let hit = false;
    for (const u of index.search(x, y, x, y)) {
      if (!pointInPolySet(set, u, x, y)) continue;
      counts[u]++;
      hit = true;
    }
    if (!hit) outside++;
  }
  return { counts, outside };
}

/** Counts per polygon for plain geometries. */
export function pointsInPolygons(points: readonly Position[], polygons: ReadonlyArray<Polygon | MultiPolygon | null>): PointCounts {
  const set = buildPolySet(polygons, undefined, 1e-11);
  return countPointsIn(points, set, buildIndex(set));
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
    style: a.op === 'pointsInPolygons' ? { ...style, colorBy: { field: 'count', scheme: 'sequential' } } : a.op === 'buffer' || a.op === 'catchment' ? { ...style, opacity: 0.35 } : style,
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
