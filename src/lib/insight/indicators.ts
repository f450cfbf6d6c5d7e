// View model of the indicators panel: figures grouped by source document, the comparison charts, and
// seed 001's cases by domain with its count discrepancy kept visible. Pure: no DOM.
import type { Lang } from '../i18n/catalog.ts';
import type { CasesFile, Indicator, SeedId } from '../plan/content.ts';
import { citation, indicatorFigure, isShare, type Figure } from './format.ts';
import { t } from '../i18n/catalog.ts';

type L = { zh: string; en: string };

/** The source documents the figures come from, in the order the panel shows them. */
export const SEED_DOCS: readonly { seed: SeedId; region: Indicator['region']; title: L; date: string }[] = [
  {
    seed: '001', region: 'chengdu-metro', date: '2024-01-31',
    title: { zh: '成都都市圈100项探索实践案例发布', en: 'Release of the Chengdu metropolitan area’s 100 practice cases' },
  },
  {
    seed: '002', region: 'chengdu-metro', date: '2022-01-17',
    title: { zh: '推进体制机制创新为全国都市圈制度建设提供先行示范', en: 'Institutional innovation as a pilot for metropolitan areas (Sichuan Daily)' },
  },
  {
    seed: '004', region: 'neijiang-zigong', date: '2021-11-03',
    title: { zh: '内江自贡同城化发展总体方案', en: 'Master plan for Neijiang–Zigong integration' },
  },
  {
    seed: '000', region: 'dazhou', date: '2025-08-26',
    title: { zh: '关于市五届人大七次会议第193号建议办理情况(B)的函', en: 'Reply to deputies’ proposal No. 193 (Dazhou planning bureau)' },
  },
];

/** Figures that compare like with like (same unit, year and source): drawn as a small bar chart. */
export const CHART_SETS: readonly { id: string; seed: SeedId; title: L; ids: readonly string[] }[] = [
  {
    id: 'dz-service-lists', seed: '000',
    title: { zh: '政务服务事项清单（项）', en: 'Government-service item lists (items)' },
    ids: ['dz-sichuan-chongqing-services', 'dz-cross-province-services', 'dz-city-wide-services', 'dz-wandakai-services'],
  },
  {
    id: 'dz-hitech-firms', seed: '000',
    title: { zh: '达州高新区企业（家）', en: 'Firms in Dazhou high-tech zone' },
    ids: ['dz-hitech-hte', 'dz-hitech-sme', 'dz-hitech-specialised'],
  },
];

export interface FigureCard {
  id: string;
  label: string;
  figure: Figure;
  year: number;
  role: Indicator['role'];
  /** 0..1 for shares of a whole (a bar out of 100%) */
  share?: number;
  citation: string;
  quote: string;
  note?: string;
  /** set when the figure's region differs from its document's (万达开 items in the Dazhou letter) */
  region?: Indicator['region'];
}

export interface BarDatum {
  id: string;
  label: string;
  value: number;
  text: string;
  /** drawn apart (hatched): e.g. the cases group outside the eight named domains */
  apart?: boolean;
}

export interface ChartModel {
  id: string;
  title: string;
  unit: string;
  year: number;
  bars: BarDatum[];
}

export interface SeedGroup {
  seed: SeedId;
  region: Indicator['region'];
  title: string;
  date: string;
  cards: FigureCard[];
  charts: ChartModel[];
}

export function figureCard(ind: Indicator, docRegion: Indicator['region'], lang: Lang): FigureCard {
  return {
    id: ind.id,
    label: ind.label[lang],
    figure: indicatorFigure(ind, lang),
    year: ind.year,
    role: ind.role,
    share: isShare(ind) ? ind.value / 100 : undefined,
    citation: citation(ind),
    quote: ind.quote,
    note: ind.note?.[lang],
    region: ind.region !== docRegion ? ind.region : undefined,
  };
}

/** Figures by source document, in file order within each; documents without figures are left out. */
export function groupIndicators(indicators: readonly Indicator[], lang: Lang): SeedGroup[] {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  return SEED_DOCS.map((doc) => {
    const charts = CHART_SETS.filter((c) => c.seed === doc.seed).flatMap((c): ChartModel[] => {
      const items = c.ids.map((id) => byId.get(id)).filter((i): i is Indicator => !!i);
      if (items.length < 2) return [];
      return [{
        id: c.id,
        title: c.title[lang],
        unit: items[0].unit,
        year: items[0].year,
        bars: items.map((i) => ({ id: i.id, label: i.label[lang], value: i.value, text: indicatorFigure(i, lang).text })),
      }];
    });
    return {
      seed: doc.seed,
      region: doc.region,
      title: doc.title[lang],
      date: doc.date,
      cards: indicators.filter((i) => i.seed === doc.seed).map((i) => figureCard(i, doc.region, lang)),
      charts,
    };
  }).filter((g) => g.cards.length > 0);
}

export interface CasesModel {
  bars: BarDatum[];
  sum: number;
  sumNamed: number;
  statedTotal: number;
  statedDomainCount: number;
  groups: number;
  note: string;
  quote: string;
  citation: string;
}

/** Seed 001's cases by domain; the ninth group (not a named domain) is drawn apart, sums recomputed. */
export function casesModel(file: CasesFile, lang: Lang): CasesModel {
  const bars = file.domains.map((d) => ({
    id: d.id,
    label: d.name[lang],
    value: d.count,
    text: t('insight.caseCount', lang, { n: d.count }),
    apart: !d.inNamedDomains,
  }));
  return {
    bars,
    sum: file.domains.reduce((s, d) => s + d.count, 0),
    sumNamed: file.domains.filter((d) => d.inNamedDomains).reduce((s, d) => s + d.count, 0),
    statedTotal: file.statedTotal,
    statedDomainCount: file.statedDomainCount,
    groups: file.domains.length,
    note: file.note[lang],
    quote: file.statedDomainsQuote,
    citation: `${file.seed} §《案例汇编》主要内容`,
  };
}
