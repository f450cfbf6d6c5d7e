// View models for the explore UI: the info card of one element, the responsible-unit index of seed
// 003's tasks, and the legend entries for what is on screen. Pure: no DOM, no map.
import type { Lang } from '../i18n/catalog.ts';
import { t, intlLocale, otherLang } from '../i18n/catalog.ts';
import { planLabel, subkindLabel } from '../i18n/labels.ts';
import { CORRIDOR_MODES, KINDS, STATUSES } from './model.ts';
import type { Accuracy, CorridorMode, Kind, Metric, PlanProperties, SourceRef, Status } from './model.ts';
import type { PlanTask } from './content.ts';
import { phaseIn, type Phase } from './timeline.ts';
import { howDrawn, plainText, SEED_DOCUMENTS, seedSection } from './plain.ts';

// ---------------------------------------------------------------- metrics

interface UnitRule {
  zh: string;
  /** English: multiply by `factor`, then show with `en` (scaled to million/billion when large). */
  en: string;
  factor?: number;
  /** large counts read better as "29.66 million" than "29,660,000" */
  words?: boolean;
}

/** Units used in data/plan; Chinese magnitude units (万, 亿) are spelled out in English. */
const UNITS: Record<string, UnitRule> = {
  km: { zh: 'km', en: 'km' },
  m: { zh: 'm', en: 'm' },
  'km²': { zh: 'km²', en: 'km²' },
  'km/h': { zh: 'km/h', en: 'km/h' },
  ha: { zh: '公顷', en: 'ha' },
  '万km²': { zh: '万km²', en: 'km²', factor: 1e4 },
  '万人': { zh: '万人', en: 'people', factor: 1e4, words: true },
  '亿元': { zh: '亿元', en: 'yuan', factor: 1e8, words: true },
  '万亿元': { zh: '万亿元', en: 'yuan', factor: 1e12, words: true },
  '亿m³': { zh: '亿m³', en: 'm³', factor: 1e8, words: true },
  stations: { zh: '座', en: 'stations' },
  '个': { zh: '个', en: '' },
  '条': { zh: '条', en: '' },
};

const decimalsOf = (v: number): number => {
  const s = String(v);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
};

/** `value` scaled by 10^shift, keeping exactly the digits the source gave (no float noise). */
function scaled(value: number, shift: number): { n: number; decimals: number } {
  const decimals = Math.max(0, decimalsOf(value) - shift);
  return { n: Number((value * 10 ** shift).toFixed(decimals)), decimals };
}

// Chinese text prints figures ungrouped, as the seeds do ("2966万人"); English groups thousands.
function fmt(n: number, decimals: number, lang: Lang): string {
  return n.toLocaleString(intlLocale(lang), { minimumFractionDigits: 0, maximumFractionDigits: decimals, useGrouping: lang !== 'zh' });
}

/** "156 km", "2966 万人" / "29.66 million people", "3200 亿元" / "320 billion yuan". */
export function formatQuantity(value: number, unit: string, lang: Lang): string {
  const rule = UNITS[unit];
  if (!rule) return `${fmt(value, decimalsOf(value), lang)} ${unit}`.trim();
  if (lang === 'zh') return `${fmt(value, decimalsOf(value), lang)} ${rule.zh}`;
  const shift = Math.round(Math.log10(rule.factor ?? 1));
  if (rule.words) {
    for (const [exp, word] of [[12, 'trillion'], [9, 'billion'], [6, 'million']] as const) {
      const { n, decimals } = scaled(value, shift - exp);
      if (n >= 1) return `${fmt(n, decimals, lang)} ${word} ${rule.en}`;
    }
  }
  const { n, decimals } = scaled(value, shift);
  return `${fmt(n, decimals, lang)} ${rule.en}`.trim();
}

// ---------------------------------------------------------------- sources

export type CardSource =
  /** `original`: the printed Chinese title beside an English rendering */
  | { type: 'seed'; n: number; citation: string; document: string; original?: string; section: string; quote: string; seed: string; task?: number }
  | { type: 'gazetteer'; n: number; citation: string; confidence: string; coordinates: boolean }
  | { type: 'web'; n: number; citation: string; url: string; coordinates: boolean };

