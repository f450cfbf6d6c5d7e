// Strict validation of a current-version workspace document: every problem with its file, layer, feature,
// dotted field path and a catalog message (at most 50), through the shared reporter (../issues.ts). The
// shape of each part is a valibot schema (../validation.ts); the walk over layers and features adds what a
// schema cannot see: ids unique across the document, drawings vs imports, and the 50-issue stop.
import * as v from 'valibot';
import { t, type Lang, type Msg } from '../i18n/catalog.ts';
import { issueText, msg, Reporter } from '../issues.ts';
import { FORMATS } from '../io/formats/index.ts';
import { ACCURACIES, KINDS, STATUSES } from '../plan/model.ts';
import { isObj, rule, say, strict, validate, type Obj, type Path, type Report, type Schema } from '../validation.ts';
import { ANALYSIS_OPS, WORKSPACE_VERSION } from './model.ts';
import { CLASS_METHODS, MAX_CLASSES, MIN_CLASSES, RAMP_NAMES } from '../table/classify.ts';
import { isPrintTemplate } from '../print/content.ts';

/** The formats a layer's source can name: the registry's, and KMZ (zipped KML, which the KML importer reports as such). */
const IMPORT_FORMATS = FORMATS.flatMap((f) => (f.id === 'kml' ? ['kml', 'kmz'] : [f.id]));
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
  /** English text of `msg` (scripts, logs, tests). */
  message: string;
  /** The message as a catalog entry: render it with formatIssue(issue, lang). */
  msg?: Msg;
}

/** "work.tongcheng.json › layer 2 "Roads" (id "layer-3") › feature 5 (id "f-5") › geometry: …" */
export const formatIssue = (i: ValidationIssue): string => issueLine(i, 'en');

/** formatIssue in `lang`, for the UI. */
export function issueLine(i: ValidationIssue, lang: Lang): string {
  const parts = [i.file];
  if (i.layer) {
    let s = t('file.where.layer', lang, { index: i.layer.index });
    if (i.layer.name !== undefined) s += t('file.where.layerName', lang, { name: i.layer.name });
    if (i.layer.id !== undefined) s += t('file.where.id', lang, { id: i.layer.id });
    parts.push(s);
  }
  if (i.feature) parts.push(t('file.where.feature', lang, { index: i.feature.index }) + (i.feature.id !== undefined ? t('file.where.id', lang, { id: i.feature.id }) : ''));
  const where = `${parts.join(' › ')}${i.field ? ` › ${i.field}` : ''}`;
  return t('file.where.issue', lang, { where, message: issueText(i, lang) });
}

export { isObj };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HEX = /^#[0-9a-fA-F]{6}$/;
const UNKNOWN = 'file.ws.unknownField';

// ---------------------------------------------------------------- leaves

const text = v.custom<string>((x) => typeof x === 'string', say('file.ws.text'));
const nonEmpty = v.pipe(text, v.check((s) => s.trim() !== '', say('file.ws.notEmpty')));
const textOrNull = v.custom<string | null>((x) => x === null || typeof x === 'string', say('file.ws.textOrNull'));
const bool = v.custom<boolean>((x) => typeof x === 'boolean', say('file.ws.boolean'));
const isoDate = v.custom<string>((x) => typeof x === 'string' && ISO_DATE.test(x) && !Number.isNaN(Date.parse(x)), say('file.ws.isoDate'));
const optional = (s: Schema) => v.optional(s);
const listOf = (key: 'file.ws.list' | 'file.ws.sources', item?: Schema) =>
  item ? v.array(item, say(key)) : v.custom<unknown[]>(Array.isArray, say(key));

function oneOf(values: readonly string[]): Schema {
  return v.pipe(
    v.unknown(),
    rule<unknown>((x, report) => {
      if (values.includes(x as string)) return;
      if (x === undefined) report([], 'file.ws.oneOfMissing', { values: values.join(', ') });
      else report([], 'file.ws.oneOf', { values: values.join(', '), found: JSON.stringify(x) ?? 'undefined' });
    }),
  );
}

