// The place page's list: distances, rounding, years, sorting, radius counts, on hand-made geometry whose
// distances are known (0.01° of latitude ≈ 1.11 km).
import { describe, expect, it } from 'vitest';
import { countsByRadius, nearby, showDistance, sortNearby, yearOf, type NearbyCandidate, type NearbyOrigin } from '../../../src/lib/place/nearby.ts';

const at = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] });
const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});
const c = (id: string, geometry: NearbyCandidate['geometry'], extra: Partial<NearbyCandidate> = {}): NearbyCandidate => ({
  id, zh: id, en: id, kind: 'hub', status: 'planned', accuracy: 'located', geometry, ...extra,
});

const me: NearbyOrigin = { geometry: at(104.5, 30.4), approximate: false };
const candidates = [
  c('station-900m', at(104.5, 30.4081)), // ≈ 898 m north
  c('park-2km', at(104.5, 30.418), { status: 'existing', opened: 2019 }), // ≈ 1.99 km
  c('zone-around', square(104.49, 30.39, 0.02), { kind: 'pilotZone', accuracy: 'schematic', status: 'underConstruction', target: 2027 }),
  c('line-4km', { type: 'LineString', coordinates: [[104.4, 30.436], [104.6, 30.436]] }, { kind: 'corridor', target: 2030 }), // ≈ 3.99 km
  c('far-20km', at(104.5, 30.58)),
  c('no-geometry', null),
];

describe('nearby', () => {
  it('keeps what lies within the radius, nearest part to nearest part, nearest first', () => {
    const items = nearby(me, candidates, 5);
    expect(items.map((i) => i.id)).toEqual(['zone-around', 'station-900m', 'park-2km', 'line-4km']);
    expect(items[0].metres).toBe(0);
    expect(items[1].metres).toBeGreaterThan(880);
    expect(items[1].metres).toBeLessThan(915);
    expect(items[3].metres).toBeGreaterThan(3950);
    expect(items[3].metres).toBeLessThan(4050);
    expect(nearby(me, candidates, 1).map((i) => i.id)).toEqual(['zone-around', 'station-900m']);
  });

  it('marks a schematic element as approximate and rounds it coarsely; located ones to 50 m / 0.1 km', () => {
    const items = Object.fromEntries(nearby(me, candidates, 5).map((i) => [i.id, i.distance]));
    expect(items['zone-around']).toEqual({ kind: 'inside', approx: true });
    expect(items['station-900m']).toEqual({ kind: 'm', value: 900, approx: false });
    expect(items['park-2km']).toEqual({ kind: 'km', value: 2, approx: false });
    expect(items['line-4km']).toEqual({ kind: 'km', value: 4, approx: false });
  });

  it('an approximate origin (a county seat, a coarse fix) makes every distance approximate', () => {
    const items = nearby({ ...me, approximate: true }, candidates, 5);
    expect(items.every((i) => i.distance.approx)).toBe(true);
    expect(items.find((i) => i.id === 'station-900m')!.distance).toEqual({ kind: 'km', value: 1, approx: true });
  });

  it('an area origin measures from its edge and leaves itself out', () => {
    const town: NearbyOrigin = { geometry: square(104.49, 30.39, 0.02), approximate: true, elementId: 'zone-around' };
    const items = nearby(town, candidates, 3);
    expect(items.map((i) => i.id)).toEqual(['station-900m', 'park-2km', 'line-4km']);
    expect(items[0].metres).toBe(0); // the station lies in the square
    expect(items[2].metres).toBeGreaterThan(2800); // the line is ≈ 2.9 km north of the square's top edge
  });

  it('years: since when it exists, expected while being built, target when planned', () => {
    expect(yearOf({ status: 'existing', opened: 2019 })).toEqual({ year: 2019, yearRole: 'since' });
    expect(yearOf({ status: 'underConstruction', started: 2022, target: 2027 })).toEqual({ year: 2027, yearRole: 'expected' });
    expect(yearOf({ status: 'planned', target: 2030 })).toEqual({ year: 2030, yearRole: 'target' });
    expect(yearOf({ status: 'planned', started: 2021 })).toEqual({ year: 2021, yearRole: 'started' });
    expect(yearOf({ status: 'planned' })).toEqual({});
  });

  it('sorts by year, earliest first, undated last, ties by distance', () => {
    const items = sortNearby(nearby(me, candidates, 5), 'year');
    expect(items.map((i) => [i.id, i.year])).toEqual([
      ['park-2km', 2019],
      ['zone-around', 2027],
      ['line-4km', 2030],
      ['station-900m', undefined],
    ]);
  });

  it('counts per offered radius', () => {
    expect(countsByRadius(me, candidates)).toEqual({ 1: 2, 3: 3, 5: 4, 10: 4 });
  });

  it('showDistance: nothing below 50 m or 0.5 km (approximate) pretends to more precision', () => {
    expect(showDistance(12, false)).toEqual({ kind: 'm', value: 50, approx: false });
    expect(showDistance(1049, false)).toEqual({ kind: 'km', value: 1, approx: false });
    expect(showDistance(120, true)).toEqual({ kind: 'km', value: 0.5, approx: true });
    expect(showDistance(2740, true)).toEqual({ kind: 'km', value: 2.5, approx: true });
    expect(showDistance(0, false)).toEqual({ kind: 'inside', approx: false });
  });
});
