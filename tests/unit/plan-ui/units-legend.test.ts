// unitsIndex (filter by responsible unit) and legendEntries (what the legend explains), against
// hand-worked fixtures, the real task list, and the styles planLayers.ts actually draws.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINE_DASH, SCHEMATIC_OUTLINE_DASH, legendEntries, unitsIndex, type LegendFeature } from '../../../src/lib/plan/describe.ts';
import type { PlanTask, TasksFile } from '../../../src/lib/plan/content.ts';
import { planLayers } from '../../../src/map/planLayers.ts';
import { planIds, readJson, ROOT } from '../content/helpers.ts';

const fx = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/plan-ui/elements.json'), 'utf8')) as { tasks: PlanTask[] };

describe('unitsIndex (fixture tasks 14, 15, 16, 34, 40)', () => {
  const idx = unitsIndex(fx.tasks);

  it('lists each unit once, merging 商务局 and 区卫健局 into their full names', () => {
    expect([...idx.keys()].sort()).toEqual(['区交通运输局', '区卫生健康局', '区发展改革局', '区商务局', '区自然资源规划局'].sort());
    expect(idx.get('区商务局')!.printed).toEqual(['商务局']);
    expect(idx.get('区卫生健康局')!.printed).toEqual(['区卫健局']);
  });

  it('collects lead and co tasks and their elements; co leaves out what it leads', () => {
    expect(idx.get('区发展改革局')).toMatchObject({ leadTasks: [14, 16], coTasks: [], lead: ['rail-fixture-hsr', 'station-fixture-a'], co: [] });
    expect(idx.get('区交通运输局')).toMatchObject({ leadTasks: [15, 16], coTasks: [34], lead: ['rail-fixture-hsr'], co: ['station-fixture-a'] });
    expect(idx.get('区商务局')).toMatchObject({ leadTasks: [34, 40], lead: ['station-fixture-a', 'rail-fixture-hsr', 'cluster-fixture-city'] });
    expect(idx.get('区卫生健康局')).toMatchObject({ leadTasks: [], coTasks: [34, 40], co: ['station-fixture-a', 'rail-fixture-hsr', 'cluster-fixture-city'] });
    expect(idx.get('区自然资源规划局')).toMatchObject({ coTasks: [16], co: ['rail-fixture-hsr'] });
  });

  it('is empty for no tasks', () => {
    expect(unitsIndex([]).size).toBe(0);
  });
});

describe('unitsIndex (seed 003)', () => {
  const tasks = readJson<TasksFile>('data/content/tasks-003.json').tasks;
  const idx = unitsIndex(tasks);
  const ids = planIds();

  it('区交通运输局 leads task 15 and the roads it names', () => {
    // seed 003 task 15: "责任单位:区交通运输局"; the task names G76/G85 扩容 and 成资大道
    const e = idx.get('区交通运输局')!;
    expect(e.leadTasks).toContain(15);
    expect(e.lead).toEqual(expect.arrayContaining(['road-g76-g85-expansion', 'road-chengzi-avenue']));
  });

  it('merges task 34’s 商务局 into 区商务局', () => {
    expect(idx.has('商务局')).toBe(false);
    expect(idx.get('区商务局')!.leadTasks).toContain(34);
  });

  it('every task is counted once per unit it names, and every element id exists', () => {
    const mentions = tasks.reduce((n, t) => n + new Set(t.units.lead).size + new Set(t.units.co).size, 0);
    let counted = 0;
    for (const e of idx.values()) {
      counted += e.leadTasks.length + e.coTasks.length;
      for (const id of [...e.lead, ...e.co]) expect(ids.has(id)).toBe(true);
      expect(e.co.filter((id) => e.lead.includes(id))).toEqual([]);
    }
    // merged spellings never both appear on one task line, so nothing is lost or doubled
    expect(counted).toBe(mentions);
  });
});

