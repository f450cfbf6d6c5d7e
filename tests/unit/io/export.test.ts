import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Feature, Geometry, Polygon, Position } from 'geojson';
import { exportLayer } from '../../../src/lib/io/formats/index';
import { exportCsv } from '../../../src/lib/io/formats/csv';
import { escapeFormula, unescapeFormula } from '../../../src/lib/io/csvWriter';
import { exportGeoJson } from '../../../src/lib/io/formats/geojson';
import { exportTopoJson } from '../../../src/lib/io/formats/topojson';
import { parseWkt, formatWkt } from '../../../src/lib/io/wkt';
import { importFile } from '../../../src/lib/io/importFile';
import { fixture, metres, truth } from './helpers';
import { tm } from '../../../src/lib/i18n/catalog';

const enc = (s: string) => new TextEncoder().encode(s);
const reimport = async (file: { name: string; content: string }, options = {}) => importFile(file.name, enc(file.content), options);

const signedArea = (r: Position[]) => r.slice(0, -1).reduce((s, p, i) => s + p[0] * r[i + 1][1] - r[i + 1][0] * p[1], 0);

describe('GeoJSON export', () => {
  it('follows RFC 7946: WGS84, right-hand rule, 7 decimals, no crs member', async () => {
    const clockwiseOuter: Feature<Polygon> = {
      type: 'Feature',
      properties: { name: 'z' },
      geometry: { type: 'Polygon', coordinates: [[[104.3, 30.3], [104.3, 30.6], [104.7, 30.6], [104.7, 30.3], [104.3, 30.3]], [[104.45, 30.4], [104.55, 30.4], [104.55, 30.5], [104.45, 30.5], [104.45, 30.4]]] },
    };
    const pt: Feature = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [104.123456789, 30.987654321] } };
    const out = exportGeoJson([clockwiseOuter, pt], { name: '示范区' });
    expect(out.files[0].name).toBe('示范区.geojson');
    const parsed = JSON.parse(out.files[0].content);
    expect(parsed.crs).toBeUndefined();
    const rings = parsed.features[0].geometry.coordinates as Position[][];
    expect(signedArea(rings[0])).toBeGreaterThan(0); // exterior counter-clockwise
    expect(signedArea(rings[1])).toBeLessThan(0); // hole clockwise
    expect(parsed.features[1].geometry.coordinates).toEqual([104.1234568, 30.9876543]);
    expect(out.crsNote).toMatch(/WGS84/);
  });

  it('to a GK zone: metres to 1 mm, crs member and note record the choice, re-import restores WGS84 within 1 m', async () => {
    const features: Feature[] = truth.places.map((p) => ({ type: 'Feature', properties: { name: p.name }, geometry: { type: 'Point', coordinates: p.lonlat } }));
    const out = exportGeoJson(features, { name: 'gk', crs: 'EPSG:4544' });
    const parsed = JSON.parse(out.files[0].content);
    expect(parsed.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::4544');
    expect(out.crsNote).toMatch(/Gauss-Kruger \(EPSG:4544, central meridian 105°E\)/);
    expect(tm(out.crsNoteMsg!, 'zh')).toMatch(/中央经线 105°E/);
    const x = parsed.features[0].geometry.coordinates[0] as number;
    expect(x).toBeGreaterThan(100000);
    expect(Math.round(x * 1000) / 1000).toBe(x);
    const back = await reimport(out.files[0]);
    expect(back.layers[0].crs).toMatchObject({ used: 'EPSG:4544' });
    back.layers[0].features.forEach((f, i) => expect(metres((f.geometry as GeoJSON.Point).coordinates, truth.places[i].lonlat)).toBeLessThan(1));
  });

  it('to GCJ-02: says it is not RFC 7946, and re-imports as GCJ-02', async () => {
    const features: Feature[] = [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: truth.places[0].lonlat } }];
    const out = exportGeoJson(features, { name: 'gcj', crs: 'GCJ-02' });
    expect(out.crsNote).toMatch(/Not valid RFC 7946/);
    const back = await reimport(out.files[0]);
    expect(back.layers[0].crs.used).toBe('GCJ-02');
    expect(metres((back.layers[0].features[0].geometry as GeoJSON.Point).coordinates, truth.places[0].lonlat)).toBeLessThan(0.05);
  });
});

