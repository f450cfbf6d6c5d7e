// Story player in the browser: clicker navigation with the camera and layers checked against the scene
// file and the built plan bundle, deep links, black-out, kiosk idle reset with a controlled clock, the
// presenter window, authoring round trip, a short kiosk loop, and the 24 h soak (only with
// STORY_SOAK_HOURS: `npm run bench` runs it). Offline replay: offline.spec.ts.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { AXE_PATH, SHOTS, mapIdle, pauseClockAhead, usePngDecoder, watchConsole } from './helpers.ts';
import type { Story } from '../../src/lib/story/model.ts';
import { planColors } from '../../src/style/theme.ts';
import { INTERNAL_ID } from '../../src/lib/story/citations.ts';
import { phaseAt, type TimedProps } from '../../src/lib/plan/timeline.ts';

const story = (id: string) => JSON.parse(readFileSync(`data/stories/${id}.json`, 'utf8')) as Story;

// Independent reference for framing: element extents straight from the built overlay bundle.
const planMap = (() => {
  const index = JSON.parse(readFileSync('public/data/plan/index.json', 'utf8')) as { map: string };
  const topo = JSON.parse(readFileSync(`public/data/${index.map}`, 'utf8')) as Topology;
  const fc = feature(topo, topo.objects.elements as GeometryCollection);
  return new Map((fc.features as Feature<Geometry, { id: string; region: string; kind: string }>[]).map((f) => [f.properties.id, f]));
})();
function bbox(ids: string[]): [number, number, number, number] | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      w = Math.min(w, c[0]); e = Math.max(e, c[0]); s = Math.min(s, c[1] as number); n = Math.max(n, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  for (const id of ids) {
    const g = planMap.get(id)?.geometry;
    if (g && 'coordinates' in g) walk(g.coordinates);
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** Share of near-black pixels in a screenshot, decoded in the page. */
async function darkShare(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const ctx = await window.__decodePng!(b64);
    const { data } = ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height);
    let dark = 0, n = 0;
    for (let p = 0; p < data.length; p += 4 * 53, n++) if (data[p] + data[p + 1] + data[p + 2] < 12) dark++;
    return dark / n;
  }, await usePngDecoder(page, png));
}

const PLAN_LAYERS = ['plan-area-fill', 'plan-area-outline', 'plan-area-outline-schematic', 'plan-line-existing', 'plan-line-building', 'plan-line-future', 'plan-point'];

