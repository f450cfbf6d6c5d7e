// Runtime validation of stories (data/stories/*.json). Pure: no IO; the caller passes the plan element
// catalogue and, optionally, the seed texts. Every problem is reported as `file › scene › field: message`,
// the message a catalog entry (../i18n/messages/file.ts) rendered in the UI's language. The shape of each
// part is a valibot schema in the one validation style (../validation.ts); a scene's schema knows the
// plan elements and which of them the scene's layers show.
import * as v from 'valibot';
import { t, type Lang, type MessageKey, type Msg, type Vars } from '../i18n/catalog.ts';
import { issueText, msg, Reporter as IssueReporter } from '../issues.ts';
import { migrateStory } from './migrate.ts';
import { isObj, rule, strict, validate, type Obj, type Report, type Schema } from '../validation.ts';
import { KINDS, REGIONS, type Kind, type Region } from '../plan/model.ts';
import { COMPARE_BY, LIMITS, OVERLAY_TYPES, STORY_DATA_VERSION, STORY_SEEDS, type Scene, type Story } from './model.ts';
import { TIMELINE } from '../plan/timeline.ts';
import { sceneFigures, unexplainedFigures, type FigureData } from './figures.ts';
import { dataUrlBytes, kindOf, MEDIA_DIR, MEDIA_LIMITS, MEDIA_PATH_RE, MEDIA_TYPES, parseDataUrl, sniffMedia, typeOfName, type MediaKind } from './media.ts';

export interface StoryIssue {
  file: string;
  /** scene id, '#<n>' (1-based) when the scene has no usable id, or '(story)' */
  scene: string;
  /** dotted path inside the scene or story, e.g. 'overlays[0].from' */
  field: string;
  /** English text of `msg` (scripts, logs, tests). */
  message: string;
  /** The message as a catalog entry: render it with storyIssueLine(issue, lang). */
  msg?: Msg;
}

export const formatStoryIssue = (i: StoryIssue): string => storyIssueLine(i, 'en');

/** `file › scene › field: message` in `lang`, for the UI. */
export function storyIssueLine(i: StoryIssue, lang: Lang): string {
  const scene = i.scene === '(story)' ? t('file.where.story', lang) : i.scene;
  return t('file.where.issue', lang, { where: `${i.file} › ${scene} › ${i.field}`, message: issueText(i, lang) });
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
  /**
   * Element geometries (and county/prefecture units): when given, every number a scene's overlays draw on the
   * map must be named in its caption or legend lines, in each language (./figures.ts computes them).
   */
  figures?: FigureData;
  /**
   * The shipped media files (`<story>/<file>` under data/stories/media/): when given, a scene's shipped file must
   * be one of them; with `head` (its first bytes) its content type and with `size` its size are checked too,
   * with `seconds` (Ogg) the narration against the scene's time. check-stories.ts reads them from disk; the app
   * knows only the names.
   */
  mediaFiles?: ReadonlyMap<string, MediaFileInfo>;
}

export interface MediaFileInfo {
  size?: number;
  head?: Uint8Array;
  seconds?: number | null;
}

const isStr = (x: unknown): x is string => typeof x === 'string' && x.trim().length > 0;
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const oneOf = <T extends string>(list: readonly T[], x: unknown): x is T => typeof x === 'string' && (list as readonly string[]).includes(x);
const got = (x: unknown): string => String(JSON.stringify(x));
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HAN_RE = /\p{Script=Han}/u;
const UNKNOWN = 'file.story.unknown';

type Reporter = IssueReporter<{ scene: string }>;

// ---------------------------------------------------------------- versions

export { migrateStory, STORY_MIGRATIONS, type StoryMigration } from './migrate.ts';

/** Migrate and validate; `story` is non-null only when there are no issues. */
export function loadStory(raw: unknown, file: string, ctx: StoryContext): { story: Story | null; issues: StoryIssue[] } {
  const m = migrateStory(raw, file);
  if (!m.data) return { story: null, issues: m.issues };
  const issues = validateStory(m.data, file, ctx);
  return { story: issues.length ? null : (m.data as unknown as Story), issues };
}

// ---------------------------------------------------------------- parts

