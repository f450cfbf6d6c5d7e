// Strict validation of a current-version workspace document: every problem with its file, layer, feature,
// dotted field path and a message (at most 50), through the shared reporter (../issues.ts).
import { Reporter } from '../issues';
import { ACCURACIES, KINDS, STATUSES } from '../plan/model';
import { WORKSPACE_VERSION } from './model';

const IMPORT_FORMATS = ['geojson', 'topojson', 'kml', 'kmz', 'shapefile', 'csv'];
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_ISSUES = 50;
const MAX_JSON_DEPTH = 64;

type Where = Pick<ValidationIssue, 'layer' | 'feature'>;

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

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HEX = /^#[0-9a-fA-F]{6}$/;

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
  const out = new Reporter<Where>(file, {}, MAX_ISSUES);
  const top: Add = (field, message) => out.add(field, message);
  if (!isObj(doc)) {
    top('', 'is not a workspace (expected a JSON object)');
    return out.issues;
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
      const add: Add = (field, message) => out.add(field, message, { layer: at });
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
        const addF: Add = (field, message) => out.add(field, message, { layer: at, feature: fat });
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
  return out.issues;
}
