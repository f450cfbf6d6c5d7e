// Compare: a swipe between two years shows different plan elements on each side (queryRenderedFeatures on
// both maps), the divider moves by keyboard, the URL round-trips, side by side keeps both cameras equal.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { SHOTS, mapIdle, watchConsole } from './helpers.ts';
import { phaseAt, type TimedProps } from '../../src/lib/plan/timeline.ts';

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
  for (const [who, x] of [['a', 480], ['b', 1440]] as const) {
    await page.mouse.move(x, 600);
    await page.mouse.down();
    await page.mouse.move(x - 150, 520, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => {
      const c = await cams();
      return Math.abs(c.a.lng - c.b.lng) + Math.abs(c.a.lat - c.b.lat) + Math.abs(c.a.zoom - c.b.zoom);
    }, { message: `after dragging ${who}` }).toBeLessThan(1e-6);
  }
  const after = await cams();
  expect(Math.abs(after.a.lng - before.a.lng)).toBeGreaterThan(0.05);
  await page.screenshot({ path: `${SHOTS}/compare-side-by-side-1080p.png` });
});
