// `npm run bench`: the startup benchmark (app vs bare MapLibre, sizes), its phone profile, then the overlap benchmark
// when scripts/bench/overlap.ts provides one, the big import, the kiosk soak, then a summary against the targets.
// BENCH_RUNS=n sets the cold loads per page (default 7, at least 5 for reported figures).
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runStartupBench, type SizeRow, type StartupResult } from './startup.ts';
import { runImportBench, type ImportFigures } from './import.ts';
import { runSoakBench, type SoakFigures } from './soak.ts';
import { runParticipationBench } from './participation.ts';
import { runWorkbenchBench } from './workbench.ts';
import { runTableBench } from './table.ts';
import { runPhoneBench } from './phone.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const TARGETS = { ratio: 1.15, jsBeforeKiB: 550, dataBeforeKiB: 250 };

const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');
const row = (rows: SizeRow[], c: SizeRow['category']) => rows.find((r) => r.category === c)!;

function heading(s: string) {
  console.log('');
  console.log(`== ${s} ${'='.repeat(Math.max(0, 96 - s.length))}`);
}

async function overlapBench(): Promise<{ lines: string[] } | { error: string } | null> {
  const file = join(HERE, 'overlap.ts');
  if (!existsSync(file)) return null;
  try {
    const mod = (await import(pathToFileURL(file).href)) as { runOverlapBench?: () => Promise<string[]> };
    if (typeof mod.runOverlapBench !== 'function') return null;
    return { lines: await mod.runOverlapBench() };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function summary(s: StartupResult, runs: number, overlap: Awaited<ReturnType<typeof overlapBench>>, big: ImportFigures | null, soak: SoakFigures | null): string[] {
  const app = s.sizes.app;
  const js = row(app.beforeIdle, 'JS');
  const data = row(app.beforeIdle, 'data');
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const lines: [string, string, string, string][] = [
    ['time to first map idle, app', `${Math.round(s.median.app)} ms`, '', `median of ${runs} cold loads`],
    ['time to first map idle, bare MapLibre', `${Math.round(s.median.bare)} ms`, '', `median of ${runs} cold loads`],
    ['ratio app / bare', s.median.ratio.toFixed(3), `≤ ${TARGETS.ratio}`, verdict(s.median.ratio <= TARGETS.ratio)],
    ['CPU ratio app / bare', (s.median.cpuApp / s.median.cpuBare).toFixed(3), '', `Chromium CPU time to idle: ${Math.round(s.median.cpuApp)} vs ${Math.round(s.median.cpuBare)} ms`],
    ['JS before first idle (gzip)', kib(js.gzip), `≤ ${TARGETS.jsBeforeKiB} KiB`, `${verdict(js.gzip / 1024 <= TARGETS.jsBeforeKiB)}; raw ${kib(js.raw)}, ${js.files} files`],
    ['data before first idle (gzip)', kib(data.gzip), `≤ ${TARGETS.dataBeforeKiB} KiB`, `${verdict(data.gzip / 1024 <= TARGETS.dataBeforeKiB)}; raw ${kib(data.raw)}, ${data.files} files`],
    ['CSS before first idle (gzip)', kib(row(app.beforeIdle, 'CSS').gzip), '', `raw ${kib(row(app.beforeIdle, 'CSS').raw)}`],
    ['fonts before first idle', kib(row(app.beforeIdle, 'font').raw), '', `${row(app.beforeIdle, 'font').files} files (woff2, already compressed)`],
    ['JS lazy (gzip)', kib(row(app.afterIdle, 'JS').gzip + row(app.onDemand, 'JS').gzip), '', `${row(app.afterIdle, 'JS').files + row(app.onDemand, 'JS').files} files after idle or never loaded`],
    ['data lazy (gzip)', kib(row(app.afterIdle, 'data').gzip + row(app.onDemand, 'data').gzip), '', `${row(app.afterIdle, 'data').files + row(app.onDemand, 'data').files} files after idle or never loaded`],
    [
      'longest main-thread task, big import',
      big ? `${big.maxLong} ms` : 'no figure',
      '< 200 ms',
      big ? `${verdict(big.maxLong < 200)}; ${big.mb} MB CSV, ${big.rows} rows, blocked ${big.blocked} ms` : 'see its section above',
    ],
    [
      'kiosk soak: heap growth',
      soak ? `${soak.growthPct} %` : 'no figure',
      '< 10 %',
      soak ? `${verdict(soak.growthPct < 10)}; ${soak.hours} simulated h, ${soak.beforeMB} → ${soak.afterMB} MB` : 'see its section above',
    ],
    [
      'overlap benchmark',
      overlap === null ? 'not present' : 'error' in overlap ? 'FAILED' : `${overlap.lines.length} lines`,
      '',
      overlap && 'error' in overlap ? overlap.error : 'see its section above',
    ],
  ];
  const w = [40, 12, 14];
  return [
    `${'metric'.padEnd(w[0])}${'value'.padStart(w[1])}  ${'target'.padEnd(w[2])}note`,
    ...lines.map(([a, b, c, d]) => `${a.padEnd(w[0])}${b.padStart(w[1])}  ${c.padEnd(w[2])}${d}`),
  ];
}

async function main(): Promise<number> {
  const runs = Number(process.env.BENCH_RUNS) || 7;
  console.log(`npm run bench · ${new Date().toISOString()} · Node ${process.version} · ${cpus().length} CPUs · load average ${load()}`);
  if (runs < 5) console.log(`BENCH_RUNS=${runs}: fewer than 5 cold loads per page; do not report these medians.`);

  heading('Startup: production app vs bare MapLibre page, same basemap');
  const startup = await runStartupBench({ runs });

  heading('Phone: 390×844 touch, CPU 4× slower, slow 4G — app vs bare MapLibre (scripts/bench/phone.ts)');
  if (process.env.BENCH_SKIP_PHONE === '1') console.log('skipped (BENCH_SKIP_PHONE=1)');
  else await runPhoneBench({ runs: Math.min(runs, 3), reuse: true }).catch((e: unknown) => console.log(`phone benchmark failed: ${e instanceof Error ? e.message : String(e)}`));

  const overlap = await (async () => {
    const file = join(HERE, 'overlap.ts');
    if (!existsSync(file)) return null;
    heading('Overlap matrix');
    const r = await overlapBench();
    if (r && 'lines' in r) for (const l of r.lines) console.log(l);
    if (r && 'error' in r) console.log(`overlap benchmark failed: ${r.error}`);
    if (!r) console.log('scripts/bench/overlap.ts exports no runOverlapBench(); skipped');
    return r;
  })();

  heading('Workbench: 1M points in polygons and a dissolve, against GEOS (scripts/bench/workbench.ts)');
  if (process.env.BENCH_SKIP_WORKBENCH === '1') console.log('skipped (BENCH_SKIP_WORKBENCH=1)');
  else for (const l of await runWorkbenchBench().catch((e: unknown) => [`workbench benchmark failed: ${e instanceof Error ? e.message : String(e)}`])) console.log(l);

  heading('Attribute table: 100k rows typed, filtered and sorted, against Array.prototype.sort (scripts/bench/table.ts)');
  if (process.env.BENCH_SKIP_TABLE === '1') console.log('skipped (BENCH_SKIP_TABLE=1)');
  else for (const l of await runTableBench().catch((e: unknown) => [`table benchmark failed: ${e instanceof Error ? e.message : String(e)}`])) console.log(l);

  heading(`Big import: ${process.env.WS_BIG_MB ?? 100} MB CSV in the browser (workspace test as harness)`);
  const big = process.env.BENCH_SKIP_IMPORT === '1' ? { lines: ['skipped (BENCH_SKIP_IMPORT=1)'], figures: null } : runImportBench();
  for (const l of big.lines) console.log(l);

  heading(`Kiosk soak: ${process.env.STORY_SOAK_HOURS ?? 24} simulated hours of the story loop (story test as harness)`);
  const soak = process.env.BENCH_SKIP_SOAK === '1' ? { lines: ['skipped (BENCH_SKIP_SOAK=1)'], figures: null } : runSoakBench();
  for (const l of soak.lines) console.log(l);

  heading('Participation server: submissions/s and latency, PGlite and PostgreSQL (scripts/bench/participation.ts)');
  if (process.env.BENCH_SKIP_PARTICIPATION === '1') console.log('skipped (BENCH_SKIP_PARTICIPATION=1)');
  else for (const l of await runParticipationBench().catch((e: unknown) => [`participation benchmark failed: ${e instanceof Error ? e.message : String(e)}`])) console.log(l);

  heading('Summary');
  for (const l of summary(startup, runs, overlap, big.figures, soak.figures)) console.log(l);
  console.log(`load average at the end ${load()} (1 / 5 / 15 min; timings are only comparable within one run)`);
  return overlap && 'error' in overlap ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
