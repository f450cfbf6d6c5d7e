// User features (imported layers, drawings) as analysis inputs, and the worker's held boundaries:
// references to held counties give the same answers as sending their geometry, checked here
// against Turf (an independent intersection), and a bad user feature is named by layer › name.
import { describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import intersect from '@turf/intersect';
import turfArea from '@turf/area';
import { createDispatcher } from '../../../src/lib/analysis/dispatch.ts';
import type { AnalysisRequest, AnalysisResponse, AnalysisResultMap } from '../../../src/lib/analysis/protocol.ts';
import {
  accuracyText,
  dataVersion,
  isUserKey,
  pickUserFeature,
  userAccuracy,
  userKey,
  userLayerGroups,
  type UserCandidate,
} from '../../../src/lib/analysis/user-inputs.ts';
import { box, hasBasemap, units } from './helpers.ts';

const BOWTIE: Polygon = { type: 'Polygon', coordinates: [[[104, 30], [104.1, 30.1], [104.1, 30], [104, 30.1], [104, 30]]] };

function dispatcher() {
  const out: AnalysisResponse[] = [];
  const d = createDispatcher((m) => out.push(m));
  const ask = async <K extends keyof AnalysisResultMap>(req: AnalysisRequest & { type: K }): Promise<{ result: AnalysisResultMap[K]; ms: number }> => {
    await d.handle(req);
    const last = out.filter((m) => m.jobId === req.jobId && m.type !== 'progress').at(-1);
    if (last?.type === 'error') throw Object.assign(new Error(last.error.message), { info: last.error });
    if (last?.type !== 'result') throw new Error(`no result for ${req.jobId}`);
    return { result: last.result as AnalysisResultMap[K], ms: last.ms };
  };
  return { ask, out };
}

describe('user features as analysis inputs', () => {
  const cands: UserCandidate[] = [
    { id: 'f1', layerId: 'L1', name: '草案 › 甲', geometry: box(104, 30, 104.2, 30.2), accuracy: 'imported' },
    { id: 'f2', layerId: 'L1', name: '草案 › 线', geometry: { type: 'LineString', coordinates: [[104.5, 30], [104.6, 30]] }, accuracy: 'imported' },
    { id: 'f3', layerId: 'L2', name: '手绘 › 点', geometry: { type: 'Point', coordinates: [104.3, 30.3] }, accuracy: 'schematic' },
    { id: 'f4', layerId: 'L2', name: '手绘 › 区', geometry: box(104.1, 30.1, 104.15, 30.15), accuracy: 'located' },
  ];

  it('keys cannot be mistaken for plan ids; accuracy says imported or drawn', () => {
    expect(userKey('f1')).toBe('ws:f1');
    expect(isUserKey('ws:f1')).toBe(true);
    expect(isUserKey('belt-chengzi-linkong')).toBe(false);
    expect(isUserKey('510185')).toBe(false);
    expect(userAccuracy('imported')).toBe('imported');
    expect(userAccuracy('schematic')).toBe('drawn-schematic');
    expect(userAccuracy('located')).toBe('drawn-located');
    expect(accuracyText('drawn-schematic', 'zh')).toContain('示意');
    expect(accuracyText('imported', 'en')).toBe('imported');
  });

  it('one overlap group per layer with polygons, in layer order, counting what is left out', () => {
    const g = userLayerGroups(cands, [{ id: 'L2', name: '手绘' }, { id: 'L1', name: '草案' }, { id: 'L3', name: '空' }]);
    expect(g.map((x) => [x.layerId, x.features.map((f) => f.id), x.other])).toEqual([
      ['L2', ['f4'], 1],
      ['L1', ['f1'], 1],
    ]);
  });

  it('map picking: near points and lines by pixels, else the topmost polygon holding the click', () => {
    // 1000 px per degree, y down
    const project = (p: number[]): [number, number] => [(p[0] - 104) * 1000, (31 - p[1]) * 1000];
    const at = (lon: number, lat: number) => ({ px: project([lon, lat]), ll: [lon, lat] });
    const hit = (lon: number, lat: number) => {
      const a = at(lon, lat);
      const r = pickUserFeature(cands, a.px, a.ll, project, 6);
      return r && `${r.feature.id}:${r.how}`;
    };
    expect(hit(104.3004, 30.3)).toBe('f3:near'); // 4 px from the point
    expect(hit(104.308, 30.3)).toBeNull(); // 8 px away, outside every polygon
    expect(hit(104.55, 30.005)).toBe('f2:near'); // 5 px from the line
    expect(hit(104.12, 30.12)).toBe('f4:inside'); // inside both boxes: the later-listed one
    expect(hit(104.05, 30.05)).toBe('f1:inside');
  });

  it('data version: the same text gives the same key, any change another', () => {
    expect(dataVersion('{"a":1}')).toBe(dataVersion('{"a":1}'));
    expect(dataVersion('{"a":1}')).not.toBe(dataVersion('{"a":2}'));
    expect(dataVersion('ab')).not.toBe(dataVersion('ba'));
  });
});

describe('worker: held boundaries and user geometry', () => {
  it('a bad user feature is named by its layer › name, and skipping it leaves the rest', async () => {
    const { ask } = dispatcher();
    const bad: Feature = { type: 'Feature', id: 'ws:f9', geometry: BOWTIE, properties: { name: '我的草案 › 蝴蝶结' } };
    const good: Feature = { type: 'Feature', id: 'ws:f1', geometry: box(104, 30, 104.2, 30.2), properties: { name: '我的草案 › 甲' } };
    const other: Feature = { type: 'Feature', id: 'x', geometry: box(104.1, 30.1, 104.3, 30.3), properties: {} };
    const e = await ask({ type: 'overlap', jobId: 'o1', groupA: [bad, good], groupB: [other] }).catch((x: Error & { info: { issues: { feature: string; message: { zh: string; en: string } }[] } }) => x.info);
    if (!('issues' in e)) throw new Error('expected an error');
    expect(e.issues[0].feature).toBe('ws:f9');
    expect(e.issues[0].message.zh).toContain('要素「我的草案 › 蝴蝶结」');
    expect(e.issues[0].message.zh).toContain('自相交');
    expect(e.issues[0].message.en).toContain('“我的草案 › 蝴蝶结”');
    const r = await ask({ type: 'overlap', jobId: 'o2', groupA: [good], groupB: [other] });
    expect(r.result.pairs.map((p) => p.idA)).toEqual(['ws:f1']);
    // between: the name given for a or b is in the message
    const d = await ask({ type: 'distance', jobId: 'd1', a: BOWTIE, b: other.geometry!, names: { a: '我的草案 › 蝴蝶结' } }).catch((x: Error) => x);
    expect(d instanceof Error && d.message).toContain('“我的草案 › 蝴蝶结”');
  });

  it('a reference to a unit the worker does not hold is an error, not a silent gap', async () => {
    const { ask } = dispatcher();
    await expect(ask({ type: 'overlap', jobId: 'r', groupA: [{ unit: 'county', adcode: '510185' }] })).rejects.toThrow(/510185.*setJurisdictions/);
  });

  it.skipIf(!hasBasemap)('counties by reference = counties sent whole = Turf; set once per data version', async () => {
    const { ask } = dispatcher();
    const counties = units('counties');
    const first = await ask({ type: 'setJurisdictions', jobId: 's1', level: 'county', units: counties, version: 'v1' });
    expect(first.result.cached).toBe(false);
    const again = await ask({ type: 'setJurisdictions', jobId: 's2', level: 'county', units: counties, version: 'v1' });
    expect(again.result.cached).toBe(true);
    expect(again.ms).toBeLessThan(first.ms / 10);
    const changed = await ask({ type: 'setJurisdictions', jobId: 's3', level: 'county', units: counties, version: 'v2' });
    expect(changed.result.cached).toBe(false);

    // a draft zone across 简阳 and its neighbours
    const zone = box(104.5, 30.15, 104.75, 30.4);
    const draft: Feature = { type: 'Feature', id: 'ws:zone', geometry: zone, properties: { name: '草案 › 区' } };
    const refs = counties.map((c) => ({ unit: 'county' as const, adcode: c.adcode }));
    const whole: Feature[] = counties.map((c) => ({ type: 'Feature', id: c.adcode, geometry: c.geometry, properties: {} }));
    const byRef = (await ask({ type: 'overlap', jobId: 'a', groupA: [draft], groupB: refs })).result.pairs;
    const bySend = (await ask({ type: 'overlap', jobId: 'b', groupA: [draft], groupB: whole })).result.pairs;
    expect(byRef.map((p) => [p.idB, p.areaM2])).toEqual(bySend.map((p) => [p.idB, p.areaM2]));
    expect(byRef.length).toBeGreaterThan(1);
    let total = 0;
    for (const p of byRef) {
      const c = counties.find((u) => u.adcode === p.idB)!;
      const t = intersect({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: zone }, { type: 'Feature', properties: {}, geometry: c.geometry }] });
      const ref = t ? turfArea(t) : 0;
      expect(Math.abs(p.areaM2 - ref) / ref, p.idB).toBeLessThan(0.01);
      total += p.areaM2;
    }
    // the counties tile the zone: the shares add up to the zone
    expect(total / turfArea({ type: 'Feature', properties: {}, geometry: zone })).toBeCloseTo(1, 2);
    // a subset of references (not the whole level) works too
    const some = await ask({ type: 'overlap', jobId: 'c', groupA: [draft], groupB: refs.filter((r) => r.adcode === '510185') });
    expect(some.result.pairs.map((p) => p.idB)).toEqual(['510185']);
    expect(some.result.pairs[0].areaM2).toBe(byRef.find((p) => p.idB === '510185')!.areaM2);
  });
});
