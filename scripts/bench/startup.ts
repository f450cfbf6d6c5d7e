// Startup benchmark: production build of the app vs a bare MapLibre page of the same basemap
// (bench/bare/), cold loads in headless Chromium, plus what each page downloads before its map's first
// `idle`. Run through `npm run bench` (scripts/bench/run.ts) or `npx tsx scripts/bench/startup.ts`.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type BrowserContextOptions, type Page as PwPage } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../playwright.config.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = join(ROOT, 'dist-bench');
const VIEWPORT = { width: 1280, height: 800 };
/** Requests that start this long after the first idle still count as "after first idle". */
const AFTER_IDLE_WAIT_MS = 1500;
const LOAD_TIMEOUT_MS = 90_000;

export type Page = 'app' | 'bare';
export type Category = 'JS' | 'CSS' | 'font' | 'data' | 'HTML' | 'other';
const CATEGORIES: Category[] = ['JS', 'CSS', 'font', 'data', 'HTML', 'other'];

export interface Resource {
  path: string; // relative to the page's build folder
  startTime: number;
  responseEnd: number;
  initiatorType: string;
}

/** One cold load, as measured inside the page (ms since navigation start). */
export interface LoadRun {
  page: Page;
  idle: number;
  idleBy: 'event' | 'frame-before-handle';
  domContentLoaded: number;
  scriptsDone: number; // last JS response before idle
  basemapStart: number;
  basemapEnd: number;
  fontsDone: number; // last font response before idle (NaN: none)
  dataDone: number; // last data response before idle
  fontsAwaitStart: number; // first document.fonts.load() called before the map exists (NaN: none)
  fontsAwaitEnd: number; // when the last of those settled
  mapCreated: number; // first WebGL context
  webglContexts: number;
  longTaskMs: number; // sum of long tasks before idle
  longTasks: number;
  /** CPU time of all Chromium processes from navigation to idle (less sensitive to a busy machine). */
  cpuMs: number;
  mapSize: { width: number; height: number };
  before: Resource[];
  after: Resource[];
}

export interface SizeRow {
  category: Category;
  files: number;
  raw: number;
  gzip: number;
}

export interface PageSizes {
  beforeIdle: SizeRow[];
  afterIdle: SizeRow[]; // requested during the run, after the first idle
  onDemand: SizeRow[]; // shipped in the build, never requested during the run
  beforeList: { path: string; category: Category; raw: number; gzip: number }[];
}

export interface StartupResult {
  runs: LoadRun[];
  median: { app: number; bare: number; ratio: number; cpuApp: number; cpuBare: number };
  phases: Record<Page, Record<string, number>>;
  sizes: Record<Page, PageSizes>;
  lines: string[];
}

// ---------- formatting ----------
const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');
const num = (x: number) => (Number.isFinite(x) ? Math.round(x).toString() : '—');
export function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

