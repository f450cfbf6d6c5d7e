import { existsSync, readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import type { Jurisdiction } from '../../../src/lib/analysis/jurisdiction.ts';

export const shapes = JSON.parse(readFileSync('tests/fixtures/analysis/in/shapes.geojson', 'utf8')) as FeatureCollection;
export const golden = JSON.parse(readFileSync('tests/fixtures/analysis/out/measures.json', 'utf8'));
export const geosRef = JSON.parse(readFileSync('tests/fixtures/analysis/out/geos-overlap.json', 'utf8'));
export const shape = (id: string): Geometry => (shapes.features.find((f) => f.id === id) as Feature).geometry;

/** Axis-aligned lon/lat box. */
export const box = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

const BASEMAP = 'public/data/basemap.topo.json';
export const hasBasemap = existsSync(BASEMAP);
export function units(level: 'counties' | 'prefectures'): Jurisdiction[] {
  const topo = JSON.parse(readFileSync(BASEMAP, 'utf8')) as Topology;
  const fc = topoFeature(topo, topo.objects[level] as GeometryObject) as unknown as FeatureCollection<Polygon, Record<string, string>>;
  return fc.features.map((f) => ({ adcode: f.properties.adcode, zh: f.properties.zh, en: f.properties.en, level: f.properties.level as Jurisdiction['level'], parent: f.properties.parent, geometry: f.geometry }));
}
