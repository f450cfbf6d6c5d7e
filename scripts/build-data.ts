// `npm run data`: rebuild everything under public/data from the sources (npm packages and data/).
// `npm run data:check` (scripts/check-data.ts) rebuilds in a temp copy of the checkout and fails if the committed files differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildBasemap } from './basemap/build-basemap.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BuiltFile {
  path: string; // relative to ROOT
  content: string;
}

/** Builds the basemap; returns the files instead of writing them. */
export async function buildAll(log: (line: string) => void = console.log): Promise<BuiltFile[]> {
  const files: BuiltFile[] = [];
  const t0 = performance.now();
  const { json, report } = buildBasemap(ROOT);
  files.push({ path: 'public/data/basemap.topo.json', content: json });
  log(
    `basemap: ${report.counties} counties, ${report.prefectures} prefectures, ${report.provinces} provinces, ` +
      `${report.rivers} river lines (named: ${report.namedRivers.join(' ')}), ${(report.bytes / 1024).toFixed(0)} KiB ` +
      `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  log(
    `  cleaned: ${report.clean.duplicatePoints} duplicate points, ${report.clean.unclosedRings} unclosed rings, ` +
      `${report.clean.reversedRings} rings rewound, ${report.clean.slivers} slivers (${report.clean.sliverKm2.toFixed(1)} km²) dropped; ` +
      `Chongqing snapped: ${report.snap.runs} runs, ${report.snap.snappedVertices} vertices`,
  );

  return files;
}

async function main() {
  const files = await buildAll();
  for (const f of files) {
    const abs = join(ROOT, f.path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.content);
    console.log(`wrote ${f.path} (${(Buffer.byteLength(f.content) / 1024).toFixed(1)} KiB)`);
  }
  // Plan elements derive geometry from the basemap just written.
  const { buildPlan } = await import('./plan/build-plan.ts');
  const result = buildPlan({ root: ROOT });
  if (!result.ok) {
    console.error(`plan data: ${result.issues.length} problem(s); see above`);
    process.exit(1);
  }
  // The search gazetteer spells plan names too, so it is built after the plan.
  const { buildPlaces } = await import('./search/build-places.ts');
  const places = buildPlaces(ROOT);
  writeFileSync(join(ROOT, places.path), places.content);
  console.log(`wrote ${places.path} (${(Buffer.byteLength(places.content) / 1024).toFixed(1)} KiB)`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
