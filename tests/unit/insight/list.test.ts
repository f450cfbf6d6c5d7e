import { describe, expect, it } from 'vitest';
import { readJson } from '../content/helpers.ts';
import type { PlanIndex, MapProps } from '../../../src/lib/plan/bundle.ts';
import { KINDS } from '../../../src/lib/plan/model.ts';
import { listModel, matches, normalize, type ListFeatureProps } from '../../../src/lib/insight/list.ts';

// The shipped overlay bundle and its index: the build counts elements by region and kind independently.
const index = readJson<PlanIndex>('public/data/plan/index.json');
const topo = readJson<{ objects: { elements: { geometries: { properties: MapProps }[] } } }>(`public/data/plan/${index.map.replace(/^plan\//, '')}`);
const props: ListFeatureProps[] = topo.objects.elements.geometries.map((g) => g.properties);

describe('listModel on the shipped plan', () => {
  it('lists every element once, grouped by kind with the counts the build recorded', () => {
    const m = listModel(props, 'zh');
    expect(m.total).toBe(index.count);
    expect(m.shown).toBe(index.count);
    const expected: Record<string, number> = {};
    for (const r of index.regions) for (const [k, n] of Object.entries(r.byKind)) expected[k] = (expected[k] ?? 0) + n;
    expect(Object.fromEntries(m.groups.map((g) => [g.kind, g.items.length]))).toEqual(expected);
    // kinds in model order
    expect(m.groups.map((g) => g.kind)).toEqual(KINDS.filter((k) => expected[k]));
  });

  it('counts schematic elements as the index does', () => {
    const m = listModel(props, 'en');
    const schematic = m.groups.flatMap((g) => g.items).filter((i) => i.accuracy.schematic).length;
    expect(schematic).toBe(index.regions.reduce((s, r) => s + (r.byAccuracy.schematic ?? 0), 0));
    const item = m.groups.flatMap((g) => g.items).find((i) => i.id === 'axis-chengyu-main')!;
    expect(item).toMatchObject({ name: 'Chengdu–Chongqing Main Development Axis', other: '成渝发展主轴', status: 'Planned', region: 'Chengdu metropolitan area' });
    expect(item.accuracy).toEqual({ key: 'schematic', label: 'Schematic', schematic: true });
  });

  it('lists a region only when its features are passed (the lead filters by region)', () => {
    const nz = props.filter((p) => p.region === 'neijiang-zigong');
    const m = listModel(nz, 'zh');
    expect(m.total).toBe(index.regions.find((r) => r.region === 'neijiang-zigong')!.count);
  });
});

describe('filtering and ordering', () => {
  const f = (id: string, zh: string, en: string, extra: Partial<ListFeatureProps> = {}): ListFeatureProps => ({
    id, zh, en, kind: 'hub', status: 'existing', accuracy: 'located', region: 'dazhou', ...extra,
  });
  const sample = [
    f('b', '达州南站', 'Dazhou South Station', { status: 'planned', accuracy: 'schematic' }),
    f('a', '金垭机场', 'Jinya Airport'),
    f('a', '金垭机场', 'Jinya Airport'), // the same element in two parts
    f('c', '西城组团', 'West City Cluster', { kind: 'urbanCluster', phase: 'hidden' }),
    f('d', '达州站', 'Dazhou Station', { status: 'underConstruction', phase: 'existing' }),
  ];

  it('drops hidden-phase features and duplicate ids', () => {
    const m = listModel(sample, 'en');
    expect(m.total).toBe(3);
    expect(m.groups.map((g) => g.kind)).toEqual(['hub']);
  });

  it('sorts by name in the chosen language', () => {
    expect(listModel(sample, 'en').groups[0].items.map((i) => i.id)).toEqual(['b', 'd', 'a']);
  });

  it('matches zh, en and id, ignoring case, spaces and width', () => {
    expect(listModel(sample, 'en', 'south').groups[0].items.map((i) => i.id)).toEqual(['b']);
    expect(listModel(sample, 'zh', '机场').shown).toBe(1);
    expect(listModel(sample, 'zh', 'ＪＩＮＹＡ ａｉｒ').shown).toBe(1);
    expect(listModel(sample, 'zh', 'zzz')).toMatchObject({ shown: 0, total: 3, groups: [] });
    expect(matches(sample[0], '  ')).toBe(true);
    expect(normalize('Dazhou  South–Station')).toBe('dazhousouthstation');
  });

  it('shows the year slider phase only when it differs from the status', () => {
    const items = listModel(sample, 'en').groups[0].items;
    expect(items.find((i) => i.id === 'd')!.phase).toBe('Existing');
    expect(items.find((i) => i.id === 'd')!.status).toBe('Under construction');
    expect(items.find((i) => i.id === 'a')!.phase).toBeUndefined();
  });
});