async function sceneReady(page: Page, index: number): Promise<void> {
  await expect(page.locator(`.player[data-scene-state="ready"][data-scene-index="${index}"]`)).toBeVisible({ timeout: 60_000 });
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

/** What the map shows now: camera, fit box on screen, drawn plan regions/kinds, highlighted ids, basemap groups. */
function mapState(page: Page, fit: [number, number, number, number] | null) {
  return page.evaluate(
    ({ fit, layers }) => {
      const map = window.__atlasMap!;
      const c = map.getContainer();
      const captionTop = document.querySelector('.player .caption')!.getBoundingClientRect().top;
      const drawn = map.queryRenderedFeatures({ layers: layers.filter((l) => map.getLayer(l)) });
      const hl = map.queryRenderedFeatures({ layers: ['story-hl-line', 'story-hl-point'] });
      const corners = fit ? [map.project([fit[0], fit[1]]), map.project([fit[2], fit[3]])] : null;
      return {
        zoom: map.getZoom(),
        width: c.clientWidth,
        height: c.clientHeight,
        captionTop,
        box: corners ? { left: corners[0].x, bottom: corners[0].y, right: corners[1].x, top: corners[1].y } : null,
        regions: [...new Set(drawn.map((f) => f.properties.region as string))],
        kinds: [...new Set(drawn.map((f) => f.properties.kind as string))],
        highlighted: [...new Set(hl.map((f) => f.properties.id as string))],
        rivers: map.getLayoutProperty('river-line', 'visibility') ?? 'visible',
        boundaries: map.getLayoutProperty('county-line', 'visibility') ?? 'visible',
        captionPx: parseFloat(getComputedStyle(document.querySelector('.player .caption .text')!).fontSize),
      };
    },
    { fit, layers: PLAN_LAYERS },
  );
}

test.describe('keynote at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });

  test('PageDown/PageUp walk the scenes; camera, layers and highlights match each scene', async ({ page }) => {
    test.setTimeout(300_000);
    const errors = watchConsole(page);
    const s = story('neijiang-zigong');
    await page.goto(`./#story=${s.id}&scene=${s.scenes[0].id}`);
    await mapIdle(page);
    for (let i = 0; i < s.scenes.length; i++) {
      const sc = s.scenes[i];
      if (i > 0) await page.keyboard.press('PageDown');
      await sceneReady(page, i);
      await expect(page).toHaveURL(new RegExp(`scene=${sc.id}(&|$)`));
      await expect(page.locator('.player .caption .title')).toHaveText(sc.title.zh);
      const fit = bbox(sc.fit ?? []);
      const st = await mapState(page, fit);
      // large type: ≥ 3.2 % of the screen height
      expect(st.captionPx).toBeGreaterThanOrEqual(0.032 * 1080);
      // camera: the fit box sits inside the padded screen above the caption, and fills it in one direction
      const pad = 96;
      expect(st.box, sc.id).not.toBeNull();
      const b = st.box!;
      expect(b.left, `${sc.id} left`).toBeGreaterThanOrEqual(pad - 3);
      expect(b.right, `${sc.id} right`).toBeLessThanOrEqual(st.width - pad + 3);
      expect(b.top, `${sc.id} top`).toBeGreaterThanOrEqual(pad - 3);
      expect(b.bottom, `${sc.id} bottom`).toBeLessThanOrEqual(st.captionTop - pad + 3);
      const fillsX = b.right - b.left >= st.width - 2 * pad - 4;
      const fillsY = b.bottom - b.top >= st.captionTop - 2 * pad - 4;
      expect(fillsX || fillsY || st.zoom >= 11.99, `${sc.id} framed tightly`).toBe(true);
      // the caption band costs zoom against the file's full-screen reference camera, never gains it
      if (sc.camera) expect(st.zoom).toBeLessThanOrEqual(sc.camera.zoom + 0.01);
      // layers: only the scene's regions and kinds are drawn; highlights are the scene's
      expect(st.regions.every((r) => sc.layers.regions.includes(r as never)), `${sc.id} regions ${st.regions}`).toBe(true);
      if (sc.layers.kinds) expect(st.kinds.every((k) => sc.layers.kinds!.includes(k as never)), `${sc.id} kinds ${st.kinds}`).toBe(true);
      expect(st.highlighted.length, `${sc.id} highlight drawn`).toBeGreaterThan(0);
      expect(st.highlighted.every((id) => sc.highlight.includes(id)), `${sc.id} highlights ${st.highlighted}`).toBe(true);
      const bm = sc.layers.basemap ?? { rivers: true, boundaries: true, labels: true };
      expect(st.rivers).toBe(bm.rivers ? 'visible' : 'none');
      expect(st.boundaries).toBe(bm.boundaries ? 'visible' : 'none');
      // the scene legend: the highlight entry and every legend line (they name the map's numbers)
      if (sc.highlight.length) await expect(page.locator('.scene-legend [data-legend-highlight]')).toHaveText('重点');
      for (const line of sc.legend ?? []) await expect(page.locator('.scene-legend')).toContainText(line.zh);
      // highlighted lines are labelled by name along them
      if (sc.id === 'corridors-today') {
        const names = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['story-hl-label'] }).map((f) => String(f.properties.zh)));
        expect(names.length, 'highlighted line names drawn').toBeGreaterThan(0);
        expect(names.every((n) => n.length > 0)).toBe(true);
      }
      // overlays computed live
      for (const o of sc.overlays) {
        if (o.type === 'distance') {
          const m = page.locator('.story-marker-distance');
          await expect(m).toContainText(o.label!.zh);
          // docs/analysis.md: 50.1 km core to core, 0 km edge to edge between the two central districts
          if (sc.id === '28-km') await expect(m).toContainText(/50\.1 公里.*0(\.0)? 公里/);
        }
        if (o.type === 'jurisdictionShares') await expect(page.locator('.shares li').first()).toBeVisible();
        if (o.type === 'overlap') await expect(page.locator('.story-marker-overlap')).toContainText('平方公里');
      }
      await page.screenshot({ path: `${SHOTS}/story-${s.id}-${i + 1}.png` });
    }
    // The camera flights were watched on the walk forward; for the keys only where each one lands matters,
    // so the rest jumps (the app reads prefers-reduced-motion at every scene change) instead of flying.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // at the end PageDown stays; PageUp walks back (two steps: each scene was checked on the walk forward)
    await page.keyboard.press('PageDown');
    await sceneReady(page, s.scenes.length - 1);
    for (let i = s.scenes.length - 2; i >= s.scenes.length - 3; i--) {
      await page.keyboard.press('PageUp');
      await sceneReady(page, i);
    }
    // End, Home, number + Enter, arrows and Space
    await page.keyboard.press('End');
    await sceneReady(page, s.scenes.length - 1);
    await page.keyboard.press('Home');
    await sceneReady(page, 0);
    await page.keyboard.type('3');
    await expect(page.locator('.player .jump')).toContainText('3');
    await page.keyboard.press('Enter');
    await sceneReady(page, 2);
    await page.keyboard.press('ArrowRight');
    await sceneReady(page, 3);
    await page.keyboard.press(' ');
    await sceneReady(page, 4);
    await page.keyboard.press('ArrowLeft');
    await sceneReady(page, 3);
    // B blacks the screen out (the pixels, not just a flag), B again brings it back
    await page.keyboard.press('b');
    await expect(page.locator('[data-blank="1"]')).toBeVisible();
    expect(await darkShare(page, await page.screenshot())).toBeGreaterThan(0.98);
    await page.keyboard.press('b');
    await expect(page.locator('[data-blank="1"]')).toHaveCount(0);
    // Escape leaves: header back, the app's regions restored, story layers cleared
    await page.keyboard.press('Escape');
    await expect(page.locator('.player')).toHaveCount(0);
    await expect(page.locator('header.bar')).toBeVisible();
    await expect(page).not.toHaveURL(/scene=/);
    const after = await page.evaluate(async () => {
      await window.__atlas!.mapView.idle();
      const map = window.__atlasMap!;
      return { filter: map.getFilter('plan-point'), hl: map.queryRenderedFeatures({ layers: ['story-hl-line'] }).length, rivers: map.getLayoutProperty('river-line', 'visibility') };
    });
    expect(JSON.stringify(after.filter)).not.toContain('literal');
    expect(after.hl).toBe(0);
    expect(after.rivers ?? 'visible').toBe('visible');
    expect(await page.locator('input[data-region]:checked').count()).toBe(4);
    expect(errors).toEqual([]);
  });

  test('words for the public: real document titles, no internal ids, a legible attribution on the band', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = watchConsole(page);
    for (const [id, sceneId, lang, title] of [
      ['neijiang-zigong', '28-km', 'zh', '《内江自贡同城化发展总体方案》二(一)'],
      ['dazhou', 'high-speed-junction', 'en', 'Yanjiang District (Ziyang) task assignments'],
    ] as const) {
      const s = story(id);
      const i = s.scenes.findIndex((x) => x.id === sceneId);
      await page.goto(`./#story=${id}&scene=${sceneId}&lang=${lang}`);
      await mapIdle(page);
      await sceneReady(page, i);
      await expect(page.locator('.story-marker-distance')).toBeVisible();
      await expect(page.locator('.player .caption .source')).toContainText(title);
      const seen = await page.evaluate(() => {
        const text = [document.querySelector<HTMLElement>('.player')!.innerText, ...[...document.querySelectorAll<HTMLElement>('.story-marker')].map((m) => m.innerText)].join('\n');
        const a = document.querySelector<HTMLElement>('.maplibregl-ctrl-attrib')!;
        const rgb = (c: string) => c.match(/[\d.]+/g)!.map(Number);
        const lum = ([r, g, b]: number[]) => {
          const f = (x: number) => ((x /= 255) <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const [br, bg, bb, ba = 1] = rgb(getComputedStyle(a).backgroundColor);
        // worst case: the strip's translucent background over a white map
        const back = [br, bg, bb].map((x) => x * ba + 255 * (1 - ba));
        const fore = rgb(getComputedStyle(a.querySelector('.maplibregl-ctrl-attrib-inner') ?? a).color);
        const [l1, l2] = [lum(fore), lum(back)].sort((x, y) => y - x);
        const r = a.getBoundingClientRect();
        // on top: nothing (the caption band) covers the strip
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {
          onTop: !!hit && a.contains(hit),
          text,
          contrast: (l1 + 0.05) / (l2 + 0.05),
          inside: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight,
          clipped: a.scrollWidth > a.clientWidth + 1 || a.scrollHeight > a.clientHeight + 1,
          attribution: a.innerText,
        };
      });
      expect(seen.text).not.toMatch(INTERNAL_ID);
      expect(seen.text).toContain(s.scenes[i].caption[lang]);
      expect(seen.contrast, 'attribution contrast').toBeGreaterThanOrEqual(4.5);
      expect(seen.inside && !seen.clipped, 'attribution inside the screen, not clipped').toBe(true);
      expect(seen.onTop, 'attribution above the caption band').toBe(true);
      expect(seen.attribution).toContain('OpenStreetMap');
      await page.screenshot({ path: `${SHOTS}/story-words-${id}-${lang}.png` });
    }
    expect(errors).toEqual([]);
  });

  test('screenshots of the other stories look like a keynote (deep links, English)', async ({ page }) => {
    test.setTimeout(180_000);
    for (const [id, n] of [['chengdu-metro', 4], ['dazhou', 6]] as const) {
      const s = story(id);
      await page.goto(`./#story=${id}&scene=${s.scenes[n - 1].id}&lang=en`);
      await mapIdle(page);
      await sceneReady(page, n - 1);
      await expect(page.locator('.player .caption .title')).toHaveText(s.scenes[n - 1].title.en);
      await expect(page.locator('.player .chip')).toContainText(`${n} / ${s.scenes.length}`);
      await page.screenshot({ path: `${SHOTS}/story-${id}-${n}-en.png` });
    }
  });
});

