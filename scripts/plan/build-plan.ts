// Build the plan bundles: data/plan/*.json + public/data/basemap.topo.json → public/data/plan/<region>.topo.json
// and public/data/plan/index.json. Validates everything first and prints every problem.
// Run alone: npx tsx scripts/plan/build-plan.ts
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { topology } from 'topojson-server';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import { feature, quantize } from 'topojson-client';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';
import type { FeatureCollection } from 'geojson';
import { OSM_ATTRIBUTION, PLAN_DATA_VERSION, REGIONS, type PlanElement, type PlanSourceFile, type Region } from '../../src/lib/plan/model.ts';
import {
  crossCheck,
  formatIssue,
  migrate,
  validateBundleFeatures,
  validatePlanFile,
  type NamedFile,
  type PlanIssue,
} from '../../src/lib/plan/validate.ts';
import { deriveAll, loadBasemap } from './derive.ts';
import { loadOsm } from './osm.ts';
import {
  checkCoverageIds,
  formatCoverage,
  parseCoverageCsv,
  summarizeCoverage,
  type CoverageRow,
  type CoverageSummary,
} from './coverage.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const QUANTIZATION = 1e5;

export interface BuildPlanOptions {
  root?: string;
  /** default <root>/data/sources/seeds; every quote is checked against it (a missing folder is an error) */
  seedsDir?: string;
  log?: (line: string) => void;
  /** validate only, write nothing */
  checkOnly?: boolean;
}

export interface BuildPlanResult {
  ok: boolean;
  issues: PlanIssue[];
  coverage: CoverageSummary | null;
  counts: Partial<Record<Region, number>>;
}

/** JSON with object keys sorted, so reruns are byte-identical. */
export function stableStringify(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}

/** Read, migrate and validate every data/plan/*.json and data/coverage/*.csv. */
export function loadPlanSources(root: string, seedsDir: string, adcodes?: Set<string>) {
  const issues: PlanIssue[] = [];
  const planDir = join(root, 'data/plan');
  const files: NamedFile[] = [];
  const names = existsSync(planDir) ? readdirSync(planDir).filter((f) => f.endsWith('.json')).sort() : [];
  for (const name of names) {
    const file = `data/plan/${name}`;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(planDir, name), 'utf8'));
    } catch (e) {
      issues.push({ file, id: '(file)', field: '(json)', message: (e as Error).message });
      continue;
    }
    const m = migrate(raw, file);
    issues.push(...m.issues);
    if (!m.data) continue;
    const v = validatePlanFile(m.data, file);
    issues.push(...v);
    // Keep the valid elements for the cross-file checks so one bad element does not cascade.
    if (v.some((i) => i.id === '(file)')) continue;
    const bad = new Set(v.map((i) => i.id));
    const data = m.data as unknown as PlanSourceFile;
    files.push({ file, data: { ...data, elements: data.elements.filter((e) => !bad.has(e.id)) } });
  }
  if (!existsSync(seedsDir)) throw new Error(`seed texts not found: ${seedsDir} (they are committed under data/sources/seeds)`);
  const seedTexts: Record<string, string> = {};
  for (const f of readdirSync(seedsDir).sort()) {
    const m = /^(\d{3})_.*\.txt$/.exec(f);
    if (m) seedTexts[m[1]] = readFileSync(join(seedsDir, f), 'utf8');
  }
  if (Object.keys(seedTexts).length === 0) throw new Error(`no seed texts (NNN_*.txt) in ${seedsDir}`);
  issues.push(...crossCheck(files, { seedTexts, adcodes }));

  const covDir = join(root, 'data/coverage');
  const rows: CoverageRow[] = [];
  const csvs = existsSync(covDir) ? readdirSync(covDir).filter((f) => f.endsWith('.csv')).sort() : [];
  for (const name of csvs) {
    const p = parseCoverageCsv(readFileSync(join(covDir, name), 'utf8'), `data/coverage/${name}`);
    rows.push(...p.rows);
    issues.push(...p.issues);
  }
  const ids = new Set(files.flatMap((f) => f.data.elements.map((e) => e.id)));
  issues.push(...checkCoverageIds(rows, ids));
  return { files, rows, issues, seeds: Object.keys(seedTexts).sort() };
}

