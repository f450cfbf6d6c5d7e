// CSV/TSV tables with coordinate columns (lon/lat or x/y) or a WKT column.
// Export: points as coordinate columns, other geometries as a WKT column; formula-injection-safe.
// Column names carry the CRS (lon/lat, gcj02_lon/gcj02_lat, bd09_lon/bd09_lat, x/y + .prj) so a re-import
// knows what it is reading.
import { inEnglish, msg, plainMsg, type IoMsg } from '../messages';
import Papa from 'papaparse';
import { unescapeFormula, writeCsv } from '../csvWriter';
import { decodeText } from '../text';
import { formatWkt, parseWkt } from '../wkt';
import { crsNote, crsNoteMsg, defaultPrecision, flattenLocalized, prjFor, projectGeometry, safeFileName, targetCrs, type ExportFeature, type ExportOptions, type ExportResult } from '../output';
import type { CrsDef } from '../../geo/crs';
import { ImportError, ioNote, type FileFormat, type ImportMessage, type RawFeature, type RawLayer } from '../types';

const X_NAMES = ['lon', 'lng', 'long', 'longitude', 'x', '经度', '东经', 'point_x', 'x坐标', 'easting', 'wgs84_lon', 'gcj02_lon', 'bd09_lon'];
const Y_NAMES = ['lat', 'latitude', 'y', '纬度', '北纬', 'point_y', 'y坐标', 'northing', 'wgs84_lat', 'gcj02_lat', 'bd09_lat'];
const WKT_NAMES = ['wkt', 'geometry', 'geom', 'the_geom', 'shape', '几何'];

