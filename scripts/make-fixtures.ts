// Writes the import/export test fixtures to tests/fixtures/io/. Deterministic: rerunning gives identical bytes.
//   npx tsx scripts/make-fixtures.ts
// Coordinates in other systems are made here with proj4 and gcoord directly (not with src/lib/geo/crs.ts),
// so the tests check our converters against independent references. The places are test points only,
// not plan data: approximate city centres, WGS84.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import proj4 from 'proj4';
import gcoord from 'gcoord';
import { zipSync, strToU8, type Zippable } from 'fflate';
import { topology } from 'topojson-server';
import { encodeGbk, encodeUtf8, writeDbf, writeShp, type Field, type Shape } from './fixtures/writers.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'io');
const BAD = join(OUT, 'bad');
mkdirSync(BAD, { recursive: true });

type XY = [number, number];
const PLACES: { name: string; en: string; lonlat: XY }[] = [
  { name: '资阳市中心', en: 'Ziyang centre', lonlat: [104.6275, 30.1289] },
  { name: '成都天府广场', en: 'Tianfu Square', lonlat: [104.0657, 30.6595] },
  { name: '简阳市', en: 'Jianyang', lonlat: [104.5477, 30.4107] },
];
// A small planning-like polygon east of Chengdu with a hole, and a corridor line (WGS84).
const ZONE_OUTER: XY[] = [[104.3, 30.3], [104.7, 30.3], [104.7, 30.6], [104.3, 30.6], [104.3, 30.3]]; // CCW
const ZONE_HOLE: XY[] = [[104.45, 30.4], [104.45, 30.5], [104.55, 30.5], [104.55, 30.4], [104.45, 30.4]]; // CW
const CORRIDOR: XY[] = [[104.0657, 30.6595], [104.5477, 30.4107], [104.6275, 30.1289]];

// EPSG:4544, CGCS2000 / 3-degree Gauss-Kruger CM 105E (definition as published by EPSG / epsg.io).
const EPSG4544 = '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const EPSG4523 = '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=35500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const gk = (def: string, p: XY): XY => {
  const [x, y] = proj4('EPSG:4326', def).forward(p) as XY;
  return [Number(x.toFixed(4)), Number(y.toFixed(4))];
};
const PRJ_4544 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",' +
  'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],' +
  'PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],' +
  'PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const PRJ_WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

// fflate writes DOS times from local-time getters, so a local-time date gives the same bytes in any TZ.
const MTIME = new Date(2024, 0, 1, 0, 0, 0);
function zip(files: Record<string, Uint8Array | string>, level: 0 | 6 | 9 = 6): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(files)) z[k] = [typeof v === 'string' ? strToU8(v) : v, { mtime: MTIME, level }];
  return zipSync(z);
}

const written: string[] = [];
function write(rel: string, data: Uint8Array | string) {
  const path = join(OUT, rel);
  writeFileSync(path, data);
  written.push(rel);
}
const json = (o: unknown) => `${JSON.stringify(o, null, 1)}\n`;

// ---------- good fixtures ----------
const wgsFeatures = [
  ...PLACES.map((p, i) => ({ type: 'Feature', id: `P${i + 1}`, properties: { name: p.name, en: p.en }, geometry: { type: 'Point', coordinates: p.lonlat } })),
  { type: 'Feature', id: 'C1', properties: { name: '成资走廊', kind: 'corridor' }, geometry: { type: 'LineString', coordinates: CORRIDOR } },
  { type: 'Feature', id: 'Z1', properties: { name: '示范区', kind: 'pilotZone' }, geometry: { type: 'Polygon', coordinates: [ZONE_OUTER, ZONE_HOLE] } },
];
write('plan.geojson', json({ type: 'FeatureCollection', features: wgsFeatures }));
write('plan.topojson', `${JSON.stringify(topology({ plan: { type: 'FeatureCollection', features: wgsFeatures } as GeoJSON.FeatureCollection }))}\n`);

