// Running a hall (docs/hall.md): the kiosk's visitor card and its idle reset back to the exact attract
// state, the staff exit by touch, and the presenter view that is ready without the map.
import { test, expect, type Page } from '@playwright/test';
import { SHOTS, mapIdle, usePngDecoder } from './helpers.ts';

/** A plan point drawn on screen, clear of the caption and the top chip: where a visitor would tap. */
async function tappablePoint(page: Page): Promise<{ x: number; y: number; id: string }> {
  return page.evaluate(() => {
    const map = window.__atlasMap!;
    const r = map.getContainer().getBoundingClientRect();
    const captionTop = document.querySelector('.player .caption')!.getBoundingClientRect().top;
    const layers = ['plan-point', 'plan-line-existing', 'plan-line-building', 'plan-line-future'].filter((l) => map.getLayer(l));
    for (const f of map.queryRenderedFeatures({ layers })) {
      const g = f.geometry;
      const at = g.type === 'Point' ? g.coordinates : g.type === 'LineString' ? g.coordinates[Math.floor(g.coordinates.length / 2)] : null;
      if (!at) continue;
      const p = map.project(at as [number, number]);
      const x = r.left + p.x, y = r.top + p.y;
      if (x > 80 && x < r.right - 80 && y > 120 && y < captionTop - 40 && map.queryRenderedFeatures([p.x, p.y], { layers }).length > 0)
        return { x, y, id: String(f.properties.id) };
    }
    throw new Error('no plan element drawn in the open part of the screen');
  });
}

/** Share of pixels that differ (any channel by more than 24) between two screenshots of the same size. */
async function pixelDiff(page: Page, a: Buffer, b: Buffer): Promise<number> {
  const A = await usePngDecoder(page, a);
  const B = await usePngDecoder(page, b);
  return page.evaluate(async ([a64, b64]) => {
    const ca = await window.__decodePng!(a64);
    const cb = await window.__decodePng!(b64);
    const w = ca.canvas.width, h = ca.canvas.height;
    if (cb.canvas.width !== w || cb.canvas.height !== h) return 1;
    const da = ca.getImageData(0, 0, w, h).data, db = cb.getImageData(0, 0, w, h).data;
    let diff = 0;
    for (let p = 0; p < da.length; p += 4)
      if (Math.abs(da[p] - db[p]) > 24 || Math.abs(da[p + 1] - db[p + 1]) > 24 || Math.abs(da[p + 2] - db[p + 2]) > 24) diff++;
    return diff / (w * h);
  }, [A, B] as const);
}

async function attractReady(page: Page): Promise<void> {
  await expect(page.locator('.player[data-kiosk-mode="autoplay"][data-scene-index="0"][data-scene-state="ready"]')).toBeVisible({ timeout: 60_000 });
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

test.describe('kiosk at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('a tap opens the visitor card; the idle reset restores the attract state exactly (hash and pixels)', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('./#story=chengdu-metro&kiosk=1&idle=5&exit=2468');
    await mapIdle(page);
    await attractReady(page);
    const startHash = await page.evaluate(() => location.hash);
    const start = await page.screenshot({ path: `${SHOTS}/hall-attract-start.png`, animations: 'disabled' });
    // a visitor taps an element: the map is theirs, the element is selected and its card shows, in large type
    const target = await tappablePoint(page);
    await page.mouse.click(target.x, target.y);
    const player = page.locator('.player');
    await expect(player).toHaveAttribute('data-kiosk-mode', 'interactive');
    const card = page.locator('[data-kiosk-card]');
    await expect(card).toBeVisible();
    const shown = await card.getAttribute('data-kiosk-card');
    expect(shown === 'chooser' || shown === target.id).toBe(true);
    if (shown !== 'chooser') {
      await expect(page).toHaveURL(new RegExp(`sel=${target.id}`));
      const titlePx = await card.locator('h2').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
      expect(titlePx).toBeGreaterThanOrEqual(26);
    }
    await page.screenshot({ path: `${SHOTS}/hall-kiosk-card.png` });
    // nobody touches it for `idle` seconds: the loop is back on scene 1, nothing of the visitor is left
    await attractReady(page);
    await expect(card).toHaveCount(0);
    expect(await page.evaluate(() => location.hash)).toBe(startHash);
    const selected = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['plan-selected-line', 'plan-selected-point'].filter((l) => window.__atlasMap!.getLayer(l)) }).length);
    expect(selected).toBe(0);
    const after = await page.screenshot({ path: `${SHOTS}/hall-attract-after.png`, animations: 'disabled' });
    expect(await pixelDiff(page, start, after)).toBeLessThan(0.002);
  });
});
