import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import type { FeatureCollection, Geometry, Point, Position } from 'geojson';
import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { analysisLayer, bufferGeometry, pointsInPolygons, weightOf } from '../../../src/lib/analysis/layers.ts';
import { createDispatcher } from '../../../src/lib/analysis/dispatch.ts';
import type { AnalysisResponse } from '../../../src/lib/analysis/protocol.ts';
import { Geodesic } from '../../../src/lib/geo/geodesic.ts';
import { validateWorkspace } from '../../../src/lib/workspace/validate.ts';
import { counterIds, emptyWorkspace, WORKSPACE_FORMAT } from '../../../src/lib/workspace/model.ts';
import { box, hasBasemap, units } from './helpers.ts';

// shapely (GEOS) counts made by scripts/reference/points-in-polygons.py from the shipped TopoJSON
const reference = JSON.parse(readFileSync('tests/fixtures/workbench/stations-per-unit.json', 'utf8')) as Record<string, { counts: Record<string, number>; outside: number }> & { hubs: number };
const planTopo = JSON.parse(readFileSync('public/data/plan/map.topo.json', 'utf8')) as Topology;
const plan = (topoFeature(planTopo, planTopo.objects.elements as GeometryObject) as unknown as FeatureCollection<Geometry, { kind: string; accuracy: string }>).features;
const hubs = plan.filter((f) => f.properties.kind === 'hub' && f.geometry.type === 'Point');

describe('buffer', () => {
  it('puts every vertex of a point buffer 3 km away on the ellipsoid', () => {
    const centre = [104.13892, 30.631308]; // 成都东站
    const g = bufferGeometry({ type: 'Point', coordinates: centre }, 3);
    expect(g.type).toBe('Polygon');
    for (const p of (g as { coordinates: Position[][] }).coordinates[0]) {
      const s = Geodesic.WGS84.Inverse(centre[1], centre[0], p[1], p[0]).s12!;
      expect(Math.abs(s - 3000)).toBeLessThan(0.01);
    }
    // area of a 3 km disc within 0.5% (72-gon)
    expect(Math.abs(turfArea({ type: 'Feature', properties: {}, geometry: g }) / (Math.PI * 9e6) - 1)).toBeLessThan(0.005);
  });
  it('grows a polygon by the distance and refuses a non-positive one', () => {
    const g = bufferGeometry(box(104, 30, 104.1, 30.1), 1);
    const a0 = turfArea({ type: 'Feature', properties: {}, geometry: box(104, 30, 104.1, 30.1) });
    expect(turfArea({ type: 'Feature', properties: {}, geometry: g })).toBeGreaterThan(a0 + 4 * 9.6e3 * 1000 * 0.9);
    expect(() => bufferGeometry(box(104, 30, 104.1, 30.1), 0)).toThrow(RangeError);
    expect(() => bufferGeometry(box(104, 30, 104.1, 30.1), Number.NaN)).toThrow(RangeError);
  });
});

