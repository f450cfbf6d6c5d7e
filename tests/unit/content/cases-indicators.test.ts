import { describe, expect, it } from 'vitest';
import {
  printedValue,
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

describe('seed figures without plain digits (issue 14)', () => {
  const byId = new Map(indicators.indicators.map((x) => [x.id, x]));
  it('are all there, each with its printed form or its listed items', () => {
    expect(byId.get('dz-proxy-agents')).toMatchObject({ value: 5600, unit: '名', qualifier: 'odd', printed: '5600余名' });
    expect(byId.get('dz-proxy-services-2025')).toMatchObject({ value: 12, unit: '万次', printed: '12万余次' });
    expect(byId.get('dz-community-pilot-cases')).toMatchObject({ value: 1.2, unit: '万件', printed: '1.2万余件' });
    expect(byId.get('dz-hitech-research-institutions')).toMatchObject({ value: 3, items: ['国家重点实验室分中心', '省级重点实验室', '新型研发机构'] });
    expect(byId.get('dz-hitech-incubation-platforms')?.value).toBe(4);
    expect(byId.get('dz-bus-fare-ordinary-card')).toMatchObject({ value: 8.5, unit: '折' });
    expect(byId.get('dz-bus-fare-student-card')).toMatchObject({ value: 7, unit: '折' });
    expect(byId.get('dz-bus-free-ride-age')).toMatchObject({ value: 60, unit: '周岁', qualifier: 'atLeast' });
    expect(byId.get('cdma-innovation-voucher-domains')).toMatchObject({ value: 2, printed: '两个' });
    expect(byId.get('neizi-100bn-clusters')).toMatchObject({ value: 3, role: 'target', items: ['装备制造', '新材料', '清洁能源'] });
    expect(byId.get('neizi-10bn-clusters')).toMatchObject({ value: 4, role: 'target' });
    expect(byId.get('neizi-full-integration-2035')).toMatchObject({ value: 2035, year: 2035, role: 'target' });
    expect(byId.get('neizi-core-commute')).toMatchObject({ value: 0.5, unit: '小时', printed: '半小时' });
    // every 余 figure is `odd` and printed as the seed prints it
    for (const x of indicators.indicators.filter((i) => /\d余/.test(i.quote) && i.qualifier)) expect(x.printed, x.id).toMatch(/余/);
  });
  it.each([
    ['5600余名', 5600], ['12万余次', 12], ['1.2万余件', 1.2], ['17余万亩', 17], ['两个', 2], ['千亿级', 1000],
    ['百亿级', 100], ['半小时', 0.5], ['三十', 30], ['十五', 15], ['万人', NaN],
  ])('printedValue(%s) = %d', (p, v) => expect(printedValue(p)).toBe(v));
  it('rejects a printed form not in the quote or not showing the value, and a wrong item count', () => {
    const bad = structuredClone(indicators);
    const at = (id: string) => bad.indicators.find((x) => x.id === id)!;
    at('dz-proxy-agents').printed = '5700余名';
    at('neizi-core-commute').value = 0.4;
    at('neizi-100bn-clusters').value = 4;
    at('dz-hitech-research-institutions').items = ['国家重点实验室分中心', '省级重点实验室', '国家级孵化器'];
    const issues = validateIndicators(bad).map((i) => `${i.at} ${i.problem}`);
    expect(issues.some((i) => i.startsWith('indicators[') && i.includes('(dz-proxy-agents).printed') && i.includes('not in the quote'))).toBe(true);
    expect(issues.some((i) => i.includes('(neizi-core-commute).printed') && i.includes('does not print the value 0.4'))).toBe(true);
    expect(issues.some((i) => i.includes('(neizi-100bn-clusters).items') && i.includes('3 items listed, value is 4'))).toBe(true);
    expect(issues.some((i) => i.includes('(dz-hitech-research-institutions).items') && i.includes('"国家级孵化器" is not in the quote'))).toBe(true);
    expect(issues).toHaveLength(5); // 5700余名 is both absent from the quote and not 5600
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
