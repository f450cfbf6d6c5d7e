// Runtime validation of stories (data/stories/*.json). Pure: no IO; the caller passes the plan element
// catalogue and, optionally, the seed texts. Every problem is reported as `file › scene › field: message`.
import { Reporter as IssueReporter } from '../issues.ts';
import { migrateVersioned } from '../versioned.ts';
import { KINDS, REGIONS, type Kind, type Region } from '../plan/model.ts';
import { LIMITS, OVERLAY_TYPES, STORY_DATA_VERSION, STORY_SEEDS, type Story } from './model.ts';

export interface StoryIssue {
  file: string;
  /** scene id, '#<n>' (1-based) when the scene has no usable id, or '(story)' */
  scene: string;
  /** dotted path inside the scene or story, e.g. 'overlays[0].from' */
  field: string;
  message: string;
}

export function formatStoryIssue(i: StoryIssue): string {
  return `${i.file} › ${i.scene} › ${i.field}: ${i.message}`;
}

/** What the validator needs to know about a plan element. */
export interface ElementInfo {
  region: Region;
  kind: Kind;
  /** from the built bundle when available; enables geometry checks on overlays */
  geometry?: 'point' | 'line' | 'polygon';
}

export interface StoryContext {
  elements: ReadonlyMap<string, ElementInfo>;
  /** seed prefix ('004') → full text; when given, every quote must occur verbatim in its seed */
  seedTexts?: Readonly<Record<string, string>>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HAN_RE = /\p{Script=Han}/u;
const STORY_KEYS = ['version', 'id', 'title', 'summary', 'region', 'scenes'];
const SCENE_KEYS = ['id', 'title', 'caption', 'notes', 'camera', 'fit', 'layers', 'year', 'highlight', 'overlays', 'durationSec', 'sources'];

type Reporter = IssueReporter<{ scene: string }>;

// ---------------------------------------------------------------- versions

export type StoryMigration = (story: Obj) => Obj;
/** STORY_MIGRATIONS[n] turns a version-n story into a version-(n+1) story. Add v1→v2 here when v2 exists. */
export const STORY_MIGRATIONS: Readonly<Record<number, StoryMigration>> = {};

/**
 * Bring a story file to `current` (STORY_DATA_VERSION) through `migrations`. Returns the migrated object
 * (not yet validated) or issues when the version is missing, newer than this code, or has no migration.
 */
export function migrateStory(
  raw: unknown,
  file: string,
  migrations: Readonly<Record<number, StoryMigration>> = STORY_MIGRATIONS,
  current: number = STORY_DATA_VERSION,
): { data: Obj | null; issues: StoryIssue[] } {
  const out = migrateVersioned<StoryIssue>(raw, {
    current,
    migrations,
    what: 'story-format',
    shape: '{version, id, title, summary, region, scenes}',
    issue: (field, message) => ({ file, scene: '(story)', field, message }),
  });
  return 'data' in out ? { data: out.data, issues: [] } : { data: null, issues: out.issues };
}

/** Migrate and validate; `story` is non-null only when there are no issues. */
export function loadStory(raw: unknown, file: string, ctx: StoryContext): { story: Story | null; issues: StoryIssue[] } {
  const m = migrateStory(raw, file);
  if (!m.data) return { story: null, issues: m.issues };
  const issues = validateStory(m.data, file, ctx);
  return { story: issues.length ? null : (m.data as unknown as Story), issues };
}

// ---------------------------------------------------------------- story

/** Validate a (migrated) story. */
export function validateStory(data: unknown, file: string, ctx: StoryContext): StoryIssue[] {
  const r: Reporter = new IssueReporter(file, { scene: '(story)' });
  if (!isObj(data)) {
    r.add('(root)', 'expected a JSON object');
    return r.issues;
  }
  r.unknownKeys(data, STORY_KEYS, '');
  if (data.version !== STORY_DATA_VERSION) r.add('version', `expected ${STORY_DATA_VERSION}, got ${JSON.stringify(data.version)} (migrate first)`);
  if (!isStr(data.id) || !ID_RE.test(data.id)) r.add('id', `expected a kebab-case id, got ${JSON.stringify(data.id)}`);
  else {
    const base = /([^/\\]+)\.json$/.exec(file)?.[1];
    if (base && base !== data.id) r.add('id', `id "${data.id}" does not match the file name "${base}.json"`);
  }
  checkText(r, 'title', data.title, { zh: LIMITS.titleZh * 2, en: LIMITS.titleEn * 2 });
  checkText(r, 'summary', data.summary);
  if (!oneOf(REGIONS, data.region)) r.add('region', `expected one of ${REGIONS.join(', ')}, got ${JSON.stringify(data.region)}`);
  if (!Array.isArray(data.scenes) || data.scenes.length === 0) {
    r.add('scenes', 'expected a non-empty array of scenes');
    return r.issues;
  }
  const issues = [...r.issues];
  const seen = new Set<string>();
  data.scenes.forEach((s, i) => {
    issues.push(...validateScene(s, file, i, ctx));
    if (isObj(s) && typeof s.id === 'string') {
      if (seen.has(s.id)) issues.push({ file, scene: s.id, field: 'id', message: 'duplicate scene id in this story' });
      seen.add(s.id);
    }
  });
  return issues;
}

// ---------------------------------------------------------------- scene

export function validateScene(s: unknown, file: string, index: number, ctx: StoryContext): StoryIssue[] {
  const r: Reporter = new IssueReporter(file, { scene: `#${index + 1}` });
  if (!isObj(s)) {
    r.add('(scene)', 'expected an object');
    return r.issues;
  }
  if (isStr(s.id)) r.where.scene = s.id;
  r.unknownKeys(s, SCENE_KEYS, '');
  if (!isStr(s.id) || !ID_RE.test(s.id)) r.add('id', `expected a kebab-case scene id, got ${JSON.stringify(s.id)}`);

  checkText(r, 'title', s.title, { zh: LIMITS.titleZh, en: LIMITS.titleEn });
  checkText(r, 'caption', s.caption, { zh: LIMITS.captionZh, en: LIMITS.captionEn });
  checkText(r, 'notes', s.notes);

  // camera / fit
  if (s.camera === undefined && s.fit === undefined) r.add('camera', 'a scene needs a camera or fit (element ids to frame)');
  if (s.camera !== undefined) checkCamera(r, s.camera);
  if (s.fit !== undefined) {
    if (!Array.isArray(s.fit) || s.fit.length === 0) r.add('fit', 'expected a non-empty array of element ids');
    else checkIds(r, 'fit', s.fit, ctx);
  }

  // layers: what is visible decides whether highlights and overlays can be seen
  const visible = checkLayers(r, s.layers);

  if (s.year !== undefined && (!isInt(s.year) || s.year < LIMITS.yearMin || s.year > LIMITS.yearMax))
    r.add('year', `expected a year ${LIMITS.yearMin}–${LIMITS.yearMax}, got ${JSON.stringify(s.year)}`);

  if (!Array.isArray(s.highlight)) r.add('highlight', 'required: an array of element ids (may be empty)');
  else checkIds(r, 'highlight', s.highlight, ctx, visible);

  if (!Array.isArray(s.overlays)) r.add('overlays', 'required: an array (may be empty)');
  else s.overlays.forEach((o, i) => checkOverlay(r, `overlays[${i}]`, o, ctx, visible));

  if (!isNum(s.durationSec) || s.durationSec < LIMITS.durationMin || s.durationSec > LIMITS.durationMax)
    r.add('durationSec', `expected ${LIMITS.durationMin}–${LIMITS.durationMax} seconds, got ${JSON.stringify(s.durationSec)}`);

  if (!Array.isArray(s.sources) || s.sources.length === 0) r.add('sources', 'every scene cites at least one seed section');
  else s.sources.forEach((c, i) => checkCitation(r, `sources[${i}]`, c, ctx));
  return r.issues;
}

function checkText(r: Reporter, f: string, v: unknown, max?: { zh: number; en: number }): void {
  if (!isObj(v)) return r.add(f, 'expected {zh, en}');
  r.unknownKeys(v, ['zh', 'en'], f);
  for (const lang of ['zh', 'en'] as const) {
    const t = v[lang];
    if (!isStr(t)) {
      r.add(`${f}.${lang}`, 'required: a non-empty string');
      continue;
    }
    if (max && [...t].length > max[lang]) r.add(`${f}.${lang}`, `${[...t].length} characters; keep it under ${max[lang]} (it is read aloud)`);
    if (lang === 'zh' && !HAN_RE.test(t)) r.add(`${f}.zh`, 'has no Chinese characters (languages swapped?)');
    // notes may cite Chinese document numbers; what is shown and read aloud may not
    if (lang === 'en' && max && HAN_RE.test(t)) r.add(`${f}.en`, 'contains Chinese characters; write the English reading');
  }
}

function checkCamera(r: Reporter, c: unknown): void {
  if (!isObj(c)) return r.add('camera', 'expected {lon, lat, zoom, bearing, pitch}');
  r.unknownKeys(c, ['lon', 'lat', 'zoom', 'bearing', 'pitch'], 'camera');
  const { west, south, east, north } = LIMITS.bbox;
  if (!isNum(c.lon) || !isNum(c.lat)) r.add('camera', 'lon and lat must be numbers');
  else if (c.lon < west || c.lon > east || c.lat < south || c.lat > north) {
    const swapped = c.lat >= west && c.lat <= east && c.lon >= south && c.lon <= north;
    r.add('camera', `centre ${c.lon}, ${c.lat} is outside the study area (${west}–${east}°E, ${south}–${north}°N)${swapped ? '; lon and lat look swapped' : ''}`);
  }
  if (!isNum(c.zoom) || c.zoom < LIMITS.zoomMin || c.zoom > LIMITS.zoomMax) r.add('camera.zoom', `expected ${LIMITS.zoomMin}–${LIMITS.zoomMax}, got ${JSON.stringify(c.zoom)}`);
  if (!isNum(c.bearing) || c.bearing < -180 || c.bearing > 180) r.add('camera.bearing', `expected −180–180 degrees, got ${JSON.stringify(c.bearing)}`);
  if (!isNum(c.pitch) || c.pitch < 0 || c.pitch > LIMITS.pitchMax) r.add('camera.pitch', `expected 0–${LIMITS.pitchMax} degrees, got ${JSON.stringify(c.pitch)}`);
}

interface Visible {
  regions: Set<string>;
  kinds: Set<string> | null;
}

function checkLayers(r: Reporter, l: unknown): Visible | null {
  if (!isObj(l)) {
    r.add('layers', 'expected {regions, kinds?, basemap?}');
    return null;
  }
  r.unknownKeys(l, ['regions', 'kinds', 'basemap'], 'layers');
  let ok = true;
  const list = <T extends string>(f: string, v: unknown, allowed: readonly T[]): Set<string> | null => {
    if (!Array.isArray(v) || v.length === 0) {
      r.add(f, `expected a non-empty array of ${allowed.join(', ')}`);
      return null;
    }
    const set = new Set<string>();
    v.forEach((x, i) => {
      if (!oneOf(allowed, x)) r.add(`${f}[${i}]`, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(x)}`);
      else if (set.has(x)) r.add(`${f}[${i}]`, `"${x}" is listed twice`);
      set.add(String(x));
    });
    return set;
  };
  const regions = list('layers.regions', l.regions, REGIONS);
  if (!regions) ok = false;
  const kinds = l.kinds === undefined ? null : list('layers.kinds', l.kinds, KINDS);
  if (l.kinds !== undefined && !kinds) ok = false;
  if (l.basemap !== undefined) {
    if (!isObj(l.basemap)) r.add('layers.basemap', 'expected {boundaries, rivers, labels}');
    else {
      r.unknownKeys(l.basemap, ['boundaries', 'rivers', 'labels'], 'layers.basemap');
      for (const k of ['boundaries', 'rivers', 'labels'])
        if (typeof l.basemap[k] !== 'boolean') r.add(`layers.basemap.${k}`, 'expected true or false');
    }
  }
  return ok && regions ? { regions, kinds } : null;
}

/** Every id exists; with `visible`, every element is shown by the scene's layers. */
function checkIds(r: Reporter, f: string, ids: unknown[], ctx: StoryContext, visible?: Visible | null): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const at = `${f}[${i}]`;
    if (typeof id !== 'string') return r.add(at, 'expected an element id string');
    if (seen.has(id)) r.add(at, `"${id}" is listed twice`);
    seen.add(id);
    checkVisible(r, at, id, ctx, visible);
  });
}

function checkVisible(r: Reporter, at: string, id: string, ctx: StoryContext, visible?: Visible | null): ElementInfo | null {
  const el = ctx.elements.get(id);
  if (!el) {
    r.add(at, `no plan element has id "${id}" (data/plan/*.json)`);
    return null;
  }
  if (visible) {
    if (!visible.regions.has(el.region)) r.add(at, `"${id}" is in region ${el.region}, which layers.regions does not show`);
    else if (visible.kinds && !visible.kinds.has(el.kind)) r.add(at, `"${id}" is a ${el.kind}, which layers.kinds does not show`);
  }
  return el;
}

function checkOverlay(r: Reporter, f: string, o: unknown, ctx: StoryContext, visible: Visible | null): void {
  if (!isObj(o)) return r.add(f, 'expected an overlay object');
  if (!oneOf(OVERLAY_TYPES, o.type)) return r.add(`${f}.type`, `expected one of ${OVERLAY_TYPES.join(', ')}, got ${JSON.stringify(o.type)}`);
  const ref = (k: string): ElementInfo | null => {
    const v = o[k];
    if (typeof v !== 'string' || !v) {
      r.add(`${f}.${k}`, 'required: an element id');
      return null;
    }
    return checkVisible(r, `${f}.${k}`, v, ctx, visible);
  };
  switch (o.type) {
    case 'distance': {
      r.unknownKeys(o, ['type', 'from', 'to', 'label'], f);
      ref('from');
      ref('to');
      if (typeof o.from === 'string' && o.from === o.to) r.add(`${f}.to`, 'a distance needs two different elements');
      if (o.label !== undefined) checkText(r, `${f}.label`, o.label, { zh: LIMITS.titleZh, en: LIMITS.titleEn });
      break;
    }
    case 'jurisdictionShares': {
      r.unknownKeys(o, ['type', 'element', 'level'], f);
      const el = ref('element');
      if (o.level !== undefined && !oneOf(['county', 'prefecture'] as const, o.level)) r.add(`${f}.level`, 'expected county or prefecture');
      if (el?.geometry === 'point') r.add(`${f}.element`, `"${String(o.element)}" is a point: shares need a line or an area`);
      break;
    }
    case 'overlap': {
      r.unknownKeys(o, ['type', 'a', 'b'], f);
      const a = ref('a');
      const b = ref('b');
      if (typeof o.a === 'string' && o.a === o.b) r.add(`${f}.b`, 'an overlap needs two different elements');
      for (const [k, el] of [['a', a], ['b', b]] as const)
        if (el?.geometry && el.geometry !== 'polygon') r.add(`${f}.${k}`, `"${String(o[k])}" is a ${el.geometry}: an overlap needs two areas`);
      break;
    }
  }
}

function checkCitation(r: Reporter, f: string, c: unknown, ctx: StoryContext): void {
  if (!isObj(c)) return r.add(f, 'expected {seed, section, quote}');
  r.unknownKeys(c, ['seed', 'section', 'quote'], f);
  if (!oneOf(STORY_SEEDS, c.seed)) r.add(`${f}.seed`, `expected one of ${STORY_SEEDS.join(', ')}, got ${JSON.stringify(c.seed)}`);
  if (!isStr(c.section)) r.add(`${f}.section`, 'required: where in the seed (e.g. "§一(三) 任务10")');
  if (!isStr(c.quote)) return r.add(`${f}.quote`, 'required: a short verbatim quote');
  if ([...c.quote].length > LIMITS.quote) r.add(`${f}.quote`, `quote is longer than ${LIMITS.quote} characters: keep it short`);
  const text = ctx.seedTexts && typeof c.seed === 'string' ? ctx.seedTexts[c.seed] : undefined;
  if (text !== undefined && !text.includes(c.quote)) r.add(`${f}.quote`, `quote not found verbatim in seed ${String(c.seed)}: "${c.quote}"`);
}
