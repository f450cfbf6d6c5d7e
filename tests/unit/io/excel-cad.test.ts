// Excel (.xlsx) and CAD (.dxf) imports against the fixtures scripts/fixtures/intake.ts writes from the bundled
// county boundaries (truth.json): positions, attributes, the coordinate system, and the messages on the way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { importFile } from '../../../src/lib/io/importFile';
import { renderIo } from '../../../src/lib/io/messages';
import { plainMtext } from '../../../src/lib/io/formats/dxf';
import { geodesicDistance } from '../../../src/lib/geo/geodesic';

const DIR = join(import.meta.dirname, '../../fixtures/intake');
const read = (f: string) => new Uint8Array(readFileSync(join(DIR, f)));
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as { counties: { zh: string; geometry: GeoJSON.MultiPolygon }[] };
const firstVertex = (zh: string) => truth.counties.find((c) => c.zh === zh)!.geometry.coordinates[0][0][0];

describe('Excel workbooks', () => {
  it('a sheet with 名称/经度/纬度 becomes a point layer; the sheet without coordinates is skipped and said', async () => {
    const r = await importFile('stations.xlsx', read('stations.xlsx'));
    expect(r.errors).toEqual([]);
    expect(r.layers).toHaveLength(1);
    const l = r.layers[0];
    expect(l).toMatchObject({ name: 'stations · 站点', format: 'xlsx', labelField: '名称' });
    expect(l.crs.used).toBe('EPSG:4326');
    expect(l.features.map((f) => f.properties['名称'])).toEqual(['简阳市站', '雁江区站', '乐至县站']);
    for (const f of l.features) {
      const at = (f.geometry as GeoJSON.Point).coordinates;
      const want = firstVertex(String(f.properties['名称']).replace(/站$/, ''));
      expect(geodesicDistance(at, want)).toBeLessThan(0.05);
    }
    expect(l.features[0].properties).toMatchObject({ 建成日期: '2020-06-01', 车位: '100' });
    const skipped = l.warnings.find((w) => w.code === 'xlsx-sheet-skipped')!;
    expect(skipped.message).toBe('stations.xlsx: sheet "说明" has no coordinate columns; skipped.');
    expect(renderIo(skipped.msg!, 'zh')).toBe('stations.xlsx：工作表“说明”没有坐标列，已跳过。');
  });

  it('a workbook with no coordinate sheet is refused naming its sheets; a bad row is named by sheet and row', async () => {
    const none = await writeXlsxFile([{ sheet: '名单', data: [[{ value: '名称' }], [{ value: '甲' }]] }]).toBuffer();
    const r = await importFile('names.xlsx', new Uint8Array(none));
    expect(r.layers).toEqual([]);
    expect(r.errors[0].message).toBe('names.xlsx: none of its sheets (名单) has coordinate columns (lon/lat, x/y, 经度/纬度) or a WKT column; nothing imported.');
    const bad = await writeXlsxFile([{ sheet: '点', data: [[{ value: 'lon' }, { value: 'lat' }], [{ value: 104.1 }, { value: 30.6 }], [{ value: '东' }, { value: 30.6 }]] }]).toBuffer();
    const b = await importFile('bad.xlsx', new Uint8Array(bad));
    expect(b.layers[0].features).toHaveLength(1);
    expect(b.layers[0].rejected[0].reason).toMatch(/^bad\.xlsx › sheet "点" row 3: /);
  });

  it('a file named .xlsx that is not a workbook gets a clear message', async () => {
    const r = await importFile('fake.xlsx', read('gaode-gbk.zip'));
    expect(r.layers).toEqual([]);
    expect(r.errors[0].message).toMatch(/^fake\.xlsx: the Excel file could not be read/);
  });
});

