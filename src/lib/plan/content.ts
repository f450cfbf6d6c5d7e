// Non-spatial plan content the app shows next to the map: seed 003's task list, seed 001's case
// domains and the headline indicators of seeds 000–004. Pure types + runtime validators; no DOM.

export const CONTENT_DATA_VERSION = 1;

export type SeedId = '000' | '001' | '002' | '003' | '004';
export const SEED_IDS: readonly SeedId[] = ['000', '001', '002', '003', '004'];

export interface LocalizedText {
  zh: string;
  en: string;
}

/** 一、…九、 */
export interface TaskChapter {
  number: number;
  numeral: string; // '一'
  title: string;
}

/** (一)…(三十三) — numbered through the whole document, not per chapter. */
export interface TaskSection {
  number: number;
  numeral: string; // '(一)'
  title: string;
  chapter: number;
}

export interface ResponsibleUnits {
  /** the 责任单位 line as printed, after the colon */
  raw: string;
  /** lead units (牵头单位): those before the first comma outside brackets */
  lead: string[];
  /** co-operating units: those after it */
  co: string[];
  /** the line ends in 等 ("and others") */
  andOthers: boolean;
}

export interface PlanTask {
  number: number;
  chapter: number;
  section: number;
  text: string;
  units: ResponsibleUnits;
  /** plan element ids (data/plan/*.json) of places the task names */
  links: string[];
}

export interface TasksFile {
  version: number;
  seed: '003';
  file: string;
  title: string;
  issued: string;
  chapters: TaskChapter[];
  sections: TaskSection[];
  tasks: PlanTask[];
}

export interface CaseDomain {
  id: string;
  name: LocalizedText;
  /** the heading the seed prints for this group */
  heading: string;
  count: number;
  /** true for the eight domains the seed names as 8个领域; the ninth group is extra */
  inNamedDomains: boolean;
  section: string;
  quote: string;
}

export interface CasesFile {
  version: number;
  seed: '001';
  file: string;
  title: string;
  statedTotal: number;
  statedDomainCount: number;
  statedDomainsQuote: string;
  domains: CaseDomain[];
  /** sum of domains[].count */
  sum: number;
  /** sum over the eight named domains only */
  sumNamedDomains: number;
  note: LocalizedText;
}

/** observed: a measured/achieved figure; target: a goal for `year`; baseline: a plan's statement of the situation. */
export const INDICATOR_ROLES = ['observed', 'target', 'baseline'] as const;
export type IndicatorRole = (typeof INDICATOR_ROLES)[number];

export const INDICATOR_QUALIFIERS = ['over', 'nearly', 'about', 'atLeast', 'odd'] as const;

export interface Indicator {
  id: string;
  label: LocalizedText;
  value: number;
  unit: string;
  year: number;
  role: IndicatorRole;
  /** qualifier printed with the value: 超/突破 (over), 近 (nearly), 约 (about), 以上 (atLeast), 余 (odd: "5600余名") */
  qualifier?: (typeof INDICATOR_QUALIFIERS)[number];
  /**
   * the figure exactly as the seed prints it, shown in Chinese instead of value+unit: "5600余名", "12万余次",
   * "半小时", "两个". It occurs in the quote and its leading numeral (digits or 一…九/十/百/千/两/半) equals `value`.
   */
  printed?: string;
  /**
   * a figure the seed gives as a list rather than a number ("形成千亿级装备制造、新材料、清洁能源产业集群"):
   * `value` counts these items, and each occurs in the quote.
   */
  items?: string[];
  region: 'chengdu-metro' | 'neijiang-zigong' | 'dazhou' | 'wandakai';
  seed: SeedId;
  section: string;
  /** verbatim substring of the seed file; the value's digits appear in it */
  quote: string;
  note?: LocalizedText;
}

export interface IndicatorsFile {
  version: number;
  indicators: Indicator[];
}

