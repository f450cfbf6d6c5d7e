// Workbench benchmark (issue 15): points-in-polygons for 1M points × the 221 shipped counties, and one
// clipping operation (dissolve every county by prefecture), each as a ratio to a GEOS run (shapely, via
// scripts/bench/geos-workbench.py) of the same inputs in the same bench; a plain-loop Turf baseline for
// points-in-polygons as well. The counts and areas are compared too, so a fast wrong answer shows.
// Run: npx tsx scripts/bench/workbench.ts [points]   (exports runWorkbenchBench() for scripts/bench/run.ts)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Position } from 'geojson';
import { buildJurisdictionIndex } from '../../src/lib/analysis/jurisdiction.ts';
import { countPointsIn } from '../../src/lib/analysis/layers.ts';
import { dissolve, planarArea, type Areal } from '../../src/lib/analysis/overlay.ts';
import { loadUnits } from './overlap.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const s3 = (x: number) => x.toFixed(3);

/** Deterministic uniform points over a box (LCG: the same points every run). */
function randomPoints(n: number, [x0, y0, x1, y1]: [number, number, number, number]): Float64Array {
  let s = 12345;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = x0 + rnd() * (x1 - x0);
    out[2 * i + 1] = y0 + rnd() * (y1 - y0);
  }
  return out;
}

function python(): string | null {
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', 'import shapely, numpy'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return null;
}

interface GeosOut {
  pip: { counts: number[]; outside: number; time_s: number };
  dissolve: { areas: Record<string, number>; time_s: number };
}

export async function runWorkbenchBench(n = 1_000_000): Promise<string[]> {
  const lines: string[] = [`Workbench bench (${new Date().toISOString().slice(0, 10)}, node ${process.version})`];
  const counties = loadUnits('counties');
  if (!counties) return [...lines, 'skipped: public/data/basemap.topo.json not built'];
  const dir = mkdtempSync(join(tmpdir(), 'workbench-bench-'));
  try {
    // points over the counties' box (Sichuan and Chongqing; about half fall outside every county)
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const c of counties)
      for (const poly of c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.type === 'MultiPolygon' ? c.geometry.coordinates : [])
        for (const [x, y] of poly[0]) {
          box[0] = Math.min(box[0], x);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], x);
          box[3] = Math.max(box[3], y);
        }
    const xy = randomPoints(n, box);
    const points: Position[] = Array.from({ length: n }, (_, i) => [xy[2 * i], xy[2 * i + 1]]);
    const countiesFile = join(dir, 'counties.geojson'), pointsFile = join(dir, 'points.f64');
    writeFileSync(countiesFile, JSON.stringify({ type: 'FeatureCollection', features: counties.map((c) => ({ type: 'Feature', properties: { adcode: c.adcode, parent: c.parent }, geometry: c.geometry })) }));
    writeFileSync(pointsFile, Buffer.from(xy.buffer));

    // --- points in polygons: the worker's path (packed lon/lat set + flatbush, as countPointsIn runs it)
    const t0 = performance.now();
    const idx = buildJurisdictionIndex(counties);
    const tIndex = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const ours = countPointsIn(points, idx.lonlat, idx.lonlatIndex);
    const tCount = (performance.now() - t1) / 1000;
    const pipOurs = tIndex + tCount;
    const inside = n - ours.outside;
    lines.push(`Points in polygons: ${n.toLocaleString('en-US')} points × ${counties.length} counties`);
    lines.push(`  ours (flatbush + packed rings, src/lib/analysis/layers.ts countPointsIn): ${s3(pipOurs)} s (index ${s3(tIndex)} s + count ${s3(tCount)} s), ${inside} inside, ${ours.outside} outside`);

    // plain loop baseline: Turf booleanPointInPolygon over every county with a box check, on a sample
    const sample = Math.min(n, 20_000);
    const boxes = counties.map((c) => {
      const b = [Infinity, Infinity, -Infinity, -Infinity];
      for (const poly of c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.type === 'MultiPolygon' ? c.geometry.coordinates : [])
        for (const [x, y] of poly[0]) b.splice(0, 4, Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y));
      return b;
    });
    const t2 = performance.now();
    for (let i = 0; i < sample; i++) {
      const [x, y] = points[i];
      for (let u = 0; u < counties.length; u++) {
        const b = boxes[u];
        if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
        booleanPointInPolygon([x, y], counties[u].geometry as Areal);
      }
    }
    const loop = (((performance.now() - t2) / 1000) * n) / sample;
    lines.push(`  plain loop (Turf booleanPointInPolygon per county, box check; extrapolated from ${sample.toLocaleString('en-US')} points): ${s3(loop)} s; ours/loop time ${(pipOurs / loop).toFixed(3)}`);

    // --- one clipping operation: dissolve every county by prefecture
    const feats = counties.map((c) => ({ geometry: c.geometry as Areal, properties: { parent: c.parent ?? null } }));
    const t3 = performance.now();
    const dissolved = await dissolve(feats, 'parent');
    const dissolveOurs = (performance.now() - t3) / 1000;
    lines.push(`Dissolve: ${counties.length} counties by prefecture`);
    lines.push(`  ours (polyclip-ts sweeps of up to 64, src/lib/analysis/overlay.ts): ${s3(dissolveOurs)} s, ${dissolved.length} features`);

    const py = python();
    if (!py) {
      lines.push('  GEOS reference: skipped (needs Debian python3-shapely); ratios above are to the plain loop only');
      return lines;
    }
    const r = spawnSync(py, [join(ROOT, 'scripts/bench/geos-workbench.py'), countiesFile, pointsFile], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`geos-workbench.py: ${(r.stderr ?? '').trim().split('\n').pop() || `exit ${r.status}`}`);
    const g = JSON.parse(r.stdout) as GeosOut;
    // GEOS contains() leaves out points exactly on a border; ours counts them in both (covers): with random
    // doubles none lands on one, so the counts must match exactly
    const same = g.pip.outside === ours.outside && g.pip.counts.every((c, i) => c === ours.counts[i]);
    lines.splice(3, 0, `  GEOS reference (shapely.vectorized.contains per county over the points in its box): ${s3(g.pip.time_s)} s; ours/GEOS time ${(pipOurs / g.pip.time_s).toFixed(3)}; counts ${same ? 'equal' : 'DIFFER'}`);
    let worst = 0;
    for (const f of dissolved) worst = Math.max(worst, Math.abs(planarArea(f.geometry) / g.dissolve.areas[String(f.properties.parent)] - 1));
    lines.push(`  GEOS reference (shapely unary_union per prefecture): ${s3(g.dissolve.time_s)} s, ${Object.keys(g.dissolve.areas).length} features; ours/GEOS time ${(dissolveOurs / g.dissolve.time_s).toFixed(2)}; largest area difference ${(worst * 100).toFixed(5)} %`);
    if (!same) throw new Error('points-in-polygons counts differ from GEOS');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2]) || undefined;
  for (const l of await runWorkbenchBench(n)) console.log(l);
}
