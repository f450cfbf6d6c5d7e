// Sorting and filtering the attribute table without expressions: text contains, numeric ranges, category
// checkboxes. Both work on row indices (an Int32Array view), so 100k rows are never copied. Pure.
import { cellNumber, cellText, type Column, type TableRow } from './columns';

export type Filter =
  | { kind: 'text'; key: string; contains: string }
  | { kind: 'range'; key: string; min: number | null; max: number | null }
  | { kind: 'category'; key: string; values: string[] };

export interface SortSpec {
  key: string;
  dir: 'asc' | 'desc';
}

/** A filter that lets everything through (an empty text, an open range) is no filter. */
export function isActive(f: Filter): boolean {
  if (f.kind === 'text') return f.contains.trim() !== '';
  if (f.kind === 'range') return f.min !== null || f.max !== null;
  return true;
}

function test(f: Filter): (row: TableRow) => boolean {
  if (f.kind === 'text') {
    const needle = f.contains.trim().toLocaleLowerCase();
    return (r) => cellText(r.cells[f.key]).toLocaleLowerCase().includes(needle);
  }
  if (f.kind === 'range') {
    const { min, max } = f;
    return (r) => {
      const n = cellNumber(r.cells[f.key]);
      return n !== null && (min === null || n >= min) && (max === null || n <= max);
    };
  }
  const allowed = new Set(f.values);
  return (r) => allowed.has(cellText(r.cells[f.key]));
}

/** Indices of the rows every active filter keeps, in row order. */
export function filterRows(rows: readonly TableRow[], filters: readonly Filter[]): Int32Array {
  const tests = filters.filter(isActive).map(test);
  const out = new Int32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    let keep = true;
    for (const t of tests) {
      if (!t(r)) {
        keep = false;
        break;
      }
    }
    if (keep) out[n++] = i;
  }
  return out.subarray(0, n);
}

/**
 * Sorts row indices by one column, stably (ties keep row order). Numbers compare numerically; text and
 * categories by the locale's collation (zh-CN: pinyin order, so 成都 before 德阳 before 眉山), digits
 * inside text by value. Empty cells go last in both directions.
 */
export function sortRows(rows: readonly TableRow[], indices: Int32Array, column: Column, dir: SortSpec['dir'], locale: string): Int32Array {
  const sign = dir === 'asc' ? 1 : -1;
  const idx = Array.from(indices);
  if (column.type === 'number') {
    const keys = new Float64Array(rows.length);
    for (const i of idx) keys[i] = cellNumber(rows[i].cells[column.key]) ?? NaN;
    idx.sort((a, b) => {
      const x = keys[a];
      const y = keys[b];
      const xn = Number.isNaN(x);
      const yn = Number.isNaN(y);
      if (xn || yn) return xn === yn ? a - b : xn ? 1 : -1;
      return x === y ? a - b : (x - y) * sign;
    });
  } else {
    const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
    const keys: string[] = new Array(rows.length);
    for (const i of idx) keys[i] = cellText(rows[i].cells[column.key]);
    idx.sort((a, b) => {
      const x = keys[a];
      const y = keys[b];
      if (x === '' || y === '') return x === y ? a - b : x === '' ? 1 : -1;
      return collator.compare(x, y) * sign || a - b;
    });
  }
  return Int32Array.from(idx);
}

/** Filter, then sort when asked: the row indices the table shows, in order. */
export function viewRows(rows: readonly TableRow[], columns: readonly Column[], filters: readonly Filter[], sort: SortSpec | null, locale: string): Int32Array {
  const kept = filterRows(rows, filters);
  const column = sort && columns.find((c) => c.key === sort.key);
  return column ? sortRows(rows, kept, column, sort!.dir, locale) : kept;
}

/** The next sort when a column header is pressed: ascending, descending, then unsorted. */
export function nextSort(cur: SortSpec | null, key: string): SortSpec | null {
  if (!cur || cur.key !== key) return { key, dir: 'asc' };
  return cur.dir === 'asc' ? { key, dir: 'desc' } : null;
}

export const ACCURACY_KEY = 'accuracy';
const ACCURACIES = new Set(['boundary', 'located', 'schematic']);
/** A cell that states one of the three accuracies (shown as a badge). */
export function isAccuracyCell(key: string, value: unknown): value is 'boundary' | 'located' | 'schematic' {
  return key === ACCURACY_KEY && typeof value === 'string' && ACCURACIES.has(value);
}

/** Whether any row states an accuracy: the table then offers "hide schematic rows". */
export function hasAccuracy(rows: readonly TableRow[]): boolean {
  return rows.some((r) => isAccuracyCell(ACCURACY_KEY, r.cells[ACCURACY_KEY]));
}

/** The row indices without the schematic rows (order kept), and how many were left out. */
export function withoutSchematic(rows: readonly TableRow[], indices: Int32Array): { kept: Int32Array; hidden: number } {
  const kept = indices.filter((i) => rows[i].cells[ACCURACY_KEY] !== 'schematic');
  return { kept, hidden: indices.length - kept.length };
}