const kmlCoords = (ps: XY[]) => ps.map((p) => `${p[0]},${p[1]},0`).join(' ');
const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document>
<name>成资同城化</name>
${PLACES.map((p) => `<Placemark><name>${p.name}</name><description><![CDATA[<b>${p.en}</b>]]></description><Point><coordinates>${p.lonlat[0]},${p.lonlat[1]},0</coordinates></Point></Placemark>`).join('\n')}
<Placemark><name>成资走廊</name><LineString><coordinates>${kmlCoords(CORRIDOR)}</coordinates></LineString></Placemark>
<Placemark><name>示范区</name><Polygon><outerBoundaryIs><LinearRing><coordinates>${kmlCoords(ZONE_OUTER)}</coordinates></LinearRing></outerBoundaryIs><innerBoundaryIs><LinearRing><coordinates>${kmlCoords(ZONE_HOLE)}</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>
</Document>
</kml>
`;
write('plan.kml', KML);
write('plan.kmz', zip({ 'doc.kml': KML }));

write('points-lonlat.csv', `名称,en,lon,lat\r\n${PLACES.map((p) => `${p.name},${p.en},${p.lonlat[0]},${p.lonlat[1]}`).join('\r\n')}\r\n`);
// Surveyors' order: X = northing, Y = easting with the zone prefix (zone 35, CM 105°E; EPSG:4523).
write(
  'points-gk-xy.csv',
  `名称,X,Y\r\n${PLACES.map((p) => {
    const [e, n] = gk(EPSG4523, p.lonlat);
    return `${p.name},${n},${e}`;
  }).join('\r\n')}\r\n`,
);

// Shapefiles. Shapefile rings: outer clockwise, holes counter-clockwise.
const shpPolygon = (outer: XY[], hole: XY[]): Shape => ({ type: 'Polygon', rings: [[...outer].reverse(), [...hole].reverse()] });
const pointFields: Field[] = [
  { name: '名称', type: 'C', len: 40 },
  { name: 'EN', type: 'C', len: 20 },
  { name: 'RANK', type: 'N', len: 4 },
];
const pointRows = PLACES.map((p, i) => [p.name, p.en, i + 1]);
{
  const { shp, shx } = writeShp(PLACES.map((p) => ({ type: 'Point', p: p.lonlat })));
  write('shp-utf8.zip', zip({ 'places.shp': shp, 'places.shx': shx, 'places.dbf': writeDbf(pointFields, pointRows, encodeUtf8), 'places.prj': PRJ_WGS84, 'places.cpg': 'UTF-8' }));
  const gbkDbf = writeDbf(pointFields, pointRows, encodeGbk);
  write('shp-gbk.zip', zip({ 'places.shp': shp, 'places.shx': shx, 'places.dbf': gbkDbf, 'places.prj': PRJ_WGS84, 'places.cpg': 'GBK' }));
  write('shp-gbk-nocpg.zip', zip({ 'places.shp': shp, 'places.shx': shx, 'places.dbf': gbkDbf, 'places.prj': PRJ_WGS84 }));
}
{
  // EPSG:4544 (no zone prefix) with .prj: points and the pilot-zone polygon.
  const { shp, shx } = writeShp(PLACES.map((p) => ({ type: 'Point', p: gk(EPSG4544, p.lonlat) })));
  const poly = writeShp([shpPolygon(ZONE_OUTER.map((p) => gk(EPSG4544, p)), ZONE_HOLE.map((p) => gk(EPSG4544, p)))]);
  write(
    'shp-gk105.zip',
    zip({
      'places_gk.shp': shp,
      'places_gk.shx': shx,
      'places_gk.dbf': writeDbf(pointFields, pointRows, encodeGbk),
      'places_gk.prj': PRJ_4544,
      'places_gk.cpg': 'GBK',
      'zone_gk.shp': poly.shp,
      'zone_gk.shx': poly.shx,
      'zone_gk.dbf': writeDbf([{ name: 'NAME', type: 'C', len: 20 }], [['示范区']], encodeGbk),
      'zone_gk.prj': PRJ_4544,
      'zone_gk.cpg': 'GBK',
    }),
  );
}
// GCJ-02 GeoJSON (as copied from Gaode) and a BD-09 CSV (as copied from Baidu), made with gcoord.
const gcj = (p: XY) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as XY;
const bd = (p: XY) => gcoord.transform(p, gcoord.WGS84, gcoord.BD09) as XY;
const r7 = (p: XY): XY => [Number(p[0].toFixed(7)), Number(p[1].toFixed(7))];
write(
  'gcj02.geojson',
  json({
    type: 'FeatureCollection',
    features: PLACES.map((p, i) => ({ type: 'Feature', id: `P${i + 1}`, properties: { name: p.name }, geometry: { type: 'Point', coordinates: r7(gcj(p.lonlat)) } })),
  }),
);
write('bd09.csv', `名称,lng,lat\r\n${PLACES.map((p) => `${p.name},${r7(bd(p.lonlat)).join(',')}`).join('\r\n')}\r\n`);
write('truth.json', json({ note: 'WGS84 test points the other-CRS fixtures were made from', places: PLACES }));

// ---------- bad fixtures ----------
const badWrite = (rel: string, data: Uint8Array | string) => write(join('bad', rel), data);
badWrite('malformed.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[104.1,30.6]},\n "properties":{"name":"a"}},\n {"type":"Feature",');
badWrite('empty.geojson', '');
badWrite('empty-collection.geojson', json({ type: 'FeatureCollection', features: [] }));
badWrite('not-geojson.json', json({ hello: 'world' }));
badWrite(
  'bad-geometry.geojson',
  json({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 'ok', properties: { name: 'good' }, geometry: { type: 'Point', coordinates: [104.1, 30.6] } },
      { type: 'Feature', id: 'no-geom', properties: { name: 'missing' }, geometry: null },
      { type: 'Feature', id: 'wrong-type', properties: {}, geometry: { type: 'Circle', coordinates: [104.1, 30.6] } },
      { type: 'Feature', id: 'string-coords', properties: {}, geometry: { type: 'Point', coordinates: ['104.1', '30.6'] } },
      { type: 'Feature', id: 'short-line', properties: {}, geometry: { type: 'LineString', coordinates: [[104.1, 30.6]] } },
    ],
  }),
);
badWrite(
  'rings.geojson',
  json({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 'unclosed', properties: {}, geometry: { type: 'Polygon', coordinates: [[[104.0, 30.0], [104.2, 30.0], [104.2, 30.2], [104.0, 30.2]]] } },
      { type: 'Feature', id: 'bowtie', properties: {}, geometry: { type: 'Polygon', coordinates: [[[104.0, 30.0], [104.2, 30.2], [104.2, 30.0], [104.0, 30.2], [104.0, 30.0]]] } },
      { type: 'Feature', id: 'two-points', properties: {}, geometry: { type: 'Polygon', coordinates: [[[104.0, 30.0], [104.2, 30.0], [104.0, 30.0]]] } },
    ],
  }),
);
badWrite(
  'out-of-range.geojson',
  json({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 'a', properties: {}, geometry: { type: 'Point', coordinates: [104.1, 30.6] } },
      { type: 'Feature', id: 'b', properties: {}, geometry: { type: 'Point', coordinates: [104.2, 30.7] } },
      { type: 'Feature', id: 'far', properties: {}, geometry: { type: 'LineString', coordinates: [[104.1, 30.6], [200, 95]] } },
    ],
  }),
);
badWrite(
  'unknown-projected.geojson',
  json({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [98765432.1, 12345.6] } }] }),
);
{
  const pts = writeShp(PLACES.map((p) => ({ type: 'Point', p: gk(EPSG4544, p.lonlat) })));
  badWrite('projected-no-prj.zip', zip({ 'gk.shp': pts.shp, 'gk.shx': pts.shx, 'gk.dbf': writeDbf(pointFields, pointRows, encodeUtf8), 'gk.cpg': 'UTF-8' }));
  const wgs = writeShp(PLACES.map((p) => ({ type: 'Point', p: p.lonlat })));
  badWrite('shp-no-dbf.zip', zip({ 'places.shp': wgs.shp, 'places.shx': wgs.shx, 'places.prj': PRJ_WGS84 }));
  badWrite(
    'record-mismatch.zip',
    zip({ 'places.shp': wgs.shp, 'places.shx': wgs.shx, 'places.dbf': writeDbf(pointFields, pointRows.slice(0, 2), encodeUtf8), 'places.prj': PRJ_WGS84, 'places.cpg': 'UTF-8' }),
  );
  badWrite('dbf-only.zip', zip({ 'places.dbf': writeDbf(pointFields, pointRows, encodeUtf8) }));
}
// Zip bomb made small: 20 MB of zeros packs to ~20 KB (ratio ~1000).
badWrite('zip-bomb.zip', zip({ 'bomb.shp': new Uint8Array(20_000_000) }, 9));
badWrite(
  'proto-keys.geojson',
  '{"type":"FeatureCollection","features":[{"type":"Feature","id":"p","geometry":{"type":"Point","coordinates":[104.1,30.6]},' +
    '"properties":{"name":"ok","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"nested":{"__proto__":{"x":1},"keep":2}}}]}\n',
);
badWrite(
  'html-attrs.geojson',
  json({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', id: 'h', properties: { name: '<img src=x onerror="alert(1)">', note: '<script>alert(1)</script>' }, geometry: { type: 'Point', coordinates: [104.1, 30.6] } }],
  }),
);
badWrite('formula.csv', 'name,lon,lat\r\n"=HYPERLINK(""http://x"",""y"")",104.1,30.6\r\n@SUM(A1),104.2,30.7\r\nplain,abc,30.7\r\n');
// Oversized: a plain file larger than the 64 KiB limit the test passes (the default limit is 256 MiB).
badWrite(
  'oversized.geojson',
  json({
    type: 'FeatureCollection',
    features: Array.from({ length: 500 }, (_, i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [104 + i / 10000, 30.5] } })),
  }),
);
badWrite('not-kml.kml', '<?xml version="1.0"?><gpx><wpt lat="30" lon="104"/></gpx>\n');
badWrite('xml-bomb.kml', '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><kml><Document><name>&b;</name></Document></kml>\n');

console.log(`wrote ${written.length} fixtures to ${OUT}`);