describe('points in polygons', () => {
  it('counts on a small case by hand, a point in no polygon counted outside', () => {
    const r = pointsInPolygons([[0.5, 0.5], [1.5, 0.5], [0.2, 0.9], [5, 5]], [box(0, 0, 1, 1), box(1, 0, 2, 1), null]);
    expect(r.counts).toEqual([2, 1, 0]);
    expect(r.outside).toBe(1);
  });

  it.skipIf(!hasBasemap)('plan hubs per county equal the shapely reference (worker dispatcher, held counties)', async () => {
    expect(hubs.length).toBe(reference.hubs);
    const us = units('counties');
    for (const which of ['all', 'located'] as const) {
      const pts = hubs.filter((h) => which === 'all' || h.properties.accuracy === 'located').map((h) => (h.geometry as Point).coordinates);
      const out: AnalysisResponse[] = [];
      const d = createDispatcher((m) => out.push(m));
      await d.handle({ type: 'setJurisdictions', jobId: 's', level: 'county', units: us });
      await d.handle({ type: 'pointsInPolygons', jobId: 'p', points: pts, polygons: us.map((u) => ({ unit: 'county' as const, adcode: u.adcode })) });
      const res = out.find((m) => m.jobId === 'p' && m.type !== 'progress')!;
      if (res.type !== 'result' || res.kind !== 'pointsInPolygons') throw new Error(JSON.stringify(res));
      const got = Object.fromEntries(res.result.ids.map((id, i): [string, number] => [id, res.result.counts[i]]).filter(([, n]) => n > 0));
      const ref = reference[`counties_${which}`];
      expect(got, which).toEqual(ref.counts);
      expect(res.result.outside).toBe(ref.outside);
      expect(Object.values(got).reduce((a, b) => a + b, 0)).toBe(pts.length);
    }
  });

  it.skipIf(!hasBasemap)('plan hubs per prefecture equal the shapely reference (plain geometries; 重庆市 crosses itself and is only counted here)', () => {
    const us = units('prefectures');
    for (const which of ['all', 'located'] as const) {
      const pts = hubs.filter((h) => which === 'all' || h.properties.accuracy === 'located').map((h) => (h.geometry as Point).coordinates);
      const r = pointsInPolygons(pts, us.map((u) => u.geometry));
      const got = Object.fromEntries(us.map((u, i): [string, number] => [u.adcode, r.counts[i]]).filter(([, n]) => n > 0));
      expect(got, which).toEqual(reference[`prefectures_${which}`].counts);
      expect(r.outside).toBe(reference[`prefectures_${which}`].outside);
    }
  });
});

describe('sums in points in polygons', () => {
  it('sums a weight per polygon; a missing weight is counted, not summed', () => {
    const r = pointsInPolygons([[0.5, 0.5], [1.5, 0.5], [0.2, 0.9], [5, 5], [0.7, 0.1]], [box(0, 0, 1, 1), box(1, 0, 2, 1)], [10, 2.5, 4, 99, null]);
    expect(r.counts).toEqual([3, 1]);
    expect(r.sums).toEqual([14, 2.5]);
    expect(r.unweighted).toBe(1);
    expect(r.outside).toBe(1);
    expect(pointsInPolygons([[0.5, 0.5]], [box(0, 0, 1, 1)]).sums).toBeUndefined();
  });

  it('reads weights as the table does: numbers, decimal text, thousands commas; else null', () => {
    expect([12, '3.5', ' 2,955,000 ', '-1e3', '', 'n/a', true, null, Number.NaN, '1.2.3'].map(weightOf)).toEqual([12, 3.5, 2955000, -1000, null, null, null, null, null, null]);
  });

  it.skipIf(!hasBasemap)('random weighted points per county equal a plain Turf loop (worker dispatcher, progress, held counties)', async () => {
    const us = units('counties');
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pts: Position[] = Array.from({ length: 3000 }, () => [102.5 + rand() * 6, 28.5 + rand() * 4]);
    const weights = pts.map((_, i) => (i % 17 === 0 ? null : Math.round(rand() * 1000) / 10));
    const out: AnalysisResponse[] = [];
    const d = createDispatcher((m) => out.push(m));
    await d.handle({ type: 'setJurisdictions', jobId: 's', level: 'county', units: us });
    await d.handle({ type: 'pointsInPolygons', jobId: 'p', points: pts, polygons: us.map((u) => ({ unit: 'county' as const, adcode: u.adcode })), weights });
    const res = out.find((m) => m.jobId === 'p' && m.type !== 'progress')!;
    if (res.type !== 'result' || res.kind !== 'pointsInPolygons') throw new Error(JSON.stringify(res));
    const progress = out.filter((m) => m.jobId === 'p' && m.type === 'progress') as Array<{ done: number; total: number }>;
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ done: 3000, total: 3000 });
    let unweighted = 0;
    us.forEach((u, i) => {
      let n = 0, sum = 0;
      pts.forEach((p, k) => {
        if (!booleanPointInPolygon(p, u.geometry)) return;
        n++;
        if (weights[k] !== null) sum += weights[k]!;
      });
      expect(res.result.counts[i], u.adcode).toBe(n);
      expect(res.result.sums![i], u.adcode).toBeCloseTo(sum, 6);
    });
    pts.forEach((p, k) => weights[k] === null && us.some((u) => booleanPointInPolygon(p, u.geometry)) && unweighted++);
    expect(res.result.unweighted).toBe(unweighted);
    expect(res.result.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000); // the box is mostly counties
  });

  it('points in polygons and buffer can be cancelled in the worker: no result, only "cancelled"', async () => {
    const pts: Position[] = Array.from({ length: 50_000 }, (_, i) => [(i % 250) / 125, Math.floor(i / 250) / 200]);
    const out: AnalysisResponse[] = [];
    const d = createDispatcher((m) => {
      out.push(m);
      // cancel as soon as the first slice reports
      if (m.type === 'progress' && m.jobId === 'p' && m.done < m.total) void d.handle({ type: 'cancel', jobId: 'p' });
    });
    await d.handle({ type: 'pointsInPolygons', jobId: 'p', points: pts, polygons: [{ type: 'Feature', properties: {}, geometry: box(0, 0, 1, 1) }] });
    expect(out.filter((m) => m.type !== 'progress').map((m) => m.type)).toEqual(['cancelled']);

    const outB: AnalysisResponse[] = [];
    const b = createDispatcher((m) => {
      outB.push(m);
      if (m.type === 'progress' && m.done === 0) void b.handle({ type: 'cancel', jobId: 'b' });
    });
    await b.handle({ type: 'buffer', jobId: 'b', geometry: { type: 'Point', coordinates: [104.13892, 30.631308] }, km: 3 });
    expect(outB.map((m) => m.type)).toEqual(['progress', 'cancelled']);
    const outC: AnalysisResponse[] = [];
    await createDispatcher((m) => outC.push(m)).handle({ type: 'buffer', jobId: 'c', geometry: { type: 'Point', coordinates: [104.13892, 30.631308] }, km: 3 });
    expect(outC.map((m) => (m.type === 'progress' ? `${m.done}/${m.total}` : m.type))).toEqual(['0/1', '1/1', 'result']);
  });
});

