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
  expect(errors).toEqual([]);
});

test('axe: no violations, target sizes included, on the phone home view and with the search sheet open', async ({ page }) => {
  await page.goto('./');
  await mapIdle(page);
  await page.waitForFunction(() => !!window.__atlas!.mapView.map.getLayer('plan-point'));
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
