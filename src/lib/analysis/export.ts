// Analysis results → CSV text (the one CSV writer, ../io/csvWriter.ts) and GeoJSON.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { OverlapResult } from './overlap.ts';
import type { JurisdictionStats } from './jurisdiction.ts';
import { writeCsv, type Cell } from '../io/csvWriter.ts';

export { csvCell, type Cell } from '../io/csvWriter.ts';

/** Rows → CSV with a header; CRLF line ends; a UTF-8 BOM so Excel reads Chinese correctly. */
export function toCSV(columns: readonly string[], rows: ReadonlyArray<Record<string, Cell>>, bom = true): string {
  return writeCsv(columns, rows.map((r) => columns.map((c) => r[c])), bom);
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Overlap pairs as CSV rows; ids name the elements of group A and B by index. */
export function overlapRows(r: OverlapResult, idsA: readonly string[], idsB: readonly string[] = idsA): Array<Record<string, Cell>> {
  return r.pairs.map((p) => ({
    a: idsA[p.a],
    b: idsB[p.b],
    area_km2: round(p.areaM2 / 1e6, 6),
    share_a_pct: round(100 * p.shareA, 4),
    share_b_pct: round(100 * p.shareB, 4),
    method: r.method.en,
  }));
}
export const OVERLAP_COLUMNS = ['a', 'b', 'area_km2', 'share_a_pct', 'share_b_pct', 'method'] as const;

export function jurisdictionRows(elementId: string, s: JurisdictionStats): Array<Record<string, Cell>> {
  const rows: Array<Record<string, Cell>> = s.rows.map((r) => ({
    element: elementId,
    adcode: r.adcode,
    name_zh: r.zh,
    name_en: r.en,
    level: r.level,
    value: round(r.value, 6),
    unit: r.unit,
    percent: round(r.percent, 4),
    percent_of_unit: r.percentOfUnit === undefined ? undefined : round(r.percentOfUnit, 4),
    method: s.method.en,
  }));
  if (s.outside.value > 0) {
    rows.push({ element: elementId, adcode: '', name_zh: '范围外', name_en: 'outside', level: '', value: round(s.outside.value, 6), unit: s.kind === 'area' ? 'km²' : s.kind === 'line' ? 'km' : 'point', percent: round(s.outside.percent, 4), method: s.method.en });
  }
  return rows;
}
export const JURISDICTION_COLUMNS = ['element', 'adcode', 'name_zh', 'name_en', 'level', 'value', 'unit', 'percent', 'percent_of_unit', 'method'] as const;

/** Any result rows with geometry → a FeatureCollection (properties are the row's cells). */
export function toFeatureCollection(items: ReadonlyArray<{ geometry: Geometry | null; properties: Record<string, Cell> }>): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: items.map((i): Feature => ({ type: 'Feature', geometry: i.geometry as Geometry, properties: { ...i.properties } })),
  };
}
