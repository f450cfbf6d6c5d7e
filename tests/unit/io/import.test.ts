import { describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import type { Point } from 'geojson';
import { importFile } from '../../../src/lib/io/importFile';
import type { ImportResult } from '../../../src/lib/io/types';
import { fixture, metres, truth } from './helpers';

const load = (rel: string, options = {}) => importFile(rel.replace(/^.*\//, ''), fixture(rel), options);
const points = (r: ImportResult, layer = 0) => r.layers[layer].features.filter((f) => f.geometry.type === 'Point').map((f) => (f.geometry as Point).coordinates);
const names = truth.places.map((p) => p.name);

function expectAtTruth(coords: number[][], toleranceM: number) {
  expect(coords).toHaveLength(truth.places.length);
  coords.forEach((c, i) => expect(metres(c, truth.places[i].lonlat)).toBeLessThan(toleranceM));
}

describe('each format imports to the expected features', () => {
  it('GeoJSON', async () => {
    const r = await load('plan.geojson');
    expect(r.errors).toEqual([]);
    const l = r.layers[0];
    expect(l.format).toBe('geojson');
    expect(l.features.map((f) => f.geometry.type)).toEqual(['Point', 'Point', 'Point', 'LineString', 'Polygon']);
    expect(l.features.map((f) => f.id)).toEqual(['P1', 'P2', 'P3', 'C1', 'Z1']);
    expect(l.features[4].properties).toEqual({ name: '示范区', kind: 'pilotZone' });
    expect(l.crs.used).toBe('EPSG:4326');
    expectAtTruth(points(r), 0.01);
  });

  it('TopoJSON (object name becomes the layer name)', async () => {
    const r = await load('plan.topojson');
    expect(r.errors).toEqual([]);
    expect(r.layers[0].name).toBe('plan');
    expect(r.layers[0].features.map((f) => f.properties.name)).toEqual([...names, '成资走廊', '示范区']);
    expect((r.layers[0].features[4].geometry as GeoJSON.Polygon).coordinates).toHaveLength(2);
    expectAtTruth(points(r), 0.01);
  });

  it('KML and KMZ (WGS84 by definition; HTML description kept as text)', async () => {
    for (const f of ['plan.kml', 'plan.kmz']) {
      const r = await load(f);
      expect(r.errors).toEqual([]);
      const l = r.layers[0];
      expect(l.name).toBe('成资同城化');
      expect(l.crs.detected.confidence).toBe('high');
      expect(l.features.map((x) => x.geometry.type)).toEqual(['Point', 'Point', 'Point', 'LineString', 'Polygon']);
      expect(l.features[0].properties.description).toBe('<b>Ziyang centre</b>');
      expect(l.warnings.some((w) => w.code === 'html-in-attribute')).toBe(true);
      expectAtTruth(points(r), 0.01);
    }
  });

  it('CSV with lon/lat', async () => {
    const r = await load('points-lonlat.csv');
    expect(r.errors).toEqual([]);
    expect(r.layers[0].features.map((f) => f.properties)).toEqual(truth.places.map((p) => ({ 名称: p.name, en: p.en })));
    expectAtTruth(points(r), 0.01);
  });

  it('CSV in GK zone 35 written X = northing, Y = easting: detected, swapped, within 1 m', async () => {
    const r = await load('points-gk-xy.csv');
    expect(r.errors).toEqual([]);
    const l = r.layers[0];
    expect(l.crs.used).toBe('EPSG:4523');
    expect(l.crs.detected.swapAxes).toBe(true);
    expect(l.warnings.some((w) => w.code === 'crs-guess' && /swapped/.test(w.message))).toBe(true);
    expectAtTruth(points(r), 1);
  });

  it('zipped Shapefile, UTF-8 with .cpg', async () => {
    const r = await load('shp-utf8.zip');
    expect(r.errors).toEqual([]);
    const l = r.layers[0];
    expect(l.encoding).toMatchObject({ used: 'utf-8', source: 'cpg' });
    expect(l.features.map((f) => f.properties)).toEqual(truth.places.map((p, i) => ({ 名称: p.name, EN: p.en, RANK: i + 1 })));
    expectAtTruth(points(r), 0.01);
  });

  it('zipped Shapefile, GBK with .cpg "GBK"', async () => {
    const r = await load('shp-gbk.zip');
    expect(r.layers[0].encoding).toMatchObject({ used: 'gbk', source: 'cpg' });
    expect(r.layers[0].features.map((f) => f.properties['名称'])).toEqual(names);
  });

  it('zipped Shapefile, GBK without .cpg: falls back to GBK, says so, and the user can switch', async () => {
    const r = await load('shp-gbk-nocpg.zip');
    expect(r.layers[0].encoding).toMatchObject({ used: 'gbk', source: 'fallback' });
    expect(r.layers[0].encoding?.alternatives).toContain('utf-8');
    expect(r.layers[0].features.map((f) => f.properties['名称'])).toEqual(names);
    expect(r.layers[0].warnings.find((w) => w.code === 'encoding-guess')?.message).toMatch(/shp-gbk-nocpg\.zip › places\.dbf.*GBK/);
    // Switching to UTF-8 is honoured (and shows mojibake, which is the user's call).
    const forced = await load('shp-gbk-nocpg.zip', { encoding: 'utf-8' });
    expect(forced.layers[0].encoding).toMatchObject({ used: 'utf-8', source: 'option' });
    expect(forced.layers[0].features[0].properties['名称']).not.toBe(names[0]);
  });

  it('GK CM 105°E Shapefile with .prj (EPSG:4544): lands within 1 m of the known WGS84 points', async () => {
    const r = await load('shp-gk105.zip');
    expect(r.errors).toEqual([]);
    expect(r.layers.map((l) => l.name)).toEqual(['places_gk', 'zone_gk']);
    const l = r.layers[0];
    expect(l.crs).toMatchObject({ used: 'EPSG:4544', byUser: false });
    expect(l.crs.detected.confidence).toBe('high');
    expect(l.features.map((f) => f.properties['名称'])).toEqual(names);
    expectAtTruth(points(r), 1);
    // The polygon's outer ring corners land on the WGS84 zone corners, hole intact.
    const zone = r.layers[1].features[0].geometry as GeoJSON.Polygon;
    expect(zone.coordinates).toHaveLength(2);
    for (const corner of [[104.3, 30.3], [104.7, 30.3], [104.7, 30.6], [104.3, 30.6]]) {
      expect(Math.min(...zone.coordinates[0].map((c) => metres(c, corner)))).toBeLessThan(1);
    }
  });

  it('GCJ-02 GeoJSON: assumed WGS84 by default (with the choice offered); with GCJ-02 chosen lands on the truth', async () => {
    const raw = await load('gcj02.geojson');
    expect(raw.layers[0].crs.detected.alternatives).toContain('GCJ-02');
    // The raw numbers sit the expected few hundred metres off, as gcoord computes.
    points(raw).forEach((c, i) => {
      const d = metres(c, truth.places[i].lonlat);
      const expected = metres(gcoord.transform(truth.places[i].lonlat, gcoord.WGS84, gcoord.GCJ02) as number[], truth.places[i].lonlat);
      expect(d).toBeGreaterThan(100);
      expect(d).toBeLessThan(1000);
      expect(Math.abs(d - expected)).toBeLessThan(0.05);
    });
    const r = await load('gcj02.geojson', { crs: 'GCJ-02' });
    expect(r.layers[0].crs).toMatchObject({ used: 'GCJ-02', byUser: true });
    expectAtTruth(points(r), 0.5);
  });

  it('BD-09 CSV with BD-09 chosen lands on the truth', async () => {
    const r = await load('bd09.csv', { crs: 'BD-09' });
    expect(r.errors).toEqual([]);
    expectAtTruth(points(r), 0.5);
  });

  it('reports progress from 0 to 1', async () => {
    const seen: number[] = [];
    await importFile('plan.geojson', fixture('plan.geojson'), {}, (f) => seen.push(f));
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('an aborted signal cancels with a message naming the file', async () => {
    const c = new AbortController();
    c.abort();
    const r = await importFile('plan.geojson', fixture('plan.geojson'), {}, undefined, c.signal);
    expect(r.errors[0]).toMatchObject({ code: 'cancelled' });
    expect(r.errors[0].message).toMatch(/^plan\.geojson: /);
  });
});
