// Runtime validation of plan data: authored files (data/plan/*.json) and built bundles.
// Pure: no IO. Every problem is reported (not just the first) as {file, id, field, message}.
import { Reporter as IssueReporter } from '../issues.ts';
import { migrateVersioned, type Migration } from '../versioned.ts';
import type { Geometry, Position } from 'geojson';
import {
  ACCURACIES,
  CORRIDOR_MODES,
  ID_PREFIXES,
  KINDS,
  OSM_FILES,
  OSM_LICENCE,
  PLAN_DATA_VERSION,
  REGIONS,
  STATUSES,
  type PlanSourceFile,
} from './model.ts';

export interface PlanIssue {
  file: string;
  /** element id, or '#<index>' when the element has no usable id, or '(file)' for file-level problems */
  id: string;
  /** dotted path inside the element, e.g. 'sources[0].quote' */
  field: string;
  message: string;
}

export function formatIssue(i: PlanIssue): string {
  return `${i.file} › ${i.id} › ${i.field}: ${i.message}`;
}

/** Sane bounds for plan years. */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2100;
/** Study-area bounding box (Sichuan, Chongqing and margins), lon/lat; catches swapped or GCJ/projected values. */
export const STUDY_BBOX = { west: 97, south: 26, east: 111, north: 35 } as const;

