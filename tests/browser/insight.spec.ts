import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { AXE_PATH, SHOTS, mapIdle, watchConsole, watchRequests } from './helpers.ts';

// Independent references: the content files and the shipped overlay bundle, read from disk.
const indicators = JSON.parse(readFileSync('data/content/indicators.json', 'utf8')) as { indicators: { id: string; year: number; seed: string; section: string; quote: string }[] };
const cases = JSON.parse(readFileSync('data/content/cases-001.json', 'utf8')) as { domains: { id: string; count: number }[] };
const index = JSON.parse(readFileSync('public/data/plan/index.json', 'utf8')) as { count: number; regions: { region: string; count: number }[] };
const overlay = JSON.parse(readFileSync('public/data/plan/map.topo.json', 'utf8')) as { objects: { elements: { geometries: { properties: { id: string; zh: string; en: string } }[] } } };

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('indicators panel: every figure with year and source, the cases chart to scale, the discrepancy, axe clean', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./#panel=indicators');
  await mapIdle(page);
  const panel = page.locator('#indicators-panel');
  await expect(panel).toBeVisible();

  // every indicator is shown once, with its year and its seed citation
  const cards = panel.locator('li[data-indicator]');
  await expect(cards).toHaveCount(indicators.indicators.length);
  for (const ind of indicators.indicators.slice(0, 8).concat(indicators.indicators.slice(-4))) {
    const card = panel.locator(`li[data-indicator="${ind.id}"]`);
    await expect(card.locator('.year')).toHaveText(`${ind.year}年`);
    await expect(card.locator('summary')).toContainText(`${ind.seed} §${ind.section}`);
  }
  // the quote is folded; opening it shows the verbatim text
  const gdp = panel.locator('li[data-indicator="cdma-gdp-2023"]');
  await expect(gdp.locator('.num')).toHaveText('2.78');
  await expect(gdp.locator('.unit')).toHaveText('万亿元');
  await expect(gdp.locator('blockquote')).toBeHidden();
  await gdp.locator('summary').click();
  await expect(gdp.locator('blockquote')).toHaveText('2023年成都都市圈经济总量达到2.78万亿元');
  // a figure the seed prints in its own form is shown exactly so (issue 14: 12万余次, not 超12万次)
  const proxy = panel.locator('li[data-indicator="dz-proxy-services-2025"]');
  await expect(proxy.locator('.num')).toHaveText('12');
  await expect(proxy.locator('.unit')).toHaveText('万余次');

  // the cases chart: 9 bars, lengths in proportion to the counts of cases-001.json
  const bars = panel.locator('[data-chart="cases-chart"] g[data-bar]');
  await expect(bars).toHaveCount(cases.domains.length);
  const widths = await bars.evaluateAll((gs) => gs.map((g) => ({ id: g.getAttribute('data-bar')!, w: Number(g.querySelector('rect')!.getAttribute('width')) })));
  const max = Math.max(...cases.domains.map((d) => d.count));
  const widest = widths.find((w) => w.id === cases.domains.find((d) => d.count === max)!.id)!.w;
  for (const d of cases.domains) expect(widths.find((w) => w.id === d.id)!.w / widest, d.id).toBeCloseTo(d.count / max, 6);
  expect(cases.domains.reduce((s, d) => s + d.count, 0)).toBe(100);
  await expect(panel.locator('[data-cases-sum]')).toHaveAttribute('data-cases-sum', '100');
  await expect(panel.locator('[data-cases] [role="note"]')).toContainText('8个领域');
  await expect(panel.locator('[data-chart="cases-chart"] svg')).toHaveAttribute('aria-label', /合计 100 项/);
  // the chart's text alternative: a table with the same numbers
  await panel.locator('[data-chart="cases-chart"] details summary').click();
  const rows = panel.locator('[data-chart="cases-chart"] tbody tr');
  await expect(rows).toHaveCount(9);
  await expect(rows.last()).toContainText('不在 8 个领域之内');

  await page.screenshot({ path: `${SHOTS}/insight-indicators.png` });
  expect(await axeViolations(page)).toEqual([]);

  // English: magnitudes spelled out
  await page.goto('./#panel=indicators&lang=en');
  await expect(page.locator('li[data-indicator="cdma-gdp-2023"] .unit')).toHaveText('trillion yuan');
  await expect(page.locator('li[data-indicator="chengde-energy-equipment-output"] .big')).toContainText('over');
  await expect(page.locator('li[data-indicator="chengde-energy-equipment-output"] .num')).toHaveText('230');
  await page.locator('#indicators-panel').evaluate((el) => el.scrollTo(0, 900));
  await page.screenshot({ path: `${SHOTS}/insight-indicators-en.png` });
  expect(await axeViolations(page)).toEqual([]);

  // Escape closes the panel and clears it from the hash
  await page.keyboard.press('Escape');
  await expect(page.locator('#indicators-panel')).toHaveCount(0);
  expect(page.url()).not.toContain('panel=indicators');
  expect(errors).toEqual([]);
});

