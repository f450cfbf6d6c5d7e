// The show relay end to end (docs/remote.md): the participation server runs as a child process (as in
// participation.spec.ts); a presenter's player creates a show, a second screen follows it by code, and a phone-sized
// remote with touch drives both. Then the server goes away: the show goes on locally, and when the server is back
// the leader registers its show again and the phone drives it without a new code.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS } from './helpers.ts';
import { removeDir, startServer, type ServerProcess } from '../../scripts/bench/participation.ts';

const DIST = process.env.PW_DIST ?? 'dist';
const SCENES = (JSON.parse(readFileSync('data/stories/neijiang-zigong.json', 'utf8')) as { scenes: unknown[] }).scenes.length;
const PORT = Number(process.env.PW_RELAY_PORT ?? 8794);
let srv: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-relay-'));
  srv = await startServer(PORT, { DIST_DIR: DIST, RATE_LIMIT: 'on', DATA_DIR: dataDir });
});
test.afterAll(async () => {
  await srv?.stop();
  if (dataDir) removeDir(dataDir);
});

const player = (page: Page) => page.locator('.player');

async function screen(browser: Browser, hash: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/${hash}`);
  return page;
}

async function phone(browser: Browser, code: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/#remote=${code}`);
  return page;
}

test('a phone remote drives the presenter’s screen and a second screen that follows it', async ({ browser }) => {
  test.setTimeout(240_000);
  const presenter = await screen(browser, '#story=neijiang-zigong&scene=two-cores-one-belt-three-zones');
  await expect(player(presenter)).toHaveAttribute('data-scene-index', '0', { timeout: 60_000 });
  // the Remote button shows once the page has found the participation server
  await presenter.mouse.move(640, 360);
  await presenter.locator('[data-remote="open"]').click();
  const codeEl = presenter.locator('[data-remote-code]');
  await expect(codeEl).toBeVisible();
  const code = (await codeEl.getAttribute('data-remote-code'))!;
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  await expect(codeEl).toHaveText(`${code.slice(0, 3)}-${code.slice(3)}`);

  const follower = await screen(browser, `#follow=${code}`);
  await expect(player(follower)).toHaveAttribute('data-scene-index', '0', { timeout: 60_000 });
  await expect(player(follower)).toHaveAttribute('data-scene-id', 'two-cores-one-belt-three-zones');

  const remote = await phone(browser, code);
  await expect(remote.locator('[data-remote-link="open"]')).toBeVisible();
  await expect(remote.locator('[data-remote-title]')).not.toBeEmpty();
  await expect(presenter.locator('[data-remote-peers]')).toHaveText(/1 个屏幕，1 个遥控器/);
  await presenter.screenshot({ path: `${SHOTS}/remote-presenter-dialog.png` });
  await presenter.locator('[data-remote-dialog] .x').click();

  // big buttons: at least 44 px on the phone
  const next = remote.locator('[data-remote-cmd="next"]');
  const box = (await next.boundingBox())!;
  expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);

  await next.tap();
  await expect(player(presenter)).toHaveAttribute('data-scene-index', '1');
  await expect(player(follower)).toHaveAttribute('data-scene-index', '1');
  await expect(remote.locator('.count')).toHaveText(`第 2 / ${SCENES} 页`);
  await expect(player(follower)).toHaveAttribute('data-scene-state', 'ready', { timeout: 60_000 });
  await remote.screenshot({ path: `${SHOTS}/remote-phone.png` });
  await follower.screenshot({ path: `${SHOTS}/remote-follower.png` });

  // black screen on both; the next "next" only lifts it (as the clicker does)
  await remote.locator('[data-remote-cmd="blackout"]').tap();
  await expect(presenter.locator('[data-blank="1"]')).toBeVisible();
  await expect(follower.locator('[data-blank="1"]')).toBeVisible();
  await expect(remote.locator('[data-remote-cmd="blackout"]')).toHaveAttribute('aria-pressed', 'true');
  await next.tap();
  await expect(follower.locator('[data-blank="1"]')).toHaveCount(0);
  await expect(player(follower)).toHaveAttribute('data-scene-index', '1');

  // the presenter's own clicker still leads: the follower and the phone follow it
  await presenter.keyboard.press('PageDown');
  await expect(player(follower)).toHaveAttribute('data-scene-index', '2');
  await expect(remote.locator('.count')).toHaveText(`第 3 / ${SCENES} 页`);

  // the server goes away: the show goes on locally, the phone says it is reconnecting
  await srv.stop();
  await expect(remote.locator('[data-remote-link="retrying"]')).toBeVisible();
  await presenter.keyboard.press('PageDown');
  await expect(player(presenter)).toHaveAttribute('data-scene-index', '3');
  // back: the leader registers its show again under the same code; the phone drives it without a new code
  srv = await startServer(PORT, { DIST_DIR: DIST, RATE_LIMIT: 'on', DATA_DIR: dataDir });
  await expect(remote.locator('[data-remote-link="open"]')).toBeVisible({ timeout: 60_000 });
  await expect(remote.locator('.count')).toHaveText(`第 4 / ${SCENES} 页`, { timeout: 60_000 });
  await next.tap();
  await expect(player(presenter)).toHaveAttribute('data-scene-index', '4');
  await expect(player(follower)).toHaveAttribute('data-scene-index', '4', { timeout: 60_000 });
});
