// The info card's view model and the metric formatting, against hand-written expectations for the
// fixture elements (tests/fixtures/plan-ui/elements.json) and a few facts of the shipped data.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeElement, formatQuantity, taskExcerpt, taskNumberOf, type DescribeContext } from '../../../src/lib/plan/describe.ts';
import { seedSection } from '../../../src/lib/plan/plain.ts';
import type { PlanProperties } from '../../../src/lib/plan/model.ts';
import type { PlanTask, TasksFile } from '../../../src/lib/plan/content.ts';
import { planIds, readJson, ROOT } from '../content/helpers.ts';

interface Fixture { elements: PlanProperties[]; tasks: PlanTask[]; sections: TasksFile['sections'] }
const fx = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/plan-ui/elements.json'), 'utf8')) as Fixture;
const byId = new Map(fx.elements.map((e) => [e.id, e]));
const el = (id: string) => byId.get(id)!;
const ctx = (lang: 'zh' | 'en', extra: Partial<DescribeContext> = {}): DescribeContext => ({
  tasks: fx.tasks, elementsById: byId, lang, sections: fx.sections, ...extra,
});

describe('formatQuantity', () => {
  // English values worked out by hand from the Chinese magnitude units (万 = 10⁴, 亿 = 10⁸, 万亿 = 10¹²).
  it.each([
    [156, 'km', '156 km', '156 km'],
    [486.4, 'km', '486.4 km', '486.4 km'],
    [2966, '万人', '2966 万人', '29.66 million people'],
    [160, '万人', '160 万人', '1.6 million people'],
    [814.8, '万人', '814.8 万人', '8.148 million people'],
    [5, '万人', '5 万人', '50,000 people'],
    [3200, '亿元', '3200 亿元', '320 billion yuan'],
    [4283.2, '亿元', '4283.2 亿元', '428.32 billion yuan'],
    [2.78, '万亿元', '2.78 万亿元', '2.78 trillion yuan'],
    [3.31, '万km²', '3.31 万km²', '33,100 km²'],
    [2.41, '万km²', '2.41 万km²', '24,100 km²'],
    [2.27, '亿m³', '2.27 亿m³', '227 million m³'],
    [1.66, '亿m³', '1.66 亿m³', '166 million m³'],
    [104.58, 'ha', '104.58 公顷', '104.58 ha'],
    [2600, 'm', '2600 m', '2,600 m'],
    [13, 'stations', '13 座', '13 stations'],
    [7, '个', '7 个', '7'],
    [70.845, 'km', '70.845 km', '70.845 km'],
    [12, 'pairs/day', '12 pairs/day', '12 pairs/day'],
  ])('%s %s → %s / %s', (value, unit, zh, en) => {
    expect(formatQuantity(value, unit, 'zh')).toBe(zh);
    expect(formatQuantity(value, unit, 'en')).toBe(en);
  });
});

describe('seed citations', () => {
  it('reads the task number in either spelling', () => {
    expect(taskNumberOf('§二(五) 任务14')).toBe(14);
    expect(taskNumberOf('§二(五) task 14')).toBe(14);
    expect(taskNumberOf('延伸阅读·产业协作更加紧密')).toBeUndefined();
  });
  it('names the part and task in words, without § or the seed prefix', () => {
    expect(seedSection('003', '§二(五) 任务14', 'en')).toBe('part 二(五), task 14');
    expect(seedSection('003', '§二(五) task 14', 'zh')).toBe('二(五)节 · 任务 14');
    expect(seedSection('004', '004 §四(二) 推进基础设施同城共网', 'en')).toBe('part 四(二) 推进基础设施同城共网');
    expect(seedSection('001', '延伸阅读·城际交通更加便捷', 'zh')).toBe('延伸阅读·城际交通更加便捷');
  });
});

describe('taskExcerpt', () => {
  it('picks the sentence that names the element', () => {
    expect(taskExcerpt('甲乙丙。推进成达万高速铁路建设。丁戊。', ['成达万高速铁路'])).toBe('推进成达万高速铁路建设。');
  });
  it('falls back to the first sentence', () => {
    expect(taskExcerpt('甲乙丙。丁戊。', ['不存在'])).toBe('甲乙丙。');
  });
  it('cuts a long sentence around the name, marking both cuts', () => {
    const s = `${'前'.repeat(100)}成都站${'后'.repeat(100)}。`;
    const out = taskExcerpt(s, ['成都站']);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('成都站');
    expect(out.length).toBe(90 + 2);
  });
});

