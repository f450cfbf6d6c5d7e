// Versioned serialisation of a workspace: write, read with migrations, strict validation, size accounting.
// Saved records (IndexedDB) and exported `.tongcheng.json` files use the same text.
import { ACCURACIES, KINDS, STATUSES } from '../plan/model';
import { createSlicer } from './slice';
import {
  WORKSPACE_FILE_EXTENSION,
  WORKSPACE_FORMAT,
  WORKSPACE_VERSION,
  type JsonValue,
  type UserLayer,
  type Workspace,
} from './model';

const IMPORT_FORMATS = ['geojson', 'topojson', 'kml', 'kmz', 'shapefile', 'csv'];
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_ISSUES = 50;
const MAX_JSON_DEPTH = 64;
/** Largest workspace file we read (the import limit for one data file, doubled). */
export const MAX_WORKSPACE_FILE_BYTES = 512 * 1024 * 1024;

export interface ValidationIssue {
  file: string;
  layer?: { index: number; id?: string; name?: string };
  feature?: { index: number; id?: string };
  /** Dotted path of the offending field inside the workspace, layer, feature or pin. */
  field: string;
  message: string;
}

/** "work.tongcheng.json › layer 2 "Roads" (id "layer-3") › feature 5 (id "f-5") › geometry: …" */
export function formatIssue(i: ValidationIssue): string {
  const parts = [i.file];
  if (i.layer) {
    let s = `layer ${i.layer.index}`;
    if (i.layer.name !== undefined) s += ` "${i.layer.name}"`;
    if (i.layer.id !== undefined) s += ` (id "${i.layer.id}")`;
    parts.push(s);
  }
  if (i.feature) parts.push(`feature ${i.feature.index}` + (i.feature.id !== undefined ? ` (id "${i.feature.id}")` : ''));
  return `${parts.join(' › ')}${i.field ? ` › ${i.field}` : ''}: ${i.message}`;
}

export type ReadResult =
  | { ok: true; workspace: Workspace; /** Version the text was written in, when older than now. */ migratedFrom: number | null }
  | { ok: false; issues: ValidationIssue[]; /** One sentence for the user; details in issues. */ message: string };

// ---------------------------------------------------------------------------------------------------------
// Writing

/** Canonical text of a workspace: fixed key order, compact. Equal workspaces give identical text. */
export function serializeWorkspace(ws: Workspace): string {
  return JSON.stringify({
    format: WORKSPACE_FORMAT,
    version: ws.version,
    id: ws.id,
    name: ws.name,
    updatedAt: ws.updatedAt,
    layers: ws.layers.map((l) => ({
      id: l.id,
      name: l.name,
      source: l.source,
      style: l.style,
      visible: l.visible,
      features: l.features,
    })),
    pins: ws.pins,
    stories: ws.stories,
  });
}

/** File name for an exported workspace: its name made safe for every file system. */
/**
 * The text of `serializeWorkspace(ws)` as parts (their concatenation is identical), stringified `chunk`
 * features at a time in time slices with `pause()` between them, so saving a million-feature layer never
 * holds the UI thread in one long task.
 */
export async function serializeWorkspaceParts(ws: Workspace, pause?: () => Promise<void>, chunk = 500): Promise<string[]> {
  const slicer = createSlicer(pause, 10, 1);
  const head = JSON.stringify({ format: WORKSPACE_FORMAT, version: ws.version, id: ws.id, name: ws.name, updatedAt: ws.updatedAt });
  const parts: string[] = [`${head.slice(0, -1)},"layers":[`];
  for (const [i, l] of ws.layers.entries()) {
    const shell = JSON.stringify({ id: l.id, name: l.name, source: l.source, style: l.style, visible: l.visible, features: [] });
    // shell ends with `[]}`: open the array, add the features, close both.
    parts.push(`${i ? ',' : ''}${shell.slice(0, -2)}`);
    for (let k = 0; k < l.features.length; k += chunk) {
      const slice = JSON.stringify(l.features.slice(k, k + chunk));
      parts.push(`${k ? ',' : ''}${slice.slice(1, -1)}`);
      if (slicer.due()) await slicer.pause();
    }
    parts.push(']}');
  }
  parts.push(`],"pins":${JSON.stringify(ws.pins)},"stories":${JSON.stringify(ws.stories)}}`);
  return parts;
}