describe('CAD drawings (DXF)', () => {
  it('closed polylines in Gauss–Krüger metres land within 5 m of the boundaries they copy; CAD layers and text kept', async () => {
    const r = await importFile('boundaries-gk.dxf', read('boundaries-gk.dxf'));
    expect(r.errors).toEqual([]);
    const l = r.layers[0];
    expect(l.format).toBe('dxf');
    expect(l.crs.used).toBe('EPSG:4544');
    const polys = l.features.filter((f) => f.geometry.type === 'Polygon');
    const texts = l.features.filter((f) => f.properties.entity === 'TEXT');
    expect(polys).toHaveLength(3);
    expect(polys.every((f) => f.properties.layer === '县界')).toBe(true);
    expect(texts.map((f) => f.properties.text)).toEqual(['简阳市', '雁江区', '乐至县']);
    texts.forEach((t, i) => {
      const want = firstVertex(String(t.properties.text));
      expect(geodesicDistance((t.geometry as GeoJSON.Point).coordinates, want)).toBeLessThan(5);
      // every vertex of the polygon, not only the first
      const ring = (polys[i].geometry as GeoJSON.Polygon).coordinates[0];
      const wantRing = truth.counties.find((c) => c.zh === t.properties.text)!.geometry.coordinates[0][0];
      expect(ring).toHaveLength(wantRing.length);
      const worst = Math.max(...ring.map((p, k) => geodesicDistance(p, wantRing[k])));
      expect(worst).toBeLessThan(5);
    });
    const codes = l.warnings.map((w) => w.code);
    expect(codes).toContain('dxf-crs');
    expect(l.warnings.find((w) => w.code === 'dxf-skipped')!.message).toBe('boundaries-gk.dxf: 1 entities of type HATCH ×1 not imported (lines, polylines, points, text, circles and hatches bounded by lines and arcs are).');
  });

  it('binary DXF and garbage are refused with a message', async () => {
    const bin = new TextEncoder().encode('AutoCAD Binary DXF\r\n\x1a\x00rest');
    expect((await importFile('b.dxf', bin)).errors[0].message).toBe('b.dxf: binary DXF is not supported; save it as ASCII DXF from the CAD program.');
    const junk = await importFile('j.dxf', new TextEncoder().encode('0\nSECTION\n2\nENTITIES\n0\nENDSEC\n0\nEOF\n'));
    expect(junk.errors[0].message).toBe('j.dxf: no features in the file; nothing imported.');
  });

  it('a HATCH bounded by a polyline and one bounded by line and arc edges become polygons; a spline-bounded one is named', async () => {
    const pairs = (xs: (string | number)[]) => xs.map(String).join('\n');
    const dxf = pairs([
      0, 'SECTION', 2, 'ENTITIES',
      // polyline boundary, a 100 m square, with one square hole
      0, 'HATCH', 5, 'A1', 8, '用地', 62, 3, 10, 0, 20, 0, 30, 0, 2, 'SOLID', 70, 1, 71, 0, 91, 2,
      92, 3, 72, 0, 73, 1, 93, 4, 10, 500000, 20, 3380000, 10, 500100, 20, 3380000, 10, 500100, 20, 3380100, 10, 500000, 20, 3380100, 97, 0,
      92, 2, 72, 0, 73, 1, 93, 4, 10, 500040, 20, 3380040, 10, 500060, 20, 3380040, 10, 500060, 20, 3380060, 10, 500040, 20, 3380060, 97, 0,
      75, 1, 76, 1, 98, 0,
      // edges: two lines and a half circle (r = 50) closing a D shape
      0, 'HATCH', 5, 'A2', 8, '用地', 10, 0, 20, 0, 30, 0, 2, 'SOLID', 70, 1, 71, 0, 91, 1,
      92, 1, 93, 3,
      72, 1, 10, 501000, 20, 3380000, 11, 501100, 21, 3380000,
      72, 2, 10, 501100, 20, 3380050, 40, 50, 50, 270, 51, 90, 73, 1,
      72, 1, 10, 501100, 20, 3380100, 11, 501000, 21, 3380100,
      97, 0, 75, 1, 76, 1, 98, 0,
      // a spline edge: not approximated
      0, 'HATCH', 5, 'A3', 8, '用地', 10, 0, 20, 0, 30, 0, 2, 'SOLID', 70, 1, 71, 0, 91, 1, 92, 1, 93, 1, 72, 4, 94, 3, 97, 0,
      0, 'ENDSEC', 0, 'EOF',
    ]);
    const r = await importFile('hatch.dxf', new TextEncoder().encode(dxf), { crs: 'EPSG:4544' });
    expect(r.errors).toEqual([]);
    const l = r.layers[0];
    const hatches = l.features.filter((f) => f.properties.entity === 'HATCH');
    expect(hatches.map((f) => f.properties.handle)).toEqual(['A1', 'A2']);
    expect(hatches[0].properties).toMatchObject({ layer: '用地', color: 3, pattern: 'SOLID' });
    const square = hatches[0].geometry as GeoJSON.Polygon;
    expect(square.coordinates.map((ring) => ring.length)).toEqual([5, 5]);
    const d = hatches[1].geometry as GeoJSON.Polygon;
    // the half circle bulges east of x = 501100 by its radius (50 m)
    const east = Math.max(...d.coordinates[0].map((p) => p[0]));
    const eastOf = (lon: number) => geodesicDistance([lon, d.coordinates[0][0][1]], [Math.min(...d.coordinates[0].map((p) => p[0])), d.coordinates[0][0][1]]);
    expect(eastOf(east)).toBeGreaterThan(140);
    expect(eastOf(east)).toBeLessThan(155);
    expect(l.warnings.find((w) => w.code === 'dxf-skipped')!.message).toMatch(/1 entities of type HATCH ×1 not imported/);
  });

  it('MTEXT formatting is reduced to its words', () => {
    expect(plainMtext('{\\fSimSun|b0|i0|c134;成都东站}\\P\\H2.5;二期')).toBe('成都东站\n二期');
  });
});