/** Plain JSON: finite numbers, no unsafe keys, bounded depth. */
export function checkJson(x: unknown, report: Report, path: Path = [], depth = 0): void {
  if (depth > MAX_JSON_DEPTH) return report(path, 'file.ws.tooDeep', { n: MAX_JSON_DEPTH });
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) report(path, 'file.ws.finite');
    return;
  }
  if (Array.isArray(x)) return x.forEach((y, i) => checkJson(y, report, [...path, i], depth + 1));
  const proto = isObj(x) ? Object.getPrototypeOf(x) : undefined;
  if (proto === Object.prototype || proto === null) {
    for (const [k, y] of Object.entries(x as Obj)) {
      if (UNSAFE_KEYS.has(k)) report([...path, k], 'file.ws.unsafeKey');
      else checkJson(y, report, [...path, k], depth + 1);
    }
    return;
  }
  report(path, 'file.ws.notJson');
}
const json = v.pipe(v.unknown(), rule<unknown>((x, report) => checkJson(x, report)));

// ---------------------------------------------------------------- geometry

function position(p: unknown, at: Path, report: Report): boolean {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    report(at, 'file.ws.position');
    return false;
  }
  if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
    report(at, 'file.ws.outOfRange', { lon: p[0], lat: p[1] });
    return false;
  }
  return true;
}

/** A list of at least `min` positions; only the first bad position is reported. */
function line(c: unknown, at: Path, report: Report, min: number): boolean {
  if (!Array.isArray(c) || c.length < min) {
    report(at, 'file.ws.minPositions', { n: min });
    return false;
  }
  for (let i = 0; i < c.length; i++) if (!position(c[i], [...at, i], report)) return false;
  return true;
}

function rings(c: unknown, at: Path, report: Report): void {
  if (!Array.isArray(c) || c.length === 0) return report(at, 'file.ws.rings');
  c.forEach((ring, i) => {
    if (!line(ring, [...at, i], report, 4)) return;
    const r = ring as number[][];
    const a = r[0];
    const b = r[r.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) report([...at, i], 'file.ws.ringOpen');
  });
}

const COORDINATES: Record<string, (c: unknown, at: Path, report: Report) => void> = {
  Point: (c, at, report) => void position(c, at, report),
  MultiPoint: (c, at, report) => void line(c, at, report, 1),
  LineString: (c, at, report) => void line(c, at, report, 2),
  MultiLineString: (c, at, report) =>
    Array.isArray(c) && c.length >= 1 ? c.forEach((l, i) => line(l, [...at, i], report, 2)) : report(at, 'file.ws.lines'),
  Polygon: rings,
  MultiPolygon: (c, at, report) =>
    Array.isArray(c) && c.length >= 1 ? c.forEach((p, i) => rings(p, [...at, i], report)) : report(at, 'file.ws.polygons'),
};

function geometryAt(g: unknown, at: Path, report: Report, depth: number): void {
  if (!isObj(g)) return report(at, 'file.ws.geometry');
  const type = g.type as string;
  const check = Object.hasOwn(COORDINATES, type) ? COORDINATES[type] : undefined;
  const keys = check ? ['type', 'coordinates', 'bbox'] : type === 'GeometryCollection' ? ['type', 'geometries', 'bbox'] : null;
  if (!keys) return report([...at, 'type'], 'file.ws.geometryType', { type: String(g.type) });
  for (const k of Object.keys(g)) if (!keys.includes(k)) report([...at, k], UNKNOWN);
  if (check) return check(g.coordinates, [...at, 'coordinates'], report);
  if (depth > 8) return report(at, 'file.ws.collectionDeep');
  if (!Array.isArray(g.geometries)) return report([...at, 'geometries'], 'file.ws.geometries');
  g.geometries.forEach((x, i) => geometryAt(x, [...at, 'geometries', i], report, depth + 1));
}
const geometry = v.pipe(v.unknown(), rule<unknown>((g, report) => geometryAt(g, [], report, 0)));

// ---------------------------------------------------------------- drawings

