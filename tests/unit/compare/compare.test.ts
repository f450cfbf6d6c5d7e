import { describe, expect, it } from 'vitest';
import { clampPosition, formatCompare, layerOfSide, parseCompare, sideLayers, sideShowsPlan, stepPosition } from '../../../src/lib/compare/spec.ts';
import { diffSentences, diffSides, diffYears, layerItems, nameKey, sideSentences, type CompareElement, type SideItem } from '../../../src/lib/compare/diff.ts';
import type { UserLayer } from '../../../src/lib/workspace/model.ts';
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
    for (const s of ['year:2020,2035', 'basemap:osm,carto-light', 'layer:plan,layer-abc', 'layer:layer-1,layer-2', 'region:chengdu,neizi', 'region:dazhou,wandakai'])
      expect(formatCompare(parseCompare(s)!)).toBe(s);
  });
  it('reads regions by short name or full id and writes the short name', () => {
    expect(parseCompare('region:chengdu,neizi')).toEqual({ by: 'region', a: 'chengdu-metro', b: 'neijiang-zigong' });
    expect(formatCompare(parseCompare('region:chengdu-metro,dazhou')!)).toBe('region:chengdu,dazhou');
  });
  it('refuses what it cannot show', () => {
    for (const s of ['year:2020,2020', 'year:1990,2035', 'year:2020.5,2030', 'year:2020', 'foo:a,b', 'basemap:a b,c', 'layer:plan,plan', 'layer:a b,plan', 'region:chengdu,chengdu-metro', 'region:chengdu,beijing', 'year:2020,2035,2040', ''])
      expect(parseCompare(s), s).toBeUndefined();
  });
  it('each side draws what it names: the plan, one workspace layer, or (outside a layer comparison) both', () => {
    const s = parseCompare('layer:plan,layer-abc')!;
    expect([sideShowsPlan(s, 'a'), sideShowsPlan(s, 'b')]).toEqual([true, false]);
    expect([sideLayers(s, 'a'), sideLayers(s, 'b')]).toEqual([[], ['layer-abc']]);
    expect([layerOfSide(s, 'a'), layerOfSide(s, 'b')]).toEqual([null, 'layer-abc']);
    const r = parseCompare('region:chengdu,neizi')!;
    expect([sideShowsPlan(r, 'b'), sideLayers(r, 'b')]).toEqual([true, null]);
    expect([sideShowsPlan(null, 'a'), sideLayers(null, 'a')]).toEqual([true, null]);
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

describe('diffSides (plan against a layer, two layers, two regions)', () => {
  const pt = (x: number, y: number) => ({ type: 'Point' as const, coordinates: [x, y] });
  const line = { type: 'LineString' as const, coordinates: [[104, 30], [104.1, 30]] };
  const item = (id: string, name: string, geometry: SideItem['geometry'] = pt(104, 30), accuracy = 'located'): SideItem => ({ id, name, geometry, accuracy });
  const planSide = [item('p1', '简州站'), item('p2', '成都东站'), item('p3', '简州新城', square, 'schematic'), item('p4', '成达万高铁', line)];
  const altSide = [item('f1', '简州站 '), item('f2', '简州新城（方案乙）', square, 'schematic'), item('f3', ''), item('f4', '成达万高铁', line)];
  const d = diffSides(planSide, altSide);
  it('matches by name whatever the spacing; an unnamed feature never matches', () => {
    expect(nameKey('简州站 ')).toBe(nameKey('简州站'));
    expect(d.both).toEqual(['成达万高铁', '简州站'].sort((x, y) => x.localeCompare(y, 'zh')));
    expect(d.onlyA.map((i) => i.id).sort()).toEqual(['p2', 'p3']);
    expect(d.onlyB.map((i) => i.id).sort()).toEqual(['f2', 'f3']);
  });
  it('counts points, lines and areas per side, with the schematic part of the area', () => {
    expect(d.counts.a).toMatchObject({ total: 4, point: 2, line: 1, area: 1 });
    expect(d.counts.a.km2).toBeGreaterThan(105);
    expect(d.counts.a.km2).toBeLessThan(108);
    expect(d.counts.a.schematicKm2).toBe(d.counts.a.km2);
    expect(d.counts.b).toMatchObject({ total: 4, point: 2, line: 1, area: 1 });
  });
  it('in words: only on the left, only on the right, on both; long lists end in "n more"', () => {
    const text = { sep: '、', unnamed: '（未命名）', more: (n: number) => `等，另有 ${n} 项` };
    const lines = sideSentences(d, { a: '规划', b: '方案乙' }, text).map((m) => tm(m, 'zh'));
    expect(lines[0]).toBe('只在左侧（规划）2 项：成都东站、简州新城。');
    expect(lines[1]).toBe('只在右侧（方案乙）2 项：简州新城（方案乙）、（未命名）。');
    expect(lines[2]).toMatch(/^两侧都有（同名）2 项：/);
    const many = diffSides(Array.from({ length: 35 }, (_, i) => item(`x${i}`, `站${String(i).padStart(2, '0')}`)), []);
    expect(tm(sideSentences(many, { a: 'A', b: 'B' }, text)[0], 'zh')).toMatch(/站29等，另有 5 项。$/);
    expect(sideSentences(diffSides([], []), { a: 'A', b: 'B' }, text).map((m) => tm(m, 'en'))).toEqual(['No difference between A and B.']);
  });
});

describe('layerItems', () => {
  const base = { visible: true, style: { color: '#000000', width: 2, fill: null, opacity: 1, labelField: null } };
  it('names a drawn feature in the UI language and an imported one by its name attribute', () => {
    const drawn = {
      ...base,
      id: 'l1',
      name: '方案乙',
      source: { kind: 'drawing' },
      features: [{ type: 'Feature', id: 'f1', geometry: { type: 'Point', coordinates: [104, 30] }, properties: { kind: 'hub', name: { zh: '简州站', en: 'Jianzhou Station' }, status: 'planned', years: {}, sources: [], accuracy: 'schematic' } }],
    } as unknown as UserLayer;
    expect(layerItems(drawn, 'zh')).toEqual([{ id: 'f1', name: '简州站', accuracy: 'schematic', geometry: { type: 'Point', coordinates: [104, 30] } }]);
    expect(layerItems(drawn, 'en')[0].name).toBe('Jianzhou Station');
    const imported = {
      ...base,
      id: 'l2',
      name: 'stations.shp',
      source: { kind: 'import', file: 'stations.shp', format: 'shapefile', crs: null, encoding: 'gbk' },
      features: [
        { type: 'Feature', id: 'g1', geometry: { type: 'Point', coordinates: [104, 30] }, properties: { 名称: '简阳南站', code: 7 } },
        { type: 'Feature', id: 'g2', geometry: { type: 'Point', coordinates: [104, 30] }, properties: { code: 8 } },
      ],
    } as unknown as UserLayer;
    expect(layerItems(imported, 'zh').map((i) => [i.name, i.accuracy])).toEqual([
      ['简阳南站', ''],
      ['', ''],
    ]);
  });
});
