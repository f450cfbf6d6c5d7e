// Per-jurisdiction statistics: which prefectures and counties an element crosses, with km (lines)
// or km² and % (areas) in each. Line pieces lying exactly on a shared border are split half and
// half between the two units, so the shares still add up to the whole.
import Flatbush from 'flatbush';
import { both } from '../i18n/catalog.ts';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { geodesicDistance } from '../geo/geodesic.ts';
import { buildIndex, projectAreal } from './overlap.ts';
import { buildPolySet, INSIDE, OUTSIDE, PairKernel, pointInPolySet, type PolySet } from './polyset.ts';
import { OVERLAP_METHOD } from './projection.ts';
import { GEODESIC_METHOD } from '../geo/geodesic.ts';

export interface Jurisdiction {
  adcode: string;
  zh: string;
  en: string;
  level: 'county' | 'prefecture' | 'province';
  parent?: string;
  geometry: Polygon | MultiPolygon;
}

export interface JurisdictionIndex {
  units: readonly Jurisdiction[];
  albers: PolySet;
  albersIndex: Flatbush;
  lonlat: PolySet;
  lonlatIndex: Flatbush;
}

/** Build one index per level (counties, prefectures): units of one level must not overlap. */
export function buildJurisdictionIndex(units: readonly Jurisdiction[]): JurisdictionIndex {
  const albers = projectAreal(units.map((u) => u.geometry));
  const lonlat = buildPolySet(units.map((u) => u.geometry), undefined, 1e-11);
  return { units, albers, albersIndex: buildIndex(albers), lonlat, lonlatIndex: buildIndex(lonlat) };
}

export interface JurisdictionRow {
  adcode: string;
  zh: string;
  en: string;
  level: Jurisdiction['level'];
  parent?: string;
  /** km for lines, km² for areas, 1 for a point inside */
  value: number;
  unit: 'km' | 'km²' | 'point';
  /** share of the element in this unit, 0..100 */
  percent: number;
  /** for areas: share of the unit covered by the element, 0..100 */
  percentOfUnit?: number;
}

export interface JurisdictionStats {
  kind: 'point' | 'line' | 'area';
  /** total km or km² of the element */
  total: number;
  rows: JurisdictionRow[];
  /** part of the element in none of the units */
  outside: { value: number; percent: number };
  method: { zh: string; en: string };
}

function lineParts(g: Geometry): Position[][] {
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(lineParts);
  return [];
}

function pointParts(g: Geometry): Position[] {
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'MultiPoint') return g.coordinates;
  return [];
}

/**
 * Geodesic length (m) of each line inside each unit of `set`. Returns per-unit metres and the
 * total length. Used for jurisdictions and catchments alike.
 */
export function lineLengthsIn(
  lines: Position[][],
  set: PolySet,
  index: Flatbush,
  kernel = new PairKernel(),
): { perUnit: Map<number, number>; total: number } {
  const perUnit = new Map<number, number>();
  let total = 0;
  const add = (u: number, m: number) => perUnit.set(u, (perUnit.get(u) ?? 0) + m);
  for (const line of lines) {
    for (let i = 0; i + 1 < line.length; i++) {
      const x1 = line[i][0], y1 = line[i][1], x2 = line[i + 1][0], y2 = line[i + 1][1];
      total += geodesicDistance(line[i], line[i + 1]);
      const found = index.search(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
      for (const u of found) {
        kernel.split(x1, y1, x2, y2, set, u);
        const { ts, n } = kernel.params();
        const dx = x2 - x1, dy = y2 - y1;
        for (let k = 0; k + 1 < n; k++) {
          const t0 = ts[k], t1 = ts[k + 1];
          if (t1 - t0 <= 1e-12) continue;
          const tm = (t0 + t1) / 2;
          const c = kernel.classify(x1 + dx * tm, y1 + dy * tm, dx, dy, set, u);
          if (c === OUTSIDE) continue;
          const m = geodesicDistance([x1 + dx * t0, y1 + dy * t0], [x1 + dx * t1, y1 + dy * t1]);
          add(u, c === INSIDE ? m : m / 2);
        }
      }
    }
  }
  return { perUnit, total };
}

/** Which units an element crosses, with km / km² and percentages, largest first. */
export function jurisdictionStats(g: Geometry, idx: JurisdictionIndex): JurisdictionStats {
  const rows: JurisdictionRow[] = [];
  const row = (u: number, value: number, unit: JurisdictionRow['unit'], percent: number, percentOfUnit?: number) => {
    const j = idx.units[u];
    rows.push({ adcode: j.adcode, zh: j.zh, en: j.en, level: j.level, parent: j.parent, value, unit, percent, percentOfUnit });
  };
  if (g.type === 'Polygon' || g.type === 'MultiPolygon' || (g.type === 'GeometryCollection' && g.geometries.some((x) => x.type === 'Polygon' || x.type === 'MultiPolygon'))) {
    const polys = g.type === 'GeometryCollection'
      ? g.geometries.filter((x): x is Polygon | MultiPolygon => x.type === 'Polygon' || x.type === 'MultiPolygon')
      : [g];
    const el = projectAreal([{ type: 'MultiPolygon', coordinates: polys.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : p.coordinates)) }]);
    const kernel = new PairKernel();
    const total = el.area[0];
    let inside = 0;
    const b = el.bbox;
    for (const u of idx.albersIndex.search(b[0], b[1], b[2], b[3])) {
      const a = kernel.area(el, 0, idx.albers, u);
      if (a < 1 || a < kernel.perimeter / 2) continue; // sliver: mean width under 1 m
      inside += a;
      row(u, a / 1e6, 'km²', (100 * a) / total, (100 * a) / idx.albers.area[u]);
    }
    rows.sort((p, q) => q.value - p.value);
    const out = Math.max(0, total - inside);
    return { kind: 'area', total: total / 1e6, rows, outside: { value: out / 1e6, percent: total > 0 ? (100 * out) / total : 0 }, method: { ...OVERLAP_METHOD } };
  }
  const lines = lineParts(g);
  if (lines.length) {
    const { perUnit, total } = lineLengthsIn(lines, idx.lonlat, idx.lonlatIndex);
    let inside = 0;
    for (const [u, m] of perUnit) {
      if (m <= 0) continue;
      inside += m;
      row(u, m / 1000, 'km', total > 0 ? (100 * m) / total : 0);
    }
    rows.sort((p, q) => q.value - p.value);
    const out = Math.max(0, total - inside);
    return { kind: 'line', total: total / 1000, rows, outside: { value: out / 1000, percent: total > 0 ? (100 * out) / total : 0 }, method: { ...GEODESIC_METHOD } };
  }
  const pts = pointParts(g);
  const counts = new Map<number, number>();
  let outside = 0;
  for (const p of pts) {
    const hit = idx.lonlatIndex.search(p[0], p[1], p[0], p[1]).filter((u) => pointInPolySet(idx.lonlat, u, p[0], p[1]));
    if (hit.length === 0) outside++;
    for (const u of hit) counts.set(u, (counts.get(u) ?? 0) + 1);
  }
  for (const [u, c] of counts) row(u, c, 'point', (100 * c) / pts.length);
  rows.sort((p, q) => q.value - p.value);
  return {
    kind: 'point',
    total: pts.length,
    rows,
    outside: { value: outside, percent: pts.length ? (100 * outside) / pts.length : 0 },
    method: both('method.pointInPolygon'),
  };
}