function findColumn(headers: string[], names: string[]): number {
  const lower = headers.map((h) => h.trim().toLowerCase());
  for (const n of names) {
    const i = lower.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

const parseNumber = (v: string): number | null => {
  const t = v.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  return Number(t);
};

export function parseCsv(
  bytes: Uint8Array,
  file: string,
  opts: { encoding?: string; columns?: { x: string; y: string }; tsv?: boolean },
): RawLayer[] {
  const { text, encoding } = decodeText(bytes, file, opts.encoding);
  if (!text.trim()) throw new ImportError('empty-file', msg('io.err.empty', { file }));
  // header:false so that no column name (e.g. "__proto__") is ever used as an object key by the parser.
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy', delimiter: opts.tsv ? '\t' : '' });
  const rows = parsed.data;
  if (rows.length === 0) throw new ImportError('empty-file', msg('io.csv.noRows', { file }));
  const layer = tableLayer(rows, file, { name: file.replace(/\.[^.]+$/, ''), format: 'csv', columns: opts.columns });
  if (encoding.source === 'fallback') layer.warnings.unshift(ioNote(file, 'encoding-guess', msg('io.csv.encodingGuess', { file })));
  return [{ ...layer, encoding }];
}

/**
 * A table (header row first) with coordinate columns or a WKT column as one layer: CSV/TSV and each Excel
 * sheet. Formula prefixes added by our own CSV export are removed; cells are text.
 */
export function tableLayer(
  rows: string[][],
  file: string,
  opts: { name: string; format: 'csv' | 'xlsx'; columns?: { x: string; y: string }; sheet?: string },
): RawLayer {
  const at = (n: number) => (opts.sheet ? msg('io.at.sheetRow', { sheet: opts.sheet, n }) : msg('io.at.row', { n }));
  const warnings: ImportMessage[] = [];
  const rawHeaders = rows[0].map((h) => unescapeFormula(h.trim()));
  const seen = new Map<string, number>();
  const headers = rawHeaders.map((h, i) => {
    const base = h || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n > 1 ? `${base}_${n}` : base;
  });
  let xi: number;
  let yi: number;
  if (opts.columns) {
    xi = headers.indexOf(opts.columns.x);
    yi = headers.indexOf(opts.columns.y);
    if (xi < 0 || yi < 0) {
      throw new ImportError('csv-no-columns', msg('io.csv.columnNotFound', { file, column: xi < 0 ? opts.columns.x : opts.columns.y, columns: headers.join(', ') }));
    }
  } else {
    xi = findColumn(headers, X_NAMES);
    yi = findColumn(headers, Y_NAMES);
  }
  const wi = findColumn(headers, WKT_NAMES);
  if ((xi < 0 || yi < 0) && wi < 0) {
    throw new ImportError('csv-no-columns', msg('io.csv.noColumns', { file, columns: headers.slice(0, 20).join(', ') }));
  }
  const features: RawFeature[] = [];
  const rejected: RawLayer['rejected'] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const index = r - 1;
    const label = at(r + 1);
    const props: [string, string][] = [];
    headers.forEach((h, c) => {
      if (c === xi || c === yi || c === wi) return;
      props.push([h, unescapeFormula(row[c] ?? '')]);
    });
    if (row.length > headers.length) {
      for (let c = headers.length; c < row.length; c++) props.push([`column_${c + 1}`, unescapeFormula(row[c])]);
    }
    const properties = Object.fromEntries(props);
    const wkt = wi >= 0 ? (row[wi] ?? '').trim() : '';
    const fail = (problem: IoMsg) => {
      const m = msg('io.csv.rowRejected', { at: msg('io.at.inFile', { file, who: label }), problem });
      rejected.push({ index, reason: inEnglish(m), reasonMsg: m, source: Object.fromEntries(headers.map((h, c) => [h, row[c] ?? ''])) });
    };
    if (wkt) {
      try {
        features.push({ index, label, geometry: parseWkt(wkt), properties });
      } catch (e) {
        fail(msg('io.csv.badWkt', { detail: (e as Error).message }));
      }
      continue;
    }
    if (xi < 0 || yi < 0) {
      fail(msg('io.csv.emptyWkt'));
      continue;
    }
    const xs = row[xi] ?? '';
    const ys = row[yi] ?? '';
    const x = parseNumber(xs);
    const y = parseNumber(ys);
    if (x === null || y === null) {
      fail(
        xs.trim() === '' && ys.trim() === ''
          ? msg('io.csv.noCoords', { x: headers[xi], y: headers[yi] })
          : msg('io.csv.notNumber', { column: x === null ? headers[xi] : headers[yi], value: JSON.stringify(x === null ? xs : ys) }),
      );
      continue;
    }
    features.push({ index, label, geometry: { type: 'Point', coordinates: [x, y] }, properties });
  }
  if (features.length === 0 && rejected.length === 0) {
    throw new ImportError('empty-file', msg('io.csv.headerOnly', { file: opts.sheet ? `${file} › ${opts.sheet}` : file }));
  }
  const xName = xi >= 0 ? headers[xi].toLowerCase() : '';
  const declared: RawLayer['declaredCrs'] = xName.startsWith('gcj02_')
    ? { id: 'GCJ-02', reason: plainMsg('io.crs.columnNames', { column: headers[xi], crs: 'GCJ-02' }) }
    : xName.startsWith('bd09_')
      ? { id: 'BD-09', reason: plainMsg('io.crs.columnNames', { column: headers[xi], crs: 'BD-09' }) }
      : undefined;
  return { name: opts.name, format: opts.format, declaredCrs: declared, features, warnings, rejected };
}

export function coordinateColumns(crs: CrsDef): [string, string] {
  if (crs.id === 'GCJ-02') return ['gcj02_lon', 'gcj02_lat'];
  if (crs.id === 'BD-09') return ['bd09_lon', 'bd09_lat'];
  if (crs.kind === 'projected') return ['x', 'y'];
  return ['lon', 'lat'];
}

export function exportCsv(features: ExportFeature[], options: ExportOptions): ExportResult {
  features = features.map((f) => ({ ...f, properties: flattenLocalized(f.properties) }));
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
  const rows = features.map((f) => {
    const g = projectGeometry(f.geometry, crs, digits);
    // coordinates go in as numbers, so a negative one is never taken for a formula
    const row: unknown[] = g.type === 'Point' ? [g.coordinates[0], g.coordinates[1], ''] : ['', '', formatWkt(g, fmt)];
    for (const k of propNames) row.push((f.properties ?? {})[k]);
    return row;
  });
  const base = safeFileName(options.name);
  const files = [{ name: `${base}.csv`, mime: 'text/csv;charset=utf-8', content: writeCsv(fields, rows) }];
  const prj = crs.id !== 'EPSG:4326' ? prjFor(crs) : null;
  if (prj) files.push({ name: `${base}.prj`, mime: 'text/plain', content: prj });
  return { files, crsNote: crsNote(crs),
    crsNoteMsg: crsNoteMsg(crs), crs: crs.id };
}

export const csv: FileFormat = {
  id: 'csv',
  label: 'CSV',
  extensions: ['csv', 'tsv', 'tab'],
  // .txt and unknown extensions: a table when the first line has a comma or a tab.
  detect: ({ ext, head }) => ext === 'txt' || /[,\t]/.test(head.split('\n')[0] ?? ''),
  import: ({ bytes, name, ext, head, options }) =>
    parseCsv(bytes, name, {
      encoding: options.encoding,
      columns: options.csvColumns,
      tsv: ext === 'tsv' || ext === 'tab' || (ext !== 'csv' && head.split('\n')[0].includes('\t')),
    }),
  export: exportCsv,
};
