// Compare: a swipe between two years shows different plan elements on each side (queryRenderedFeatures on
// both maps), the divider moves by keyboard, the URL round-trips, side by side keeps both cameras equal.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { SHOTS, dropFiles, mapIdle, watchConsole } from './helpers.ts';
import { phaseAt, type TimedProps } from '../../src/lib/plan/timeline.ts';
import { wgs84ToGcj02 } from '../../src/lib/geo/crs.ts';
import { encodePng } from '../../scripts/png.ts';

test.use({ viewport: { width: 1920, height: 1080 } });
// two maps in software GL: give each test room (conditions are awaited, never fixed sleeps)
test.describe.configure({ timeout: 180_000 });

const PLAN_LAYERS = ['plan-point', 'plan-area-fill', 'plan-line-existing', 'plan-line-future', 'plan-line-building'];

// Reference: the built bundle, read here, and the slider's documented rules.
const elements = (() => {
  const index = JSON.parse(readFileSync('public/data/plan/index.json', 'utf8')) as { map: string };
  const topo = JSON.parse(readFileSync(`public/data/${index.map}`, 'utf8')) as Topology;
  return (feature(topo, topo.objects.elements as GeometryCollection).features as Feature<Geometry, TimedProps & { id: string; region: string; zh: string }>[]).map((f) => f.properties);
})();

async function idsOn(page: Page, which: '__atlasMap' | '__atlasCompareMap'): Promise<string[]> {
  return page.evaluate(
    ([w, layers]) => {
      type M = { queryRenderedFeatures(o: object): { properties: { id: string } }[]; getLayer(id: string): unknown };
      const g = window as unknown as Record<string, M | undefined> & { __atlas?: { mapView: unknown } };
      // the main map: exposed for tests, or reached through the test handle's MapView
      const map = (g[w as string] ?? (w === '__atlasMap' ? (g.__atlas!.mapView as { map: M }).map : undefined))!;
      return [...new Set(map.queryRenderedFeatures({ layers: (layers as string[]).filter((l) => map.getLayer(l)) }).map((f) => f.properties.id))];
    },
    [which, PLAN_LAYERS] as const,
  );
}

async function compareIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => !!(window as unknown as { __atlasCompareMap?: unknown }).__atlasCompareMap, null, { timeout: 60_000 });
  await page.waitForFunction(() => {
    const m = (window as unknown as { __atlasCompareMap: { loaded(): boolean; getSource(id: string): unknown } }).__atlasCompareMap;
    return m.loaded() && !!m.getSource('plan');
  });
  await page.evaluate(
    () =>
      new Promise<void>((r) => {
        const m = (window as unknown as { __atlasCompareMap: { once(e: string, f: () => void): void; triggerRepaint(): void } }).__atlasCompareMap;
        m.once('idle', r);
        m.triggerRepaint();
      }),
  );
}

