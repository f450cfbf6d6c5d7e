// The built app's Content-Security-Policy (src/config/csp.ts, a <meta> written at build): an injected
// inline script and eval are refused, while the map, both workers, deck.gl, the service worker and an
// online basemap keep working under it with no violation of their own. The online basemap is the
// configured OpenStreetMap host; its requests are answered by a local tile server (never the internet).
import { test, expect, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { encodePng } from '../../scripts/png.ts';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { SHOTS, dropFiles, frames, mapIdle, usePngDecoder, watchConsole } from './helpers.ts';
import { contentSecurityPolicy } from '../../src/config/csp.ts';

test.use({ bypassCSP: false });
const DIST = process.env.PW_DIST ?? 'dist';

declare global {
  interface Window {
    __csp?: { directive: string; blocked: string; sample: string }[];
    __injected?: number;
  }
}

/** One 256-px tile: pale blue with a dark square, so the tiles are visible in the screenshot. */
function tilePng(): Buffer {
  const w = 256;
  const px = new Uint8Array(w * w * 4);
  for (let y = 0; y < w; y++)
    for (let x = 0; x < w; x++) px.set(x < 4 || y < 4 ? [40, 40, 40, 255] : [200, 228, 255, 255], (y * w + x) * 4);
  return encodePng(w, w, px);
}

let server: Server;
let tileBase = '';
let tileHits = 0;
test.beforeAll(async () => {
  const png = tilePng();
  server = createServer((req, res) => {
    tileHits++;
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(png);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  tileBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp!.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
  });
}
const violations = (page: Page) => page.evaluate(() => window.__csp ?? []);

test('the built page carries the policy derived from src/config/basemaps.ts, first in <head>', () => {
  const html = readFileSync(`${DIST}/index.html`, 'utf8');
  const m = /<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  expect(m).not.toBeNull();
  const policy = m![1].replace(/&#39;/g, "'");
  expect(policy).toBe(contentSecurityPolicy());
  expect(policy).toContain("script-src 'self';");
  expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  expect(policy).toContain('https://tile.openstreetmap.org');
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});

test('an injected inline script and eval are refused; map, workers, deck.gl, service worker and an online basemap work', async ({ page, context }) => {
  test.setTimeout(240_000);
  const errors = watchConsole(page);
  await watchViolations(page);
  await context.addInitScript(() => localStorage.setItem('tongcheng-atlas.sw', '1'));
  // the configured OSM host, answered by the local tile server
  await context.route('https://tile.openstreetmap.org/**', async (route) => {
    const u = new URL(route.request().url());
    await route.fulfill({ response: await route.fetch({ url: `${tileBase}${u.pathname}` }) });
  });
  await page.goto('./#flow=1&map=7.60/30.2000/104.7000');
  await mapIdle(page);

  // injected script: by an element (as an XSS would) and by Playwright's script tag
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = 1';
    document.body.append(s);
  });
  await page.addScriptTag({ content: 'window.__injected = 2' }).catch(() => undefined);
  await expect.poll(async () => (await violations(page)).filter((v) => v.directive === 'script-src-elem').length).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => window.__injected)).toBeUndefined();
  // a script from a data: URL, and a string handed to setTimeout (eval by another name; eval typed into
  // page.evaluate itself is exempt, as DevTools is)
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.src = 'data:text/javascript,window.__injected=3';
    document.body.append(s);
    (setTimeout as (code: string, ms: number) => number)('window.__injected = 4', 0);
  });
  await expect.poll(async () => (await violations(page)).map((v) => v.directive)).toEqual(expect.arrayContaining(['script-src-elem', 'script-src']));
  await frames(page);
  expect(await page.evaluate(() => window.__injected)).toBeUndefined();

  // map: the plan overlay is drawn
  await page.waitForFunction(() => (window.__atlasMap!.getSource('plan') as unknown) !== undefined);
  await mapIdle(page);
  expect(await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['plan-area-fill', 'plan-line-existing', 'plan-line-future'] }).length)).toBeGreaterThan(5);

  // deck.gl: the corridor pulses run, and the overlay canvas changes the picture
  await page.waitForFunction(() => (window.__atlas!.flow?.()?.pulseCount ?? 0) > 0);
  await frames(page);
  const clip = { x: 330, y: 60, width: 880, height: 640 };
  const withDeck = await page.screenshot({ clip });
  await page.evaluate(() => ((document.getElementById('deckgl-overlay') as HTMLElement).style.visibility = 'hidden'));
  const withoutDeck = await page.screenshot({ clip });
  await page.evaluate(() => ((document.getElementById('deckgl-overlay') as HTMLElement).style.visibility = ''));
  const a = await usePngDecoder(page, withDeck);
  const b = await usePngDecoder(page, withoutDeck);
  const changed = await page.evaluate(async ({ a, b }) => {
    const [da, db] = [await window.__decodePng!(a), await window.__decodePng!(b)].map((c) => c.getImageData(0, 0, c.canvas.width, c.canvas.height).data);
    let n = 0;
    for (let i = 0; i < da.length; i += 4) if (Math.abs(da[i] - db[i]) + Math.abs(da[i + 1] - db[i + 1]) + Math.abs(da[i + 2] - db[i + 2]) > 40) n++;
    return n;
  }, { a, b });
  expect(changed).toBeGreaterThan(2000);

  // analysis worker: the overlap table fills
  await page.locator('[data-tool="analysis"]').click();
  await page.locator('[data-tab="overlap"]').click();
  await page.locator('[data-section="overlap"] [data-action="overlap-run"]').click();
  await expect(page.locator('[data-table="overlap"] tbody tr').first()).toBeVisible({ timeout: 60_000 });

  // import worker: a dropped CSV becomes a layer
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  await page.locator('[data-tool="workspace"]').click();
  await expect(page.getByTestId('workspace-panel')).toBeVisible();
  await dropFiles(page, [{ name: 'points.csv', bytes: Buffer.from('lon,lat,name\n104.06,30.67,a\n104.10,30.60,b\n', 'utf8') }]);
  await expect.poll(() => page.evaluate(() => window.__atlasWorkspace!.history.state.layers.length), { timeout: 30_000 }).toBe(1);

  // online basemap (configured host, local tiles)
  await page.locator('.basemaps summary').click();
  await page.locator('input[data-basemap="osm"]').focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.__atlasMap!.getContainer().dataset.basemap === 'osm');
  await mapIdle(page);
  expect(tileHits).toBeGreaterThan(0);

  // service worker: registered and its precache complete
  await page.waitForFunction(() => window.__atlasOffline?.state === 'ready', null, { timeout: 150_000 });
  expect(await page.evaluate(() => window.__atlasOffline!.precached)).toBeGreaterThan(50);

  await page.screenshot({ path: `${SHOTS}/csp-app.png` });
  // the app itself caused no violation: only the two injected scripts were refused
  // exactly the four injections were refused; the app itself caused no violation
  expect((await violations(page)).map((v) => `${v.directive} ${v.blocked}`).sort()).toEqual([
    'script-src eval',
    'script-src-elem data',
    'script-src-elem inline',
    'script-src-elem inline',
  ]);
  expect(errors.filter((e) => !/Content Security Policy|__injected/.test(e))).toEqual([]);
});
