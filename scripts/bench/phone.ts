// Phone profile of the startup benchmark (issue 11): 390×844, touch, the CPU throttled 4× and a slow-4G network
// through CDP, cold loads of the production app and of the bare MapLibre page of the same basemap (bench/bare/,
// the startup benchmark's reference) in the same run. Figures: JS bytes and JS time before the first map idle
// (the first complete frame; the main thread's apart from MapLibre's worker), time to that idle, long tasks, as
// ratios app / bare; and the app's time from navigation to the first search result for 施家 (typed as soon as
// the search box shows).
// `npx tsx scripts/bench/phone.ts` alone (PHONE_RUNS=n cold loads per page, default 3; PHONE_REUSE=1 reuses
// dist-bench/ from an earlier run), or in `npm run bench` after the startup benchmark (BENCH_SKIP_PHONE=1 skips).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContextOptions, type CDPSession } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../playwright.config.ts';
import { PLAN_LAYER_IDS } from '../../src/map/planLayers.ts';
import { OUT, buildPages, coldLoad, median, startPreview, type LoadProfile, type LoadRun } from './startup.ts';

/** Chrome DevTools' "Slow 4G" preset (the former "Fast 3G"): 1.6 Mbps × 0.9 down, 750 kbps × 0.9 up, 150 ms × 3.75 RTT. */
export const SLOW_4G = { offline: false, latency: 150 * 3.75, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9 };
export const CPU_SLOWDOWN = 4;
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 };
const TIMEOUT_MS = 300_000;

// When the plan's own layers first draw features (the resident sees the plan, not just the basemap), polled every
// 200 ms (±200 ms) so the probe adds no work per frame. Reads the app's debug handle (window.__atlas, as the
// startup probe does); PLAN_LAYER_IDS as in src/map/planLayers.ts.
const PLAN_PROBE = `(() => {
  const ids = ${JSON.stringify(PLAN_LAYER_IDS)};
  const poll = setInterval(() => {
    const m = window.__atlas && window.__atlas.mapView && window.__atlas.mapView.map;
    if (!m) return;
    const here = ids.filter((id) => m.getLayer(id));
    if (here.length && m.queryRenderedFeatures({ layers: here }).length) { window.__planDrawn = performance.now(); clearInterval(poll); }
  }, 200);
})();`;

/** Throttles the page's CPU and network (CDP) and reads the renderer's script time at the first idle; with
 *  `plan`, also when the app's plan layers first draw (`planMs`, read after the load settled). */
function phoneProfile(plan = false): LoadProfile & { planMs: number } {
  let cdp: CDPSession;
  return {
    planMs: NaN,
    context: PHONE,
    timeoutMs: TIMEOUT_MS,
    async prepare(p) {
      if (plan) await p.addInitScript(PLAN_PROBE);
      cdp = await p.context().newCDPSession(p);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Performance.enable');
    },
    // on a slow network requests started before the idle finish well after it
    // (lazy chunks keep starting): until no request is open and resource timing stayed the same for 3 s
    async settle(p) {
      if (plan) {
        await p.waitForFunction(() => (window as unknown as { __planDrawn?: number }).__planDrawn, null, { timeout: TIMEOUT_MS, polling: 250 });
        this.planMs = await p.evaluate(() => (window as unknown as { __planDrawn: number }).__planDrawn);
      }
      let before = -1;
      for (;;) {
        await p.waitForLoadState('networkidle', { timeout: TIMEOUT_MS });
        const n = await p.evaluate(() => performance.getEntriesByType('resource').length);
        if (n === before) return;
        before = n;
        await p.waitForTimeout(3000);
      }
    },
    async atIdle() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = (n: string) => (metrics.find((x) => x.name === n)?.value ?? NaN) * 1000;
      return { scriptMs: m('ScriptDuration'), taskMs: m('TaskDuration') };
    },
  };
}

interface SearchRun { shellMs: number; shellKiB: number; boxMs: number; resultMs: number }

/** Navigation → the first search result for 施家 that names 施家镇, typing as soon as the search box is there;
 *  also the boot shell's paint and the bytes on the wire before it. */
async function searchLoad(url: string): Promise<SearchRun> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext(PHONE);
    const p = await context.newPage();
    await phoneProfile().prepare!(p);
    await p.goto(url, { waitUntil: 'commit' });
    const box = p.getByRole('combobox');
    await box.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    const boxMs = await p.evaluate(() => performance.now());
    // the first paint with content: index.html's boot shell, before any script has run
    const shellMs = await p.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    await box.fill('施家');
    await p.getByRole('option').first().filter({ hasText: '施家镇' }).waitFor({ timeout: TIMEOUT_MS });
    const resultMs = await p.evaluate(() => performance.now());
    const shellBytes = await p.evaluate((fcp) => {
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
      return entries.filter((e) => e.responseEnd <= fcp).reduce((a, e) => a + e.transferSize, 0);
    }, shellMs);
    return { shellMs, shellKiB: shellBytes / 1024, boxMs, resultMs };
  } finally {
    await browser.close();
  }
}

const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');
const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