const SEEDS = ['000', '001', '002', '003', '004'] as const;
const GAZETTEERS = ['chengdu_metro.csv', 'neizi_dazhou.csv'] as const;
const CONFIDENCES = ['high', 'medium', 'low'] as const;
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Seed sections: "§二(五) 任务14", "§四(二) 推进…", or a heading ("延伸阅读·…"); never "004 …", "task 14" or a bare "四(二)". */
const SECTION_RE = /^(?!\d{3} )(?!.*task)(?![一二三四五六七八九十]+\()\S/;
const ADCODE_RE = /^\d{6}$/;
const ELEMENT_KEYS = new Set([
  'id', 'kind', 'mode', 'subkind', 'name', 'region', 'status', 'opened', 'target', 'started', 'metrics',
  'sources', 'accuracy', 'basis', 'related', 'counties', 'note', 'geometry',
]);
const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

type Reporter = IssueReporter<{ id: string }>;

// ---------------------------------------------------------------- versions

/** MIGRATIONS[n] turns a version-n file into a version-(n+1) file. Add v1→v2 here when v2 exists. */
const MIGRATIONS: Record<number, Migration> = {};

/**
 * Bring an authored file to PLAN_DATA_VERSION. Returns the migrated object (not yet validated) or issues
 * when the version is missing, unknown or newer than this code.
 */
export function migrate(raw: unknown, file: string): { data: Obj | null; issues: PlanIssue[] } {
  const out = migrateVersioned<PlanIssue>(raw, {
    current: PLAN_DATA_VERSION,
    migrations: MIGRATIONS,
    what: 'data-format',
    shape: '{version, region, elements}',
    issue: (field, message) => ({ file, id: '(file)', field, message }),
  });
  return 'data' in out ? { data: out.data, issues: [] } : { data: null, issues: out.issues };
}

// ---------------------------------------------------------------- files

/** Validate one authored file (already migrated). Cross-file checks are in crossCheck(). */
export function validatePlanFile(data: unknown, file: string): PlanIssue[] {
  const fr: Reporter = new IssueReporter(file, { id: '(file)' });
  if (!isObj(data)) {
    fr.add('(root)', 'expected a JSON object');
    return fr.issues;
  }
  if (data.version !== PLAN_DATA_VERSION) fr.add('version', `expected ${PLAN_DATA_VERSION}, got ${JSON.stringify(data.version)} (migrate first)`);
  if (!oneOf(REGIONS, data.region)) fr.add('region', `expected one of ${REGIONS.join(', ')}, got ${JSON.stringify(data.region)}`);
  for (const k of Object.keys(data)) if (!['version', 'region', 'elements'].includes(k)) fr.add(k, 'unknown top-level key');
  if (!Array.isArray(data.elements)) {
    fr.add('elements', 'expected an array of elements');
    return fr.issues;
  }
  const issues = [...fr.issues];
  const seen = new Set<string>();
  data.elements.forEach((el, i) => {
    issues.push(...validateElement(el, file, i, { authored: true }));
    if (isObj(el) && typeof el.id === 'string') {
      if (seen.has(el.id)) issues.push({ file, id: el.id, field: 'id', message: 'duplicate id in this file' });
      seen.add(el.id);
    }
  });
  return issues;
}

export interface ElementOptions {
  /** authored: `geometry` is a GeometrySpec; otherwise (bundles) a literal GeoJSON geometry. */
  authored: boolean;
}

/** Validate one element's properties (and its geometry spec when authored). */
export function validateElement(el: unknown, file: string, index: number, opts: ElementOptions): PlanIssue[] {
  const r: Reporter = new IssueReporter(file, { id: `#${index}` });
  if (!isObj(el)) {
    r.add('(element)', 'expected an object');
    return r.issues;
  }
  if (typeof el.id === 'string' && el.id) r.where.id = el.id;

  for (const k of Object.keys(el)) if (!ELEMENT_KEYS.has(k)) r.add(k, 'unknown field (typo?)');

  // id
  if (!isStr(el.id)) r.add('id', 'required: a kebab-case string');
  else if (!ID_RE.test(el.id)) r.add('id', `"${el.id}" is not kebab-case (a-z, 0-9, single hyphens)`);
  else if (!ID_PREFIXES.some((p) => (el.id as string).startsWith(`${p}-`)))
    r.add('id', `must start with one of ${ID_PREFIXES.map((p) => p + '-').join(' ')}`);

  // kind / mode / subkind
  if (!oneOf(KINDS, el.kind)) r.add('kind', `expected one of ${KINDS.join(', ')}, got ${JSON.stringify(el.kind)}`);
  if (el.kind === 'corridor') {
    if (!oneOf(CORRIDOR_MODES, el.mode)) r.add('mode', `a corridor needs a mode: one of ${CORRIDOR_MODES.join(', ')}`);
  } else if (el.mode !== undefined) r.add('mode', 'only corridors have a mode');
  if (el.subkind !== undefined && !isStr(el.subkind)) r.add('subkind', 'expected a non-empty string');

  checkText(r, 'name', el.name, true);
  if (el.note !== undefined) checkText(r, 'note', el.note, true);
  if (!oneOf(REGIONS, el.region)) r.add('region', `expected one of ${REGIONS.join(', ')}, got ${JSON.stringify(el.region)}`);
  if (!oneOf(STATUSES, el.status)) r.add('status', `expected one of ${STATUSES.join(', ')}, got ${JSON.stringify(el.status)}`);

  // years
  for (const y of ['opened', 'target', 'started'] as const) {
    const v = el[y];
    if (v !== undefined && (!isInt(v) || v < YEAR_MIN || v > YEAR_MAX)) r.add(y, `expected a year ${YEAR_MIN}–${YEAR_MAX}, got ${JSON.stringify(v)}`);
  }
  const yr = (k: string) => (isInt(el[k]) ? (el[k] as number) : undefined);
  const started = yr('started');
  const opened = yr('opened');
  const target = yr('target');
  // opened < started is fine: a rebuild or expansion of something that already runs
  if (started !== undefined && opened !== undefined && opened < started && el.status !== 'underConstruction' && el.status !== 'existing')
    r.add('opened', `opened ${opened} is before started ${started}`);
  if (started !== undefined && target !== undefined && target < started) r.add('target', `target ${target} is before started ${started}`);
  if (opened !== undefined && (el.status === 'planned' || el.status === 'proposed' || el.status === 'study'))
    r.add('opened', `a ${String(el.status)} element cannot have opened (${opened})`);

  // sources
  const sources = Array.isArray(el.sources) ? el.sources : null;
  if (!sources) r.add('sources', 'required: an array with at least one source');
  else if (sources.length === 0) r.add('sources', 'every element needs at least one source');
  else sources.forEach((s, i) => checkSource(r, `sources[${i}]`, s));

  // metrics
  if (!Array.isArray(el.metrics)) r.add('metrics', 'required: an array (may be empty)');
  else
    el.metrics.forEach((m, i) => {
      const f = `metrics[${i}]`;
      if (!isObj(m)) return r.add(f, 'expected an object');
      if (!isStr(m.key) || !/^[a-z][A-Za-z0-9]*$/.test(m.key)) r.add(`${f}.key`, 'expected a camelCase key');
      checkText(r, `${f}.label`, m.label, true);
      if (typeof m.value !== 'number' || !Number.isFinite(m.value)) r.add(`${f}.value`, 'expected a finite number');
      if (!isStr(m.unit)) r.add(`${f}.unit`, 'every metric needs a unit');
      if (m.year !== undefined && (!isInt(m.year) || m.year < YEAR_MIN || m.year > YEAR_MAX)) r.add(`${f}.year`, 'expected a year');
      if (!isInt(m.source) || m.source < 0 || !sources || m.source >= sources.length)
        r.add(`${f}.source`, `expected an index into sources (0–${sources ? sources.length - 1 : '?'}), got ${JSON.stringify(m.source)}`);
    });

  // accuracy
  if (!oneOf(ACCURACIES, el.accuracy)) r.add('accuracy', `expected one of ${ACCURACIES.join(', ')}`);
  if (el.accuracy === 'located' && !(sources ?? []).some((s) => isObj(s) && s.coordinates === true))
    r.add('accuracy', 'located requires a source with "coordinates": true (a gazetteer row with lon/lat, an OSM feature or a cited web source)');
  if (!isStr(el.basis)) r.add('basis', 'required: how the geometry was made');

  // related / counties
  if (!Array.isArray(el.related)) r.add('related', 'required: an array of ids (may be empty)');
  else
    el.related.forEach((x, i) => {
      if (typeof x !== 'string' || !ID_RE.test(x)) r.add(`related[${i}]`, `not an id: ${JSON.stringify(x)}`);
      else if (x === el.id) r.add(`related[${i}]`, 'an element cannot relate to itself');
    });
  if (el.counties !== undefined) {
    if (!Array.isArray(el.counties)) r.add('counties', 'expected an array of 6-digit adcodes');
    else el.counties.forEach((c, i) => !(typeof c === 'string' && ADCODE_RE.test(c)) && r.add(`counties[${i}]`, `not an adcode: ${JSON.stringify(c)}`));
  }

  // geometry
  if (el.geometry === undefined) r.add('geometry', 'required');
  else if (opts.authored) {
    checkSpec(r, 'geometry', el.geometry);
    checkAccuracyAgainstSpec(r, el.accuracy, el.geometry);
    if (sources) checkOsmCited(r, el.geometry, sources);
  } else checkLiteral(r, 'geometry', el.geometry);
  return r.issues;
}

function checkText(r: Reporter, field: string, v: unknown, required: boolean): void {
  if (v === undefined) {
    if (required) r.add(field, 'required: {zh, en}');
    return;
  }
  if (!isObj(v)) return r.add(field, 'expected {zh, en}');
  if (!isStr(v.zh)) r.add(`${field}.zh`, 'expected a non-empty string');
  if (!isStr(v.en)) r.add(`${field}.en`, 'expected a non-empty string');
}

function checkSource(r: Reporter, f: string, s: unknown): void {
  if (!isObj(s)) return r.add(f, 'expected an object');
  if (s.coordinates !== undefined && typeof s.coordinates !== 'boolean') r.add(`${f}.coordinates`, 'expected true or false');
  if (s.note !== undefined && !isStr(s.note)) r.add(`${f}.note`, 'expected a non-empty string');
  switch (s.type) {
    case 'seed':
      if (!oneOf(SEEDS, s.seed)) r.add(`${f}.seed`, `expected one of ${SEEDS.join(', ')}`);
      if (!isStr(s.section)) r.add(`${f}.section`, 'a seed citation needs its section');
      else if (!SECTION_RE.test(s.section))
        r.add(`${f}.section`, `"${s.section}": one label format: "§二(五) 任务14" or a heading, without the seed number or "task"`);
      if (!isStr(s.quote)) r.add(`${f}.quote`, 'a seed citation needs a short quote');
      else if (s.quote.length > 200) r.add(`${f}.quote`, 'quote is longer than 200 characters: keep it short');
      if (s.coordinates === true) r.add(`${f}.coordinates`, 'the seeds give no coordinates');
      break;
    case 'gazetteer':
      if (!oneOf(GAZETTEERS, s.file)) r.add(`${f}.file`, `expected one of ${GAZETTEERS.join(', ')}`);
      if (!isStr(s.row)) r.add(`${f}.row`, 'a gazetteer citation needs its row id');
      if (!oneOf(CONFIDENCES, s.confidence)) r.add(`${f}.confidence`, `expected one of ${CONFIDENCES.join(', ')}`);
      break;
    case 'web':
      if (typeof s.url !== 'string' || !/^https?:\/\/\S+$/.test(s.url)) r.add(`${f}.url`, 'expected an http(s) URL');
      if (!isStr(s.title)) r.add(`${f}.title`, 'expected a title');
      break;
    case 'osm':
      if (!oneOf(OSM_FILES, s.file)) r.add(`${f}.file`, `expected one of ${OSM_FILES.join(', ')}`);
      if (!isStr(s.feature)) r.add(`${f}.feature`, 'an OSM citation names the feature (node name, relation id or bbox)');
      if (s.licence !== OSM_LICENCE) r.add(`${f}.licence`, `OSM data is under ${OSM_LICENCE}: say so`);
      break;
    default:
      r.add(`${f}.type`, `expected seed, gazetteer, web or osm, got ${JSON.stringify(s.type)}`);
  }
}

function checkLonLat(r: Reporter, f: string, p: unknown): void {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((x) => typeof x === 'number' && Number.isFinite(x)))
    return r.add(f, `expected [lon, lat], got ${JSON.stringify(p)}`);
  const [lon, lat] = p as number[];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return r.add(f, `[${lon}, ${lat}] is not a lon/lat position`);
  const b = STUDY_BBOX;
  if (lon < b.west || lon > b.east || lat < b.south || lat > b.north)
    r.add(f, `[${lon}, ${lat}] lies outside the study area (${b.west}–${b.east}°E, ${b.south}–${b.north}°N); swapped lon/lat?`);
}