test('indicators panel as a bottom sheet on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('./#panel=indicators');
  await mapIdle(page);
  const box = (await page.locator('#indicators-panel').boundingBox())!;
  expect(box.width).toBeGreaterThan(380);
  expect(box.x + box.width).toBeLessThanOrEqual(391);
  expect(box.y + box.height).toBeGreaterThan(790);
  await page.screenshot({ path: `${SHOTS}/insight-indicators-phone.png` });
  await page.goto('./#display=list');
  const list = (await page.locator('#list-view').boundingBox())!;
  expect(list.x).toBeGreaterThanOrEqual(0);
  expect(list.x + list.width).toBeLessThanOrEqual(391);
  await page.screenshot({ path: `${SHOTS}/insight-list-phone.png` });
});

test('the panel and its content files load only when it opens', async ({ page }) => {
  const seen = watchRequests(page);
  await page.goto('./');
  await mapIdle(page);
  expect(seen.all.filter((u) => /IndicatorsPanel|ListViewMount/.test(u))).toEqual([]);
  await page.evaluate(() => (location.hash = '#panel=indicators'));
  await expect(page.locator('#indicators-panel li[data-indicator]').first()).toBeVisible();
  expect(seen.all.filter((u) => /IndicatorsPanel-[\w-]+\.js$/.test(u))).toHaveLength(1);
});

test('list view: all shown elements, filter with a live count, keyboard selection', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./#display=list');
  await mapIdle(page);
  const list = page.locator('#list-view');
  await expect(list).toBeVisible();
  const count = list.locator('[role="status"]');
  await expect(count).toHaveAttribute('data-total', String(index.count));
  await expect(list.locator('button[data-item]')).toHaveCount(index.count);

  // the group headings count their items
  const groups = await list.locator('h3[data-kind]').evaluateAll((hs) => hs.map((h) => ({ kind: h.getAttribute('data-kind'), n: Number(/\((\d+)\)/.exec(h.textContent ?? '')![1]), items: h.nextElementSibling!.querySelectorAll('button').length })));
  expect(groups.reduce((s, g) => s + g.n, 0)).toBe(index.count);
  for (const g of groups) expect(g.n, g.kind!).toBe(g.items);
  // schematic elements are badged
  await expect(list.locator('button[data-item="axis-chengyu-main"] .acc-schematic')).toHaveText('示意');
  await page.screenshot({ path: `${SHOTS}/insight-list.png` });
  expect(await axeViolations(page)).toEqual([]);

  // the filter: count of matches worked out from the bundle
  const q = '机场';
  const expected = new Set(overlay.objects.elements.geometries.filter((g) => g.properties.zh.includes(q) || g.properties.en.includes(q)).map((g) => g.properties.id)).size;
  expect(expected).toBeGreaterThan(0);
  await list.getByLabel('按名称筛选').fill(q);
  await expect(count).toHaveAttribute('data-shown', String(expected));
  await expect(count).toHaveText(`显示 ${expected} / ${index.count} 个要素`);
  await expect(list.locator('button[data-item]')).toHaveCount(expected);
  await page.keyboard.press('Escape');
  await expect(count).toHaveAttribute('data-shown', String(index.count));

  // the layer panel's region toggle filters the list as it filters the map
  const nz = index.regions.find((r) => r.region === 'neijiang-zigong')!.count;
  await page.locator('input[data-region="neijiang-zigong"]').uncheck();
  await expect(count).toHaveAttribute('data-total', String(index.count - nz));
  await expect(list.locator('button[data-item]')).toHaveCount(index.count - nz);
  await page.locator('input[data-region="neijiang-zigong"]').check();
  await expect(count).toHaveAttribute('data-total', String(index.count));

  // keyboard walk: from the filter box, Tab reaches the first item; Arrow keys move; Enter selects
  await list.getByLabel('按名称筛选').focus();
  let focused = '';
  for (let i = 0; i < 6 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = (await page.evaluate(() => document.activeElement?.getAttribute('data-item'))) ?? '';
  }
  const firstId = await list.locator('button[data-item]').first().getAttribute('data-item');
  expect(focused).toBe(firstId);
  await page.keyboard.press('ArrowDown');
  const secondId = await list.locator('button[data-item]').nth(1).getAttribute('data-item');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-item'))).toBe(secondId);
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).hash).toContain(`sel=${encodeURIComponent(secondId!)}`);
  await expect(list.locator(`button[data-item="${secondId}"]`)).toHaveAttribute('aria-current', 'true');
  expect(await axeViolations(page)).toEqual([]);

  // the info card opens for it, and the map frames it
  await expect(page.locator(`aside[data-element="${secondId}"]`)).toBeVisible();
  await expect
    .poll(() => page.evaluate(async (id) => {
      await window.__atlas!.mapView.idle();
      return window.__atlas!.mapView.renderedPlan().some((d) => d.props.id === id);
    }, secondId))
    .toBe(true);
  await page.screenshot({ path: `${SHOTS}/insight-list-selected.png` });

  await list.getByRole('button', { name: '关闭列表' }).click();
  await expect(page.locator('#list-view')).toHaveCount(0);
  expect(page.url()).not.toContain('display=list');
  expect(errors).toEqual([]);
});
