// TopoJSON export (topojson-server, unquantised so coordinates survive a round trip exactly).
import { topology } from 'topojson-server';
import { crsMember, crsNote, defaultPrecision, projectGeometry, safeFileName, targetCrs, type ExportFeature, type ExportOptions, type ExportResult } from './common';

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
    crs: crs.id,
  };
}