test('axe: the story panel and the player have no violations', async ({ page }) => {
  await page.goto('./#panel=story');
  await mapIdle(page);
  await expect(page.locator('input[data-story="dazhou"]')).toBeVisible();
  await page.addScriptTag({ path: AXE_PATH });
  const run = () =>
    page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx?: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const r = await axe.run(document);
      return r.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
  expect(await run()).toEqual([]);
  await page.locator('input[data-story="dazhou"]').check();
  await page.locator('[data-action="play"]').click();
  await sceneReady(page, 0);
  expect(await run()).toEqual([]);
});

test('kiosk: the loop autoplays, a touch pauses it, idle resets to the attract loop, only the exit code leaves', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.clock.install();
  const s = story('dazhou');
  await page.goto('./#story=dazhou&kiosk=1&idle=30&exit=2468');
  await mapIdle(page);
  const player = page.locator('.player');
  await expect(player).toHaveAttribute('data-kiosk-mode', 'autoplay');
  await expect(page.locator('.player .caption .title')).toBeVisible();
  // from here the test owns time (loading took real seconds, so the loop may be anywhere)
  await pauseClockAhead(page); // ahead of the real time a busy machine takes to get there
  const at = (i: number) => expect(player).toHaveAttribute('data-scene-index', String(i));
  // a touch hands the map over; 30 s later the attract loop restarts at scene 1
  await page.mouse.click(900, 400);
  await expect(player).toHaveAttribute('data-kiosk-mode', 'interactive');
  await page.clock.runFor(29_000);
  await expect(player).toHaveAttribute('data-kiosk-mode', 'interactive');
  await page.clock.runFor(1_500);
  await expect(player).toHaveAttribute('data-kiosk-mode', 'autoplay');
  await at(0);
  // scene 1 lasts durationSec: just before it ends we are still there, just after we are on scene 2
  await page.clock.runFor(s.scenes[0].durationSec * 1000 - 2000);
  await at(0);
  await page.clock.runFor(2500);
  await at(1);
  await page.clock.runFor(s.scenes[1].durationSec * 1000);
  await at(2);
  // a visitor touches: the loop stops and the map is theirs
  await page.mouse.click(900, 400);
  await expect(player).toHaveAttribute('data-kiosk-mode', 'interactive');
  await page.keyboard.press('PageDown');
  await at(3);
  const drag = async () => {
    await page.mouse.move(800, 400);
    await page.mouse.down();
    await page.mouse.move(700, 350, { steps: 5 });
    await page.mouse.up();
  };
  await drag();
  await page.clock.runFor(29_000);
  await expect(player).toHaveAttribute('data-kiosk-mode', 'interactive');
  await expect(player).toHaveAttribute('data-scene-index', '3');
  await page.screenshot({ path: `${SHOTS}/story-kiosk-explore.png` });
  await page.clock.runFor(2_000);
  await expect(player).toHaveAttribute('data-kiosk-mode', 'autoplay');
  await at(0);
  await page.clock.runFor(200);
  await page.screenshot({ path: `${SHOTS}/story-kiosk-loop.png` });
  // Escape and a wrong code do not leave
  await page.keyboard.press('Escape');
  await page.keyboard.type('1111');
  await page.keyboard.press('Enter');
  await expect(player).toBeVisible();
  await page.keyboard.type('2468');
  await page.keyboard.press('Enter');
  await expect(player).toHaveCount(0);
  await expect(page).not.toHaveURL(/kiosk=/);
});

test('presenter window follows the main window, and drives it', async ({ page, context }) => {
  const s = story('chengdu-metro');
  await page.goto('./#panel=story');
  await mapIdle(page);
  await page.locator('input[data-story="chengdu-metro"]').check();
  const [presenter] = await Promise.all([context.waitForEvent('page'), page.locator('[data-action="present"]').click()]);
  await sceneReady(page, 0);
  await presenter.waitForLoadState();
  const pv = presenter.locator('.presenter');
  await expect(pv).toHaveAttribute('data-presenter-scene', s.scenes[0].id, { timeout: 60_000 });
  await expect(pv).toContainText(s.scenes[0].notes.zh.slice(0, 20));
  await expect(presenter.locator('[data-next-scene]')).toHaveAttribute('data-next-scene', s.scenes[1].id);
  await expect(presenter.locator('.timer')).toHaveText(/^\d\d:\d\d$/);
  await page.bringToFront();
  await page.keyboard.press('PageDown');
  await sceneReady(page, 1);
  await expect(pv).toHaveAttribute('data-presenter-scene', s.scenes[1].id);
  await expect(presenter.locator('[data-next-scene]')).toHaveAttribute('data-next-scene', s.scenes[2].id);
  // the clicker may be pointed at the presenter window: it drives the main one
  await presenter.bringToFront();
  await presenter.keyboard.press('PageDown');
  await sceneReady(page, 2);
  await expect(pv).toHaveAttribute('data-presenter-scene', s.scenes[2].id);
  await presenter.keyboard.press('b');
  await expect(page.locator('[data-blank="1"]')).toBeVisible();
  await presenter.screenshot({ path: `${SHOTS}/story-presenter.png` });
});

