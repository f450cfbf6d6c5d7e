// CSV export: points as coordinate columns, other geometries as a WKT column; formula-injection-safe.
// Column names carry the CRS (lon/lat, gcj02_lon/gcj02_lat, bd09_lon/bd09_lat, x/y + .prj) so a re-import
// knows what it is reading.
import Papa from 'papaparse';
import { escapeFormula } from '../import/csv';
import { formatWkt } from '../import/wkt';
import { crsNote, defaultPrecision, prjFor, projectGeometry, safeFileName, targetCrs, type ExportFeature, type ExportOptions, type ExportResult } from './common';
import type { CrsDef } from '../../geo/crs';

export function coordinateColumns(crs: CrsDef): [string, string] {
  if (crs.id === 'GCJ-02') return ['gcj02_lon', 'gcj02_lat'];
  if (crs.id === 'BD-09') return ['bd09_lon', 'bd09_lat'];
  if (crs.kind === 'projected') return ['x', 'y'];
  return ['lon', 'lat'];
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return escapeFormula(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return escapeFormula(JSON.stringify(v));
}

export function exportCsv(features: ExportFeature[], options: ExportOptions): ExportResult {
  const crs = targetCrs(options.crs);
  const digits = options.precision ?? defaultPrecision(crs);
  const [xName, yName] = coordinateColumns(crs);
  const geomCols = new Set([xName, yName, 'wkt']);
  const propNames: string[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    for (const k of Object.keys(f.properties ?? {})) {
      if (!seen.has(k)) {
        seen.add(k);
        propNames.push(k);
      }
    }
  }
  // A property called like a geometry column gets a suffix rather than clobbering coordinates.
  const outName = (k: string) => (geomCols.has(k.toLowerCase()) ? `${k}_attr` : k);
  const fields = [xName, yName, 'wkt', ...propNames.map(outName)];
  const fmt = (n: number) => String(n);
  const data = features.map((f) => {
    const g = projectGeometry(f.geometry, crs, digits);
    const row: string[] = g.type === 'Point' ? [fmt(g.coordinates[0]), fmt(g.coordinates[1]), ''] : ['', '', formatWkt(g, fmt)];
    for (const k of propNames) row.push(cell((f.properties ?? {})[k]));
    return row;
  });
  // Papa's own escapeFormulae is off: ours is reversible on import.
  const text = Papa.unparse({ fields: fields.map(cell), data }, { newline: '\r\n', quotes: false, escapeFormulae: false });
  const base = safeFileName(options.name);
  // BOM so that Excel opens Chinese UTF-8 text correctly.
  const files = [{ name: `${base}.csv`, mime: 'text/csv;charset=utf-8', content: `\uFEFF${text}\r\n` }];
  const prj = crs.id !== 'EPSG:4326' ? prjFor(crs) : null;
  if (prj) files.push({ name: `${base}.prj`, mime: 'text/plain', content: prj });
  return { files, crsNote: crsNote(crs), crs: crs.id };
}
