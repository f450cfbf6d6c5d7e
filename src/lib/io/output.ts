// Shared export helpers (every format's export uses them): target CRS, rounding, RFC 7946 winding, CRS notes.
import type { Feature, Geometry } from 'geojson';
import { fromWgs84, getCrs, WGS84, type CrsDef } from '../geo/crs';
import { mapPositions, rewindPolygons } from '../geo/kernel';
import { inEnglish, plainMsg } from './messages';
import type { Msg } from '../i18n/catalog';
import { strToU8, zipSync } from 'fflate';

export type ExportFeature = Feature<Geometry, Record<string, unknown> | null>;

export interface ExportOptions {
  /** Layer name, used for file names and the TopoJSON object name. */
  name: string;
  /** Target CRS id (default WGS84). GCJ-02 and BD-09 are for pasting into Chinese web maps. */
  crs?: string;
  /** Decimal places; default 7 for degrees (≈1 cm) and 3 for metres (1 mm). */
  precision?: number;
}

export interface ExportFile {
  name: string;
  mime: string;
  content: string;
}

export interface ExportResult {
  files: ExportFile[];
  /** One sentence saying which coordinate system the output is in, shown to the user. */
  crsNote: string;
  /** The same note as a catalog message. */
  crsNoteMsg?: Msg;
  crs: string;
}

export function targetCrs(id: string | undefined): CrsDef {
  if (!id) return WGS84;
  const crs = getCrs(id);
  if (!crs || crs.id === 'PRJ') throw new Error(`cannot export to unknown coordinate system "${id}"`);
  return crs;
}

export function defaultPrecision(crs: CrsDef): number {
  return crs.kind === 'projected' ? 3 : 7;
}

export function roundTo(n: number, digits: number): number {
  const r = Number(n.toFixed(digits));
  return Object.is(r, -0) ? 0 : r;
}

/** WGS84 geometry → target CRS, rounded. Rewinding happens before projecting (all our CRSs keep orientation). */
export function projectGeometry(g: Geometry, crs: CrsDef, digits: number): Geometry {
  return mapPositions(rewindPolygons(g), (p) => {
    const q = crs.id === WGS84.id ? [p[0], p[1]] : fromWgs84(crs, [p[0], p[1]]);
    return [roundTo(q[0], digits), roundTo(q[1], digits)];
  });
}

export function crsNote(crs: CrsDef): string {
  return inEnglish(crsNoteMsg(crs));
}

/** The export's coordinate-system note as a catalog message (shown in the UI's language). */
export function crsNoteMsg(crs: CrsDef): Msg {
  if (crs.id === WGS84.id) return plainMsg('io.export.wgs84');
  if (crs.id === 'GCJ-02') return plainMsg('io.export.gcj02');
  if (crs.id === 'BD-09') return plainMsg('io.export.bd09');
  if (crs.kind === 'offset') return plainMsg('io.export.offset', { name: crs.name });
  if (crs.id === 'EPSG:4490') return plainMsg('io.export.cgcs2000');
  if (crs.centralMeridian !== undefined) return plainMsg('io.export.gk', { id: crs.id, cm: crs.centralMeridian });
  return plainMsg('io.export.projected', { id: crs.id });
}

/** `{name: {zh, en}}` → `{name_zh, name_en}`: a table has one value a cell (drawn features carry both languages). */
export function flattenLocalized(props: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props ?? {})) {
    const both = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((x) => x === 'zh' || x === 'en') && Object.keys(v).length > 0;
    if (both) {
      out[`${k}_zh`] = (v as Record<string, unknown>).zh ?? '';
      out[`${k}_en`] = (v as Record<string, unknown>).en ?? '';
    } else out[k] = v;
  }
  return out;
}

/** The coordinate system as a file-name tag: wgs84, gcj02, bd09, cgcs2000, epsg4544 … */
export function crsTag(crsId: string | undefined): string {
  const id = crsId ?? WGS84.id;
  if (id === WGS84.id) return 'wgs84';
  if (id === 'EPSG:4490') return 'cgcs2000';
  return id.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `<layer>_<crs>`: an export says in its name which coordinate system it is in. */
export const exportBaseName = (layer: string, crsId: string | undefined) => `${layer}_${crsTag(crsId)}`;

/** Several files of one export (a CSV and its .prj) as one zip named after them, so they never part. */
export function bundleFiles(files: ExportFile[], base: string): { name: string; mime: string; bytes: Uint8Array } {
  // fixed time: the same export twice gives the same bytes
  const mtime = new Date(Date.UTC(2020, 0, 1));
  const entries = Object.fromEntries(files.map((f): [string, [Uint8Array, { mtime: Date }]] => [f.name, [strToU8(f.content), { mtime }]]));
  return { name: `${safeFileName(base)}.zip`, mime: 'application/zip', bytes: zipSync(entries, { level: 6 }) };
}

export const safeFileName = (name: string) =>
  [...name].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').slice(0, 120) || 'layer';

/** Esri-style WKT for a .prj, so GIS software reads our exports. */
export function prjFor(crs: CrsDef): string | null {
  const geogcs2000 =
    'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
  if (crs.id === 'EPSG:4326') {
    return 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
  }
  if (crs.id === 'EPSG:4490') return geogcs2000;
  if (crs.centralMeridian !== undefined && crs.proj4) {
    const fe = Number(/\+x_0=(\d+)/.exec(crs.proj4)?.[1] ?? 500000);
    const name = crs.zonePrefix
      ? `CGCS2000_3_Degree_GK_Zone_${crs.centralMeridian / 3}`
      : `CGCS2000_3_Degree_GK_CM_${crs.centralMeridian}E`;
    return (
      `PROJCS["${name}",${geogcs2000},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${fe.toFixed(1)}],` +
      `PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${crs.centralMeridian.toFixed(1)}],` +
      'PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    );
  }
  return null;
}

/** Legacy GeoJSON/TopoJSON `crs` member recording a non-WGS84 export; our importer reads it back. */
export function crsMember(crs: CrsDef): { type: 'name'; properties: { name: string } } | undefined {
  if (crs.id === WGS84.id) return undefined;
  const name = crs.epsg ? `urn:ogc:def:crs:EPSG::${crs.epsg}` : crs.id;
  return { type: 'name', properties: { name } };
}
