// Property sanitising and geometry checks shared by every importer (walking and self-intersection: ../geo/kernel.ts).
//
// Property values are kept as plain text: the UI renders them with text bindings, never as HTML, so a
// `<script>` in a DBF field is shown, not run. Keys that could reach Object.prototype through later
// spreads or merges are dropped.
import { inEnglish, msg, type IoMsg } from './messages';
import type { Geometry, Position } from 'geojson';
import { forEachPosition } from '../geo/kernel';

export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const HTML_LIKE = /<\s*[a-z!/][^>]*>|javascript:|on[a-z]+\s*=/i;

export interface SanitiseReport {
  droppedKeys: string[];
  htmlKeys: string[];
  /** nested deeper than MAX_DEPTH: kept as JSON text */
  nestedKeys: string[];
  /** text longer than LONG_VALUE characters: kept whole, shown shortened */
  longKeys: { key: string; length: number }[];
}

export const MAX_DEPTH = 8;
/** Longer text values are kept whole but shown shortened (a 2 MB value put into the page stalls it). */
export const LONG_VALUE = 100_000;
/** How many characters of one attribute value a card or table shows. */
export const SHOWN_CHARS = 2000;

/** An attribute value as text for a card or table: objects as JSON, very long text cut (the data keeps it whole). */
export function attributeText(v: unknown): { text: string; length: number; shortened: boolean } {
  const full = typeof v === 'object' && v !== null ? stringifyDeep(v) : String(v);
  return full.length > SHOWN_CHARS ? { text: full.slice(0, SHOWN_CHARS), length: full.length, shortened: true } : { text: full, length: full.length, shortened: false };
}

const newReport = (): SanitiseReport => ({ droppedKeys: [], htmlKeys: [], nestedKeys: [], longKeys: [] });

class Raw {
  constructor(readonly text: string) {}
}

const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** JSON.stringify without recursion: a 20,000-level value would overflow the stack. */
export function stringifyDeep(value: unknown): string {
  const out: string[] = [];
  const todo: unknown[] = [value];
  while (todo.length) {
    const x = todo.pop();
    if (x instanceof Raw) out.push(x.text);
    else if (x === null || typeof x !== 'object' || x instanceof Date) out.push(JSON.stringify(x) ?? 'null');
    else {
      const arr = Array.isArray(x);
      const keys = arr ? null : Object.keys(x).filter((k) => !skipped((x as Record<string, unknown>)[k]));
      const items: unknown[] = arr ? (x as unknown[]) : keys!.map((k) => (x as Record<string, unknown>)[k]);
      todo.push(new Raw(arr ? ']' : '}'));
      for (let i = items.length - 1; i >= 0; i--) {
        todo.push(skipped(items[i]) ? new Raw('null') : items[i]);
        if (keys) todo.push(new Raw(`${JSON.stringify(keys[i])}:`));
        if (i > 0) todo.push(new Raw(','));
      }
      todo.push(new Raw(arr ? '[' : '{'));
    }
  }
  return out.join('');
}

function sanitiseValue(value: unknown, path: string, report: SanitiseReport, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    if (value.length > LONG_VALUE) report.longKeys.push({ key: path, length: value.length });
    if (HTML_LIKE.test(value.length > LONG_VALUE ? value.slice(0, LONG_VALUE) : value)) report.htmlKeys.push(path);
    return value;
  }
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) {
    // DBF dates are built in local time by parsedbf; format them back in local time to keep the day.
    if (Number.isNaN(value.getTime())) return null;
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  if (depth > MAX_DEPTH) {
    report.nestedKeys.push(path);
    return stringifyDeep(value);
  }
  if (Array.isArray(value)) return value.map((v, i) => sanitiseValue(v, `${path}[${i}]`, report, depth + 1));
  if (typeof value === 'object') {
    const entries: [string, unknown][] = [];
    for (const key of Object.keys(value as object)) {
      if (FORBIDDEN_KEYS.has(key)) {
        report.droppedKeys.push(path ? `${path}.${key}` : key);
        continue;
      }
      entries.push([key, sanitiseValue((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, report, depth + 1)]);
    }
    // fromEntries defines own data properties, so even odd keys never hit a setter.
    return Object.fromEntries(entries);
  }
  return null; // functions, symbols, undefined
}

/** Copy properties into a plain object with forbidden keys dropped and values reduced to JSON types. */
export function sanitiseProperties(props: unknown): { properties: Record<string, unknown>; report: SanitiseReport } {
  const report = newReport();
  if (props === null || props === undefined) return { properties: {}, report };
  if (typeof props !== 'object' || Array.isArray(props)) {
    return { properties: { value: sanitiseValue(props, 'value', report, 1) }, report };
  }
  return { properties: sanitiseValue(props, '', report, 0) as Record<string, unknown>, report };
}

export class GeometryProblem extends Error {
  constructor(
    readonly code: string,
    readonly msg: IoMsg,
  ) {
    super(inEnglish(msg));
  }
}

export interface GeometryFixes {
  closedRings: number;
  droppedZ: boolean;
}

const fmt = (p: unknown) => {
  try {
    return JSON.stringify(p).slice(0, 80);
  } catch {
    return String(p);
  }
};

/** A step deeper into a geometry ("ring 2"), kept as a message so it reads in the UI's language. */
const step = (key: Parameters<typeof msg>[0], of: IoMsg, i: number | string): IoMsg => msg(key, { of, i });
const problem = (code: string, key: Parameters<typeof msg>[0], vars: Record<string, IoMsg | string | number>) => new GeometryProblem(code, msg(key, vars));

function readPosition(p: unknown, where: IoMsg, fixes: GeometryFixes): Position {
  if (!Array.isArray(p)) throw problem('bad-coordinates', 'io.geom.notPosition', { at: where, value: fmt(p) });
  if (p.length < 2) throw problem('bad-coordinates', 'io.geom.shortPosition', { at: where, n: p.length });
  const x = p[0];
  const y = p[1];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw problem('bad-coordinates', 'io.geom.notFinite', { at: where, value: fmt(p) });
  }
  if (p.length > 2 && typeof p[2] === 'number' && p[2] !== 0) fixes.droppedZ = true;
  return [x, y];
}

