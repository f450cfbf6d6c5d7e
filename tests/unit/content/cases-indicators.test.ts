import { describe, expect, it } from 'vitest';
import {
  quoteShowsValue,
  validateCases,
  validateIndicators,
  type CasesFile,
  type IndicatorsFile,
} from '../../../src/lib/plan/content.ts';
import { readJson, seedText } from './helpers.ts';

const cases = readJson<CasesFile>('data/content/cases-001.json');
const indicators = readJson<IndicatorsFile>('data/content/indicators.json');
const squash = (s: string) => s.replace(/\s+/g, '');

describe('seed 001 cases', () => {
  const seed = seedText('001');
  it('passes the validator', () => expect(validateCases(cases)).toEqual([]));
  it('has the nine printed groups with the seed counts 14, 7, 5, 11, 4, 24, 8, 21, 6', () => {
    expect(cases.domains.map((d) => d.count)).toEqual([14, 7, 5, 11, 4, 24, 8, 21, 6]);
  });
  it('adds up to the stated 100 over nine groups, 94 over the eight named domains', () => {
    const sum = cases.domains.reduce((s, d) => s + d.count, 0);
    expect(sum).toBe(100);
    expect(cases.statedTotal).toBe(100);
    expect(cases.domains.filter((d) => d.inNamedDomains).reduce((s, d) => s + d.count, 0)).toBe(94);
    expect(cases.note.en).toMatch(/9 groups/);
  });
  it('quotes each group and heading verbatim from the seed, in the seed\'s order', () => {
    let last = -1;
    for (const d of cases.domains) {
      expect(seed.includes(d.quote), d.id).toBe(true);
      const at = seed.indexOf(d.heading);
      expect(at, d.heading).toBeGreaterThan(last);
      last = at;
      expect(seed.indexOf(d.quote, at)).toBeGreaterThan(at);
    }
    expect(seed.includes(cases.statedDomainsQuote)).toBe(true);
    expect(cases.statedDomainsQuote).toContain(`${cases.statedDomainCount}个领域`);
  });
  it('rejects a wrong sum and a count its quote does not show', () => {
    const bad = structuredClone(cases);
    bad.domains[0].count = 15; // sum stays 100: now stale
    const at = validateCases(bad).map((i) => i.at);
    expect(at).toContain('sum');
    expect(at).toContain('domains[0].quote');
  });
});

describe('indicators', () => {
  it('passes the validator', () => expect(validateIndicators(indicators)).toEqual([]));
  it('covers seeds 000, 001 and 004 including the headline figures', () => {
    const byId = new Map(indicators.indicators.map((x) => [x.id, x]));
    expect(byId.get('cdma-gdp-2023')).toMatchObject({ value: 2.78, unit: '万亿元', year: 2023, seed: '001' });
    expect(byId.get('cdma-gdp-share-2023')).toMatchObject({ value: 46.3, unit: '%', year: 2023 });
    expect(byId.get('neizi-gdp-target-2025')).toMatchObject({ value: 4200, unit: '亿元', year: 2025, role: 'target', seed: '004' });
    expect(byId.get('neizi-half-hour-circles-2025')).toMatchObject({ value: 3, year: 2025, role: 'target' });
    expect(byId.get('neizi-core-distance')).toMatchObject({ value: 28, unit: 'km' });
    expect(new Set(indicators.indicators.map((x) => x.seed))).toEqual(new Set(['000', '001', '002', '004']));
  });
  it('gives every indicator a year, a unit and a citation whose quote is in the cited seed', () => {
    const texts = new Map<string, string>();
    for (const x of indicators.indicators) {
      expect(Number.isInteger(x.year), x.id).toBe(true);
      expect(x.unit.length, x.id).toBeGreaterThan(0);
      expect(x.section.length, x.id).toBeGreaterThan(0);
      if (!texts.has(x.seed)) texts.set(x.seed, squash(seedText(x.seed)));
      expect(texts.get(x.seed)!.includes(squash(x.quote)), `${x.id}: "${x.quote}" not in seed ${x.seed}`).toBe(true);
    }
  });
  it('rejects a value its quote does not show, a missing year and a bad role', () => {
    const bad = structuredClone(indicators);
    bad.indicators[0].value = 2.79;
    (bad.indicators[1] as { year?: number }).year = undefined;
    (bad.indicators[2] as { role: string }).role = 'guess';
    const at = validateIndicators(bad).map((i) => i.at);
    expect(at.some((a) => a.endsWith('.quote'))).toBe(true);
    expect(at.some((a) => a.endsWith('.year'))).toBe(true);
    expect(at.some((a) => a.endsWith('.role'))).toBe(true);
  });
});

describe('quoteShowsValue', () => {
  it.each([
    ['经济总量达到2.78万亿元', 2.78, true],
    ['突破4200亿元', 4200, true],
    ['突破4,200亿元', 4200, true],
    ['占全省比重46.3%', 46.3, true],
    ['占全省比重46.3%', 46, false],
    ['增至1551家', 155, false],
    ['新增学位12.46万个', 12.4, false],
  ])('%s shows %d: %s', (q, v, ok) => expect(quoteShowsValue(q, v)).toBe(ok));
});