test('authoring: add the current view as scenes, edit, reorder, export and import a story file', async ({ page }) => {
  await page.goto('./#panel=story&map=9.00/29.5000/104.9000');
  await mapIdle(page);
  await page.locator('[data-action="new-story"]').click();
  await page.locator('[data-action="add-view"]').click();
  await page.locator('textarea[data-field="caption-zh"]').fill('第一幕字幕：内江与自贡。');
  await page.locator('textarea[data-field="caption-zh"]').blur();
  await page.evaluate(() => window.__atlasMap!.jumpTo({ center: [107.47, 31.21], zoom: 8 }));
  await page.locator('[data-action="add-view"]').click();
  await page.locator('textarea[data-field="caption-zh"]').fill('第二幕字幕：达州，2020年到2025年。');
  await page.locator('textarea[data-field="caption-zh"]').blur();
  // story format v2: the scene counts the years from 2020 to 2025
  await page.locator('select[data-field="change"]').selectOption('growth');
  await page.locator('select[data-field="growth-to"]').selectOption('2025');
  await expect(page.locator('.scenes > li')).toHaveCount(2);
  // reorder: the Dazhou view first
  await page.getByRole('button', { name: /上移: 新场景 2/ }).click();
  await expect(page.locator('.scenes > li').first()).toHaveAttribute('data-scene', 'scene-2');
  await expect(page.locator('.validity')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export"]').click()]);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as Story;
  // written in the current format (v3 since scene media; a growth scene needs at least v2)
  expect(exported.version).toBe(3);
  expect(exported.scenes.map((x) => x.caption.zh)).toEqual(['第二幕字幕：达州，2020年到2025年。', '第一幕字幕：内江与自贡。']);
  expect(exported.scenes[0].growth).toEqual({ from: 2020, to: 2025 });
  expect(exported.scenes[0].camera!.lon).toBeCloseTo(107.47, 2);
  expect(exported.scenes[1].camera!.zoom).toBeCloseTo(9, 1);
  // preview plays the authored story
  await page.getByRole('button', { name: /预览: 新场景 1/ }).click();
  await sceneReady(page, 1);
  await expect(page.locator('.player .caption .text')).toHaveText('第一幕字幕：内江与自贡。');
  await page.keyboard.press('Escape');
  // import: the exported file under another id comes back; a broken one is refused with its reasons
  const again = { ...exported, id: 'imported-story', title: { zh: '导入的故事', en: 'Imported story' } };
  await page.locator('[data-action="import"]').setInputFiles({ name: 'imported-story.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(again)) });
  await expect(page.locator('input[data-story="imported-story"]')).toBeChecked();
  await expect(page.locator('.scenes > li')).toHaveCount(2);
  const broken = { ...exported, id: 'broken', scenes: [{ ...exported.scenes[0], camera: undefined, fit: undefined }] };
  await page.locator('[data-action="import"]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(page.getByRole('status')).toContainText('broken.json');
  // in the UI's language (zh): where, then why
  await expect(page.locator('[data-import-issues]')).toContainText('broken.json › #1 › camera：场景需要 camera 或 fit');
  await expect(page.locator('input[data-story="broken"]')).toHaveCount(0);
  await page.locator('[data-action="import"]').setInputFiles({ name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{not json') });
  await expect(page.locator('[data-import-issues]')).toContainText('junk.json：不是 JSON');
  await page.screenshot({ path: `${SHOTS}/story-authoring.png` });
});

// A story authored in this browser: 皮河 water-supply line, started 2015 and opened 2021 (data/plan), seen in
// 2018, then without a year, then in 2023 with the S3 line highlighted (opened 2024, no start year: hidden).
// Stored as a version-1 story (before compare and growth scenes): the app migrates it on load.
const PHASE_EL = 'eco-pihe-water-supply';
const PHASE_STORY: Omit<Story, 'version'> & { version: 1 } = (() => {
  const base = story('chengdu-metro').scenes[0];
  const sc = (id: string, year: number | undefined, highlight: string[] = []) => ({
    ...base,
    id,
    title: { zh: `场景 ${id}`, en: `Scene ${id}` },
    fit: [PHASE_EL],
    camera: undefined,
    layers: { regions: ['chengdu-metro' as const] },
    year,
    highlight,
    overlays: [],
  });
  return {
    version: 1,
    id: 'phase-test',
    title: { zh: '阶段测试', en: 'Phase test' },
    summary: { zh: '阶段测试', en: 'Phase test' },
    region: 'chengdu-metro',
    scenes: [sc('y2018', 2018), sc('no-year', undefined), sc('y2023', 2023, [PHASE_EL, 'rail-s3-ziyang'])],
  };
})();

/** The phase the map draws an element with, from the plan-line-* layers (null = not drawn there). */
function drawnPhase(page: Page, id: string) {
  return page.evaluate(async (id) => {
    await window.__atlas!.mapView.idle();
    const map = window.__atlasMap!;
    const layers = ['plan-line-existing', 'plan-line-building', 'plan-line-future'];
    const hits = map.queryRenderedFeatures({ layers, filter: ['==', ['get', 'id'], id] });
    return hits.length ? { phase: hits[0].properties.phase as string, layers: [...new Set(hits.map((f) => f.layer.id))] } : null;
  }, id);
}

test.describe('scenes with a year', () => {
  test.use({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });

  test('a scene restyles the plan by phase through the time slider; the app year and hash come back', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = watchConsole(page);
    await page.addInitScript((st) => localStorage.setItem('tongcheng-atlas.stories', JSON.stringify([st])), PHASE_STORY);
    // the app's own year is 2030 (time slider on) before the story starts
    await page.goto('./#year=2030');
    await mapIdle(page);
    await expect(page.getByTestId('year-toggle')).toBeChecked();
    await page.evaluate(() => (location.hash = '#year=2030&story=phase-test&scene=y2018'));
    await sceneReady(page, 0);
    // 2018: works started 2015, opened 2021 → under construction, long dash
    expect(await drawnPhase(page, PHASE_EL)).toEqual({ phase: 'underConstruction', layers: ['plan-line-building'] });
    await expect(page).not.toHaveURL(/year=/);
    await page.screenshot({ path: `${SHOTS}/story-phase-2018.png` });
    // no year: the app's own year (2030) → existing, solid
    await page.keyboard.press('PageDown');
    await sceneReady(page, 1);
    expect(await drawnPhase(page, PHASE_EL)).toEqual({ phase: 'existing', layers: ['plan-line-existing'] });
    await expect(page).not.toHaveURL(/year=/);
    // 2023: existing; the highlighted S3 line (hidden in 2023: no start year) is still drawn, short-dashed
    await page.keyboard.press('PageDown');
    await sceneReady(page, 2);
    expect(await drawnPhase(page, PHASE_EL)).toEqual({ phase: 'existing', layers: ['plan-line-existing'] });
    expect(await drawnPhase(page, 'rail-s3-ziyang')).toBeNull();
    const kept = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['story-kept-line'] }).map((f) => f.properties.id as string));
    expect([...new Set(kept)]).toEqual(['rail-s3-ziyang']);
    await page.screenshot({ path: `${SHOTS}/story-phase-2023.png` });
    // back to 2018 with Home, then leave: the app's 2030 returns to the slider and the hash
    await page.keyboard.press('Home');
    await sceneReady(page, 0);
    expect((await drawnPhase(page, PHASE_EL))?.phase).toBe('underConstruction');
    await page.keyboard.press('Escape');
    await expect(page.locator('.player')).toHaveCount(0);
    await expect(page).toHaveURL(/year=2030/);
    await expect(page).not.toHaveURL(/scene=/);
    await expect(page.getByTestId('year-toggle')).toBeChecked();
    await expect(page.locator('.timebar')).toContainText('2030');
    expect(await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['story-kept-line'] }).length)).toBe(0);

    // without an app year: no year= after leaving, also after a reload in the middle of the story
    await page.evaluate(() => (location.hash = '#story=phase-test&scene=y2018'));
    await page.reload();
    await mapIdle(page);
    await sceneReady(page, 0);
    expect((await drawnPhase(page, PHASE_EL))?.phase).toBe('underConstruction');
    await page.keyboard.press('PageDown');
    await sceneReady(page, 1);
    // no year and no app year: the documented status (existing)
    expect((await drawnPhase(page, PHASE_EL))?.phase).toBe('existing');
    await page.keyboard.press('Home');
    await sceneReady(page, 0);
    await page.keyboard.press('Escape');
    await expect(page.locator('.player')).toHaveCount(0);
    await expect(page).not.toHaveURL(/year=|regions=|scene=/);
    await expect(page.getByTestId('year-toggle')).not.toBeChecked();
    expect(await drawnPhase(page, PHASE_EL)).toEqual({ phase: 'existing', layers: ['plan-line-existing'] });
    expect(errors).toEqual([]);
  });
});

