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

const planTopo = JSON.parse(readFileSync('public/data/plan/map.topo.json', 'utf8')) as Topology;
type PlanProps = { id: string; zh: string; kind: string; accuracy: 'boundary' | 'located' | 'schematic'; region: string };
const planFeatures = (feature(planTopo, planTopo.objects.elements as GeometryCollection) as FeatureCollection<Point, PlanProps>).features;
const planElements = planFeatures.map((f) => f.properties);
const planPoints = planFeatures.filter((f) => f.geometry.type === 'Point').map((f) => ({ id: f.properties.id, at: f.geometry.coordinates }));

test('plan elements table: read only, badges, sort, filter, hide schematic rows, select ↔ map', async ({ page }) => {
  test.setTimeout(180_000);
  const region = planElements.filter((p) => p.region === 'chengdu-metro');
  const accuracyOf = new Map(region.map((p) => [p.id, p.accuracy]));
  await page.goto('./#map=9.00/30.6500/104.0700');
  await mapIdle(page);
  await page.locator('li').filter({ has: page.locator('[data-region="chengdu-metro"]') }).locator('[data-action="open-table"]').click();
  const g = grid(page);
  await expect(g).toHaveAttribute('aria-rowcount', String(region.length + 1));
  await expect(g).toHaveAttribute('aria-readonly', 'true');

  // accuracy as badges, each the element's own: ascending puts 边界 first, descending 示意
  await g.locator('[data-sort="accuracy"]').click();
  const badges = () =>
    g.locator('.body [role="row"]').evaluateAll((rows) =>
      rows
        .sort((a, b) => Number(a.getAttribute('data-pos')) - Number(b.getAttribute('data-pos')))
        .map((r) => ({ id: r.getAttribute('data-row-id')!, badge: r.querySelector('[data-key="accuracy"] [data-accuracy]')?.getAttribute('data-accuracy'), text: r.querySelector('[data-key="accuracy"]')!.textContent!.trim() })),
    );
  const asc = await badges();
  expect(asc.length).toBeGreaterThan(3);
  for (const b of asc) expect(b.badge, b.id).toBe(accuracyOf.get(b.id));
  expect(asc.slice(0, 2).map((b) => b.text)).toEqual(['边界', '边界']);
  expect(asc[2].text).toBe('定位');
  await g.locator('[data-sort="accuracy"]').click();
  for (const b of await badges()) expect([b.badge, b.text]).toEqual(['schematic', '示意']);

  // sort by name: pinyin order (Node's ICU collation as the reference)
  await g.locator('[data-sort="name"]').click();
  const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
  const byName = region.map((p) => p.zh).sort((a, b) => collator.compare(a, b));
  const shownNames = await column(page, 'name');
  expect(shownNames).toEqual(byName.slice(0, shownNames.length));

  // filter: names containing 站, then hide the schematic ones (the table says how many it hid)
  const panel = page.locator('[data-panel="table"]');
  await panel.locator('[data-filter="column"]').selectOption('name');
  await panel.locator('[data-filter="contains"]').fill('站');
  const stations = region.filter((p) => p.zh.includes('站'));
  await expect(g).toHaveAttribute('aria-rowcount', String(stations.length + 1));
  const schematicStations = stations.filter((p) => p.accuracy === 'schematic').length;
  expect(schematicStations).toBeGreaterThan(0);
  expect(schematicStations).toBeLessThan(stations.length);
  await panel.locator('[data-filter="hide-schematic"]').check();
  await expect(g).toHaveAttribute('aria-rowcount', String(stations.length - schematicStations + 1));
  await expect(panel.locator('[data-note="hidden-schematic"]')).toHaveText(`已隐藏 ${schematicStations} 行示意结果`);
  await expect(g.locator('[data-accuracy="schematic"]')).toHaveCount(0);
  const kept = new Set(stations.filter((p) => p.accuracy !== 'schematic').map((p) => p.id));
  const keptShown = await g.locator('.body [role="row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id')!));
  for (const id of keptShown) expect(kept.has(id), id).toBe(true);

  // a row selected → its element is outlined on the map
  const first = g.locator('.body [role="row"][data-pos="0"]');
  await first.locator('[data-key="name"]').click();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  const rowId = (await first.getAttribute('data-row-id'))!;
  await page.locator('[data-action="zoom-selection"]').click();
  await mapIdle(page);
  const highlighted = () =>
    page.evaluate(() => [...new Set(window.__atlasMap!.queryRenderedFeatures({ layers: ['table-highlight-fill', 'table-highlight-line', 'table-highlight-point'] }).map((f) => f.properties.__fid as string))]);
  await expect.poll(highlighted).toEqual([rowId]);
  await page.screenshot({ path: `${SHOTS}/table-plan.png` });

  // an element clicked on the map → its row is selected and scrolled to: a kept station alone under the pointer
  const others = planPoints.filter((p) => kept.has(p.id) && p.id !== rowId);
  const target = await page.evaluate(async (candidates) => {
    const map = window.__atlasMap!;
    // the layers a click picks from (PLAN_PICK_LAYERS), topmost first
    const pick = ['plan-point', 'plan-line-existing', 'plan-line-building', 'plan-line-future', 'plan-line-expected', 'plan-line-halo', 'plan-area-fill'];
    for (const { id, at: lonLat } of candidates) {
      map.jumpTo({ center: lonLat as [number, number], zoom: 13 });
      await new Promise<void>((done) => map.once('idle', () => done()));
      const at = map.project(lonLat as [number, number]);
      const top = map.queryRenderedFeatures([[at.x - 5, at.y - 5], [at.x + 5, at.y + 5]], { layers: pick })[0];
      const points = new Set(map.queryRenderedFeatures([[at.x - 10, at.y - 10], [at.x + 10, at.y + 10]], { layers: ['plan-point'] }).map((h) => h.properties.id as string));
      if (top?.properties.id === id && points.size === 1) return { id, x: at.x, y: at.y };
    }
    return null;
  }, others);
  expect(target, 'a kept station on top, no other point within 10 px').not.toBeNull();
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  await page.mouse.click(box.x + target!.x, box.y + target!.y);
  const picked = g.locator(`.body [role="row"][data-row-id="${target!.id}"]`);
  await expect(picked).toHaveAttribute('aria-selected', 'true');
  await expect(g.locator('.body [role="row"][aria-selected="true"]')).toHaveCount(1);
  await expect.poll(highlighted).toEqual([target!.id]);

  // plan elements are read only: editing is refused with a message, by double-click and by Enter
  const nameCell = picked.locator('[data-key="name"]');
  await nameCell.dblclick();
  const alert = panel.locator('[role="alert"]');
  await expect(alert).toHaveText('此图层只读：规划要素与分析结果不能在表中修改。');
  await expect(g.locator('[data-editor]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(alert).toHaveCount(0);
  await nameCell.click();
  await nameCell.press('Enter');
  await expect(alert).toContainText('只读');
  await expect(g.locator('[data-editor]')).toHaveCount(0);
  await expect(nameCell).toHaveText(region.find((p) => p.id === target!.id)!.zh);
});

