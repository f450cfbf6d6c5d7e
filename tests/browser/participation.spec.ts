// The app served by the participation server (server/main.ts), under its CSP: it loads and draws the map with no
// CSP violation, and the API answers beside it. The server runs as a child process on its own loopback port.
import { expect, test } from '@playwright/test';
import { canvasStats, mapIdle, SHOTS } from './helpers.ts';
import { removeDir, startServer, type ServerProcess } from '../../scripts/bench/participation.ts';

const DIST = process.env.PW_DIST ?? 'dist';
const PORT = Number(process.env.PW_API_PORT ?? 8798);
let srv: ServerProcess;

test.beforeAll(async () => {
  srv = await startServer(PORT, { DIST_DIR: DIST, RATE_LIMIT: 'on' });
});
test.afterAll(async () => {
  await srv?.stop();
  if (srv) removeDir(srv.dataDir);
});

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

  test('a resident pins a suggestion on the element, follows it and finds the receipt under “my comments”', async ({ page }) => {
    await page.goto(`${srv.base}/#sel=road-chengzi-avenue`);
    const card = page.locator('aside.card[data-element="road-chengzi-avenue"]');
    await expect(card).toBeVisible();
    await card.getByTestId('suggest-open').tap();
    await card.getByLabel('疑问').check();
    const text = '<img src=x onerror=alert(1)> 什么时候通车？';
    await card.locator('textarea').fill(text);
    await card.getByLabel('标在此要素上').check();
    await card.getByRole('button', { name: '提交' }).tap();
    const receiptLine = card.getByTestId('suggest-receipt');
    await expect(receiptLine).toContainText('回执码');
    const code = (await receiptLine.textContent())!.match(/[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}/)![0];
    const rec = await (await fetch(`${srv.base}/api/suggestions/${code}`)).json();
    expect(rec).toMatchObject({ status: 'pending', category: 'question', text, elementId: 'road-chengzi-avenue' });
    // pinned on the element, rounded to 0.001° (~100 m) because "exact" was not ticked
    expect(rec.lon).toBeGreaterThan(100);
    expect(Math.round(rec.lon * 1000) / 1000).toBe(rec.lon);
    expect(Math.round(rec.lat * 1000) / 1000).toBe(rec.lat);

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
