// Basemap switcher against a local tile server (never the internet): OSM tiles come from 127.0.0.1 only,
// the GCJ-02 basemap shifts overlays on screen by the GCJ offset and switching back restores the exact
// WGS84 data, the group toggles hide and show what they name, and the Tianditu key stays out of the URL.
import { test, expect, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { encodePng } from '../../scripts/png.ts';
import type { AddressInfo } from 'node:net';
import gcoord from 'gcoord';
import { AXE_PATH, SHOTS, mapIdle, watchConsole } from './helpers.ts';

const PREVIEW = `http://127.0.0.1:${process.env.PW_PORT ?? 4173}/`;
const COLOURS: Record<string, [number, number, number, number]> = {
  osm: [200, 228, 255, 255],
  tianditu: [205, 245, 205, 255],
  'tianditu-label': [0, 0, 0, 0],
  gaode: [255, 226, 190, 255],
};
const GRID: [number, number, number] = [40, 40, 40];
/** Every tile has a 2-px dark meridian at this longitude (in the tiles' own datum). */
const GRID_LON = 104.0;

function tile(name: string, z: number, x: number): Buffer {
  const px = new Uint8Array(256 * 256 * 4);
  const colour = COLOURS[name];
  for (let i = 0; i < px.length; i += 4) px.set(colour, i);
  if (colour[3] > 0) {
    const worldX = ((GRID_LON + 180) / 360) * 256 * 2 ** z - x * 256;
    const col = Math.floor(worldX);
    for (const c of [col, col + 1])
      if (c >= 0 && c < 256) for (let y = 0; y < 256; y++) px.set([...GRID, 255], (y * 256 + c) * 4);
  }
  return encodePng(256, 256, px);
}

let server: Server;
let tileBase = '';
const hits: { name: string; url: string }[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const m = /^\/([a-z-]+)\/(\d+)\/(\d+)\/(\d+)\.png/.exec(req.url ?? '');
    if (!m || !COLOURS[m[1]]) {
      res.writeHead(404).end();
      return;
    }
    hits.push({ name: m[1], url: req.url! });
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(tile(m[1], Number(m[2]), Number(m[3])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tileBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function open(page: Page, hash: string): Promise<{ foreign: string[]; errors: string[] }> {
  hits.length = 0;
  const overrides = {
    osm: { tiles: [`${tileBase}/osm/{z}/{x}/{y}.png`] },
    tianditu: { tiles: [`${tileBase}/tianditu/{z}/{x}/{y}.png?tk={tk}`], labelTiles: [`${tileBase}/tianditu-label/{z}/{x}/{y}.png?tk={tk}`] },
    gaode: { tiles: [`${tileBase}/gaode/{z}/{x}/{y}.png`] },
  };
  await page.addInitScript((json) => localStorage.setItem('tongcheng-atlas.basemap-overrides', json), JSON.stringify(overrides));
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(PREVIEW) && !url.startsWith(`${tileBase}/`) && !/^(data:|blob:)/.test(url)) foreign.push(url);
  });
  const errors = watchConsole(page);
  // Tall enough that the bottom-left legend stack does not cover the open switcher in screenshots.
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.goto(`./${hash}`);
  await mapIdle(page);
  await page.locator('.basemaps summary').click();
  return { foreign, errors };
}

/** Keyboard use (focus + Space), which is also how the switcher must work without a pointer. */
async function press(page: Page, selector: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.press('Space');
}

async function choose(page: Page, id: string, expectShown = id): Promise<void> {
  await press(page, `input[data-basemap="${id}"]`);
  await expect(page.locator(`input[data-basemap="${id}"]`)).toBeChecked();
  await page.waitForFunction((s) => window.__atlasMap!.getContainer().dataset.basemap === s, expectShown);
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

/** Hides or shows the plan overlay (test only), so tile pixels can be counted. */
async function planVisible(page: Page, visible: boolean): Promise<void> {
  await page.evaluate((v) => {
    const map = window.__atlasMap!;
    for (const id of map.getLayersOrder()) if (id.startsWith('plan-')) map.setLayoutProperty(id, 'visibility', v ? 'visible' : 'none');
  }, visible);
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

/** Share of sampled canvas pixels within `tol` of an RGB colour, optionally in one column band. */
async function colourShare(page: Page, rgb: number[], band?: { x: number; halfWidth: number }, tol = 6): Promise<number> {
  return page.evaluate(
    ({ rgb, band, tol }) => {
      const src = window.__atlasMap!.getCanvas();
      const ratio = src.width / src.clientWidth;
      const c = document.createElement('canvas');
      c.width = src.width;
      c.height = src.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(src, 0, 0);
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let match = 0;
      let total = 0;
      const x0 = band ? Math.round((band.x - band.halfWidth) * ratio) : 0;
      const x1 = band ? Math.round((band.x + band.halfWidth) * ratio) : c.width - 1;
      for (let y = 0; y < c.height; y += band ? 1 : 5) {
        let hit = false;
        for (let x = Math.max(0, x0); x <= Math.min(c.width - 1, x1); x += band ? 1 : 5) {
          const i = (y * c.width + x) * 4;
          const ok = Math.abs(data[i] - rgb[0]) <= tol && Math.abs(data[i + 1] - rgb[1]) <= tol && Math.abs(data[i + 2] - rgb[2]) <= tol;
          if (band) hit ||= ok;
          else {
            total++;
            if (ok) match++;
          }
        }
        if (band) {
          total++;
          if (hit) match++;
        }
      }
      return match / total;
    },
    { rgb, band, tol },
  );
}

test('OSM draws tiles from the local tile server only, under the vector layers', async ({ page }) => {
  const { foreign, errors } = await open(page, '#map=9.00/30.6500/104.2000');
  await page.screenshot({ path: `${SHOTS}/basemaps-offline.png` });
  expect(hits).toEqual([]); // the offline default asks for no tiles

  await choose(page, 'osm');
  await page.screenshot({ path: `${SHOTS}/basemaps-osm.png` });
  expect(hits.length).toBeGreaterThan(3);
  expect(new Set(hits.map((h) => h.name))).toEqual(new Set(['osm']));
  expect(foreign, 'requests to other hosts').toEqual([]);
  expect(page.url()).toContain('bm=osm');

  const layers = await page.evaluate(() => {
    const map = window.__atlasMap!;
    const order = map.getLayersOrder();
    return {
      rasterBelowProvince: order.indexOf('basemap-raster') < order.indexOf('province-line') && order.indexOf('basemap-raster') > order.indexOf('background'),
      fill: map.getLayoutProperty('sichuan-fill', 'visibility'),
      provinces: map.queryRenderedFeatures({ layers: ['province-line'] }).length,
    };
  });
  expect(layers.rasterBelowProvince).toBe(true);
  expect(layers.fill).toBe('none');
  expect(layers.provinces).toBeGreaterThan(0);
  // The tile colour covers most of the map, and the tiles' meridian sits where MapLibre projects 104°E.
  await planVisible(page, false);
  expect(await colourShare(page, COLOURS.osm)).toBeGreaterThan(0.6);
  const x104 = await page.evaluate((lon) => window.__atlasMap!.project([lon, 30.65]).x, GRID_LON);
  expect(await colourShare(page, GRID, { x: x104, halfWidth: 2 }, 12)).toBeGreaterThan(0.6);
  expect(await colourShare(page, GRID, { x: x104 + 25, halfWidth: 2 }, 12)).toBeLessThan(0.05);
  await planVisible(page, true);
  // The attribution names the tile provider.
  await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap');
  expect(errors).toEqual([]);
});

test('the GCJ-02 basemap shifts overlays by the GCJ offset and switching back restores the WGS84 data exactly', async ({ page }) => {
  const { foreign, errors } = await open(page, '#map=9.00/30.6500/104.0600');
  await page.waitForFunction(() => !!window.__atlasMap!.getSource('plan'));
  // An isolated plan point, put on screen at zoom 12 where the GCJ offset is well over the 2-px tolerance.
  const target = await page.evaluate(async () => {
    const map = window.__atlasMap!;
    const src = map.getSource('plan') as unknown as { getData: () => Promise<GeoJSON.FeatureCollection> };
    const data = await src.getData();
    (window as unknown as { __orig: unknown }).__orig = data;
    (window as unknown as { __origJson: string }).__origJson = JSON.stringify(data);
    const pts = data.features.filter((f) => f.geometry?.type === 'Point' && f.properties?.id);
    const coords = pts.map((f) => (f.geometry as GeoJSON.Point).coordinates);
    const i = coords.findIndex((c, k) => c[0] > 103 && c[0] < 105.5 && coords.every((d, j) => j === k || Math.hypot(d[0] - c[0], d[1] - c[1]) > 0.05));
    return { id: pts[i].properties!.id as string, lon: coords[i][0], lat: coords[i][1] };
  });
  await page.evaluate(({ lon, lat }) => window.__atlasMap!.jumpTo({ center: [lon + 0.02, lat - 0.01], zoom: 12 }), target);
  await page.evaluate(() => window.__atlas!.mapView.idle());

  /** Centre of the rendered circle of the target, scanning through (x, y) with queryRenderedFeatures. */
  const measure = (at: { x: number; y: number }) =>
    page.evaluate(
      ({ at, id }) => {
        const map = window.__atlasMap!;
        const on = (x: number, y: number) => map.queryRenderedFeatures([x, y], { layers: ['plan-point'] }).some((f) => f.properties.id === id);
        const xs: number[] = [];
        const ys: number[] = [];
        for (let d = -40; d <= 40; d += 0.5) {
          if (on(at.x + d, at.y)) xs.push(at.x + d);
          if (on(at.x, at.y + d)) ys.push(at.y + d);
        }
        if (!xs.length || !ys.length) return null;
        return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
      },
      { at, id: target.id },
    );
  const project = (lon: number, lat: number) =>
    page.evaluate(([lon, lat]) => {
      const p = window.__atlasMap!.project([lon, lat]);
      return { x: p.x, y: p.y };
    }, [lon, lat]);

  const wgsPx = await project(target.lon, target.lat);
  const before = await measure(wgsPx);
  expect(before).not.toBeNull();
  expect(Math.hypot(before!.x - wgsPx.x, before!.y - wgsPx.y)).toBeLessThan(1);
  const viewBefore = await page.evaluate(() => window.__atlas!.mapView.getView());
  // deck.gl draws too (corridor bands): it must follow the same shift
  await page.waitForFunction(() => (window.__atlas!.flow?.()?.bandCount ?? 0) > 0);
  const bandVertex = () => page.evaluate(() => window.__atlas!.flow!()!.drawn().bands[0][0] as number[]);
  const bandWgs = await bandVertex();

  await choose(page, 'gaode');
  await page.screenshot({ path: `${SHOTS}/basemaps-gaode.png` });
  expect(new Set(hits.map((h) => h.name))).toEqual(new Set(['gaode']));

  // Independent expectation: gcoord's WGS84→GCJ-02, projected by the (unmoved) camera.
  const [gLon, gLat] = gcoord.transform([target.lon, target.lat], gcoord.WGS84, gcoord.GCJ02);
  const gcjPx = await project(gLon, gLat);
  const shift = Math.hypot(gcjPx.x - wgsPx.x, gcjPx.y - wgsPx.y);
  expect(shift).toBeGreaterThan(8);
  const after = await measure(gcjPx);
  expect(after, 'target drawn at its GCJ-02 position').not.toBeNull();
  expect(Math.abs(after!.x - gcjPx.x)).toBeLessThanOrEqual(2);
  expect(Math.abs(after!.y - gcjPx.y)).toBeLessThanOrEqual(2);
  // Nothing of the target is left centred on its WGS84 position.
  const stale = await measure(wgsPx);
  expect(stale === null || Math.hypot(stale.x - wgsPx.x, stale.y - wgsPx.y) > 4).toBe(true);

  // Basemap sources are shifted too (first county vertex vs gcoord), and the view stays WGS84.
  const county = await page.evaluate(async () => {
    const map = window.__atlasMap!;
    const shown = (await (map.getSource('counties') as unknown as { getData: () => Promise<GeoJSON.FeatureCollection> }).getData()).features[0];
    const c = map.getCenter();
    return {
      shownFirst: (shown.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon).coordinates.flat(2)[0] as unknown as number[],
      center: [c.lng, c.lat],
      view: window.__atlas!.mapView.getView(),
    };
  });
  const [cwLon, cwLat] = gcoord.transform(county.center as [number, number], gcoord.GCJ02, gcoord.WGS84);
  expect(Math.abs(county.view.lon - cwLon)).toBeLessThan(1e-6);
  expect(Math.abs(county.view.lat - cwLat)).toBeLessThan(1e-6);
  expect(Math.abs(county.view.lon - viewBefore.lon)).toBeGreaterThan(1e-4); // the display moved, not the data
  const bandGcj = gcoord.transform(bandWgs as [number, number], gcoord.WGS84, gcoord.GCJ02);
  await expect.poll(async () => Math.hypot((await bandVertex())[0] - bandGcj[0], (await bandVertex())[1] - bandGcj[1])).toBeLessThan(1e-9);

  await choose(page, 'offline');
  await page.screenshot({ path: `${SHOTS}/basemaps-offline-restored.png` });
  const restored = await page.evaluate(async () => {
    const map = window.__atlasMap!;
    const data = await (map.getSource('plan') as unknown as { getData: () => Promise<unknown> }).getData();
    const w = window as unknown as { __orig: unknown; __origJson: string };
    const counties = (await (map.getSource('counties') as unknown as { getData: () => Promise<GeoJSON.FeatureCollection> }).getData()).features[0];
    return {
      same: data === w.__orig,
      equal: JSON.stringify(data) === w.__origJson,
      raster: !!map.getLayer('basemap-raster'),
      countyFirst: (counties.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon).coordinates.flat(2)[0] as unknown as number[],
    };
  });
  expect(restored).toMatchObject({ same: true, equal: true, raster: false });
  await expect.poll(bandVertex).toEqual(bandWgs);
  const back = await measure(wgsPx);
  expect(Math.hypot(back!.x - wgsPx.x, back!.y - wgsPx.y)).toBeLessThan(1);
  // The county's displayed vertex was exactly the GCJ-02 of the restored WGS84 vertex.
  const [eLon, eLat] = gcoord.transform(restored.countyFirst as [number, number], gcoord.WGS84, gcoord.GCJ02);
  expect(Math.abs(county.shownFirst[0] - eLon)).toBeLessThan(1e-9);
  expect(Math.abs(county.shownFirst[1] - eLat)).toBeLessThan(1e-9);
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test('boundaries, rivers and labels toggle on the offline and on an online basemap', async ({ page }) => {
  const { errors } = await open(page, '#map=8.00/30.6000/104.3000');
  const counts = () =>
    page.evaluate(() => {
      const map = window.__atlasMap!;
      const n = (layers: string[]) => map.queryRenderedFeatures({ layers }).length;
      return {
        boundaries: n(['province-line', 'prefecture-line', 'county-line']),
        fills: n(['sichuan-fill', 'chongqing-fill']),
        rivers: n(['river-line']),
        labels: n(['prefecture-label', 'county-label']),
      };
    });
  for (const basemap of ['offline', 'osm']) {
    if (basemap !== 'offline') await choose(page, basemap);
    const all = await counts();
    expect(all.boundaries, basemap).toBeGreaterThan(5);
    expect(all.rivers, basemap).toBeGreaterThan(0);
    expect(all.labels, basemap).toBeGreaterThan(3);
    expect(all.fills > 0, basemap).toBe(basemap === 'offline');
    for (const group of ['boundaries', 'rivers', 'labels'] as const) {
      await press(page, `input[data-basemap-group="${group}"]`);
      await expect(page.locator(`input[data-basemap-group="${group}"]`)).not.toBeChecked();
      await page.evaluate(() => window.__atlas!.mapView.idle());
      const off = await counts();
      expect(off[group], `${basemap} ${group} off`).toBe(0);
      for (const other of ['boundaries', 'rivers', 'labels'] as const) if (other !== group) expect(off[other], `${other} stays`).toBeGreaterThan(0);
      if (group === 'rivers') await page.screenshot({ path: `${SHOTS}/basemaps-${basemap}-no-rivers.png` });
      await press(page, `input[data-basemap-group="${group}"]`);
      await expect(page.locator(`input[data-basemap-group="${group}"]`)).toBeChecked();
      await page.evaluate(() => window.__atlas!.mapView.idle());
      const on = await counts();
      expect(on[group], `${basemap} ${group} on`).toBe(all[group]);
      expect(on.fills > 0, 'land fill only offline').toBe(basemap === 'offline');
    }
  }
  expect(errors).toEqual([]);
});

test('Tianditu waits for a key, keeps it in localStorage and out of the URL', async ({ page }) => {
  const { foreign, errors } = await open(page, '#map=9.00/30.6500/104.0600');
  await choose(page, 'tianditu', 'offline');
  await expect(page.locator('.basemaps [role="status"]')).toBeVisible();
  expect(hits).toEqual([]);

  await page.locator('[data-basemap-key]').fill('test-key-123');
  await page.locator('[data-basemap-key]').press('Enter');
  await page.waitForFunction(() => window.__atlasMap!.getContainer().dataset.basemap === 'tianditu');
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await page.screenshot({ path: `${SHOTS}/basemaps-tianditu.png` });
  await expect(page.locator('.basemaps [role="status"]')).toHaveCount(0);
  expect(hits.some((h) => h.name === 'tianditu')).toBe(true);
  expect(hits.some((h) => h.name === 'tianditu-label')).toBe(true);
  expect(hits.every((h) => h.url.endsWith('tk=test-key-123'))).toBe(true);
  await planVisible(page, false);
  expect(await colourShare(page, COLOURS.tianditu)).toBeGreaterThan(0.6);
  await planVisible(page, true);
  expect(await page.evaluate(() => localStorage.getItem('tongcheng-atlas.tianditu-key'))).toBe('test-key-123');
  expect(page.url()).toContain('bm=tianditu');
  expect(page.url()).not.toContain('test-key');
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test('a shared link with bm=gaode opens shifted; the switcher is accessible and Escape folds it', async ({ page }) => {
  const { foreign, errors } = await open(page, '#map=10.00/30.6500/104.0600&bm=gaode&lang=en');
  await page.waitForFunction(() => window.__atlasMap!.getContainer().dataset.basemap === 'gaode');
  await expect(page.locator('input[data-basemap="gaode"]')).toBeChecked();
  await expect(page.locator('.basemaps')).toContainText('overlays are shifted');
  await expect(page.locator('.basemaps')).toContainText('needs a network');
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await page.screenshot({ path: `${SHOTS}/basemaps-gaode-en.png` });
  expect(hits.length).toBeGreaterThan(0);

  // The camera API speaks WGS84 under the shifted display: a framed box centres on its WGS84 centre,
  // a jump lands where it was asked (the GCJ offset here is ~0.002–0.005°, far above the tolerances).
  const cam = await page.evaluate(async () => {
    const v = window.__atlas!.mapView;
    const c = v.cameraForBounds([104.0, 30.6, 104.02, 30.62], { padding: 0 })!;
    await v.moveTo(c, { animate: false });
    const moved = v.getView();
    v.jumpTo({ lon: 104.1, lat: 30.7, zoom: 12, bearing: 0, pitch: 0 });
    const jumped = v.getView();
    return { center: c.center, moved: [moved.lon, moved.lat], jumped: [jumped.lon, jumped.lat] };
  });
  expect(Math.abs(cam.center[0] - 104.01)).toBeLessThan(1e-4);
  expect(Math.abs(cam.center[1] - 30.61)).toBeLessThan(1e-4);
  expect(Math.abs(cam.moved[0] - cam.center[0])).toBeLessThan(1e-6);
  expect(Math.abs(cam.moved[1] - cam.center[1])).toBeLessThan(1e-6);
  expect(Math.abs(cam.jumped[0] - 104.1)).toBeLessThan(1e-6);
  expect(Math.abs(cam.jumped[1] - 30.7)).toBeLessThan(1e-6);

  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: { id: string; help: string }[] }> } }).axe;
    const r = await axe.run(document.querySelector('.basemaps'));
    return r.violations.map((v) => `${v.id}: ${v.help}`);
  });
  expect(violations).toEqual([]);

  await page.locator('input[data-basemap="osm"]').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('.basemaps')).not.toHaveAttribute('open', '');
  await expect(page.locator('.basemaps summary')).toBeFocused();
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});
