import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { intersectionArea, intersectionAreaCheck, intersectionGeometry, overlapMatrix, projectAreal } from '../../../src/lib/analysis/overlap.ts';
import { makePolygons } from '../../../scripts/bench/make-polygons.ts';
import intersect from '@turf/intersect';
import turfArea from '@turf/area';
import { geodesicArea } from '../../../src/lib/geo/geodesic.ts';
import { box, geosRef, golden, hasBasemap, shape, units } from './helpers.ts';

const star = shape('county-size-star') as Polygon;
const starArea = golden.measures['county-size-star'].areaM2 as number;

describe('overlap known cases', () => {
  it('identical polygons → 100% of each', () => {
    const r = overlapMatrix([star, star]);
    expect(r.pairs).toHaveLength(1);
    expect(r.pairs[0].shareA).toBeCloseTo(1, 12);
    expect(r.pairs[0].shareB).toBeCloseTo(1, 12);
  });
  it('disjoint → no pair, 0 area', () => {
    const r = overlapMatrix([box(104, 30, 104.1, 30.1), box(104.2, 30, 104.3, 30.1)]);
    expect(r.pairs).toHaveLength(0);
    expect(r.touching).toHaveLength(0);
    expect(intersectionArea(box(104, 30, 104.1, 30.1), box(104.2, 30, 104.3, 30.1))).toBe(0);
  });
  it('a polygon inside another → its own area, 100% of it', () => {
    const outer = box(104.5, 29, 105.6, 30);
    const r = overlapMatrix([star], [outer]);
    expect(r.pairs[0].shareA).toBeCloseTo(1, 12);
    // Albers area vs GeographicLib: ≤ 0.1% for a county-size polygon
    expect(Math.abs(r.pairs[0].areaM2 - starArea) / starArea).toBeLessThan(1e-3);
  });
  it('shared border → touching, 0 overlap area (no slivers)', () => {
    const r = overlapMatrix([box(104, 30, 104.1, 30.1), box(104.1, 30, 104.2, 30.1), box(104.05, 30.1, 104.15, 30.2)]);
    expect(r.pairs).toHaveLength(0);
    expect(r.touching.map((t) => [t.a, t.b])).toEqual([[0, 1], [0, 2], [1, 2]]);
  });
  it('half overlap of two boxes → 50% each (vs GeographicLib on the clip)', () => {
    const a = box(104, 30, 104.2, 30.1), b = box(104.1, 30, 104.3, 30.1);
    const r = overlapMatrix([a], [b]);
    expect(r.pairs[0].shareA).toBeCloseTo(0.5, 3);
    const c = intersectionAreaCheck(a, b);
    expect(Math.abs(c.relDiff)).toBeLessThan(1e-3);
  });
  it('a zero-width spike along a shared border adds no area', () => {
    const spiky: Polygon = { type: 'Polygon', coordinates: [[[104, 30], [104.1, 30], [104.1, 30.05], [104.1, 30.02], [104.1, 30.05], [104.1, 30.1], [104, 30.1], [104, 30]]] };
    const r = overlapMatrix([spiky], [box(104.1, 30, 104.2, 30.1)]);
    expect(r.pairs).toHaveLength(0);
  });
  it('holes are subtracted', () => {
    const holed = shape('clockwise-with-hole') as Polygon;
    const inHole = box(103.75, 30.25, 103.95, 30.35);
    expect(intersectionArea(holed, inHole)).toBe(0);
  });
  it('intersection geometry (polyclip in Albers) has the same area', () => {
    const a = box(104, 30, 104.2, 30.1), b = star;
    const g = intersectionGeometry(a, box(104.1, 30.05, 104.3, 30.2));
    expect(g?.type).toBe('MultiPolygon');
    expect(intersectionGeometry(b, box(106, 31, 106.1, 31.1))).toBeNull();
  });
  it('intersection geometry of a small box with a U whose two arms it cuts (box pre-cut leaves the result exact)', () => {
    // a U with a hole in one arm; the box crosses both arms, so the pre-cut ring runs along the box edge
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[104, 30], [104.3, 30], [104.3, 30.3], [104.2, 30.3], [104.2, 30.1], [104.1, 30.1], [104.1, 30.3], [104, 30.3], [104, 30]],
        [[104.02, 30.15], [104.02, 30.2], [104.06, 30.2], [104.06, 30.15], [104.02, 30.15]],
      ],
    };
    const cut = box(103.95, 30.12, 104.35, 30.25);
    const g = intersectionGeometry(u, cut)!;
    expect(g.coordinates).toHaveLength(2); // the two arms
    const ref = turfArea(intersect({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: u }, { type: 'Feature', properties: {}, geometry: cut }] })!);
    expect(geodesicArea(g) / ref).toBeCloseTo(1, 2); // Turf measures on a sphere
    expect(geodesicArea(g) / intersectionArea(u, cut)).toBeCloseTo(1, 3);
    // and symmetric
    expect(geodesicArea(intersectionGeometry(cut, u)!) / geodesicArea(g)).toBeCloseTo(1, 9);
  });
  it('reports progress and honours an aborted signal', () => {
    const polys = makePolygons(300).features.map((f) => f.geometry);
    const seen: number[] = [];
    overlapMatrix(polys, undefined, { onProgress: (d) => seen.push(d) });
    expect(seen.at(-1)).toBe(300);
    const ctrl = new AbortController();
    ctrl.abort();
    expect(() => overlapMatrix(polys, undefined, { signal: ctrl.signal })).toThrow(/cancelled/);
  });
});

