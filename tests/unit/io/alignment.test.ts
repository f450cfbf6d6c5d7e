// Datum detection by alignment with the bundled county boundaries (src/lib/io/alignment.ts), on the intake
// fixtures (scripts/fixtures/intake.ts) and on every 10th bundled county moved into each datum.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Geometry, MultiPolygon, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { fromWgs84, getCrs } from '../../../src/lib/geo/crs';
import { mapPositions } from '../../../src/lib/geo/kernel';
import { checkAlignment, DATUMS, referenceFromBasemap, type AlignmentReference } from '../../../src/lib/io/alignment';
import { importFile } from '../../../src/lib/io/importFile';
import { renderIo } from '../../../src/lib/io/messages';
import { metres } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const FIX = join(ROOT, 'tests', 'fixtures', 'intake');
const topo = JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'basemap.topo.json'), 'utf8')) as Topology;
const ref = referenceFromBasemap(topo) as AlignmentReference;
const reference = async () => ref;
const truth = JSON.parse(readFileSync(join(FIX, 'truth.json'), 'utf8')) as { counties: { adcode: string; zh: string; geometry: MultiPolygon }[] };
const bytes = (rel: string) => new Uint8Array(readFileSync(join(FIX, rel)));

/** Largest distance (m) from an imported vertex to the same vertex of the boundary it copies. */
function worstOffset(imported: Geometry, copied: MultiPolygon): number {
  const a: Position[] = [];
  const b = copied.coordinates.flat(2);
  mapPositions(imported, (p) => (a.push(p), p));
  expect(a.length).toBe(b.length);
  // The Shapefile fixture reverses outer rings; compare as sets by nearest same-ring order being irrelevant.
  const bs = new Set(b.map((p) => `${p[0].toFixed(5)},${p[1].toFixed(5)}`));
  let worst = 0;
  for (const p of a) {
    if (bs.has(`${p[0].toFixed(5)},${p[1].toFixed(5)}`)) continue;
    worst = Math.max(worst, Math.min(...b.map((q) => metres(p, q))));
  }
  return worst;
}

