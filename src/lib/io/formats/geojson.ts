// GeoJSON. Import: RFC 7946 plus the legacy `crs` member that Chinese tools still write (JSON text that is a
// Topology goes to topojson.ts). Export: RFC 7946 (WGS84, right-hand rule, 7 decimals) unless the user asked for another CRS.
import { msg as ioMsg, plainMsg } from '../messages';
import { getCrs } from '../../geo/crs';
import { decodeText } from '../text';
import { crsMember, crsNote, crsNoteMsg, defaultPrecision, projectGeometry, safeFileName, targetCrs, type ExportFeature, type ExportOptions, type ExportResult } from '../output';
import { ImportError, ioNote, type FileFormat, type RawFeature, type RawLayer } from '../types';
import { parseTopology } from './topojson';

/** JSON.parse with a message that says where the text breaks. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    if (pos) {
      const upTo = text.slice(0, Number(pos[1]));
      const line = upTo.split('\n').length;
      const col = Number(pos[1]) - upTo.lastIndexOf('\n');
      throw new ImportError('bad-json', ioMsg('io.json.badAt', { file, line, col }));
    }
    throw new ImportError('bad-json', ioMsg(/end of (JSON )?input/i.test(msg) ? 'io.json.badEnd' : 'io.json.bad', { file }));
  }
}

/** `crs` member of pre-RFC GeoJSON, e.g. {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}}. */
export function declaredCrs(obj: Record<string, unknown>): RawLayer['declaredCrs'] {
  const crs = obj.crs as { properties?: { name?: unknown } } | undefined;
  const name = crs?.properties?.name;
  if (typeof name !== 'string') return undefined;
  if (/CRS84$/i.test(name)) return { id: 'EPSG:4326', reason: plainMsg('io.crs.memberNames', { name: `${name} (WGS84)` }) };
  const m = /EPSG:{1,2}(\d+)$/i.exec(name);
  if (m) return { id: `EPSG:${m[1]}`, reason: plainMsg('io.crs.memberNames', { name: `EPSG:${m[1]}` }) };
  const named = getCrs(name);
  if (named) return { id: named.id, reason: plainMsg('io.crs.memberNames', { name: named.name }) };
  return undefined;
}

function featureList(obj: Record<string, unknown>, file: string): RawFeature[] {
  const toRaw = (f: unknown, index: number): RawFeature => {
    if (f === null || typeof f !== 'object' || Array.isArray(f)) return { index, geometry: undefined, properties: { value: f } };
    const o = f as Record<string, unknown>;
    const id = typeof o.id === 'string' || typeof o.id === 'number' ? o.id : undefined;
    if (o.type !== 'Feature') {
      // A bare geometry where a feature should be: keep it, it is still usable.
      if (typeof o.type === 'string' && 'coordinates' in o) return { index, id, geometry: o, properties: {} };
      return { index, id, geometry: undefined, properties: o.properties ?? { type: o.type } };
    }
    return { index, id, geometry: o.geometry, properties: o.properties };
  };
  switch (obj.type) {
    case 'FeatureCollection':
      if (!Array.isArray(obj.features)) throw new ImportError('not-geojson', ioMsg('io.json.noFeatures', { file }));
      return obj.features.map(toRaw);
    case 'Feature':
      return [toRaw(obj, 0)];
    case 'Point':
    case 'MultiPoint':
    case 'LineString':
    case 'MultiLineString':
    case 'Polygon':
    case 'MultiPolygon':
    case 'GeometryCollection':
      return [{ index: 0, geometry: obj, properties: {} }];
    default:
      throw new ImportError('not-geojson', ioMsg('io.json.notGeoJson', { file, type: JSON.stringify(obj.type) ?? '—' }));
  }
}

export function parseGeoJsonOrTopoJson(bytes: Uint8Array, file: string, encodingOverride?: string): RawLayer[] {
  const { text, encoding } = decodeText(bytes, file, encodingOverride);
  if (!text.trim()) throw new ImportError('empty-file', ioMsg('io.err.empty', { file }));
  const obj = parseJson(text, file);
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new ImportError('not-geojson', ioMsg('io.json.notObject', { file }));
  }
  const rec = obj as Record<string, unknown>;
  if (rec.type === 'Topology') return parseTopology(rec, file);
  const base = file.replace(/\.[^.]+$/, '');
  const warnings =
    encoding.used !== 'utf-8'
      ? [ioNote(file, 'not-utf8', ioMsg('io.json.notUtf8', { file, encoding: encoding.used.toUpperCase() }))]
      : [];
  return [
    {
      name: typeof rec.name === 'string' && rec.name.trim() ? rec.name : base,
      format: 'geojson',
      features: featureList(rec, file),
      declaredCrs: declaredCrs(rec),
      encoding: encoding.used !== 'utf-8' ? encoding : undefined,
      warnings,
      rejected: [],
    },
  ];
}


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
    crsNoteMsg: crsNoteMsg(crs),
    crs: crs.id,
  };
}

export const geojson: FileFormat = {
  id: 'geojson',
  label: 'GeoJSON',
  extensions: ['geojson', 'json'],
  detect: ({ head }) => head.startsWith('{'),
  import: ({ bytes, name, options }) => parseGeoJsonOrTopoJson(bytes, name, options.encoding),
  export: exportGeoJson,
};
