// Sources as a projected slide names them: the documents' real titles and sections in the slide's language
// ("《内江自贡同城化发展总体方案》四(二)", "Neijiang–Zigong Integrated Development Master Plan, section 4(2)"),
// never the project's internal seed numbers ("文件004", "seed 003"). Pure.
import { t, type Lang, type MessageKey } from '../i18n/catalog.ts';
import type { Scene, SeedCitation } from './model.ts';
import { SEED_DOCUMENTS } from '../plan/plain.ts';

const DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 as a number (null when not a Chinese numeral). */
export function chineseNumber(s: string): number | null {
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s === '') return null;
  if (!m[2]) return m[1] && !m[3] ? DIGIT[m[1]] : null;
  return (m[1] ? DIGIT[m[1]] : 1) * 10 + (m[3] ? DIGIT[m[3]] : 0);
}

const N = '[一二三四五六七八九十]+';
// §四(二) [heading] [任务14] — the plan's part and paragraph
const PART_PARA = new RegExp(`^§?\\s*(${N})\\s*[(（](${N})[)）]`);
// 一、三是 [heading] — the Dazhou letter's part and point
const PART_POINT = new RegExp(`^(${N})、(${N})是`);
const TASK = /任务\s*(\d+)/;
// headings of the news texts that have no numbering
const HEADINGS: [RegExp, MessageKey][] = [
  [/^延伸阅读/, 'slide.section.furtherReading'],
  [/^既有成效/, 'slide.section.resultsSoFar'],
  [/^《案例汇编》编制背景/, 'slide.section.background'],
];

/** The section as the slide shows it: the numbering (and task) when there is one, else the heading. */
export function sectionText(section: string, lang: Lang): string {
  const task = TASK.exec(section)?.[1];
  const withTask = (s: string) => (task ? t('slide.section.withTask', lang, { section: s, task }) : s);
  const pp = PART_PARA.exec(section);
  if (pp) {
    const [a, b] = [chineseNumber(pp[1]), chineseNumber(pp[2])];
    return withTask(lang === 'zh' || a === null || b === null ? `${pp[1]}(${pp[2]})` : t('slide.section.partPara', lang, { part: a, para: b }));
  }
  const pt = PART_POINT.exec(section);
  if (pt) {
    const [a, b] = [chineseNumber(pt[1]), chineseNumber(pt[2])];
    return withTask(lang === 'zh' || a === null || b === null ? `${pt[1]}、${pt[2]}是` : t('slide.section.partPoint', lang, { part: a, point: b }));
  }
  if (lang === 'zh') return section.replace(/^§\s*/, '');
  const h = HEADINGS.find(([re]) => re.test(section));
  return h ? t(h[1], lang) : '';
}

const DOC_SECTION_GAP: Record<Lang, string> = { zh: '', en: ', ' };

/**
 * The document's title as the slide shows it: the info card's titles (../plan/plain.ts, one list for the app)
 * without the trailing publisher and date, which a slide has no room for ("《内江自贡同城化发展总体方案》").
 */
export const documentTitle = (seed: SeedCitation['seed'], lang: Lang): string => SEED_DOCUMENTS[seed][lang].replace(/\s*[（(][^（）()]*[）)]$/, '');

/**
 * A scene's sources line without its label: each document once with its sections, in the order first cited
 * ("《内江自贡同城化发展总体方案》四(一)、三(三)").
 */
export function citationsText(sources: readonly SeedCitation[], lang: Lang): string {
  const bySeed = new Map<string, string[]>();
  for (const c of sources) {
    const list = bySeed.get(c.seed) ?? [];
    const s = sectionText(c.section, lang);
    if (s && !list.includes(s)) list.push(s);
    bySeed.set(c.seed, list);
  }
  return [...bySeed]
    .map(([seed, sections]) => {
      const doc = documentTitle(seed as SeedCitation['seed'], lang);
      // 《…》四(二) reads on in Chinese; English puts a comma after the title
      return sections.length ? `${doc}${DOC_SECTION_GAP[lang]}${sections.join(t('slide.sectionSeparator', lang))}` : doc;
    })
    .join(t('app.sourceSeparator', lang));
}

/** "出处：《…》四(二)" — the line under a slide's caption and in its image. */
export function sceneSourcesText(scene: Pick<Scene, 'sources'>, lang: Lang): string {
  return t('slide.sourcesLine', lang, { list: citationsText(scene.sources, lang) });
}

/** Internal identifiers that must never be shown or read out: seed numbers, gazetteer row codes. */
export const INTERNAL_ID = /(?:文件|种子|seed|seeds)\s*0\d\d|地名表|gazetteer|\b(?:OT|IB|NA|BP|RL|NZ|DZ|WDK)-?\d{2,3}\b/i;
