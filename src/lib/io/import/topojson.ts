// TopoJSON: each named object becomes one layer (topojson-client decodes arcs and quantisation).
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { ImportError, type RawFeature, type RawLayer } from './types';
import { declaredCrs } from './geojson';

export function parseTopology(obj: Record<string, unknown>, file: string): RawLayer[] {
  if (!Array.isArray(obj.arcs) || obj.objects === null || typeof obj.objects !== 'object' || Array.isArray(obj.objects)) {
    throw new ImportError('bad-topojson', `${file}: TopoJSON needs "arcs" (array) and "objects" (object); nothing imported.`);
  }
  const names = Object.keys(obj.objects as object).filter((k) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype');
  if (names.length === 0) throw new ImportError('empty-file', `${file}: the topology has no objects; nothing imported.`);
  const layers: RawLayer[] = [];
  for (const name of names) {
    const o = (obj.objects as Record<string, unknown>)[name];
    let fc: GeoJSON.FeatureCollection | GeoJSON.Feature;
    try {
      fc = feature(obj as unknown as Topology, o as never) as GeoJSON.FeatureCollection | GeoJSON.Feature;
    } catch (e) {
      throw new ImportError('bad-topojson', `${file}: object "${name}" cannot be decoded (${(e as Error).message}); nothing imported.`);
    }
    const list = fc.type === 'FeatureCollection' ? fc.features : [fc];
    const features: RawFeature[] = list.map((f, index) => ({
      index,
      id: typeof f.id === 'string' || typeof f.id === 'number' ? f.id : undefined,
      geometry: f.geometry,
      properties: f.properties,
    }));
    layers.push({ name, format: 'topojson', features, declaredCrs: declaredCrs(obj), warnings: [], rejected: [] });
  }
  return layers;
}