export interface ContentIssue {
  file: string;
  at: string; // e.g. 'tasks[12].units.lead'
  problem: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isLocalized = (v: unknown): v is LocalizedText => isObj(v) && isStr(v.zh) && isStr(v.en);

/** Validates a parsed tasks-003.json. `knownIds`, when given, is the set of plan element ids. */
export function validateTasks(data: unknown, file = 'tasks-003.json', knownIds?: ReadonlySet<string>): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const bad = (at: string, problem: string) => issues.push({ file, at, problem });
  if (!isObj(data)) return [{ file, at: '', problem: 'not an object' }];
  if (data.version !== CONTENT_DATA_VERSION) bad('version', `expected ${CONTENT_DATA_VERSION}`);
  if (data.seed !== '003') bad('seed', "expected '003'");
  for (const k of ['file', 'title', 'issued'] as const) if (!isStr(data[k])) bad(k, 'missing');
  const chapters = Array.isArray(data.chapters) ? data.chapters : [];
  const sections = Array.isArray(data.sections) ? data.sections : [];
  const tasks = Array.isArray(data.tasks) ? data.tasks : [];
  if (!Array.isArray(data.tasks) || tasks.length === 0) bad('tasks', 'missing or empty');
  const chapterNums = new Set<number>();
  chapters.forEach((c: unknown, i) => {
    if (!isObj(c) || !isInt(c.number) || !isStr(c.numeral) || !isStr(c.title)) bad(`chapters[${i}]`, 'needs number, numeral, title');
    else chapterNums.add(c.number);
  });
  const sectionChapter = new Map<number, number>();
  sections.forEach((s: unknown, i) => {
    if (!isObj(s) || !isInt(s.number) || !isStr(s.numeral) || !isStr(s.title) || !isInt(s.chapter)) {
      bad(`sections[${i}]`, 'needs number, numeral, title, chapter');
      return;
    }
    if (!chapterNums.has(s.chapter)) bad(`sections[${i}].chapter`, `unknown chapter ${s.chapter}`);
    sectionChapter.set(s.number, s.chapter);
  });
  tasks.forEach((t: unknown, i) => {
    const at = `tasks[${i}]`;
    if (!isObj(t)) return bad(at, 'not an object');
    if (t.number !== i + 1) bad(`${at}.number`, `expected ${i + 1}, got ${String(t.number)}`);
    if (!isStr(t.text)) bad(`${at}.text`, 'missing');
    if (!isInt(t.section) || !sectionChapter.has(t.section)) bad(`${at}.section`, 'unknown section');
    else if (sectionChapter.get(t.section) !== t.chapter) bad(`${at}.chapter`, 'does not match its section');
    const u = t.units;
    if (!isObj(u) || !isStr(u.raw) || !Array.isArray(u.lead) || !Array.isArray(u.co) || typeof u.andOthers !== 'boolean') {
      bad(`${at}.units`, 'needs raw, lead[], co[], andOthers');
    } else {
      if (u.lead.length === 0) bad(`${at}.units.lead`, 'no lead unit');
      if (![...u.lead, ...u.co].every(isStr)) bad(`${at}.units`, 'empty unit name');
    }
    if (!Array.isArray(t.links) || !t.links.every(isStr)) bad(`${at}.links`, 'must be a string array');
    else if (knownIds) for (const id of t.links) if (!knownIds.has(id as string)) bad(`${at}.links`, `unknown element id '${String(id)}'`);
  });
  return issues;
}

export function validateCases(data: unknown, file = 'cases-001.json'): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const bad = (at: string, problem: string) => issues.push({ file, at, problem });
  if (!isObj(data)) return [{ file, at: '', problem: 'not an object' }];
  if (data.version !== CONTENT_DATA_VERSION) bad('version', `expected ${CONTENT_DATA_VERSION}`);
  if (data.seed !== '001') bad('seed', "expected '001'");
  if (!isInt(data.statedTotal)) bad('statedTotal', 'missing');
  if (!isInt(data.statedDomainCount)) bad('statedDomainCount', 'missing');
  if (!isLocalized(data.note)) bad('note', 'needs zh and en');
  const domains = Array.isArray(data.domains) ? data.domains : [];
  if (domains.length === 0) bad('domains', 'missing or empty');
  let sum = 0;
  let sumNamed = 0;
  let named = 0;
  const ids = new Set<string>();
  domains.forEach((d: unknown, i) => {
    const at = `domains[${i}]`;
    if (!isObj(d) || !isStr(d.id) || !isLocalized(d.name) || !isStr(d.heading) || !isInt(d.count) || d.count < 0 || typeof d.inNamedDomains !== 'boolean' || !isStr(d.section) || !isStr(d.quote)) {
      return bad(at, 'needs id, name{zh,en}, heading, count ≥ 0, inNamedDomains, section, quote');
    }
    if (ids.has(d.id)) bad(`${at}.id`, `duplicate '${d.id}'`);
    ids.add(d.id);
    if (!d.quote.includes(String(d.count))) bad(`${at}.quote`, `does not contain the count ${d.count}`);
    sum += d.count;
    if (d.inNamedDomains) {
      sumNamed += d.count;
      named++;
    }
  });
  if (data.sum !== sum) bad('sum', `is ${String(data.sum)}, domains add up to ${sum}`);
  if (data.sumNamedDomains !== sumNamed) bad('sumNamedDomains', `is ${String(data.sumNamedDomains)}, named domains add up to ${sumNamed}`);
  if (isInt(data.statedDomainCount) && named !== data.statedDomainCount) bad('domains', `${named} marked inNamedDomains, seed states ${data.statedDomainCount}`);
  return issues;
}

