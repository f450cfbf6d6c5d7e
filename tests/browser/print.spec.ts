// Print: an A3 landscape sheet at 1:250,000 and 300 dpi, made in the browser, read back by independent tools:
// pdf-lib (page size), poppler's pdffonts (embedded fonts), pdftotext (title, 审图号 and scale as text),
// pdfimages (the map's pixel size = scale × dpi) and pdftoppm (a rendering to look at). poppler-utils is
// installed by .ci/run.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { SHOTS, mapIdle, watchConsole } from './helpers.ts';
import { mapRender, sheetLayout } from '../../src/lib/print/layout.ts';

const poppler = ['pdffonts', 'pdftotext', 'pdfimages', 'pdftoppm'].every((b) => existsSync(`/usr/bin/${b}`));

test.use({ viewport: { width: 1600, height: 1000 } });

test.skip(!poppler, 'poppler-utils (pdffonts, pdftotext, pdfimages, pdftoppm) is needed to read the PDF back: .ci/run installs it');

test('A3 landscape at 1:250,000 and 300 dpi: page in mm, embedded fonts, texts, image pixels = scale × dpi', async ({ page }, info) => {
  test.setTimeout(240_000);
  const errors = watchConsole(page);
  await page.goto('/#map=9.00/30.5700/104.0700');
  await mapIdle(page);
  // Ctrl+P opens the app's print dialog (the browser's would print the screen)
  await page.keyboard.press('Control+p');
  const dialog = page.locator('[data-print="dialog"]');
  await expect(dialog).toBeVisible();
  await page.locator('[data-print="paper"]').selectOption('A3');
  await page.locator('[data-print-orientation="landscape"]').check();
  await page.locator('[data-print="scale"]').selectOption('250000');
  await page.locator('[data-print="dpi"]').selectOption('300');
  await page.locator('[data-print="title"]').fill('成都都市圈同城化示意图');
  await page.locator('[data-print="reviewNo"]').fill('川S【2026】第123号');
  await page.locator('[data-print="office"]').fill('某市规划设计研究院');
  const layout = sheetLayout('A3', 'landscape');
  const r = mapRender(layout.map, 250_000, 300, 30.57);
  await expect(page.locator('[data-print="size"]')).toContainText(`${r.px.w} × ${r.px.h}`);
  // the preview is drawn (not blank): some non-white pixels in the map window
  await expect
    .poll(() => page.locator('[data-print="preview"]').evaluate((c: HTMLCanvasElement) => {
      if (c.width < 100) return 0;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 16) if (d[i] < 200 || d[i + 1] < 200) ink++;
      return ink;
    }), { timeout: 60_000 })
    .toBeGreaterThan(500);
  await dialog.screenshot({ path: `${SHOTS}/print-dialog.png` });
  // Typing a title key by key redraws the preview once the typing pauses, not on every key.
  await expect(page.locator('[data-print="preview"]').locator('xpath=..')).toHaveAttribute('aria-busy', 'false');
  const drawsBefore = Number(await page.locator('[data-print="preview"]').getAttribute('data-draws'));
  await page.locator('[data-print="title"]').pressSequentially('（第二稿）');
  await expect(page.locator('[data-print="preview"]').locator('xpath=..')).toHaveAttribute('aria-busy', 'false');
  const drawsAfter = Number(await page.locator('[data-print="preview"]').getAttribute('data-draws'));
  expect(drawsAfter - drawsBefore).toBeGreaterThanOrEqual(1);
  expect(drawsAfter - drawsBefore).toBeLessThanOrEqual(2);

  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 200_000 }), page.locator('[data-print="pdf"]').click()]);
  expect(download.suggestedFilename()).toMatch(/_A3_1-250000_300dpi\.pdf$/);
  const file = info.outputPath('sheet.pdf');
  await download.saveAs(file);
  await expect(page.locator('[data-print="status"]')).toContainText('.pdf');

  const bytes = readFileSync(file);
  const doc = await PDFDocument.load(bytes);
  const p = doc.getPage(0);
  expect((p.getWidth() * 25.4) / 72).toBeCloseTo(420, 1);
  expect((p.getHeight() * 25.4) / 72).toBeCloseTo(297, 1);

  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  for (const name of [/DejaVuSans/, /DroidSansFallback/]) {
    const row = fonts.split('\n').find((l) => name.test(l));
    expect(row, fonts).toBeDefined();
    expect(row!.split(/\s+/).slice(-5, -4)).toEqual(['yes']);
  }
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const s of ['成都都市圈同城化示意图', '审图号', '川S【2026】第123号', '某市规划设计研究院', '1:250,000', '图例', 'OpenStreetMap']) expect(text).toContain(s);

  // the map arrives in tiles; together they are the window's pixel size at 1:250,000 and 300 dpi
  const rows = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/));
  const area = rows.reduce((s, c) => s + Number(c[3]) * Number(c[4]), 0);
  expect(Math.abs(area - r.px.w * r.px.h) / (r.px.w * r.px.h)).toBeLessThan(0.002);
  expect(rows.length).toBeGreaterThan(1);
  for (const c of rows) expect(Math.max(Number(c[3]), Number(c[4]))).toBeLessThanOrEqual(2048);

  // the template of the sheet is kept in the workspace and saved with its file (workspace v2)
  const title = await page.locator('[data-print="title"]').inputValue();
  expect(title).toContain('成都都市圈同城化示意图');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.locator('[data-tool="workspace"]').click();
  const [wsFile] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-workspace"]').click()]);
  const saved = JSON.parse(readFileSync((await wsFile.path())!, 'utf8')) as { version: number; print: Record<string, unknown> };
  expect(saved.version).toBe(2);
  expect(saved.print).toMatchObject({ paper: 'A3', orientation: 'landscape', scale: 250_000, dpi: 300, title, reviewNo: '川S【2026】第123号', office: '某市规划设计研究院' });

  // a rendering of the sheet to look at
  execFileSync('pdftoppm', ['-r', '50', '-png', '-singlefile', file, `${SHOTS}/print-a3-250k`]);
  expect(existsSync(`${SHOTS}/print-a3-250k.png`)).toBe(true);
  expect(errors).toEqual([]);
});
