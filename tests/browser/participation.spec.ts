// The app served by the participation server (server/main.ts), under its CSP: it loads and draws the map with no
// CSP violation, and the API answers beside it. The server runs as a child process on its own loopback port.
import { expect, test } from '@playwright/test';
import { canvasStats, mapIdle, SHOTS } from './helpers.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir, startServer, type ServerProcess } from '../../scripts/bench/participation.ts';

const DIST = process.env.PW_DIST ?? 'dist';
const PORT = Number(process.env.PW_API_PORT ?? 8798);
const MOD = { name: 'wang.li', password: 'a long test password 42' };
let srv: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
  // The moderator is made by the CLI before the server opens the embedded store (PGlite serves one process).
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-pw-'));
  execFileSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'add-moderator', MOD.name], { input: MOD.password, env: { ...process.env, DATA_DIR: dataDir } });
  srv = await startServer(PORT, { DIST_DIR: DIST, RATE_LIMIT: 'on', DATA_DIR: dataDir });
});
test.afterAll(async () => {
  await srv?.stop();
  if (dataDir) removeDir(dataDir);
});

/** The moderator's session for API calls from the test (cookie + CSRF token): POST with a body, GET without. */
async function modApi() {
  const login = await fetch(`${srv.base}/api/mod/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MOD) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrf } = (await login.json()) as { csrf: string };
  return (path: string, body?: object) =>
    body === undefined
      ? fetch(`${srv.base}/api/${path}`, { headers: { cookie } })
      : fetch(`${srv.base}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify(body) });
}
const post = async (path: string, body: object) =>
  (await (await fetch(`${srv.base}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { id: number; receipt: string; count?: number };
const cid = () => `pw-${Math.random().toString(36).slice(2, 12)}`;

test('the app runs under the server CSP without violations, and the API answers beside it', async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction('reportCsp', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCsp: (v: string) => void }).reportCsp(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const res = await page.goto(`${srv.base}/`);
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await mapIdle(page);
  // A drawn map, not a blank canvas: the basemap's many colours, no single colour covering it.
  const stats = await canvasStats(page);
  expect(stats.distinctColours).toBeGreaterThan(20);
  expect(stats.dominantShare).toBeLessThan(0.9);
  await page.screenshot({ path: `${SHOTS}/participation-csp.png` });
  const health = await page.evaluate(async () => (await fetch('./api/health')).json());
  expect(health).toMatchObject({ ok: true, participation: true, store: 'pglite' });
  expect(violations).toEqual([]);
  expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
});

test('with the app’s service worker in control, an /api/ address still reaches the server', async ({ page }) => {
  test.setTimeout(240_000);
  await page.addInitScript(() => localStorage.setItem('tongcheng-atlas.sw', '1')); // opt in under webdriver (src/pwa/register.ts)
  await page.goto(`${srv.base}/`);
  await page.waitForFunction(() => window.__atlasOffline?.state === 'ready', null, { timeout: 180_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const api = await page.goto(`${srv.base}/api/health`);
  expect(api?.headers()['content-type']).toContain('application/json');
  expect(await api?.json()).toMatchObject({ ok: true, participation: true });
});

test('a resident leaves a suggestion on an element’s card and gets a receipt the API knows', async ({ page }) => {
  await page.goto(`${srv.base}/#sel=road-chengzi-avenue`);
  const card = page.locator('aside.card[data-element="road-chengzi-avenue"]');
  await expect(card).toBeVisible();
  await card.getByTestId('suggest-open').click();
  await card.getByLabel('担忧').check();
  const text = '<b>夜间</b>噪声太大，建议加装隔音屏';
  await card.locator('textarea').fill(text);
  await card.locator('input[type="text"]').fill('13800000000');
  await card.getByRole('button', { name: '提交' }).click();
  const receiptLine = card.getByTestId('suggest-receipt');
  await expect(receiptLine).toContainText('回执码');
  await page.screenshot({ path: `${SHOTS}/participation-receipt.png` });
  const code = (await receiptLine.textContent())!.match(/[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}/)![0];
  const rec = await (await fetch(`${srv.base}/api/suggestions/${code}`)).json();
  expect(rec).toMatchObject({ status: 'pending', category: 'concern', text, elementId: 'road-chengzi-avenue' });
  expect(JSON.stringify(rec)).not.toContain('13800000000');
});

test('the static build alone (no /api) shows the card without participation', async ({ page }) => {
  await page.goto('./#sel=road-chengzi-avenue');
  const card = page.locator('aside.card[data-element="road-chengzi-avenue"]');
  await expect(card).toBeVisible();
  // The app's probe of /api/health has answered (vite preview serves a page there, not the server): nothing shown.
  await expect(card.getByTestId('participation-off')).toBeAttached();
  await expect(card.getByTestId('suggest-open')).toHaveCount(0);
});

test.describe('on a phone (390×844, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a resident pins a suggestion by tapping the map, follows it and finds the receipt under “my comments”', async ({ page }) => {
    await page.goto(`${srv.base}/#sel=road-chengzi-avenue`);
    const card = page.locator('aside.card[data-element="road-chengzi-avenue"]');
    await expect(card).toBeVisible();
    await mapIdle(page);
    await card.getByTestId('suggest-open').tap();
    await card.getByLabel('疑问').check();
    const text = '<img src=x onerror=alert(1)> 什么时候通车？';
    await card.locator('textarea').fill(text);
    await card.getByLabel('在地图上选一个位置').check();
    await expect(card.getByTestId('suggest-pick-status')).toContainText('尚未选择位置');
    await card.getByTestId('suggest-pick').tap();
    await expect(card.getByTestId('suggest-pick')).toHaveAttribute('aria-pressed', 'true');
    // the map shows a crosshair while picking
    expect(await page.locator('.maplibregl-canvas').evaluate((c) => getComputedStyle(c).cursor)).toBe('crosshair');
    // a tap on the map just above the card (the bottom sheet): the position under the finger becomes the pin
    const cardTop = (await card.boundingBox())!.y;
    const tapAt = { x: 110, y: Math.round(cardTop - 50) };
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.classList.contains('maplibregl-canvas'), tapAt)).toBe(true);
    const expected = await page.evaluate(({ x, y }) => {
      const m = window.__atlasMap!;
      const r = m.getCanvasContainer().getBoundingClientRect();
      const ll = m.unproject([x - r.left, y - r.top]);
      return [ll.lng, ll.lat];
    }, tapAt);
    await page.touchscreen.tap(tapAt.x, tapAt.y);
    await expect(card.getByTestId('suggest-pick')).toHaveAttribute('aria-pressed', 'false');
    const rounded = [Math.round(expected[0] * 1000) / 1000, Math.round(expected[1] * 1000) / 1000];
    await expect(card.getByTestId('suggest-pick-status')).toContainText(`${rounded[0].toFixed(3)}, ${rounded[1].toFixed(3)}（约 100 米取整）`);
    // the tap picked a position and selected nothing: the same element's card, the pin drawn where the finger was
    await expect(page.locator('aside.card')).toHaveAttribute('data-element', 'road-chengzi-avenue');
    const marker = page.getByTestId('suggest-pin-marker');
    await expect(marker).toBeVisible();
    const mb = (await marker.boundingBox())!;
    expect(Math.abs(mb.x + mb.width / 2 - tapAt.x)).toBeLessThan(3);
    expect(Math.abs(mb.y + mb.height - tapAt.y)).toBeLessThan(4); // the pin's point is at the tap
    await page.screenshot({ path: `${SHOTS}/participation-phone-pick.png` });
    await card.getByRole('button', { name: '提交' }).tap();
    const receiptLine = card.getByTestId('suggest-receipt');
    await expect(receiptLine).toContainText('回执码');
    await expect(marker).toHaveCount(0); // sent: the pin goes with the form
    const code = (await receiptLine.textContent())!.match(/[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}/)![0];
    const rec = await (await fetch(`${srv.base}/api/suggestions/${code}`)).json();
    expect(rec).toMatchObject({ status: 'pending', category: 'question', text, elementId: 'road-chengzi-avenue' });
    // stored where it was tapped, rounded to 0.001° (~100 m) because "exact" was not ticked
    expect([rec.lon, rec.lat]).toEqual(rounded);

    await card.getByTestId('suggest-follow').tap();
    await expect(card.getByTestId('suggest-follow')).toHaveAttribute('aria-pressed', 'true');
    await page.screenshot({ path: `${SHOTS}/participation-phone-card.png` });
    await page.getByTestId('mine-open').tap();
    const mine = page.getByTestId('mine-panel');
    await expect(mine).toContainText(code);
    await mine.getByLabel('查询回执码').fill(code.toLowerCase().replace('-', ''));
    await mine.getByRole('button', { name: '查询' }).tap();
    const shown = mine.getByTestId('receipt-result');
    await expect(shown).toContainText('待审核');
    // the text from a user is shown as text: the markup is visible, no <img> element made from it
    await expect(shown).toContainText('<img src=x onerror=alert(1)>');
    await expect(shown.locator('img')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/participation-phone-mine.png` });
    // remembered across a reload (localStorage)
    await page.reload();
    await page.getByTestId('mine-open').tap();
    await expect(page.getByTestId('mine-panel')).toContainText(code);
  });
});

test('a moderator approves in the moderation view; the suggestions then show on the map layer and go into a planner layer', async ({ page }) => {
  test.setTimeout(150_000);
  const send = async (body: object) => (await (await fetch(`${srv.base}/api/suggestions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { id: number; receipt: string };
  const pinned = await send({ category: 'concern', text: '<script>alert(1)</script> 路口太危险', lon: 104.0657, lat: 30.6595, exact: true });
  const onElement = await send({ category: 'support', text: '支持成资大道尽快建成', elementId: 'road-chengzi-avenue' });
  const spam = await send({ category: 'idea', text: '广告广告', lon: 104.2, lat: 30.5 });
  // more than a page of the queue (PAGE = 20), oldest first: the three above are on the first page
  for (let i = 0; i < 20; i++) await send({ category: 'idea', text: `排队的建议 ${i + 1}`, lon: 104.1, lat: 30.6 });
  const api = await modApi();
  const counts = async () => ((await (await api('mod/suggestions?status=pending&limit=1')).json()) as { counts: Record<string, number> }).counts;
  const before = await counts();

  // a planner has the layer on before the moderator decides (same page): it shows nothing of these yet
  await page.goto(`${srv.base}/`);
  await mapIdle(page);
  await page.getByTestId('participation-layer').check();
  await page.waitForFunction(() => window.__atlasParticipationLayer?.().shown);
  const shownBefore = await page.evaluate(() => window.__atlasParticipationLayer!().points);
  await page.evaluate(() => (location.hash = '#mod=1'));
  const mod = page.getByTestId('moderation');
  await expect(mod).toBeVisible();
  await mod.getByLabel('用户名').fill(MOD.name);
  await mod.getByLabel('密码').fill(MOD.password);
  await mod.getByRole('button', { name: '登录' }).click();
  await expect(mod).toContainText(`当前审核员：${MOD.name}`);
  // counts per status on the tabs; one page shown, the rest by "load more" (keyset: nothing twice)
  const tab = (status: string) => mod.locator(`[data-testid="mod-tab"][data-status="${status}"]`);
  await expect(tab('pending')).toContainText(`待审核（${before.pending}）`);
  await expect(tab('published')).toContainText(`已公开（${before.published}）`);
  await expect(mod.getByTestId('mod-item')).toHaveCount(20);
  await expect(mod.getByTestId('mod-shown')).toContainText(`已显示 20 / 共 ${before.pending} 条`);
  await mod.getByTestId('mod-more').click();
  await expect(mod.getByTestId('mod-shown')).toContainText(`已显示 ${before.pending} / 共 ${before.pending} 条`);
  await expect(mod.getByTestId('mod-item')).toHaveCount(before.pending);
  await expect(mod.getByTestId('mod-more')).toHaveCount(0);
  const item = (id: number) => mod.locator(`[data-testid="mod-item"][data-id="${id}"]`);
  await expect(item(pinned.id)).toContainText('<script>alert(1)</script> 路口太危险'); // shown as text
  await item(pinned.id).getByLabel('回复（公开）').fill('已转交交通部门');
  await item(pinned.id).getByRole('button', { name: '通过并公开' }).click();
  await expect(item(pinned.id)).toHaveCount(0);
  await item(onElement.id).getByRole('button', { name: '通过并公开' }).click();
  await expect(item(onElement.id)).toHaveCount(0);
  await item(spam.id).getByRole('button', { name: '不予公开' }).click();
  await expect(mod.getByRole('alert')).toContainText('请填写原因');
  await item(spam.id).getByLabel('不公开的原因').fill('广告');
  await item(spam.id).getByRole('button', { name: '不予公开' }).click();
  await expect(item(spam.id)).toHaveCount(0);
  await expect(mod.getByTestId('mod-audit')).toContainText('reject');
  await expect(mod.getByTestId('mod-audit')).toContainText('approve');
  // the counts follow the decisions; the loaded pages stay loaded
  await expect(tab('pending')).toContainText(`待审核（${before.pending - 3}）`);
  await expect(tab('published')).toContainText(`已公开（${before.published + 2}）`);
  await expect(mod.getByTestId('mod-item')).toHaveCount(before.pending - 3);
  await mod.evaluate((el) => el.scrollTo(0, 0)); // the tabs with their counts in the picture
  await page.screenshot({ path: `${SHOTS}/participation-moderation.png` });
  const rec = await (await fetch(`${srv.base}/api/suggestions/${pinned.receipt}`)).json();
  expect(rec).toMatchObject({ status: 'published', reply: '已转交交通部门' });
  expect(await (await fetch(`${srv.base}/api/suggestions/${spam.receipt}`)).json()).toMatchObject({ status: 'rejected', rejectReason: '广告' });

  await mod.getByRole('button', { name: '返回地图' }).click();
  await expect(mod).toHaveCount(0);
  await mapIdle(page);
  // the refresh button asks again (If-None-Match: the server answers 200 only because the layer changed):
  // both published suggestions are on the layer, the pinned one at its pin, the element-only one on its element
  const answer = page.waitForResponse((r) => r.url().includes('/api/suggestions.geojson') && r.request().headers()['if-none-match'] !== undefined);
  await page.getByTestId('participation-refresh').click();
  expect((await answer).status()).toBe(200);
  await page.waitForFunction((n) => window.__atlasParticipationLayer!().points >= n + 2, shownBefore);
  await expect(page.getByTestId('participation-refreshed')).toContainText('已更新至');
  // nothing changed since: the next refresh is a 304 with no body
  const unchanged = page.waitForResponse((r) => r.url().includes('/api/suggestions.geojson'));
  await page.getByTestId('participation-refresh').click();
  expect((await unchanged).status()).toBe(304);
  await mapIdle(page);
  const drawn = await page.evaluate(() => {
    const m = window.__atlasMap!;
    return m.queryRenderedFeatures({ layers: ['participation-cluster', 'participation-point'] }).map((f) => f.properties.point_count ?? 1);
  });
  expect(drawn.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: `${SHOTS}/participation-layer.png` });

  const planner = page.getByTestId('planner-suggestions');
  await planner.locator('summary').click();
  await expect(planner.getByTestId('planner-count')).toContainText('符合条件：2 条');
  // the pin lies in 锦江区; the element-only one is counted at 成资大道's anchor point, in 简阳市
  await expect(planner.getByTestId('planner-counties')).toContainText('锦江区: 1');
  await expect(planner.getByTestId('planner-counties')).toContainText('简阳市: 1');
  await planner.getByLabel('担忧').check();
  await expect(planner.getByTestId('planner-count')).toContainText('符合条件：1 条');
  // the filter narrows the map layer too
  await expect(page.getByTestId('participation-layer-count')).toContainText(`显示 ${shownBefore + 1} / ${shownBefore + 2} 条`);
  await page.waitForFunction((n) => window.__atlasParticipationLayer!().points === n + 1, shownBefore);
  await page.waitForFunction(() => !!window.__atlasWorkspace);
  await planner.getByTestId('planner-add').click();
  await expect(planner.getByRole('status')).toContainText('已加入 1 条');
  const layer = await page.evaluate(() => {
    const l = window.__atlasWorkspace!.history.state.layers.at(-1)!;
    return { name: l.name, n: l.features.length, props: l.features[0].properties, source: l.source };
  });
  expect(layer.n).toBe(1);
  expect(layer.props).toMatchObject({ category: 'concern', text: '<script>alert(1)</script> 路口太危险', reply: '已转交交通部门', position: 'exact' });
  expect(layer.source).toMatchObject({ kind: 'import', format: 'geojson' });
  await page.screenshot({ path: `${SHOTS}/participation-planner.png` });
});