/** A schema made of one rule over the value (valibot action on any input). */
const check = (fn: (x: unknown, report: Report) => void): Schema => v.pipe(v.unknown(), rule<unknown>(fn));

/** {zh, en} text; with `max`, shown on screen and read aloud: length limits, the right script in each. */
function localized(max?: { zh: number; en: number }): Schema {
  return v.pipe(
    strict({ zh: v.unknown(), en: v.unknown() }, 'file.story.text', UNKNOWN),
    rule<Obj>((o, report) => {
      for (const lang of ['zh', 'en'] as const) {
        const text = o[lang];
        if (!isStr(text)) {
          report([lang], 'file.story.textRequired');
          continue;
        }
        const n = [...text].length;
        if (max && n > max[lang]) report([lang], 'file.story.tooLong', { n, max: max[lang] });
        if (lang === 'zh' && !HAN_RE.test(text)) report(['zh'], 'file.story.noHan');
        // notes may cite Chinese document numbers; what is shown and read aloud may not
        if (lang === 'en' && max && HAN_RE.test(text)) report(['en'], 'file.story.hanInEn');
      }
    }),
  );
}

const range = (key: MessageKey, ok: (x: unknown) => boolean, vars: Vars = {}): Schema =>
  check((x, report) => {
    if (!ok(x)) report([], key, { ...vars, got: got(x) });
  });

const { west, south, east, north } = LIMITS.bbox;
const camera = v.pipe(
  strict(
    {
      lon: v.unknown(),
      lat: v.unknown(),
      zoom: range('file.story.range', (x) => isNum(x) && x >= LIMITS.zoomMin && x <= LIMITS.zoomMax, { min: LIMITS.zoomMin, max: LIMITS.zoomMax }),
      bearing: range('file.story.bearing', (x) => isNum(x) && x >= -180 && x <= 180),
      pitch: range('file.story.pitch', (x) => isNum(x) && x >= 0 && x <= LIMITS.pitchMax, { max: LIMITS.pitchMax }),
    },
    'file.story.camera',
    UNKNOWN,
  ),
  // the centre is reported at `camera` itself (lon and lat are judged together)
  rule<Obj>((c, report) => {
    if (!isNum(c.lon) || !isNum(c.lat)) return report([], 'file.story.lonLat');
    if (c.lon >= west && c.lon <= east && c.lat >= south && c.lat <= north) return;
    const swapped = c.lat >= west && c.lat <= east && c.lon >= south && c.lon <= north;
    report([], swapped ? 'file.story.outsideSwapped' : 'file.story.outside', { lon: c.lon, lat: c.lat, west, east, south, north });
  }),
);

interface Visible {
  regions: Set<string>;
  kinds: Set<string> | null;
}

/** A non-empty list of distinct values from `allowed`. */
const pickList = (allowed: readonly string[]): Schema =>
  check((x, report) => {
    if (!Array.isArray(x) || x.length === 0) return report([], 'file.story.nonEmptyOf', { values: allowed.join(', ') });
    const seen = new Set<string>();
    x.forEach((y, i) => {
      if (!oneOf(allowed, y)) report([i], 'file.story.oneOf', { values: allowed.join(', '), got: got(y) });
      else if (seen.has(y)) report([i], 'file.story.listedTwice', { x: y });
      seen.add(String(y));
    });
  });
const flag = range('file.story.boolean', (x) => typeof x === 'boolean');
const layers = strict(
  {
    regions: pickList(REGIONS),
    kinds: v.optional(pickList(KINDS)),
    basemap: v.optional(strict({ boundaries: flag, rivers: flag, labels: flag }, 'file.story.basemap', UNKNOWN)),
  },
  'file.story.layers',
  UNKNOWN,
);

/** What a scene's layers show, when its region and kind lists are lists (highlights and overlays are checked against it). */
function visibleOf(l: unknown): Visible | null {
  if (!isObj(l)) return null;
  const listed = (x: unknown) => (Array.isArray(x) && x.length > 0 ? new Set(x.map(String)) : null);
  const regions = listed(l.regions);
  if (!regions) return null;
  if (l.kinds === undefined) return { regions, kinds: null };
  const kinds = listed(l.kinds);
  return kinds ? { regions, kinds } : null;
}

