// Residents on phones (issue 11): 390×844 with touch. Search as a full-screen sheet, the place page,
// the tap chooser, locate-me, accessibility with target sizes, a shared link.
import { test, expect, type Page } from '@playwright/test';
import { AXE_PATH, SHOTS, mapIdle, watchConsole } from './helpers.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    type Axe = { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const r = await axe.run(document, { rules: { 'target-size': { enabled: true } } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A comparison's side names cover neither the layer panel's heading nor the map's zoom buttons, nor each other. */
async function expectSideNamesClear(page: Page): Promise<void> {
  const names = [page.locator('[data-compare-label="a"]'), page.locator('[data-compare-label="b"]')];
  for (const n of names) await expect(n).toBeVisible();
  const [a, b] = await Promise.all(names.map(async (n) => (await n.boundingBox())!));
  const heading = (await page.locator('.left summary').first().boundingBox())!;
  const zoom = (await page.locator('.stage > .map .maplibregl-ctrl-top-right').first().boundingBox())!;
  for (const [side, box] of [['a', a], ['b', b]] as const) {
    expect(intersects(box, heading), `side ${side} ${JSON.stringify(box)} over the layer heading ${JSON.stringify(heading)}`).toBe(false);
    expect(intersects(box, zoom), `side ${side} ${JSON.stringify(box)} over the zoom buttons ${JSON.stringify(zoom)}`).toBe(false);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  }
  expect(intersects(a, b)).toBe(false);
}

test('search right after load: a full-screen sheet; 施家 → the first result → 施家镇; sjz and shijia too', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  // no wait for the plan data: a resident types at once
  const box = page.getByRole('combobox');
  await box.tap();
  await box.fill('施家');
  const sheet = page.locator('.search.open');
  await expect(sheet).toBeVisible();
  const sheetBox = (await sheet.boundingBox())!;
  expect(sheetBox.width).toBeGreaterThanOrEqual(389);
  expect(sheetBox.height).toBeGreaterThanOrEqual(843);
  const first = page.getByRole('option').first();
  // the index is rebuilt when the plan arrives: 施家镇 becomes a place with geometry
  await expect(first).toHaveAttribute('data-geometry', 'true');
  await expect(first).toContainText('施家镇');
  // the row is on top of everything: the point at its centre belongs to it
  const r = (await first.boundingBox())!;
  expect(r.height).toBeGreaterThanOrEqual(44);
  const onTop = await page.evaluate(([x, y]) => !!document.elementFromPoint(x, y)?.closest('[role=option]'), [r.x + r.width / 2, r.y + r.height / 2]);
  expect(onTop).toBe(true);
  await page.screenshot({ path: `${SHOTS}/phone-search-sheet.png` });
  for (const q of ['sjz', 'shijia']) {
    await box.fill(q);
    await expect(page.getByRole('option').first(), q).toContainText('施家镇');
  }
  await box.fill('施家');
  await page.getByRole('option').first().tap();
  // the place page: 施家镇 outlined, what lies within 5 km with distances, status and years
  const panel = page.locator('#place-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 })).toContainText('施家镇');
  await expect(panel).toContainText('简阳市');
  const rows = panel.locator('li[data-nearby]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(1);
  // schematic neighbours: distances marked ≈ and an "approximate position" badge
  const firstRow = await rows.first().innerText();
  expect(firstRow).toMatch(/约|就在此处|\d+(\.\d)? ?(米|公里)/);
  await expect(panel.locator('[data-approx="true"]').first()).toBeVisible();
  await expect(panel.getByText('位置示意').first()).toBeVisible();
  // 10 km holds at least as many; by year sorts dated ones first
  const at5 = await rows.count();
  await panel.locator('[data-radius="10"]').tap();
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(at5);
  await panel.getByRole('button', { name: '按年份' }).tap();
  await expect(panel.getByRole('button', { name: '按年份' })).toHaveAttribute('aria-pressed', 'true');
  // the map framed the place above the sheet: the map's centre lies in 简阳
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const v = await page.evaluate(() => window.__atlas!.mapView.getView());
  expect(v.lon).toBeGreaterThan(104.2);
  expect(v.lon).toBeLessThan(104.9);
  await page.screenshot({ path: `${SHOTS}/phone-place.png` });
  // a row opens its card over the page; closing the card shows the page again
  await rows.first().locator('button').tap();
  await expect(page.locator('aside.card')).toBeVisible();
  await expect(panel).toBeHidden();
  await page.locator('aside.card button.close').tap();
  await expect(panel).toBeVisible();
  // Escape closes the page
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  expect(errors).toEqual([]);
});

test('locate me: an emulated position marks it, moves the map there and lists what is near', async ({ page, context }) => {
  // 简阳 near 简州新城 (WGS84)
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ longitude: 104.55, latitude: 30.39, accuracy: 30 });
  await page.goto('./');
  await mapIdle(page);
  await page.waitForFunction(() => !!window.__atlasMap!.getLayer('plan-point'));
  const locate = page.locator('[data-locate]');
  const lb = (await locate.boundingBox())!;
  expect(lb.width).toBeGreaterThanOrEqual(44);
  expect(lb.height).toBeGreaterThanOrEqual(44);
  await locate.tap();
  const panel = page.locator('#place-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('我的位置');
  await expect(panel).toContainText('30 米');
  await panel.locator('[data-radius="10"]').tap();
  await expect(panel.locator('li[data-nearby]').first()).toBeVisible();
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const v = await page.evaluate(() => window.__atlas!.mapView.getView());
  expect(Math.abs(v.lon - 104.55)).toBeLessThan(0.2);
  // the position is above the sheet: it projects into the upper part of the map
  const y = await page.evaluate(() => window.__atlasMap!.project([104.55, 30.39]).y);
  const sheetTop = (await panel.boundingBox())!.y - (await page.locator('main').boundingBox())!.y;
  expect(y).toBeLessThan(sheetTop);
  await page.screenshot({ path: `${SHOTS}/phone-locate.png` });
});