function checkAdcodes(r: Reporter, f: string, v: unknown): void {
  if (!Array.isArray(v) || v.length === 0) return r.add(f, 'expected a non-empty array of 6-digit adcodes');
  v.forEach((c, i) => !(typeof c === 'string' && ADCODE_RE.test(c)) && r.add(`${f}[${i}]`, `not an adcode: ${JSON.stringify(c)}`));
}

function checkPointRef(r: Reporter, f: string, p: unknown): void {
  if (!isObj(p)) return r.add(f, 'expected {county} | {lonlat, datum} | {ref} | {junction}');
  const keys = Object.keys(p).sort().join(',');
  if (keys === 'county') {
    if (typeof p.county !== 'string' || !ADCODE_RE.test(p.county)) r.add(`${f}.county`, 'expected a 6-digit adcode');
  } else if (keys === 'datum,lonlat') {
    checkLonLat(r, `${f}.lonlat`, p.lonlat);
    if (p.datum !== 'wgs84' && p.datum !== 'gcj02') r.add(`${f}.datum`, 'expected wgs84 or gcj02');
  } else if (keys === 'ref') {
    if (typeof p.ref !== 'string' || !ID_RE.test(p.ref)) r.add(`${f}.ref`, 'expected an element id');
  } else if (keys === 'junction') {
    checkAdcodes(r, `${f}.junction`, p.junction);
    if (Array.isArray(p.junction) && p.junction.length < 2) r.add(`${f}.junction`, 'a junction needs at least two counties');
  } else if (keys === 'name,osm' || keys === 'name,osm,station') {
    if (!oneOf(OSM_FILES, p.osm)) r.add(`${f}.osm`, `expected one of ${OSM_FILES.join(', ')}`);
    if (!isStr(p.name)) r.add(`${f}.name`, 'expected the OSM name of the station node');
    if (p.station !== undefined && p.station !== 'train' && p.station !== 'subway') r.add(`${f}.station`, 'expected train or subway');
  } else r.add(f, `unrecognised point {${keys}}: expected {county} | {lonlat, datum} | {ref} | {junction} | {osm, name}`);
}

