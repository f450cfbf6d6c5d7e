// Overlap-matrix benchmark: our indexed kernel vs naive all-pairs Turf in the same run, with the
// GEOS (shapely) and GDAL (ogr2ogr/SQLite) references when installed, plus per-jurisdiction stats.
// Run: npx tsx scripts/bench/overlap.ts   (exports runOverlapBench() for scripts/bench/run.ts)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import area from '@turf/area';
import intersect from '@turf/intersect';
import { featureCollection } from '@turf/helpers';
import { feature as topoFeature } from 'topojson-client';
import type { Topology, GeometryObject } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Geometry } from 'geojson';
import { overlapMatrix, projectAreal } from '../../src/lib/analysis/overlap.ts';
import { buildJurisdictionIndex, jurisdictionStats, type Jurisdiction } from '../../src/lib/analysis/jurisdiction.ts';
import { makePolygons } from './make-polygons.ts';
import { ALBERS_CHINA } from '../../src/lib/analysis/projection.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
type Areal = Polygon | MultiPolygon;
type AFeature = Feature<Areal>;

function polygons(n: number): { fc: FeatureCollection<Areal>; from: string } {
  return { fc: makePolygons(n), from: 'scripts/bench/make-polygons.ts' };
}

export function loadUnits(level: 'counties' | 'prefectures'): Jurisdiction[] | null {
  const p = join(ROOT, 'public/data/basemap.topo.json');
  if (!existsSync(p)) return null;
  const topo = JSON.parse(readFileSync(p, 'utf8')) as Topology;
  const fc = topoFeature(topo, topo.objects[level] as GeometryObject) as unknown as FeatureCollection<Areal, Record<string, string>>;
  return fc.features.map((f) => ({
    adcode: f.properties.adcode,
    zh: f.properties.zh,
    en: f.properties.en,
    level: f.properties.level as Jurisdiction['level'],
    parent: f.properties.parent,
    geometry: f.geometry,
  }));
}

/** Deterministic sample of distinct pairs i < j. */
function samplePairs(n: number, count: number): Uint32Array {
  let s = 7;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out = new Uint32Array(count * 2);
  for (let k = 0; k < count; k++) {
    let i = Math.floor(rnd() * n), j = Math.floor(rnd() * n);
    while (j === i) j = Math.floor(rnd() * n);
    if (j < i) [i, j] = [j, i];
    out[2 * k] = i;
    out[2 * k + 1] = j;
  }
  return out;
}

function turfPair(a: AFeature, b: AFeature): number {
  const x = intersect(featureCollection([a, b]));
  return x ? area(x) : 0;
}

/** Naive all-pairs Turf: every pair, no index. Sampled above `fullLimit` pairs and extrapolated. */
function naiveTurf(feats: AFeature[], fullLimit = 60_000, sample = 20_000): { seconds: number; sampled: boolean; pairs: number; area?: number } {
  const n = feats.length, total = (n * (n - 1)) / 2;
  const t = performance.now();
  if (total <= fullLimit) {
    let pairs = 0, sum = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = turfPair(feats[i], feats[j]);
      if (a > 0) {
        pairs++;
        sum += a;
      }
    }
    return { seconds: (performance.now() - t) / 1000, sampled: false, pairs, area: sum };
  }
  const pp = samplePairs(n, sample);
  for (let k = 0; k < sample; k++) turfPair(feats[pp[2 * k]], feats[pp[2 * k + 1]]);
  return { seconds: (((performance.now() - t) / 1000) * total) / sample, sampled: true, pairs: 0 };
}

function python(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import shapely, pyproj'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return null;
}