/** The element `id` exists and, with `visible`, the scene's layers show it. */
function element(id: string, at: (string | number)[], report: Report, ctx: StoryContext, visible: Visible | null): ElementInfo | null {
  const el = ctx.elements.get(id);
  if (!el) {
    report(at, 'file.story.noElement', { id });
    return null;
  }
  if (visible) {
    if (!visible.regions.has(el.region)) report(at, 'file.story.hiddenRegion', { id, region: el.region });
    else if (visible.kinds && !visible.kinds.has(el.kind)) report(at, 'file.story.hiddenKind', { id, kind: el.kind });
  }
  return el;
}

/** A list of element ids, each once and each existing (and shown, with `visible`). */
const elementIds = (ctx: StoryContext, visible: Visible | null, notList: MessageKey, nonEmpty: boolean): Schema =>
  check((x, report) => {
    if (!Array.isArray(x) || (nonEmpty && x.length === 0)) return report([], notList);
    const seen = new Set<string>();
    x.forEach((id, i) => {
      if (typeof id !== 'string') return report([i], 'file.story.elementIdText');
      if (seen.has(id)) report([i], 'file.story.listedTwice', { x: id });
      seen.add(id);
      element(id, [i], report, ctx, visible);
    });
  });

const OVERLAY_KEYS: Record<(typeof OVERLAY_TYPES)[number], string[]> = {
  distance: ['type', 'from', 'to', 'label'],
  jurisdictionShares: ['type', 'element', 'level'],
  overlap: ['type', 'a', 'b'],
};
const overlayLabel = localized({ zh: LIMITS.titleZh, en: LIMITS.titleEn });
const legendLine = localized({ zh: LIMITS.legendZh, en: LIMITS.legendEn });

function overlay(o: unknown, report: Report, ctx: StoryContext, visible: Visible | null): void {
  if (!isObj(o)) return report([], 'file.story.overlay');
  if (!oneOf(OVERLAY_TYPES, o.type)) return report(['type'], 'file.story.oneOf', { values: OVERLAY_TYPES.join(', '), got: got(o.type) });
  for (const k of Object.keys(o)) if (!OVERLAY_KEYS[o.type].includes(k)) report([k], UNKNOWN);
  const ref = (k: string): ElementInfo | null => {
    const id = o[k];
    if (typeof id !== 'string' || !id) {
      report([k], 'file.story.elementId');
      return null;
    }
    return element(id, [k], report, ctx, visible);
  };
  switch (o.type) {
    case 'distance': {
      ref('from');
      ref('to');
      if (typeof o.from === 'string' && o.from === o.to) report(['to'], 'file.story.distanceSame');
      if (o.label !== undefined) validate(overlayLabel, o.label, (field, m) => report(['label', ...(field ? field.split('.') : [])], m.key, m.vars));
      break;
    }
    case 'jurisdictionShares': {
      const el = ref('element');
      if (o.level !== undefined && !oneOf(['county', 'prefecture'] as const, o.level)) report(['level'], 'file.story.level');
      if (el?.geometry === 'point') report(['element'], 'file.story.sharesPoint', { id: String(o.element) });
      break;
    }
    case 'overlap': {
      const a = ref('a');
      const b = ref('b');
      if (typeof o.a === 'string' && o.a === o.b) report(['b'], 'file.story.overlapSame');
      for (const [k, el] of [['a', a], ['b', b]] as const)
        if (el?.geometry && el.geometry !== 'polygon') report([k], 'file.story.overlapArea', { id: String(o[k]), geometry: el.geometry });
      break;
    }
  }
}

const citation = (ctx: StoryContext): Schema =>
  v.pipe(
    strict(
      {
        seed: range('file.story.oneOf', (x) => oneOf(STORY_SEEDS, x), { values: STORY_SEEDS.join(', ') }),
        section: check((x, report) => (isStr(x) ? undefined : report([], 'file.story.section', { example: '§一(三) 任务10' }))),
        quote: check((x, report) => {
          if (!isStr(x)) return report([], 'file.story.quote');
          if ([...x].length > LIMITS.quote) report([], 'file.story.quoteLong', { max: LIMITS.quote });
        }),
      },
      'file.story.citation',
      UNKNOWN,
    ),
    // every quote occurs verbatim in its seed, when the seeds are given
    rule<Obj>((c, report) => {
      const text = ctx.seedTexts && typeof c.seed === 'string' ? ctx.seedTexts[c.seed] : undefined;
      if (isStr(c.quote) && text !== undefined && !text.includes(c.quote)) report(['quote'], 'file.story.quoteMissing', { seed: String(c.seed), quote: c.quote });
    }),
  );