// ---------- build and serve ----------
export async function buildPages(log: (l: string) => void): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  let t = performance.now();
  // The app with its own vite.config.ts; a separate outDir so dist/ (used by the browser tests) is untouched.
  await build({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: join(OUT, 'app'), emptyOutDir: true, manifest: true },
  });
  log(`built app   → ${relative(ROOT, join(OUT, 'app'))}/  (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  t = performance.now();
  await build({
    configFile: false,
    root: join(ROOT, 'bench/bare'),
    base: './',
    publicDir: false,
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir: join(OUT, 'bare'), emptyOutDir: true, manifest: true, target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 2500 },
  });
  mkdirSync(join(OUT, 'bare/data'), { recursive: true });
  copyFileSync(join(ROOT, 'public/data/basemap.topo.json'), join(OUT, 'bare/data/basemap.topo.json'));
  log(`built bare  → ${relative(ROOT, join(OUT, 'bare'))}/  (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** `vite preview` (in this process, so nothing is left running) over dist-bench/: /app/ and /bare/. */
export async function startPreview(): Promise<{ server: PreviewServer; base: string }> {
  const port = await freePort();
  const server = await preview({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: OUT },
    preview: { port, strictPort: true, host: '127.0.0.1', open: false },
  });
  return { server, base: `http://127.0.0.1:${port}/` };
}

// ---------- in-page probe ----------
// Runs before any page script. The map handle (window.__atlas.mapView.map) appears only after the
// app's map fired `load`, which can be the same frame as the first `idle`: if the map is already idle
// when the handle appears, that idle happened at the end of the last animation frame.
const PROBE = `(() => {
  const B = (window.__bench = { done: false, idle: 0, idleBy: '', lastFrameEnd: 0, contexts: [], longTasks: [] });
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => { try { cb(t); } finally { B.lastFrameEnd = performance.now(); } });
  // How long page code waits on document.fonts.load() (the app waits for its label fonts).
  B.fontWait = [];
  const fontsLoad = FontFaceSet.prototype.load;
  FontFaceSet.prototype.load = function (...a) {
    const t = performance.now();
    const p = fontsLoad.apply(this, a);
    p.then(() => B.fontWait.push([t, performance.now()]), () => B.fontWait.push([t, performance.now()]));
    return p;
  };
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const ctx = getContext.call(this, type, ...rest);
    if (/webgl/.test(type) && ctx && !this.__benchSeen) { this.__benchSeen = true; B.contexts.push(performance.now()); }
    return ctx;
  };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) B.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  const finish = (t, by, map) => {
    B.idle = t; B.idleBy = by;
    const c = map.getCanvas();
    B.mapSize = { width: c.clientWidth, height: c.clientHeight };
    // After the timestamp: guards against timing a blank map.
    B.rendered = map.queryRenderedFeatures().length;
    B.done = true;
  };
  let handle;
  Object.defineProperty(window, '__atlas', {
    configurable: true,
    get() { return handle; },
    set(v) {
      handle = v;
      const map = v && v.mapView && v.mapView.map;
      if (!map || B.handled) return;
      B.handled = true;
      // _loaded and _frameRequest are MapLibre's own fields (unset until the first load / frame).
      if (map._loaded === true && !map._frameRequest && !map.isMoving()) finish(B.lastFrameEnd, 'frame-before-handle', map);
      else map.once('idle', () => finish(performance.now(), 'event', map));
    },
  });
})();`;

interface ProbeOut {
  idle: number;
  idleBy: LoadRun['idleBy'];
  contexts: number[];
  fontWait: [number, number][];
  longTasks: [number, number][];
  mapSize: { width: number; height: number };
  rendered: number;
  dcl: number;
  resources: { name: string; startTime: number; responseEnd: number; initiatorType: string }[];
}

/** utime + stime of this process's descendants (the browser and its renderer, GPU and utility processes). */
function treeCpuMs(): number {
  if (!existsSync('/proc/self/stat')) return NaN;
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // Fields after the parenthesised command name: state ppid ... utime(14) stime(15).
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(f[1]));
      ticks.set(Number(d), Number(f[11]) + Number(f[12]));
    } catch {
      // the process ended while we read
    }
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    let q = parent.get(pid);
    while (q !== undefined && q > 1 && q !== process.pid) q = parent.get(q);
    if (q === process.pid) total += t;
  }
  return total * 10; // CLK_TCK is 100 on Linux
}

const extreme = (f: (...xs: number[]) => number, xs: number[]) => (xs.length ? f(...xs) : NaN);

function category(path: string): Category {
  const ext = extname(path.split('?')[0]).toLowerCase();
  if (ext === '.js' || ext === '.mjs') return 'JS';
  if (ext === '.css') return 'CSS';
  if (['.woff2', '.woff', '.ttf', '.otf'].includes(ext)) return 'font';
  if (['.json', '.geojson', '.pbf', '.csv', '.kml'].includes(ext)) return 'data';
  if (ext === '.html' || ext === '') return 'HTML';
  return 'other';
}

/** A device profile for a cold load (scripts/bench/phone.ts): context options, set-up before navigation (CDP
 *  throttling), figures read at the first idle, a longer timeout. */
export interface LoadProfile {
  context?: BrowserContextOptions;
  prepare?: (p: PwPage) => Promise<void>;
  atIdle?: (p: PwPage) => Promise<Record<string, number>>;
  /** after the idle, until the requests started so far are in resource timing (default: a fixed 1.5 s) */
  settle?: (p: PwPage) => Promise<void>;
  timeoutMs?: number;
}

