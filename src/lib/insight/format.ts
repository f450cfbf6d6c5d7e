// Figures as the indicators panel prints them: the number and the unit apart (a big number, a small
// unit), Chinese magnitude units spelled out in English, the source's digits kept exactly.
import type { Lang } from '../i18n/catalog.ts';
import type { Indicator } from '../plan/content.ts';
import { intlLocale } from '../i18n/catalog.ts';

interface UnitRule {
  /** English unit after scaling by `factor` ('' = the label names the thing counted) */
  en: string;
  factor?: number;
  /** large values read as "2.78 trillion" rather than "2,780,000,000,000" */
  words?: boolean;
  /** no space between number and unit ('%') */
  tight?: boolean;
  /** no thousands separator (a year) */
  plain?: boolean;
}

const UNITS: Readonly<Record<string, UnitRule>> = {
  '万亿元': { en: 'yuan', factor: 1e12, words: true },
  '亿元': { en: 'yuan', factor: 1e8, words: true },
  '万人次/日': { en: 'trips a day', factor: 1e4, words: true },
  '万人次': { en: 'person-times', factor: 1e4, words: true },
  '万个': { en: '', factor: 1e4, words: true },
  '万亩': { en: 'mu', factor: 1e4, words: true },
  '万次': { en: 'times', factor: 1e4, words: true },
  '万件': { en: '', factor: 1e4, words: true },
  // 8.5折: pay 85% of the fare
  '折': { en: '% of the fare', factor: 10, tight: true },
  '周岁': { en: 'years of age' },
  '年': { en: '', plain: true },
  '%': { en: '%', tight: true },
  '百分点': { en: 'percentage points' },
  '对/日': { en: 'pairs a day' },
  '对': { en: 'pairs' },
  '分钟': { en: 'min' },
  '小时': { en: 'h' },
  km: { en: 'km' },
  '人次': { en: 'person-times' },
  '名': { en: '' },
  // classifiers: the label already names what is counted
  '项': { en: '' }, '条': { en: '' }, '家': { en: '' }, '个': { en: '' }, '所': { en: '' },
  '场': { en: '' }, '台': { en: '' }, '座': { en: '' }, '件': { en: '' },
};

/** Units the panel knows how to print; a test checks every indicator's unit is one of them. */
export const KNOWN_UNITS: readonly string[] = Object.keys(UNITS);

const decimalsOf = (v: number): number => {
  const s = String(v);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
};

/** value × 10^shift with exactly the digits the source gave (no float noise). */
function scaled(value: number, shift: number): { n: number; decimals: number } {
  const decimals = Math.max(0, decimalsOf(value) - shift);
  return { n: Number((value * 10 ** shift).toFixed(decimals)), decimals };
}

// Chinese prints figures ungrouped, as the seeds do ("1551家"); English groups thousands.
function num(n: number, decimals: number, lang: Lang, plain = false): string {
  return n.toLocaleString(intlLocale(lang), { minimumFractionDigits: 0, maximumFractionDigits: decimals, useGrouping: lang !== 'zh' && !plain });
}

export interface Figure {
  /** the digits: "2.78" */
  number: string;
  /** "万亿元" / "trillion yuan"; may be '' in English */
  unit: string;
  /** "超" / "over"; '' when none */
  prefix: string;
  /** "以上" (zh, atLeast); '' otherwise */
  suffix: string;
  /** no space between number and unit */
  tight: boolean;
  /** the whole phrase, for screen readers and tables: "超 2300 亿元", "over 230 billion yuan" */
  text: string;
}

const QUALIFIER: Record<NonNullable<Indicator['qualifier']>, { zh: [string, string]; en: string }> = {
  over: { zh: ['超', ''], en: 'over' },
  nearly: { zh: ['近', ''], en: 'nearly' },
  about: { zh: ['约', ''], en: 'about' },
  atLeast: { zh: ['', '以上'], en: 'at least' },
  // 余 sits inside the figure ("5600余名", "12万余次"): Chinese shows the seed's printed form (see indicatorFigure)
  odd: { zh: ['', ''], en: 'more than' },
};

/** Split a figure into number and unit in `lang`. Unknown units are printed as given. */
export function formatFigure(value: number, unit: string, lang: Lang, qualifier?: Indicator['qualifier']): Figure {
  const rule = UNITS[unit];
  let number: string;
  let u: string;
  if (lang === 'zh' || !rule) {
    number = num(value, decimalsOf(value), lang, rule?.plain);
    u = unit;
  } else {
    const shift = Math.round(Math.log10(rule.factor ?? 1));
    let out: { n: number; decimals: number; word: string } | null = null;
    if (rule.words) {
      for (const [exp, word] of [[12, 'trillion'], [9, 'billion'], [6, 'million']] as const) {
        const s = scaled(value, shift - exp);
        if (s.n >= 1) { out = { ...s, word }; break; }
      }
    }
    const s = out ?? { ...scaled(value, shift), word: '' };
    number = num(s.n, s.decimals, lang, rule.plain);
    u = [s.word, rule.en].filter(Boolean).join(' ');
  }
  const tight = rule?.tight === true || (lang === 'zh' && unit !== 'km');
  if (lang === 'zh' && qualifier === 'odd') {
    // 余 goes after the number and any 万/亿: 5600余名, 12万余次
    u = u.replace(/^(万亿|万|亿)?/, '$1余');
    qualifier = undefined;
  }
  const q = qualifier ? QUALIFIER[qualifier] : undefined;
  const core = `${number}${u ? (tight ? u : ` ${u}`) : ''}`;
  // Chinese wraps the number (超…, …以上); English puts one word before it.
  let [prefix, suffix] = q ? q.zh : ['', ''];
  let text = `${prefix}${core}${suffix}`;
  if (lang === 'en') {
    [prefix, suffix] = [q?.en ?? '', ''];
    text = [prefix, core].filter(Boolean).join(' ');
  }
  return { number, unit: u, prefix, suffix, tight, text };
}

/**
 * An indicator's figure. In Chinese a figure the seed prints in its own form ("12万余次", "半小时", "两个") is shown
 * exactly so: the leading numeral as the number, the rest as the unit.
 */
export function indicatorFigure(ind: Indicator, lang: Lang): Figure {
  if (lang === 'zh' && ind.printed) {
    const number = /^(?:\d+(?:\.\d+)?|半|[零一二两三四五六七八九十百千]+)/.exec(ind.printed)?.[0] ?? '';
    const unit = ind.printed.slice(number.length);
    return { number, unit, prefix: '', suffix: '', tight: true, text: ind.printed };
  }
  return formatFigure(ind.value, ind.unit, lang, ind.qualifier);
}

/** Percentages that are a share of a whole (drawn as a bar out of 100), not a year-on-year change. */
export function isShare(ind: Pick<Indicator, 'unit' | 'label'>): boolean {
  return ind.unit === '%' && !ind.label.zh.includes('同比');
}

/** "001 §延伸阅读 成都都市圈建设进展成效" — the seed and the section the quote comes from. */
export function citation(ind: Pick<Indicator, 'seed' | 'section'>): string {
  return `${ind.seed} §${ind.section}`;
}