/** Seed 003 task number from a section like "§二(五) 任务14". */
export function taskNumberOf(section: string): number | undefined {
  const m = /(?:任务|task)\s*(\d+)/i.exec(section);
  return m ? Number(m[1]) : undefined;
}

// Sources in plain words (issue 11): the document's title and section, "OpenStreetMap (ODbL)", and
// the gazetteer as what it is — no file names, row ids or seed numbers. Source notes are working
// notes in English and stay in the data (attribute table, exports).
function describeSource(s: SourceRef, i: number, lang: Lang): CardSource {
  const n = i + 1;
  switch (s.type) {
    case 'seed': {
      const document = SEED_DOCUMENTS[s.seed][lang];
      const section = seedSection(s.seed, s.section, lang);
      // the document's own (Chinese) title beside a translated one
      const original = document === SEED_DOCUMENTS[s.seed].zh ? undefined : SEED_DOCUMENTS[s.seed].zh;
      return { type: 'seed', n, citation: `${document} ${section}`, document, original, section, quote: s.quote, seed: s.seed, task: s.seed === '003' ? taskNumberOf(s.section) : undefined };
    }
    case 'gazetteer':
      return {
        type: 'gazetteer', n,
        citation: t('place.card.compiled', lang),
        confidence: `${t('plan.confidence', lang)}: ${planLabel('confidence', s.confidence, lang)}`,
        coordinates: s.coordinates === true,
      };
    case 'web':
      return { type: 'web', n, citation: plainText(s.title, lang), url: s.url, coordinates: s.coordinates === true };
    case 'osm':
      // The link is the OSM copyright page the ODbL attribution points to.
      return { type: 'web', n, citation: t('place.card.osm', lang), url: 'https://www.openstreetmap.org/copyright', coordinates: s.coordinates === true };
  }
}

/** Short pointer for a metric: "source 2 · 003 §二(五) task 14". */
function sourceShort(src: CardSource | undefined, lang: Lang): string {
  if (!src) return '';
  return `${t('plan.sourceRef', lang, { n: src.n })} · ${src.citation}`;
}

// ---------------------------------------------------------------- the card

export interface CardMetric {
  key: string;
  label: string;
  value: string;
  year?: number;
  /** 1-based number of the source in the card's list */
  source: number;
  sourceLabel: string;
}

export interface CardTask {
  number: number;
  section: string;
  excerpt: string;
  text: string;
  lead: string[];
  co: string[];
  andOthers: boolean;
  /** how the task is tied to the element: named in its text (alias table) and/or cited as a source */
  via: ('link' | 'source')[];
}

export interface CardModel {
  id: string;
  title: string;
  /** the name in the other language */
  subtitle: string;
  kind: { key: Kind; label: string };
  mode?: { key: CorridorMode; label: string };
  /** finer label, e.g. 'station'; absent when the data has none (or, in Chinese, no translation) */
  subkind?: string;
  status: { key: Status; label: string };
  /** "started 2022 · target 2027"; empty when the data gives no year */
  years: string;
  /** when the card is opened with the year slider on: the element's phase in that year */
  phase?: { year: number; key: Phase; label: string };
  metrics: CardMetric[];
  /** label in plain words ("位置示意"), the sentence saying how the shape was made */
  accuracy: { key: Accuracy; label: string; explanation: string; schematic: boolean };
  note?: string;
  sources: CardSource[];
  tasks: CardTask[];
  related: { id: string; name: string; known: boolean }[];
}

export interface DescribeContext {
  tasks: readonly PlanTask[];
  /** any element (full or just its properties) by id, for related names */
  elementsById: ReadonlyMap<string, { properties: Pick<PlanProperties, 'name'> } | Pick<PlanProperties, 'name'>>;
  lang: Lang;
  /** section titles by number (tasks-003.json `sections`), for "§(五) 构建都市圈立体交通体系" */
  sections?: readonly { number: number; numeral: string; title: string }[];
  /** task-links.json: printed name → element id; used to centre the excerpt on the name */
  aliases?: Readonly<Record<string, string>>;
  /** the year slider's year, when it is on */
  year?: number;
  /** the slider's expected mode (target years count as expected) */
  expected?: boolean;
  /** what the map draws (area, line or point), for saying how it was drawn; read from the geometry when absent */
  shape?: Shape;
}