const localized = strict({ zh: text, en: text }, 'file.ws.localized', UNKNOWN);
const coordinatesFlag = optional(v.custom<boolean>((x) => typeof x === 'boolean', say('file.ws.boolean')));
const SOURCES: Record<string, Record<string, Schema>> = {
  seed: { type: v.unknown(), seed: oneOf(['000', '001', '002', '003', '004']), section: nonEmpty, quote: text },
  gazetteer: {
    type: v.unknown(),
    file: oneOf(['chengdu_metro.csv', 'neizi_dazhou.csv']),
    row: nonEmpty,
    confidence: oneOf(['high', 'medium', 'low']),
    coordinates: coordinatesFlag,
    note: optional(text),
  },
  web: {
    type: v.unknown(),
    url: v.custom<string>((x) => typeof x === 'string' && /^https?:\/\/\S+$/.test(x), say('file.ws.url')),
    title: text,
    coordinates: coordinatesFlag,
    note: optional(text),
  },
  user: { type: v.unknown(), text: nonEmpty, coordinates: coordinatesFlag },
};
const sourceSchemas = Object.fromEntries(Object.entries(SOURCES).map(([type, entries]) => [type, strict(entries, 'file.ws.source', UNKNOWN)]));
const source = v.pipe(
  v.unknown(),
  rule<unknown>((s, report) => {
    if (!isObj(s)) return report([], 'file.ws.source');
    const schema = typeof s.type === 'string' && Object.hasOwn(sourceSchemas, s.type) ? sourceSchemas[s.type] : undefined;
    if (!schema) return report(['type'], 'file.ws.sourceType');
    validate(schema, s, (field, m) => report(field.split('.'), m.key, m.vars));
  }),
);

const year = v.custom<number>((y) => typeof y === 'number' && Number.isInteger(y) && y >= 1800 && y <= 2200, say('file.ws.year'));
const drawingProperties = v.pipe(
  strict(
    {
      kind: oneOf(KINDS),
      name: localized,
      status: oneOf(STATUSES),
      years: strict({ opened: optional(year), started: optional(year), target: optional(year) }, 'file.ws.years', UNKNOWN),
      sources: listOf('file.ws.sources', source),
      accuracy: oneOf(ACCURACIES),
      note: optional(localized),
    },
    'file.ws.object',
    UNKNOWN,
  ),
  // what a drawing may claim: never official boundaries; located only with a cited source that has coordinates
  rule<Obj>((p, report) => {
    if (p.accuracy === 'boundary') report(['accuracy'], 'file.ws.drawingBoundary');
    if (p.accuracy === 'located' && !(Array.isArray(p.sources) && p.sources.some((s) => isObj(s) && s.coordinates === true)))
      report(['accuracy'], 'file.ws.drawingLocated');
  }),
);

// ---------------------------------------------------------------- layers

const colour = v.custom<string>((x) => typeof x === 'string' && HEX.test(x), say('file.ws.colour'));
const style = strict(
  {
    color: colour,
    width: v.custom<number>((x) => typeof x === 'number' && x >= 0 && x <= 50, say('file.ws.width')),
    fill: v.custom<string | null>((x) => x === null || (typeof x === 'string' && HEX.test(x)), say('file.ws.colourOrNull')),
    opacity: v.custom<number>((x) => typeof x === 'number' && x >= 0 && x <= 1, say('file.ws.opacity')),
    labelField: textOrNull,
    colorBy: optional(
      strict(
        {
          field: nonEmpty,
          scheme: oneOf(['categorical', 'sequential', 'classed']),
          method: optional(oneOf(CLASS_METHODS)),
          classes: optional(v.custom<number>((x) => Number.isInteger(x) && (x as number) >= MIN_CLASSES && (x as number) <= MAX_CLASSES, say('file.ws.classes'))),
          ramp: optional(oneOf(RAMP_NAMES)),
        },
        'file.ws.colorBy',
        UNKNOWN,
      ),
    ),
  },
  'file.ws.object',
  UNKNOWN,
);
const importSource = strict({ kind: v.unknown(), file: nonEmpty, format: oneOf(IMPORT_FORMATS), crs: textOrNull, encoding: textOrNull }, 'file.ws.object', UNKNOWN);
const drawingSource = strict({ kind: v.unknown() }, 'file.ws.object', UNKNOWN);
const analysisSource = strict(
  { kind: v.unknown(), op: oneOf(ANALYSIS_OPS), provenance: strict({ zh: nonEmpty, en: nonEmpty }, 'file.ws.object', UNKNOWN), accuracy: oneOf(ACCURACIES) },
  'file.ws.object',
  UNKNOWN,
);
const layerSource = v.pipe(
  v.unknown(),
  rule<unknown>((s, report) => {
    if (!isObj(s)) return report([], 'file.ws.object');
    if (s.kind !== 'import' && s.kind !== 'drawing' && s.kind !== 'analysis') return report(['kind'], 'file.ws.layerKind');
    validate(s.kind === 'import' ? importSource : s.kind === 'analysis' ? analysisSource : drawingSource, s, (field, m) => report(field.split('.'), m.key, m.vars));
  }),
);
/** An id that must also be unique among those `seen` so far (in the whole document). */
const uniqueId = (seen: Set<string>, used: 'file.ws.layerIdUsed' | 'file.ws.featureIdUsed' | 'file.ws.pinIdUsed') =>
  v.pipe(
    nonEmpty,
    rule<string>((id, report) => {
      if (seen.has(id)) report([], used);
      seen.add(id);
    }),
  );
