// Joins a table (CSV/Excel rows) to features by a key: an adcode, or a Chinese place name matched loosely
// (full or short names, with or without 市/区/县/自治县 and an ethnic-group part, an optional prefecture or
// province in front). Reports every row that found nothing, or more than one feature, and every feature without
// a row. Pure.

/** A feature rows can join to. */
export interface JoinTarget {
  /** Feature id in the result. */
  id: string;
  adcode?: string;
  /** Names a row may use: the Chinese name first (锦江区), then others (English). */
  names: string[];
  /** Names of the unit it lies in (成都市), used to tell 市中区 of 内江 from 市中区 of 乐山. */
  parents?: string[];
}

export type JoinBy = 'adcode' | 'name' | 'exact';

export interface UnmatchedRow {
  /** Row index in the table (0 = first data row). */
  index: number;
  key: string;
  reason: 'empty' | 'none' | 'ambiguous' | 'duplicate';
  /** For ambiguous rows: the features the key could mean; for duplicates: the feature already taken. */
  candidates?: string[];
}

export interface JoinResult {
  /** Feature id → row index. */
  matches: Map<string, number>;
  unmatchedRows: UnmatchedRow[];
  /** Features no row joined to, in target order. */
  unmatchedTargets: string[];
}

// longest first: 自治县 before 县
const SUFFIXES = ['特别行政区', '自治县', '自治州', '自治旗', '市辖区', '地区', '新区', '林区', '特区', '区', '县', '市', '州', '盟', '旗', '省'];
// the peoples named in Sichuan's and Chongqing's autonomous units (北川羌族自治县, 酉阳土家族苗族自治县)
const ETHNIC = /(?:羌|彝|藏|土家|苗|回|傈僳|蒙古|纳西|布依|侗|壮|满|白|瑶|仡佬)族(?:(?:羌|彝|藏|土家|苗|回|傈僳|蒙古|纳西|布依|侗|壮|满|白|瑶|仡佬)族)*$/u;
const PROVINCES = ['四川省', '重庆市', '四川', '重庆'];

/** A place name without spaces, full-width forms and administrative suffixes: 北川羌族自治县 → 北川, 锦江区 → 锦江. */
export function shortName(name: string): string {
  let s = name.normalize('NFKC').replace(/\s+/g, '');
  const suffix = SUFFIXES.find((x) => s.endsWith(x) && s.length > x.length);
  if (suffix) s = s.slice(0, -suffix.length);
  const ethnic = ETHNIC.exec(s);
  if (ethnic && ethnic.index >= 2) s = s.slice(0, ethnic.index);
  return s;
}

