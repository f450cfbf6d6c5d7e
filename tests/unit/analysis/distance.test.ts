import { describe, expect, it } from 'vitest';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { union } from 'polyclip-ts';
import { Geodesic } from '../../../src/lib/geo/geodesic.ts';
import { centroidDistance, centroidOf, nearestEdgeDistance } from '../../../src/lib/analysis/distance.ts';
import { checkDistanceClaim, NEIZI_28KM } from '../../../src/lib/analysis/claims.ts';
import { box, golden, hasBasemap, shape, units } from './helpers.ts';

const g = Geodesic.WGS84;
const inv = (a: Position, b: Position) => g.Inverse(a[1], a[0], b[1], b[0]).s12 as number;

/** Independent reference: dense sampling of both boundaries along geodesics, brute-force minimum. */
function bruteNearest(a: Polygon, b: Polygon, perEdge = 200): number {
  const sample = (p: Polygon) => {
    const out: Position[] = [];
    const r = p.coordinates[0];
    for (let i = 0; i + 1 < r.length; i++) {
      const l = g.InverseLine(r[i][1], r[i][0], r[i + 1][1], r[i + 1][0]);
      for (let k = 0; k < perEdge; k++) {
        const q = l.Position((l.s13 * k) / perEdge);
        out.push([q.lon2!, q.lat2!]);
      }
    }
    return out;
  };
  const A = sample(a), B = sample(b);
  let best = Infinity;
  for (const p of A) for (const q of B) best = Math.min(best, inv(p, q));
  return best;
}

describe('distances', () => {
  it('point to point equals GeographicLib (fixture)', () => {
    const d = centroidDistance(shape('neijiang-gov'), shape('zigong-gov'));
    expect(d.metres).toBeCloseTo(golden.distances['neijiang-gov|zigong-gov'], 3);
    expect(nearestEdgeDistance(shape('neijiang-gov'), shape('zigong-gov')).metres).toBeCloseTo(golden.distances['neijiang-gov|zigong-gov'], 3);
  });
  it('nearest edge between two separated areas within 0.5 m of dense brute force', () => {
    const a = shape('county-size-star') as Polygon;
    const b: Polygon = { type: 'Polygon', coordinates: [[[105.5, 29.8], [105.7, 29.75], [105.8, 30.0], [105.55, 30.05], [105.5, 29.8]]] };
    const d = nearestEdgeDistance(a, b).metres;
    const ref = bruteNearest(a, b);
    expect(d).toBeLessThanOrEqual(ref + 1e-6);
    expect(ref - d).toBeLessThan(0.5);
  });
  it('0 when touching, overlapping or contained', () => {
    expect(nearestEdgeDistance(box(104, 30, 104.1, 30.1), box(104.1, 30, 104.2, 30.1)).metres).toBe(0);
    expect(nearestEdgeDistance(box(104, 30, 104.2, 30.1), box(104.1, 30, 104.3, 30.1)).metres).toBe(0);
    expect(nearestEdgeDistance(box(104, 30, 105, 31), box(104.4, 30.4, 104.5, 30.5)).metres).toBe(0);
    expect(nearestEdgeDistance({ type: 'Point', coordinates: [104.45, 30.45] }, box(104, 30, 105, 31)).metres).toBe(0);
  });
  it('centroid of a box is its middle (within 50 m)', () => {
    const c = centroidOf(box(104, 30, 104.2, 30.2));
    expect(inv(c, [104.1, 30.1])).toBeLessThan(50);
  });
});

describe('the documented 28 km Nei–Zi claim', () => {
  it('city halls (gazetteer NZ-002/NZ-003): both figures ≈ 38.0 km, documented figure is shorter', () => {
    const r = checkDistanceClaim(NEIZI_28KM, shape('neijiang-gov'), shape('zigong-gov'), { a: { zh: '内江市政府', en: 'Neijiang government' }, b: { zh: '自贡市政府', en: 'Zigong government' } });
    expect(r.documentedKm).toBe(28);
    expect(r.centroid.km).toBeCloseTo(golden.distances['neijiang-gov|zigong-gov'] / 1000, 6);
    expect(r.verdict).toBe('belowEdges');
    expect(r.explanation.en).toMatch(/28 km.*38\.0 km.*Both are points and the documented figure is shorter/);
    expect(r.explanation.zh).toContain('28 公里');
  });
  it.skipIf(!hasBasemap)('central districts from the basemap: documented figure lies between edges and cores', () => {
    const c = units('counties');
    const merge = (codes: string[]): MultiPolygon => ({
      type: 'MultiPolygon',
      coordinates: union(...(codes.map((k) => (c.find((u) => u.adcode === k)!.geometry as Geometry as MultiPolygon).coordinates) as [never, ...never[]])) as MultiPolygon['coordinates'],
    });
    const neijiang = merge(['511002', '511011']); // 市中区 + 东兴区
    const zigong = merge(['510302', '510303', '510304', '510311']); // 自流井 贡井 大安 沿滩
    const r = checkDistanceClaim(NEIZI_28KM, neijiang, zigong, { a: { zh: '内江中心城区', en: 'Neijiang central districts' }, b: { zh: '自贡中心城区', en: 'Zigong central districts' } });
    expect(r.nearestEdge.km).toBe(0); // 市中区 borders 大安区
    expect(r.centroid.km).toBeGreaterThan(28);
    expect(r.verdict).toBe('betweenEdgesAndCores');
  });
});