test('swipe 2020 | 2035: each side shows its year, the divider moves by keyboard, the URL round-trips', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/#map=8.20/30.6500/104.3000&compare=year:2020,2035');
  await mapIdle(page);
  await compareIdle(page);
  await expect(page.locator('[data-compare-label="a"]')).toContainText('2020');
  await expect(page.locator('[data-compare-label="b"]')).toContainText('2035');
  // the main map is side A: the slider follows the compare spec
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('year=2020');
  await mapIdle(page);
  await expect.poll(async () => (await idsOn(page, '__atlasCompareMap')).length, { timeout: 30_000 }).toBeGreaterThan(0);
  const a = new Set(await idsOn(page, '__atlasMap'));
  const b = new Set(await idsOn(page, '__atlasCompareMap'));
  const byId = new Map(elements.map((e) => [e.id, e]));
  // every element drawn on a side is one the rules show in that year
  for (const id of a) expect(phaseAt(byId.get(id)!, 2020), `${id} at 2020`).not.toBe('hidden');
  for (const id of b) expect(phaseAt(byId.get(id)!, 2035), `${id} at 2035`).not.toBe('hidden');
  // and the sides differ: elements that appear after 2020 are drawn on the right only
  const onlyB = [...b].filter((id) => !a.has(id));
  expect(onlyB.length).toBeGreaterThan(0);
  for (const id of onlyB) expect(phaseAt(byId.get(id)!, 2020)).toBe('hidden');
  // the summary lists what appears
  await expect(page.locator('[data-compare-group="added"]')).toBeVisible();
  await expect(page.locator(`[data-compare-row="${onlyB[0]}"]`)).toBeVisible();

  const divider = page.locator('[data-compare="divider"]');
  await expect(divider).toHaveAttribute('aria-valuenow', '50');
  await divider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await expect(divider).toHaveAttribute('aria-valuenow', '40');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('cpos=0.40');
  // the clip follows: the right side starts at 40% of the width
  const clip = await page.locator('[data-compare-side="b"]').evaluate((el) => getComputedStyle(el).clipPath);
  expect(clip).toContain('40%');
  await page.screenshot({ path: `${SHOTS}/compare-swipe-1080p.png` });

  // a shared link restores the comparison as it was
  const url = page.url();
  const other = await page.context().newPage();
  // (what is restored does not depend on the screen size: the second page opens at 1280×800, half the pixels)
  await other.setViewportSize({ width: 1280, height: 800 });
  await other.goto(url);
  await mapIdle(other);
  await compareIdle(other);
  await expect(other.locator('[data-compare="divider"]')).toHaveAttribute('aria-valuenow', '40');
  await expect(other.locator('[data-compare-label="b"]')).toContainText('2035');
  await other.close();

  // the comparison in words in the list view (issue 16): what is new by 2035, named
  await page.locator('[data-tool="list"]').click();
  const listed = page.locator('[data-list-compare="year"]');
  await expect(listed).toContainText('对比：2020 与 2035');
  await expect(listed).toContainText('到 2035 年新增');
  await expect(listed).toContainText(elements.find((e) => e.id === onlyB[0])!.zh);
  await page.locator('#list-view button.close').click();
  // the sides can be picked: another year pair, then two basemaps (the URL follows)
  await page.locator('[data-compare-side-pick="a"]').selectOption('2025');
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/compare=year(%3A|:)2025(%2C|,)2035/);
  await expect(page.locator('[data-compare-label="a"]')).toContainText('2025');

  // the expected mode on both sides: the summary counts what the plans expect by each year, never as built
  await page.getByTestId('expected-toggle').check();
  await expect.poll(async () => Number(await page.locator('[data-compare-expected]').getAttribute('data-compare-expected'))).toBeGreaterThan(0);
  await expect(page.locator('[data-compare-expected]')).toContainText('不代表已建成');

  // Escape ends the comparison and the URL forgets it
  await page.locator('[data-compare="end"]').click();
  await expect(page.locator('[data-compare-side="b"]')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('compare=');
  expect(errors).toEqual([]);
});