/** One step of the FNV-1a hash, so a long text given in parts hashes the same as the whole. */
export function fnv1aStep(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

export const FNV_OFFSET = 0x811c9dc5;
export const fnvHex = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');

export function workspaceFileName(ws: Workspace): string {
  const base = ws.name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 80) || 'workspace';
  return base + WORKSPACE_FILE_EXTENSION;
}

export function exportWorkspaceFile(ws: Workspace): { fileName: string; text: string; bytes: Uint8Array } {
  const text = serializeWorkspace(ws);
  return { fileName: workspaceFileName(ws), text, bytes: new TextEncoder().encode(text) };
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** Reads an exported file (bytes or text): decodes, parses, migrates and validates. Never returns partial data. */
export function readWorkspaceFile(file: string, input: Uint8Array | string): ReadResult {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    if (input.byteLength > MAX_WORKSPACE_FILE_BYTES)
      return fail(file, '', `${Math.round(input.byteLength / 2 ** 20)} MiB is over the ${MAX_WORKSPACE_FILE_BYTES / 2 ** 20} MiB limit for a workspace file`);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return fail(file, '', 'is not UTF-8 text, so it is not a workspace file');
    }
  }
  return parseWorkspace(text, file);
}

export function parseWorkspace(text: string, file: string): ReadResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail(file, '', 'the file is empty');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail(file, '', `malformed JSON${jsonPosition(text, e)}`);
  }
  return loadDocument(doc, file);
}

/** Migrates and validates an already-parsed document. */
export function loadDocument(doc: unknown, file: string): ReadResult {
  if (!isObj(doc)) return fail(file, '', 'is not a workspace (expected a JSON object)');
  if (doc.format !== undefined && doc.format !== WORKSPACE_FORMAT)
    return fail(file, 'format', `is "${String(doc.format)}", not a ${WORKSPACE_FORMAT} file`);
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return fail(file, 'version', 'is missing or not a whole number, so the file cannot be read as a workspace');
  if (version > WORKSPACE_VERSION)
    return fail(file, 'version', `is ${version}, made by a newer version of the atlas (this one reads up to ${WORKSPACE_VERSION}); update the app to open it`);
  if (version >= 1 && doc.format !== WORKSPACE_FORMAT) return fail(file, 'format', `must be "${WORKSPACE_FORMAT}"`);
  let current: Record<string, unknown> = doc;
  for (let v = version; v < WORKSPACE_VERSION; v++) {
    const step = MIGRATIONS[v];
    const pre = step.check(current, file);
    if (pre.length) return { ok: false, issues: pre, message: summary(file, pre) };
    current = step.migrate(current);
  }
  const issues = validateWorkspace(current, file);
  if (issues.length) return { ok: false, issues, message: summary(file, issues) };
  // Validated: rebuild with the canonical key order, dropping the format marker.
  const { format: _format, ...ws } = current;
  return { ok: true, workspace: ws as unknown as Workspace, migratedFrom: version < WORKSPACE_VERSION ? version : null };
}

function fail(file: string, field: string, message: string): ReadResult {
  const issues = [{ file, field, message }];
  return { ok: false, issues, message: summary(file, issues) };
}

function summary(file: string, issues: ValidationIssue[]): string {
  const first = formatIssue(issues[0]);
  const more = issues.length > 1 ? ` (and ${issues.length >= MAX_ISSUES ? 'at least ' : ''}${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${first}${more}. ${file} was not opened; nothing was changed.`;
}