/** A 6-digit adcode from a cell: '510104', 510104, '510104000000' (the 12-digit statistical code) → '510104'. */
export function normaliseAdcode(value: string): string | null {
  const s = value.normalize('NFKC').trim().replace(/\.0+$/, '');
  if (/^\d{6}$/.test(s)) return s;
  if (/^\d{12}$/.test(s)) return s.slice(0, 6);
  return null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/** Candidates for a name: exact names first, then short names; a leading province or parent name narrows them. */
function nameIndex(targets: readonly JoinTarget[]) {
  const exact = new Map<string, JoinTarget[]>();
  const short = new Map<string, JoinTarget[]>();
  const parents = new Set<string>();
  for (const t of targets) {
    for (const n of t.names) {
      if (!n) continue;
      push(exact, n.normalize('NFKC').replace(/\s+/g, '').toLowerCase(), t);
      push(short, shortName(n).toLowerCase(), t);
    }
    for (const p of t.parents ?? []) {
      parents.add(p);
      parents.add(shortName(p));
    }
  }
  const lookup = (name: string): JoinTarget[] => {
    // the name as written, then as a short name (彭州 is 彭州市's short name), then shortened (峨边县 → 峨边)
    const k = name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
    return exact.get(k) ?? short.get(k) ?? short.get(shortName(name).toLowerCase()) ?? [];
  };
  return (raw: string): JoinTarget[] => {
    let name = raw.normalize('NFKC').replace(/\s+/g, '');
    for (const p of PROVINCES) if (name.startsWith(p) && name.length > p.length + 1) name = name.slice(p.length);
    let found = lookup(name);
    // "乐山市市中区": a parent in front picks among the candidates (or finds the unit when the whole name did not)
    const parent = [...parents].filter((p) => name.startsWith(p) && name.length > p.length).sort((a, b) => b.length - a.length)[0];
    if (parent) {
      const inParent = (t: JoinTarget) => (t.parents ?? []).some((p) => p === parent || shortName(p) === parent);
      const rest = lookup(name.slice(parent.length)).filter(inParent);
      if (rest.length) found = rest;
    }
    return found;
  };
}

/** Matches table rows to targets by key: one row per target (a second row for the same target is reported). */
export function joinRows(keys: readonly string[], targets: readonly JoinTarget[], by: JoinBy): JoinResult {
  const matches = new Map<string, number>();
  const unmatchedRows: UnmatchedRow[] = [];
  const byAdcode = new Map<string, JoinTarget[]>();
  const byExact = new Map<string, JoinTarget[]>();
  for (const t of targets) {
    if (t.adcode) push(byAdcode, t.adcode, t);
    for (const n of t.names) if (n) push(byExact, n.trim(), t);
  }
  const byName = by === 'name' ? nameIndex(targets) : null;
  keys.forEach((raw, index) => {
    const key = (raw ?? '').trim();
    if (!key) return unmatchedRows.push({ index, key, reason: 'empty' });
    let found: JoinTarget[];
    if (by === 'adcode') {
      const code = normaliseAdcode(key);
      found = code ? (byAdcode.get(code) ?? []) : [];
    } else if (by === 'exact') found = byExact.get(key) ?? [];
    else found = byName!(key);
    if (found.length === 0) return unmatchedRows.push({ index, key, reason: 'none' });
    if (found.length > 1) return unmatchedRows.push({ index, key, reason: 'ambiguous', candidates: found.map((t) => t.id) });
    const id = found[0].id;
    if (matches.has(id)) return unmatchedRows.push({ index, key, reason: 'duplicate', candidates: [id] });
    matches.set(id, index);
  });
  return { matches, unmatchedRows, unmatchedTargets: targets.filter((t) => !matches.has(t.id)).map((t) => t.id) };
}

/** The join key a column most likely is: adcode when most filled cells read as adcodes, else name. */
export function guessJoinBy(keys: readonly string[]): JoinBy {
  const filled = keys.filter((k) => k && k.trim());
  const codes = filled.filter((k) => normaliseAdcode(k) !== null).length;
  return filled.length > 0 && codes / filled.length >= 0.8 ? 'adcode' : 'name';
}

/** A feature a table can be joined to, with the attributes it keeps in the joined layer. */
export interface JoinFeature<G = unknown> {
  id: string;
  geometry: G;
  properties: Record<string, string | number | boolean | null>;
}

/**
 * The joined features: every target feature (with null values where no row joined, so the map shows them as
 * "no data"), its own attributes, then the row's columns — numbers as numbers for a number column, the key
 * column left out (the feature's own key stands for it), a column named like an attribute suffixed `_table`.
 */
export function joinedFeatures<G>(
  targets: readonly JoinFeature<G>[],
  table: { headers: readonly string[]; rows: readonly (readonly string[])[] },
  keyColumn: string,
  numericColumns: readonly string[],
  result: JoinResult,
): { geometry: G; properties: Record<string, string | number | boolean | null> }[] {
  const numeric = new Set(numericColumns);
  const columns = table.headers.map((h, c) => ({ h, c })).filter(({ h }) => h !== keyColumn);
  return targets.map((t) => {
    const props: Record<string, string | number | boolean | null> = { ...t.properties };
    const r = result.matches.get(t.id);
    for (const { h, c } of columns) {
      const name = h in t.properties ? `${h}_table` : h;
      const cell = r === undefined ? null : (table.rows[r][c] ?? '');
      props[name] = cell === null || cell === '' ? null : numeric.has(h) ? Number(cell.replace(/,/g, '')) : cell;
    }
    return { geometry: t.geometry, properties: props };
  });
}