const EXCERPT_MAX = 90;

/** The sentence of `text` that names one of `names` (or the first sentence), at most EXCERPT_MAX chars. */
export function taskExcerpt(text: string, names: readonly string[]): string {
  const sentences = text.match(/[^。；;]+[。；;]?/g) ?? [text];
  const hit = names.filter((n) => n.length > 0).map((n) => ({ n, at: text.indexOf(n) })).filter((h) => h.at >= 0).sort((a, b) => a.at - b.at)[0];
  let s = sentences[0] ?? text;
  if (hit) {
    let pos = 0;
    for (const candidate of sentences) {
      if (hit.at < pos + candidate.length) { s = candidate; break; }
      pos += candidate.length;
    }
    if (s.length > EXCERPT_MAX) {
      const at = s.indexOf(hit.n);
      const start = Math.max(0, Math.min(at - 20, s.length - EXCERPT_MAX));
      const cut = s.slice(start, start + EXCERPT_MAX);
      return `${start > 0 ? '…' : ''}${cut}${start + EXCERPT_MAX < s.length ? '…' : ''}`;
    }
    return s;
  }
  return s.length > EXCERPT_MAX ? `${s.slice(0, EXCERPT_MAX)}…` : s;
}

function yearsLine(p: PlanProperties, lang: Lang): string {
  const parts: string[] = [];
  if (p.opened !== undefined) parts.push(`${t('plan.opened', lang)} ${p.opened}`);
  if (p.started !== undefined) parts.push(`${t('plan.started', lang)} ${p.started}`);
  if (p.target !== undefined) parts.push(`${t('plan.target', lang)} ${p.target}`);
  return parts.join(' · ');
}

const nameOf = (e: { properties: Pick<PlanProperties, 'name'> } | Pick<PlanProperties, 'name'>): PlanProperties['name'] =>
  'properties' in e ? e.properties.name : e.name;

/** Everything the info card shows about one element, in `ctx.lang`. */
export function describeElement(el: { properties: PlanProperties } | PlanProperties, ctx: DescribeContext): CardModel {
  const p: PlanProperties = 'properties' in el ? el.properties : el;
  const { lang } = ctx;
  const geometry = 'properties' in el && 'geometry' in el ? (el as { geometry?: { type?: unknown } | null }).geometry : undefined;
  const shape = ctx.shape ?? (typeof geometry?.type === 'string' ? shapeOf(geometry.type) ?? undefined : undefined);
  const other = otherLang(lang);
  const sources = p.sources.map((s, i) => describeSource(s, i, lang));

  const metrics: CardMetric[] = p.metrics.map((m: Metric) => ({
    key: m.key,
    label: m.label[lang],
    value: formatQuantity(m.value, m.unit, lang),
    year: m.year,
    source: m.source + 1,
    sourceLabel: sourceShort(sources[m.source], lang),
  }));

  const sourceTasks = new Set(sources.flatMap((s) => (s.type === 'seed' && s.task !== undefined ? [s.task] : [])));
  const names = [p.name.zh, ...Object.entries(ctx.aliases ?? {}).filter(([, id]) => id === p.id).map(([alias]) => alias)];
  const sectionTitle = new Map((ctx.sections ?? []).map((s) => [s.number, `${s.numeral}${s.title}`]));
  const tasks: CardTask[] = ctx.tasks
    .filter((t) => t.links.includes(p.id) || sourceTasks.has(t.number))
    .sort((a, b) => a.number - b.number)
    .map((t) => ({
      number: t.number,
      section: sectionTitle.get(t.section) ?? '',
      excerpt: taskExcerpt(t.text, names),
      text: t.text,
      lead: t.units.lead,
      co: t.units.co,
      andOthers: t.units.andOthers,
      via: [...(t.links.includes(p.id) ? (['link'] as const) : []), ...(sourceTasks.has(t.number) ? (['source'] as const) : [])],
    }));

  const related = p.related.map((id) => {
    const r = ctx.elementsById.get(id);
    return r ? { id, name: nameOf(r)[lang], known: true } : { id, name: id, known: false };
  });

  const phase = ctx.year !== undefined ? phaseIn(p, ctx.year, ctx.expected === true) : undefined;
  return {
    id: p.id,
    title: p.name[lang],
    subtitle: p.name[other],
    kind: { key: p.kind, label: planLabel('kind', p.kind, lang) },
    mode: p.mode ? { key: p.mode, label: planLabel('mode', p.mode, lang) } : undefined,
    subkind: p.subkind ? subkindLabel(p.subkind, lang) : undefined,
    status: { key: p.status, label: planLabel('status', p.status, lang) },
    years: yearsLine(p, lang),
    phase: phase && ctx.year !== undefined ? { year: ctx.year, key: phase, label: planLabel('phase', phase, lang) } : undefined,
    metrics,
    accuracy: {
      key: p.accuracy,
      label: t(`place.card.accuracy.${p.accuracy}`, lang),
      explanation: howDrawn(p.accuracy, shape, sources.find((s) => s.type !== 'seed' && s.coordinates)?.citation, lang),
      schematic: p.accuracy === 'schematic',
    },
    note: p.note ? plainText(p.note[lang], lang) : undefined,
    sources,
    tasks,
    related,
  };
}