describe('a layer made by an analysis', () => {
  it('states its provenance and accuracy on the layer and on every feature, and a workspace holding it validates', () => {
    const ids = counterIds();
    const layer = analysisLayer({
      id: 'layer-9',
      op: 'buffer',
      name: 'Buffer 3 km · 成都东站',
      provenance: { zh: '成都东站（定位）的 3 公里缓冲区', en: 'buffer 3 km of 成都东站 (located)' },
      accuracy: 'located',
      features: [{ geometry: bufferGeometry({ type: 'Point', coordinates: [104.13892, 30.631308] }, 3), properties: { buffer_km: 3 } }],
      styleIndex: 0,
      makeId: ids,
    });
    expect(layer.source).toEqual({ kind: 'analysis', op: 'buffer', provenance: { zh: '成都东站（定位）的 3 公里缓冲区', en: 'buffer 3 km of 成都东站 (located)' }, accuracy: 'located' });
    expect(layer.features[0].properties).toMatchObject({ buffer_km: 3, accuracy: 'located', provenance: 'buffer 3 km of 成都东站 (located)' });
    const ws = { ...emptyWorkspace('ws-1', 'test', '2026-12-04T00:00:00.000Z'), layers: [layer] };
    expect(validateWorkspace(JSON.parse(JSON.stringify({ format: WORKSPACE_FORMAT, ...ws })), 'a.tongcheng.json')).toEqual([]);
    const bad = JSON.parse(JSON.stringify({ format: WORKSPACE_FORMAT, ...ws }));
    bad.layers[0].source.accuracy = 'exact';
    expect(validateWorkspace(bad, 'a.tongcheng.json').map((i) => i.field)).toContain('source.accuracy');
  });
});