function checkKm(r: Reporter, f: string, v: unknown): void {
  if (typeof v !== 'number' || !(v > 0) || v > 100) r.add(f, `expected a distance in km, 0 < km ≤ 100, got ${JSON.stringify(v)}`);
}

function checkSpec(r: Reporter, f: string, g: unknown): void {
  if (!isObj(g)) return r.add(f, 'expected a geometry spec or GeoJSON geometry');
  if (g.derive === undefined) return checkLiteral(r, f, g);
  const allowed = (keys: string[]) => {
    for (const k of Object.keys(g)) if (k !== 'derive' && !keys.includes(k)) r.add(`${f}.${k}`, `unknown key for derive "${String(g.derive)}"`);
  };
  switch (g.derive) {
    case 'counties':
      allowed(['adcodes']);
      checkAdcodes(r, `${f}.adcodes`, g.adcodes);
      break;
    case 'borderBuffer':
      allowed(['a', 'b', 'km']);
      checkAdcodes(r, `${f}.a`, g.a);
      checkAdcodes(r, `${f}.b`, g.b);
      if (Array.isArray(g.a) && Array.isArray(g.b) && g.a.some((c) => (g.b as unknown[]).includes(c)))
        r.add(`${f}.b`, 'a and b must not share a county');
      checkKm(r, `${f}.km`, g.km);
      break;
    case 'point':
      allowed(['at']);
      checkPointRef(r, `${f}.at`, g.at);
      break;
    case 'line':
      allowed(['through']);
      if (!Array.isArray(g.through) || g.through.length < 2) r.add(`${f}.through`, 'a line needs at least two points');
      else g.through.forEach((p, i) => checkPointRef(r, `${f}.through[${i}]`, p));
      break;
    case 'buffer':
      allowed(['of', 'km', 'clipTo']);
      checkSpec(r, `${f}.of`, g.of);
      checkKm(r, `${f}.km`, g.km);
      if (g.clipTo !== undefined) checkAdcodes(r, `${f}.clipTo`, g.clipTo);
      break;
    case 'river':
      allowed(['name', 'clipTo']);
      if (!isStr(g.name)) r.add(`${f}.name`, 'expected the river name in Chinese, e.g. 沱江');
      if (g.clipTo !== undefined) checkAdcodes(r, `${f}.clipTo`, g.clipTo);
      break;
    case 'ref':
      allowed(['id']);
      if (typeof g.id !== 'string' || !ID_RE.test(g.id)) r.add(`${f}.id`, 'expected an element id');
      break;
    case 'union':
      allowed(['of']);
      if (!Array.isArray(g.of) || g.of.length < 2) r.add(`${f}.of`, 'a union needs at least two specs');
      else g.of.forEach((x, i) => checkSpec(r, `${f}.of[${i}]`, x));
      break;
    case 'osm':
      allowed(['file', 'relation', 'bbox']);
      if (!oneOf(OSM_FILES, g.file)) r.add(`${f}.file`, `expected one of ${OSM_FILES.join(', ')}`);
      if ((g.relation === undefined) === (g.bbox === undefined)) r.add(f, 'an OSM spec selects by relation or by bbox (one of them)');
      if (g.relation !== undefined && !(isInt(g.relation) && g.relation > 0)) r.add(`${f}.relation`, 'expected an OSM relation id');
      if (g.bbox !== undefined) {
        const b = g.bbox;
        if (!Array.isArray(b) || b.length !== 4 || !b.every((x) => typeof x === 'number' && Number.isFinite(x)) || b[0] >= b[2] || b[1] >= b[3])
          r.add(`${f}.bbox`, 'expected [west, south, east, north]');
        else {
          checkLonLat(r, `${f}.bbox[0,1]`, [b[0], b[1]]);
          checkLonLat(r, `${f}.bbox[2,3]`, [b[2], b[3]]);
        }
      }
      break;
    default:
      r.add(`${f}.derive`, `unknown derivation ${JSON.stringify(g.derive)}: expected counties, borderBuffer, point, line, buffer, river, ref, union or osm`);
  }
}

