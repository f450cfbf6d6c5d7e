// Slides (issue 12): a compare scene highlights on both sides, the scene image of a compare scene shows both
// sides, and framing keeps the scene's subject clear of the caption and the shares card. Pixels and values,
// read from screenshots, the exported PNG and the maps' projections.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { SHOTS, mapIdle, usePngDecoder, watchConsole } from './helpers.ts';
import type { Story } from '../../src/lib/story/model.ts';
import { planColors } from '../../src/style/theme.ts';

const story = (id: string) => JSON.parse(readFileSync(`data/stories/${id}.json`, 'utf8')) as Story;

// element geometry straight from the built plan bundle (an independent reference for what the maps draw)
const planMap = (() => {
  const index = JSON.parse(readFileSync('public/data/plan/index.json', 'utf8')) as { map: string };
  const topo = JSON.parse(readFileSync(`public/data/${index.map}`, 'utf8')) as Topology;
  const fc = feature(topo, topo.objects.elements as GeometryCollection);
  return new Map((fc.features as Feature<Geometry, { id: string }>[]).map((f) => [f.properties.id, f]));
})();
/** An element's vertices, with points added along each segment every ≈0.01° (a line's path, not only its corners). */
function vertices(id: string): [number, number][] {
  const out: [number, number][] = [];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') out.push([c[0], c[1] as number]);
    else if (Array.isArray(c[0]) && typeof c[0][0] === 'number') {
      const ring = c as [number, number][];
      ring.forEach((p, i) => {
        const q = ring[i + 1];
        out.push([p[0], p[1]]);
        if (!q) return;
        const n = Math.ceil(Math.hypot(q[0] - p[0], q[1] - p[1]) / 0.01);
        for (let k = 1; k < n; k++) out.push([p[0] + ((q[0] - p[0]) * k) / n, p[1] + ((q[1] - p[1]) * k) / n]);
      });
    } else c.forEach(walk);
  };
  const g = planMap.get(id)?.geometry;
  if (g && 'coordinates' in g) walk(g.coordinates);
  return out;
}

