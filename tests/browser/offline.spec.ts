// Offline by construction: the service worker generated at build time (scripts/pwa/) precaches what a
// phone needs before first use on the first visit to any page (< 4 MB gzip), then the page fetches the
// later set (print, analysis tools, drawing, the import/analysis workers); its CJK font is a build-time subset
// of the app's own text (scripts/pwa/subsetFonts.ts). A visitor who opened only `/`
// can go offline and start a kiosk story in a new page, reload it, and export a scene image. A second build with a changed file takes over
// and serves its version. The worker is opt-in under webdriver (src/pwa/register.ts), so other specs run
// without it.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { SHOTS, mapIdle, watchConsole } from './helpers.ts';
import { buildServiceWorker, readPlan, wireBytes } from '../../scripts/pwa/serviceWorker.ts';
import { LATER_CACHE } from '../../src/pwa/names.ts';
import { fontFaces } from '../../scripts/pwa/fonts.ts';

const DIST = process.env.PW_DIST ?? 'dist';
// the app under its own Content-Security-Policy
test.use({ bypassCSP: false });

declare global {
  interface Window {
    __atlasOfflineTest?: { replaced: boolean };
  }
}

/** The precache list the build wrote into sw.js (workbox inlines it as {url:"…",revision:…}). */
function precacheList(dir: string): string[] {
  return [...readFileSync(join(dir, 'sw.js'), 'utf8').matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);
}

async function optIn(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => localStorage.setItem('tongcheng-atlas.sw', '1'));
}

/** Waits until the worker is active, i.e. its install (the whole precache) succeeded. */
async function precached(page: Page): Promise<{ precached: number; keys: string[] }> {
  await page.waitForFunction(() => window.__atlasOffline?.state === 'ready', null, { timeout: 150_000 });
  return page.evaluate(async () => {
    const keys: string[] = [];
    for (const name of await caches.keys()) if (name.includes('precache')) for (const r of await (await caches.open(name)).keys()) keys.push(r.url);
    return { precached: window.__atlasOffline!.precached, keys };
  });
}

async function sceneReady(page: Page, index: number): Promise<void> {
  await expect(page.locator(`.player[data-scene-state="ready"][data-scene-index="${index}"]`)).toBeVisible({ timeout: 60_000 });
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

const drawnPlan = (page: Page) =>
  page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['plan-area-fill', 'plan-line-existing', 'plan-line-future', 'plan-point'] }).length);

