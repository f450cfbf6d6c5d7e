// Measure one element: geodesic length (lines), area and perimeter (areas), with formatted text
// and the method beside every number.
import type { Geometry } from 'geojson';
import {
  formatArea,
  formatLength,
  geodesicArea,
  geodesicLength,
  GEODESIC_METHOD,
  type Formatted,
  type AreaUnit,
  type LengthUnit,
  type Locale,
} from '../geo/geodesic.ts';

export type MeasureKind = 'point' | 'line' | 'area' | 'mixed' | 'empty';

export interface Measurement {
  kind: MeasureKind;
  lengthM?: number;
  areaM2?: number;
  perimeterM?: number;
  length?: Formatted<LengthUnit>;
  area?: Formatted<AreaUnit>;
  perimeter?: Formatted<LengthUnit>;
  method: { zh: string; en: string };
}

function kindOf(g: Geometry): MeasureKind {
  switch (g.type) {
    case 'Point':
    case 'MultiPoint':
      return 'point';
    case 'LineString':
    case 'MultiLineString':
      return 'line';
    case 'Polygon':
    case 'MultiPolygon':
      return 'area';
    case 'GeometryCollection': {
      const kinds = new Set(g.geometries.map(kindOf).filter((k) => k !== 'empty'));
      return kinds.size === 0 ? 'empty' : kinds.size === 1 ? [...kinds][0] : 'mixed';
    }
  }
}

function linesOnly(g: Geometry): Geometry | null {
  if (g.type === 'LineString' || g.type === 'MultiLineString') return g;
  if (g.type === 'GeometryCollection') return { type: 'GeometryCollection', geometries: g.geometries.map(linesOnly).filter((x): x is Geometry => !!x) };
  return null;
}

export function measure(g: Geometry, locale: Locale = 'en', areaUnit?: AreaUnit): Measurement {
  const kind = kindOf(g);
  const out: Measurement = { kind, method: { ...GEODESIC_METHOD } };
  const lines = linesOnly(g);
  if (lines) {
    const l = geodesicLength(lines);
    if (l > 0 || kind === 'line') {
      out.lengthM = l;
      out.length = formatLength(l, locale);
    }
  }
  if (kind === 'area' || kind === 'mixed') {
    const a = geodesicArea(g);
    out.areaM2 = a;
    out.area = formatArea(a, locale, areaUnit ? { unit: areaUnit } : {});
    const areal = g.type === 'GeometryCollection'
      ? g.geometries.filter((x) => x.type === 'Polygon' || x.type === 'MultiPolygon')
      : [g];
    const p = areal.reduce((s, x) => s + geodesicLength(x), 0);
    out.perimeterM = p;
    out.perimeter = formatLength(p, locale);
  }
  return out;
}