async function sceneReady(page: Page, index: number): Promise<void> {
  await expect(page.locator(`.player[data-scene-state="ready"][data-scene-index="${index}"]`)).toBeVisible({ timeout: 90_000 });
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

/** Opens the stored compare story and calls `each` on its two scenes (swipe, then side by side) once each is
 *  ready and side B has its highlight layer. */
async function walkCompareScenes(page: Page, each: (mode: 'swipe' | 'sideBySide', i: number) => Promise<void>): Promise<void> {
  await page.addInitScript((st) => localStorage.setItem('tongcheng-atlas.stories', JSON.stringify([st])), COMPARE_STORY);
  await test.step('cold load', async () => {
    await page.goto(`./#story=${COMPARE_STORY.id}&scene=swipe`);
    await mapIdle(page);
  });
  for (const [i, mode] of (['swipe', 'sideBySide'] as const).entries()) {
    await test.step(`${mode}: scene ready`, async () => {
      if (i > 0) await page.keyboard.press('PageDown');
      await sceneReady(page, i);
      await page.waitForFunction(() => !!window.__atlasCompareMap?.getLayer('story-hl-line'), null, { timeout: 60_000 });
    });
    await test.step(`${mode}: checks`, () => each(mode, i));
  }
}

// 成都's 2020 | 2025 compare scene, highlighting a line on both sides (成渝客专, opened 2015) and elements that
// only 2025 has (S3, opened 2024; Tianfu airport, opened 2021; S11, works since 2023, running north to 德阳, far
// from the other highlights): once under a swipe, once side by side.
const BOTH = 'rail-chengyu-intercity';
const ONLY_B = ['rail-s3-ziyang', 'hub-tianfu-airport', 'rail-s11-chengde'];
const LINES = [BOTH, 'rail-s3-ziyang', 'rail-s11-chengde'];
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


/** Screen positions (page CSS px) of an element's vertices as a map draws them (its own projection and container). */
function onScreen(page: Page, which: '__atlasMap' | '__atlasCompareMap', pts: [number, number][]) {
  return page.evaluate(
    ({ which, pts }) => {
      const map = window[which]!;
      const r = map.getContainer().getBoundingClientRect();
      return pts.map((p) => {
        const q = map.project(p);
        return { x: q.x + r.left, y: q.y + r.top };
      });
    },
    { which, pts },
  );
}

/** Side B drawn on screen with the highlight: rims, rings and line names, basemap groups, magenta on both sides. */
async function highlightChecks(page: Page, mode: 'swipe' | 'sideBySide', i: number): Promise<void> {
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
  expect(b.labels.every((id) => LINES.includes(id)), `${mode} B labels ${b.labels}`).toBe(true);
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

/** The scene image at each size: side B right of the divider or in the right half, both years named, caption band. */
async function imageChecks(page: Page, mode: 'swipe' | 'sideBySide', i: number, sizes: (readonly [number, number])[]): Promise<void> {
  await expect.poll(async () => (await highlighted(page, '__atlasCompareMap')).rims.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
  const cmp = COMPARE_STORY.scenes[i].compare!;
  const split = mode === 'swipe' ? 1920 * (cmp.position ?? 0.5) : 960;
  // where the screen draws the Tianfu airport's ring (side B only) right of the divider and 成渝客专 left of it
  const [airport] = await onScreen(page, mode === 'swipe' ? '__atlasMap' : '__atlasCompareMap', vertices('hub-tianfu-airport'));
  expect(airport.x, `${mode}: the airport (side B only) right of the divider`).toBeGreaterThan(split + 60);
  const both = (await onScreen(page, '__atlasMap', vertices(BOTH))).filter((p) => p.x < split - 40 && p.x > 40 && p.y > 200 && p.y < 700);
  expect(both.length, `${mode}: 成渝客专 vertices left of the divider`).toBeGreaterThan(1);
  for (const [W, H] of sizes) await test.step(`export ${W}×${H}`, async () => {
    await page.mouse.move(900, 500);
    await page.locator('[data-story-image="size"]').selectOption(`${W}x${H}`);
    const png = await test.step('render and download', async () => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.locator('[data-story-image="export"]').click()]);
      expect(download.suggestedFilename()).toBe(`${COMPARE_STORY.id}-${COMPARE_STORY.scenes[i].id}-${W}x${H}.png`);
      return readFileSync((await download.path())!);
    });
    const k = W / 1920; // image px per screen px (DPR 1)
    const px = await page.evaluate(
      async ({ b64, airport, both, split, k, hl, beside }) => {
        const ctx = await window.__decodePng!(b64);
        const { width: W, height: H } = ctx.canvas;
        const { data } = ctx.getImageData(0, 0, W, H);
        const at = (x: number, y: number) => (Math.round(y) * W + Math.round(x)) * 4;
        const rgb = [1, 3, 5].map((i) => parseInt(hl.slice(i, i + 2), 16));
        const magentaNear = (x: number, y: number, r: number) => {
          for (let dy = -r; dy <= r; dy++)
            for (let dx = -r; dx <= r; dx++) {
              const p = at(x + dx, y + dy);
              if (Math.abs(data[p] - rgb[0]) + Math.abs(data[p + 1] - rgb[1]) + Math.abs(data[p + 2] - rgb[2]) <= 60) return true;
            }
          return false;
        };
        // the airport's magenta ring: pixels in a square around it (成渝客专 runs > 50 px away)
        let ring = 0;
        const r = Math.round(25 * k);
        for (let dy = -r; dy <= r; dy++)
          for (let dx = -r; dx <= r; dx++) {
            const p = at(airport.x * k + dx, airport.y * k + dy);
            if (Math.abs(data[p] - rgb[0]) + Math.abs(data[p + 1] - rgb[1]) + Math.abs(data[p + 2] - rgb[2]) <= 60) ring++;
          }
        const share = (pts: { x: number; y: number }[]) => pts.filter((p) => magentaNear(p.x * k, p.y * k, Math.round(8 * k))).length / pts.length;
        // the side names: dark badges (rgb 24,27,31 at 0.9) beside the divider, or over each half, below the title panel
        const u = H / 1080;
        const y0 = Math.round(14 * 1.4 * k + 124 * u), y1 = Math.round(y0 + 48 * u);
        const badge = (x0: number, x1: number) => {
          let n = 0;
          for (let y = y0; y < y1; y++) for (let x = Math.max(0, Math.round(x0)); x < Math.min(W, Math.round(x1)); x++) {
            const p = at(x, y);
            if (data[p] < 50 && data[p + 1] < 50 && data[p + 2] < 55) n++;
          }
          return n / ((y1 - y0) * 100 * u);
        };
        const sx = split * k;
        const badges = beside ? [badge(W / 4 - 150 * u, W / 4 + 150 * u), badge((3 * W) / 4 - 150 * u, (3 * W) / 4 + 150 * u)] : [badge(sx - 230 * u, sx - 20 * u), badge(sx + 20 * u, sx + 230 * u)];
        // the divider: ink on white in the full height of the map part
        let ink = 0;
        for (let y = Math.round(H * 0.3); y < Math.round(H * 0.6); y++) {
          const p = at(sx, y);
          if (data[p] + data[p + 1] + data[p + 2] < 150) ink++;
        }
        // the caption band above the disclaimer strip: dark across the width
        let band = 0, seen = 0;
        for (let y = Math.round(H - 180 * u); y < Math.round(H - 90 * u); y += 3)
          for (let x = 0; x < W; x += 3, seen++) {
            const p = at(x, y);
            if (data[p] + data[p + 1] + data[p + 2] < 260) band++;
          }
        // a 960-px copy to look at
        const small = document.createElement('canvas');
        small.width = 960;
        small.height = 540;
        small.getContext('2d')!.drawImage(ctx.canvas, 0, 0, 960, 540);
        return { size: [W, H], ring: ring / (k * k), both: share(both), badges, divider: ink / Math.round(H * 0.3), band: band / seen, small: small.toDataURL('image/png').split(',')[1] };
      },
      { b64: await usePngDecoder(page, png), airport, both, split, k, hl: planColors.highlight, beside: mode === 'sideBySide' },
    );
    writeFileSync(`${SHOTS}/slides-compare-export-${mode}-${W}x${H}.png`, Buffer.from(px.small, 'base64'));
    if (W === 3840) writeFileSync(`${SHOTS}/slides-compare-export-${mode}-${W}x${H}-full.png`, png);
    expect(px.size).toEqual([W, H]);
    // side B's airport ring is drawn right of the divider (side A, 2020, has no airport), side A's line left of it
    expect(px.ring, `${mode} ${W}: the airport's ring on side B`).toBeGreaterThan(120);
    expect(px.both, `${mode} ${W}: 成渝客专 magenta on side A`).toBeGreaterThanOrEqual(0.7);
    expect(px.badges[0], `${mode} ${W}: side A name`).toBeGreaterThan(0.3);
    expect(px.badges[1], `${mode} ${W}: side B name`).toBeGreaterThan(0.3);
    expect(px.divider, `${mode} ${W}: divider`).toBeGreaterThan(0.95);
    // (white caption text inside it)
    expect(px.band, `${mode} ${W}: caption band`).toBeGreaterThan(0.7);
  });
}

