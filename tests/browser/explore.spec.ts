import { test, expect, type Page } from '@playwright/test';
import { AXE_PATH, SHOTS, frames, mapIdle, usePngDecoder, watchConsole } from './helpers.ts';

async function planReady(page: Page) {
  await mapIdle(page);
  await page.waitForFunction(() => !!window.__atlasMap!.getLayer('plan-point'));
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

const renderedIds = (page: Page) =>
  page.evaluate(async () => {
    await window.__atlas!.mapView.idle();
    return [...new Set(window.__atlas!.mapView.renderedPlan().map((d) => d.props.id))].sort();
  });

test('search by pinyin initials finds a plan element; choosing it selects it, frames it and opens its card; a county by full pinyin flies there; a township says it has no boundary', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await planReady(page);
  const box = page.getByRole('combobox');
  await box.click();
  await box.fill('cdlg');
  const option = page.getByRole('option', { name: /成德临港经济产业带/ });
  await expect(option).toBeVisible();
  await option.click();
  await expect(page).toHaveURL(/sel=belt-chengde-lingang/);
  const card = page.locator('aside.card[data-element="belt-chengde-lingang"]');
  await expect(card).toBeVisible();
  await expect(card).toContainText('成德临港经济产业带');
  await expect(card).toContainText('示意'); // schematic badge
  await expect(card).toContainText('成都都市圈100项探索实践案例发布》'); // cites its seed by title
  // The map framed it: the belt is rendered and the view moved into the Chengdu–Deyang area.
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const view = await page.evaluate(() => window.__atlas!.mapView.getView());
  expect(view.lon).toBeGreaterThan(103.5);
  expect(view.lon).toBeLessThan(105);
  expect(view.lat).toBeGreaterThan(30.4);
  expect(view.lat).toBeLessThan(31.6);
  expect(await renderedIds(page)).toContain('belt-chengde-lingang');
  await page.screenshot({ path: `${SHOTS}/explore-card.png` });
  // The card is accessible and Escape closes it.
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown) => Promise<{ violations: { id: string }[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => v.id);
  });
  expect(violations).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();

  // the same page (one cold load): a county by full pinyin flies there; a township says it has no boundary
  await box.click();
  await box.fill('jianyang');
  await expect(page.getByRole('option').first()).toContainText('简阳市');
  await box.press('ArrowDown');
  await box.press('Enter');
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const v = await page.evaluate(() => window.__atlas!.mapView.getView());
  expect(v.lon).toBeGreaterThan(104.2);
  expect(v.lon).toBeLessThan(104.9);
  await box.fill('石桥镇');
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '没有边界数据' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('clicking a plan point opens its card; hovering shows a tooltip', async ({ page }) => {
  await page.goto('./#map=10.00/30.3200/104.5000');
  await planReady(page);
  const target = await page.evaluate(() => {
    const map = window.__atlasMap!;
    const rect = map.getCanvas().getBoundingClientRect();
    const centre = { x: rect.width / 2, y: rect.height / 2 };
    // The point nearest the middle of the map, away from the panels, with no other point under the cursor.
    const pts = map
      .queryRenderedFeatures({ layers: ['plan-point'] })
      .map((f) => ({ f, p: map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]) }));
    const best = pts
      .filter((a) => !pts.some((b) => b.f.properties.id !== a.f.properties.id && Math.hypot(a.p.x - b.p.x, a.p.y - b.p.y) < 20))
      .sort((a, b) => Math.hypot(a.p.x - centre.x, a.p.y - centre.y) - Math.hypot(b.p.x - centre.x, b.p.y - centre.y))[0];
    return { id: best.f.properties.id as string, x: rect.left + best.p.x, y: rect.top + best.p.y };
  });
  await page.mouse.move(target.x - 30, target.y - 30);
  await page.mouse.move(target.x, target.y, { steps: 5 });
  await expect(page.getByRole('tooltip')).toBeVisible();
  await page.mouse.click(target.x, target.y);
  await expect(page).toHaveURL(new RegExp(`sel=${target.id}`));
  await expect(page.locator(`aside.card[data-element="${target.id}"]`)).toBeVisible();
});

