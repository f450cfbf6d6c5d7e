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
    // The participation probe (./api/health) answers 404 on a static host by design: participation stays off.
    if (m.type() === 'error' && !(m.text().includes('404') && m.location().url.endsWith('/api/health'))) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Waits for the app's map to exist and reach `idle`. */
export async function mapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => !!window.__atlas?.mapView, null, { timeout: 60_000 });
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

/** Waits until the page has drawn `n` more animation frames: a condition on rendering, not on wall time. */
export async function frames(page: Page, n = 2): Promise<void> {
  await page.evaluate((k) => new Promise<void>((done) => {
    const tick = () => (--k <= 0 ? done() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);
}

/** Colour statistics of a screenshot region, computed in the page from the map canvas. */
export async function canvasStats(page: Page) {
  return page.evaluate(() => {
    const src = window.__atlasMap!.getCanvas();
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

declare global {
  interface Window {
    /** installed by usePngDecoder: a PNG (base64) drawn on a canvas, for pixel checks in the page */
    __decodePng?: (b64: string) => Promise<CanvasRenderingContext2D>;
  }
}

/** Installs window.__decodePng in the page (again after each navigation); returns the PNG as base64. */
export async function usePngDecoder(page: Page, png: Buffer): Promise<string> {
  await page.evaluate(() => {
    window.__decodePng ??= async (b64: string) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(img, 0, 0);
      return ctx;
    };
  });
  return png.toString('base64');
}

/** Drops files on a drop target with a DataTransfer built in the page from their bytes. */
export async function dropFiles(page: Page, files: { name: string; bytes: Buffer }[], target = '[data-testid="drop-zone"]'): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, b64: f.bytes.toString('base64') }));
  const dt = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const it of items) {
      const bin = atob(it.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], it.name));
    }
    return dt;
  }, payload);
  await page.dispatchEvent(target, 'dragover', { dataTransfer: dt });
  await page.dispatchEvent(target, 'drop', { dataTransfer: dt });
}

/**
 * Pauses the page's installed clock `aheadMs` past the page's own now. A busy renderer can take longer than any
 * fixed margin to receive the call ("Cannot fast-forward to the past"), so such a target is read again and retried.
 */
export async function pauseClockAhead(page: Page, aheadMs = 10_000): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const target = await page.evaluate((ms) => Date.now() + ms, aheadMs);
    try {
      await page.clock.pauseAt(target);
      return;
    } catch (e) {
      if (attempt >= 5 || !/to the past/.test(String(e))) throw e;
    }
  }
}