test('axe: no violations, target sizes included, on the phone home view and with the search sheet open', async ({ page }) => {
  await page.goto('./');
  await mapIdle(page);
  await page.waitForFunction(() => !!window.__atlasMap!.getLayer('plan-point'));
  await page.screenshot({ path: `${SHOTS}/phone-home.png` });
  expect(await axeViolations(page), 'home').toEqual([]);
  await page.getByRole('combobox').tap();
  await page.getByRole('combobox').fill('简阳');
  await expect(page.getByRole('option').first()).toBeVisible();
  expect(await axeViolations(page), 'search sheet').toEqual([]);
  // the menu: every item reachable, 44 px tall
  await page.getByRole('button', { name: /取消/ }).tap();
  await page.getByRole('button', { name: /菜单/ }).tap();
  const items = page.locator('#main-menu button');
  for (const b of await items.all()) {
    await expect(b).toBeInViewport();
    expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }
  expect(await axeViolations(page), 'menu').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.locator('#main-menu')).toBeHidden();
  await expect(page.getByRole('button', { name: /菜单/ })).toBeFocused();
});

test('Escape closes every panel and the list view; focus returns to the opener (the menu button on a phone); axe with the filters open', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await mapIdle(page);
  await page.waitForFunction(() => !!window.__atlasMap!.getLayer('plan-point'));
  // the folding sections of the left column: Escape folds them and focuses their summary
  for (const [name, sel] of [['layers', '.left details.panel'], ['filters', 'details.box'], ['legend', 'details.legend']] as const) {
    const details = page.locator(sel).first();
    const summary = details.locator(':scope > summary');
    if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) await summary.tap();
    await expect(details, name).toHaveJSProperty('open', true);
    if (name === 'filters') {
      await page.screenshot({ path: `${SHOTS}/phone-filters.png` });
      expect(await axeViolations(page), 'filters open').toEqual([]);
    }
    await summary.focus();
    await page.keyboard.press('Escape');
    await expect(details, name).toHaveJSProperty('open', false);
    await expect(summary, name).toBeFocused();
  }
  // the menu's panels: open from the menu, Escape closes, focus goes back to the menu button
  const menu = page.getByRole('button', { name: /菜单/ });
  const panels = [
    ['about', '#main-menu button[aria-controls="about-panel"]', '#about-panel'],
    ['analysis', '#main-menu [data-tool="analysis"]', '[data-panel="analysis"]'],
    ['workspace', '#main-menu [data-tool="workspace"]', '[data-testid="workspace-panel"]'],
    ['story', '#main-menu [data-tool="story"]', 'section[aria-labelledby="story-panel-title"]'],
    ['indicators', '#main-menu [data-tool="indicators"]', '#indicators-panel'],
    ['list view', '#main-menu [data-tool="list"]', '#list-view'],
  ] as const;
  for (const [name, item, panel] of panels) {
    await menu.tap();
    await page.locator(item).tap();
    await expect(page.locator(panel), name).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator(panel), name).toBeHidden();
    await expect(menu, name).toBeFocused();
  }
  expect(errors).toEqual([]);
});