export function buildPlan(opts: BuildPlanOptions = {}): BuildPlanResult {
  const root = opts.root ?? ROOT;
  const log = opts.log ?? ((l: string) => console.log(l));
  const basemapPath = join(root, 'public/data/basemap.topo.json');
  if (!existsSync(basemapPath)) {
    const issue = { file: relative(root, basemapPath), id: '(file)', field: '(file)', message: 'basemap missing: build it first (npm run data)' };
    log(formatIssue(issue));
    return { ok: false, issues: [issue], coverage: null, counts: {} };
  }
  const basemap = loadBasemap(JSON.parse(readFileSync(basemapPath, 'utf8')) as Topology);
  const { files, rows, issues } = loadPlanSources(root, opts.seedsDir ?? join(root, 'data/sources/seeds'), new Set(basemap.counties.keys()));

  const elements = files.flatMap((f) => f.data.elements);
  const fileOf = new Map(files.flatMap((f) => f.data.elements.map((e) => [e.id, f.file] as const)));
  const { features, errors } = deriveAll(elements, basemap, loadOsm(root));
  for (const e of errors) issues.push({ file: fileOf.get(e.id) ?? '(plan)', id: e.id, field: e.field, message: e.message });

  const coverage = rows.length ? summarizeCoverage(rows) : null;
  if (issues.length) {
    log(`${issues.length} problem(s) in the plan data:`);
    for (const i of issues) log('  ' + formatIssue(i));
    return { ok: false, issues, coverage, counts: {} };
  }

  const byRegion = new Map<Region, PlanElement[]>();
  for (const f of features) {
    const list = byRegion.get(f.properties.region) ?? [];
    list.push(f);
    byRegion.set(f.properties.region, list);
  }
  const counts: Partial<Record<Region, number>> = {};
  const outDir = join(root, 'public/data/plan');
  const regions = REGIONS.filter((r) => byRegion.has(r));
  if (!opts.checkOnly) mkdirSync(outDir, { recursive: true });
  for (const region of REGIONS) {
    const list = byRegion.get(region);
    const path = join(outDir, `${region}.topo.json`);
    if (!list) {
      if (!opts.checkOnly && existsSync(path)) rmSync(path);
      continue;
    }
    list.sort((a, b) => (a.properties.id < b.properties.id ? -1 : 1));
    counts[region] = list.length;
    const fc: FeatureCollection = { type: 'FeatureCollection', features: list };
    const topo = topology({ elements: fc }, QUANTIZATION);
    // Self-check: what the app will decode must still validate.
    const decoded = feature(topo, topo.objects.elements as GeometryCollection);
    const bad = validateBundleFeatures(decoded.features, `public/data/plan/${region}.topo.json`);
    if (bad.length) {
      for (const i of bad) log('  ' + formatIssue(i));
      return { ok: false, issues: bad, coverage, counts };
    }
    if (!opts.checkOnly) writeFileSync(path, stableStringify(topo));
  }
  // The map's startup bundle: every region's geometry with only the flat properties the style, filters and
  // time slider read. Full elements (sources, metrics…) stay in the per-region bundles, loaded after first idle.
  const mapFc: FeatureCollection = {
    type: 'FeatureCollection',
    features: regions.flatMap((r) => byRegion.get(r)!).map((f) => ({ type: 'Feature', geometry: f.geometry, properties: mapProps(f.properties) })),
  };
  // Simplified like the basemap (0.05 km² spherical triangles): the overlay's error stays far below its accuracy.
  const mapTopo = quantize(
    simplify(presimplify(topology({ elements: mapFc }) as Topology<Objects<object>>, sphericalTriangleArea), 0.05 / 6371.0088 ** 2),
    QUANTIZATION,
  );
  mapTopo.arcs = mapTopo.arcs.map((arc) => arc.map((p) => [p[0], p[1]]));
  if (!opts.checkOnly) writeFileSync(join(outDir, 'map.topo.json'), stableStringify(mapTopo));

  const index = {
    version: PLAN_DATA_VERSION,
    map: 'plan/map.topo.json',
    quantization: QUANTIZATION,
    regions: regions.map((r) => ({
      region: r,
      file: `plan/${r}.topo.json`,
      count: counts[r],
      byKind: tallyBy(byRegion.get(r)!, (f) => f.properties.kind),
      byAccuracy: tallyBy(byRegion.get(r)!, (f) => f.properties.accuracy),
    })),
    count: features.length,
    sources: files.map((f) => f.file),
    // Elements with an `osm` source come from OpenStreetMap: the bundles are a derived database under the ODbL.
    licence: `Plan content: public documents, quoted. Elements citing an osm source: ${OSM_ATTRIBUTION} 1.0 (share-alike for derived databases)`,
    coverage,
  };
  if (!opts.checkOnly) writeFileSync(join(outDir, 'index.json'), stableStringify(index) + '\n');
  log(`plan: ${features.length} elements in ${regions.length} region(s): ${regions.map((r) => `${r} ${counts[r]}`).join(', ')}`);
  if (coverage) log(formatCoverage(coverage));
  return { ok: true, issues: [], coverage, counts };
}

function mapProps(p: PlanElement['properties']) {
  const out: Record<string, string | number> = { id: p.id, kind: p.kind, status: p.status, accuracy: p.accuracy, region: p.region, zh: p.name.zh, en: p.name.en };
  if (p.mode) out.mode = p.mode;
  if (p.opened !== undefined) out.opened = p.opened;
  if (p.started !== undefined) out.started = p.started;
  if (p.target !== undefined) out.target = p.target;
  return out;
}

function tallyBy<T>(list: T[], k: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of list) out[k(x)] = (out[k(x)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

if (process.argv[1] && basename(process.argv[1]) === basename(fileURLToPath(import.meta.url))) {
  const res = buildPlan({ checkOnly: process.argv.includes('--check') });
  process.exit(res.ok ? 0 : 1);
}
