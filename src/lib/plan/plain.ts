// Plain-language wording for the info card (issue 11): what residents read instead of the data's
// working vocabulary — document titles instead of seed numbers, "OpenStreetMap (ODbL)" instead of
// extract file names, and no gazetteer row ids (RL04, DZ-020). Pure: no DOM, no map.
import type { Lang } from '../i18n/catalog.ts';
import { t } from '../i18n/catalog.ts';
import type { Accuracy, SourceRef } from './model.ts';

type Seed = Extract<SourceRef, { type: 'seed' }>['seed'];

/** The five source documents (data/sources/README.md): the printed title, and an English rendering. */
export const SEED_DOCUMENTS: Readonly<Record<Seed, { zh: string; en: string }>> = {
  '000': {
    zh: '《关于市五届人大七次会议第193号建议办理情况(B)的函》（达州市自然资源和规划局，2025年）',
    en: 'Reply to proposal No. 193 of the 7th session of the 5th Dazhou People’s Congress (Dazhou Natural Resources and Planning Bureau, 2025)',
  },
  '001': {
    zh: '《在实践中丰富跨界创新和制度供给 成都都市圈100项探索实践案例发布》（2024年1月31日）',
    en: '100 pilot practice cases of the Chengdu metropolitan area published (news release, 31 January 2024)',
  },
  '002': {
    zh: '《推进体制机制创新为全国都市圈制度建设提供先行示范》（四川日报，2022年1月17日）',
    en: 'Institutional innovation as a national model for metropolitan areas (Sichuan Daily, 17 January 2022)',
  },
  '003': {
    zh: '《资阳市雁江区贯彻落实〈成都都市圈发展规划〉重点任务责任分工方案》（雁江区，2022年4月9日）',
    en: 'Yanjiang District (Ziyang) task assignments for the Chengdu Metropolitan Area Development Plan (9 April 2022)',
  },
  '004': {
    zh: '《内江自贡同城化发展总体方案》（2021年11月）',
    en: 'Neijiang–Zigong Integrated Development Master Plan (November 2021)',
  },
};

/** Where in the document: "二(五) 任务14" → zh "第二部分(五) · 任务 14", en "part 二(五), task 14". */
export function seedSection(seed: string, section: string, lang: Lang): string {
  let body = section.startsWith(`${seed} `) ? section.slice(seed.length + 1) : section;
  body = body.replace(/^§\s*/, '');
  const task = /\s*(?:任务|task)\s*(\d+)\s*$/i.exec(body);
  const head = task ? body.slice(0, task.index).trim() : body.trim();
  const part = /^[一二三四五六七八九十]+[(（]/.test(head) ? t('place.card.part', lang, { part: head }) : head;
  return task ? t('place.card.partTask', lang, { part, n: task[1] }) : part;
}

// Gazetteer row ids as the data prints them: AP01, RL04, DZ-020, NZ-099, WDK-001.
const ROW = String.raw`[A-Z]{2,3}-?\d{2,3}`;

/**
 * Free text from the data (notes, web source titles) without the working vocabulary: row ids in
 * brackets are dropped, "gazetteer"/"seed" become what they are for a reader.
 */
export function plainText(text: string, lang: Lang): string {
  const compiled = t('place.card.compiledShort', lang);
  return text
    .replace(new RegExp(String.raw`[;；]\s*cited by gazetteer ${ROW}`, 'g'), '')
    .replace(new RegExp(String.raw`\s*[(（]\s*(?:gazetteer\s+)?${ROW}\s*[)）]`, 'g'), '')
    .replace(new RegExp(String.raw`(?:gazetteer row|地名表)\s*${ROW}`, 'g'), compiled)
    .replace(/gazetteer candidate/g, `candidate from ${compiled}`)
    .replace(/地名表候选/g, `${compiled}中的候选`)
    .replace(/种子文件/g, '规划文件')
    .replace(/\bThe seeds\b/g, 'The plan documents')
    .replace(/\bthe seeds\b/g, 'the plan documents')
    .replace(/\bThe seed\b/g, 'The plan document')
    .replace(/\bthe seed\b/g, 'the plan document');
}

export type Shape = 'area' | 'line' | 'point';

/**
 * How the shape on the map was made, in one sentence a resident understands. `coordinateSource`
 * names where sourced coordinates came from (located elements).
 */
export function howDrawn(accuracy: Accuracy, shape: Shape | undefined, coordinateSource: string | undefined, lang: Lang): string {
  if (accuracy === 'boundary') return t('place.card.drawnBoundary', lang);
  if (accuracy === 'located') {
    return coordinateSource ? t('place.card.drawnLocatedFrom', lang, { source: coordinateSource }) : t('place.card.drawnLocated', lang);
  }
  if (shape === 'area') return t('place.card.drawnSchematicArea', lang);
  if (shape === 'line') return t('place.card.drawnSchematicLine', lang);
  if (shape === 'point') return t('place.card.drawnSchematicPoint', lang);
  return t('place.card.drawnSchematic', lang);
}

/** Words that must never reach a resident's card: internal file names, row ids, seed numbers. */
export const JARGON: readonly RegExp[] = [
  /gazetteer/i,
  /地名表/,
  /\.(?:csv|geojson|json|txt)\b/i,
  /\bseed\b/i,
  /种子/,
  /§/,
  new RegExp(String.raw`\b${ROW}\b`),
  /\b00[0-4] /,
  /OMap-GeoDB|route relation|station node|label point/i,
];
