import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import type { FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import { clip, difference, dissolve, intersect, planarArea, union, type Areal, type OverlayFeature } from '../../../src/lib/analysis/overlay.ts';
import { createDispatcher } from '../../../src/lib/analysis/dispatch.ts';
import type { AnalysisResponse } from '../../../src/lib/analysis/protocol.ts';
import { box, hasBasemap } from './helpers.ts';

// shapely (GEOS) results made by scripts/reference/overlay.py from the shipped TopoJSON
interface Row {
  key: string;
  area: number;
  parts: number;
  count?: number;
}
type Ref = Record<'clip' | 'intersect' | 'difference' | 'dissolve' | 'union', Row[]> & {
  inputs: { metroCounties: string[]; metroPrefectures: string[]; counties: string[]; elements: string[]; masks: Position[][][] };
};
const ref = JSON.parse(readFileSync('tests/fixtures/workbench/overlay-reference.json', 'utf8')) as Ref;

function load(path: string, object: string): FeatureCollection<Geometry, Record<string, string>>['features'] {
  const topo = JSON.parse(readFileSync(path, 'utf8')) as Topology;
  return (topoFeature(topo, topo.objects[object] as GeometryObject) as unknown as FeatureCollection<Geometry, Record<string, string>>).features;
}
const byKey = <T extends { properties: Record<string, string> }>(fs: T[], key: string) => new Map(fs.map((f) => [f.properties[key], f]));

/** Same features (keys) as the reference, each area within 0.1 %. */
function expectSame(got: Array<{ key: string; g: Areal }>, want: Row[]) {
  expect(got.map((x) => x.key).sort()).toEqual(want.map((r) => r.key).sort());
  const area = new Map(got.map((x) => [x.key, planarArea(x.g)]));
  for (const r of want) expect(Math.abs(area.get(r.key)! / r.area - 1), r.key).toBeLessThan(0.001);
}

describe.skipIf(!hasBasemap)('overlay operations against shapely (scripts/reference/overlay.py)', () => {
  const counties = byKey(load('public/data/basemap.topo.json', 'counties'), 'adcode');
  const prefectures = byKey(load('public/data/basemap.topo.json', 'prefectures'), 'adcode');
  const elements = byKey(load('public/data/plan/map.topo.json', 'elements'), 'id');
  const feat = (f: { geometry: Geometry; properties: Record<string, string> }, key: string): OverlayFeature => ({ geometry: f.geometry as Areal, properties: { key: f.properties[key], parent: f.properties.parent ?? null } });
  const metroCounties = ref.inputs.metroCounties.map((c) => feat(counties.get(c)!, 'adcode'));
  const metroPrefectures = ref.inputs.metroPrefectures.map((c) => feat(prefectures.get(c)!, 'adcode'));
  const plan = ref.inputs.elements.map((id) => feat(elements.get(id)!, 'id'));
  const keyed = (fs: OverlayFeature[]) => fs.map((f) => ({ key: String(f.properties.key), g: f.geometry }));

  it('clip: 成德眉资 counties cut to two overlapping circles', async () => {
    const masks: Polygon[] = ref.inputs.masks.map((coordinates) => ({ type: 'Polygon', coordinates }));
    const out = await clip(metroCounties, masks);
    expectSame(keyed(out), ref.clip);
    // attributes kept, an area added
    expect(out.every((f) => f.properties.parent && typeof f.properties.area_km2 === 'number')).toBe(true);
  });

  it('intersect: plan polygons × 成德眉资 prefectures, attributes of both', async () => {
    const out = await intersect(plan, metroPrefectures);
    expectSame(out.map((f) => ({ key: `${f.properties.key}|${f.properties.key_2}`, g: f.geometry })), ref.intersect);
  });

  it('difference: 成德眉资 prefectures less every plan polygon', async () => {
    expectSame(keyed(await difference(metroPrefectures, plan.map((f) => f.geometry))), ref.difference);
  });

  it('dissolve: all counties by prefecture', async () => {
    const all = ref.inputs.counties.map((c) => feat(counties.get(c)!, 'adcode'));
    const out = await dissolve(all, 'parent');
    expectSame(out.map((f) => ({ key: String(f.properties.parent), g: f.geometry })), ref.dissolve);
    const count = new Map(out.map((f) => [f.properties.parent, f.properties.count]));
    for (const r of ref.dissolve) expect(count.get(r.key), r.key).toBe(r.count);
  });

  it('union: every plan polygon in one feature', async () => {
    const out = await union(plan.map((f) => f.geometry));
    expect(out).toHaveLength(1);
    expectSame([{ key: 'all', g: out[0].geometry }], ref.union);
    expect(out[0].properties.count).toBe(ref.union[0].count);
  });
});

describe('progress and cancel', () => {
  const grid = Array.from({ length: 40 }, (_, i): OverlayFeature => ({ geometry: box(100 + (i % 8) * 0.1, 30 + Math.floor(i / 8) * 0.1, 100.1 + (i % 8) * 0.1, 30.1 + Math.floor(i / 8) * 0.1), properties: { row: Math.floor(i / 8) } }));

  it('reports progress every N features up to the total', async () => {
    const seen: Array<[number, number]> = [];
    const out = await dissolve(grid, 'row', { every: 1, onProgress: (d, t) => seen.push([d, t]) });
    expect(out).toHaveLength(5);
    // rows of 8 touching boxes become one 0.8 × 0.1 rectangle each
    for (const f of out) expect(planarArea(f.geometry)).toBeCloseTo(0.08, 10);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)![0]).toBe(seen.at(-1)![1]);
    expect(seen.every(([d], i) => i === 0 || d > seen[i - 1][0])).toBe(true);
  });

  it('stops with AbortError when cancelled mid-way, returning nothing', async () => {
    const ctrl = new AbortController();
    let calls = 0;
    const run = clip(grid, [box(100.05, 30.05, 100.55, 30.35)], { every: 1, signal: ctrl.signal, onProgress: () => ++calls === 3 && ctrl.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(3);
  });

  it('drops features that end up empty and keeps holes', async () => {
    const ring = await difference([{ geometry: box(0, 0, 3, 3), properties: {} }], [box(1, 1, 2, 2)]);
    expect(ring).toHaveLength(1);
    expect(planarArea(ring[0].geometry)).toBeCloseTo(8, 10);
    expect(await difference([{ geometry: box(1, 1, 2, 2), properties: {} }], [box(0, 0, 3, 3)])).toEqual([]);
    expect(await clip([{ geometry: box(5, 5, 6, 6), properties: {} }], [box(0, 0, 3, 3)])).toEqual([]);
  });
});

describe('overlay in the analysis worker', () => {
  const items = Array.from({ length: 30 }, (_, i) => ({
    item: { type: 'Feature' as const, id: `f${i}`, geometry: box(100 + i * 0.1, 30, 100.1 + i * 0.1, 30.1), properties: { name: `f${i}` } },
    properties: { half: i < 15 ? 'west' : 'east' },
  }));

  it('posts progress, then one result', async () => {
    const msgs: AnalysisResponse[] = [];
    const d = createDispatcher((m) => msgs.push(m));
    await d.handle({ type: 'overlay', jobId: 'j', op: 'dissolve', a: items, field: 'half' });
    const last = msgs.at(-1)!;
    expect(last.type).toBe('result');
    expect(msgs.slice(0, -1).every((m) => m.type === 'progress')).toBe(true);
    if (last.type !== 'result' || last.kind !== 'overlay') throw new Error('no overlay result');
    expect(last.result.features.map((f) => [f.properties.half, f.properties.count])).toEqual([['west', 15], ['east', 15]]);
    expect(d.activeJobs()).toEqual([]);
  });

  it('a cancel message stops the job: "cancelled", no result', async () => {
    const msgs: AnalysisResponse[] = [];
    const d = createDispatcher((m) => {
      msgs.push(m);
      // cancel as soon as the first progress arrives, as the UI's button does
      if (m.type === 'progress' && m.done === 1) void d.handle({ type: 'cancel', jobId: 'k' });
    });
    await d.handle({ type: 'overlay', jobId: 'k', op: 'clip', a: items, b: [{ item: { type: 'Feature', geometry: box(100, 30, 103, 30.05), properties: {} }, properties: {} }] });
    expect(msgs.at(-1)).toEqual({ type: 'cancelled', jobId: 'k' });
    expect(msgs.some((m) => m.type === 'result')).toBe(false);
  });
});