function readLine(c: unknown, where: IoMsg, fixes: GeometryFixes, min: number): Position[] {
  if (!Array.isArray(c)) throw problem('bad-coordinates', 'io.geom.notPositions', { at: where });
  const line = c.map((p, i) => readPosition(p, step('io.geom.position', where, i), fixes));
  if (line.length < min) throw problem('too-few-positions', 'io.geom.tooFew', { at: where, n: line.length, min });
  return line;
}

function readRing(c: unknown, where: IoMsg, fixes: GeometryFixes): Position[] {
  const ring = readLine(c, where, fixes, 3);
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    ring.push([first[0], first[1]]);
    fixes.closedRings++;
  }
  if (ring.length < 4) throw problem('degenerate-ring', 'io.geom.degenerateRing', { at: where });
  return ring;
}

function readPolygon(c: unknown, where: IoMsg, fixes: GeometryFixes): Position[][] {
  if (!Array.isArray(c) || c.length === 0) throw problem('bad-coordinates', 'io.geom.noRings', { at: where });
  return c.map((r, i) => readRing(r, step('io.geom.ring', where, i), fixes));
}

/** Structural check of a GeoJSON-like geometry; returns a clean 2D copy or throws GeometryProblem. */
export function readGeometry(g: unknown, fixes: GeometryFixes, where: IoMsg = msg('io.geom.root'), depth = 0): Geometry {
  if (g === null || g === undefined) throw new GeometryProblem('missing-geometry', msg('io.geom.missing'));
  if (typeof g !== 'object' || Array.isArray(g)) throw problem('bad-geometry', 'io.geom.notObject', { at: where });
  const type = (g as { type?: unknown }).type;
  const c = (g as { coordinates?: unknown }).coordinates;
  const typed = (t: string) => step('io.geom.typed', where, t);
  const arr = (what: string) => {
    if (!Array.isArray(c) || c.length === 0) throw problem('bad-coordinates', 'io.geom.noCoordinates', { at: typed(what) });
    return c as unknown[];
  };
  switch (type) {
    case 'Point':
      return { type, coordinates: readPosition(c, typed(type), fixes) };
    case 'MultiPoint':
      return { type, coordinates: arr(type).map((p, i) => readPosition(p, step('io.geom.point', where, i), fixes)) };
    case 'LineString':
      return { type, coordinates: readLine(c, typed(type), fixes, 2) };
    case 'MultiLineString':
      return { type, coordinates: arr(type).map((l, i) => readLine(l, step('io.geom.line', where, i), fixes, 2)) };
    case 'Polygon':
      return { type, coordinates: readPolygon(c, typed(type), fixes) };
    case 'MultiPolygon':
      return { type, coordinates: arr(type).map((p, i) => readPolygon(p, step('io.geom.polygon', where, i), fixes)) };
    case 'GeometryCollection': {
      const gs = (g as { geometries?: unknown }).geometries;
      if (!Array.isArray(gs) || gs.length === 0) throw problem('bad-geometry', 'io.geom.emptyCollection', { at: typed(type) });
      if (depth > 4) throw problem('bad-geometry', 'io.geom.tooDeep', { at: where });
      return { type, geometries: gs.map((m, i) => readGeometry(m, fixes, step('io.geom.member', where, i), depth + 1)) };
    }
    default:
      throw problem('bad-geometry', 'io.geom.unknownType', { at: where, type: fmt(type) });
  }
}

/** First WGS84 position out of range, or null. */
export function firstOutOfRange(g: Geometry): Position | null {
  let bad: Position | null = null;
  forEachPosition(g, (p) => {
    if (bad) return;
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) bad = p;
  });
  return bad;
}