describe('alignment check on the intake fixtures', () => {
  it('DataV GCJ-02 file: detected as GCJ-02 by fit and fingerprint, converted, within 5 m of the county it copies', async () => {
    const r = await importFile('datav-gcj02.json', bytes('datav-gcj02.json'), {}, undefined, undefined, { reference });
    expect(r.errors).toEqual([]);
    const l = r.layers[0];
    expect(l.crs.used).toBe('GCJ-02');
    expect(l.alignment).toMatchObject({ datum: 'GCJ-02', confidence: 'high', applied: true, matchedBy: 'adcode', matched: 3, alternative: 'EPSG:4326' });
    expect(l.alignment!.fingerprint).toEqual(expect.arrayContaining(['adcode', 'acroutes', 'center', 'centroid', 'parent', 'level']));
    const fit = Object.fromEntries(l.alignment!.fits.map((f) => [f.datum, f.medianM]));
    expect(fit['GCJ-02']).toBeLessThan(5);
    expect(fit['EPSG:4326']).toBeGreaterThan(200);
    expect(l.alignment!.shiftM).toBeGreaterThan(200);
    expect(l.alignment!.shiftM).toBeLessThan(700);
    l.features.forEach((f, i) => expect(worstOffset(f.geometry, truth.counties[i].geometry)).toBeLessThan(5));
    const zh = l.alignment!.msgs.map((m) => renderIo(m, 'zh')).join('');
    expect(zh).toMatch(/看起来是 GCJ-02（高德\/DataV）坐标：已平移约 \d+ 米转为 WGS84；与县界的吻合度 \d+ 米，按 WGS84 则为 \d+ 米/);
    expect(renderIo(l.alignment!.msgs[0], 'en')).toMatch(/^Looks like GCJ-02 \(Gaode\/DataV\): shifted by ~\d+ m to WGS84; fit to county boundaries \d+ m vs \d+ m as WGS84\.$/);
    expect(zh).toMatch(/把握：高/);
    expect(zh).toMatch(/DataV\/高德/);
  });

  it('the one-click alternative (WGS84) keeps the numbers and still reports the fit', async () => {
    const r = await importFile('datav-gcj02.json', bytes('datav-gcj02.json'), { crs: 'EPSG:4326' }, undefined, undefined, { reference });
    const l = r.layers[0];
    expect(l.crs.used).toBe('EPSG:4326');
    expect(l.alignment).toMatchObject({ datum: 'GCJ-02', applied: false });
  });

  it('Gaode-style Shapefile (GBK names, no .prj, no attributes DataV knows): GCJ-02 by nearest-boundary fit', async () => {
    const r = await importFile('gaode-gbk.zip', bytes('gaode-gbk.zip'), {}, undefined, undefined, { reference });
    expect(r.errors).toEqual([]);
    const l = r.layers[0];
    expect(l.name).toBe('资阳县界');
    expect(l.zipNames).toBe('gbk');
    expect(l.features.map((f) => f.properties['名称'])).toEqual(truth.counties.map((c) => c.zh));
    expect(l.crs.used).toBe('GCJ-02');
    expect(l.alignment).toMatchObject({ datum: 'GCJ-02', applied: true, fingerprint: [] });
    expect(['nearest', 'name']).toContain(l.alignment!.matchedBy);
    l.features.forEach((f, i) => expect(worstOffset(f.geometry, truth.counties[i].geometry)).toBeLessThan(5));
  });

  it('loose WGS84 parts with a .prj: the .prj stands, and the check confirms WGS84', async () => {
    const names = ['地块.shx', '地块.dbf', '地块.prj', '地块.cpg'];
    const parts = new Map(names.map((n) => [n, bytes(`loose/${n}`)]));
    const r = await importFile('地块.shp', bytes('loose/地块.shp'), {}, undefined, undefined, { parts, reference });
    const l = r.layers[0];
    expect(l.crs.used).toBe('EPSG:4490');
    expect(l.alignment).toMatchObject({ datum: 'EPSG:4326', applied: false, alternative: 'GCJ-02' });
    expect(l.features[0].properties['地块名称']).toBe('简阳市地块');
  });

  it('points cannot be checked, and say so', () => {
    const rep = checkAlignment([{ geometry: { type: 'Point', coordinates: [104.5, 30.4] }, properties: {} }], ref);
    expect(rep).toMatchObject({ datum: null, confidence: 'none' });
    expect(renderIo(rep.msgs[0], 'zh')).toMatch(/只有点要素/);
  });
});

describe('hit rate: every 10th bundled county, no attributes, in each datum', () => {
  const fc = feature(topo, topo.objects.counties as never) as unknown as GeoJSON.FeatureCollection<Geometry, { adcode: string }>;
  const sample = fc.features.filter((f, i) => i % 10 === 0 && f.geometry && f.geometry.type !== 'Point');
  it(`detects the datum of ${sample.length} counties × 3 datums`, () => {
    let hits = 0;
    let wrong = 0;
    for (const f of sample) {
      for (const datum of DATUMS) {
        const crs = getCrs(datum)!;
        const geometry = datum === 'EPSG:4326' ? f.geometry : mapPositions(f.geometry, (p) => fromWgs84(crs, [p[0], p[1]]));
        const rep = checkAlignment([{ geometry, properties: {} }], ref);
        if (rep.datum === datum) hits++;
        else if (rep.datum !== null) wrong++;
      }
    }
    const n = sample.length * 3;
    console.log(`alignment hit rate: ${hits}/${n} right, ${wrong} wrong, ${n - hits - wrong} undecided`);
    expect(wrong).toBe(0);
    expect(hits / n).toBeGreaterThan(0.9);
  });
});
