// A plain table (no geometry) for a join: CSV/TSV/TXT through the importers' text decoding (UTF-8 or GBK…) and
// Papa Parse, Excel through the .xlsx importer's sheet reader. Header row first; duplicate or empty headers are
// renamed as the importer does. Pure.
import Papa from 'papaparse';
import { decodeText } from '../io/text';
import { unescapeFormula } from '../io/csvWriter';
import { readSheets } from '../io/formats/xlsx';
import { extensionOf } from '../io/formats/index';
import { msg, type IoMsg } from '../io/messages';
import { DEFAULT_LIMITS, ImportError } from '../io/types';

export interface PlainTable {
  /** Sheet name for Excel, the file's base name for CSV. */
  name: string;
  headers: string[];
  /** Data rows as text, each as long as `headers`. */
  rows: string[][];
}

export type ReadTableResult = { ok: true; tables: PlainTable[] } | { ok: false; problem: IoMsg };

function toTable(name: string, raw: string[][]): PlainTable | null {
  if (raw.length < 2) return null;
  const seen = new Map<string, number>();
  const headers = raw[0].map((h, i) => {
    const base = unescapeFormula(h.trim()) || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n > 1 ? `${base}_${n}` : base;
  });
  const rows = raw.slice(1).map((r) => headers.map((_, c) => unescapeFormula((r[c] ?? '').trim())));
  return { name, headers, rows };
}

export async function readTable(file: string, bytes: Uint8Array): Promise<ReadTableResult> {
  const ext = extensionOf(file);
  try {
    if (ext === 'xlsx') {
      const sheets = await readSheets(bytes, file, DEFAULT_LIMITS);
      const tables = sheets.map((s) => toTable(s.sheet, s.rows)).filter((x): x is PlainTable => x !== null);
      return tables.length ? { ok: true, tables } : { ok: false, problem: msg('io.csv.noRows', { file }) };
    }
    const { text } = decodeText(bytes, file);
    if (!text.trim()) return { ok: false, problem: msg('io.err.empty', { file }) };
    const tsv = ext === 'tsv' || ext === 'tab';
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: 'greedy', delimiter: tsv ? '\t' : '' });
    const table = toTable(file.replace(/\.[^.]+$/, ''), parsed.data);
    return table ? { ok: true, tables: [table] } : { ok: false, problem: msg('io.csv.noRows', { file }) };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, problem: e.msg };
    throw e;
  }
}