/** `reuse`: dist-bench/ was just built (by the startup benchmark in `npm run bench`). */
export async function runPhoneBench(opts: { runs?: number; reuse?: boolean; log?: (l: string) => void } = {}): Promise<string[]> {
  const runs = Math.max(1, opts.runs ?? 3);
  const lines: string[] = [];
  const log = (l: string) => {
    lines.push(l);
    (opts.log ?? console.log)(l);
  };
  if ((opts.reuse || process.env.PHONE_REUSE === '1') && existsSync(join(OUT, 'app/index.html')) && existsSync(join(OUT, 'bare/index.html'))) log('reusing dist-bench/');
  else await buildPages(log);
  const { server, base } = await startPreview();
  const results: (LoadRun & { extra: Record<string, number> })[] = [];
  const search: SearchRun[] = [];
  try {
    log(`phone profile: 390×844 touch, CPU ${CPU_SLOWDOWN}× slower (Emulation.setCPUThrottlingRate), slow 4G ${(SLOW_4G.downloadThroughput * 8 / 1e6).toFixed(2)} Mbps down, ${SLOW_4G.latency} ms RTT (Network.emulateNetworkConditions); ${runs} cold loads per page`);
    const warm = await coldLoad('app', `${base}app/`, CHROMIUM_ARGS, undefined, phoneProfile());
    const bareUrl = `${base}bare/?w=${warm.mapSize.width}&h=${warm.mapSize.height}`;
    log(`warm-up done; map area ${warm.mapSize.width}×${warm.mapSize.height} px in both pages`);
    for (let i = 1; i <= runs; i++) {
      for (const [page, url] of [['app', `${base}app/`], ['bare', bareUrl]] as const) {
        const profile = phoneProfile(page === 'app');
        const r = await coldLoad(page, url, CHROMIUM_ARGS, undefined, profile);
        r.extra.planMs = profile.planMs;
        results.push(r);
        log(`  run ${i} ${page.padEnd(5)} idle ${ms(r.idle).padStart(9)}  map created ${ms(r.mapCreated).padStart(9)}  script ${ms(r.extra.scriptMs).padStart(8)}  long tasks ${r.longTasks} / ${ms(r.longTaskMs)}${page === 'app' ? `  plan layers ${ms(profile.planMs)}` : ''}`);
      }
      const s = await searchLoad(`${base}app/`);
      search.push(s);
      log(`  run ${i} shell ${ms(s.shellMs)} (${s.shellKiB.toFixed(1)} KiB before it), search box ${ms(s.boxMs)}, first result for 施家 ${ms(s.resultMs)}`);
    }
  } finally {
    await server.close();
  }
  const of = (page: 'app' | 'bare') => results.filter((r) => r.page === page);
  const med = (page: 'app' | 'bare', f: (r: LoadRun & { extra: Record<string, number> }) => number) => median(of(page).map(f));
  // the build's JS files a page requested before its first idle (raw, gzip -9 as the startup benchmark)
  // `where`: all of it, the main thread's (the page's modules) or MapLibre's worker (maplibre-gl-worker-*.mjs)
  const WORKER = /maplibre-gl-worker-[^/]*\.mjs$/;
  const js = (page: 'app' | 'bare', where: 'all' | 'main' | 'worker' = 'all') => {
    const paths = [...new Set(of(page)[0].before.map((r) => r.path).filter((f) => /\.m?js$/.test(f)))].filter((f) => where === 'all' || (where === 'worker') === WORKER.test(f));
    const files = paths.map((f) => readFileSync(join(OUT, page, f)));
    return { raw: files.reduce((a, b) => a + b.length, 0), gzip: files.reduce((a, b) => a + gzipSync(b, { level: 9 }).length, 0) };
  };
  const rows: [string, number, number, (x: number) => string][] = [
    ['first map idle (first full frame)', med('app', (r) => r.idle), med('bare', (r) => r.idle), ms],
    ['map created (WebGL context)', med('app', (r) => r.mapCreated), med('bare', (r) => r.mapCreated), ms],
    ['JS before first idle (gzip)', js('app').gzip, js('bare').gzip, kib],
    ['  main thread (gzip)', js('app', 'main').gzip, js('bare', 'main').gzip, kib],
    ['  MapLibre worker (gzip)', js('app', 'worker').gzip, js('bare', 'worker').gzip, kib],
    ['JS before first idle (raw)', js('app').raw, js('bare').raw, kib],
    ['script time before first idle', med('app', (r) => r.extra.scriptMs), med('bare', (r) => r.extra.scriptMs), ms],
    ['long tasks before first idle (sum)', med('app', (r) => r.longTaskMs), med('bare', (r) => r.longTaskMs), ms],
    ['long tasks before first idle (count)', med('app', (r) => r.longTasks), med('bare', (r) => r.longTasks), (x) => String(Math.round(x))],
  ];
  log('');
  log(`medians of ${runs} cold loads     ${'app'.padStart(12)}${'bare'.padStart(12)}${'app / bare'.padStart(12)}`);
  for (const [name, a, b, f] of rows) log(`  ${name.padEnd(38)}${f(a).padStart(12)}${f(b).padStart(12)}${(a / b).toFixed(2).padStart(12)}`);
  const box = median(search.map((s) => s.boxMs));
  const first = median(search.map((s) => s.resultMs));
  log(`  ${'shell shown (first contentful paint)'.padEnd(38)}${ms(median(search.map((s) => s.shellMs))).padStart(12)}`);
  log(`  ${'bytes on the wire before the shell'.padEnd(38)}${`${median(search.map((s) => s.shellKiB)).toFixed(1)} KiB`.padStart(12)}`);
  log(`  ${'search box shown (app)'.padEnd(38)}${ms(box).padStart(12)}`);
  log(`  ${'plan layers drawn (app, no interaction)'.padEnd(38)}${ms(med('app', (r) => r.extra.planMs)).padStart(12)}`);
  log(`  ${'first search result for 施家 (app)'.padEnd(37)}${ms(first).padStart(12)}${''.padStart(12)}${(first / med('bare', (r) => r.idle)).toFixed(2).padStart(12)}  (÷ bare first idle)`);
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runPhoneBench({ runs: Number(process.env.PHONE_RUNS) || undefined })
    .then(() => process.exit(0))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