/** Point refs used anywhere in a spec. */
function pointRefsOf(g: unknown): Obj[] {
  if (!isObj(g)) return [];
  if (g.derive === 'point') return isObj(g.at) ? [g.at] : [];
  if (g.derive === 'line') return Array.isArray(g.through) ? g.through.filter(isObj) : [];
  if (g.derive === 'buffer') return pointRefsOf(g.of);
  if (g.derive === 'union' && Array.isArray(g.of)) return g.of.flatMap(pointRefsOf);
  return [];
}

/** OSM files a spec reads (directly, not through refs). */
export function osmFilesOf(g: unknown): string[] {
  if (!isObj(g)) return [];
  const fromPoints = pointRefsOf(g).flatMap((p) => (typeof p.osm === 'string' ? [p.osm] : []));
  if (g.derive === 'osm' && typeof g.file === 'string') fromPoints.push(g.file);
  if (g.derive === 'union' && Array.isArray(g.of)) fromPoints.push(...g.of.flatMap((x) => (isObj(x) && x.derive === 'osm' ? osmFilesOf(x) : [])));
  return [...new Set(fromPoints)];
}

/** Geometry read from OSM must cite that file with the licence (ODbL attribution travels with the element). */
function checkOsmCited(r: Reporter, g: unknown, sources: unknown[]): void {
  for (const file of osmFilesOf(g))
    if (!sources.some((s) => isObj(s) && s.type === 'osm' && s.file === file))
      r.add('sources', `the geometry reads OSM ${file}: cite it ({type: "osm", file, feature, licence: "${OSM_LICENCE}"})`);
}