describe('CSV export', () => {
  it('points as lon/lat, other geometries as WKT, with BOM and formula cells neutralised', () => {
    const out = exportCsv(
      [
        { type: 'Feature', properties: { name: '=cmd|calc', n: 3 }, geometry: { type: 'Point', coordinates: [104.1, 30.6] } },
        { type: 'Feature', properties: { name: '-2+3', n: null }, geometry: { type: 'LineString', coordinates: [[104, 30], [105, 31]] } },
      ],
      { name: 'x' },
    );
    const text = out.files[0].content;
    expect(text.startsWith('\uFEFFlon,lat,wkt,name,n\r\n')).toBe(true);
    expect(text).toContain("104.1,30.6,,'=cmd|calc,3");
    expect(text).toContain(",,\"LINESTRING (104 30, 105 31)\",'-2+3,");
    // No cell starts with a formula trigger once the leading quote is accounted for.
    for (const line of text.slice(1).split('\r\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/);
  });

  it('GK export writes x/y and a .prj our importer recognises', async () => {
    const out = exportCsv([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: truth.places[0].lonlat } }], { name: 'gk', crs: 'EPSG:4545' });
    expect(out.files.map((f) => f.name)).toEqual(['gk.csv', 'gk.prj']);
    expect(out.files[0].content).toMatch(/^\uFEFFx,y,wkt\r\n/);
    const { matchPrj } = await import('../../../src/lib/geo/crs');
    expect(matchPrj(out.files[1].content)?.id).toBe('EPSG:4545');
    const back = await reimport(out.files[0], { crs: 'EPSG:4545' });
    expect(metres((back.layers[0].features[0].geometry as GeoJSON.Point).coordinates, truth.places[0].lonlat)).toBeLessThan(1);
  });

  it('BD-09 export names its columns so re-import knows the CRS', async () => {
    const out = exportLayer([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: truth.places[1].lonlat } }], 'csv', { name: 'bd', crs: 'BD-09' });
    expect(out.files[0].content).toMatch(/^\uFEFFbd09_lon,bd09_lat,/);
    const back = await reimport(out.files[0]);
    expect(back.layers[0].crs.used).toBe('BD-09');
    expect(metres((back.layers[0].features[0].geometry as GeoJSON.Point).coordinates, truth.places[1].lonlat)).toBeLessThan(0.05);
  });

  it('formula escaping is reversible (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(unescapeFormula(escapeFormula(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
    // Anything starting with a formula trigger is written behind an apostrophe.
    fc.assert(
      fc.property(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string(), (c, s) => {
        expect(escapeFormula(c + s)).toBe(`'${c}${s}`);
      }),
    );
  });
});

// --- round-trip properties ---
// Whole micro-degrees, so the values are exactly what a 7-decimal export writes.
const lonU = fc.integer({ min: 97_400_000, max: 110_200_000 });
const latU = fc.integer({ min: 26_000_000, max: 34_300_000 });
const pos = fc.tuple(lonU, latU).map(([x, y]): Position => [x / 1e6, y / 1e6]);
const text = fc.string({ maxLength: 12 }).filter((s) => !s.includes('\u0000'));
const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k) && k.trim() === k && k.length > 0);
const square = fc.tuple(lonU, latU).map(([x, y]): Geometry => {
  const p = (a: number, b: number): Position => [a / 1e6, b / 1e6];
  return { type: 'Polygon', coordinates: [[p(x, y), p(x + 10000, y), p(x + 10000, y + 10000), p(x, y + 10000), p(x, y)]] };
});
const geometry = fc.oneof(
  pos.map((p): Geometry => ({ type: 'Point', coordinates: p })),
  fc.array(pos, { minLength: 2, maxLength: 5 }).map((c): Geometry => ({ type: 'LineString', coordinates: c })),
  square,
);