function jsonPosition(text: string, e: unknown): string {
  // V8 names the offset for some errors only; otherwise find it with a small scanner.
  const m = /position (\d+)/.exec(String((e as Error)?.message));
  const pos = m ? Number(m[1]) : firstJsonError(text);
  if (pos === null) return '';
  if (pos >= text.length) return ' (the text ends too early)';
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

/** Offset of the first syntax error in JSON text, or null if it scans as valid. */
export function firstJsonError(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num) return void (i += num[0].length);
    fail();
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (at) {
    if (typeof at === 'number') return at;
    throw at;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Migrations. MIGRATIONS[v] turns version v into v + 1.

interface Migration {
  /** Structural checks the migration relies on, with the same clear messages as validation. */
  check(doc: Record<string, unknown>, file: string): ValidationIssue[];
  migrate(doc: Record<string, unknown>): Record<string, unknown>;
}

/**
 * v0 is the prototype's save shape: imported layers with a flat colour/width and a GeoJSON FeatureCollection,
 * drawings in a separate collection with a plain-text name, pins timed in epoch milliseconds, no stories.
 */
export interface WorkspaceV0 {
  version: 0;
  name: string;
  savedAt: number;
  layers: {
    id: string;
    name: string;
    file: string;
    format?: string;
    crs?: string;
    color: string;
    width?: number;
    visible?: boolean;
    geojson: { type: 'FeatureCollection'; features: { type: 'Feature'; id?: string | number; geometry: unknown; properties: Record<string, unknown> | null }[] };
  }[];
  drawings?: { type: 'FeatureCollection'; features: { type: 'Feature'; geometry: unknown; properties: { kind: string; name: string; status: string; target?: number } }[] };
  pins?: { type: string; params: unknown; result: unknown; at: number }[];
}

/** The import format a file name implies (v0 files did not always record it). */
export function formatFromName(file: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  if (ext === 'zip' || ext === 'shp') return 'shapefile';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  if (ext === 'kml' || ext === 'kmz' || ext === 'topojson') return ext;
  return 'geojson';
}

/** 32-bit FNV-1a, hex: deterministic ids for migrated data. */
export function fnv1a(text: string): string {
  return fnvHex(fnv1aStep(FNV_OFFSET, text));
}

const MIGRATIONS: Migration[] = [
  {
    check(doc, file) {
      const issues: ValidationIssue[] = [];
      if (typeof doc.name !== 'string') issues.push({ file, field: 'name', message: 'must be text' });
      if (typeof doc.savedAt !== 'number' || !Number.isFinite(doc.savedAt)) issues.push({ file, field: 'savedAt', message: 'must be a time in milliseconds' });
      if (!Array.isArray(doc.layers)) issues.push({ file, field: 'layers', message: 'must be a list' });
      else
        doc.layers.forEach((l, index) => {
          const at = { index, id: isObj(l) && typeof l.id === 'string' ? l.id : undefined, name: isObj(l) && typeof l.name === 'string' ? l.name : undefined };
          if (!isObj(l)) issues.push({ file, layer: at, field: '', message: 'must be an object' });
          else if (typeof l.file !== 'string') issues.push({ file, layer: at, field: 'file', message: 'must name the imported file' });
          else if (typeof l.color !== 'string') issues.push({ file, layer: at, field: 'color', message: 'must be a colour like #d55e00' });
          else if (!isObj(l.geojson) || !Array.isArray(l.geojson.features))
            issues.push({ file, layer: at, field: 'geojson', message: 'must be a FeatureCollection' });
          else l.geojson.features.forEach((f, fi) => {
            if (!isObj(f)) issues.push({ file, layer: at, feature: { index: fi }, field: '', message: 'must be a GeoJSON Feature' });
          });
        });
      if (doc.drawings !== undefined && (!isObj(doc.drawings) || !Array.isArray(doc.drawings.features)))
        issues.push({ file, field: 'drawings', message: 'must be a FeatureCollection' });
      else if (isObj(doc.drawings))
        (doc.drawings.features as unknown[]).forEach((f, fi) => {
          if (!isObj(f) || !isObj(f.properties))
            issues.push({ file, layer: { index: Array.isArray(doc.layers) ? doc.layers.length : 0, name: 'drawings' }, feature: { index: fi }, field: 'properties', message: 'must be an object' });
        });
      if (doc.pins !== undefined && !Array.isArray(doc.pins)) issues.push({ file, field: 'pins', message: 'must be a list' });
      else if (Array.isArray(doc.pins))
        doc.pins.forEach((p, i) => {
          if (!isObj(p) || typeof p.at !== 'number' || !Number.isFinite(p.at)) issues.push({ file, field: `pins[${i}].at`, message: 'must be a time in milliseconds' });
        });
      return issues.slice(0, MAX_ISSUES);
    },
    migrate(doc) {
      const v0 = doc as unknown as WorkspaceV0;
      const style = (color: string, width?: number) => ({ color, width: width ?? 2, fill: color, opacity: 0.6, labelField: null });
      const layers: Record<string, unknown>[] = v0.layers.map((l) => ({
        id: l.id,
        name: l.name,
        // v0 kept drawings apart, so every v0 layer is an import; v0 did not record the encoding.
        source: { kind: 'import', file: l.file, format: l.format ?? formatFromName(l.file), crs: l.crs ?? null, encoding: null },
        style: style(l.color, l.width),
        visible: l.visible ?? true,
        features: l.geojson.features.map((f, i) => ({
          type: 'Feature',
          id: `${l.id}-f${i}`,
          ...(f.id !== undefined ? { sourceId: f.id } : {}),
          geometry: f.geometry,
          properties: f.properties ?? {},
        })),
      }));
      if (v0.drawings && v0.drawings.features.length > 0) {
        const id = `drawings-${fnv1a(v0.name + v0.savedAt)}`;
        layers.push({
          id,
          name: 'Drawings',
          source: { kind: 'drawing' },
          style: style('#d55e00'),
          visible: true,
          features: v0.drawings.features.map((f, i) => {
            const p = f.properties;
            return {
              type: 'Feature',
              id: `${id}-f${i}`,
              geometry: f.geometry,
              // v0 had one name and no sources: the name is taken as Chinese, and a drawing is schematic.
              properties: {
                kind: p.kind,
                name: { zh: p.name, en: '' },
                status: p.status,
                years: p.target !== undefined ? { target: p.target } : {},
                sources: [],
                accuracy: 'schematic',
              },
            };
          }),
        });
      }
      return {
        format: WORKSPACE_FORMAT,
        version: 1,
        id: `ws-${fnv1a(v0.name + v0.savedAt)}`,
        name: v0.name,
        updatedAt: new Date(v0.savedAt).toISOString(),
        layers,
        pins: (v0.pins ?? []).map((p, i) => ({
          id: `pin-${i + 1}`,
          type: p.type,
          params: p.params ?? null,
          result: p.result ?? null,
          createdAt: new Date(p.at).toISOString(),
        })),
        stories: [],
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------------------
// Validation (current version)

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HEX = /^#[0-9a-fA-F]{6}$/;

class Issues {
  readonly list: ValidationIssue[] = [];
  constructor(readonly file: string) {}
  get full() {
    return this.list.length >= MAX_ISSUES;
  }
  add(field: string, message: string, layer?: ValidationIssue['layer'], feature?: ValidationIssue['feature']) {
    if (this.full) return;
    const issue: ValidationIssue = { file: this.file, field, message };
    if (layer) issue.layer = layer;
    if (feature) issue.feature = feature;
    this.list.push(issue);
  }
}

type Add = (field: string, message: string) => void;

function onlyKeys(o: Obj, allowed: readonly string[], prefix: string, add: Add) {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) add(prefix + k, 'is not a known field');
}

function text(o: Obj, key: string, prefix: string, add: Add, opts: { nonEmpty?: boolean; nullable?: boolean } = {}) {
  const v = o[key];
  if (opts.nullable && v === null) return;
  if (typeof v !== 'string') add(prefix + key, opts.nullable ? 'must be text or null' : 'must be text');
  else if (opts.nonEmpty && v.trim() === '') add(prefix + key, 'must not be empty');
}

function oneOf(o: Obj, key: string, values: readonly string[], prefix: string, add: Add) {
  if (!values.includes(o[key] as string)) add(prefix + key, `must be one of ${values.join(', ')} (found ${JSON.stringify(o[key]) ?? 'nothing'})`);
}

function isoDate(o: Obj, key: string, prefix: string, add: Add) {
  const v = o[key];
  if (typeof v !== 'string' || !ISO_DATE.test(v) || Number.isNaN(Date.parse(v))) add(prefix + key, 'must be an ISO 8601 date and time');
}

/** Checks that a value is plain JSON: finite numbers, no unsafe keys, bounded depth. */
export function checkJson(v: unknown, field: string, add: Add, depth = 0): void {
  if (depth > MAX_JSON_DEPTH) return add(field, `is nested more than ${MAX_JSON_DEPTH} levels deep`);
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) add(field, 'must be a finite number');
    return;
  }
  if (Array.isArray(v)) return v.forEach((x, i) => checkJson(x, `${field}[${i}]`, add, depth + 1));
  const proto = isObj(v) ? Object.getPrototypeOf(v) : undefined;
  if (proto === Object.prototype || proto === null) {
    for (const [k, x] of Object.entries(v as Obj)) {
      if (UNSAFE_KEYS.has(k)) add(`${field}.${k}`, 'is an unsafe key');
      else checkJson(x, field ? `${field}.${k}` : k, add, depth + 1);
    }
    return;
  }
  add(field, 'is not a JSON value');
}

function checkPosition(p: unknown, field: string, add: Add): boolean {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    add(field, 'must be a position [longitude, latitude] of finite numbers');
    return false;
  }
  if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
    add(field, `coordinate [${p[0]}, ${p[1]}] is out of range (longitude −180…180, latitude −90…90)`);
    return false;
  }
  return true;
}

function checkLine(c: unknown, field: string, add: Add, min: number): boolean {
  if (!Array.isArray(c) || c.length < min) {
    add(field, `must be a list of at least ${min} positions`);
    return false;
  }
  for (let i = 0; i < c.length; i++) if (!checkPosition(c[i], `${field}[${i}]`, add)) return false;
  return true;
}

function checkRings(c: unknown, field: string, add: Add) {
  if (!Array.isArray(c) || c.length === 0) return add(field, 'must be a list of rings');
  c.forEach((ring, i) => {
    if (!checkLine(ring, `${field}[${i}]`, add, 4)) return;
    const r = ring as number[][];
    const a = r[0];
    const b = r[r.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) add(`${field}[${i}]`, 'ring is not closed (first and last positions differ)');
  });
}

export function checkGeometry(g: unknown, field: string, add: Add, depth = 0): void {
  if (!isObj(g)) return add(field, 'must be a GeoJSON geometry');
  const c = g.coordinates;
  const list = (min: number) => Array.isArray(c) && c.length >= min;
  switch (g.type) {
    case 'Point':
      onlyKeys(g, ['type', 'coordinates', 'bbox'], `${field}.`, add);
      checkPosition(c, `${field}.coordinates`, add);
      return;
    case 'MultiPoint':
      onlyKeys(g, ['type', 'coordinates', 'bbox'], `${field}.`, add);
      checkLine(c, `${field}.coordinates`, add, 1);
      return;
    case 'LineString':
      onlyKeys(g, ['type', 'coordinates', 'bbox'], `${field}.`, add);
      checkLine(c, `${field}.coordinates`, add, 2);
      return;
    case 'MultiLineString':
      onlyKeys(g, ['type', 'coordinates', 'bbox'], `${field}.`, add);
      if (!list(1)) return add(`${field}.coordinates`, 'must be a list of lines');
      (c as unknown[]).forEach((l, i) => checkLine(l, `${field}.coordinates[${i}]`, add, 2));
      return;
    case 'Polygon':
      onlyKeys(g, ['type', 'coordinates', 'bbox'], `${field}.`, add);
      checkRings(c, `${field}.coordinates`, add);
      return;
    case 'MultiPolygon':
      onlyKeys(g, ['type', 'coordinates', 'bbox'], `${field}.`, add);
      if (!list(1)) return add(`${field}.coordinates`, 'must be a list of polygons');
      (c as unknown[]).forEach((p, i) => checkRings(p, `${field}.coordinates[${i}]`, add));
      return;
    case 'GeometryCollection':
      onlyKeys(g, ['type', 'geometries', 'bbox'], `${field}.`, add);
      if (depth > 8) return add(field, 'geometry collections are nested too deeply');
      if (!Array.isArray(g.geometries)) return add(`${field}.geometries`, 'must be a list of geometries');
      g.geometries.forEach((x, i) => checkGeometry(x, `${field}.geometries[${i}]`, add, depth + 1));
      return;
    default:
      add(`${field}.type`, `"${String(g.type)}" is not a GeoJSON geometry type`);
  }
}

function checkLocalized(v: unknown, field: string, add: Add) {
  if (!isObj(v)) return add(field, 'must be {zh, en} text');
  onlyKeys(v, ['zh', 'en'], `${field}.`, add);
  text(v, 'zh', `${field}.`, add);
  text(v, 'en', `${field}.`, add);
}

function checkSource(s: unknown, field: string, add: Add) {
  if (!isObj(s)) return add(field, 'must be a source reference');
  const p = `${field}.`;
  switch (s.type) {
    case 'seed':
      onlyKeys(s, ['type', 'seed', 'section', 'quote'], p, add);
      oneOf(s, 'seed', ['000', '001', '002', '003', '004'], p, add);
      text(s, 'section', p, add, { nonEmpty: true });
      text(s, 'quote', p, add);
      return;
    case 'gazetteer':
      onlyKeys(s, ['type', 'file', 'row', 'confidence', 'coordinates', 'note'], p, add);
      oneOf(s, 'file', ['chengdu_metro.csv', 'neizi_dazhou.csv'], p, add);
      text(s, 'row', p, add, { nonEmpty: true });
      oneOf(s, 'confidence', ['high', 'medium', 'low'], p, add);
      break;
    case 'web':
      onlyKeys(s, ['type', 'url', 'title', 'coordinates', 'note'], p, add);
      if (typeof s.url !== 'string' || !/^https?:\/\/\S+$/.test(s.url)) add(`${p}url`, 'must be an http(s) address');
      text(s, 'title', p, add);
      break;
    case 'user':
      onlyKeys(s, ['type', 'text', 'coordinates'], p, add);
      text(s, 'text', p, add, { nonEmpty: true });
      break;
    default:
      return add(`${p}type`, 'must be seed, gazetteer, web or user');
  }
  if (s.coordinates !== undefined && typeof s.coordinates !== 'boolean') add(`${p}coordinates`, 'must be true or false');
  if (s.note !== undefined) text(s, 'note', p, add);
}

function checkDrawingProperties(v: unknown, add: Add) {
  if (!isObj(v)) return add('properties', 'must be an object');
  const p = 'properties.';
  onlyKeys(v, ['kind', 'name', 'status', 'years', 'sources', 'accuracy', 'note'], p, add);
  oneOf(v, 'kind', KINDS, p, add);
  checkLocalized(v.name, `${p}name`, add);
  oneOf(v, 'status', STATUSES, p, add);
  if (!isObj(v.years)) add(`${p}years`, 'must be an object (empty when no year is known)');
  else {
    onlyKeys(v.years, ['opened', 'started', 'target'], `${p}years.`, add);
    for (const [k, y] of Object.entries(v.years))
      if (typeof y !== 'number' || !Number.isInteger(y) || y < 1800 || y > 2200) add(`${p}years.${k}`, 'must be a year between 1800 and 2200');
  }
  if (!Array.isArray(v.sources)) add(`${p}sources`, 'must be a list (empty when none is cited)');
  else v.sources.forEach((s, i) => checkSource(s, `${p}sources[${i}]`, add));
  oneOf(v, 'accuracy', ACCURACIES, p, add);
  if (v.accuracy === 'boundary') add(`${p}accuracy`, 'a drawing is not official boundary data; use schematic, or located with a cited source');
  if (v.accuracy === 'located' && !(Array.isArray(v.sources) && v.sources.some((s) => isObj(s) && s.coordinates === true)))
    add(`${p}accuracy`, 'located requires a cited source with "coordinates": true; otherwise the drawing is schematic');
  if (v.note !== undefined) checkLocalized(v.note, `${p}note`, add);
}

function checkStyle(s: unknown, add: Add) {
  if (!isObj(s)) return add('style', 'must be an object');
  const p = 'style.';
  onlyKeys(s, ['color', 'width', 'fill', 'opacity', 'labelField', 'colorBy'], p, add);
  if (typeof s.color !== 'string' || !HEX.test(s.color)) add(`${p}color`, 'must be a colour like #d55e00');
  if (s.fill !== null && (typeof s.fill !== 'string' || !HEX.test(s.fill))) add(`${p}fill`, 'must be a colour like #d55e00, or null');
  if (typeof s.width !== 'number' || !(s.width >= 0 && s.width <= 50)) add(`${p}width`, 'must be a number of pixels from 0 to 50');
  if (typeof s.opacity !== 'number' || !(s.opacity >= 0 && s.opacity <= 1)) add(`${p}opacity`, 'must be a number from 0 to 1');
  text(s, 'labelField', p, add, { nullable: true });
  if (s.colorBy !== undefined) {
    if (!isObj(s.colorBy)) add(`${p}colorBy`, 'must be {field, scheme}');
    else {
      onlyKeys(s.colorBy, ['field', 'scheme'], `${p}colorBy.`, add);
      text(s.colorBy, 'field', `${p}colorBy.`, add, { nonEmpty: true });
      oneOf(s.colorBy, 'scheme', ['categorical', 'sequential'], `${p}colorBy.`, add);
    }
  }
}

function checkSourceOfLayer(s: unknown, add: Add) {
  if (!isObj(s)) return add('source', 'must be an object');
  if (s.kind === 'drawing') return onlyKeys(s, ['kind'], 'source.', add);
  if (s.kind !== 'import') return add('source.kind', 'must be import or drawing');
  onlyKeys(s, ['kind', 'file', 'format', 'crs', 'encoding'], 'source.', add);
  text(s, 'file', 'source.', add, { nonEmpty: true });
  oneOf(s, 'format', IMPORT_FORMATS, 'source.', add);
  text(s, 'crs', 'source.', add, { nullable: true });
  text(s, 'encoding', 'source.', add, { nullable: true });
}

/** All problems of a current-version document, at most 50. Empty means it is a valid Workspace. */
export function validateWorkspace(doc: unknown, file: string): ValidationIssue[] {
  const out = new Issues(file);
  const top: Add = (field, message) => out.add(field, message);
  if (!isObj(doc)) {
    top('', 'is not a workspace (expected a JSON object)');
    return out.list;
  }
  onlyKeys(doc, ['format', 'version', 'id', 'name', 'updatedAt', 'layers', 'pins', 'stories'], '', top);
  if (doc.version !== WORKSPACE_VERSION) top('version', `must be ${WORKSPACE_VERSION}`);
  text(doc, 'id', '', top, { nonEmpty: true });
  text(doc, 'name', '', top);
  isoDate(doc, 'updatedAt', '', top);

  const layerIds = new Set<string>();
  const featureIds = new Set<string>();
  if (!Array.isArray(doc.layers)) top('layers', 'must be a list');
  else
    for (let li = 0; li < doc.layers.length && !out.full; li++) {
      const l = doc.layers[li];
      const at = { index: li, id: isObj(l) && typeof l.id === 'string' ? l.id : undefined, name: isObj(l) && typeof l.name === 'string' ? l.name : undefined };
      const add: Add = (field, message) => out.add(field, message, at);
      if (!isObj(l)) {
        add('', 'must be an object');
        continue;
      }
      onlyKeys(l, ['id', 'name', 'source', 'features', 'style', 'visible'], '', add);
      text(l, 'id', '', add, { nonEmpty: true });
      if (typeof l.id === 'string') {
        if (layerIds.has(l.id)) add('id', 'is used by another layer');
        layerIds.add(l.id);
      }
      text(l, 'name', '', add);
      checkSourceOfLayer(l.source, add);
      checkStyle(l.style, add);
      if (typeof l.visible !== 'boolean') add('visible', 'must be true or false');
      const drawing = isObj(l.source) && l.source.kind === 'drawing';
      if (!Array.isArray(l.features)) {
        add('features', 'must be a list');
        continue;
      }
      for (let fi = 0; fi < l.features.length && !out.full; fi++) {
        const f = l.features[fi];
        const fat = { index: fi, id: isObj(f) && typeof f.id === 'string' ? f.id : undefined };
        const addF: Add = (field, message) => out.add(field, message, at, fat);
        if (!isObj(f)) {
          addF('', 'must be a GeoJSON Feature');
          continue;
        }
        onlyKeys(f, ['type', 'id', 'sourceId', 'geometry', 'properties'], '', addF);
        if (f.type !== 'Feature') addF('type', 'must be "Feature"');
        text(f, 'id', '', addF, { nonEmpty: true });
        if (typeof f.id === 'string') {
          if (featureIds.has(f.id)) addF('id', 'is used by another feature');
          featureIds.add(f.id);
        }
        if (f.sourceId !== undefined && typeof f.sourceId !== 'string' && !(typeof f.sourceId === 'number' && Number.isFinite(f.sourceId)))
          addF('sourceId', 'must be text or a number');
        checkGeometry(f.geometry, 'geometry', addF);
        if (drawing) checkDrawingProperties(f.properties, addF);
        else if (!isObj(f.properties)) addF('properties', 'must be an object');
        else checkJson(f.properties, 'properties', addF);
      }
    }

  const pinIds = new Set<string>();
  if (!Array.isArray(doc.pins)) top('pins', 'must be a list');
  else
    doc.pins.forEach((pin, i) => {
      const p = `pins[${i}].`;
      if (!isObj(pin)) return top(`pins[${i}]`, 'must be an object');
      onlyKeys(pin, ['id', 'type', 'params', 'result', 'createdAt'], p, top);
      text(pin, 'id', p, top, { nonEmpty: true });
      if (typeof pin.id === 'string') {
        if (pinIds.has(pin.id)) top(`${p}id`, 'is used by another pin');
        pinIds.add(pin.id);
      }
      text(pin, 'type', p, top, { nonEmpty: true });
      if (!('params' in pin)) top(`${p}params`, 'is missing');
      else checkJson(pin.params, `${p}params`, top);
      if (!('result' in pin)) top(`${p}result`, 'is missing');
      else checkJson(pin.result, `${p}result`, top);
      isoDate(pin, 'createdAt', p, top);
    });

  if (!Array.isArray(doc.stories)) top('stories', 'must be a list');
  else checkJson(doc.stories, 'stories', top);
  return out.list;
}

// ---------------------------------------------------------------------------------------------------------
// Size accounting

/** UTF-8 length of a string without allocating its bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export interface LayerSize {
  id: string;
  name: string;
  features: number;
  positions: number;
  /** UTF-8 bytes of the layer's part of the saved text. */
  bytes: number;
}