describe('describeElement (fixture, English)', () => {
  const m = describeElement(el('rail-fixture-hsr'), ctx('en'));

  it('names, labels and years', () => {
    expect(m.title).toBe('Chengdu–Dazhou–Wanzhou HSR');
    expect(m.subtitle).toBe('成达万高速铁路');
    expect(m.kind).toEqual({ key: 'corridor', label: 'Corridor' });
    expect(m.mode).toEqual({ key: 'highSpeedRail', label: 'High-speed / intercity rail' });
    expect(m.status).toEqual({ key: 'underConstruction', label: 'Under construction' });
    expect(m.years).toBe('started 2020 · target 2027');
    expect(m.phase).toBeUndefined();
  });

  it('metrics with unit, year and their source', () => {
    expect(m.metrics).toEqual([
      { key: 'length', label: 'Length', value: '486.4 km', year: 2020, source: 2, sourceLabel: 'source 2 · Facts this project compiled from public web pages' },
      { key: 'stations', label: 'Stations', value: '13 stations', year: undefined, source: 2, sourceLabel: 'source 2 · Facts this project compiled from public web pages' },
    ]);
  });

  it('accuracy with its explanation; schematic flagged', () => {
    expect(m.accuracy.key).toBe('schematic');
    expect(m.accuracy.schematic).toBe(true);
    expect(m.accuracy.label).toBe('Approximate');
    // no geometry in the fixture: the general sentence; with a line, the route sentence
    expect(m.accuracy.explanation).toBe('Drawn from the plan’s wording, not an exact position.');
    expect(describeElement(el('rail-fixture-hsr'), ctx('zh', { shape: 'line' })).accuracy.explanation).toBe('线只连接资料提到的地点，不是实际线路。');
    expect(describeElement({ properties: el('rail-fixture-hsr'), geometry: { type: 'Polygon' } } as never, ctx('zh')).accuracy.explanation).toMatch(/^规划只写了名称和大致位置/);
  });

  it('sources: seed citation with task and quote, gazetteer row with confidence', () => {
    expect(m.sources).toEqual([
      {
        type: 'seed', n: 1, citation: 'Yanjiang District (Ziyang) task assignments for the Chengdu Metropolitan Area Development Plan (9 April 2022) part 二(五), task 14', document: 'Yanjiang District (Ziyang) task assignments for the Chengdu Metropolitan Area Development Plan (9 April 2022)',
        original: '《资阳市雁江区贯彻落实〈成都都市圈发展规划〉重点任务责任分工方案》（雁江区，2022年4月9日）', section: 'part 二(五), task 14', quote: '推进成达万高速铁路', seed: '003', task: 14,
      },
      { type: 'gazetteer', n: 2, citation: 'Facts this project compiled from public web pages', confidence: 'confidence: high', coordinates: false },
    ]);
  });

  it('tasks that link or are cited, in number order, with units and excerpt', () => {
    expect(m.tasks.map((t) => [t.number, t.via])).toEqual([[14, ['link', 'source']], [16, ['link']], [34, ['link']]]);
    const t14 = m.tasks[0];
    expect(t14.excerpt).toBe('推进成达万高速铁路、成渝中线高速铁路等干线铁路项目建设。');
    expect(t14.lead).toEqual(['区发展改革局']);
    expect(t14.section).toBe('(五)构建都市圈立体交通体系');
    expect(m.tasks[1].co).toEqual(['区自然资源规划局']);
    expect(m.tasks[2].excerpt).toBe('承接成都国际航空枢纽、国际铁路枢纽功能。');
    expect(m.tasks[2].andOthers).toBe(true);
  });

  it('related elements by name; an unknown id stays visible as the id', () => {
    expect(m.related).toEqual([
      { id: 'station-fixture-a', name: 'Chengdu Railway Station', known: true },
      { id: 'station-missing', name: 'station-missing', known: false },
    ]);
  });
});