/** Chinese-aware check that a value is printed in its quote: 2.78, 4200 or 4,200, 12.46 … */
export function quoteShowsValue(quote: string, value: number): boolean {
  const plain = quote.replace(/(\d),(\d{3})/g, '$1$2');
  return new RegExp(`(^|[^\\d.])${String(value).replace('.', '\\.')}(?![\\d]|\\.\\d)`).test(plain);
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * The number a printed figure starts with: digits ("5600余名" → 5600, "1.2万余件" → 1.2) or Chinese numerals below
 * 万 ("两个" → 2, "千亿级" → 1000, "三十" → 30, "半小时" → 0.5). 万/亿 belong to the unit. NaN when none.
 */
export function printedValue(printed: string): number {
  const d = /^\d+(?:\.\d+)?/.exec(printed);
  if (d) return Number(d[0]);
  if (printed.startsWith('半')) return 0.5;
  const run = /^[零一二两三四五六七八九十百千]+/.exec(printed)?.[0];
  if (!run) return NaN;
  let total = 0;
  let cur = 0;
  for (const ch of run) {
    if (ch in CN_DIGITS) cur = CN_DIGITS[ch];
    else {
      total += (cur || 1) * CN_UNITS[ch];
      cur = 0;
    }
  }
  return total + cur;
}

export function validateIndicators(data: unknown, file = 'indicators.json'): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const bad = (at: string, problem: string) => issues.push({ file, at, problem });
  if (!isObj(data)) return [{ file, at: '', problem: 'not an object' }];
  if (data.version !== CONTENT_DATA_VERSION) bad('version', `expected ${CONTENT_DATA_VERSION}`);
  const list = Array.isArray(data.indicators) ? data.indicators : [];
  if (list.length === 0) bad('indicators', 'missing or empty');
  const ids = new Set<string>();
  list.forEach((x: unknown, i) => {
    const at = `indicators[${i}]`;
    if (!isObj(x)) return bad(at, 'not an object');
    const where = isStr(x.id) ? `${at} (${x.id})` : at;
    if (!isStr(x.id) || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(x.id)) bad(`${where}.id`, 'must be kebab-case');
    else if (ids.has(x.id)) bad(`${where}.id`, 'duplicate');
    else ids.add(x.id);
    if (!isLocalized(x.label)) bad(`${where}.label`, 'needs zh and en');
    if (typeof x.value !== 'number' || !Number.isFinite(x.value)) bad(`${where}.value`, 'must be a finite number');
    if (!isStr(x.unit)) bad(`${where}.unit`, 'missing');
    if (!isInt(x.year) || x.year < 1949 || x.year > 2050) bad(`${where}.year`, 'missing or implausible');
    if (!INDICATOR_ROLES.includes(x.role as IndicatorRole)) bad(`${where}.role`, `must be one of ${INDICATOR_ROLES.join(', ')}`);
    if (!SEED_IDS.includes(x.seed as SeedId)) bad(`${where}.seed`, 'unknown seed');
    if (!isStr(x.section)) bad(`${where}.section`, 'missing');
    const printed = x.printed;
    const items = x.items;
    if (printed !== undefined && !isStr(printed)) bad(`${where}.printed`, 'must be a non-empty string');
    if (items !== undefined && !(Array.isArray(items) && items.length > 0 && items.every(isStr))) bad(`${where}.items`, 'must be a non-empty list of strings');
    if (!isStr(x.quote)) bad(`${where}.quote`, 'missing');
    else if (typeof x.value === 'number') {
      const quote = x.quote;
      if (isStr(printed) && !quote.includes(printed)) bad(`${where}.printed`, `"${printed}" is not in the quote`);
      if (isStr(printed) && printedValue(printed) !== x.value) bad(`${where}.printed`, `"${printed}" does not print the value ${x.value}`);
      const listed = Array.isArray(items) && items.every(isStr) ? items : undefined;
      for (const it of listed ?? []) if (!quote.includes(it)) bad(`${where}.items`, `"${it}" is not in the quote`);
      if (listed && listed.length !== x.value) bad(`${where}.items`, `${listed.length} items listed, value is ${x.value}`);
      // the value is shown by its digits in the quote, by the printed figure, or by the listed items
      if (!quoteShowsValue(quote, x.value) && !isStr(printed) && !listed) bad(`${where}.quote`, `does not show the value ${x.value}`);
    }
    if (x.qualifier !== undefined && !INDICATOR_QUALIFIERS.includes(x.qualifier as never)) bad(`${where}.qualifier`, `must be one of ${INDICATOR_QUALIFIERS.join(', ')}`);
    if (x.note !== undefined && !isLocalized(x.note)) bad(`${where}.note`, 'needs zh and en');
  });
  return issues;
}