export interface WorkspaceSize {
  /** UTF-8 bytes of serializeWorkspace(ws): what one saved copy occupies (the backup doubles it). */
  bytes: number;
  layers: LayerSize[];
  pinsBytes: number;
  storiesBytes: number;
}

function countPositions(v: unknown): number {
  if (!Array.isArray(v)) return 0;
  if (typeof v[0] === 'number') return 1;
  return v.reduce((n: number, x) => n + countPositions(x), 0);
}

function geometryPositions(g: unknown): number {
  if (!isObj(g)) return 0;
  if (Array.isArray(g.geometries)) return g.geometries.reduce((n: number, x) => n + geometryPositions(x), 0);
  return countPositions(g.coordinates);
}

export function measureWorkspace(ws: Workspace): WorkspaceSize {
  const layers = ws.layers.map((l: UserLayer) => ({
    id: l.id,
    name: l.name,
    features: l.features.length,
    positions: l.features.reduce((n, f) => n + geometryPositions(f.geometry), 0),
    bytes: utf8Length(JSON.stringify(l)),
  }));
  return {
    bytes: utf8Length(serializeWorkspace(ws)),
    layers,
    pinsBytes: utf8Length(JSON.stringify(ws.pins)),
    storiesBytes: utf8Length(JSON.stringify(ws.stories as JsonValue[])),
  };
}
