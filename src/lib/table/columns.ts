// The attribute table's rows and columns: plain cells read from a layer's features, and a type per column
// (number, category, text) that decides how it sorts, filters and edits. Pure; no DOM.

/** One cell as the table holds it. Nested JSON is shown as its JSON text. */
export type Cell = string | number | boolean | null;

export type ColumnType = 'number' | 'category' | 'text';

export interface Column {
  key: string;
  type: ColumnType;
  /** Distinct values of a category column, in first-seen order (for the checkbox filter). */
  categories?: string[];
  /** Smallest and largest value of a number column. */
  min?: number;
  max?: number;
}

export interface TableRow {
  /** Feature id (workspace feature id or plan element id). */
  id: string;
  cells: Record<string, Cell>;
}

/** Most distinct values a text column may have and still be filtered by checkboxes. */
export const MAX_CATEGORIES = 24;

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A cell as a number: numbers, and text that is a plain decimal number (CSV cells are text); else null. */
export function cellNumber(v: Cell | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && NUMBER.test(v)) return Number(v);
  return null;
}

/** A cell as the text the table shows and the text filter searches. */
export function cellText(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

/** Any JSON value as a cell: objects and arrays become their JSON text. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v) ?? null;
}

const isEmpty = (v: Cell | undefined) => v === null || v === undefined || v === '';

/**
 * The type of each column, from every row: number when every non-empty cell reads as a number; category when
 * the column has at most MAX_CATEGORIES distinct values (and repeats some, or is boolean); text otherwise.
 */
export function typeColumns(keys: readonly string[], rows: readonly TableRow[]): Column[] {
  return keys.map((key) => {
    let numeric = true;
    let filled = 0;
    let min = Infinity;
    let max = -Infinity;
    const distinct = new Set<string>();
    let boolean = true;
    for (const r of rows) {
      const v = r.cells[key];
      if (isEmpty(v)) continue;
      filled++;
      if (typeof v !== 'boolean') boolean = false;
      if (numeric) {
        const n = cellNumber(v);
        if (n === null) numeric = false;
        else {
          if (n < min) min = n;
          if (n > max) max = n;
        }
      }
      if (distinct.size <= MAX_CATEGORIES) distinct.add(cellText(v));
    }
    if (filled > 0 && numeric && !boolean) return { key, type: 'number', min, max };
    const few = distinct.size > 0 && distinct.size <= MAX_CATEGORIES && (boolean || distinct.size < filled);
    if (few) return { key, type: 'category', categories: [...distinct] };
    return { key, type: 'text' };
  });
}

/** Column keys in first-seen order over the rows (at most the first `scan` rows are looked at). */
export function columnKeys(rows: readonly TableRow[], scan = 5000): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < rows.length && i < scan; i++) for (const k of Object.keys(rows[i].cells)) seen.add(k);
  return [...seen];
}

export type EditResult = { ok: true; value: Cell } | { ok: false; problem: 'notNumber' };

/**
 * The value a typed edit stores: a number where the cell held a number (text that is not a number is refused),
 * text where it held text (so a CSV column stays text), an empty entry clears the cell to null.
 */
export function parseEdit(old: Cell | undefined, text: string, type: ColumnType): EditResult {
  if (text.trim() === '') return { ok: true, value: null };
  if (typeof old === 'number' || (type === 'number' && (old === null || old === undefined))) {
    const n = cellNumber(text);
    return n === null ? { ok: false, problem: 'notNumber' } : { ok: true, value: n };
  }
  if (typeof old === 'boolean' && (text === 'true' || text === 'false')) return { ok: true, value: text === 'true' };
  return { ok: true, value: text };
}