const timelineYear = range('file.story.timelineYear', (x) => isInt(x) && x >= TIMELINE.min && x <= TIMELINE.max, { min: TIMELINE.min, max: TIMELINE.max });
/** v2: two years side by side or under a swipe (src/lib/compare/spec.ts's `year:a,b`). */
const compare = v.pipe(
  strict(
    {
      by: range('file.story.oneOf', (x) => oneOf(COMPARE_BY, x), { values: COMPARE_BY.join(', ') }),
      a: timelineYear,
      b: timelineYear,
      mode: v.optional(range('file.story.oneOf', (x) => oneOf(['swipe', 'sideBySide'] as const, x), { values: 'swipe, sideBySide' })),
      position: v.optional(range('file.story.range', (x) => isNum(x) && x >= 0.1 && x <= 0.9, { min: 0.1, max: 0.9 })),
    },
    'file.story.compare',
    UNKNOWN,
  ),
  rule<Obj>((c, report) => (isInt(c.a) && c.a === c.b ? report(['b'], 'file.story.sameYears', { year: c.a }) : undefined)),
);
/** v2: the year counted from `from` to `to`; its run fits in the scene's time. */
const growth = (sceneSec: unknown): Schema =>
  v.pipe(
    strict(
      {
        from: timelineYear,
        to: timelineYear,
        seconds: v.optional(
          range('file.story.growthSeconds', (x) => isNum(x) && x >= LIMITS.growthMin && (!isNum(sceneSec) || x <= sceneSec), {
            min: LIMITS.growthMin,
            max: isNum(sceneSec) ? sceneSec : LIMITS.durationMax,
          }),
        ),
      },
      'file.story.growth',
      UNKNOWN,
    ),
    rule<Obj>((g, report) => (isInt(g.from) && g.from === g.to ? report(['to'], 'file.story.sameYears', { year: g.from }) : undefined)),
  );

/** The two years a compare or growth scene puts on screen (badges, the time bar), when they are years. */
function shownYears(s: Obj): [number, number] | null {
  const c = s.compare, g = s.growth;
  if (isObj(c) && isInt(c.a) && isInt(c.b)) return [c.a, c.b];
  if (isObj(g) && isInt(g.from) && isInt(g.to)) return [g.from, g.to];
  return null;
}

/**
 * A compare or growth scene tells what changes: its caption (or legend lines) names both years it shows, in
 * each language; it carries no fixed `year`, and a compare scene neither grows nor draws overlays (they would
 * be on one side only).
 */
function changeRules(s: Obj, report: Report): void {
  if (s.compare === undefined && s.growth === undefined) return;
  const which = s.compare !== undefined ? 'compare' : 'growth';
  if (s.year !== undefined) report(['year'], 'file.story.yearWithChange', { field: which });
  if (s.compare !== undefined && s.growth !== undefined) report(['growth'], 'file.story.compareAndGrowth');
  if (s.compare !== undefined && Array.isArray(s.overlays) && s.overlays.length) report(['overlays'], 'file.story.compareOverlays');
  const years = shownYears(s);
  if (!years) return;
  for (const lang of ['zh', 'en'] as const) {
    const caption = isObj(s.caption) && typeof s.caption[lang] === 'string' ? s.caption[lang] : '';
    const legend = Array.isArray(s.legend) ? s.legend.map((l) => (isObj(l) && typeof l[lang] === 'string' ? l[lang] : '')).join(' ') : '';
    const text = `${caption} ${legend}`;
    const missing = years.filter((y) => !new RegExp(`(?<!\\d)${y}(?!\\d)`).test(text));
    if (missing.length) report([which], 'file.story.changeYears', { years: missing.join(', '), lang });
  }
}

// ---------------------------------------------------------------- media (v3)

const hex = (b: Uint8Array) => [...b.subarray(0, 8)].map((x) => x.toString(16).padStart(2, '0')).join(' ') || '(empty)';
const kb = (n: number) => Math.ceil(n / 1024);