// ---------------------------------------------------------------- responsible units

export interface UnitEntry {
  /** the unit's name (the 区-prefixed form when the seed prints both) */
  unit: string;
  /** other spellings the seed prints for the same unit */
  printed: string[];
  /** tasks it leads / co-operates on (numbers) */
  leadTasks: number[];
  coTasks: number[];
  /** mapped elements of tasks it leads; `co` leaves out elements already in `lead` */
  lead: string[];
  co: string[];
}

/** Spellings of one bureau the parser keeps as printed (docs/content.md); merged here for the filter. */
const UNIT_ALIASES: Readonly<Record<string, string>> = { 区卫健局: '区卫生健康局' };

/**
 * Unit → what it is responsible for, from seed 003's 责任单位 lines. A name printed without the
 * district prefix (task 34's 商务局) is merged into the prefixed one when that exists.
 */
export function unitsIndex(tasks: readonly PlanTask[]): Map<string, UnitEntry> {
  const all = new Set(tasks.flatMap((t) => [...t.units.lead, ...t.units.co]));
  const canonical = (u: string): string => UNIT_ALIASES[u] ?? (!u.startsWith('区') && all.has(`区${u}`) ? `区${u}` : u);
  const out = new Map<string, UnitEntry>();
  const entry = (printedName: string): UnitEntry => {
    const unit = canonical(printedName);
    let e = out.get(unit);
    if (!e) out.set(unit, (e = { unit, printed: [], leadTasks: [], coTasks: [], lead: [], co: [] }));
    if (printedName !== unit && !e.printed.includes(printedName)) e.printed.push(printedName);
    return e;
  };
  const addOnce = (list: string[], items: readonly string[]) => {
    for (const i of items) if (!list.includes(i)) list.push(i);
  };
  for (const t of [...tasks].sort((a, b) => a.number - b.number)) {
    for (const u of t.units.lead) {
      const e = entry(u);
      if (!e.leadTasks.includes(t.number)) e.leadTasks.push(t.number);
      addOnce(e.lead, t.links);
    }
    for (const u of t.units.co) {
      const e = entry(u);
      if (!e.coTasks.includes(t.number)) e.coTasks.push(t.number);
      addOnce(e.co, t.links);
    }
  }
  for (const e of out.values()) e.co = e.co.filter((id) => !e.lead.includes(id));
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b, 'zh-CN')));
}

// ---------------------------------------------------------------- legend

/** What the legend needs of a drawn feature: the flat map properties plus its geometry type. */
export interface LegendFeature {
  kind: string;
  mode?: string;
  status: string;
  accuracy: string;
  /** GeoJSON geometry type as drawn ('Polygon', 'LineString', 'Point', …) */
  geometry: string;
  /** the drawn phase (phaseAt / phaseOfStatus, as the map's `phase` property); replaces `status` */
  phase?: Phase | (string & {});
}

export type Shape = 'area' | 'line' | 'point';
export type LineStyle = 'existing' | 'underConstruction' | 'future' | 'expected';