// One cold load and one walk of the two scenes for both checks (the screen first, then the images). The 3840×2160
// image is checked side by side (side B rendered at 4K, the side names scaled to the image height); the swipe's
// geometry is the image width × the divider position, the same at every size, so it is checked at 1920×1080 (its
// 4K render alone cost ~50 s of a 132 s test: both maps at full 4K).
test.describe('compare scenes', () => {
  test.use({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });

  test('a compare scene highlights on both sides (rims, rings and line names on side B too), and its scene image shows both sides as the screen does: side B right of the divider or in the right half, both years named, caption band', async ({ page }) => {
    test.setTimeout(600_000);
    const errors = watchConsole(page);
    await walkCompareScenes(page, async (mode, i) => {
      await test.step(`${mode}: highlight on screen`, () => highlightChecks(page, mode, i));
      await test.step(`${mode}: scene image`, () => imageChecks(page, mode, i, mode === 'swipe' ? [[1920, 1080]] : [[1920, 1080], [3840, 2160]]));
    });
    // leaving the player closes the second map and its highlight with it; the main map's highlight is cleared
    await page.keyboard.press('Escape');
    await expect(page.locator('.player')).toHaveCount(0);
    await expect(page.locator('[data-compare-side]')).toHaveCount(0);
    await page.evaluate(() => window.__atlas!.mapView.idle());
    expect((await highlighted(page, '__atlasMap')).rims).toEqual([]);
    expect(errors).toEqual([]);
  });
});