test('the year slider hides what did not exist yet and restyles by phase; the URL round-trips', async ({ page }) => {
  await page.goto('./');
  await planReady(page);
  const phaseOf = (id: string) =>
    page.evaluate(async (id) => {
      await window.__atlas!.mapView.idle();
      return window.__atlas!.mapView.renderedPlan().find((d) => d.props.id === id)?.props.phase ?? 'absent';
    }, id);
  expect(await phaseOf('rail-s3-ziyang')).toBe('existing'); // slider off: documented status
  await page.getByTestId('year-toggle').check();
  const slider = page.getByRole('slider');
  await slider.fill('2020');
  await expect(page).toHaveURL(/year=2020/);
  expect(await phaseOf('rail-s3-ziyang')).toBe('absent'); // opened 2024, no start year: not shown in 2020
  const in2020 = (await renderedIds(page)).length;
  await slider.fill('2025');
  expect(await phaseOf('rail-s3-ziyang')).toBe('existing');
  const in2025 = (await renderedIds(page)).length;
  expect(in2025).toBeGreaterThan(in2020);
  await page.screenshot({ path: `${SHOTS}/explore-year-2025.png` });
  await page.reload();
  await planReady(page);
  await expect(page.getByRole('slider')).toHaveValue('2025');
  expect(await phaseOf('rail-s3-ziyang')).toBe('existing');
});

test('kind filters: "only this" leaves one kind on the map and in the legend; back restores; filter by responsible unit shows only the elements of the tasks it leads or shares', async ({ page }) => {
  await page.goto('./');
  await planReady(page);
  await page.getByText('筛选与区域').click();
  await page.getByRole('button', { name: '只看枢纽/站点' }).click();
  await expect(page).toHaveURL(/hide=/);
  const kinds = await page.evaluate(async () => {
    await window.__atlas!.mapView.idle();
    return [...new Set(window.__atlas!.mapView.renderedPlan().map((d) => d.props.kind))];
  });
  expect(kinds).toEqual(['hub']);
  const legend = page.locator('details.legend');
  await expect(legend).toContainText('枢纽/站点');
  await expect(legend).not.toContainText('产业带');
  await page.goBack();
  await expect(page).not.toHaveURL(/hide=/);
  const after = await page.evaluate(async () => {
    await window.__atlas!.mapView.idle();
    return new Set(window.__atlas!.mapView.renderedPlan().map((d) => d.props.kind)).size;
  });
  expect(after).toBeGreaterThan(3);

  // the same page (one cold load): filter by responsible unit shows only the elements of the tasks it leads or shares
  const select = page.getByLabel(/责任单位|负责单位|牵头/);
  if (!(await select.isVisible())) await page.getByText('筛选与区域').click();
  await select.selectOption('区交通运输局');
  const ids = await renderedIds(page);
  expect(ids.length).toBeGreaterThan(0);
  expect(ids).toContain('road-chengzi-avenue');
  for (const id of ids) expect(id).not.toMatch(/^belt-/);
});

test('embed mode shows the map and plan without chrome, and links to the full app', async ({ page }) => {
  await page.goto('./#embed=1&map=7.50/30.3000/104.6000');
  await planReady(page);
  await expect(page.locator('header')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '分析' })).toHaveCount(0);
  await expect(page.getByText('筛选与区域')).toHaveCount(0);
  expect((await renderedIds(page)).length).toBeGreaterThan(10);
  const href = await page.getByRole('link', { name: /同城图集/ }).getAttribute('href');
  expect(href).not.toContain('embed');
  expect(href).toContain('map=7.50');
  await page.screenshot({ path: `${SHOTS}/explore-embed.png` });
});

test('copy link puts the current URL, with view and selection, on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./#map=8.00/30.5000/104.3000&sel=rail-s3-ziyang');
  await planReady(page);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('已复制');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain('sel=rail-s3-ziyang');
  expect(text).toContain('map=8.00/30.5000/104.3000');
});

