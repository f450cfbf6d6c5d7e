// Excel workbooks (.xlsx) via read-excel-file: every sheet with coordinate columns (or a WKT column) becomes
// a layer, read exactly like a CSV table (./csv.ts tableLayer). Import only.
import readXlsxFile from 'read-excel-file/universal';
import { msg } from '../messages';
import { unzipBounded } from '../zip';
import { ImportError, ioNote, type FileFormat, type ImportInput, type ImportMessage, type RawLayer } from '../types';
import { tableLayer } from './csv';

/** A cell as the text a CSV would hold: numbers in full, dates as ISO dates, empty as ''. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(v);
}

/** Every sheet's non-empty rows as cell text (also read by the table join, src/lib/table/readTable.ts). */
export async function readSheets(bytes: Uint8Array, file: string, limits: ImportInput['limits'], signal?: AbortSignal): Promise<{ sheet: string; rows: string[][] }[]> {
  // The bounded unzip refuses zip bombs before the reader unpacks anything.
  unzipBounded(bytes, file, limits, signal);
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(bytes.slice().buffer)) as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    throw new ImportError('xlsx-unreadable', msg('io.xlsx.unreadable', { file, detail: String((e as Error)?.message ?? e).slice(0, 160) }));
  }
  return sheets.map(({ sheet, data }) => ({ sheet, rows: data.map((r) => r.map(cellText)).filter((r) => r.some((c) => c.trim() !== '')) }));
}

export async function parseXlsx({ bytes, name: file, options, limits, signal }: ImportInput): Promise<RawLayer[]> {
  const sheets = await readSheets(bytes, file, limits, signal);
  const base = file.replace(/\.[^.]+$/, '');
  const layers: RawLayer[] = [];
  const skipped: ImportMessage[] = [];
  for (const { sheet, rows } of sheets) {
    if (rows.length === 0) continue;
    try {
      const name = sheets.length > 1 ? `${base} · ${sheet}` : base;
      layers.push(tableLayer(rows, file, { name, format: 'xlsx', columns: options.csvColumns, sheet }));
    } catch (e) {
      if (!(e instanceof ImportError) || e.code !== 'csv-no-columns') throw e;
      skipped.push(ioNote(file, 'xlsx-sheet-skipped', msg('io.xlsx.sheetSkipped', { file, sheet })));
    }
  }
  if (layers.length === 0) {
    throw new ImportError('csv-no-columns', msg('io.xlsx.noSheet', { file, sheets: sheets.map((s) => s.sheet).join(', ') }));
  }
  layers[0].warnings.unshift(...skipped);
  return layers;
}

export const xlsx: FileFormat = {
  id: 'xlsx',
  label: 'Excel (.xlsx)',
  extensions: ['xlsx'],
  import: parseXlsx,
};