/** A media `src`: a shipped `<story>/<file>` that exists and is what its name says, or an embedded data URL whose bytes are. */
const mediaSrc = (want: MediaKind, ctx: StoryContext, sceneSec: unknown): Schema =>
  check((x, report) => {
    const notKind = want === 'image' ? 'file.story.mediaNotImage' : 'file.story.mediaNotAudio';
    const cap = (embedded: boolean) =>
      want === 'image' ? (embedded ? MEDIA_LIMITS.embeddedImageBytes : MEDIA_LIMITS.imageBytes) : embedded ? MEDIA_LIMITS.embeddedAudioBytes : MEDIA_LIMITS.audioBytes;
    if (typeof x === 'string' && x.startsWith('data:')) {
      const d = parseDataUrl(x);
      if (!d) return report([], 'file.story.mediaSrc', { got: x.slice(0, 40) });
      const declared = d.type === 'audio/x-m4a' ? 'audio/mp4' : d.type === 'audio/mp3' ? 'audio/mpeg' : d.type;
      if (!(declared in MEDIA_TYPES) || kindOf(declared as keyof typeof MEDIA_TYPES) !== want) return report([], notKind, { got: d.type });
      const found = sniffMedia(d.bytes);
      if (found !== declared) return report([], 'file.story.mediaMagic', { what: `data:${d.type}`, declared, found: hex(d.bytes) });
      if (d.bytes.length > cap(true)) report([], 'file.story.mediaTooBig', { what: `data:${d.type}`, kb: kb(d.bytes.length), max: kb(cap(true)) });
      return;
    }
    if (typeof x !== 'string' || !MEDIA_PATH_RE.test(x)) return report([], 'file.story.mediaSrc', { got: got(x) });
    const type = typeOfName(x)!;
    if (kindOf(type) !== want) return report([], notKind, { got: x });
    const path = `${MEDIA_DIR}/${x}`;
    if (!ctx.mediaFiles) return;
    const info = ctx.mediaFiles.get(x);
    if (!info) return report([], 'file.story.mediaMissing', { path });
    if (info.head) {
      const found = sniffMedia(info.head);
      if (found !== type) return report([], 'file.story.mediaMagic', { what: path, declared: type, found: hex(info.head) });
    }
    if (info.size !== undefined && info.size > cap(false)) report([], 'file.story.mediaTooBig', { what: path, kb: kb(info.size), max: kb(cap(false)) });
    if (want === 'audio' && info.seconds && isNum(sceneSec) && info.seconds > sceneSec)
      report([], 'file.story.mediaNarrationLong', { seconds: Math.ceil(info.seconds), duration: sceneSec });
  });

/** {zh, en} that must be there (alt text, credit): a missing one is its own message, not a generic "required". */
const mediaText = (missing: MessageKey, max: { zh: number; en: number }): Schema =>
  check((x, report) => {
    if (!isObj(x) || !isStr(x.zh) || !isStr(x.en)) return report([], missing);
    validate(localized(max), x, (field, m) => report(field ? field.split('.') : [], m.key, m.vars));
  });
const licence = check((x, report) => (isStr(x) && x.length <= 120 ? undefined : report([], 'file.story.mediaLicence')));
const credit = mediaText('file.story.mediaCredit', { zh: MEDIA_LIMITS.creditZh, en: MEDIA_LIMITS.creditEn });

const media = (ctx: StoryContext, sceneSec: unknown): Schema =>
  strict(
    {
      images: v.optional(
        check((x, report) => {
          if (!Array.isArray(x) || x.length > MEDIA_LIMITS.imagesPerScene) return report([], 'file.story.mediaImages', { max: MEDIA_LIMITS.imagesPerScene });
          const image = strict(
            { src: mediaSrc('image', ctx, sceneSec), alt: mediaText('file.story.mediaAlt', { zh: MEDIA_LIMITS.altZh, en: MEDIA_LIMITS.altEn }), credit, licence },
            'file.story.mediaImage',
            UNKNOWN,
          );
          x.forEach((img, i) => validate(image, img, (field, m) => report([i, ...(field ? field.split('.') : [])], m.key, m.vars)));
        }),
      ),
      narration: v.optional(
        strict(
          {
            src: mediaSrc('audio', ctx, sceneSec),
            credit,
            licence,
            lang: v.optional(range('file.story.oneOf', (x) => oneOf(['zh', 'en'] as const, x), { values: 'zh, en' })),
          },
          'file.story.mediaNarration',
          UNKNOWN,
        ),
      ),
    },
    'file.story.media',
    UNKNOWN,
  );