const sourceId = optional(v.custom<string | number>((x) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)), say('file.ws.sourceId')));
const importedProperties = v.pipe(v.custom<Obj>(isObj, say('file.ws.object')), rule<Obj>((p, report) => checkJson(p, report)));
const jsonList = v.pipe(listOf('file.ws.list'), rule<unknown[]>((x, report) => checkJson(x, report)));
const present = (s: Schema) => v.pipe(v.custom<unknown>((x) => x !== undefined, say('file.ws.missing')), s);

/** The schemas of one document: ids are checked for uniqueness across it as they are met. */
function documentSchemas() {
  const featureIds = new Set<string>();
  const featureOf = (properties: Schema) =>
    strict(
      {
        type: v.custom<'Feature'>((x) => x === 'Feature', say('file.ws.featureType')),
        id: uniqueId(featureIds, 'file.ws.featureIdUsed'),
        sourceId,
        geometry,
        properties,
      },
      'file.ws.feature',
      UNKNOWN,
    );
  const pinIds = new Set<string>();
  const pin = strict(
    { id: uniqueId(pinIds, 'file.ws.pinIdUsed'), type: nonEmpty, params: present(json), result: present(json), createdAt: isoDate },
    'file.ws.object',
    UNKNOWN,
  );
  return {
    top: strict(
      {
        format: v.unknown(),
        version: v.custom<number>((x) => x === WORKSPACE_VERSION, say('file.ws.version', { version: WORKSPACE_VERSION })),
        id: nonEmpty,
        name: text,
        updatedAt: isoDate,
        layers: listOf('file.ws.list'),
        pins: listOf('file.ws.list', pin),
        stories: jsonList,
        print: v.custom<unknown>((x) => x === null || isPrintTemplate(x), say('file.ws.printTemplate')),
      },
      'file.ws.notWorkspace',
      UNKNOWN,
    ),
    /** A layer without its features (they are walked one by one, to stop at 50 issues). */
    layer: strict(
      { id: uniqueId(new Set(), 'file.ws.layerIdUsed'), name: text, source: layerSource, features: v.unknown(), style, visible: bool },
      'file.ws.object',
      UNKNOWN,
    ),
    importedFeature: featureOf(importedProperties),
    drawnFeature: featureOf(drawingProperties),
  };
}

// ---------------------------------------------------------------- the document

/** All problems of a current-version document, at most 50. Empty means it is a valid Workspace. */
export function validateWorkspace(doc: unknown, file: string): ValidationIssue[] {
  const out = new Reporter<Where>(file, {}, MAX_ISSUES);
  const schemas = documentSchemas();
  // the top-level fields in order; the pins and stories are reported after the layers, as they come after them
  const later: [string, Msg][] = [];
  validate(schemas.top, doc, (field, m) => (/^(pins|stories|print)\b/.test(field) ? later.push([field, m]) : out.say(field, m)));
  if (!isObj(doc)) return out.issues;

  const layers = Array.isArray(doc.layers) ? doc.layers : [];
  for (let li = 0; li < layers.length && !out.full; li++) {
    const l = layers[li];
    const at = { index: li, id: isObj(l) && typeof l.id === 'string' ? l.id : undefined, name: isObj(l) && typeof l.name === 'string' ? l.name : undefined };
    validate(schemas.layer, l, (field, m) => out.say(field, m, { layer: at }));
    if (!isObj(l)) continue;
    if (!Array.isArray(l.features)) {
      out.say('features', msg('file.ws.list'), { layer: at });
      continue;
    }
    const feature = isObj(l.source) && l.source.kind === 'drawing' ? schemas.drawnFeature : schemas.importedFeature;
    for (let fi = 0; fi < l.features.length && !out.full; fi++) {
      const f = l.features[fi];
      const where = { layer: at, feature: { index: fi, id: isObj(f) && typeof f.id === 'string' ? f.id : undefined } };
      validate(feature, f, (field, m) => out.say(field, m, where));
    }
  }
  for (const [field, m] of later) out.say(field, m);
  return out.issues;
}