/** Dash patterns of planLayers.ts (in line widths); null = solid. A test keeps them in step. */
export const LINE_DASH: Record<LineStyle, readonly number[] | null> = {
  existing: null,
  underConstruction: [4, 1.5],
  future: [1.5, 1.5],
  expected: [0.1, 1.8],
};
export const SCHEMATIC_OUTLINE_DASH: readonly number[] = [2, 2];

export interface LegendEntries {
  /** kinds drawn in their kind colour, with the shapes drawn (corridor lines take their mode's colour);
   * the colours themselves are the theme's (src/style/theme.ts planColors), read by the legend and exports */
  kinds: { kind: Kind; shapes: Shape[] }[];
  modes: { mode: CorridorMode }[];
  /** status line styles present among lines; `statuses` lists the statuses drawn that way */
  lines: { style: LineStyle; dash: readonly number[] | null; statuses: Status[] }[];
  /** which schematic marks are on screen */
  schematic: Record<Shape, boolean>;
  /** firm (non-schematic) areas/points are drawn differently: solid outline, filled point */
  firm: { area: boolean; point: boolean };
  /** areas/points the slider's expected mode marks (dotted outline, outer ring); lines have their own style */
  expected: { area: boolean; point: boolean };
  empty: boolean;
}

export function shapeOf(geometryType: string): Shape | null {
  if (geometryType === 'Polygon' || geometryType === 'MultiPolygon') return 'area';
  if (geometryType === 'LineString' || geometryType === 'MultiLineString') return 'line';
  if (geometryType === 'Point' || geometryType === 'MultiPoint') return 'point';
  return null;
}

export function lineStyleOf(status: string): LineStyle {
  if (status === 'existing') return 'existing';
  if (status === 'expected') return 'expected';
  if (status === 'underConstruction') return 'underConstruction';
  return 'future';
}

const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);
const isMode = (m: string | undefined): m is CorridorMode => !!m && (CORRIDOR_MODES as readonly string[]).includes(m);
const isStatus = (s: string): s is Status => (STATUSES as readonly string[]).includes(s);

/** Legend entries for exactly the features on screen, in model order. Hidden-phase features are skipped. */
export function legendEntries(features: Iterable<LegendFeature>): LegendEntries {
  const kindShapes = new Map<Kind, Set<Shape>>();
  const modes = new Set<CorridorMode>();
  const lineStatuses = new Map<LineStyle, Set<Status>>();
  const schematic: Record<Shape, boolean> = { area: false, line: false, point: false };
  const firm = { area: false, point: false };
  const expected = { area: false, point: false };
  let any = false;
  for (const f of features) {
    if (f.phase === 'hidden') continue;
    const shape = shapeOf(f.geometry);
    if (!shape || !isKind(f.kind)) continue;
    any = true;
    if (shape === 'line' && f.kind === 'corridor' && isMode(f.mode)) modes.add(f.mode);
    else {
      if (!kindShapes.has(f.kind)) kindShapes.set(f.kind, new Set());
      kindShapes.get(f.kind)!.add(shape);
    }
    if (shape === 'line') {
      const status = f.phase ?? f.status;
      const style = lineStyleOf(status);
      if (!lineStatuses.has(style)) lineStatuses.set(style, new Set());
      if (isStatus(status)) lineStatuses.get(style)!.add(status);
    }
    if (f.phase === 'expected' && shape !== 'line') expected[shape] = true;
    if (f.accuracy === 'schematic') schematic[shape] = true;
    else if (shape !== 'line') firm[shape] = true;
  }
  const shapeOrder: Shape[] = ['area', 'line', 'point'];
  return {
    kinds: KINDS.filter((k) => kindShapes.has(k)).map((kind) => ({
      kind,
      shapes: shapeOrder.filter((s) => kindShapes.get(kind)!.has(s)),
    })),
    modes: CORRIDOR_MODES.filter((m) => modes.has(m)).map((mode) => ({ mode })),
    lines: (['existing', 'underConstruction', 'future', 'expected'] as const)
      .filter((s) => lineStatuses.has(s))
      .map((style) => ({ style, dash: LINE_DASH[style], statuses: STATUSES.filter((s) => lineStatuses.get(style)!.has(s)) })),
    schematic,
    firm,
    expected,
    empty: !any,
  };
}