describe('describeElement (fixture, other cases)', () => {
  it('Chinese card of a located station: coordinates source, note, phase in a chosen year', () => {
    const m = describeElement({ properties: el('station-fixture-a') }, ctx('zh', { year: 2020 }));
    expect(m.title).toBe('成都站');
    expect(m.years).toBe('建成 1952 · 开工 2022');
    expect(m.accuracy).toMatchObject({ key: 'located', label: '位置有出处', schematic: false, explanation: '坐标来自本项目从公开网页整理的资料。' });
    expect(m.sources[0]).toEqual({ type: 'gazetteer', n: 1, citation: '本项目从公开网页整理的资料', confidence: '可信度: 中', coordinates: true });
    expect(m.sources[1]).toMatchObject({ type: 'seed', document: '《资阳市雁江区贯彻落实〈成都都市圈发展规划〉重点任务责任分工方案》（雁江区，2022年4月9日）', section: '二(五)节 · 任务 14', original: undefined, task: 14 });
    expect(m.note).toBe('停办客运改造。');
    expect(m.subkind).toBe('车站');
    expect(m.phase).toEqual({ year: 2020, key: 'existing', label: '已建成' });
    expect(m.tasks.map((t) => t.number)).toEqual([14, 34]);
    expect(m.tasks[0].excerpt).toBe('共同构建以成都站为核心节点的轨道通勤网络。');
  });

  it('planned cluster: magnitudes in English, web source, seed prefix not doubled', () => {
    const m = describeElement(el('cluster-fixture-city'), ctx('en', { year: 2035 }));
    expect(m.metrics.map((x) => x.value)).toEqual([
      '1.6 million people', '320 billion yuan', '2.78 trillion yuan', '33,100 km²', '227 million m³', '50,000 people',
    ]);
    expect(m.metrics[0].sourceLabel).toMatch(/^source 1 · Reply to proposal No\. 193 .* 一、三是 中心城区规划$/);
    expect(m.metrics[4].sourceLabel).toBe('source 3 · 三岔湖景区介绍');
    expect(m.sources[2]).toEqual({ type: 'web', n: 3, citation: '三岔湖景区介绍', url: 'https://example.org/lake', coordinates: false });
    expect(m.years).toBe('target 2035');
    expect(m.phase?.key).toBe('planned');
    expect(m.mode).toBeUndefined();
    expect(m.subkind).toBeUndefined();
    expect(m.tasks.map((t) => [t.number, t.lead, t.co])).toEqual([[40, ['区商务局'], ['区卫生健康局']]]);
  });

  it('uses the alias table to centre the excerpt', () => {
    const tasks: PlanTask[] = [{ ...fx.tasks[2], links: ['station-fixture-a'], text: '第一句。优化成都北站开行方案。' }];
    const m = describeElement(el('station-fixture-a'), { tasks, elementsById: byId, lang: 'zh', aliases: { 成都北站: 'station-fixture-a' } });
    expect(m.tasks[0].excerpt).toBe('优化成都北站开行方案。');
  });
});

describe('subkind labels', () => {
  it('translates known keys and spells out unknown ones in English only', async () => {
    const { subkindLabel } = await import('../../../src/lib/i18n/labels.ts');
    expect(subkindLabel('reservoir', 'zh')).toBe('水库');
    expect(subkindLabel('emergencyCenter', 'zh')).toBe('应急救援中心');
    expect(subkindLabel('ftzCoordinatedReformZone', 'en')).toBe('ftz coordinated reform zone');
    expect(subkindLabel('ftzCoordinatedReformZone', 'zh')).toBeUndefined();
  });
});

describe('describeElement on the shipped data', () => {
  const tasksFile = readJson<TasksFile>('data/content/tasks-003.json');
  const aliases = readJson<Record<string, string>>('data/content/task-links.json');
  const elements = ['chengdu-metro', 'neijiang-zigong', 'dazhou'].flatMap(
    (r) => readJson<{ elements: PlanProperties[] }>(`data/plan/${r}.json`).elements,
  );
  const all = new Map(elements.map((e) => [e.id, e]));
  const c: DescribeContext = { tasks: tasksFile.tasks, elementsById: all, lang: 'en', sections: tasksFile.sections, aliases };

  it('成达万高铁: seed 003 task 14 quoted, its lead unit, related stations named', () => {
    const m = describeElement(all.get('rail-chengdawan-hsr')!, c);
    expect(m.sources[0]).toMatchObject({ type: 'seed', section: 'part 二(五), task 14', task: 14 });
    const t14 = m.tasks.find((t) => t.number === 14)!;
    expect(t14.via).toEqual(['link', 'source']);
    expect(t14.lead).toEqual(['区发展改革局']); // seed: "责任单位:区发展改革局"
    expect(t14.excerpt).toContain('成达万高速铁路');
    expect(m.related.every((r) => r.known)).toBe(true);
    expect(m.related.find((r) => r.id === 'station-tianfu')?.name).toMatch(/Tianfu/);
  });

  it('every element gets a card whose related ids resolve and whose metric sources exist', () => {
    const ids = planIds();
    for (const e of elements) {
      const m = describeElement(e, c);
      expect(m.sources.length).toBeGreaterThan(0);
      for (const x of m.metrics) expect(x.source).toBeLessThanOrEqual(m.sources.length);
      for (const r of m.related) expect(ids.has(r.id) ? r.known : true).toBe(true);
      expect(m.accuracy.schematic).toBe(e.accuracy === 'schematic');
      for (const t of m.tasks) expect(t.excerpt.length).toBeLessThanOrEqual(92);
    }
  });
});
