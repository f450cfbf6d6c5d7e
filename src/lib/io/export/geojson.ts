// GeoJSON export: RFC 7946 (WGS84, right-hand rule, 7 decimals) unless the user asked for another CRS.
import { crsMember, crsNote, defaultPrecision, projectGeometry, safeFileName, targetCrs, type ExportFeature, type ExportOptions, type ExportResult } from './common';

export function exportGeoJson(features: ExportFeature[], options: ExportOptions): ExportResult {
  const crs = targetCrs(options.crs);
  const digits = options.precision ?? defaultPrecision(crs);
  const out: Record<string, unknown> = { type: 'FeatureCollection', name: options.name };
  const member = crsMember(crs);
  if (member) out.crs = member;
  out.features = features.map((f) => {
    const o: Record<string, unknown> = { type: 'Feature' };
    if (f.id !== undefined) o.id = f.id;
    o.geometry = f.geometry ? projectGeometry(f.geometry, crs, digits) : null;
    o.properties = f.properties ?? {};
    return o;
  });
  return {
    files: [{ name: `${safeFileName(options.name)}.geojson`, mime: 'application/geo+json', content: JSON.stringify(out) }],
    crsNote: crsNote(crs),
    crs: crs.id,
  };
}
