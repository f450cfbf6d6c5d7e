import { describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { shiftGeoJSON } from '../../../src/lib/geo/displayShift.ts';
import { wgs84ToGcj02 } from '../../../src/lib/geo/crs.ts';

// Independent reference: gcoord's WGS84→GCJ-02.
const ref = (p: Position) => gcoord.transform([p[0], p[1]] as [number, number], gcoord.WGS84, gcoord.GCJ02);

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const ring: Position[] = [[104.06, 30.66], [104.2, 30.66], [104.2, 30.8], [104.06, 30.66]];
const fc: FeatureCollection = deepFreeze({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 'p', properties: { zh: '成都' }, geometry: { type: 'Point', coordinates: [104.0665, 30.5723, 500] } },
    { type: 'Feature', properties: { n: 1 }, geometry: { type: 'MultiPoint', coordinates: [[105.44, 28.87], [104.78, 29.35]] } },
    { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[104.06, 30.66], [107.47, 31.21]] } },
    { type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: [ring, ring.slice(0, 2)] } },
    { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } },
    { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[ring], [ring]] } },
    {
      type: 'Feature',
      properties: {},
      geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [108.4, 31.2] }, { type: 'LineString', coordinates: ring }] },
    },
    { type: 'Feature', properties: { empty: true }, geometry: null as unknown as Geometry },
    // Outside China: GCJ-02 leaves it alone.
    { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [2.35, 48.86] } },
  ],
});

function positions(g: Geometry | null): Position[] {
  if (!g) return [];
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(positions);
  const flat = (c: unknown): Position[] => (typeof (c as number[])[0] === 'number' ? [c as Position] : (c as unknown[]).flatMap(flat));
  return flat(g.coordinates);
}

describe('shiftGeoJSON (WGS84 → GCJ-02 display copy)', () => {
  const out = shiftGeoJSON(fc, wgs84ToGcj02);

  it('moves every vertex of every geometry type as gcoord does, to < 1e-9°', () => {
    let n = 0;
    fc.features.forEach((f, i) => {
      const before = positions(f.geometry);
      const after = positions(out.features[i].geometry);
      expect(after.length).toBe(before.length);
      before.forEach((p, j) => {
        const [x, y] = ref(p);
        expect(Math.abs(after[j][0] - x)).toBeLessThan(1e-9);
        expect(Math.abs(after[j][1] - y)).toBeLessThan(1e-9);
        n++;
      });
    });
    expect(n).toBe(29); // 1+2+2+6+4+8+5+0+1 vertices
  });

  it('really shifts inside China (hundreds of metres) and not outside', () => {
    const p = out.features[0].geometry as { coordinates: Position };
    const dLon = p.coordinates[0] - 104.0665;
    const dLat = p.coordinates[1] - 30.5723;
    const metres = Math.hypot(dLon * 111320 * Math.cos((30.57 * Math.PI) / 180), dLat * 110574);
    expect(metres).toBeGreaterThan(200);
    expect(metres).toBeLessThan(800);
    expect((out.features[8].geometry as { coordinates: Position }).coordinates).toEqual([2.35, 48.86]);
  });

  it('keeps ids, properties, elevation and null geometries; leaves the frozen input untouched', () => {
    expect(out.features[0].id).toBe('p');
    expect(out.features[0].properties).toBe(fc.features[0].properties);
    expect((out.features[0].geometry as { coordinates: Position }).coordinates[2]).toBe(500);
    expect(out.features[7].geometry).toBeNull();
    expect(out).not.toBe(fc);
    expect((fc.features[0].geometry as { coordinates: Position }).coordinates).toEqual([104.0665, 30.5723, 500]);
  });

  it('shifts a bare geometry and a single feature', () => {
    const g = shiftGeoJSON({ type: 'Point', coordinates: [104, 30] }, wgs84ToGcj02);
    expect(g.coordinates[0]).toBeCloseTo(ref([104, 30])[0], 9);
    const f = shiftGeoJSON(fc.features[2], wgs84ToGcj02);
    expect(f.type).toBe('Feature');
    expect(positions(f.geometry)[1][1]).toBeCloseTo(ref([107.47, 31.21])[1], 9);
  });
});
