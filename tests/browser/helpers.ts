import type { Page, Request } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

export const SHOTS = 'test-output/screenshots';
mkdirSync(SHOTS, { recursive: true });

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** Records every request that leaves the preview server's host. */
export function watchRequests(page: Page): { foreign: string[]; all: string[] } {
  const seen = { foreign: [] as string[], all: [] as string[] };
  page.on('request', (r: Request) => {
    const url = r.url();
    seen.all.push(url);
    if (!url.startsWith(`http://127.0.0.1:${process.env.PW_PORT ?? 4173}/`) && !/^(data:|blob:)/.test(url)) seen.foreign.push(url);
  });
  return seen;
}

export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Waits for the app's map to exist and reach `idle`. */
export async function mapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => !!window.__atlas?.mapView, null, { timeout: 60_000 });
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

/** Colour statistics of a screenshot region, computed in the page from the map canvas. */
export async function canvasStats(page: Page) {
  return page.evaluate(() => {
    const src = window.__atlas!.mapView.map.getCanvas();
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const colours = new Map<number, number>();
    let dark = 0;
    for (let i = 0; i < data.length; i += 4 * 7) {
      const key = (data[i] >> 3) * 1024 + (data[i + 1] >> 3) * 32 + (data[i + 2] >> 3);
      colours.set(key, (colours.get(key) ?? 0) + 1);
      if (data[i] + data[i + 1] + data[i + 2] < 300) dark++;
    }
    const total = data.length / 28;
    const top = Math.max(...colours.values()) / total;
    return { distinctColours: colours.size, dominantShare: top, darkShare: dark / total };
  });
}