/** Every embedded (data URL) media file of a story, with its size. */
function embeddedBytes(data: Obj): number {
  let n = 0;
  for (const s of Array.isArray(data.scenes) ? data.scenes : []) {
    const m = isObj(s) && isObj(s.media) ? s.media : null;
    if (!m) continue;
    const srcs = [...(Array.isArray(m.images) ? m.images.map((i) => (isObj(i) ? i.src : null)) : []), isObj(m.narration) ? m.narration.src : null];
    for (const src of srcs) if (typeof src === 'string' && src.startsWith('data:')) n += dataUrlBytes(src);
  }
  return n;
}

/** A scene's schema: it knows the plan elements, and which of them the scene's own layers show. */
function sceneSchema(s: Obj, ctx: StoryContext): Schema {
  const visible = visibleOf(s.layers);
  const noFrame = s.camera === undefined && s.fit === undefined;
  return strict(
    {
      id: range('file.story.sceneId', (x) => isStr(x) && ID_RE.test(x)),
      title: localized({ zh: LIMITS.titleZh, en: LIMITS.titleEn }),
      caption: localized({ zh: LIMITS.captionZh, en: LIMITS.captionEn }),
      notes: localized(),
      camera: noFrame ? check((_x, report) => report([], 'file.story.cameraOrFit')) : v.optional(camera),
      fit: v.optional(elementIds(ctx, null, 'file.story.fit', true)),
      layers,
      year: v.optional(range('file.story.year', (x) => isInt(x) && x >= LIMITS.yearMin && x <= LIMITS.yearMax, { min: LIMITS.yearMin, max: LIMITS.yearMax })),
      compare: v.optional(compare),
      growth: v.optional(growth(s.durationSec)),
      highlight: elementIds(ctx, visible, 'file.story.highlight', false),
      legend: v.optional(
        check((x, report) => {
          if (!Array.isArray(x) || x.length > LIMITS.legendLines) return report([], 'file.story.legend', { max: LIMITS.legendLines });
          x.forEach((line, i) => validate(legendLine, line, (field, m) => report([i, ...(field ? field.split('.') : [])], m.key, m.vars)));
        }),
      ),
      overlays: check((x, report) =>
        Array.isArray(x) ? x.forEach((o, i) => overlay(o, (path, key, vars) => report([i, ...path], key, vars), ctx, visible)) : report([], 'file.story.overlays'),
      ),
      durationSec: range('file.story.duration', (x) => isNum(x) && x >= LIMITS.durationMin && x <= LIMITS.durationMax, {
        min: LIMITS.durationMin,
        max: LIMITS.durationMax,
      }),
      sources: check((x, report) =>
        Array.isArray(x) && x.length > 0
          ? x.forEach((c, i) => validate(citation(ctx), c, (field, m) => report([i, ...(field ? field.split('.') : [])], m.key, m.vars)))
          : report([], 'file.story.sources'),
      ),
      media: v.optional(media(ctx, s.durationSec)),
    },
    'file.story.scene',
    UNKNOWN,
  );
}

const storySchema = (file: string): Schema =>
  strict(
    {
      version: range('file.story.version', (x) => x === STORY_DATA_VERSION, { current: STORY_DATA_VERSION }),
      id: check((x, report) => {
        if (!isStr(x) || !ID_RE.test(x)) return report([], 'file.story.id', { got: got(x) });
        const base = /([^/\\]+)\.json$/.exec(file)?.[1];
        if (base && base !== x) report([], 'file.story.idFile', { id: x, base });
      }),
      title: localized({ zh: LIMITS.titleZh * 2, en: LIMITS.titleEn * 2 }),
      summary: localized(),
      region: range('file.story.oneOf', (x) => oneOf(REGIONS, x), { values: REGIONS.join(', ') }),
      publicUrl: v.optional(range('file.story.publicUrl', (x) => typeof x === 'string' && /^https?:\/\/[^\s/]+/i.test(x))),
      scenes: check((x, report) => (Array.isArray(x) && x.length > 0 ? undefined : report([], 'file.story.scenes'))),
    },
    'file.story.root',
    UNKNOWN,
  );

