import { describe, expect, it } from 'vitest';
import { topology } from 'topojson-server';
import { feature } from 'topojson-client';
import area from '@turf/area';
import distance from '@turf/distance';
import intersect from '@turf/intersect';
import pointToLineDistance from '@turf/point-to-line-distance';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { featureCollection, feature as turfFeature, lineString } from '@turf/helpers';
import gcoord from 'gcoord';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection } from 'topojson-specification';
import { deriveAll, deriveGeometry, junctionPoint, loadBasemap, sharedBorder, unionOfCounties, type Basemap } from '../../../scripts/plan/derive.ts';
import type { AuthoredElement, GeometrySpec } from '../../../src/lib/plan/model.ts';

// Three hand-made "counties": A and B side by side, C across the top of both; A, B, C meet at (104.1, 30.1).
const sq = (x0: number, y0: number, x1: number, y1: number): Position[][] => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
const county = (adcode: string, coords: Position[][]): Feature<Polygon> => ({ type: 'Feature', id: adcode, properties: { adcode }, geometry: { type: 'Polygon', coordinates: coords } });
const A = county('510001', sq(104.0, 30.0, 104.1, 30.1));
const B = county('510002', sq(104.1, 30.0, 104.2, 30.1));
// C has a vertex at the corner, as real neighbouring counties share their border vertices.
const C = county('510003', [[[104.0, 30.1], [104.1, 30.1], [104.2, 30.1], [104.2, 30.2], [104.0, 30.2], [104.0, 30.1]]]);
const fc = <T extends Feature>(features: T[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const LABELS: Record<string, Position> = { '510001': [104.05, 30.05], '510002': [104.15, 30.05], '510003': [104.1, 30.15] };
const labels = Object.entries(LABELS).map(([adcode, coordinates]) => ({ type: 'Feature' as const, properties: { adcode }, geometry: { type: 'Point' as const, coordinates } }));
const river = { type: 'Feature' as const, properties: { zh: '测试河', rank: 2 }, geometry: { type: 'LineString' as const, coordinates: [[104.05, 30.25], [104.05, 30.15], [104.05, 30.05], [104.05, 29.95]] } };
// Unquantized, so decoded coordinates equal the input exactly.
const topo = topology({ counties: fc([A, B, C]), labels: fc(labels), rivers: fc([river]) });
const basemap: Basemap = loadBasemap(topo);
const ctx = { basemap, id: 'test', resolve: () => { throw new Error('no refs'); } };
const km2 = (g: Polygon | MultiPolygon) => area(turfFeature(g)) / 1e6;
const decoded = (code: string) => feature(topo, basemap.counties.get(code)!) as Feature<Polygon>;

describe('counties', () => {
  it('union area equals the sum of the county areas', () => {
    const u = unionOfCounties(basemap, ['510001', '510002', '510003']);
    const sum = ['510001', '510002', '510003'].reduce((s, c) => s + area(decoded(c)), 0);
    expect(area(turfFeature(u))).toBeCloseTo(sum, 0);
    expect(u.coordinates).toHaveLength(1); // one polygon: interior borders dissolved
  });
  it('names the element and field of an unknown adcode', () => {
    expect(() => deriveGeometry({ derive: 'counties', adcodes: ['510001', '999999'] }, ctx)).toThrow(/999999/);
    try {
      deriveGeometry({ derive: 'counties', adcodes: ['999999'] }, ctx);
    } catch (e) {
      expect(e).toMatchObject({ id: 'test', field: 'geometry.adcodes[0]' });
    }
  });
});

describe('borderBuffer', () => {
  const spec: GeometrySpec = { derive: 'borderBuffer', a: ['510001'], b: ['510002'], km: 2 };
  const g = deriveGeometry(spec, ctx) as Polygon | MultiPolygon;
  const ab = unionOfCounties(basemap, ['510001', '510002']);
  const border = sharedBorder(basemap, ['510001'], ['510002']);
  it('the shared border is the meridian 104.1 between 30.0 and 30.1', () => {
    const pts = border.coordinates.flat();
    for (const p of pts) expect(p[0]).toBeCloseTo(104.1, 6);
    expect(Math.min(...pts.map((p) => p[1]))).toBeCloseTo(30.0, 6);
    expect(Math.max(...pts.map((p) => p[1]))).toBeCloseTo(30.1, 6);
  });
  it('lies within a ∪ b', () => {
    const inside = intersect(featureCollection([turfFeature(g), turfFeature(ab)]));
    expect(km2(inside!.geometry)).toBeCloseTo(km2(g), 3);
  });
  it('touches the border and stays within km of it', () => {
    expect(booleanPointInPolygon([104.1, 30.05], g)).toBe(true);
    const line = lineString(border.coordinates[0]);
    const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
    for (const p of rings.flat()) expect(pointToLineDistance(p, line, { units: 'kilometers' })).toBeLessThan(2.05);
    // ~ 2 km × 2 sides × 11.1 km of border
    expect(km2(g)).toBeGreaterThan(40);
    expect(km2(g)).toBeLessThan(46);
  });
  it('fails clearly when the counties do not touch', () => {
    const far = topology({ counties: fc([A, county('510009', sq(105, 30, 105.1, 30.1))]) });
    expect(() => deriveGeometry({ derive: 'borderBuffer', a: ['510001'], b: ['510009'], km: 2 }, { ...ctx, basemap: loadBasemap(far) })).toThrow(/share no border/);
  });
});

describe('points', () => {
  it('junction of three counties is their common corner', () => {
    const p = junctionPoint(basemap, ['510001', '510002', '510003']);
    expect(p[0]).toBeCloseTo(104.1, 6);
    expect(p[1]).toBeCloseTo(30.1, 6);
  });
  it('county point is the basemap label point', () => {
    expect(deriveGeometry({ derive: 'point', at: { county: '510002' } }, ctx)).toEqual({ type: 'Point', coordinates: [104.15, 30.05] });
  });
  it('gcj02 input is shifted to WGS84 by a few hundred metres and round-trips through gcoord', () => {
    const gcj: [number, number] = [104.445, 30.319];
    const g = deriveGeometry({ derive: 'point', at: { lonlat: gcj, datum: 'gcj02' } }, ctx);
    if (g.type !== 'Point') throw new Error('expected a point');
    const shift = distance(gcj, g.coordinates, { units: 'meters' });
    expect(shift).toBeGreaterThan(200);
    expect(shift).toBeLessThan(800);
    const back = gcoord.transform(g.coordinates as [number, number], gcoord.WGS84, gcoord.GCJ02) as number[];
    expect(distance(back, gcj, { units: 'meters' })).toBeLessThan(1);
    // WGS84 input is taken as is
    expect(deriveGeometry({ derive: 'point', at: { lonlat: gcj, datum: 'wgs84' } }, ctx)).toEqual({ type: 'Point', coordinates: gcj });
  });
});

describe('lines, buffers, rivers, refs', () => {
  const el = (id: string, geometry: GeometrySpec): AuthoredElement => ({
    id, kind: 'corridor', mode: 'arterial', name: { zh: id, en: id }, region: 'chengdu-metro', status: 'planned', metrics: [],
    sources: [{ type: 'web', url: 'https://example.org', title: 't' }], accuracy: 'schematic', basis: 'test', related: [], geometry,
  });
  it('a line passes through its points in order, resolving refs', () => {
    const { features, errors } = deriveAll(
      [el('road-x', { derive: 'line', through: [{ county: '510001' }, { ref: 'hub-x' }, { junction: ['510001', '510002', '510003'] }] }),
       el('hub-x', { derive: 'point', at: { lonlat: [104.2, 30.3], datum: 'wgs84' } })],
      basemap,
    );
    expect(errors).toEqual([]);
    const road = features.find((f) => f.properties.id === 'road-x')!;
    expect(road.geometry.type).toBe('LineString');
    const c = (road.geometry as { coordinates: Position[] }).coordinates;
    expect(c[0]).toEqual([104.05, 30.05]);
    expect(c[1]).toEqual([104.2, 30.3]);
    expect(c[2][0]).toBeCloseTo(104.1, 6);
    expect(road.properties).not.toHaveProperty('geometry');
  });
  it('buffer clipped to counties stays inside them', () => {
    const g = deriveGeometry({ derive: 'buffer', of: { derive: 'point', at: { junction: ['510001', '510002', '510003'] } }, km: 3, clipTo: ['510001'] }, ctx) as Polygon;
    // a quarter of a 3 km disc
    expect(km2(g)).toBeGreaterThan(0.24 * Math.PI * 9);
    expect(km2(g)).toBeLessThan(0.26 * Math.PI * 9);
  });
  it('river by name, clipped to counties', () => {
    const all = deriveGeometry({ derive: 'river', name: '测试河' }, ctx);
    expect(all).toEqual({ type: 'MultiLineString', coordinates: [river.geometry.coordinates] });
    const clipped = deriveGeometry({ derive: 'river', name: '测试河', clipTo: ['510001'] }, ctx);
    if (clipped.type !== 'MultiLineString') throw new Error('expected lines');
    for (const p of clipped.coordinates.flat()) expect(booleanPointInPolygon(p, decoded('510001'))).toBe(true);
    // A spans 30.0–30.1 (11.1 km N–S); the clipped run loses at most one 0.005° step at each end
    const len = distance(clipped.coordinates[0][0], clipped.coordinates[0].at(-1)!, { units: 'kilometers' });
    expect(len).toBeGreaterThan(10);
    expect(len).toBeLessThan(11.2);
    expect(() => deriveGeometry({ derive: 'river', name: '无名河' }, ctx)).toThrow(/无名河/);
  });
  it('union of refs covers both parts', () => {
    const { features, errors } = deriveAll(
      [el('pilot-u', { derive: 'union', of: [{ derive: 'ref', id: 'pilot-a' }, { derive: 'counties', adcodes: ['510002'] }] }),
       el('pilot-a', { derive: 'counties', adcodes: ['510001'] })],
      basemap,
    );
    expect(errors).toEqual([]);
    const u = features.find((f) => f.properties.id === 'pilot-u')!.geometry as Polygon | MultiPolygon;
    expect(km2(u)).toBeCloseTo(km2(unionOfCounties(basemap, ['510001', '510002'])), 3);
  });
  it('reports missing and circular refs against the element that uses them', () => {
    const { errors } = deriveAll(
      [el('road-a', { derive: 'line', through: [{ ref: 'road-b' }, { county: '510001' }] }),
       el('road-b', { derive: 'line', through: [{ ref: 'road-a' }, { county: '510001' }] }),
       el('road-c', { derive: 'point', at: { ref: 'hub-none' } })],
      basemap,
    );
    expect(errors.map((e) => e.id).sort()).toEqual(['road-a', 'road-b', 'road-c']);
    expect(errors.find((e) => e.id === 'road-c')!.message).toMatch(/hub-none/);
    expect(errors.some((e) => /circular/.test(e.message))).toBe(true);
  });
});

describe('basemap decoding', () => {
  it('indexes counties, labels and rivers', () => {
    expect([...basemap.counties.keys()]).toEqual(['510001', '510002', '510003']);
    expect(basemap.labels.size).toBe(3);
    expect(basemap.rivers).toHaveLength(1);
    expect((topo.objects.counties as GeometryCollection).geometries).toHaveLength(3);
  });
});