test('phone layout: nothing overflows, the card is a bottom sheet', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./#sel=road-chengzi-avenue');
  await planReady(page);
  const card = page.locator('aside.card');
  await expect(card).toBeVisible();
  const box = await card.boundingBox();
  expect(box!.y + box!.height).toBeGreaterThan(800); // docked to the bottom
  expect(box!.width).toBeGreaterThan(360);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Every panel and the map itself fit the screen's width (overflow: hidden would hide it otherwise).
  const widest = await page.evaluate(() =>
    Math.max(...['.stage', 'aside.card', 'header'].map((s) => document.querySelector(s)?.getBoundingClientRect().right ?? 0)),
  );
  expect(widest).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SHOTS}/explore-phone.png` });
});

// ---------------------------------------------------------------- corridors drawn with deck.gl

const MAP_CLIP = { x: 330, y: 60, width: 880, height: 640 };

/** Pixels that differ between two screenshots (in the page: decode, compare), as page coordinates. */
async function changedPixels(page: Page, a: Buffer, b: Buffer): Promise<{ x: number; y: number }[]> {
  return page.evaluate(
    async ({ a, b, clip }) => {
      const load = async (s: string) => {
        const ctx = await window.__decodePng!(s);
        return ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height);
      };
      const [da, db] = [await load(a), await load(b)];
      const out: { x: number; y: number }[] = [];
      for (let i = 0; i < da.data.length; i += 4) {
        const d = Math.abs(da.data[i] - db.data[i]) + Math.abs(da.data[i + 1] - db.data[i + 1]) + Math.abs(da.data[i + 2] - db.data[i + 2]);
        if (d > 40) out.push({ x: clip.x + ((i / 4) % da.width), y: clip.y + Math.floor(i / 4 / da.width) });
      }
      return out;
    },
    { a: await usePngDecoder(page, a), b: await usePngDecoder(page, b), clip: MAP_CLIP },
  );
}

/** Share of the points within `px` pixels of the flow's pulse (or band) lines on screen. */
async function shareNear(page: Page, points: { x: number; y: number }[], which: 'pulses' | 'bands', px: number): Promise<number> {
  return page.evaluate(
    ({ points, which, px }) => {
      const map = window.__atlasMap!;
      const top = map.getContainer().getBoundingClientRect().top;
      const segs: [number, number, number, number][] = [];
      for (const path of window.__atlas!.flow!()!.drawn()[which]) {
        const pts = path.map((c) => map.project(c as [number, number]));
        for (let i = 1; i < pts.length; i++) segs.push([pts[i - 1].x, pts[i - 1].y + top, pts[i].x, pts[i].y + top]);
      }
      const near = (p: { x: number; y: number }) =>
        segs.some(([x1, y1, x2, y2]) => {
          const dx = x2 - x1, dy = y2 - y1;
          const t = Math.max(0, Math.min(1, ((p.x - x1) * dx + (p.y - y1) * dy) / (dx * dx + dy * dy || 1)));
          return Math.hypot(p.x - (x1 + t * dx), p.y - (y1 + t * dy)) <= px;
        });
      return points.length ? points.filter(near).length / points.length : 0;
    },
    { points, which, px },
  );
}

const flowState = (page: Page) =>
  page.evaluate(() => {
    const f = window.__atlas!.flow?.();
    return f ? { pulses: f.pulseCount, bands: f.bandCount, running: f.running } : null;
  });

test('corridors: pulses run along rail in service, axes are wide bands; toggle, year and reduced motion change them', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./#flow=1&map=7.60/30.2000/104.7000');
  await planReady(page);
  await page.waitForFunction(() => (window.__atlas!.flow?.()?.pulseCount ?? 0) > 0);
  const on = (await flowState(page))!;
  expect(on.running).toBe(true);
  expect(on.bands).toBeGreaterThan(0);

  // the pulses move: two frames apart differ, and only along rail lines that run
  const a = await page.screenshot({ clip: MAP_CLIP });
  let moved: { x: number; y: number }[] = [];
  await expect.poll(async () => (moved = await changedPixels(page, a, await page.screenshot({ clip: MAP_CLIP }))).length).toBeGreaterThan(200);
  expect(await shareNear(page, moved, 'pulses', 5)).toBeGreaterThan(0.97);
  await page.screenshot({ path: `${SHOTS}/explore-corridor-flow.png` });
  await expect(page.locator('[data-legend-flow="pulses"]')).toBeVisible();
  await expect(page.locator('[data-legend-flow="bands"]')).toBeVisible();

  // the toggle stops the pulses; the bands stay, drawn by deck.gl along the axes
  await page.getByText('筛选与区域').click();
  await page.locator('[data-flow-toggle]').uncheck();
  await expect(page).toHaveURL(/flow=0/);
  await page.waitForFunction(() => window.__atlas!.flow!()!.pulseCount === 0);
  expect((await flowState(page))!.running).toBe(false);
  await expect(page.locator('[data-legend-flow="pulses"]')).toHaveCount(0);
  await page.getByText('筛选与区域').click();
  await expect(page.locator('[data-flow-toggle]')).toBeHidden();
  await mapIdle(page);
  await frames(page);
  const withDeck = await page.screenshot({ clip: MAP_CLIP });
  await page.evaluate(() => ((document.getElementById('deckgl-overlay') as HTMLElement).style.visibility = 'hidden'));
  const withoutDeck = await page.screenshot({ clip: MAP_CLIP });
  await page.evaluate(() => ((document.getElementById('deckgl-overlay') as HTMLElement).style.visibility = ''));
  const banded = await changedPixels(page, withDeck, withoutDeck);
  expect(banded.length).toBeGreaterThan(2000);
  // widthMaxPixels 26: half a band plus the rounded joins
  expect(await shareNear(page, banded, 'bands', 15)).toBeGreaterThan(0.97);

  // the year: fewer rail lines ran in 2015 than in 2025
  const pulsesAt = async (year: number) => {
    await page.goto(`./#flow=1&year=${year}&map=7.60/30.2000/104.7000`);
    await planReady(page);
    await page.waitForFunction(() => (window.__atlas!.flow?.()?.pulseCount ?? 0) > 0);
    return (await flowState(page))!.pulses;
  };
  expect(await pulsesAt(2015)).toBeLessThan(await pulsesAt(2025));

  // reduced motion: pulses stand still
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./#flow=1&map=7.60/30.2000/104.7000');
  await planReady(page);
  await page.waitForFunction(() => (window.__atlas!.flow?.()?.pulseCount ?? 0) > 0);
  expect((await flowState(page))!.running).toBe(false);
  const c = await page.screenshot({ clip: MAP_CLIP });
  await frames(page, 20); // time for a running animation to show (it moves within a few frames above)
  expect((await changedPixels(page, c, await page.screenshot({ clip: MAP_CLIP }))).length).toBe(0);
  expect(errors).toEqual([]);
});