test('the kiosk: a check-in and a story made while the server is stopped stay in the outbox across a reload and are sent when it is back', async ({ page }) => {
  test.setTimeout(300_000);
  // the service worker keeps the app loadable with the hall's server down (src/pwa; opted in under webdriver)
  await page.addInitScript(() => localStorage.setItem('tongcheng-atlas.sw', '1'));
  await page.goto(`${srv.base}/#hall=1&sel=road-chengzi-avenue`);
  await page.waitForFunction(() => window.__atlasOffline?.state === 'ready', null, { timeout: 180_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const box = page.getByTestId('kiosk-box');
  await expect(box).toContainText('成资大道');
  await expect(box.getByTestId('kiosk-count')).toContainText('已有 0 人');
  // the QR code is drawn: dark modules on a light canvas
  const dark = await box.getByTestId('kiosk-qr').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 80) n++;
    return n / (d.length / 4);
  });
  expect(dark).toBeGreaterThan(0.2);
  expect(dark).toBeLessThan(0.8);

  await srv.stop();
  await box.getByTestId('kiosk-checkin').click();
  await expect(box.getByTestId('kiosk-last')).toContainText('服务器恢复后自动发送');
  await expect(box.getByTestId('kiosk-outbox')).toContainText('1 条待发送');
  await box.getByTestId('kiosk-story-open').click();
  const story = '小时候常在这条路边放风筝 <b>真好</b>';
  await box.locator('textarea').fill(story);
  await box.getByRole('button', { name: '提交' }).click();
  await expect(box.getByTestId('kiosk-outbox')).toContainText('2 条待发送');

  await page.reload(); // the server is still down: the app comes from the service worker, the outbox from IndexedDB
  await expect(page.getByTestId('kiosk-outbox')).toContainText('2 条待发送');
  await expect(page.getByTestId('kiosk-box')).toContainText('成资大道'); // the plan came from the cache too
  await mapIdle(page);
  await page.screenshot({ path: `${SHOTS}/participation-kiosk-offline.png` });

  srv = await startServer(PORT, { DIST_DIR: DIST, RATE_LIMIT: 'on', DATA_DIR: dataDir });
  await expect(page.getByTestId('kiosk-outbox')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('kiosk-box').getByTestId('kiosk-count')).toContainText('已有 1 人', { timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/participation-kiosk-synced.png` });
  const counts = await (await fetch(`${srv.base}/api/checkins/counts?place=element:road-chengzi-avenue`)).json();
  expect(counts).toEqual({ items: [{ place: 'element:road-chengzi-avenue', n: 1 }] });
  const login = await fetch(`${srv.base}/api/mod/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MOD) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const queue = await (await fetch(`${srv.base}/api/mod/stories`, { headers: { cookie } })).json();
  expect(queue.items.filter((s: { text: string; place: string }) => s.text === story && s.place === 'element:road-chengzi-avenue')).toHaveLength(1);
});