test('one Escape closes only what lies on top: the list view over a comparison, then the comparison (390×844)', async ({ page }) => {
  const errors = watchConsole(page);
  // opened in this order through the link: the comparison, then the list view over it
  await page.goto('./#map=7.60/30.0000/104.9000&display=list&compare=region:chengdu,neizi');
  await mapIdle(page);
  const list = page.locator('#list-view');
  const sideB = page.locator('[data-compare-side="b"]');
  await expect(list).toBeVisible();
  await expect(sideB).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/phone-list-over-compare.png` });
  await expectSideNamesClear(page);
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  // the comparison is still there after that Escape (not ended by the same key press)
  await expect(sideB).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toContain('compare=region:chengdu,neizi');
  await page.keyboard.press('Escape');
  await expect(sideB).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).not.toContain('compare=');
  expect(errors).toEqual([]);
});

test.describe('360×740', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test('a comparison names its sides without covering the layer panel or the zoom buttons, swiped and side by side', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto('./#map=7.60/30.0000/104.9000&compare=region:chengdu,neizi');
    await mapIdle(page);
    await expectSideNamesClear(page);
    await page.screenshot({ path: `${SHOTS}/phone-compare-360.png` });
    // the panel's side pickers stay inside it
    const panel = (await page.locator('[data-compare="panel"]').boundingBox())!;
    for (const pick of await page.locator('[data-compare-side-pick]').all()) {
      const box = (await pick.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width);
    }
    await page.locator('[data-compare-mode="sideBySide"]').check();
    await expect(page.locator('[data-compare-label="a"].beside')).toBeVisible();
    await expectSideNamesClear(page);
    await page.screenshot({ path: `${SHOTS}/phone-compare-beside-360.png` });
    expect(errors).toEqual([]);
  });
});

test('the text catalog one language at a time: Chinese first, English from a link at once, the switch works', async ({ page }) => {
  const errors = watchConsole(page);
  const texts: string[] = [];
  page.on('request', (r) => {
    const m = /assets\/(zh|en)-[\w-]+\.js$/.exec(r.url());
    if (m) texts.push(m[1]);
  });
  await page.goto('./');
  const box = page.getByRole('combobox');
  await expect(box).toHaveAttribute('placeholder', /简阳/);
  // the UI's language came first (preloaded by index.html); the other follows after the first render
  expect(texts[0]).toBe('zh');
  await expect.poll(() => texts).toContain('en');
  await page.getByRole('button', { name: '菜单' }).tap();
  await page.getByRole('button', { name: 'English', exact: true }).tap();
  await expect(box).toHaveAttribute('placeholder', /Jianyang/);
  await expect(page.getByRole('button', { name: 'Menu' })).toBeVisible();

  // a link in English shows English from its first frame: no key and no Chinese before it
  const fresh = await page.context().newPage();
  await fresh.addInitScript(() => localStorage.clear());
  await fresh.goto('./#lang=en');
  const first = fresh.getByRole('combobox');
  await first.waitFor();
  expect(await first.getAttribute('placeholder')).toMatch(/^Search/);
  expect(errors).toEqual([]);
});

test('a tap on stacked zones near 简阳 lists them ("n here"); each can be chosen', async ({ page }) => {
  await page.goto('./#map=9.50/30.3900/104.5500');
  await mapIdle(page);
  await page.waitForFunction(() => !!window.__atlasMap!.getLayer('plan-area-fill'));
  await page.evaluate(() => window.__atlas!.mapView.idle());
  // the uncovered map point with the most elements under a finger
  const spot = await page.evaluate(() => {
    const view = window.__atlas!.mapView;
    const rect = window.__atlasMap!.getCanvas().getBoundingClientRect();
    let best = { x: 0, y: 0, n: 0 };
    for (let y = 280; y < 420; y += 12)
      for (let x = 40; x < rect.width - 70; x += 12) {
        if (!document.elementFromPoint(rect.x + x, rect.y + y)?.classList.contains('maplibregl-canvas')) continue;
        const n = view.planAt(x, y, 10).length;
        if (n > best.n) best = { x: rect.x + x, y: rect.y + y, n };
      }
    return best;
  });
  expect(spot.n).toBeGreaterThan(2);
  await page.touchscreen.tap(spot.x, spot.y);
  const chooser = page.getByTestId('tap-chooser');
  await expect(chooser).toBeVisible();
  await expect(chooser.getByRole('heading')).toContainText('此处有');
  const rows = chooser.locator('[data-choose]');
  expect(await rows.count()).toBeGreaterThan(2);
  await page.screenshot({ path: `${SHOTS}/phone-chooser.png` });
  const id = await rows.nth(1).getAttribute('data-choose');
  await rows.nth(1).tap();
  await expect(chooser).toBeHidden();
  await expect(page.locator(`aside.card[data-element="${id}"]`)).toBeVisible();
});

test('the four elements placed only "in 简阳" (3 km around its label point): one tap offers all four; zoomed in each is tapped alone', async ({ page }) => {
  // the data spreads them (slot n of 4 at 0°/90°/180°/270°, data/plan/chengdu-metro.json); under a finger at
  // county zoom they still overlap, so the chooser lists them all
  const STACK = ['cluster-jianzhou-new-city', 'eco-zhangjiayan-reservoir', 'park-jianzhou-goat', 'station-jianzhou'];
  await page.goto('./#map=8.50/30.4140/104.5448');
  await mapIdle(page);
  await page.waitForFunction(() => !!window.__atlasMap!.getLayer('plan-point'));
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const at = await page.evaluate(() => {
    const p = window.__atlasMap!.project([104.54482, 30.41401]);
    const r = window.__atlasMap!.getCanvas().getBoundingClientRect();
    return { x: r.x + p.x, y: r.y + p.y, free: document.elementFromPoint(r.x + p.x, r.y + p.y)?.classList.contains('maplibregl-canvas') };
  });
  expect(at.free).toBe(true);
  await page.touchscreen.tap(at.x, at.y);
  const chooser = page.getByTestId('tap-chooser');
  await expect(chooser).toBeVisible();
  const ids = await chooser.locator('[data-choose]').evaluateAll((els) => els.map((e) => e.getAttribute('data-choose')));
  for (const id of STACK) expect(ids, id).toContain(id);
  await page.screenshot({ path: `${SHOTS}/phone-chooser-jianyang.png` });
  await chooser.locator('[data-choose="eco-zhangjiayan-reservoir"]').tap();
  await expect(page.locator('aside.card[data-element="eco-zhangjiayan-reservoir"]')).toBeVisible();
  // zoomed in (z13: 3 km ≈ 250 px) each point is alone under a finger
  await page.goto('./#map=13.00/30.4140/104.5448');
  await mapIdle(page);
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const alone = await page.evaluate((stack) => {
    const pts: Record<string, [number, number]> = {
      'cluster-jianzhou-new-city': [104.54482, 30.44099],
      'eco-zhangjiayan-reservoir': [104.57611, 30.41401],
      'park-jianzhou-goat': [104.54482, 30.38703],
      'station-jianzhou': [104.51354, 30.41401],
    };
    const view = window.__atlas!.mapView;
    return stack.map((id) => {
      const p = window.__atlasMap!.project(pts[id]);
      return view.planAt(p.x, p.y, 10).filter((h) => stack.includes(h.id)).map((h) => h.id);
    });
  }, STACK);
  expect(alone).toEqual(STACK.map((id) => [id]));
});

test('a shared link to 简州站 opens with the station above the card', async ({ page }) => {
  // a desktop user's link: the view centres the station, which on a phone would sit under the card
  await page.goto('./#map=10.00/30.3000/104.5500&sel=station-jianzhou');
  await mapIdle(page);
  const card = page.locator('aside.card[data-element="station-jianzhou"]');
  await expect(card).toBeVisible();
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const at = await page.evaluate(() => {
    const f = window.__atlasMap!.querySourceFeatures('plan').find((x) => x.properties.id === 'station-jianzhou');
    const c = (f!.geometry as GeoJSON.Point).coordinates as [number, number];
    const p = window.__atlasMap!.project(c);
    const r = window.__atlasMap!.getCanvas().getBoundingClientRect();
    return { x: p.x + r.x, y: p.y + r.y };
  });
  const cardTop = (await card.boundingBox())!.y;
  expect(at.y).toBeLessThan(cardTop);
  expect(at.y).toBeGreaterThan(100);
  expect(at.x).toBeGreaterThan(0);
  expect(at.x).toBeLessThan(390);
  await page.screenshot({ path: `${SHOTS}/phone-shared-link.png` });
});

test('the card in plain Chinese: document titles, OpenStreetMap (ODbL), accuracy in words, no file names or row ids', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./#sel=station-chengdu-east');
  const card = page.locator('aside.card[data-element="station-chengdu-east"]');
  await expect(card).toBeVisible();
  await expect(card.locator('[data-accuracy="located"]')).toContainText('位置有出处');
  await expect(card).toContainText('OpenStreetMap（ODbL）');
  await expect(card).toContainText('《资阳市雁江区贯彻落实〈成都都市圈发展规划〉重点任务责任分工方案》');
  await expect(card).toContainText('本项目从公开网页整理的资料');
  const text = await card.innerText();
  expect(text).not.toMatch(/gazetteer|地名表|\.csv|\.geojson|\bseed\b|§|\b[A-Z]{2,3}-?\d{2,3}\b/i);
  await page.screenshot({ path: `${SHOTS}/phone-card-plain.png` });
  // a schematic point says so in words
  await page.goto('./#sel=station-jianzhou');
  const jz = page.locator('aside.card[data-element="station-jianzhou"] [data-accuracy="schematic"]');
  await expect(jz).toContainText('位置示意 — 资料只说明大致在哪里');
  expect(errors).toEqual([]);
});

test('share the place page: no share sheet → link copied, QR code, WeChat hint; the link opens the same place', async ({ page, context }) => {
  const errors = watchConsole(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // like WeChat's browser or a desktop: no navigator.share
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'share', { value: undefined, configurable: true }));
  await page.goto('./');
  const box = page.getByRole('combobox');
  await box.tap();
  await box.fill('施家');
  await expect(page.getByRole('option').first()).toHaveAttribute('data-geometry', 'true');
  await page.getByRole('option').first().tap();
  const panel = page.locator('#place-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toContainText('施家镇');
  await expect(page).toHaveTitle('简阳市施家镇 · 同城图集');
  await expect(page).toHaveURL(/place=element%3Atown-shijia/);
  const rows = panel.locator('li[data-nearby]');
  await expect(rows.first()).toBeVisible();
  const listed = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-nearby')));
  // the map's flight to the place ends first: a link copied mid-flight names the camera of that moment
  await mapIdle(page);

  const share = panel.locator('[data-share]');
  await share.tap();
  const sheet = page.locator('[data-share-panel]');
  await expect(sheet).toBeVisible();
  await expect(sheet.locator('[data-copied="true"]')).toHaveText('链接已复制。');
  await expect(sheet.locator('[data-share-qr]')).toBeVisible();
  await expect(sheet).toContainText('点右上角“…”，再点“发送给朋友”');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());
  await expect(sheet.locator('[data-share-link]')).toHaveText(link);
  await page.screenshot({ path: `${SHOTS}/phone-share.png` });
  // Escape closes the sharing panel only, and focus goes back to the button
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(panel).toBeVisible();
  await expect(share).toBeFocused();

  // a friend opens the link
  const friend = await context.newPage();
  await friend.goto(link);
  const friendPanel = friend.locator('#place-panel');
  await expect(friendPanel.getByRole('heading', { level: 2 })).toContainText('施家镇');
  await expect(friendPanel).toContainText('简阳市');
  await expect(friendPanel.locator('li[data-nearby]').first()).toBeVisible();
  expect(await friendPanel.locator('li[data-nearby]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nearby')))).toEqual(listed);
  await expect(friend).toHaveTitle('简阳市施家镇 · 同城图集');
  expect(errors).toEqual([]);
});

test('share from the card with a system share sheet: navigator.share gets the title and the link', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { shared: unknown[] };
    w.shared = [];
    Object.defineProperty(Navigator.prototype, 'share', { value: (data: unknown) => (w.shared.push(data), Promise.resolve()), configurable: true });
  });
  await page.goto('./#sel=station-chengdu-east');
  const card = page.locator('aside.card[data-element="station-chengdu-east"]');
  await expect(card).toBeVisible();
  await expect(page).toHaveTitle('成都东站 · 同城图集');
  await card.locator('[data-share]').tap();
  await expect.poll(() => page.evaluate(() => (window as unknown as { shared: { title: string; url: string }[] }).shared)).toEqual([
    { title: '成都东站 · 同城图集', url: page.url() },
  ]);
  await expect(page.locator('[data-share-panel]')).toHaveCount(0);
});

test('year slider "as planned for 2030": target years count as expected, drawn dotted, explained, in the link', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./#map=8.00/30.6000/104.3000');
  await mapIdle(page);
  await page.getByTestId('year-toggle').check();
  await page.getByRole('slider', { name: '按年份查看' }).fill('2030');
  await expect(page.locator('output[data-year="2030"]')).toBeVisible();
  const toggle = page.getByTestId('expected-toggle');
  await expect(toggle).toBeVisible();
  await toggle.check();
  const caption = page.locator('[data-expected-count]');
  await expect(caption).toContainText('不代表已经建成');
  expect(Number(await caption.getAttribute('data-expected-count'))).toBeGreaterThanOrEqual(5);
  await expect(page).toHaveURL(/expect=1/);
  // the map draws them in their own layer; 成达万高铁 (target 2027) is one of them
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const expectedIds = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['plan-line-expected'] }).map((f) => f.properties.id as string));
  expect(expectedIds).toContain('rail-chengdawan-hsr');
  await expect(page.locator('[data-legend-line="expected"]')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/phone-expected-2030.png` });
  // 2026: before its target it is still under construction
  await page.getByRole('slider', { name: '按年份查看' }).fill('2026');
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const in2026 = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['plan-line-expected'] }).map((f) => f.properties.id as string));
  expect(in2026).not.toContain('rail-chengdawan-hsr');
  // points and areas too: expected ones get their own ring / dotted outline layer
  await page.getByRole('slider', { name: '按年份查看' }).fill('2030');
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const expectedShapes = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['plan-point-expected', 'plan-area-expected'] }).map((f) => f.layer.id));
  expect(expectedShapes.length).toBeGreaterThan(0);
  // the place page in the same mode: rows marked expected, and the sentence counts the same ones
  await page.goto('./#panel=place&place=element%3Atown-shijia&year=2030&expect=1');
  const panel = page.locator('#place-panel');
  await expect(panel.locator('h2')).toContainText('施家镇');
  await panel.locator('[data-radius="10"]').tap();
  const changes = panel.locator('[data-changes-year="2030"]');
  await expect(changes).toContainText('到 2030 年，10 公里内预计建成');
  await expect(changes).toContainText('不代表已经建成');
  const marked = await panel.locator('[data-expected="true"]').count();
  expect(marked).toBeGreaterThan(0);
  expect(Number(await changes.getAttribute('data-changes'))).toBe(marked);
  await page.screenshot({ path: `${SHOTS}/phone-place-expected.png` });
  expect(errors).toEqual([]);
});

