// The attribute table and joins in a real browser: an imported layer's table sorts (numbers numerically,
// Chinese by pinyin), filters, selects rows ↔ highlights features on the map, edits a cell through the undo
// log and exports the filtered rows.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Point } from 'geojson';
import { AXE_PATH, SHOTS, dropFiles, mapIdle } from './helpers.ts';

const basemap = JSON.parse(readFileSync('public/data/basemap.topo.json', 'utf8')) as Topology;
type Admin = { adcode: string; zh: string; en: string; level: string; parent: string };
const labels = (feature(basemap, basemap.objects.labels as GeometryCollection) as FeatureCollection<Point, Admin>).features;

// Test data: the basemap's county label points with invented numbers (a deterministic formula, not real figures).
const counties = labels.filter((f) => f.properties.level === 'county' && f.properties.parent.startsWith('51')).slice(0, 60);
const points = counties.map((f, i) => ({
  type: 'Feature' as const,
  geometry: f.geometry,
  properties: { name: f.properties.zh, adcode: f.properties.adcode, value: ((i * 7919) % 1000) + 0.5, group: ['甲', '乙', '丙'][i % 3] },
}));
const fixture = JSON.stringify({ type: 'FeatureCollection', features: points });

async function importLayer(page: Page) {
  await page.goto('./#map=7.00/30.2000/104.5000');
  await mapIdle(page);
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  await page.locator('[data-tool="workspace"]').click();
  await expect(page.getByTestId('workspace-panel')).toBeVisible();
  await dropFiles(page, [{ name: 'table-test-points.geojson', bytes: Buffer.from(fixture, 'utf8') }]);
  await page.waitForFunction(() => window.__atlasWorkspace!.history.state.layers.length === 1);
}

const grid = (page: Page) => page.locator('[data-table="attributes"]');
/** The visible rows' cells of one column, top to bottom. */
const column = (page: Page, key: string) =>
  grid(page)
    .locator('.body [role="row"]')
    .evaluateAll(
      (rows, k) =>
        rows
          .map((r) => ({ pos: Number(r.getAttribute('data-pos')), text: r.querySelector(`[data-key="${k}"]`)!.textContent!.trim() }))
          .sort((a, b) => a.pos - b.pos)
          .map((r) => r.text),
      key,
    );

