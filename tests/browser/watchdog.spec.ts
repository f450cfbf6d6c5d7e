// The hall watchdog (scripts/hall/watchdog.ts, docs/hall.md "Watchdog"): a crashed tab and a hung page
// come back as the kiosk's start link without staff, and the profile (offline cache, counts) is kept.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../../playwright.config.ts';
import { DEFAULT_POLICY } from '../../scripts/hall/restartPolicy.ts';
import { startWatchdog } from '../../scripts/hall/watchdog.ts';
import { SHOTS } from './helpers.ts';

const KIOSK_HASH = '#story=chengdu-metro&kiosk=1&idle=60&exit=2468';

async function kioskPlaying(page: Page): Promise<void> {
  await expect(page.locator('.player[data-kiosk-mode="autoplay"][data-scene-index="0"]')).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => !!window.__atlas?.mapView, null, { timeout: 60_000 });
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

test('the watchdog restarts the kiosk after a crashed tab and after a hung page, back at its start link', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const profileDir = mkdtempSync(join(tmpdir(), 'atlas-kiosk-'));
  const lines: string[] = [];
  const url = `${baseURL}${KIOSK_HASH}`;
  const wd = await startWatchdog({
    url,
    profileDir,
    headless: true,
    heartbeatMs: 2_000,
    policy: { ...DEFAULT_POLICY, baseDelayMs: 100 },
    args: CHROMIUM_ARGS,
    viewport: { width: 960, height: 600 },
    log: (l) => lines.push(l),
  });
  try {
    const first = wd.page()!;
    await kioskPlaying(first);
    const attractHash = new URL(first.url()).hash; // the app writes scene 1's camera and panel into the start link
    expect(attractHash).toContain('kiosk=1');
    // Something the kiosk keeps on the device: it must survive the restarts (same profile).
    await first.evaluate(() => localStorage.setItem('watchdog-probe', 'kept'));

    // 1. The renderer dies (what "Aw, Snap" is): the watchdog notices and starts the kiosk again.
    let started = wd.nextStart();
    const cdp = await first.context().newCDPSession(first);
    void cdp.send('Page.crash').catch(() => undefined);
    expect((await started).total).toBe(1);
    const second = wd.page()!;
    expect(second).not.toBe(first);
    await kioskPlaying(second);
    expect(new URL(second.url()).hash).toBe(attractHash);
    expect(await second.evaluate(() => localStorage.getItem('watchdog-probe'))).toBe('kept');

    // 2. The page hangs (an endless loop): heartbeats go unanswered, then the watchdog restarts it.
    started = wd.nextStart();
    void second.evaluate(() => {
      for (;;) {
        // busy forever: what a runaway script does to a kiosk
      }
    }).catch(() => undefined);
    expect((await started).total).toBe(2);
    const third = wd.page()!;
    await kioskPlaying(third);
    expect(new URL(third.url()).hash).toBe(attractHash);
    await third.screenshot({ path: `${SHOTS}/watchdog-after-restarts.png` });

    const reasons = lines.map((l) => JSON.parse(l) as { event: string; reason?: string }).filter((e) => e.event === 'restart').map((e) => e.reason);
    expect(reasons).toEqual(['crash', 'hung']);
  } finally {
    await wd.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
});