/** Plan element ids drawn on the main map or the compare view's second map. */
function drawnIds(page: Page, which: '__atlasMap' | '__atlasCompareMap') {
  return page.evaluate(
    ({ which, layers }) => {
      const map = window[which]!;
      return [...new Set(map.queryRenderedFeatures({ layers: layers.filter((l) => map.getLayer(l)) }).map((f) => ({ id: String(f.properties.id), kind: String(f.properties.kind) })).map((x) => `${x.id}|${x.kind}`))];
    },
    { which, layers: PLAN_LAYERS },
  );
}

test.describe('compare and growth scenes', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('a compare scene and a growth scene play: two years side by side, then the years counted from A to B (one step with reduced motion)', async ({ page }) => {
    test.setTimeout(300_000);
    const errors = watchConsole(page);
    // --- compare: 成都 2020 | 2025 under a swipe divider (the app's compare view, its panel hidden)
    const cd = story('chengdu-metro');
    const ci = cd.scenes.findIndex((x) => x.compare);
    const cmp = cd.scenes[ci].compare!;
    await page.goto(`./#story=${cd.id}&scene=${cd.scenes[ci].id}`);
    await mapIdle(page);
    await sceneReady(page, ci);
    await page.waitForFunction(() => !!window.__atlasCompareMap?.getSource('plan'), null, { timeout: 60_000 });
    await expect(page.locator('[data-compare-label="a"]')).toBeVisible();
    await expect(page.locator('[data-compare-label="a"]')).toContainText(String(cmp.a));
    await expect(page.locator('[data-compare-label="b"]')).toContainText(String(cmp.b));
    await expect(page.locator('[data-compare="divider"]')).toHaveAttribute('aria-valuenow', String(Math.round((cmp.position ?? 0.5) * 100)));
    await expect(page.locator('[data-compare="panel"]')).toBeHidden();
    // the comparison is the scene's: not in the hash while the player runs
    await expect(page).not.toHaveURL(/compare=/);
    await page.evaluate(() => window.__atlas!.mapView.idle());
    await expect.poll(async () => (await drawnIds(page, '__atlasCompareMap')).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const parse = (xs: string[]) => xs.map((x) => x.split('|') as [string, string]);
    const a = parse(await drawnIds(page, '__atlasMap'));
    const b = parse(await drawnIds(page, '__atlasCompareMap'));
    const props = (id: string) => planMap.get(id)!.properties as unknown as TimedProps;
    // each side draws its year by the slider's rules, and only the scene's kinds
    for (const [id, kind] of a) {
      expect(phaseAt(props(id), cmp.a), `${id} at ${cmp.a}`).not.toBe('hidden');
      expect(cd.scenes[ci].layers.kinds, id).toContain(kind);
    }
    for (const [id, kind] of b) {
      expect(phaseAt(props(id), cmp.b), `${id} at ${cmp.b}`).not.toBe('hidden');
      expect(cd.scenes[ci].layers.kinds, id).toContain(kind);
    }
    const onA = new Set(a.map(([id]) => id));
    const onlyB = b.map(([id]) => id).filter((id) => !onA.has(id));
    // what the caption names as new by 2025 is on the right only
    expect(onlyB).toEqual(expect.arrayContaining(['rail-s3-ziyang', 'hub-tianfu-airport']));
    await page.screenshot({ path: `${SHOTS}/story-compare-1080.png` });
    // the same scene on a 4K wall (DPR 1): the side names grow with the screen
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.evaluate(() => window.__atlas!.mapView.idle());
    const badge = await page.locator('[data-compare-label="b"]').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(badge).toBeGreaterThanOrEqual(0.028 * 2160 - 1);
    await page.screenshot({ path: `${SHOTS}/story-compare-4k.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    // the scene before is an ordinary one: the comparison closes
    await page.keyboard.press('PageUp');
    await sceneReady(page, ci - 1);
    await expect(page.locator('[data-compare-side]')).toHaveCount(0);

    // --- growth: 内自 2019 → 2025, every year in turn on the badge, the map at B at the end
    const nz = story('neijiang-zigong');
    const gi = nz.scenes.findIndex((x) => x.growth);
    const g = nz.scenes[gi].growth!;
    const years = () =>
      page.evaluate(() => {
        const w = window as unknown as { __years?: number[] };
        return w.__years ?? [];
      });
    // the years the badge shows, in order (recorded by the page, not sampled by the test)
    await page.evaluate(() => {
      const w = window as unknown as { __years?: number[] };
      w.__years = [];
      new MutationObserver(() => {
        const y = Number(document.querySelector('.player .year[data-growth]')?.getAttribute('data-year'));
        if (y && w.__years!.at(-1) !== y) w.__years!.push(y);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-year'] });
    });
    await page.evaluate((h) => (location.hash = h), `#story=${nz.id}&scene=${nz.scenes[gi].id}`);
    await sceneReady(page, gi);
    await expect(page.locator('.player .year[data-growth]')).toHaveAttribute('data-year', String(g.to), { timeout: 30_000 });
    const span = Array.from({ length: g.to - g.from + 1 }, (_, i) => g.from + i);
    expect(await years()).toEqual(span);
    // at B the map draws B: the line the caption says opened in 2023 is on the map, and every drawn element
    // is one the rules show in B
    await page.evaluate(() => window.__atlas!.mapView.idle());
    const atB = parse(await drawnIds(page, '__atlasMap'));
    expect(atB.map(([id]) => id)).toContain('rail-chengzi-yibin-hsr');
    for (const [id] of atB) expect(phaseAt(props(id), g.to), `${id} at ${g.to}`).not.toBe('hidden');
    await page.screenshot({ path: `${SHOTS}/story-growth-1080.png` });
    // reduced motion: A, then one step to B (no count-up)
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.keyboard.press('PageUp');
    await sceneReady(page, gi - 1);
    await page.evaluate(() => ((window as unknown as { __years: number[] }).__years = []));
    await page.keyboard.press('PageDown');
    await sceneReady(page, gi);
    await expect(page.locator('.player .year[data-growth]')).toHaveAttribute('data-year', String(g.to), { timeout: 30_000 });
    expect(await years()).toEqual([g.from, g.to]);
    // leaving gives the app its own year back (none: the slider was off)
    await page.keyboard.press('Escape');
    await expect(page.locator('.player')).toHaveCount(0);
    await expect(page).not.toHaveURL(/year=|compare=/);
    await expect(page.getByTestId('year-toggle')).not.toBeChecked();
    expect(errors).toEqual([]);
  });
});

/** PNG width and height from the IHDR chunk. */
function pngSize(b: Buffer): { width: number; height: number } {
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The scene's 3840×2160 image (the default size), exported from the 1920×1080 screen: map with filters, highlight and
 *  overlay, titles, caption, legend. */
async function sceneImageChecks(page: Page, s: Story, i: number): Promise<void> {
  const sc = s.scenes[i];
  await expect(page.locator('.story-marker-distance')).toBeVisible();
  // the scene lives in the map style, so the export's copy of it carries filters and overlays
  const style = await page.evaluate(() => {
    const st = window.__atlasMap!.getStyle();
    const layer = (id: string) => st.layers.find((l) => l.id === id) as { filter?: unknown } | undefined;
    const overlay = st.sources['story-overlay'] as unknown as { data: { features: { properties: { role: string } }[] } };
    return { hl: JSON.stringify(layer('story-hl-line')?.filter), area: JSON.stringify(layer('plan-area-fill')?.filter), roles: overlay.data.features.map((f) => f.properties.role) };
  });
  for (const id of sc.highlight) expect(style.hl).toContain(id);
  expect(style.area).toContain('literal');
  expect(style.roles).toContain('measure');
  // the button shows on mouse move; 4K is the default size
  await page.mouse.move(900, 500);
  await expect(page.locator('[data-story-image="size"]')).toHaveValue('3840x2160');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.locator('[data-story-image="export"]').click()]);
  expect(download.suggestedFilename()).toBe(`${s.id}-${sc.id}-3840x2160.png`);
  const png = readFileSync((await download.path())!);
  expect(pngSize(png)).toEqual({ width: 3840, height: 2160 });
  await expect(page.locator('.export-msg')).toContainText('3840×2160');
  // pixels: decoded in the page; a 960×540 copy is saved to look at
  const px = await page.evaluate(
    async ({ b64, colors }) => {
      const ctx = await window.__decodePng!(b64);
      const c = ctx.canvas;
      const hex = (h: string) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));
      const near = (d: Uint8ClampedArray, p: number, rgb: number[], tol: number) => Math.abs(d[p] - rgb[0]) + Math.abs(d[p + 1] - rgb[1]) + Math.abs(d[p + 2] - rgb[2]) <= tol;
      const count = (x: number, y: number, w: number, h: number, test: (d: Uint8ClampedArray, p: number) => boolean) => {
        const d = ctx.getImageData(x, y, w, h).data;
        let n = 0;
        for (let p = 0; p < d.length; p += 4) if (test(d, p)) n++;
        return { n, share: n / (w * h) };
      };
      // map area (between the title panel and the caption band)
      const map = { x: 0, y: 300, w: c.width, h: 1200 };
      const accent = count(map.x, map.y, map.w, map.h, (d, p) => near(d, p, hex(colors.highlight), 40));
      // the clusters' fill: urbanCluster orange (#d0743c) at 12–20 % over the pale basemap, R − B ≈ 23 against
      // the land's 6–9
      const cluster = count(map.x, map.y, map.w, map.h, (d, p) => d[p] > 225 && d[p] - d[p + 2] > 16 && d[p + 1] > 200);
      // title panel (at 14 px × 2 × 1.4 from the corner): near-white with dark text, and its red bar (12 px)
      const panel = count(40, 40, 600, 180, (d, p) => d[p] > 235 && d[p + 1] > 235 && d[p + 2] > 235);
      const ink = count(40, 40, 600, 180, (d, p) => d[p] + d[p + 1] + d[p + 2] < 200);
      const bar = count(42, 80, 8, 120, (d, p) => near(d, p, hex(colors.accent), 30));
      // caption band: 82 % dark over the map (sum ≈ 180 against the land's ≈ 700), white text, above the
      // disclaimer strip (≈ 1790–2000 px here)
      const band = count(0, 1810, c.width, 150, (d, p) => d[p] + d[p + 1] + d[p + 2] < 260);
      const bandText = count(0, 1810, c.width, 150, (d, p) => d[p] > 240 && d[p + 1] > 240 && d[p + 2] > 240);
      const small = document.createElement('canvas');
      small.width = 960;
      small.height = 540;
      small.getContext('2d')!.drawImage(c, 0, 0, 960, 540);
      return { accent, cluster, panel, ink, bar, band, bandText, small: small.toDataURL('image/png').split(',')[1] };
    },
    { b64: await usePngDecoder(page, png), colors: { accent: '#b8322a', highlight: planColors.highlight } },
  );
  writeFileSync(`${SHOTS}/story-scene-image-960.png`, Buffer.from(px.small, 'base64'));
  // the highlighted clusters' magenta rim and their orange fill are on the map
  expect(px.accent.n, 'highlight magenta').toBeGreaterThan(2000);
  expect(px.cluster.share, 'cluster fill').toBeGreaterThan(0.05);
  expect(px.panel.share, 'title panel').toBeGreaterThan(0.5);
  expect(px.ink.n, 'title text').toBeGreaterThan(1000);
  expect(px.bar.share, 'accent bar').toBeGreaterThan(0.5);
  expect(px.band.share, 'caption band').toBeGreaterThan(0.5);
  expect(px.bandText.n, 'caption text').toBeGreaterThan(2000);
}