describe('export → import identity (properties)', () => {
  it('GeoJSON and TopoJSON: same geometries (to 1e-7°), properties and ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ geometry, properties: fc.dictionary(key, fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 }) }), { minLength: 1, maxLength: 6 }),
        async (items) => {
          const features: Feature[] = items.map((it, i) => ({ type: 'Feature', id: `f${i}`, ...it }));
          for (const exporter of [exportGeoJson, exportTopoJson]) {
            const once = exporter(features, { name: 'rt' });
            const back = await reimport(once.files[0]);
            expect(back.errors).toEqual([]);
            const got = back.layers[0].features;
            expect(got.map((f) => f.id)).toEqual(features.map((f) => f.id));
            expect(got.map((f) => f.properties)).toEqual(features.map((f) => Object.fromEntries(Object.entries(f.properties ?? {}))));
            expect(got.map((f) => f.geometry)).toEqual(features.map((f) => f.geometry));
            // And a second export is byte-identical.
            expect(exporter(got, { name: 'rt' }).files[0].content).toBe(once.files[0].content);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('CSV: same geometries and string properties; a second export is byte-identical', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(geometry, { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(key.filter((k) => !['lon', 'lat', 'wkt', 'x', 'y'].includes(k.toLowerCase())), { minLength: 1, maxLength: 3 }),
        fc.array(text, { minLength: 18, maxLength: 18 }),
        async (geoms, keys, values) => {
          const features: Feature[] = geoms.map((g, i) => ({ type: 'Feature', geometry: g, properties: Object.fromEntries(keys.map((k, j) => [k, values[(i * 3 + j) % 18]])) }));
          const once = exportCsv(features, { name: 'rt' });
          const back = await reimport(once.files[0], { csvColumns: { x: 'lon', y: 'lat' } });
          expect(back.errors).toEqual([]);
          const got = back.layers[0].features;
          expect(got.map((f) => f.geometry)).toEqual(features.map((f) => f.geometry));
          expect(got.map((f) => f.properties)).toEqual(features.map((f) => f.properties));
          expect(exportCsv(got, { name: 'rt' }).files[0].content).toBe(once.files[0].content);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('WKT write/read identity', () => {
    fc.assert(
      fc.property(geometry, (g) => {
        expect(parseWkt(formatWkt(g))).toEqual(g);
      }),
    );
    expect(parseWkt('MULTIPOINT ((1 2), (3 4))')).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] });
    expect(parseWkt('POINT Z (1 2 3)')).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(() => parseWkt('POLYGON ((1 2, 3 4)')).toThrow(/expected/);
  });
});

it('re-exported fixture Shapefile (GBK, GK) → GeoJSON keeps the Chinese names', async () => {
  const r = await importFile('shp-gk105.zip', fixture('shp-gk105.zip'));
  const out = exportGeoJson(r.layers[0].features, { name: r.layers[0].name });
  expect(JSON.parse(out.files[0].content).features.map((f: Feature) => f.properties?.['名称'])).toEqual(truth.places.map((p) => p.name));
});

describe('export names and bundles', () => {
  it('names say the coordinate system; a CSV and its .prj travel as one zip that re-imports in place', async () => {
    const { exportBaseName, bundleFiles } = await import('../../../src/lib/io/output');
    expect(exportBaseName('站点', undefined)).toBe('站点_wgs84');
    expect(exportBaseName('站点', 'GCJ-02')).toBe('站点_gcj02');
    expect(exportBaseName('站点', 'EPSG:4490')).toBe('站点_cgcs2000');
    expect(exportBaseName('站点', 'EPSG:4545')).toBe('站点_epsg4545');
    const base = exportBaseName('站点', 'EPSG:4545');
    const out = exportCsv([{ type: 'Feature', properties: { 名称: '甲' }, geometry: { type: 'Point', coordinates: truth.places[0].lonlat } }], { name: base, crs: 'EPSG:4545' });
    const zip = bundleFiles(out.files, base);
    expect(zip.name).toBe('站点_epsg4545.zip');
    expect(bundleFiles(out.files, base).bytes).toEqual(zip.bytes); // same export, same bytes
    // Re-import: the .prj inside names the system, no choice needed.
    const back = await importFile(zip.name, zip.bytes);
    expect(back.errors).toEqual([]);
    expect(back.layers[0]).toMatchObject({ name: '站点_epsg4545' });
    expect(back.layers[0].crs.used).toBe('EPSG:4545');
    expect(back.layers[0].features[0].properties).toMatchObject({ 名称: '甲' });
    expect(metres((back.layers[0].features[0].geometry as GeoJSON.Point).coordinates, truth.places[0].lonlat)).toBeLessThan(1);
  });
});

describe('CSV columns for two-language values', () => {
  it('a drawn feature’s name {zh, en} becomes name_zh and name_en', () => {
    const out = exportCsv([{ type: 'Feature', properties: { name: { zh: '示范区', en: 'Pilot zone' }, years: { start: 2024 } }, geometry: { type: 'Point', coordinates: [104.1, 30.6] } }], { name: 'd' });
    const [header, row] = out.files[0].content.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('lon,lat,wkt,name_zh,name_en,years');
    expect(row).toBe('104.1,30.6,,示范区,Pilot zone,"{""start"":2024}"');
  });
});