// Framing (issue 12 item 3): the scene's subject lies clear of the caption band, the shares card and a media
// column, on every scene of the shipped stories at 1920×1080 (DPR 1).
test.describe('framing clear of the panels', () => {
  test.use({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });

  // one page for the three stories (one cold load): the player is left with Escape and the next story opened by its link
  test('chengdu-metro, neijiang-zigong, dazhou: the fit box and every framed highlighted element miss the caption, shares card and media panel', async ({ page }) => {
    test.setTimeout(600_000);
    const errors = watchConsole(page);
    for (const [n, id] of ['chengdu-metro', 'neijiang-zigong', 'dazhou'].entries()) await test.step(id, async () => {
      const s = story(id);
      if (n > 0) {
        await page.keyboard.press('Escape');
        await expect(page.locator('.player')).toHaveCount(0);
      }
      await page.goto(`./#story=${s.id}&scene=${s.scenes[0].id}`);
      await mapIdle(page);
      const report: string[] = [];
      for (let i = 0; i < s.scenes.length; i++) {
        const sc = s.scenes[i];
        if (i > 0) await page.keyboard.press('PageDown');
        await sceneReady(page, i);
        if (sc.overlays.some((o) => o.type === 'jurisdictionShares')) await expect(page.locator('.player aside.shares')).toBeVisible();
        const panels = await page.evaluate(() =>
          [...document.querySelectorAll('.player .caption, .player aside.shares, .player [data-scene-media]')].map((e) => {
            const r = e.getBoundingClientRect();
            return { name: e.className.split(' ')[0], left: r.left, top: r.top, right: r.right, bottom: r.bottom };
          }),
        );
        expect(panels.some((p) => p.name === 'caption')).toBe(true);
        const hit = (a: { left: number; top: number; right: number; bottom: number }) => panels.filter((p) => a.left < p.right - 1 && p.left < a.right - 1 && a.top < p.bottom - 1 && p.top < a.bottom - 1).map((p) => p.name);
        const box = async (ids: string[]) => {
          const pts = await onScreen(page, '__atlasMap', ids.flatMap(vertices));
          const xs = pts.map((p) => p.x), ys = pts.map((p) => p.y);
          return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
        };
        // the subject: the box of the fit elements
        const fit = await box(sc.fit ?? []);
        expect(hit(fit), `${sc.id}: fit box ${JSON.stringify(fit)} under a panel`).toEqual([]);
        // each highlighted element framed by the scene (in `fit`) and wholly on screen; highlighted elements outside
        // `fit` are not framed, so they are listed (test annotations), not asserted (long lines running off screen
        // cannot keep clear of a full-width band anyway)
        let whole = 0, off = 0;
        for (const h of sc.highlight) {
          const b = await box([h]);
          if (b.left < 0 || b.top < 0 || b.right > 1920 || b.bottom > 1080) {
            off++;
            continue;
          }
          const under = hit(b);
          if (!(sc.fit ?? []).includes(h)) {
            if (under.length) test.info().annotations.push({ type: 'highlight outside fit under a panel', description: `${s.id} › ${sc.id}: ${h} under ${under.join('+')}` });
            continue;
          }
          whole++;
          expect(under, `${sc.id}: ${h} ${JSON.stringify(b)} under a panel`).toEqual([]);
        }
        report.push(`${sc.id}: ${panels.map((p) => p.name).join('+')}, ${whole} framed highlights on screen checked, ${off} running off screen`);
        if (panels.length > 1) await page.screenshot({ path: `${SHOTS}/slides-framing-${s.id}-${sc.id}.png` });
      }
      console.log(report.join('\n'));
    });
    for (const a of test.info().annotations) console.log(`${a.type}: ${a.description}`);
    expect(errors).toEqual([]);
  });
});
