import { describe, expect, it } from 'vitest';
import { readJson, seedText } from '../content/helpers.ts';
import type { CasesFile, IndicatorsFile } from '../../../src/lib/plan/content.ts';
import { CHART_SETS, SEED_DOCS, casesModel, groupIndicators } from '../../../src/lib/insight/indicators.ts';
import { KNOWN_UNITS, indicatorFigure, isShare } from '../../../src/lib/insight/format.ts';

const cases = readJson<CasesFile>('data/content/cases-001.json');
const { indicators } = readJson<IndicatorsFile>('data/content/indicators.json');
const squash = (s: string) => s.replace(/\s+/g, '');

describe('cases by domain (seed 001)', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`adds up to the stated 100 over nine groups, 94 in the eight named domains (${lang})`, () => {
      const m = casesModel(cases, lang);
      expect(m.bars).toHaveLength(9);
      expect(m.groups).toBe(9);
      expect(m.statedDomainCount).toBe(8);
      expect(m.bars.reduce((s, b) => s + b.value, 0)).toBe(100);
      expect(m.sum).toBe(m.statedTotal);
      expect(m.sum).toBe(cases.sum);
      expect(m.sumNamed).toBe(94);
      expect(m.sumNamed).toBe(cases.sumNamedDomains);
      // exactly one group is drawn apart: the one the seed does not count among its 8 domains
      expect(m.bars.filter((b) => b.apart).map((b) => b.id)).toEqual(['working-mechanism']);
    });
  }

  it('takes each count from the seed: the count is printed in its quote, the quote in the seed', () => {
    const seed = squash(seedText('001'));
    for (const d of cases.domains) {
      expect(d.quote, d.id).toContain(`${d.count}个`);
      expect(seed, d.id).toContain(squash(d.quote));
    }
    // the printed total: 14 + 7 + 5 + 11 + 4 + 24 + 8 + 21 + 6 (read off the seed by hand)
    expect(cases.domains.map((d) => d.count)).toEqual([14, 7, 5, 11, 4, 24, 8, 21, 6]);
  });

  it('cites the section the "8 domains" sentence is in', () => {
    const text = seedText('001');
    const m = casesModel(cases, 'zh');
    const at = text.indexOf(m.quote);
    expect(at).toBeGreaterThan(text.indexOf('《案例汇编》主要内容'));
    expect(at).toBeLessThan(text.indexOf('延伸阅读'));
    expect(m.citation).toBe('001 §《案例汇编》主要内容');
  });
});

describe('figures by document', () => {
  it('shows every indicator exactly once, each with a year, a unit the panel knows and a citation', () => {
    for (const lang of ['zh', 'en'] as const) {
      const cards = groupIndicators(indicators, lang).flatMap((g) => g.cards);
      expect(cards.map((c) => c.id).sort()).toEqual(indicators.map((i) => i.id).sort());
      for (const c of cards) {
        const ind = indicators.find((i) => i.id === c.id)!;
        expect(Number.isInteger(c.year) && c.year >= 2020 && c.year <= 2035, c.id).toBe(true);
        expect(c.citation, c.id).toBe(`${ind.seed} §${ind.section}`);
        expect(c.quote).toBe(ind.quote);
        expect(c.figure.number, c.id).not.toBe('');
        expect(KNOWN_UNITS, `${c.id} unit ${ind.unit}`).toContain(ind.unit);
        // a figure the seed prints in its own form ("12万余次", "半小时") is shown exactly so in Chinese
        if (lang === 'zh') expect(c.figure.number + c.figure.unit).toBe(ind.printed ?? `${c.figure.number}${ind.unit}`);
        expect(c.label).toBe(ind.label[lang]);
      }
    }
  });

  it('groups by source document in panel order, flagging figures from another region', () => {
    const groups = groupIndicators(indicators, 'zh');
    expect(groups.map((g) => g.seed)).toEqual(['001', '002', '004', '000']);
    const counts = Object.fromEntries(groups.map((g) => [g.seed, g.cards.length]));
    for (const seed of ['000', '001', '002', '004']) expect(counts[seed]).toBe(indicators.filter((i) => i.seed === seed).length);
    const flagged = groups.flatMap((g) => g.cards.filter((c) => c.region).map((c) => `${c.id}:${c.region}`));
    expect(flagged).toEqual(['dz-wandakai-services:wandakai']);
  });

  it('names each document as the seed prints it', () => {
    for (const doc of SEED_DOCS) {
      const text = squash(seedText(doc.seed));
      expect(text, doc.seed).toContain(squash(doc.title.zh));
      const [y, m, d] = doc.date.split('-').map(Number);
      const forms = [doc.date, `${y}-${m}-${d}`, `${y}年${m}月${d}日`];
      expect(forms.some((f) => text.includes(f)), `${doc.seed} date ${doc.date}`).toBe(true);
    }
  });

  it('draws shares of a whole as share bars, and no year-on-year change', () => {
    const shares = indicators.filter(isShare).map((i) => i.id).sort();
    expect(shares).toEqual(['cdma-gdp-share-2023', 'cdma-river-chief-solve-rate', 'neizi-eco-flow-target']);
    const card = groupIndicators(indicators, 'en').flatMap((g) => g.cards).find((c) => c.id === 'cdma-gdp-share-2023')!;
    expect(card.share).toBeCloseTo(0.463, 10);
  });

  it('charts only figures that compare like with like', () => {
    for (const set of CHART_SETS) {
      const items = set.ids.map((id) => indicators.find((i) => i.id === id));
      expect(items.every(Boolean), set.id).toBe(true);
      const units = new Set(items.map((i) => i!.unit));
      const years = new Set(items.map((i) => i!.year));
      const seeds = new Set(items.map((i) => i!.seed));
      expect([units.size, years.size, seeds.size], set.id).toEqual([1, 1, 1]);
      expect([...seeds][0]).toBe(set.seed);
    }
    const dz = groupIndicators(indicators, 'zh').find((g) => g.seed === '000')!;
    const services = dz.charts.find((c) => c.id === 'dz-service-lists')!;
    expect(services.bars.map((b) => b.value)).toEqual([350, 165, 136, 37]);
  });

  it('prints the qualifier the seed prints with the figure', () => {
    for (const ind of indicators.filter((i) => i.qualifier)) {
      const zh = indicatorFigure(ind, 'zh');
      const word = { over: '超', nearly: '近', about: '约', atLeast: '以上', odd: '余' }[ind.qualifier!];
      expect(zh.text, ind.id).toContain(word);
      // 超 and 突破 mean more than: `over`; 余 inside the figure ("5600余名", "17余万亩") is `odd`
      const printed = { over: ['超', '突破'], nearly: ['近'], about: ['约'], atLeast: ['以上'], odd: ['余'] }[ind.qualifier!];
      expect(printed.some((w) => ind.quote.includes(w)), `${ind.id}: ${ind.quote}`).toBe(true);
    }
  });
});