// The other comparisons at 1280×800: what they check (cameras, what each side draws, texts, URL, keys) does not
// depend on the screen size, and two maps in software GL cost about half at half the pixels. The swipe above keeps
// 1920×1080.
test.describe('at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('side by side keeps both cameras equal, whichever map moves', async ({ page }) => {
    await page.goto('/#map=8.00/30.6000/104.1000&compare=year:2020,2035&cmode=sideBySide');
    await mapIdle(page);
    await compareIdle(page);
    const cams = () =>
      page.evaluate(() => {
        type M = { getCenter(): { lng: number; lat: number }; getZoom(): number; getContainer(): HTMLElement };
        const g = window as unknown as Record<string, M | undefined> & { __atlas?: { mapView: unknown } };
        const main = g.__atlasMap ?? (g.__atlas!.mapView as { map: M }).map;
        const cam = (m: M) => ({ lng: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom(), width: m.getContainer().clientWidth });
        return { a: cam(main), b: cam(g.__atlasCompareMap!) };
      });
    const before = await cams();
    // each map takes half the stage
    expect(Math.abs(before.a.width - before.b.width)).toBeLessThan(4);
    // drag each map where its own canvas is on top (found in the page: panels cover parts of a 1280×800 window)
    const grips = await page.evaluate(() => {
      type M = { getContainer(): HTMLElement };
      const g = window as unknown as Record<string, M | undefined> & { __atlas?: { mapView: unknown } };
      const grip = (m: M) => {
        const r = m.getContainer().getBoundingClientRect();
        for (const fy of [0.3, 0.5, 0.2, 0.7])
          for (const fx of [0.5, 0.6, 0.4, 0.7, 0.3]) {
            const x = Math.round(r.left + r.width * fx), y = Math.round(r.top + r.height * fy);
            // the map's own canvas, or deck.gl's drawn over it (both pass the drag to the map)
            const el = document.elementFromPoint(x, y);
            if (el?.tagName === 'CANVAS' && m.getContainer().contains(el)) return { x, y };
          }
        throw new Error('no free spot on the map');
      };
      return { a: grip(g.__atlasMap ?? (g.__atlas!.mapView as { map: M }).map), b: grip(g.__atlasCompareMap!) };
    });
    for (const who of ['a', 'b'] as const) {
      const { x, y } = grips[who];
      const was = await cams();
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x - 150, y - 80, { steps: 6 });
      await page.mouse.up();
      // the dragged map moved (and the other with it: checked next)
      await expect.poll(async () => Math.abs((await cams())[who].lng - was[who].lng), { message: `dragging ${who} moves it` }).toBeGreaterThan(0.05);
      await expect.poll(async () => {
        const c = await cams();
        return Math.abs(c.a.lng - c.b.lng) + Math.abs(c.a.lat - c.b.lat) + Math.abs(c.a.zoom - c.b.zoom);
      }, { message: `after dragging ${who}` }).toBeLessThan(1e-6);
    }
    const after = await cams();
    expect(Math.abs(after.a.lng - before.a.lng)).toBeGreaterThan(0.05);
    await page.screenshot({ path: `${SHOTS}/compare-side-by-side.png` });
  });

  // A drawn or imported alternative, as a planner would bring it: one name shared with the plan (简州站), two not.
  const ALT = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: '简州站' }, geometry: { type: 'Point', coordinates: [104.5135, 30.414] } },
      { type: 'Feature', properties: { name: '简阳北站（方案）' }, geometry: { type: 'Point', coordinates: [104.56, 30.46] } },
      {
        type: 'Feature',
        properties: { name: '简州新城（方案乙）' },
        geometry: { type: 'Polygon', coordinates: [[[104.5, 30.43], [104.58, 30.43], [104.58, 30.47], [104.5, 30.47], [104.5, 30.43]]] },
      },
    ],
  };

  /** Plan element ids and workspace feature ids a map draws (MapLibre layers). */
  async function drawn(page: Page, which: '__atlasMap' | '__atlasCompareMap'): Promise<{ plan: string[]; user: string[] }> {
    return page.evaluate(
      ([w, layers]) => {
        type M = { queryRenderedFeatures(o: object): { properties: Record<string, string> }[]; getLayer(id: string): unknown; getLayersOrder(): string[] };
        const g = window as unknown as Record<string, M | undefined> & { __atlas?: { mapView: unknown } };
        const map = (g[w as string] ?? (g.__atlas!.mapView as { map: M }).map)!;
        const q = (ids: string[]) => (ids.length ? map.queryRenderedFeatures({ layers: ids }) : []);
        const user = map.getLayersOrder().filter((id) => id.startsWith('user-') && !id.startsWith('user-selected') && !id.endsWith('-label'));
        return {
          plan: [...new Set(q((layers as string[]).filter((l) => map.getLayer(l))).map((f) => f.properties.id))],
          user: [...new Set(q(user).map((f) => f.properties.__fid))],
        };
      },
      [which, PLAN_LAYERS] as const,
    );
  }

  test('plan | my alternative layer on a GCJ-02 basemap: each side draws what it names; summary, list text, URL, Escape order', async ({ page }) => {
    const errors = watchConsole(page);
    // Gaode tiles answered locally (no network in tests): the basemap is GCJ-02, so both maps draw shifted
    const tile = encodePng(1, 1, new Uint8Array([250, 240, 220, 255]));
    await page.route(/autonavi\.com/, (r) => r.fulfill({ status: 200, contentType: 'image/png', body: tile }));
    await page.goto('/#map=10.00/30.4300/104.5400');
    await mapIdle(page);
    await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
    await page.locator('[data-tool="workspace"]').click();
    await dropFiles(page, [{ name: '方案乙.geojson', bytes: Buffer.from(JSON.stringify(ALT)) }]);
    await expect.poll(() => page.evaluate(() => window.__atlasWorkspace!.history.state.layers.length), { timeout: 30_000 }).toBe(1);
    const layer = await page.evaluate(() => {
      const l = window.__atlasWorkspace!.history.state.layers[0];
      return { id: l.id, name: l.name, fids: l.features.map((f) => f.id) };
    });
    await page.evaluate(() => window.__atlasWorkspace!.flush());

    // the link a planner shares: the plan on the left, the alternative on the right (the workspace is this browser's)
    await page.goto('about:blank');
    await page.goto(`/#map=10.00/30.4300/104.5400&bm=gaode&compare=layer:plan,${layer.id}`);
    await mapIdle(page);
    await compareIdle(page);
    await page.waitForFunction((id) => !!(window as unknown as { __atlasCompareMap: { getSource(s: string): unknown } }).__atlasCompareMap.getSource(`user-${id}`), layer.id);
    await expect(page.locator('[data-compare-label="a"]')).toContainText('规划');
    await expect(page.locator('[data-compare-label="b"]')).toContainText(layer.name);
    // the left draws the plan and no workspace layer, the right the alternative and no plan
    await expect.poll(async () => (await drawn(page, '__atlasCompareMap')).user.length, { timeout: 30_000 }).toBe(3);
    const left = await drawn(page, '__atlasMap');
    const right = await drawn(page, '__atlasCompareMap');
    expect(left.plan.length).toBeGreaterThan(0);
    expect(left.user).toEqual([]);
    expect(right.plan).toEqual([]);
    expect(right.user.sort()).toEqual([...layer.fids].sort());
    // GCJ-02 on the right too: the alternative's point is drawn where Gaode's tiles put it, ~0.5 km off WGS84
    const at = await page.evaluate((id) => {
      type M = { querySourceFeatures(s: string): { properties: Record<string, string>; geometry: { type: string; coordinates: number[] } }[] };
      const m = (window as unknown as { __atlasCompareMap: M }).__atlasCompareMap;
      return m.querySourceFeatures(`user-${id}`).find((f) => f.geometry.type === 'Point' && f.properties.__fid)?.geometry.coordinates;
    }, layer.id);
    expect(at).toBeTruthy();
    const wgs = (ALT.features.find((f) => f.geometry.type === 'Point' && Math.abs((f.geometry.coordinates as number[])[0] - at![0]) < 0.02)!.geometry.coordinates as [number, number]);
    const gcj = wgs84ToGcj02(wgs);
    const km = (p: number[], q: number[]) => Math.hypot((p[0] - q[0]) * 96.1, (p[1] - q[1]) * 110.9);
    expect(km(at!, gcj)).toBeLessThan(0.03);
    expect(km(at!, wgs)).toBeGreaterThan(0.3);
    await expect(page.locator('[data-compare-side="b"]')).toHaveAttribute('data-basemap', 'gaode');

    // the difference: only on the right, on both sides by name
    await expect(page.locator('[data-compare-group="onlyB"]')).toHaveAttribute('data-n', '2');
    await expect(page.locator('[data-compare-group="both"]')).toHaveAttribute('data-n', '1');
    await expect(page.locator('[data-compare="summary"]')).toContainText('简阳北站（方案）');
    await expect(page.locator('[data-compare-count="b"]')).toHaveAttribute('data-n', '3');
    // the plan side is read within the alternative's extent: 简州站 is there, 成都东站 (40 km away) is not
    await expect(page.locator('[data-compare-count="a"]')).toContainText(`规划（${layer.name}范围内）`);
    await expect(page.locator('[data-compare="summary"]')).not.toContainText('成都东站');
    // the divider still moves by keyboard
    const divider = page.locator('[data-compare="divider"]');
    await divider.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    await expect(divider).toHaveAttribute('aria-valuenow', '30');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('cpos=0.30');
    await page.screenshot({ path: `${SHOTS}/compare-plan-layer.png` });

    // in words in the list view; Escape closes the list view first, the comparison on the next Escape
    await page.locator('[data-tool="list"]').click();
    const listed = page.locator('[data-list-compare="layer"]');
    await expect(listed).toContainText(`只在右侧（${layer.name}）2 项`);
    await expect(listed).toContainText('两侧都有（同名）1 项：简州站');
    await page.keyboard.press('Escape');
    await expect(page.locator('#list-view')).toHaveCount(0);
    await expect(page.locator('[data-compare-side="b"]')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-compare-side="b"]')).toHaveCount(0);
    // the comparison gone, the main map draws the workspace layer again
    await expect.poll(async () => (await drawn(page, '__atlasMap')).user.length, { timeout: 30_000 }).toBe(3);
    expect(errors).toEqual([]);
  });

  test('two regions: each side draws its region; list text, URL; opened with the list view, Escape still closes it first', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto('/#map=7.60/30.0000/104.9000&display=list&compare=region:chengdu,neizi');
    await mapIdle(page);
    await compareIdle(page);
    await expect(page.locator('[data-compare-label="b"]')).toContainText('内自同城化');
    await expect.poll(async () => (await drawn(page, '__atlasCompareMap')).plan.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await mapIdle(page);
    const region = new Map(elements.map((e) => [e.id, e.region]));
    const ra = (await drawn(page, '__atlasMap')).plan;
    const rb = (await drawn(page, '__atlasCompareMap')).plan;
    expect(ra.length).toBeGreaterThan(0);
    expect(new Set(ra.map((id) => region.get(id)))).toEqual(new Set(['chengdu-metro']));
    expect(new Set(rb.map((id) => region.get(id)))).toEqual(new Set(['neijiang-zigong']));
    // deck.gl draws on the second map too (its corridor bands have a canvas of their own there)
    await expect.poll(() => page.locator('[data-compare-side="b"] canvas').count()).toBeGreaterThan(1);
    await expect(page.locator('[data-list-compare="region"]')).toContainText('只在右侧（内自同城化）');
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toContain('compare=region:chengdu,neizi');
    await page.screenshot({ path: `${SHOTS}/compare-regions.png` });
    await page.keyboard.press('Escape');
    await expect(page.locator('#list-view')).toHaveCount(0);
    await expect(page.locator('[data-compare-side="b"]')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-compare-side="b"]')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});