describe('overlap matrix vs GEOS reference (tests/fixtures/analysis/out/geos-overlap.json)', () => {
  for (const c of geosRef.cases as { n: number; pairs: number; area_km2: number }[]) {
    it(`N = ${c.n}: same pairs, area within 0.001%`, () => {
      const r = overlapMatrix(projectAreal(makePolygons(c.n).features.map((f) => f.geometry)));
      expect(r.pairs.length + r.touching.length).toBe(c.pairs);
      const km2 = r.pairs.reduce((s, p) => s + p.areaM2, 0) / 1e6;
      expect(Math.abs(km2 - c.area_km2) / c.area_km2).toBeLessThan(1e-5);
    });
  }
});

describe.skipIf(!hasBasemap)('real counties (public/data/basemap.topo.json)', () => {
  it('a county inside its prefecture → its own area; matches GEOS where the data allow', () => {
    const counties = units('counties'), prefs = units('prefectures');
    const C = projectAreal(counties.map((u) => u.geometry));
    const r = overlapMatrix(C, prefs.map((u) => u.geometry));
    const ref = geosRef.basemapCountyInOwnPrefectureM2 as Record<string, number>;
    let compared = 0, ownArea = 0;
    for (const [i, u] of counties.entries()) {
      const own = r.pairs.find((p) => p.a === i && prefs[p.b].adcode === u.parent);
      expect(own, u.adcode).toBeDefined();
      if (Math.abs(own!.areaM2 - C.area[i]) / C.area[i] < 1e-9) ownArea++;
      if (ref[u.adcode] === undefined) continue;
      compared++;
      expect(Math.abs(own!.areaM2 - ref[u.adcode]) / ref[u.adcode], u.adcode).toBeLessThan(1e-6);
    }
    expect(compared).toBeGreaterThan(150);
    // a few counties poke out of their merged prefecture in the basemap itself (docs/analysis.md)
    expect(ownArea).toBeGreaterThan(counties.length - 10);
  });
  it('neighbouring counties sharing arcs → touching, 0 area', () => {
    const counties = units('counties');
    const chengdu = counties.filter((u) => ['510104', '510105', '510106', '510107', '510108'].includes(u.adcode));
    const r = overlapMatrix(chengdu.map((u) => u.geometry));
    expect(r.pairs).toHaveLength(0);
    expect(r.touching.length).toBeGreaterThanOrEqual(6);
  });
});