test('attribute table: sort, filter, select ↔ map, edit with undo, export the filtered rows', async ({ page }) => {
  test.setTimeout(180_000);
  await importLayer(page);
  await page.locator('.user-layer [data-action="open-table"]').click();
  const g = grid(page);
  await expect(g).toBeVisible();
  await expect(g).toHaveAttribute('aria-rowcount', String(points.length + 1));
  // virtualised: fewer rows in the DOM than the table has
  const inDom = await g.locator('.body [role="row"]').count();
  expect(inDom).toBeLessThan(points.length);

  // sort: numbers numerically, then names by pinyin (Node's ICU collation as the reference)
  await g.locator('[data-sort="value"]').click();
  const byValue = points.map((p) => p.properties.value).sort((a, b) => a - b);
  const shownValues = (await column(page, 'value')).map(Number);
  expect(shownValues).toEqual(byValue.slice(0, shownValues.length));
  await expect(g.locator('[role="columnheader"][data-key="value"]')).toHaveAttribute('aria-sort', 'ascending');
  await g.locator('[data-sort="name"]').click();
  const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
  const byName = points.map((p) => p.properties.name).sort((a, b) => collator.compare(a, b));
  const shownNames = await column(page, 'name');
  expect(shownNames).toEqual(byName.slice(0, shownNames.length));

  // filter: value range and one category
  const panel = page.locator('[data-panel="table"]');
  await panel.locator('[data-filter="column"]').selectOption('value');
  await panel.locator('[data-filter="min"]').fill('200');
  await panel.locator('[data-filter="min"]').press('Enter');
  await panel.locator('[data-filter="max"]').fill('700');
  await panel.locator('[data-filter="max"]').press('Enter');
  await panel.locator('[data-filter="column"]').selectOption('group');
  await panel.locator('[data-category="丙"]').uncheck();
  const kept = points.filter((p) => p.properties.value >= 200 && p.properties.value <= 700 && p.properties.group !== '丙');
  await expect(g).toHaveAttribute('aria-rowcount', String(kept.length + 1));
  expect(kept.length).toBeGreaterThan(3);

  // select a row → its feature is highlighted on the map
  const first = g.locator('.body [role="row"][data-pos="0"]');
  await first.locator('[data-key="name"]').click();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  const rowId = (await first.getAttribute('data-row-id'))!;
  await page.locator('[data-action="zoom-selection"]').click();
  await mapIdle(page);
  await expect
    .poll(() => page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['table-highlight-point'] }).map((f) => f.properties.__fid as string)))
    .toEqual([rowId]);
  await page.screenshot({ path: `${SHOTS}/table-select.png` });

  // click another feature on the map → its row is selected and scrolled to
  const layer = await page.evaluate(() => window.__atlasWorkspace!.history.state.layers[0]);
  const keptIds = new Set(await g.locator('.body [role="row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id'))));
  const otherName = kept.map((p) => p.properties.name).find((n) => n !== (layer.features.find((f) => f.id === rowId)!.properties as { name: string }).name)!;
  const other = layer.features.find((f) => (f.properties as { name: string }).name === otherName)!;
  expect(keptIds.size).toBeGreaterThan(0);
  await page.evaluate((c) => window.__atlasMap!.jumpTo({ center: c as [number, number], zoom: 12 }), (other.geometry as Point).coordinates);
  await mapIdle(page);
  const at = await page.evaluate((c) => window.__atlasMap!.project(c as [number, number]), (other.geometry as Point).coordinates);
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  await page.mouse.click(box.x + at.x, box.y + at.y);
  await expect(g.locator(`.body [role="row"][data-row-id="${other.id}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(g.locator('.body [role="row"][aria-selected="true"]')).toHaveCount(1);

  // edit the selected row's name with the keyboard; undo restores it
  const cell = g.locator(`.body [role="row"][data-row-id="${other.id}"] [data-key="name"]`);
  await cell.click();
  await cell.press('Enter');
  const editor = g.locator('[data-editor="name"]');
  await editor.fill('改名测试');
  await editor.press('Enter');
  await expect(cell).toHaveText('改名测试');
  const edited = () => page.evaluate((id) => (window.__atlasWorkspace!.history.state.layers[0].features.find((f) => f.id === id)!.properties as { name: string }).name, other.id);
  expect(await edited()).toBe('改名测试');
  await cell.press('Control+z');
  await expect(cell).toHaveText(otherName);
  expect(await edited()).toBe(otherName);

  // a text typed into a number column is refused with a message, nothing changes
  const valueCell = g.locator(`.body [role="row"][data-row-id="${other.id}"] [data-key="value"]`);
  await valueCell.dblclick();
  await g.locator('[data-editor="value"]').fill('many');
  await g.locator('[data-editor="value"]').press('Enter');
  await expect(page.locator('[data-panel="table"] [role="alert"]')).toContainText('many');
  await g.locator('[data-editor="value"]').press('Escape');

  // export the filtered rows as CSV and GeoJSON
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-csv"]').click()]);
  const text = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r\n/);
  expect(lines).toHaveLength(kept.length + 1);
  expect(lines[0].split(',')).toEqual(['lon', 'lat', 'wkt', 'name', 'adcode', 'value', 'group']);
  expect(new Set(lines.slice(1).map((l) => l.split(',')[3]))).toEqual(new Set(kept.map((p) => p.properties.name)));
  const [gj] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-geojson"]').click()]);
  const out = JSON.parse(readFileSync((await gj.path())!, 'utf8')) as FeatureCollection;
  expect(out.features.map((f) => f.properties!.adcode).sort()).toEqual(kept.map((p) => p.properties.adcode).sort());
  await page.screenshot({ path: `${SHOTS}/table-filtered.png` });

  // the grid is accessible: roles, names, contrast
  await page.addScriptTag({ path: AXE_PATH });
  const axe = await page.evaluate(() =>
    (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(
      document.querySelector('[data-panel="table"]'),
      {},
    ),
  );
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('join: a county table by adcode becomes a classed choropleth whose legend names the method and breaks', async ({ page }) => {
  test.setTimeout(180_000);
  const reference = JSON.parse(readFileSync('tests/fixtures/table/class-breaks.json', 'utf8')) as { classes: Record<string, Record<string, number[]>> };
  const rows = readFileSync('tests/fixtures/table/county-gdp.csv', 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/).slice(1).map((l) => l.split(','));
  const valueOf = new Map(rows.map((r) => [r[0], Number(r[2])]));
  await page.goto('./#map=7.80/30.6000/104.2000');
  await mapIdle(page);
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  await page.locator('[data-tool="workspace"]').click();
  const join = page.locator('[data-section="join"]');
  await join.getByTestId('join-file').setInputFiles('tests/fixtures/table/county-gdp.csv');
  const report = join.getByTestId('join-report');
  // the adcode column is found and every row joins; the other counties are listed as without a row
  await expect(join.locator('[data-join="key"]')).toHaveValue('adcode');
  await expect(join.locator('[data-join="by"]')).toHaveValue('adcode');
  await expect(report).toHaveAttribute('data-matched', String(rows.length));
  await expect(report).toHaveAttribute('data-unmatched-rows', '0');
  await expect(report).toHaveAttribute('data-unmatched-targets', String(221 - rows.length));
  await expect(join.locator('[data-join="value"]')).toHaveValue('gdp_test');
  await join.locator('[data-join="classes"]').fill('5');
  await join.locator('[data-join="classes"]').press('Enter');
  await join.locator('[data-action="make-join"]').click();

  const layer = await page.waitForFunction(() => window.__atlasWorkspace!.history.state.layers.find((l) => l.source.kind === 'analysis' && l.source.op === 'join'));
  const { id } = (await layer.jsonValue())!;
  await mapIdle(page);
  // every rendered county of the fixture is in the class the reference's natural breaks give its value
  const breaks = reference.classes['5'].naturalBreaks;
  const expectedClass = (v: number) => {
    for (let i = 0; i < breaks.length - 2; i++) if (v <= breaks[i + 1]) return i;
    return breaks.length - 2;
  };
  const drawn = await page.evaluate(
    (fill) => window.__atlasMap!.queryRenderedFeatures({ layers: [fill] }).map((f) => ({ adcode: f.properties.__fid as string, k: f.properties.__k as number })),
    `user-${id}-fill`,
  );
  const layerState = await page.evaluate((lid) => window.__atlasWorkspace!.history.state.layers.find((l) => l.id === lid)!, id);
  const adcodeOf = new Map(layerState.features.map((f) => [f.id, (f.properties as { adcode: string }).adcode]));
  const seen = new Set<number>();
  for (const d of drawn) {
    const adcode = adcodeOf.get(d.adcode)!;
    const v = valueOf.get(adcode);
    if (v === undefined) expect(d.k, adcode).toBe(-1);
    else {
      expect(d.k, adcode).toBe(expectedClass(v));
      seen.add(d.k);
    }
  }
  expect(seen.size, 'all five classes on screen').toBe(5);
  const legend = page.getByTestId('class-legend');
  await expect(legend.locator('[data-method="naturalBreaks"]')).toContainText('自然断点');
  await expect(legend.locator('[data-class]')).toHaveCount(6);
  await expect(legend.locator('[data-class="0"]')).toContainText(`40 – ${breaks[1].toLocaleString('zh-CN')}`);
  await page.screenshot({ path: `${SHOTS}/table-join-choropleth.png` });

  // another method from the layer's style menu: the legend follows
  const item = page.locator(`[data-layer-id="${id}"]`);
  await item.locator('summary').first().click();
  await item.locator('[data-style="class-method"]').selectOption('quantile');
  await expect(legend.locator('[data-method="quantile"]')).toContainText('分位数');
  const q = reference.classes['5'].quantile;
  await expect(legend.locator('[data-class="1"]')).toContainText(`${q[1].toLocaleString('zh-CN', { maximumFractionDigits: 2 })} – ${q[2].toLocaleString('zh-CN', { maximumFractionDigits: 1 })}`);
});