/** `block` aborts matching requests (for diagnosis, e.g. /\.woff2$/ to see what web fonts cost). */
export async function coldLoad(page: Page, url: string, browserArgs: string[], block?: RegExp, profile: LoadProfile = {}): Promise<LoadRun & { extra: Record<string, number> }> {
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: browserArgs });
    const context = await browser.newContext(profile.context ?? { viewport: VIEWPORT });
    await context.addInitScript(PROBE);
    if (block) await context.route(block, (r) => r.abort());
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    // Requests the page's resource timing may not list (e.g. from workers), to check nothing is missed.
    const requested = new Set<string>();
    p.on('request', (r) => requested.add(r.url()));
    await profile.prepare?.(p);
    const cpu0 = treeCpuMs();
    await p.goto(url, { waitUntil: 'commit' });
    await p
      .waitForFunction(() => (window as unknown as { __bench: { done: boolean } }).__bench.done, null, {
        timeout: profile.timeoutMs ?? LOAD_TIMEOUT_MS,
        polling: 100,
      })
      .catch((e: unknown) => {
        throw new Error(`${page}: map never went idle (${errors.join('; ') || String(e)})`);
      });
    const cpuMs = treeCpuMs() - cpu0;
    const extra = (await profile.atIdle?.(p)) ?? {};
    await (profile.settle ? profile.settle(p) : p.waitForTimeout(AFTER_IDLE_WAIT_MS));
    const out = (await p.evaluate(() => {
      const B = (window as unknown as { __bench: Record<string, unknown> }).__bench;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return {
        idle: B.idle,
        idleBy: B.idleBy,
        contexts: B.contexts,
        fontWait: B.fontWait,
        longTasks: B.longTasks,
        mapSize: B.mapSize,
        rendered: B.rendered,
        dcl: nav?.domContentLoadedEventEnd ?? 0,
        resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
          name: e.name,
          startTime: e.startTime,
          responseEnd: e.responseEnd,
          initiatorType: e.initiatorType,
        })),
      };
    })) as ProbeOut;
    if (!(out.rendered > 0)) throw new Error(`${page}: the map went idle with no rendered features`);
    const pageBase = new URL('./', url).href;
    const toPath = (u: string) => (u.startsWith(pageBase) ? u.slice(pageBase.length).split(/[?#]/)[0] : u);
    // Chromium asks for /favicon.ico on its own when a page declares no icon; not the page's download.
    const implicit = (u: string) => u === new URL('/favicon.ico', url).href;
    const resources: Resource[] = out.resources.filter((r) => !implicit(r.name)).map((r) => ({ ...r, path: toPath(r.name) }));
    const timed = new Set(out.resources.map((r) => r.name));
    timed.add(url);
    const untimed = [...requested].filter((u) => !timed.has(u) && !implicit(u) && !block?.test(u) && !u.startsWith('data:') && !u.startsWith('blob:'));
    if (untimed.length) throw new Error(`${page}: requests missing from resource timing: ${untimed.join(', ')}`);
    // The document itself loads before everything.
    resources.unshift({ path: 'index.html', startTime: 0, responseEnd: out.dcl, initiatorType: 'navigation' });
    const before = resources.filter((r) => r.startTime <= out.idle);
    const after = resources.filter((r) => r.startTime > out.idle);
    const doneBy = (cat: Category) =>
      extreme(Math.max, before.filter((r) => category(r.path) === cat && r.path !== 'index.html').map((r) => r.responseEnd));
    const basemap = resources.find((r) => r.path.endsWith('basemap.topo.json'));
    const lt = out.longTasks.filter(([s]) => s < out.idle);
    // Only the page's own waits: MapLibre itself calls document.fonts.load for label fonts later.
    const preMapFontWait = out.fontWait.filter(([a]) => !(a >= out.contexts[0]));
    return {
      page,
      idle: out.idle,
      idleBy: out.idleBy,
      domContentLoaded: out.dcl,
      scriptsDone: doneBy('JS'),
      basemapStart: basemap?.startTime ?? NaN,
      basemapEnd: basemap?.responseEnd ?? NaN,
      fontsDone: doneBy('font'),
      dataDone: doneBy('data'),
      fontsAwaitStart: extreme(Math.min, preMapFontWait.map(([a]) => a)),
      fontsAwaitEnd: extreme(Math.max, preMapFontWait.map(([, b]) => b)),
      mapCreated: out.contexts[0] ?? NaN,
      webglContexts: out.contexts.length,
      longTaskMs: lt.reduce((s, [, d]) => s + d, 0),
      longTasks: lt.length,
      cpuMs,
      mapSize: out.mapSize,
      before,
      after,
      extra,
    };
  } finally {
    await browser?.close();
  }
}

// ---------- sizes ----------
const gzipCache = new Map<string, number>();
function fileSizes(file: string): { raw: number; gzip: number } {
  const raw = statSync(file).size;
  let gz = gzipCache.get(file);
  if (gz === undefined) {
    gz = gzipSync(readFileSync(file), { level: 9 }).length;
    gzipCache.set(file, gz);
  }
  return { raw, gzip: gz };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

function sumRows(files: { path: string; category: Category; raw: number; gzip: number }[]): SizeRow[] {
  return CATEGORIES.map((category) => {
    const fs = files.filter((f) => f.category === category);
    return { category, files: fs.length, raw: fs.reduce((s, f) => s + f.raw, 0), gzip: fs.reduce((s, f) => s + f.gzip, 0) };
  });
}

function pageSizes(page: Page, run: LoadRun): PageSizes {
  const dir = join(OUT, page);
  const info = (path: string) => {
    const file = join(dir, path);
    if (!existsSync(file)) throw new Error(`${page}: loaded ${path}, which is not in ${relative(ROOT, dir)}/`);
    return { path, category: category(path), ...fileSizes(file) };
  };
  const uniq = (rs: Resource[]) => [...new Set(rs.map((r) => r.path))];
  const beforeList = uniq(run.before).map(info);
  const beforeSet = new Set(beforeList.map((f) => f.path));
  const afterList = uniq(run.after).filter((p) => !beforeSet.has(p)).map(info);
  const loaded = new Set([...beforeSet, ...afterList.map((f) => f.path)]);
  const onDemand = listFiles(dir)
    .map((f) => relative(dir, f))
    .filter((p) => !loaded.has(p) && p !== '.vite/manifest.json')
    .map(info);
  return { beforeIdle: sumRows(beforeList), afterIdle: sumRows(afterList), onDemand: sumRows(onDemand), beforeList };
}

// ---------- the benchmark ----------
export async function runStartupBench(opts: { runs?: number; log?: (l: string) => void } = {}): Promise<StartupResult> {
  const runs = Math.max(1, opts.runs ?? 7);
  const lines: string[] = [];
  const log = (l: string) => {
    lines.push(l);
    (opts.log ?? console.log)(l);
  };
  if (!existsSync(join(ROOT, 'public/data/basemap.topo.json'))) throw new Error('public/data/basemap.topo.json is missing');
  await buildPages(log);
  const { server, base } = await startPreview();
  const results: LoadRun[] = [];
  try {
    log(`vite preview on ${base}  (Chromium ${VIEWPORT.width}×${VIEWPORT.height}, SwiftShader WebGL, new browser per load)`);
    // Warm-up pair (not counted): first reads of the build from disk, first Chromium start.
    const warm = await coldLoad('app', `${base}app/`, CHROMIUM_ARGS);
    const size = warm.mapSize;
    const bareUrl = `${base}bare/?w=${size.width}&h=${size.height}`;
    await coldLoad('bare', bareUrl, CHROMIUM_ARGS);
    log(`warm-up pair done; map area ${size.width}×${size.height} px in both pages`);
    log('');
    log(`${pad('run', 5)}${pad('page', 6)}${lpad('idle', 9)}${lpad('map created', 13)}${lpad('basemap done', 14)}${lpad('pre-map fonts', 15)}${lpad('long tasks', 12)}${lpad('CPU', 9)}  idle seen by`);
    for (let i = 1; i <= runs; i++) {
      for (const [page, url] of [
        ['app', `${base}app/`],
        ['bare', bareUrl],
      ] as const) {
        const r = await coldLoad(page, url, CHROMIUM_ARGS);
        results.push(r);
        log(
          `${pad(String(i), 5)}${pad(page, 6)}${lpad(ms(r.idle), 9)}${lpad(ms(r.mapCreated), 13)}${lpad(ms(r.basemapEnd), 14)}${lpad(ms(r.fontsAwaitEnd), 15)}${lpad(ms(r.longTaskMs), 12)}${lpad(ms(r.cpuMs), 9)}  ${r.idleBy}`,
        );
      }
    }
  } finally {
    await server.close();
  }

  const of = (page: Page) => results.filter((r) => r.page === page);
  const med = (page: Page, f: (r: LoadRun) => number) => median(of(page).map(f));
  const app = med('app', (r) => r.idle);
  const bare = med('bare', (r) => r.idle);
  const ratio = app / bare;
  log('');
  log(`median time to first map idle (navigation start → idle, ${runs} cold loads each):`);
  log(`  app   ${lpad(ms(app), 8)}   (min ${ms(Math.min(...of('app').map((r) => r.idle)))}, max ${ms(Math.max(...of('app').map((r) => r.idle)))})`);
  log(`  bare  ${lpad(ms(bare), 8)}   (min ${ms(Math.min(...of('bare').map((r) => r.idle)))}, max ${ms(Math.max(...of('bare').map((r) => r.idle)))})`);
  log(`  ratio app/bare  ${ratio.toFixed(3)}   (target ≤ 1.15)`);
  const cpuApp = med('app', (r) => r.cpuMs);
  const cpuBare = med('bare', (r) => r.cpuMs);
  log(`median CPU time of all Chromium processes, navigation → idle: app ${ms(cpuApp)}, bare ${ms(cpuBare)}, ratio ${(cpuApp / cpuBare).toFixed(3)}`);

  const phaseDefs: [string, (r: LoadRun) => number][] = [
    ['DOMContentLoaded', (r) => r.domContentLoaded],
    ['last JS response', (r) => r.scriptsDone],
    ['basemap fetch start', (r) => r.basemapStart],
    ['basemap fetch done', (r) => r.basemapEnd],
    ['last data response', (r) => r.dataDone],
    ['pre-map fonts.load() called', (r) => r.fontsAwaitStart],
    ['pre-map fonts.load() settled', (r) => r.fontsAwaitEnd],
    ['last font response', (r) => r.fontsDone],
    ['map created (WebGL ctx)', (r) => r.mapCreated],
    ['first idle', (r) => r.idle],
    ['long tasks before idle', (r) => r.longTaskMs],
    ['CPU, all processes', (r) => r.cpuMs],
  ];
  const phases = { app: {}, bare: {} } as Record<Page, Record<string, number>>;
  log('');
  log('median milestones (ms since navigation start):');
  log(`  ${pad('', 30)}${lpad('app', 8)}${lpad('bare', 8)}${lpad('app−bare', 10)}`);
  for (const [name, f] of phaseDefs) {
    const a = med('app', f);
    const b = med('bare', f);
    phases.app[name] = a;
    phases.bare[name] = b;
    log(`  ${pad(name, 30)}${lpad(num(a), 8)}${lpad(num(b), 8)}${lpad(num(a - b), 10)}`);
  }
  log(`  WebGL contexts: app ${of('app')[0].webglContexts}, bare ${of('bare')[0].webglContexts}`);

  const sizes = { app: pageSizes('app', of('app')[0]), bare: pageSizes('bare', of('bare')[0]) };
  for (const page of ['app', 'bare'] as const) {
    const s = sizes[page];
    log('');
    log(`${page}: bytes by kind (raw / gzip -9 of the built files)`);
    log(`  ${pad('', 8)}${lpad('before first idle', 30)}${lpad('after first idle', 28)}${lpad('on demand (never loaded)', 34)}`);
    for (const c of CATEGORIES) {
      const cell = (r: SizeRow) => (r.files ? `${r.files} · ${kib(r.raw)} / ${kib(r.gzip)}` : '—');
      const rows = [s.beforeIdle, s.afterIdle, s.onDemand].map((rs) => rs.find((r) => r.category === c)!);
      if (rows.every((r) => !r.files)) continue;
      log(`  ${pad(c, 8)}${lpad(cell(rows[0]), 30)}${lpad(cell(rows[1]), 28)}${lpad(cell(rows[2]), 34)}`);
    }
    log(`  files before first idle:`);
    for (const f of [...s.beforeList].sort((a, b) => b.gzip - a.gzip))
      log(`    ${pad(f.path, 58)}${lpad(kib(f.raw), 12)}${lpad(kib(f.gzip), 12)}`);
  }
  return { runs: results, median: { app, bare, ratio, cpuApp, cpuBare }, phases, sizes, lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runStartupBench({ runs: Number(process.env.BENCH_RUNS) || undefined })
    .then(() => process.exit(0))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
