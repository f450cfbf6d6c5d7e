// Slides (issue 12): a compare scene highlights on both sides, the scene image of a compare scene shows both
// sides, and framing keeps the scene's subject clear of the caption and the shares card. Pixels and values,
// read from screenshots, the exported PNG and the maps' projections.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SHOTS, mapIdle, usePngDecoder, watchConsole } from './helpers.ts';
import type { Story } from '../../src/lib/story/model.ts';
import { planColors } from '../../src/style/theme.ts';

const story = (id: string) => JSON.parse(readFileSync(`data/stories/${id}.json`, 'utf8')) as Story;

async function sceneReady(page: Page, index: number): Promise<void> {
  await expect(page.locator(`.player[data-scene-state="ready"][data-scene-index="${index}"]`)).toBeVisible({ timeout: 90_000 });
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

// 成都's 2020 | 2025 compare scene, highlighting a line on both sides (成渝客专, opened 2015) and two elements
// that only 2025 has (S3, opened 2024; Tianfu airport, opened 2021): once under a swipe, once side by side.
const BOTH = 'rail-chengyu-intercity';
const ONLY_B = ['rail-s3-ziyang', 'hub-tianfu-airport'];
const COMPARE_STORY: Story = (() => {
  const cd = story('chengdu-metro');
  const base = cd.scenes.find((s) => s.compare)!;
  const sc = (id: string, mode: 'swipe' | 'sideBySide') => ({ ...base, id, highlight: [BOTH, ...ONLY_B], compare: { ...base.compare!, mode } });
  return { ...cd, id: 'slides-compare', title: { zh: '对比高亮', en: 'Compare highlight' }, scenes: [sc('swipe', 'swipe'), sc('beside', 'sideBySide')] };
})();

/** Highlighted ids drawn on a map (rims/rings and the line-name labels), from its own rendered features. */
function highlighted(page: Page, which: '__atlasMap' | '__atlasCompareMap') {
  return page.evaluate((which) => {
    const map = window[which]!;
    const ids = (layers: string[]) => [...new Set(map.queryRenderedFeatures({ layers: layers.filter((l) => map.getLayer(l)) }).map((f) => String(f.properties.id)))].sort();
    return {
      rims: ids(['story-hl-line', 'story-hl-point']),
      labels: ids(['story-hl-label']),
      labelSize: JSON.stringify(map.getLayer('story-hl-label') ? map.getLayoutProperty('story-hl-label', 'text-size') : null),
    };
  }, which);
}

/** Pixels of the highlight magenta in the left and right part of a screenshot (x < split − gap, x > split + gap). */
async function magentaBySide(page: Page, png: Buffer, split: number, gap = 30): Promise<{ left: number; right: number }> {
  const hex = planColors.highlight;
  const [r0, g0, b0] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return page.evaluate(
    async ({ b64, split, gap, r0, g0, b0 }) => {
      const ctx = await window.__decodePng!(b64);
      const { width, height } = ctx.canvas;
      const { data } = ctx.getImageData(0, 0, width, height);
      let left = 0, right = 0;
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          const p = (y * width + x) * 4;
          if (Math.abs(data[p] - r0) + Math.abs(data[p + 1] - g0) + Math.abs(data[p + 2] - b0) > 60) continue;
          if (x < split - gap) left++;
          else if (x > split + gap) right++;
        }
      return { left, right };
    },
    { b64: await usePngDecoder(page, png), split, gap, r0, g0, b0 },
  );
}

test.describe('compare scenes', () => {
  test.use({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });

  test('a compare scene highlights on both sides: rims, rings and line names on side B too, swipe and side by side', async ({ page }) => {
    test.setTimeout(300_000);
    const errors = watchConsole(page);
    await page.addInitScript((st) => localStorage.setItem('tongcheng-atlas.stories', JSON.stringify([st])), COMPARE_STORY);
    await page.goto(`./#story=${COMPARE_STORY.id}&scene=swipe`);
    await mapIdle(page);
    for (const [i, mode] of (['swipe', 'sideBySide'] as const).entries()) {
      if (i > 0) await page.keyboard.press('PageDown');
      await sceneReady(page, i);
      await page.waitForFunction(() => !!window.__atlasCompareMap?.getLayer('story-hl-line'), null, { timeout: 60_000 });
      // side B renders on its own schedule: wait until it has drawn the highlight and placed a line name
      await expect.poll(async () => { const h = await highlighted(page, '__atlasCompareMap'); return h.rims.length >= 3 && h.labels.includes(BOTH); }, { timeout: 30_000 }).toBe(true);
      const a = await highlighted(page, '__atlasMap');
      const b = await highlighted(page, '__atlasCompareMap');
      // side A (2020): only the line that existed then; side B (2025): all three, and both lines named
      expect(a.rims, `${mode} A`).toEqual([BOTH]);
      expect(b.rims, `${mode} B`).toEqual([BOTH, ...ONLY_B].sort());
      expect(a.labels, `${mode} A labels`).toEqual([BOTH]);
      // (labels are placed where they fit: the short S3 line may carry none at this zoom)
      expect(b.labels, `${mode} B labels`).toContain(BOTH);
      expect(b.labels.every((id) => [BOTH, 'rail-s3-ziyang'].includes(id)), `${mode} B labels ${b.labels}`).toBe(true);
      // the scene's basemap groups on both sides (this scene hides the rivers)
      const rivers = (which: '__atlasMap' | '__atlasCompareMap') => page.evaluate((w) => window[w]!.getLayoutProperty('river-line', 'visibility'), which);
      expect(COMPARE_STORY.scenes[i].layers.basemap?.rivers).toBe(false);
      expect([await rivers('__atlasMap'), await rivers('__atlasCompareMap')]).toEqual(['none', 'none']);
      // side B's names at the main map's presentation scale
      expect(b.labelSize).toBe(a.labelSize);
      // on screen: magenta on both sides of the divider (swipe) or in both halves (side by side)
      const split = mode === 'swipe' ? 1920 * (COMPARE_STORY.scenes[i].compare!.position ?? 0.5) : 960;
      const shot = await page.screenshot({ path: `${SHOTS}/slides-compare-highlight-${mode}.png` });
      const m = await magentaBySide(page, shot, split);
      expect(m.left, `${mode} magenta left`).toBeGreaterThan(300);
      expect(m.right, `${mode} magenta right`).toBeGreaterThan(300);
    }
    // leaving the player closes the second map and its highlight with it; the main map's highlight is cleared
    await page.keyboard.press('Escape');
    await expect(page.locator('.player')).toHaveCount(0);
    await expect(page.locator('[data-compare-side]')).toHaveCount(0);
    await page.evaluate(() => window.__atlas!.mapView.idle());
    expect((await highlighted(page, '__atlasMap')).rims).toEqual([]);
    expect(errors).toEqual([]);
  });
});