test('visitors’ stories and check-in counts show on the card, the map and the place page; a place-page check-in made offline is sent when back online', async ({ page, context }) => {
  test.setTimeout(150_000);
  const place = 'element:road-chengzi-avenue';
  const mod = await modApi();
  const storyText = '<img src=x onerror=alert(1)> 我家就在这条路旁，盼早日通车';
  const told = await post('stories', { clientId: cid(), place, text: storyText });
  const pinned = await post('stories', { clientId: cid(), place, text: '在天府广场附近拍过照', lon: 104.0657, lat: 30.6595 });
  expect((await mod(`mod/stories/${told.id}/approve`, {})).status).toBe(200);
  expect((await mod(`mod/stories/${pinned.id}/approve`, {})).status).toBe(200);
  const before = ((await (await fetch(`${srv.base}/api/checkins/counts?place=${place}`)).json()) as { items: { n: number }[] }).items[0].n;
  for (let i = 0; i < 3; i++) await post('checkins', { clientId: cid(), place });

  // the card: the stories (text shown as text, no <img> made from it) and the check-in count
  await page.goto(`${srv.base}/#sel=road-chengzi-avenue`);
  const card = page.locator('aside.card[data-element="road-chengzi-avenue"]');
  const stories = card.getByTestId('suggest-stories');
  await expect(stories).toContainText(storyText);
  await expect(stories.locator('img')).toHaveCount(0);
  await expect(card.getByTestId('suggest-checkins')).toContainText(`已有 ${before + 3} 人在此打卡`);
  await stories.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/participation-card-stories.png` });

  // the map: stories as points (the pinned one at its pin, the other at its element), check-ins as a count badge
  await card.locator('button.close').click();
  await mapIdle(page);
  await page.getByTestId('participation-stories-layer').check();
  await page.getByTestId('participation-checkins-layer').check();
  await page.waitForFunction((n) => {
    const l = window.__atlasParticipationPlaces?.();
    return !!l && l.storiesShown && l.stories >= 2 && l.checkinsShown && l.checkins >= n;
  }, before + 3);
  await mapIdle(page);
  const badge = async () =>
    page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['participation-checkin-count'] }).map((f) => String(f.properties.label)));
  expect(await badge()).toContain(String(before + 3));
  const storyDots = await page.evaluate(() =>
    window.__atlasMap!.queryRenderedFeatures({ layers: ['participation-story', 'participation-story-cluster'] }).reduce((a, f) => a + Number(f.properties.point_count ?? 1), 0),
  );
  expect(storyDots).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('participation-checkins-count')).toContainText(`共 ${before + 3} 人次`);
  await page.screenshot({ path: `${SHOTS}/participation-stories-checkins-layer.png` });

  // another visitor checks in elsewhere in the hall: the refresh button brings the new count
  await post('checkins', { clientId: cid(), place });
  await page.getByTestId('participation-refresh').click();
  await expect.poll(badge).toContain(String(before + 4));

  // the place page: "我在这里打卡" while the browser is offline waits in the outbox, then is sent when back online
  await page.evaluate(() => (location.hash = '#panel=place&place=element%3Aroad-chengzi-avenue'));
  const checkin = page.getByTestId('place-checkin');
  await expect(checkin.getByTestId('place-checkin-count')).toContainText(`已有 ${before + 4} 人在此打卡`);
  await context.setOffline(true);
  await checkin.getByTestId('place-checkin-button').click();
  await expect(checkin.getByTestId('place-checkin-last')).toContainText('服务器恢复后自动发送');
  await expect(checkin.getByTestId('place-checkin-outbox')).toContainText('1 条待发送');
  await page.screenshot({ path: `${SHOTS}/participation-place-checkin-offline.png` });
  await context.setOffline(false);
  await expect(checkin.getByTestId('place-checkin-outbox')).toHaveCount(0);
  await expect(checkin.getByTestId('place-checkin-count')).toContainText(`已有 ${before + 5} 人在此打卡`);
  await expect(checkin.getByTestId('place-checkin-last')).toContainText('打卡成功');
  await expect.poll(badge).toContain(String(before + 5)); // the map's badge follows this browser's own check-in at once
  const counts = await (await fetch(`${srv.base}/api/checkins/counts?place=${place}`)).json();
  expect(counts.items[0].n).toBe(before + 5);
  await page.screenshot({ path: `${SHOTS}/participation-place-checkin.png` });
});