/** scripts/bench/geos-overlap.py on `file`: shapely/GEOS pairs and area in the same Albers projection. */
function geos(file: string): { seconds: number; pairs: number; areaKm2: number } | null {
  const py = python();
  if (!py) return null;
  const r = spawnSync(py, [join(ROOT, 'scripts/bench/geos-overlap.py'), file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    const err = r.stderr ?? '';
    throw new Error(/TopologyException[^\n]*/.exec(err)?.[0] ?? (err.trim().split('\n').pop() || `exit ${r.status}`));
  }
  const out = JSON.parse(r.stdout) as { pairs: number; area_km2: number; time_s: number };
  return { pairs: out.pairs, areaKm2: out.area_km2, seconds: out.time_s };
}

function gdal(file: string, dir: string): { seconds: number; pairs: number; areaKm2: number } | null {
  if (spawnSync('ogr2ogr', ['--version']).status !== 0) return null;
  const gpkg = join(dir, 'p.gpkg');
  rmSync(gpkg, { force: true });
  execFileSync('ogr2ogr', ['-f', 'GPKG', gpkg, file, '-nln', 'p', '-t_srs', ALBERS_CHINA, '-lco', 'GEOMETRY_NAME=geom', '-lco', 'FID=fid'], { stdio: 'ignore' });
  const sql =
    // a slight overlap's intersection is a GEOMETRYCOLLECTION (slivers + shared lines): SpatiaLite's ST_Area gives it 0
    'SELECT COUNT(*) AS pairs, SUM(COALESCE(ST_Area(CollectionExtract(ST_Intersection(a.geom, b.geom), 3)), 0)) / 1e6 AS area_km2 FROM p a ' +
    'JOIN rtree_p_geom r ON r.minx <= ST_MaxX(a.geom) AND r.maxx >= ST_MinX(a.geom) AND r.miny <= ST_MaxY(a.geom) AND r.maxy >= ST_MinY(a.geom) ' +
    'JOIN p b ON b.fid = r.id WHERE b.fid > a.fid AND ST_Intersects(a.geom, b.geom)';
  const t = performance.now();
  const res = spawnSync('ogrinfo', ['-ro', '-q', gpkg, '-dialect', 'SQLite', '-sql', sql], { encoding: 'utf8' });
  const out = res.stdout ?? '';
  if (res.status !== 0) throw new Error((res.stderr ?? '').split('\n')[0]);
  const seconds = (performance.now() - t) / 1000;
  const p = /pairs \(Integer\) = (\d+)/.exec(out), a = /area_km2 \(Real\) = ([\d.]+)/.exec(out);
  return p && a ? { seconds, pairs: +p[1], areaKm2: +a[1] } : null;
}

const f1 = (x: number) => x.toFixed(x < 1 ? 3 : x < 10 ? 2 : 1);
const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(4)}%`;

async function benchSet(label: string, feats: AFeature[], dir: string, lines: string[]): Promise<void> {
  const file = join(dir, 'in.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: feats.map((f, i) => ({ ...f, properties: { id: i } })) }));
  const t0 = performance.now();
  const set = projectAreal(feats.map((f) => f.geometry));
  const tProj = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const r = overlapMatrix(set);
  const tPairs = (performance.now() - t1) / 1000;
  const ours = tProj + tPairs;
  const km2 = r.pairs.reduce((s, p) => s + p.areaM2, 0) / 1e6;
  const touching = r.pairs.length + r.touching.length;
  lines.push(`${label}: N=${feats.length}`);
  lines.push(`  ours (flatbush + Albers edge-integral kernel): ${f1(ours)} s (projection ${f1(tProj)} s + pairs ${f1(tPairs)} s), ${r.pairs.length} overlapping pairs (+${r.touching.length} touching only), ${km2.toFixed(3)} km²`);
  const naive = naiveTurf(feats);
  lines.push(`  naive all-pairs Turf intersect+area: ${f1(naive.seconds)} s${naive.sampled ? ` (extrapolated from a fixed sample of 20,000 of ${((feats.length * (feats.length - 1)) / 2).toLocaleString('en-US')} pairs)` : `, ${naive.pairs} pairs, ${((naive.area ?? 0) / 1e6).toFixed(3)} km² (spherical, lon/lat clip)`}`);
  lines.push(`  speed-up vs naive Turf: ${(naive.seconds / ours).toFixed(0)}×`);
  let g: ReturnType<typeof geos> = null;
  let gErr = '';
  try {
    g = geos(file);
  } catch (e) {
    gErr = `  GEOS reference failed (invalid input geometry for GEOS): ${(e as Error).message}`;
  }
  if (gErr) lines.push(gErr);
  else if (g) lines.push(`  GEOS reference (shapely STRtree, Albers): ${f1(g.seconds)} s, ${g.pairs} intersecting pairs, ${g.areaKm2.toFixed(3)} km²; ours/GEOS time ${(ours / g.seconds).toFixed(2)}, pairs ${touching === g.pairs ? 'equal' : `${touching} vs ${g.pairs}`}, area diff ${pct(km2, g.areaKm2)}`);
  else lines.push('  GEOS reference: skipped (needs Debian python3-shapely python3-pyproj)');
  let d: ReturnType<typeof gdal> = null;
  let dErr = '';
  try {
    d = gdal(file, dir);
  } catch (e) {
    dErr = `  GDAL reference failed: ${(e as Error).message}`;
  }
  if (dErr) lines.push(dErr);
  else if (d) lines.push(`  GDAL reference (ogrinfo -dialect SQLite, GPKG rtree, ST_Intersection/ST_Area; wall time incl. start-up): ${f1(d.seconds)} s, ${d.pairs} pairs, ${d.areaKm2.toFixed(3)} km²; ours/GDAL time ${(ours / d.seconds).toFixed(2)}, area diff ${pct(km2, d.areaKm2)}`);
  else lines.push('  GDAL reference: skipped (needs gdal-bin)');
}

function planElements(): Array<{ id: string; geometry: Geometry }> {
  const dir = join(ROOT, 'public/data/plan');
  const out: Array<{ id: string; geometry: Geometry }> = [];
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json') && x !== 'index.json').sort()) {
    const d = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const fcs: FeatureCollection[] = d.type === 'Topology' ? Object.values(d.objects).map((o) => topoFeature(d, o as GeometryObject) as unknown as FeatureCollection) : d.type === 'FeatureCollection' ? [d] : [];
    for (const fc of fcs) for (const ft of fc.features ?? []) if (ft.geometry) out.push({ id: String(ft.id ?? ft.properties?.id), geometry: ft.geometry });
  }
  return out;
}

export async function runOverlapBench(sizes = [100, 1000, 5000]): Promise<string[]> {
  const lines: string[] = [`Overlap matrix bench (${new Date().toISOString().slice(0, 10)}, node ${process.version})`];
  const dir = mkdtempSync(join(tmpdir(), 'overlap-bench-'));
  try {
    for (const n of sizes) {
      const { fc, from } = polygons(n);
      await benchSet(`synthetic from ${from}`, fc.features as AFeature[], dir, lines);
    }
    const counties = loadUnits('counties');
    const prefectures = loadUnits('prefectures');
    if (counties && prefectures) {
      await benchSet('real counties (public/data/basemap.topo.json)', counties.map((c) => ({ type: 'Feature', properties: {}, geometry: c.geometry })), dir, lines);
      const cIdx = buildJurisdictionIndex(counties), pIdx = buildJurisdictionIndex(prefectures);
      let els = planElements();
      let what = 'every plan element';
      if (els.length === 0) {
        els = polygons(1000).fc.features.map((f, i) => ({ id: `synthetic-${i}`, geometry: f.geometry }));
        what = 'no built plan elements yet: 1,000 synthetic polygons';
      }
      const t = performance.now();
      let rows = 0;
      for (const e of els) rows += jurisdictionStats(e.geometry, cIdx).rows.length + jurisdictionStats(e.geometry, pIdx).rows.length;
      lines.push(`Per-jurisdiction stats (${what}, ${els.length} elements × counties and prefectures): ${f1((performance.now() - t) / 1000)} s, ${rows} rows`);
    } else {
      lines.push('Real counties: skipped (public/data/basemap.topo.json not built)');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--dump-units') {
  // input for scripts/bench/make-geos-county-fixture.py
  writeFileSync(join(process.argv[3], 'counties.json'), JSON.stringify(loadUnits('counties')));
  writeFileSync(join(process.argv[3], 'prefectures.json'), JSON.stringify(loadUnits('prefectures')));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  for (const l of await runOverlapBench(sizes.length ? sizes : undefined)) console.log(l);
}