describe('legendEntries', () => {
  const f = (kind: string, geometry: string, status: string, accuracy: string, mode = '', phase?: LegendFeature['phase']): LegendFeature =>
    ({ kind, mode, status, accuracy, geometry, phase });

  it('lists only what is present, in model order', () => {
    const e = legendEntries([
      f('hub', 'Point', 'existing', 'located'),
      f('corridor', 'LineString', 'underConstruction', 'schematic', 'highSpeedRail'),
      f('corridor', 'LineString', 'study', 'schematic', 'rail'),
      f('corridor', 'LineString', 'planned', 'schematic', 'highSpeedRail'),
      f('urbanCluster', 'MultiPolygon', 'existing', 'boundary'),
      f('corridor', 'Polygon', 'planned', 'schematic', 'axis'),
    ]);
    expect(e.empty).toBe(false);
    // corridor lines take their mode's colour; the corridor *area* (axis buffer) takes the kind colour
    expect(e.kinds).toEqual([
      { kind: 'urbanCluster', shapes: ['area'] },
      { kind: 'corridor', shapes: ['area'] },
      { kind: 'hub', shapes: ['point'] },
    ]);
    expect(e.modes).toEqual([
      { mode: 'highSpeedRail' },
      { mode: 'rail' },
    ]);
    expect(e.lines).toEqual([
      { style: 'underConstruction', dash: [4, 1.5], statuses: ['underConstruction'] },
      { style: 'future', dash: [1.5, 1.5], statuses: ['planned', 'study'] },
    ]);
    expect(e.schematic).toEqual({ area: true, line: true, point: false });
    expect(e.firm).toEqual({ area: true, point: true });
  });

  it('uses the year-slider phase instead of the status, and drops hidden features', () => {
    const e = legendEntries([
      f('corridor', 'LineString', 'underConstruction', 'schematic', 'highSpeedRail', 'existing'),
      f('eco', 'Point', 'existing', 'schematic', '', 'hidden'),
    ]);
    expect(e.lines.map((l) => l.style)).toEqual(['existing']);
    expect(e.kinds).toEqual([]);
    expect(e.schematic.point).toBe(false);
  });

  it('is empty when nothing is drawn', () => {
    expect(legendEntries([]).empty).toBe(true);
    expect(legendEntries([f('hub', 'GeometryCollection', 'existing', 'located')]).empty).toBe(true);
  });

  it('draws the same dashes as planLayers.ts', () => {
    const layers = planLayers('en');
    const dash = (id: string) => (layers.find((l) => l.id === id) as { paint: Record<string, unknown> }).paint['line-dasharray'];
    expect(dash('plan-line-existing')).toBeUndefined();
    expect(LINE_DASH.existing).toBeNull();
    expect(dash('plan-line-building')).toEqual(LINE_DASH.underConstruction);
    expect(dash('plan-line-future')).toEqual(LINE_DASH.future);
    expect(dash('plan-area-outline-schematic')).toEqual(SCHEMATIC_OUTLINE_DASH);
    const point = layers.find((l) => l.id === 'plan-point') as { paint: Record<string, unknown> };
    expect(JSON.stringify(point.paint['circle-color'])).toContain('#ffffff'); // hollow schematic point
  });

  it('covers every element the bundles ship', () => {
    const elements = ['chengdu-metro', 'neijiang-zigong', 'dazhou'].flatMap(
      (r) => readJson<{ elements: { kind: string; mode?: string; status: string; accuracy: string; geometry: { type?: string; derive?: string } }[] }>(`data/plan/${r}.json`).elements,
    );
    // geometry types as derived: counties/buffers/unions → areas, line/river → lines, point → points
    const typeOf = (g: { type?: string; derive?: string }): string =>
      g.type ?? ({ counties: 'MultiPolygon', borderBuffer: 'Polygon', buffer: 'Polygon', union: 'MultiPolygon', line: 'LineString', river: 'MultiLineString', point: 'Point' } as Record<string, string>)[g.derive ?? ''] ?? 'Polygon';
    const e = legendEntries(elements.map((x) => ({ ...x, geometry: typeOf(x.geometry) })));
    const corridorLineModes = new Set(elements.filter((x) => x.kind === 'corridor' && /line|river/.test(x.geometry.derive ?? '')).map((x) => x.mode));
    expect(e.modes.map((m) => m.mode).sort()).toEqual([...corridorLineModes].sort());
    expect(e.lines.map((l) => l.style)).toEqual(['existing', 'underConstruction', 'future']);
    expect(e.schematic).toEqual({ area: true, line: true, point: true });
  });
});