test('opacity by kind fades one kind, travels in the URL, and the overview hides local points', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./#map=6.40/30.2000/105.2000');
  await planReady(page);
  // overview: parks, eco sites and towns are not drawn as points below zoom 7; hubs are
  const pointKinds = () =>
    page.evaluate(async () => {
      await window.__atlas!.mapView.idle();
      return [...new Set(window.__atlasMap!.queryRenderedFeatures({ layers: ['plan-point'] }).map((f) => f.properties.kind as string))].sort();
    });
  const overview = await pointKinds();
  expect(overview).toContain('hub');
  for (const k of ['park', 'eco', 'town']) expect(overview).not.toContain(k);
  await page.evaluate(() => window.__atlasMap!.jumpTo({ zoom: 8.2, center: [104.4, 30.4] }));
  const close = await pointKinds();
  expect(close).toEqual(expect.arrayContaining(['hub', 'park']));

  // fade the urban clusters only: their fill opacity drops to a fifth, pilot zones keep theirs
  const fillOpacity = (kind: string) =>
    page.evaluate((kind) => {
      const map = window.__atlasMap!;
      const f = map.queryRenderedFeatures({ layers: ['plan-area-fill'] }).find((x) => x.properties.kind === kind)!;
      // the layer's paint evaluated for that feature at the current zoom
      const layer = map.style._layers['plan-area-fill'] as unknown as { paint: { get: (p: string) => { evaluate: (f: unknown, s: unknown) => number } } };
      return layer.paint.get('fill-opacity').evaluate(f, {});
    }, kind);
  const before = { cluster: await fillOpacity('urbanCluster'), pilot: await fillOpacity('pilotZone') };
  expect(before.cluster).toBeGreaterThan(0);
  await page.getByText('筛选与区域').click();
  await page.getByText('分类不透明度').click();
  const slider = page.locator('[data-opacity="urbanCluster"]');
  await expect(slider).toHaveAccessibleName('城市组团不透明度');
  await slider.fill('0.2');
  await slider.dispatchEvent('change');
  await expect.poll(() => decodeURIComponent(page.url())).toMatch(/op=1,urbanCluster:0.2/);
  const check = async () => {
    await page.evaluate(() => window.__atlas!.mapView.idle());
    expect((await fillOpacity('urbanCluster')) / before.cluster).toBeCloseTo(0.2, 5);
    expect((await fillOpacity('pilotZone')) / before.pilot).toBeCloseTo(1, 5);
  };
  await check();
  await page.screenshot({ path: `${SHOTS}/explore-opacity-by-kind.png` });
  await page.reload();
  await planReady(page);
  await check();
});
