// The one CSV writer (Papa Parse's unparse) for layer export and analysis tables: RFC 4180 with CRLF line
// ends and a UTF-8 BOM so Excel reads Chinese. Cells are formula-safe: text a spreadsheet would run as a
// formula gets a leading apostrophe, by a rule the CSV importer undoes, so a round trip is exact.
import Papa from 'papaparse';

export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const needsEscape = (v: string) => FORMULA_START.has(v[0]) || (v[0] === "'" && (FORMULA_START.has(v[1]) || v[1] === "'"));
export const escapeFormula = (v: string): string => (v.length > 0 && needsEscape(v) ? `'${v}` : v);
export const unescapeFormula = (v: string): string =>
  v.length > 1 && v[0] === "'" && (FORMULA_START.has(v[1]) || v[1] === "'") ? v.slice(1) : v;

/** A value as cell text before quoting: numbers as numbers (a negative number is not a formula), other values as safe text. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return escapeFormula(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
}

const UNPARSE = { newline: '\r\n', quotes: false, escapeFormulae: false } as const;

/** One cell as it stands in a CSV line: safe text, quoted when it must be. */
export function csvCell(v: unknown): string {
  const t = cellText(v);
  return t === '' ? '' : Papa.unparse([[t]], UNPARSE);
}

/** A header and rows → CSV text ending in CRLF; with a BOM unless `bom` is false. */
export function writeCsv(fields: readonly string[], rows: ReadonlyArray<readonly unknown[]>, bom = true): string {
  // Papa's own escapeFormulae is off: ours is reversible on import.
  const text = Papa.unparse({ fields: fields.map(cellText), data: rows.map((r) => r.map(cellText)) }, UNPARSE);
  return `${bom ? '\uFEFF' : ''}${text}\r\n`;
}