/** Requests that did not come from the service worker (offline they fail; data:/blob: are local). */
function networkRequests(page: Page): string[] {
  const out: string[] = [];
  page.on('requestfailed', (r) => {
    if (/^https?:/.test(r.url())) out.push(`${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (!r.fromServiceWorker() && /^https?:/.test(r.url())) out.push(r.url());
  });
  return out;
}

test('a visit to / only precaches everything: offline, a new page plays the kiosk, reloads, and exports a scene image', async ({ page, context }) => {
  test.setTimeout(300_000);
  await optIn(context);
  const list = precacheList(DIST);
  const fontsInBuild = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.woff2'));
  await page.goto('./');
  await mapIdle(page);
  const { precached: count, keys } = await precached(page);
  // every entry of the build's install list is in the cache: lazy chunks, data, the needed font slices
  expect(count).toBe(list.length);
  const cachedPaths = new Set(keys.map((k) => new URL(k).pathname.slice(1)));
  for (const url of list) expect(cachedPaths, url).toContain(url);
  for (const must of [/^assets\/StoryPanel-.*\.js$/, /^assets\/WorkspacePanel-.*\.js$/, /^assets\/AnalysisPanel-.*\.js$/, /^assets\/exportImage-.*\.js$/, /^assets\/maplibre-gl-worker-.*\.mjs$/, /^data\/plan\/chengdu-metro\.topo\.json$/, /^data\/places\.json$/, /^data\/basemap\.topo\.json$/])
    expect(list.some((u) => must.test(u)), String(must)).toBe(true);
  // what a phone downloads on install: 2.19 MB gzip measured with the CJK subset and the story pictures
  // (docs/phone.md), under 2.5 MB here; the tools come after, into their own cache
  const installGzip = list.reduce((sum, u) => sum + wireBytes(DIST, u).gzipBytes, 0);
  expect(installGzip).toBeLessThan(2.5 * 1024 * 1024);
  const later = readPlan(DIST).later;
  for (const must of [/^assets\/analysis\.worker-.*\.js$/, /^assets\/import\.worker-.*\.js$/, /^assets\/PrintPanel-.*\.js$/, /^assets\/fontkit\..*\.js$/])
    expect(later.some((u) => must.test(u)), String(must)).toBe(true);
  for (const u of later) expect(list, u).not.toContain(u);
  await page.waitForFunction(() => window.__atlasOffline?.later === 'ready', null, { timeout: 150_000 });
  const laterCached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname.slice(1)), LATER_CACHE);
  expect(laterCached.sort()).toEqual([...later].sort());
  // the print dialog opened once online: its preview fetched the print fonts, which the worker keeps
  await page.keyboard.press('Control+p');
  await expect.poll(() => page.locator('[data-print="preview"]').getAttribute('data-draws'), { timeout: 60_000 }).not.toBe('0');
  await page.keyboard.press('Escape');
  // the CJK font: the build-time subset of the app's own text, none of the full slices
  const fonts = list.filter((u) => u.endsWith('.woff2'));
  expect(fonts.filter((u) => /\/cjk-[\w-]+\.woff2$/.test(u)).length).toBeGreaterThan(10);
  expect(fonts.filter((u) => u.includes('noto-sans-sc-'))).toEqual([]);
  expect(fonts.length).toBeLessThan(fontsInBuild.length);

  await context.setOffline(true);
  const kiosk = await context.newPage();
  const errors = watchConsole(kiosk);
  const network = networkRequests(kiosk);
  await kiosk.goto('./#story=chengdu-metro&kiosk=1&idle=60&exit=2468');
  await mapIdle(kiosk);
  const player = kiosk.locator('.player');
  await expect(player).toHaveAttribute('data-kiosk-mode', 'autoplay');
  await sceneReady(kiosk, 0);
  const caption = kiosk.locator('.player .caption .title');
  await expect(caption).toBeVisible();
  expect(await drawnPlan(kiosk)).toBeGreaterThan(5);
  // the caption's Chinese characters are drawn with the cached web font, not a system fallback
  await kiosk.evaluate(() => document.fonts.ready);
  const text = (await caption.textContent())!;
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(await kiosk.evaluate((t) => document.fonts.check(`16px 'Noto Sans SC'`, t), text)).toBe(true);
  await kiosk.screenshot({ path: `${SHOTS}/offline-kiosk.png` });
  // a reload offline plays again
  await kiosk.reload();
  await mapIdle(kiosk);
  await sceneReady(kiosk, 0);
  expect(await drawnPlan(kiosk)).toBeGreaterThan(5);
  expect(network).toEqual([]);
  expect(errors).toEqual([]);
  await kiosk.close();

  // scene image export offline (its chunk and fonts come from the precache)
  const viewer = await context.newPage();
  await viewer.setViewportSize({ width: 1280, height: 720 });
  await viewer.goto('./#story=chengdu-metro&scene=three-belts');
  await mapIdle(viewer);
  await sceneReady(viewer, 1);
  await viewer.mouse.move(600, 400);
  await viewer.locator('[data-story-image="size"]').selectOption('1920x1080');
  const [download] = await Promise.all([viewer.waitForEvent('download', { timeout: 120_000 }), viewer.locator('[data-story-image="export"]').click()]);
  expect(download.suggestedFilename()).toBe('chengdu-metro-three-belts-1920x1080.png');
  const png = readFileSync((await download.path())!);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 1080]);
  expect(png.length).toBeGreaterThan(100_000);
  writeFileSync(`${SHOTS}/offline-scene-export.png`, png);
  // and a PDF sheet offline: print code, pdf-lib and fontkit from the later cache, the fonts from their cache
  const printer = await context.newPage();
  const printerNetwork = networkRequests(printer);
  await printer.goto('./#map=9.00/30.5700/104.0700');
  await mapIdle(printer);
  await printer.keyboard.press('Control+p');
  await printer.locator('[data-print="paper"]').selectOption('A4');
  await printer.locator('[data-print="dpi"]').selectOption('150');
  await printer.locator('[data-print="title"]').fill('离线打印');
  const printErrors = watchConsole(printer);
  const downloading = printer.waitForEvent('download', { timeout: 120_000 });
  await printer.locator('[data-print="pdf"]').click();
  // a failed print says so in the dialog's status line: fail with its words, not a bare timeout
  await expect(printer.locator('[data-print="status"]')).toContainText('.pdf', { timeout: 120_000 });
  const sheet = await downloading;
  expect(printErrors).toEqual([]);
  expect(sheet.suggestedFilename()).toMatch(/^离线打印_A4_.*_150dpi\.pdf$/);
  expect(readFileSync((await sheet.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(printerNetwork).toEqual([]);
  await context.setOffline(false);
});

type DrawnFont = { familyName: string; isCustomFont: boolean; glyphCount: number };

/** The platform fonts Chromium drew each `[data-font-probe]` element's text with (CDP CSS.getPlatformFontsForNode). */
async function probeFonts(page: Page): Promise<Map<string, DrawnFont[]>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-font-probe]' });
  const out = new Map<string, DrawnFont[]>();
  for (const nodeId of nodeIds) {
    const attrs = (await cdp.send('DOM.getAttributes', { nodeId })).attributes;
    out.set(attrs[attrs.indexOf('data-font-probe') + 1], (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts);
  }
  await cdp.detach();
  return out;
}

/**
 * Every Chinese character the page shows in the app's type (elements whose font stack names Noto Sans SC;
 * MapLibre's scale and attribution keep their own system stack), each drawn alone in that stack: those a
 * web font does not draw (a system font does: the subset lacks them). A character whose face is not loaded
 * yet starts its load; `document.fonts.ready` waits for it.
 */
async function chineseNotInWebFont(page: Page): Promise<{ shown: number; missing: string[] }> {
  const chars = await page.evaluate(async () => {
    document.getElementById('font-probes')?.remove();
    const seen = new Set<string>();
    for (const e of document.querySelectorAll<HTMLElement>('body *')) {
      if (!e.getClientRects().length || !getComputedStyle(e).fontFamily.includes('Noto Sans SC')) continue;
      for (const n of e.childNodes) if (n.nodeType === Node.TEXT_NODE) for (const ch of n.textContent ?? '') if (/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(ch)) seen.add(ch);
    }
    const box = document.createElement('div');
    box.id = 'font-probes';
    box.setAttribute('aria-hidden', 'true');
    box.style.cssText = 'position:fixed;left:-5000px;top:0;white-space:nowrap';
    for (const ch of seen) {
      const s = document.createElement('span');
      s.textContent = ch;
      s.setAttribute('data-font-probe', ch);
      box.append(s);
    }
    document.body.append(box);
    void box.offsetWidth;
    await document.fonts.ready;
    return [...seen];
  });
  const fonts = await probeFonts(page);
  await page.evaluate(() => document.getElementById('font-probes')?.remove());
  return { shown: chars.length, missing: chars.filter((ch) => !fonts.get(ch)?.every((f) => f.isCustomFont)) };
}

test.describe('phone offline', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('offline at 390×844, the Chinese of search results, the place page and a card is drawn by the CJK subset, no full slice is fetched', async ({ page, context }) => {
    test.setTimeout(240_000);
    await optIn(context);
    await page.goto('./');
    await mapIdle(page);
    await precached(page);
    await page.waitForFunction(() => window.__atlasOffline?.later === 'ready', null, { timeout: 150_000 });
    await context.setOffline(true);
    const phone = await context.newPage();
    const errors = watchConsole(phone);
    const network = networkRequests(phone);
    const fontRequests: string[] = [];
    phone.on('request', (r) => {
      if (/\.woff2$/.test(r.url())) fontRequests.push(new URL(r.url()).pathname.replace(/^.*\//, ''));
    });
    await phone.goto('./');
    await mapIdle(phone);
    await phone.waitForFunction(() => !!window.__atlasMap!.getLayer('plan-point'));
    const box = phone.getByRole('combobox');
    await box.tap();
    await box.fill('施家');
    await expect(phone.getByRole('option').first()).toContainText('施家镇');
    await phone.evaluate(() => document.fonts.ready);
    const inSearch = await chineseNotInWebFont(phone);
    expect(inSearch.shown).toBeGreaterThan(20);
    expect(inSearch.missing, 'search sheet').toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/phone-offline-search.png` });

    await phone.getByRole('option').first().tap();
    const panel = phone.locator('#place-panel');
    await expect(panel.locator('li[data-nearby]').first()).toBeVisible();
    await phone.evaluate(() => window.__atlas!.mapView.idle());
    await phone.evaluate(() => document.fonts.ready);
    const onPage = await chineseNotInWebFont(phone);
    expect(onPage.shown).toBeGreaterThan(50);
    expect(onPage.missing, 'place page').toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/phone-offline-place.png` });

    await panel.locator('li[data-nearby]').first().locator('button').tap();
    await expect(phone.locator('aside.card')).toBeVisible();
    await phone.evaluate(() => document.fonts.ready);
    expect((await chineseNotInWebFont(phone)).missing, 'card').toEqual([]);
    await phone.locator('aside.card').screenshot({ path: `${SHOTS}/phone-offline-card.png` });

    // the faces the page (and the map's labels, drawn by canvas from the same family) loaded are subset faces;
    // no full slice was asked for, so none failed offline
    const faces = await phone.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'Noto Sans SC').map((f) => f.status));
    expect(faces.filter((s) => s === 'loaded').length).toBeGreaterThan(5);
    expect(faces).not.toContain('error');
    expect(fontRequests.filter((f) => f.startsWith('noto-sans-sc-'))).toEqual([]);
    expect(fontRequests.filter((f) => f.startsWith('cjk-')).length).toBeGreaterThan(5);
    // the participation layer asks its server (/api/health), which offline fails; nothing else went to the network
    expect(network.filter((u) => !new URL(u.split(' ')[0]).pathname.startsWith('/api/'))).toEqual([]);
    expect(errors.filter((e) => !/^Failed to load resource: net::ERR_(FAILED|INTERNET_DISCONNECTED)$/.test(e))).toEqual([]);

    // what offline users see for a character outside the subset (typed or imported text): the system's CJK font
    const subsetCss = readdirSync(join(DIST, 'assets')).find((f) => f.startsWith('cjk-subset-'))!;
    const rare = '龘';
    const subsetFaces = fontFaces(readFileSync(join(DIST, 'assets', subsetCss), 'utf8')).filter((f) => f.file.startsWith('cjk-'));
    expect(subsetFaces.some((f) => f.ranges.some(([lo, hi]) => rare.codePointAt(0)! >= lo && rare.codePointAt(0)! <= hi))).toBe(false);
    await phone.evaluate((t) => {
      const d = document.createElement('p');
      d.id = 'rare-probe';
      d.style.cssText = 'position:fixed;top:0;left:0;margin:0;font-size:40px;background:#fff;z-index:99999';
      for (const ch of t) {
        const s = document.createElement('span');
        s.textContent = ch;
        s.setAttribute('data-font-probe', ch);
        d.append(s);
      }
      document.body.append(d);
    }, `${rare}施家镇`);
    await phone.evaluate(() => document.fonts.ready);
    const rareFonts = await probeFonts(phone);
    expect(rareFonts.get(rare)!.every((f) => !f.isCustomFont), rare).toBe(true);
    expect(rareFonts.get('施')!.every((f) => f.isCustomFont), '施').toBe(true);
    await phone.locator('#rare-probe').screenshot({ path: `${SHOTS}/phone-offline-rare.png` });
    await context.setOffline(false);
  });
});

test('installable: the built page links a manifest whose icons exist at their stated sizes', async ({ page }) => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  expect(html).toContain('<link rel="manifest" href="./manifest.webmanifest">');
  expect(html).toMatch(/<link rel="apple-touch-icon" href="\.\/icons\/apple-touch-icon\.png"/);
  expect(html).toMatch(/<meta property="og:title" content="[^"]*同城图集/);
  // the link preview: drawn at build time from the plan (1200×630); precached, since the boot shell shows it
  expect(html).toContain('<meta property="og:image" content="./og-preview.png"');
  expect(html).toContain('<meta name="twitter:card" content="summary_large_image"');
  const og = readFileSync(join(DIST, 'og-preview.png'));
  expect([og.readUInt32BE(16), og.readUInt32BE(20)]).toEqual([1200, 630]);
  expect(og.length).toBeGreaterThan(20_000);
  expect(precacheList(DIST)).toContain('og-preview.png');
  const m = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8')) as { name: string; display: string; start_url: string; theme_color: string; icons: { src: string; sizes: string; purpose: string }[] };
  expect(m.name).toContain('同城图集');
  expect(m.name).toContain('Tongcheng Atlas');
  expect(m.display).toBe('standalone');
  expect(m.start_url).toBe('./');
  expect(html).toContain(`<meta name="theme-color" content="${m.theme_color}">`);
  expect(m.icons.map((i) => i.purpose).sort()).toEqual(['any', 'any', 'maskable']);
  for (const f of [...m.icons.map((i) => ({ src: i.src, size: Number(i.sizes.split('x')[0]) })), { src: 'icons/apple-touch-icon.png', size: 180 }]) {
    const png = readFileSync(join(DIST, f.src));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)], f.src).toEqual([f.size, f.size]);
  }
  // the browser reads the manifest under the page's policy (manifest-src 'self')
  await page.goto('./');
  expect(await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).ok)).toBe(true);
});

// A second build: a copy of the built app with a changed file and its own generated worker (the same
// code the build runs), served from one origin by a small server whose root the test switches.
test.describe('update', () => {
  let server: Server;
  let root = '';
  let port = 0;
  const dirs: string[] = [];
  const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.webmanifest': 'application/manifest+json' };

  test.beforeAll(async () => {
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
      try {
        const body = readFileSync(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  test.afterAll(async () => {
    await new Promise((r) => server.close(r));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('a new build activates at once, serves its version and drops the old entries', async ({ page, context }) => {
    test.setTimeout(240_000);
    await optIn(context);
    const copy = (mark: string) => {
      const d = mkdtempSync(join(tmpdir(), 'atlas-build-'));
      dirs.push(d);
      cpSync(DIST, d, { recursive: true });
      writeFileSync(join(d, 'data/plan/index.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(d, 'data/plan/index.json'), 'utf8')), buildMark: mark }));
      return d;
    };
    const a = copy('A');
    const b = copy('B');
    await buildServiceWorker(a);
    await buildServiceWorker(b);
    const mark = () => page.evaluate(async () => ((await (await fetch('data/plan/index.json')).json()) as { buildMark: string }).buildMark);

    root = a;
    await page.goto(`http://127.0.0.1:${port}/`);
    await mapIdle(page);
    await precached(page);
    expect(await mark()).toBe('A');

    root = b;
    await page.evaluate(async () => {
      const first = navigator.serviceWorker.controller;
      window.__atlasOfflineTest = { replaced: false };
      navigator.serviceWorker.addEventListener('controllerchange', () => {
        if (navigator.serviceWorker.controller !== first) window.__atlasOfflineTest!.replaced = true;
      });
      await (await navigator.serviceWorker.getRegistration())!.update();
    });
    // skipWaiting + clientsClaim: the new worker takes over the open page without a reload
    await page.waitForFunction(() => window.__atlasOfflineTest?.replaced && navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 120_000 });
    await page.reload();
    await mapIdle(page);
    expect(await mark()).toBe('B');
    // the old revision of the changed file is gone from the precache; nothing else is cached twice
    const entries = await page.evaluate(async () => {
      const out: string[] = [];
      for (const name of await caches.keys()) if (name.includes('precache')) for (const r of await (await caches.open(name)).keys()) out.push(r.url);
      return out;
    });
    expect(entries.filter((u) => u.includes('data/plan/index.json'))).toHaveLength(1);
    expect(entries).toHaveLength(precacheList(b).length);
    // and offline the new version is what plays
    await context.setOffline(true);
    await page.reload();
    await mapIdle(page);
    expect(await mark()).toBe('B');
    await context.setOffline(false);
  });
});
