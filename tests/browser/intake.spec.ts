// Planner intake (issue 13): files planners actually have — a DataV GCJ-02 boundary file, a Gaode-style Shapefile
// zipped with GBK entry names, loose Shapefile parts — land where they belong, with Chinese names, a label
// field and an alignment report, and the zh UI shows no English message on the way.
// Fixtures: scripts/fixtures/intake.ts (the bundled county boundaries moved to GCJ-02 with the app's converter).
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { SHOTS, mapIdle, dropFiles } from './helpers.ts';

const FIX = 'tests/fixtures/intake';
const truth = JSON.parse(readFileSync(`${FIX}/truth.json`, 'utf8')) as { counties: { adcode: string; zh: string; geometry: { coordinates: number[][][][] } }[] };

function metres(a: number[], b: number[]): number {
  const R = 6371008.8;
  const toRad = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * toRad) / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(((b[0] - a[0]) * toRad) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** Largest distance (m) from the imported vertices of each feature to the nearest vertex of the county it copies. */
function worstOffset(features: { geometry: Geometry }[]): number {
  let worst = 0;
  features.forEach((f, i) => {
    const copied = truth.counties[i].geometry.coordinates.flat(2);
    const g = f.geometry as Polygon | MultiPolygon;
    const got = g.type === 'Polygon' ? g.coordinates.flat(1) : g.coordinates.flat(2);
    // Every 25th vertex is plenty to see a 400 m shift and cheap to compare.
    for (let k = 0; k < got.length; k += 25) worst = Math.max(worst, Math.min(...copied.map((q) => metres(got[k], q))));
  });
  return worst;
}

const layers = (page: Page) =>
  page.evaluate(() =>
    window.__atlasWorkspace!.history.state.layers.map((l) => ({ id: l.id, name: l.name, n: l.features.length, source: l.source, style: l.style, features: l.features })),
  );

async function open(page: Page) {
  await page.goto('./#map=9.00/30.3000/104.7000');
  await page.evaluate(() => new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase('tongcheng-atlas');
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  }));
  await page.reload();
  await mapIdle(page);
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  await page.locator('[data-tool="workspace"]').click();
  await expect(page.getByTestId('workspace-panel')).toBeVisible();
}