test('the deck.gl canvas is no Tab stop and hidden from screen readers', async ({ page }) => {
  // the place page draws its marker through deck.gl
  await page.goto('./#panel=place&place=element%3Atown-shijia');
  await expect(page.locator('#place-panel h2')).toContainText('施家镇');
  await page.evaluate(() => window.__atlas!.mapView.idle());
  const canvases = await page.evaluate(() => {
    const map = window.__atlasMap!.getCanvas();
    return [...document.querySelectorAll('canvas')].filter((c) => c !== map).map((c) => ({ tab: c.getAttribute('tabindex'), hidden: c.getAttribute('aria-hidden') }));
  });
  expect(canvases.length).toBeGreaterThan(0);
  for (const c of canvases) expect(c).toEqual({ tab: '-1', hidden: 'true' });
  // and the place page passes axe, target sizes included
  await expect(page.locator('#place-panel li[data-nearby]').first()).toBeVisible();
  expect(await axeViolations(page), 'place page').toEqual([]);
});

test('before any script arrives the page shows a shell (title, search, preview); the app replaces it', async ({ page }) => {
  const errors = watchConsole(page);
  // hold every script, as a slow network does, until the shell has been checked
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/.+\.m?js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./', { waitUntil: 'commit' });
  const shell = page.locator('.boot-shell');
  await expect(shell).toBeVisible();
  await expect(shell).toContainText('同城图集');
  await expect(shell).toContainText('Tongcheng Atlas');
  await expect(shell.locator('.boot-search')).toBeDisabled();
  await expect.poll(() => shell.locator('.boot-preview').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200);
  // inert: nothing in it can be focused or reached by a screen reader while it stands in for the app
  expect(await shell.evaluate((el: HTMLElement) => el.inert)).toBe(true);
  expect(await page.evaluate(() => window.__atlas === undefined)).toBe(true);
  await page.screenshot({ path: `${SHOTS}/phone-boot-shell.png` });
  release();
  await expect(page.getByRole('combobox')).toBeVisible({ timeout: 60_000 });
  await expect(shell).toHaveCount(0);
  await mapIdle(page);
  expect(errors).toEqual([]);
});