test.describe('big-screen legibility', () => {
  test.use({ reducedMotion: 'reduce', deviceScaleFactor: 1 });

  test('5 m rule: a county label is at least 1/60 of the screen height at 1920×1080 and 3840×2160 (DPR 1); the scene image exports a 3840×2160 PNG of the scene: map with filters, highlight and overlay, titles, caption, legend', async ({ page }) => {
    test.setTimeout(420_000);
    const errors = watchConsole(page);
    const s = story('neijiang-zigong');
    const i = s.scenes.findIndex((x) => x.id === '28-km');
    for (const [w, h] of [[1920, 1080], [3840, 2160]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`./#story=${s.id}&scene=${s.scenes[i].id}`);
      await mapIdle(page);
      await sceneReady(page, i);
      const m = await page.evaluate(({ ink }) => {
        const map = window.__atlasMap!;
        // the layer's text-size at this zoom (interpolate over zoom, each stop possibly scaled)
        const expr = map.getLayoutProperty('county-label', 'text-size') as unknown[];
        const z = map.getZoom();
        const stops: [number, number][] = [];
        for (let k = 3; k < expr.length; k += 2) {
          const out = expr[k + 1];
          stops.push([expr[k] as number, typeof out === 'number' ? out : (out as [string, number, number])[1] * (out as [string, number, number])[2]]);
        }
        let size = stops[0][1];
        for (let k = 0; k < stops.length - 1; k++) {
          const [z0, v0] = stops[k], [z1, v1] = stops[k + 1];
          if (z >= z0 && z <= z1) size = v0 + ((v1 - v0) * (z - z0)) / (z1 - z0);
          if (z > z1) size = v1;
        }
        // the rendered result: the ink height of a placed county label, read from the map canvas
        const H = innerHeight, W = innerWidth;
        const legend = document.querySelector('.scene-legend')?.getBoundingClientRect();
        const marker = document.querySelector('.story-marker')?.getBoundingClientRect();
        const captionTop = document.querySelector('.player .caption')!.getBoundingClientRect().top;
        const free = (x: number, y: number) => {
          const r = size * 3;
          const clear = (b?: DOMRect) => !b || x + r < b.left || x - r > b.right || y + r < b.top || y - r > b.bottom;
          return x > r && x < W - r && y > r && y < captionTop - r && clear(legend) && clear(marker);
        };
        const placed = map.queryRenderedFeatures({ layers: ['county-label'] }).flatMap((f) => {
          const g = f.geometry as { type: string; coordinates: [number, number] };
          if (g.type !== 'Point') return [];
          const p = map.project(g.coordinates);
          return free(p.x, p.y) ? [{ x: p.x, y: p.y, name: String(f.properties.zh ?? '') }] : [];
        });
        const c = document.createElement('canvas');
        c.width = W;
        c.height = H;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(map.getCanvas(), 0, 0, W, H);
        const heights = placed.slice(0, 6).map((l) => {
          const bw = Math.round(size * 3), bh = Math.round(size * 1.6);
          const d = ctx.getImageData(Math.round(l.x - bw / 2), Math.round(l.y - bh / 2), bw, bh).data;
          let top = -1, bottom = -1;
          for (let y = 0; y < bh; y++) {
            let n = 0;
            for (let x = 0; x < bw; x++) {
              const p = 4 * (y * bw + x);
              if (Math.abs(d[p] - ink[0]) + Math.abs(d[p + 1] - ink[1]) + Math.abs(d[p + 2] - ink[2]) < 60) n++;
            }
            if (n >= 2) {
              if (top < 0) top = y;
              bottom = y;
            }
          }
          return { name: l.name, ink: top < 0 ? 0 : bottom - top + 1 };
        });
        return { zoom: z, size, heights, dpr: devicePixelRatio, canvasH: map.getCanvas().height };
      }, { ink: [0x5d, 0x57, 0x4d] });
      console.log(`${w}×${h}: county label text-size ${m.size.toFixed(1)} px at zoom ${m.zoom.toFixed(2)}; ink heights ${JSON.stringify(m.heights)}`);
      expect(m.dpr).toBe(1);
      expect(m.canvasH).toBe(h);
      expect(m.size, 'county label text-size ≥ 1/60 of the height').toBeGreaterThanOrEqual(h / 60);
      // rendered: Chinese glyphs ink about 0.85–0.95 of the em; at least two labels measured
      const measured = m.heights.filter((x) => x.ink > 0);
      expect(measured.length, 'county labels placed in the free map area').toBeGreaterThanOrEqual(2);
      const best = Math.max(...measured.map((x) => x.ink));
      expect(best, 'rendered label ink height').toBeGreaterThanOrEqual(0.8 * (h / 60));
      expect(best, 'ink height is the label, not a line through it').toBeLessThan(1.6 * m.size);
      await page.screenshot({ path: `${SHOTS}/story-legibility-${w}x${h}.png` });
      // the same scene, loaded once, gives the scene image (before the window grows to 4K, as a presenter exports it)
      if (w === 1920) await test.step('scene image: 3840×2160 PNG of the scene, map with filters, highlight and overlay, titles, caption, legend', () => sceneImageChecks(page, s, i));
    }
    expect(errors).toEqual([]);
  });
});


