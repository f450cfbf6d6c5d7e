// TopoJSON. Import: each named object becomes one layer (topojson-client decodes arcs and quantisation).
// Export: topojson-server, unquantised so coordinates survive a round trip exactly.
import { msg } from '../messages';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { Topology } from 'topojson-specification';
import { crsMember, crsNote, crsNoteMsg, defaultPrecision, projectGeometry, safeFileName, targetCrs, type ExportFeature, type ExportOptions, type ExportResult } from '../output';
import { ImportError, type FileFormat, type RawFeature, type RawLayer } from '../types';
import { declaredCrs, parseGeoJsonOrTopoJson } from './geojson';

export function parseTopology(obj: Record<string, unknown>, file: string): RawLayer[] {
  if (!Array.isArray(obj.arcs) || obj.objects === null || typeof obj.objects !== 'object' || Array.isArray(obj.objects)) {
    throw new ImportError('bad-topojson', msg('io.topo.structure', { file }));
  }
  const names = Object.keys(obj.objects as object).filter((k) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype');
  if (names.length === 0) throw new ImportError('empty-file', msg('io.topo.noObjects', { file }));
  const layers: RawLayer[] = [];
  for (const name of names) {
    const o = (obj.objects as Record<string, unknown>)[name];
    let fc: GeoJSON.FeatureCollection | GeoJSON.Feature;
    try {
      fc = feature(obj as unknown as Topology, o as never) as GeoJSON.FeatureCollection | GeoJSON.Feature;
    } catch {
      throw new ImportError('bad-topojson', msg('io.topo.badObject', { file, name }));
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

export function exportTopoJson(features: ExportFeature[], options: ExportOptions): ExportResult {
  const crs = targetCrs(options.crs);
  const digits = options.precision ?? defaultPrecision(crs);
  const fc: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: features.map((f) => {
      const o: GeoJSON.Feature = { type: 'Feature', geometry: projectGeometry(f.geometry, crs, digits), properties: f.properties ?? {} };
      if (f.id !== undefined) o.id = f.id;
      return o;
    }),
  };
  const objectName = options.name || 'layer';
  const topo = topology({ [objectName]: fc }) as unknown as Record<string, unknown>;
  const member = crsMember(crs);
  if (member) topo.crs = member;
  return {
    files: [{ name: `${safeFileName(options.name)}.topojson`, mime: 'application/json', content: JSON.stringify(topo) }],
    crsNote: crsNote(crs),
    crsNoteMsg: crsNoteMsg(crs),
    crs: crs.id,
  };
}

export const topojson: FileFormat = {
  id: 'topojson',
  label: 'TopoJSON',
  extensions: ['topojson'],
  // The JSON reader sends a Topology here, so a .json topology imports as well.
  import: ({ bytes, name, options }) => parseGeoJsonOrTopoJson(bytes, name, options.encoding),
  export: exportTopoJson,
};
