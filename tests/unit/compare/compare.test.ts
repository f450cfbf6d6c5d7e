import { describe, expect, it } from 'vitest';
import { clampPosition, formatCompare, parseCompare, stepPosition } from '../../../src/lib/compare/spec.ts';
import { diffSentences, diffYears, type CompareElement } from '../../../src/lib/compare/diff.ts';
import { tm } from '../../../src/lib/i18n/catalog.ts';

const el = (id: string, props: CompareElement['props'], geometry: CompareElement['geometry'] = null, accuracy = 'located'): CompareElement => ({
  id,
  name: id,
  kind: 'hub',
  accuracy,
  props,
  geometry,
});

// a 0.1° × 0.1° square at 30.5°N: 0.1° lat ≈ 11.09 km, 0.1° lon ≈ 9.60 km → ≈ 106.4 km²
const square = { type: 'Polygon' as const, coordinates: [[[104, 30.5], [104.1, 30.5], [104.1, 30.6], [104, 30.6], [104, 30.5]]] };

describe('compare spec in the URL', () => {
  it('round-trips each kind', () => {
    for (const s of ['year:2020,2035', 'basemap:osm,carto-light', 'layer:plan,layer-abc']) expect(formatCompare(parseCompare(s)!)).toBe(s);
  });
  it('refuses what it cannot show', () => {
    for (const s of ['year:2020,2020', 'year:1990,2035', 'year:2020.5,2030', 'year:2020', 'foo:a,b', 'basemap:a b,c', 'layer:x,y', 'year:2020,2035,2040', ''])
      expect(parseCompare(s), s).toBeUndefined();
  });
  it('divider stays on screen and moves by keys', () => {
    expect(clampPosition(-1)).toBe(0.02);
    expect(clampPosition(NaN)).toBe(0.5);
    expect(stepPosition(0.5, 'ArrowRight')).toBeCloseTo(0.52, 9);
    expect(stepPosition(0.5, 'PageDown')).toBeCloseTo(0.4, 9);
    expect(stepPosition(0.5, 'End')).toBe(0.98);
    expect(stepPosition(0.5, 'a')).toBeUndefined();
  });
});

describe('diffYears', () => {
  const elements = [
    el('opens-2025', { status: 'existing', started: 2019, opened: 2025 }),
    el('built-before', { status: 'existing', opened: 2010 }),
    el('starts-2028', { status: 'underConstruction', started: 2028 }),
    el('plan-launched-2030', { status: 'planned', started: 2030 }, square, 'schematic'),
    el('plan-undated', { status: 'planned', target: 2030 }),
  ];
  const d = diffYears(elements, 2020, 2035);
  it('sorts each element into added, changed or unchanged by the slider rules', () => {
    expect(d.added.map((r) => r.id)).toEqual(['plan-launched-2030', 'starts-2028']);
    expect(d.changed.map((r) => [r.id, r.from, r.to])).toEqual([['opens-2025', 'underConstruction', 'existing']]);
    expect(d.removed).toEqual([]);
  });
  it('counts each side', () => {
    expect(d.counts.a).toEqual({ existing: 1, underConstruction: 1, planned: 1, expected: 0 });
    expect(d.counts.b).toEqual({ existing: 2, underConstruction: 1, planned: 2, expected: 0 });
  });
  it('adds up new polygon area and says how much of it is schematic', () => {
    expect(d.addedKm2).toBeGreaterThan(105);
    expect(d.addedKm2).toBeLessThan(108);
    expect(d.addedSchematicKm2).toBe(d.addedKm2);
  });
  it('in words for the list view: new by 2035, changing phase; nothing removed says nothing', () => {
    const lines = diffSentences(d, '、').map((m) => tm(m, 'zh'));
    expect(lines).toEqual(['到 2035 年新增 2 项：plan-launched-2030、starts-2028。', '2020 年到 2035 年状态变化 1 项：opens-2025。']);
    expect(diffSentences(d, ', ').map((m) => tm(m, 'en'))[0]).toBe('New by 2035 (2): plan-launched-2030, starts-2028.');
    expect(diffSentences(diffYears([], 2020, 2035), '、')).toEqual([]);
  });
  it('in the expected mode a target year that has come makes a side "expected", never existing', () => {
    const x = diffYears([el('t', { status: 'planned', target: 2030 }), el('u', { status: 'underConstruction', started: 2021, target: 2027 })], 2025, 2035, true);
    expect(x.counts.a).toMatchObject({ expected: 0, planned: 1, underConstruction: 1, existing: 0 });
    expect(x.counts.b).toMatchObject({ expected: 2, existing: 0 });
    expect(x.changed.map((r) => [r.id, r.from, r.to])).toEqual([
      ['t', 'planned', 'expected'],
      ['u', 'underConstruction', 'expected'],
    ]);
  });
  it('a target year is not a completion', () => {
    const t = diffYears([el('t', { status: 'planned', target: 2025 })], 2020, 2035);
    expect(t.changed).toEqual([]);
    expect(t.counts.b.existing).toBe(0);
  });
});