function checkAccuracyAgainstSpec(r: Reporter, accuracy: unknown, g: unknown): void {
  if (!isObj(g)) return;
  const base = g.derive === 'buffer' && isObj(g.of) ? g.of : g;
  if (accuracy === 'boundary' && g.derive !== 'counties')
    r.add('accuracy', 'boundary is only for elements that are exactly a set of administrative units (derive: counties)');
  if (accuracy === 'located') {
    if (g.derive === 'counties' || g.derive === 'borderBuffer' || g.derive === 'river' || base.derive === 'counties')
      r.add('accuracy', `located needs sourced coordinates, but the geometry is derived from the basemap (${String(g.derive)})`);
    if (pointRefsOf(g).some((p) => 'county' in p || 'junction' in p))
      r.add('accuracy', 'located geometry cannot use county label points or junctions (those are schematic)');
  }
}

function checkLiteral(r: Reporter, f: string, g: unknown): void {
  if (!isObj(g) || !GEOMETRY_TYPES.includes(g.type as string))
    return r.add(f, `expected a GeoJSON ${GEOMETRY_TYPES.join('/')} or a {derive} spec`);
  const c = g.coordinates;
  const pos = (p: unknown, ff: string) => checkLonLat(r, ff, p);
  const line = (l: unknown, ff: string, min: number) => {
    if (!Array.isArray(l) || l.length < min) return r.add(ff, `expected at least ${min} positions`);
    l.forEach((p, i) => pos(p, `${ff}[${i}]`));
  };
  const ring = (l: unknown, ff: string) => {
    line(l, ff, 4);
    if (Array.isArray(l) && l.length >= 4) {
      const a = l[0] as Position;
      const b = l[l.length - 1] as Position;
      if (!Array.isArray(a) || !Array.isArray(b) || a[0] !== b[0] || a[1] !== b[1]) r.add(ff, 'ring is not closed');
    }
  };
  const arr = (v: unknown, ff: string) => (Array.isArray(v) ? v : (r.add(ff, 'expected an array'), []));
  switch (g.type as Geometry['type']) {
    case 'Point':
      return pos(c, `${f}.coordinates`);
    case 'MultiPoint':
      return arr(c, `${f}.coordinates`).forEach((p, i) => pos(p, `${f}.coordinates[${i}]`));
    case 'LineString':
      return line(c, `${f}.coordinates`, 2);
    case 'MultiLineString':
      return arr(c, `${f}.coordinates`).forEach((l, i) => line(l, `${f}.coordinates[${i}]`, 2));
    case 'Polygon':
      return arr(c, `${f}.coordinates`).forEach((l, i) => ring(l, `${f}.coordinates[${i}]`));
    case 'MultiPolygon':
      return arr(c, `${f}.coordinates`).forEach((p, i) => arr(p, `${f}.coordinates[${i}]`).forEach((l, j) => ring(l, `${f}.coordinates[${i}][${j}]`)));
  }
}

// ---------------------------------------------------------------- across files

export interface NamedFile {
  file: string;
  data: PlanSourceFile;
}

export interface CrossCheckOptions {
  /** seed prefix ('001') → full text; when given, every seed quote must occur in its seed (whitespace ignored) */
  seedTexts?: Record<string, string>;
  /** adcodes present in the basemap; when given, every adcode used must exist */
  adcodes?: Set<string>;
}

