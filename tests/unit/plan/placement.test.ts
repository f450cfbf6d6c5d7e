// Where schematic points are drawn: no two point elements share a spot (issue 14: 简阳's and 雁江's label
// points each carried a stack of elements), every point lies in the counties it is tied to, and a point
// placed by an offset says so in its basis and is schematic.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Point, Position } from 'geojson';
import { deriveAll, loadBasemap, unionOfCounties } from '../../../scripts/plan/derive.ts';
import { loadOsm } from '../../../scripts/plan/osm.ts';
import { loadPlanSources } from '../../../scripts/plan/build-plan.ts';

const ROOT = join(import.meta.dirname, '../../..');
const basemap = loadBasemap(JSON.parse(readFileSync(join(ROOT, 'public/data/basemap.topo.json'), 'utf8')));
const src = loadPlanSources(ROOT, join(ROOT, 'data/sources/seeds'), new Set(basemap.counties.keys()));
const elements = src.files.flatMap((f) => f.data.elements);
const { features } = deriveAll(elements, basemap, loadOsm(ROOT));
const points = features.filter((f) => f.geometry.type === 'Point');

/** Closer than this, two points read as one on the map at city zoom. */
const MIN_APART_M = 200;
/** Pairs that are the same place on purpose (none today; add with a reason). */
const SAME_PLACE: Array<[string, string, string]> = [];

const R = 6371008.8;
function metres(a: Position, b: Position): number {
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return (R * Math.PI * Math.hypot((a[0] - b[0]) * k, a[1] - b[1])) / 180;
}

describe('point placements', () => {
  it('derives the point elements', () => {
    expect(points.length).toBeGreaterThan(80);
  });

  it(`no two point elements lie within ${MIN_APART_M} m of each other unless they are the same place`, () => {
    const allowed = new Set(SAME_PLACE.map(([a, b]) => [a, b].sort().join(' ')));
    const close: string[] = [];
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++) {
        const a = points[i], b = points[j];
        const d = metres((a.geometry as Point).coordinates, (b.geometry as Point).coordinates);
        if (d < MIN_APART_M && !allowed.has([a.properties.id, b.properties.id].sort().join(' ')))
          close.push(`${a.properties.id} – ${b.properties.id}: ${d.toFixed(0)} m`);
      }
    expect(close).toEqual([]);
  });

  it('every schematic point lies inside the counties it is tied to', () => {
    const outside: string[] = [];
    for (const f of points) {
      const c = f.properties.counties;
      if (f.properties.accuracy !== 'schematic' || !c?.length) continue;
      if (!booleanPointInPolygon((f.geometry as Point).coordinates, unionOfCounties(basemap, c))) outside.push(`${f.properties.id} (${c.join(',')})`);
    }
    expect(outside).toEqual([]);
  });

  it('a point given as literal coordinates without a coordinate source is schematic and its basis says how it was placed', () => {
    const literal = elements.filter((e) => 'derive' in e.geometry && e.geometry.derive === 'point' && 'lonlat' in e.geometry.at);
    expect(literal.length).toBeGreaterThan(20);
    for (const e of literal) {
      if (e.sources.some((s) => 'coordinates' in s && s.coordinates === true)) continue;
      expect(e.accuracy, e.id).toBe('schematic');
      // how: a distance and direction from a named point, a river vertex, a point inside a zone, or a stated error
      expect(e.basis, e.id).toMatch(/\d+(\.\d+)? km (north|south|east|west|from)|vertex|inside|±/);
      if (e.basis.includes('placed by an offset')) expect(e.basis, e.id).toMatch(/\d+ km .*bearing \d+(\.\d+)?°/);
    }
  });

  it('the audit’s misplaced points are where the sources say (issue 14)', () => {
    const at = (id: string) => (features.find((f) => f.properties.id === id)!.geometry as Point).coordinates;
    const inCounty = (id: string, c: string) => booleanPointInPolygon(at(id), unionOfCounties(basemap, [c]));
    // 雁江临空配套产业新城: on the surface of 资阳临空经济区, in 雁江, not at the crescent's outside centroid
    const linkong = features.find((f) => f.properties.id === 'cluster-ziyang-linkong')!;
    expect(booleanPointInPolygon(at('park-yanjiang-linkong-supporting'), linkong.geometry as never)).toBe(true);
    expect(inCounty('park-yanjiang-linkong-supporting', '512002')).toBe(true);
    expect(inCounty('station-ziyang-west', '512002')).toBe(true);
    // 长山: north-west of 荣县's seat, ≥ 20 km away (the source: 28 km, the county's north-west gate)
    const rong = basemap.labels.get('510321')!;
    const cs = at('town-changshan');
    expect(metres(cs, rong)).toBeGreaterThan(20_000);
    expect(cs[0]).toBeLessThan(rong[0]);
    expect(cs[1]).toBeGreaterThan(rong[1]);
    expect(inCounty('town-changshan', '510321')).toBe(true);
    // 牛佛港: in 大安, on the 沱江 (a vertex of the basemap river), east of the district's label point
    expect(inCounty('hub-zigong-niufo-port', '510304')).toBe(true);
    const tuo = basemap.rivers.filter((r) => r.properties?.zh === '沱江').flatMap((r) => (r.geometry.type === 'LineString' ? [r.geometry.coordinates] : r.geometry.coordinates)).flat();
    expect(Math.min(...tuo.map((p) => metres(p, at('hub-zigong-niufo-port'))))).toBeLessThan(50);
    expect(at('hub-zigong-niufo-port')[0]).toBeGreaterThan(basemap.labels.get('510304')![0]);
  });
});