// ---------------------------------------------------------------- story

const SCRIPT_LINK = /(?:^|[\s"'(=])(javascript|vbscript|livescript):|data:text\/html/i;

/** Browsers ignore tabs and newlines inside a URL scheme ("java\tscript:"). */
const withoutControls = (x: string) => [...x].filter((c) => c.charCodeAt(0) >= 32).join('');

/** Every string anywhere in the file that holds a script link, with its path (iterative: files may nest deeply). */
function scriptLinks(data: unknown): [string, string][] {
  const found: [string, string][] = [];
  const todo: [unknown, string][] = [[data, '']];
  while (todo.length) {
    const [x, path] = todo.pop()!;
    if (typeof x === 'string') {
      const m = SCRIPT_LINK.exec(withoutControls(x));
      if (m) found.push([path || '(root)', m[1] ? `${m[1].toLowerCase()}:` : 'data:text/html']);
    } else if (Array.isArray(x)) x.forEach((y, i) => todo.push([y, `${path}[${i}]`]));
    else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) todo.push([y, path ? `${path}.${k}` : k]);
  }
  return found.reverse();
}

/** Validate a (migrated) story. */
export function validateStory(data: unknown, file: string, ctx: StoryContext): StoryIssue[] {
  const r: Reporter = new IssueReporter(file, { scene: '(story)' });
  if (!isObj(data)) {
    r.say('(root)', msg('file.story.root'));
    return r.issues;
  }
  for (const [field, scheme] of scriptLinks(data)) r.say(field, msg('file.story.scriptLink', { scheme }));
  validate(storySchema(file), data, (field, m) => r.say(field, m));
  const embedded = embeddedBytes(data);
  if (embedded > MEDIA_LIMITS.embeddedStoryBytes) r.say('scenes', msg('file.story.mediaStoryTooBig', { kb: kb(embedded), max: kb(MEDIA_LIMITS.embeddedStoryBytes) }));
  if (!Array.isArray(data.scenes) || data.scenes.length === 0) return r.issues;
  const issues = [...r.issues];
  const seen = new Set<string>();
  data.scenes.forEach((s, i) => {
    issues.push(...validateScene(s, file, i, ctx));
    if (isObj(s) && typeof s.id === 'string') {
      if (seen.has(s.id)) issues.push({ file, scene: s.id, field: 'id', message: t('file.story.duplicateScene', 'en'), msg: msg('file.story.duplicateScene') });
      seen.add(s.id);
    }
  });
  return issues;
}

// ---------------------------------------------------------------- scene

export function validateScene(s: unknown, file: string, index: number, ctx: StoryContext): StoryIssue[] {
  const r: Reporter = new IssueReporter(file, { scene: `#${index + 1}` });
  if (!isObj(s)) {
    r.say('(scene)', msg('file.story.scene'));
    return r.issues;
  }
  if (isStr(s.id)) r.where.scene = s.id;
  validate(sceneSchema(s, ctx), s, (field, m) => r.say(field, m));
  changeRules(s, (path, key, vars) => r.say(path.join('.'), msg(key, vars)));
  // pictures and the shares chart would both take the right of the screen
  const images = isObj(s.media) && Array.isArray(s.media.images) && s.media.images.length > 0;
  if (images && Array.isArray(s.overlays) && s.overlays.some((o) => isObj(o) && o.type === 'jurisdictionShares')) r.say('media.images', msg('file.story.mediaWithShares'));
  // the numbers on the map agree with the words: only once the scene is otherwise sound (ids exist, texts present)
  if (ctx.figures && r.issues.length === 0) {
    const scene = s as unknown as Scene;
    for (const { figure, lang } of unexplainedFigures(scene, sceneFigures(scene, ctx.figures)))
      r.say(`overlays[${figure.overlay}]`, msg(`file.story.unexplained.${figure.what}`, { shown: figure.shown[lang], unit: figure.unit, lang }));
  }
  return r.issues;
}