/** Checks that need every file: id uniqueness across files, related/ref ids exist, quotes, adcodes. */
export function crossCheck(files: NamedFile[], opts: CrossCheckOptions = {}): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const owner = new Map<string, string>();
  for (const { file, data } of files)
    for (const el of data.elements) {
      const prev = owner.get(el.id);
      if (prev && prev !== file) issues.push({ file, id: el.id, field: 'id', message: `id already used in ${prev}` });
      else owner.set(el.id, file);
    }
  const squash = (s: string) => s.replace(/\s+/g, '');
  const seeds = opts.seedTexts ? Object.fromEntries(Object.entries(opts.seedTexts).map(([k, v]) => [k, squash(v)])) : null;
  for (const { file, data } of files)
    for (const el of data.elements) {
      const add = (field: string, message: string) => issues.push({ file, id: el.id, field, message });
      el.related.forEach((x, i) => !owner.has(x) && add(`related[${i}]`, `no element has id "${x}"`));
      collectRefs(el.geometry, 'geometry').forEach(([f, ref]) => {
        if (!owner.has(ref)) add(f, `no element has id "${ref}"`);
        else if (ref === el.id) add(f, 'an element cannot refer to itself');
      });
      if (seeds)
        el.sources.forEach((s, i) => {
          if (s.type !== 'seed') return;
          const text = seeds[s.seed];
          if (text === undefined) add(`sources[${i}].seed`, `seed ${s.seed} text not available`);
          else if (!text.includes(squash(s.quote))) add(`sources[${i}].quote`, `quote not found in seed ${s.seed}: "${s.quote}"`);
        });
      if (opts.adcodes) {
        const used = collectAdcodes(el.geometry, 'geometry');
        (el.counties ?? []).forEach((c, i) => used.push([`counties[${i}]`, c]));
        for (const [f, c] of used) if (!opts.adcodes.has(c)) add(f, `adcode ${c} is not a county of the basemap`);
      }
    }
  return issues;
}

function collectRefs(g: unknown, f: string): [string, string][] {
  if (!isObj(g)) return [];
  if (g.derive === 'point' && isObj(g.at) && typeof g.at.ref === 'string') return [[`${f}.at.ref`, g.at.ref]];
  if (g.derive === 'line' && Array.isArray(g.through))
    return g.through.flatMap((p, i) => (isObj(p) && typeof p.ref === 'string' ? [[`${f}.through[${i}].ref`, p.ref] as [string, string]] : []));
  if (g.derive === 'buffer') return collectRefs(g.of, `${f}.of`);
  if (g.derive === 'ref' && typeof g.id === 'string') return [[`${f}.id`, g.id]];
  if (g.derive === 'union' && Array.isArray(g.of)) return g.of.flatMap((x, i) => collectRefs(x, `${f}.of[${i}]`));
  return [];
}

function collectAdcodes(g: unknown, f: string): [string, string][] {
  if (!isObj(g)) return [];
  const out: [string, string][] = [];
  const list = (k: string) => Array.isArray(g[k]) && (g[k] as unknown[]).forEach((c, i) => typeof c === 'string' && out.push([`${f}.${k}[${i}]`, c]));
  const pt = (p: unknown, ff: string) => {
    if (!isObj(p)) return;
    if (typeof p.county === 'string') out.push([`${ff}.county`, p.county]);
    if (Array.isArray(p.junction)) p.junction.forEach((c, i) => typeof c === 'string' && out.push([`${ff}.junction[${i}]`, c]));
  };
  switch (g.derive) {
    case 'counties':
      list('adcodes');
      break;
    case 'borderBuffer':
      list('a');
      list('b');
      break;
    case 'point':
      pt(g.at, `${f}.at`);
      break;
    case 'line':
      if (Array.isArray(g.through)) g.through.forEach((p, i) => pt(p, `${f}.through[${i}]`));
      break;
    case 'buffer':
      list('clipTo');
      out.push(...collectAdcodes(g.of, `${f}.of`));
      break;
    case 'river':
      list('clipTo');
      break;
    case 'union':
      if (Array.isArray(g.of)) g.of.forEach((x, i) => out.push(...collectAdcodes(x, `${f}.of[${i}]`)));
      break;
  }
  return out;
}

/** Validate a built bundle's features (properties + literal geometry). */
export function validateBundleFeatures(features: unknown[], file: string): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const seen = new Set<string>();
  features.forEach((f, i) => {
    if (!isObj(f) || f.type !== 'Feature' || !isObj(f.properties)) {
      issues.push({ file, id: `#${i}`, field: '(feature)', message: 'expected a GeoJSON Feature with properties' });
      return;
    }
    const el = { ...f.properties, geometry: f.geometry };
    issues.push(...validateElement(el, file, i, { authored: false }));
    const id = f.properties.id;
    if (typeof id === 'string') {
      if (seen.has(id)) issues.push({ file, id, field: 'id', message: 'duplicate id in bundle' });
      seen.add(id);
    }
  });
  return issues;
}