test('kiosk loop: every scene in turn and back to the first, ready each time; a touch, then idle resets it', async ({ page }) => {
  // the behaviour the soak runs for hours, once: each scene change draws its scene, the loop wraps
  await page.setViewportSize({ width: 480, height: 270 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.clock.install();
  const s = story('neijiang-zigong');
  await page.goto(`./#story=${s.id}&kiosk=1&idle=20`);
  await mapIdle(page);
  const player = page.locator('.player');
  await expect(player).toHaveAttribute('data-kiosk-mode', 'autoplay');
  // with the clock paused the map cannot reach idle; a scene is shown once the player marks it ready
  const shown = (i: number) => expect(page.locator(`.player[data-scene-state="ready"][data-scene-index="${i}"]`)).toBeVisible();
  // own the time base: a touch, then the idle reset starts scene 1 at a known moment
  await pauseClockAhead(page); // ahead of the real time a busy machine takes to get there
  await page.mouse.click(240, 120);
  await expect(player).toHaveAttribute('data-kiosk-mode', 'interactive');
  await page.clock.runFor(20_500);
  await expect(player).toHaveAttribute('data-kiosk-mode', 'autoplay');
  await shown(0);
  for (let i = 0; i < s.scenes.length; i++) {
    await page.clock.runFor(s.scenes[i].durationSec * 1000);
    await shown((i + 1) % s.scenes.length);
    await expect(player).toHaveAttribute('data-kiosk-mode', 'autoplay');
  }
  await expect(page.locator('.player .caption .title')).toHaveText(s.scenes[0].title.zh);
  // a visitor's touch stops the loop mid-scene; idle brings it back to scene 1, not where it stopped
  await page.clock.runFor(s.scenes[0].durationSec * 1000);
  await shown(1);
  await page.mouse.click(240, 120);
  await expect(player).toHaveAttribute('data-kiosk-mode', 'interactive');
  await page.clock.runFor(19_000);
  await expect(player).toHaveAttribute('data-kiosk-mode', 'interactive');
  await page.clock.runFor(1_500);
  await expect(player).toHaveAttribute('data-kiosk-mode', 'autoplay');
  await shown(0);
  await page.screenshot({ path: `${SHOTS}/story-kiosk-small-loop.png` });
});

test('soak: a simulated 24 h kiosk loop does not grow the JS heap', async ({ page }) => {
  // a benchmark, not a CI test: `npm run bench` (scripts/bench/soak.ts) runs it with STORY_SOAK_HOURS
  // (default there 24: 30–60 min with swiftshader, depending on how busy the machine is)
  test.skip(!process.env.STORY_SOAK_HOURS, 'benchmark: runs only with STORY_SOAK_HOURS (npm run bench)');
  const hours = Number(process.env.STORY_SOAK_HOURS);
  test.setTimeout(120_000 + hours * 200_000);
  // small screen: the soak is about the app's memory, and swiftshader draws every scene change
  await page.setViewportSize({ width: 480, height: 270 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.clock.install();
  const s = story('neijiang-zigong');
  const loopMs = s.scenes.reduce((t, x) => t + x.durationSec * 1000, 0);
  await page.goto(`./#story=${s.id}&kiosk=1&idle=60`);
  await mapIdle(page);
  await sceneReady(page, 0);
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  // warm up: two loops (caches of shares and overlaps fill, fonts load)
  await page.clock.runFor(2 * loopMs);
  const before = await heap();
  const t0 = Date.now();
  let scenesShown = 0;
  for (let h = 0; h < hours; h++) {
    for (let m = 0; m < 60; m += 10) {
      const ts = Date.now();
      await page.clock.runFor(10 * 60_000);
      if (process.env.STORY_SOAK_TRACE) console.log(`span ${h}:${m} ${Date.now() - ts} ms`);
      scenesShown += Math.round((10 * 60_000) / (loopMs / s.scenes.length));
    }
    if (h % 6 === 5) console.log(`soak: ${h + 1} h simulated, ${((Date.now() - t0) / 1000).toFixed(0)} s real, heap ${((await heap()) / 1e6).toFixed(1)} MB`);
  }
  await expect(page.locator('.player')).toHaveAttribute('data-kiosk-mode', 'autoplay');
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const after = await heap();
  const growth = (after - before) / before;
  console.log(`soak: ${hours} h simulated (~${scenesShown} scene changes) in ${((Date.now() - t0) / 1000).toFixed(0)} s; heap ${(before / 1e6).toFixed(1)} MB → ${(after / 1e6).toFixed(1)} MB (${(growth * 100).toFixed(1)} %)`);
  expect(growth).toBeLessThan(0.1);
});
