import { describe, expect, it } from 'vitest';
import type { LineString } from 'geojson';
import { buildJurisdictionIndex, jurisdictionStats, type Jurisdiction } from '../../../src/lib/analysis/jurisdiction.ts';
import { catchment, catchmentRadii } from '../../../src/lib/analysis/catchment.ts';
import { NearestIndex } from '../../../src/lib/analysis/nearest.ts';
import { Geodesic, geodesicArea, geodesicDistance } from '../../../src/lib/geo/geodesic.ts';
import { box, hasBasemap, units } from './helpers.ts';

const west: Jurisdiction = { adcode: 'W', zh: '西', en: 'West', level: 'county', geometry: box(104, 30, 104.2, 30.2) };
const east: Jurisdiction = { adcode: 'E', zh: '东', en: 'East', level: 'county', geometry: box(104.2, 30, 104.4, 30.2) };
const idx = buildJurisdictionIndex([west, east]);

describe('per-jurisdiction statistics', () => {
  it('a line across two units: km in each = geodesic length of each part', () => {
    const line: LineString = { type: 'LineString', coordinates: [[104.1, 30.1], [104.3, 30.1]] };
    const s = jurisdictionStats(line, idx);
    const w = s.rows.find((r) => r.adcode === 'W')!, e = s.rows.find((r) => r.adcode === 'E')!;
    expect(w.value).toBeCloseTo(geodesicDistance([104.1, 30.1], [104.2, 30.1]) / 1000, 3);
    expect(e.value).toBeCloseTo(geodesicDistance([104.2, 30.1], [104.3, 30.1]) / 1000, 3);
    expect(Math.abs(w.percent + e.percent - 100)).toBeLessThan(1e-4); // pieces split in lon/lat: ≤ 1e-6 relative
  });
  it('a line along the shared border is split half and half', () => {
    const s = jurisdictionStats({ type: 'LineString', coordinates: [[104.2, 30.05], [104.2, 30.15]] }, idx);
    expect(s.rows.map((r) => r.percent)).toEqual([50, 50]);
  });
  it('a line partly outside reports the outside part', () => {
    const s = jurisdictionStats({ type: 'LineString', coordinates: [[104.3, 30.1], [104.5, 30.1]] }, idx);
    expect(s.rows[0].percent).toBeCloseTo(50, 1);
    expect(s.outside.percent).toBeCloseTo(50, 1);
  });
  it('an area across two units: km² and % of each, vs GeographicLib within 0.1%', () => {
    const area = box(104.1, 30.05, 104.3, 30.15);
    const s = jurisdictionStats(area, idx);
    const w = s.rows.find((r) => r.adcode === 'W')!;
    const refW = geodesicArea(box(104.1, 30.05, 104.2, 30.15)) / 1e6;
    expect(Math.abs(w.value - refW) / refW).toBeLessThan(1e-3);
    expect(w.percent).toBeCloseTo(50, 1);
    expect(w.percentOfUnit).toBeCloseTo(25, 1);
  });
  it('a point names its unit', () => {
    const s = jurisdictionStats({ type: 'Point', coordinates: [104.3, 30.1] }, idx);
    expect(s.rows.map((r) => r.adcode)).toEqual(['E']);
  });
  it.skipIf(!hasBasemap)('a real county lies 100% in its own prefecture', () => {
    const c = units('counties').find((u) => u.adcode === '510185')!; // 简阳市
    const s = jurisdictionStats(c.geometry, buildJurisdictionIndex(units('prefectures')));
    expect(s.rows[0].adcode).toBe('510100');
    expect(s.rows[0].percent).toBeGreaterThan(99.99);
  });
});

describe('catchments', () => {
  const hub = { type: 'Point' as const, coordinates: [104.0657, 30.6598] };
  const at = (km: number, azi = 90) => {
    const r = Geodesic.WGS84.Direct(hub.coordinates[1], hub.coordinates[0], azi, km * 1000);
    return { type: 'Point' as const, coordinates: [r.lon2!, r.lat2!] };
  };
  it('rings of 1, 3, 5 km; items in the smallest ring that reaches them', () => {
    const r = catchment(hub, [
      { id: 'a', geometry: at(0.5) },
      { id: 'b', geometry: at(2.9, 10) },
      { id: 'c', geometry: at(3.1, 200) },
      { id: 'd', geometry: at(5.5) },
    ]);
    expect(r.rings.map((x) => x.radiusM)).toEqual([1000, 3000, 5000]);
    expect(r.items.map((i) => [i.id, i.ring])).toEqual([['a', 0], ['b', 1], ['c', 2]]);
  });
  it('travel time at a stated speed: 30 km/h × 10 min = 5 km', () => {
    expect(catchmentRadii({ speedKmh: 30, minutes: [10] })[0].radiusM).toBeCloseTo(5000, 9);
    expect(() => catchmentRadii({ speedKmh: 0, minutes: [10] })).toThrow(/positive speed/);
  });
  it('share of an area inside a ring', () => {
    const r = catchment(hub, [{ id: 'sq', geometry: box(104.0657, 30.6, 104.2, 30.72) }], { radiiKm: [50] });
    expect(r.items[0].shareInside[0]).toBeCloseTo(1, 6);
  });
});

describe('nearest', () => {
  const hubs = [
    { id: 'near', geometry: { type: 'Point' as const, coordinates: [104.07, 30.66] } },
    { id: 'far', geometry: { type: 'Point' as const, coordinates: [104.5, 30.9] } },
    { id: 'mid', geometry: { type: 'Point' as const, coordinates: [104.2, 30.7] } },
  ];
  const index = new NearestIndex(hubs);
  it('nearest hub and k nearest, exact geodesic distances', () => {
    const p = [104.06, 30.65];
    const n = index.nearest(p, 2);
    expect(n.map((h) => h.id)).toEqual(['near', 'mid']);
    expect(n[0].distanceM).toBeCloseTo(geodesicDistance(p, [104.07, 30.66]), 3);
  });
  it('within a radius', () => {
    expect(index.within([104.06, 30.65], 20_000).map((h) => h.id)).toEqual(['near', 'mid']);
  });
});