test('join by name: county names as tables write them join; the report lists exactly the rows that cannot', async ({ page }) => {
  test.setTimeout(180_000);
  const file = 'tests/fixtures/table/county-names-variants.csv';
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
  const valueByLine = new Map(lines.map((l, i) => [i + 1, Number(l.split(',')[1])]));
  // the rows that must join (line in the file → county, named by prefecture adcode and name) …
  const prefix = (pref: string, zh: string) => labels.find((f) => f.properties.level === 'county' && f.properties.parent === pref && f.properties.zh === zh)!.properties.adcode;
  const joins: [number, string][] = [
    [2, prefix('510100', '锦江区')], // 成都市锦江区
    [3, prefix('510100', '青羊区')],
    [4, prefix('510100', '金牛区')], // 金牛
    [5, prefix('510100', '武侯区')], // full-width space
    [6, prefix('510100', '成华区')],
    [8, prefix('510100', '双流区')], // the old name 双流县
    [13, prefix('510300', '自流井区')], // 自贡市 自流井区
    [14, prefix('510300', '贡井区')],
    [15, prefix('510300', '大安区')], // 大安
    [16, prefix('510300', '沿滩区')],
    [17, prefix('510300', '荣县')],
    [18, prefix('510300', '富顺县')],
    [20, prefix('511000', '市中区')], // 内江市市中区
    [21, prefix('510700', '北川羌族自治县')],
    [23, prefix('511000', '威远县')], // spaces around
  ];
  // … and the rows that must not: traditional characters (not handled), a typo, two functional zones (not
  // counties), a repeat, 市中区 without its prefecture (内江 or 乐山), an empty key
  const refused = [
    { row: 7, reason: 'none', text: '龍泉驛區' },
    { row: 9, reason: 'none', text: '温汪区' },
    { row: 10, reason: 'none', text: '成都高新区' },
    { row: 11, reason: 'none', text: '天府新区' },
    { row: 12, reason: 'duplicate', text: '锦江区' },
    { row: 19, reason: 'ambiguous', text: '市中区' },
    { row: 22, reason: 'empty', text: '' },
  ];
  expect(new Set(joins.map(([, a]) => a)).size).toBe(joins.length);
  await page.goto('./#map=7.00/30.4000/104.5000');
  await mapIdle(page);
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  await page.locator('[data-tool="workspace"]').click();
  const join = page.locator('[data-section="join"]');
  await join.getByTestId('join-file').setInputFiles(file);
  const report = join.getByTestId('join-report');
  await expect(join.locator('[data-join="key"]')).toHaveValue('地区');
  await expect(join.locator('[data-join="by"]')).toHaveValue('name');
  await expect(join.locator('[data-join="value"]')).toHaveValue('常住人口_测试值（万人）');
  await expect(report).toHaveAttribute('data-matched', String(joins.length));
  await expect(report).toHaveAttribute('data-unmatched-rows', String(refused.length));
  await expect(report).toHaveAttribute('data-unmatched-targets', String(221 - joins.length));
  const listed = await join.getByTestId('join-unmatched-rows').locator('li').evaluateAll((lis) => lis.map((li) => ({ row: Number(li.getAttribute('data-row')), reason: li.getAttribute('data-reason'), text: li.textContent!.trim() })));
  expect(listed.map(({ row, reason }) => ({ row, reason }))).toEqual(refused.map(({ row, reason }) => ({ row, reason })));
  for (const [i, r] of refused.entries()) expect(listed[i].text).toContain(`第 ${r.row} 行 “${r.text}”`);
  expect(listed.find((l) => l.reason === 'ambiguous')!.text).toMatch(/市中区 \(511002\)、市中区 \(511102\)/);
  expect(listed.find((l) => l.reason === 'duplicate')!.text).toContain('锦江区 (510104)');
  await join.locator('[data-action="make-join"]').click();

  const handle = await page.waitForFunction(() => window.__atlasWorkspace!.history.state.layers.find((l) => l.source.kind === 'analysis' && l.source.op === 'join'));
  const { id } = (await handle.jsonValue())!;
  const layerState = await page.evaluate((lid) => window.__atlasWorkspace!.history.state.layers.find((l) => l.id === lid)!, id);
  // exactly the expected counties hold the row's value
  const valued = layerState.features.filter((f) => (f.properties as Record<string, unknown>)['常住人口_测试值（万人）'] !== null);
  expect(new Map(valued.map((f) => [(f.properties as { adcode: string }).adcode, (f.properties as Record<string, number>)['常住人口_测试值（万人）']]))).toEqual(
    new Map(joins.map(([line, adcode]) => [adcode, valueByLine.get(line)])),
  );
  // the choropleth: joined counties drawn in a class, the others as no data
  await mapIdle(page);
  const fidToAdcode = new Map(layerState.features.map((f) => [f.id, (f.properties as { adcode: string }).adcode]));
  const joined = new Set(joins.map(([, a]) => a));
  const drawn = await page.evaluate((fill) => window.__atlasMap!.queryRenderedFeatures({ layers: [fill] }).map((f) => ({ fid: f.properties.__fid as string, k: f.properties.__k as number })), `user-${id}-fill`);
  const drawnJoined = new Set<string>();
  for (const d of drawn) {
    const adcode = fidToAdcode.get(d.fid)!;
    if (joined.has(adcode)) {
      expect(d.k, adcode).toBeGreaterThanOrEqual(0);
      drawnJoined.add(adcode);
    } else expect(d.k, adcode).toBe(-1);
  }
  expect([...joined].filter((a) => !drawnJoined.has(a)), 'the joined counties in view').toEqual([]);
  // the legend states the field and the method; its classes hold the 15 joined counties, the rest no data
  const legend = page.getByTestId('class-legend');
  await expect(legend.locator('[data-method="naturalBreaks"]')).toHaveText('常住人口_测试值（万人）：自然断点（Jenks），5 级');
  const counts = await legend.locator('li[data-class]:not([data-class="none"]) .n').allTextContents();
  expect(counts.map((c) => Number(c.replace(/[()]/g, ''))).reduce((a, b) => a + b, 0)).toBe(joins.length);
  await expect(legend.locator('[data-class="none"]')).toContainText(String(221 - joins.length));
  // the map with the table closed: the joined counties of 成都, 自贡 and 内江 in colour
  await page.locator('[data-action="close-table"]').click();
  await page.evaluate(() => window.__atlasMap!.jumpTo({ center: [104.4, 30.0], zoom: 7.6 }));
  await mapIdle(page);
  await page.screenshot({ path: `${SHOTS}/table-join-names.png` });
});