const drop = (page: Page, names: string[]) => dropFiles(page, names.map((n) => ({ name: n.replace(/^.*\//, ''), bytes: readFileSync(`${FIX}/${n}`) })));

/** The zh UI's import texts (reports and messages) hold no English sentence: three Latin words in a row. */
async function expectNoEnglish(page: Page) {
  const texts = await page.locator('[data-testid="import-report"], .messages').allTextContents();
  for (const text of texts) {
    const prose = text.replace(/"[^"]*"|\[[^\]]*\]/g, '');
    expect(prose, text).not.toMatch(/[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/);
  }
}

test('DataV GCJ-02 boundaries: detected by alignment, converted onto the county boundaries, one click back to WGS84', async ({ page }) => {
  await open(page);
  await drop(page, ['datav-gcj02.json']);
  await expect.poll(async () => (await layers(page)).length, { timeout: 30_000 }).toBe(1);
  const [layer] = await layers(page);
  expect((layer.source as { crs: string }).crs).toBe('GCJ-02');
  expect(worstOffset(layer.features)).toBeLessThan(5);
  // Named and styled as an import: label field, a colour outside the plan palette, light fill.
  expect(layer.style.labelField).toBe('name');
  expect(layer.style.opacity).toBeLessThanOrEqual(0.4);
  const report = page.getByTestId('alignment');
  await expect(report).toHaveAttribute('data-datum', 'GCJ-02');
  await expect(report).toHaveAttribute('data-confidence', 'high');
  await expect(report).toContainText(/看起来是 GCJ-02（高德\/DataV）坐标：已平移约 \d+ 米转为 WGS84；与县界的吻合度 \d+ 米，按 WGS84 则为 \d+ 米/);
  await expect(report).toContainText(/把握：高/);
  await expect(report).toContainText(/adcode/);
  await expectNoEnglish(page);
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await page.screenshot({ path: `${SHOTS}/intake-datav.png` });
  // The one-click alternative: the same numbers as WGS84 sit ~400 m off the boundaries.
  await report.locator('[data-action="align-alternative"]').click();
  await expect.poll(async () => ((await layers(page))[0]?.source as { crs?: string })?.crs, { timeout: 30_000 }).toBe('EPSG:4326');
  const asWgs = (await layers(page))[0];
  expect(worstOffset(asWgs.features)).toBeGreaterThan(200);
  await expect(page.getByTestId('alignment')).toHaveAttribute('data-applied', 'false');
  await expect(page.locator('[data-action="align-alternative"]')).toHaveAttribute('data-datum', 'GCJ-02');
});

test('Gaode-style Shapefile zipped with GBK names: Chinese layer name and attributes, GCJ-02 by fit', async ({ page }) => {
  await open(page);
  await drop(page, ['gaode-gbk.zip']);
  await expect.poll(async () => (await layers(page)).length, { timeout: 30_000 }).toBe(1);
  const [layer] = await layers(page);
  expect(layer.name).toBe('资阳县界');
  expect(layer.features.map((f) => (f.properties as Record<string, string>)['名称'])).toEqual(truth.counties.map((c) => c.zh));
  expect(layer.style.labelField).toBe('名称');
  expect((layer.source as { crs: string }).crs).toBe('GCJ-02');
  expect(worstOffset(layer.features)).toBeLessThan(5);
  await expect(page.getByTestId('zip-names')).toHaveAttribute('data-encoding', 'gbk');
  await expect(page.getByTestId('zip-names')).toContainText('GBK');
  await expect(page.getByTestId('alignment')).toHaveAttribute('data-datum', 'GCJ-02');
  await expect(page.locator('.layer').first()).toHaveAttribute('data-layer-name', '资阳县界');
  await expectNoEnglish(page);
});

test('loose Shapefile parts picked together: one layer with attributes and its .prj; parts without .shp named', async ({ page }) => {
  await open(page);
  const picker = page.locator('[data-testid="drop-zone"] input[type="file"]:not([webkitdirectory])');
  await picker.setInputFiles(['地块.shp', '地块.shx', '地块.dbf', '地块.prj', '地块.cpg'].map((n) => `${FIX}/loose/${n}`));
  await expect.poll(async () => (await layers(page)).length, { timeout: 30_000 }).toBe(1);
  const [layer] = await layers(page);
  expect(layer.name).toBe('地块');
  expect((layer.source as { crs: string }).crs).toBe('EPSG:4490');
  expect((layer.features[0].properties as Record<string, string>)['地块名称']).toBe('简阳市地块');
  expect(worstOffset(layer.features)).toBeLessThan(5);
  await expect(page.getByTestId('alignment')).toHaveAttribute('data-datum', 'EPSG:4326');
  await expect(page.getByTestId('alignment')).toContainText(/与县界吻合，坐标为 WGS84/);
  // A .dbf and .prj without their .shp: named, nothing imported.
  await picker.setInputFiles([`${FIX}/loose/地块.dbf`, `${FIX}/loose/地块.prj`]);
  await expect(page.locator('.messages [data-level="error"]').last()).toContainText(/地块\.dbf, 地块\.prj：是 Shapefile“地块”的组成文件，但没有同名的 \.shp/);
  expect((await layers(page)).length).toBe(1);
  await expectNoEnglish(page);
  await page.screenshot({ path: `${SHOTS}/intake-loose.png` });
});

test('a folder picked with the folder picker: its Shapefile parts become one layer', async ({ page }) => {
  await open(page);
  await page.locator('[data-testid="folder-picker"]').setInputFiles(`${FIX}/loose`);
  await expect.poll(async () => (await layers(page)).length, { timeout: 30_000 }).toBe(1);
  const [layer] = await layers(page);
  expect(layer.name).toBe('地块');
  expect(layer.n).toBe(truth.counties.length);
  expect((layer.source as { crs: string }).crs).toBe('EPSG:4490');
  await expect(page.locator('.messages [data-level="error"]')).toHaveCount(0);
});

test('Excel and CAD: an .xlsx sheet of stations and a Gauss–Krüger .dxf land on the boundaries they copy', async ({ page }) => {
  await open(page);
  await drop(page, ['stations.xlsx']);
  await expect.poll(async () => (await layers(page)).length, { timeout: 30_000 }).toBe(1);
  const [sheet] = await layers(page);
  expect(sheet.name).toBe('stations · 站点');
  expect(sheet.style.labelField).toBe('名称');
  sheet.features.forEach((f, i) => {
    expect((f.properties as Record<string, string>)['名称']).toBe(`${truth.counties[i].zh}站`);
    expect(metres((f.geometry as GeoJSON.Point).coordinates, truth.counties[i].geometry.coordinates[0][0][0])).toBeLessThan(5);
  });
  await expect(page.locator('[data-testid="import-report"][data-file="stations.xlsx"]')).toContainText('工作表“说明”没有坐标列，已跳过');

  await drop(page, ['boundaries-gk.dxf']);
  await expect.poll(async () => (await layers(page)).length, { timeout: 30_000 }).toBe(2);
  const cad = (await layers(page)).find((l) => l.name === 'boundaries-gk')!;
  expect((cad.source as { crs: string }).crs).toBe('EPSG:4544');
  const polys = cad.features.filter((f) => f.geometry.type === 'Polygon');
  expect(polys.map((f) => (f.properties as Record<string, string>).layer)).toEqual(['县界', '县界', '县界']);
  expect(worstOffset(polys)).toBeLessThan(5);
  const report = page.locator('[data-testid="import-report"][data-file="boundaries-gk.dxf"]');
  await expect(report).toContainText('CAD 图纸不带坐标系');
  await expect(report).toContainText('HATCH ×1');
  await expectNoEnglish(page);
  await mapIdle(page);
  await page.screenshot({ path: `${SHOTS}/intake-excel-cad.png` });
});
