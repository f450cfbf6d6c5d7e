import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SHOTS, frames, mapIdle, watchConsole, AXE_PATH, dropFiles, usePngDecoder } from './helpers.ts';
import { planColors } from '../../src/style/theme.ts';

const IO = 'tests/fixtures/io';
const truth = JSON.parse(readFileSync(`${IO}/truth.json`, 'utf8')) as { places: { name: string; lonlat: [number, number] }[] };

/** Geodesic-enough distance (haversine, metres) for a within-1-m check. */
function metres(a: number[], b: number[]): number {
  const R = 6371008.8;
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

async function open(page: Page, hash = '#map=8.50/30.4000/104.4000') {
  await page.goto(`./${hash}`);
  await mapIdle(page);
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  await page.locator('[data-tool="workspace"]').click();
  await expect(page.getByTestId('workspace-panel')).toBeVisible();
}

/** Drops files (from disk or text) on the drop zone. */
const drop = (page: Page, files: { name: string; path?: string; text?: string }[], target = '[data-testid="drop-zone"]') =>
  dropFiles(page, files.map((f) => ({ name: f.name, bytes: f.path ? readFileSync(f.path) : Buffer.from(f.text ?? '', 'utf8') })), target);

/** JSON with sorted keys: a loaded workspace may order keys differently from the one in memory. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

const layers = (page: Page) =>
  page.evaluate(() =>
    window.__atlasWorkspace!.history.state.layers.map((l) => ({ id: l.id, name: l.name, n: l.features.length, source: l.source, features: l.features })),
  );

async function waitLayers(page: Page, n: number) {
  await expect.poll(async () => (await layers(page)).length, { timeout: 30_000 }).toBe(n);
  await page.evaluate(() => window.__atlas!.mapView.idle());
}

/** Rendered user features near a lon/lat (screen position via map.project). */
async function renderedAt(page: Page, lonlat: [number, number], layerId: string) {
  return page.evaluate(
    ([ll, id]) => {
      const map = window.__atlasMap!;
      const p = map.project(ll as [number, number]);
      const ids = map.getStyle().layers.filter((l) => l.id.startsWith(`user-${id}-`)).map((l) => l.id);
      return map.queryRenderedFeatures([[p.x - 3, p.y - 3], [p.x + 3, p.y + 3]], { layers: ids }).length;
    },
    [lonlat, layerId] as const,
  );
}

// Every test starts from an empty store: Playwright gives each test a new browser context, and a context's
// IndexedDB starts empty (a beforeEach that loaded the app only to delete the database cost a cold load per
// test, and a whole one for the tests that open their own contexts).

test('each format imports by drag-and-drop and lands in the right place', async ({ page }) => {
  const errors = watchConsole(page);
  await open(page);
  const cases = [
    { file: 'plan.geojson', format: 'geojson' },
    { file: 'plan.topojson', format: 'topojson' },
    { file: 'plan.kml', format: 'kml' },
    { file: 'plan.kmz', format: 'kmz' },
    { file: 'shp-utf8.zip', format: 'shapefile' },
    { file: 'points-lonlat.csv', format: 'csv' },
  ];
  let count = 0;
  for (const c of cases) {
    await drop(page, [{ name: c.file, path: `${IO}/${c.file}` }]);
    await expect.poll(async () => (await layers(page)).length, { timeout: 30_000 }).toBeGreaterThan(count);
    const all = await layers(page);
    const added = all.slice(count);
    count = all.length;
    expect(added.every((l) => l.source.kind === 'import' && (l.source as { format: string }).format === c.format), c.file).toBe(true);
    // Every truth point that the layer holds as a point is within 1 m of its WGS84 position, and drawn there.
    const points = added.flatMap((l) => l.features.filter((f) => f.geometry.type === 'Point').map((f) => ({ l: l.id, c: (f.geometry as { coordinates: number[] }).coordinates })));
    expect(points.length, `${c.file} points`).toBeGreaterThan(0);
    await page.evaluate(() => window.__atlas!.mapView.idle());
    for (const p of points) {
      const near = truth.places.map((t) => metres(t.lonlat, p.c)).sort((a, b) => a - b)[0];
      expect(near, `${c.file} point ${p.c}`).toBeLessThan(1);
      expect(await renderedAt(page, p.c as [number, number], p.l), `${c.file} drawn at ${p.c}`).toBeGreaterThan(0);
    }
  }
  await expect(page.getByTestId('import-report').first()).toContainText('WGS');
  await page.screenshot({ path: `${SHOTS}/workspace-formats.png` });
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});

test('GK-zone and GCJ-02 fixtures: detected, shown, overridable', async ({ page }) => {
  await open(page);
  // CGCS2000 GK CM 105°E shapefile with .prj
  await drop(page, [{ name: 'shp-gk105.zip', path: `${IO}/shp-gk105.zip` }]);
  await waitLayers(page, 2);
  const gk = (await layers(page)).find((l) => l.features.some((f) => f.geometry.type === 'Point'))!;
  expect((gk.source as { crs: string }).crs).toBe('EPSG:4544');
  for (const f of gk.features) {
    const c = (f.geometry as { coordinates: number[] }).coordinates;
    const near = Math.min(...truth.places.map((t) => metres(t.lonlat, c)));
    expect(near).toBeLessThan(1);
    expect(await renderedAt(page, c as [number, number], gk.id)).toBeGreaterThan(0);
  }
  await expect(page.getByTestId('crs-used').first()).toContainText('105');

  // GK zone 35 with prefix, X = northing first: swapped and zone detected
  await drop(page, [{ name: 'points-gk-xy.csv', path: `${IO}/points-gk-xy.csv` }]);
  await waitLayers(page, 3);
  const csv = (await layers(page))[2];
  for (const f of csv.features) {
    const c = (f.geometry as { coordinates: number[] }).coordinates;
    const name = (f.properties as Record<string, string>)['名称'];
    const t = truth.places.find((p) => p.name === name)!;
    expect(metres(t.lonlat, c), name).toBeLessThan(1);
  }

  // GCJ-02: detection cannot tell it from WGS84 → imported as WGS84, offset by GCJ's few hundred metres
  await drop(page, [{ name: 'gcj02.geojson', path: `${IO}/gcj02.geojson` }]);
  await waitLayers(page, 4);
  const off = (await layers(page))[3];
  const offsets = off.features.map((f) => {
    const t = truth.places.find((p) => p.name === (f.properties as Record<string, string>).name)!;
    return metres(t.lonlat, (f.geometry as { coordinates: number[] }).coordinates);
  });
  for (const d of offsets) {
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(800);
  }
  const report = page.locator('[data-testid="import-report"][data-file="gcj02.geojson"]');
  await expect(report.getByTestId('crs-detected')).toContainText(/WGS/);
  // The user says it is GCJ-02: re-imported in place, now within 1 m; one undo brings the WGS84 reading back.
  await report.getByTestId('crs-override').selectOption('GCJ-02');
  await report.locator('[data-action="reimport"]').click();
  await expect(report.getByTestId('crs-used')).toContainText('GCJ-02');
  const fixed = (await layers(page))[3];
  expect(fixed.id).not.toBe(off.id);
  for (const f of fixed.features) {
    const t = truth.places.find((p) => p.name === (f.properties as Record<string, string>).name)!;
    const c = (f.geometry as { coordinates: number[] }).coordinates;
    expect(metres(t.lonlat, c)).toBeLessThan(1);
    await page.evaluate(() => window.__atlas!.mapView.idle());
    expect(await renderedAt(page, c as [number, number], fixed.id)).toBeGreaterThan(0);
  }
  await page.locator('[data-action="undo"]').click();
  expect((await layers(page))[3].id).toBe(off.id);
  await page.screenshot({ path: `${SHOTS}/workspace-crs.png` });
});

// One page (one cold load and one import) for the panel's axe check, the bad inputs and a killed tab.
test('workspace panel has no axe violations; bad inputs get clear messages naming file and feature, the workspace untouched; killed tab: a new page in the same browser finds the work', async ({ page }) => {
  await open(page);
  await drop(page, [{ name: 'plan.geojson', path: `${IO}/plan.geojson` }]);
  await waitLayers(page, 1);
  await test.step('axe', async () => {
    await page.addScriptTag({ path: AXE_PATH });
    const result = await page.evaluate(() =>
      (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(
        document.querySelector('[data-testid="workspace-panel"]'),
        {},
      ),
    );
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
  const before = await page.evaluate(() => JSON.stringify(window.__atlasWorkspace!.history.state.layers));
  const bad: [string, RegExp][] = [
    // The UI is Chinese, and so are the import messages (file, feature and problem named).
    ['malformed.geojson', /malformed\.geojson：JSON 格式错误（第 \d+ 行第 \d+ 列）/],
    ['empty.geojson', /empty\.geojson：文件为空/],
    ['not-kml.kml', /not-kml\.kml/],
    ['zip-bomb.zip', /zip-bomb\.zip：.*压缩炸弹/],
    ['dbf-only.zip', /dbf-only\.zip：包含 .*\.dbf，但没有 \.shp/],
    ['xml-bomb.kml', /xml-bomb\.kml/],
    ['unknown-projected.geojson', /unknown-projected\.geojson：.*无法判断坐标系/],
  ];
  for (const [file, re] of bad) {
    await drop(page, [{ name: file, path: `${IO}/bad/${file}` }]);
    await expect(page.locator('.messages [data-level="error"]').last()).toContainText(re);
  }
  expect(await page.evaluate(() => JSON.stringify(window.__atlasWorkspace!.history.state.layers))).toBe(before);
  // Partly bad: imported, with the bad features named and kept aside.
  await drop(page, [{ name: 'bad-geometry.geojson', path: `${IO}/bad/bad-geometry.geojson` }]);
  await waitLayers(page, 2);
  const rep = page.locator('[data-testid="import-report"][data-file="bad-geometry.geojson"]');
  await expect(rep).toContainText('已另存');
  await rep.locator('details summary').first().click();
  await expect(rep).toContainText(/bad-geometry\.geojson 中的第 1 个要素（id "no-geom"）：没有几何/);
  await page.screenshot({ path: `${SHOTS}/workspace-errors.png` });

  await test.step('killed tab', async () => {
    await expect(page.locator('[data-save]')).toHaveAttribute('data-save', 'saved', { timeout: 10_000 });
    const saved = canonical(await page.evaluate(() => window.__atlasWorkspace!.history.state.layers));
    expect(JSON.parse(saved)).toHaveLength(2);
    const other = await page.context().newPage();
    await page.close({ runBeforeUnload: false });
    await other.goto('./');
    await mapIdle(other);
    await other.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
    expect(canonical(await other.evaluate(() => window.__atlasWorkspace!.history.state.layers))).toBe(saved);
  });
});

test('draw a polygon with live area, edit, duplicate, delete; undo/redo by keys and buttons; reload keeps it', async ({ page }) => {
  test.setTimeout(180_000);
  // A view away from the plan elements, so no info card opens over the map.
  await open(page, '#map=9.00/27.3000/101.2000');
  await page.locator('[data-draw="polygon"]').click();
  // terra-draw loads on first use.
  await page.waitForFunction(() => window.__atlasMap!.getStyle().layers.some((l) => l.id.startsWith('td-')));
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  const pts = [
    [box.x + 480, box.y + 250],
    [box.x + 640, box.y + 250],
    [box.x + 640, box.y + 380],
    [box.x + 480, box.y + 380],
  ];
  for (const [x, y] of pts) {
    await page.mouse.move(x, y, { steps: 3 });
    await page.mouse.click(x, y);
    await frames(page); // terra-draw has taken the vertex and drawn it before the next move
  }
  await page.mouse.move(pts[0][0] + 40, pts[0][1] + 40, { steps: 3 });
  const live = page.getByTestId('live-measure');
  await expect(live).toBeVisible();
  const liveArea = Number(await live.getAttribute('data-area'));
  expect(liveArea).toBeGreaterThan(0);
  await page.mouse.move(pts[0][0], pts[0][1], { steps: 3 });
  await page.mouse.click(pts[0][0], pts[0][1]);
  await expect.poll(async () => (await layers(page)).reduce((n, l) => n + l.n, 0)).toBe(1);
  const drawn = (await layers(page))[0];
  expect(drawn.source.kind).toBe('drawing');
  const poly = drawn.features[0];
  expect(poly.geometry.type).toBe('Polygon');
  // Its corners are where we clicked (unproject independently).
  const corners = await page.evaluate((p) => p.map(([x, y]) => window.__atlasMap!.unproject([x, y]).toArray()), pts.map(([x, y]) => [x - box.x, y - box.y]));
  const ring = (poly.geometry as { coordinates: number[][][] }).coordinates[0];
  for (const c of corners) expect(Math.min(...ring.map((r) => metres(r, c)))).toBeLessThan(200);
  expect((poly.properties as { accuracy: string }).accuracy).toBe('schematic');
  await page.locator('[data-action="stop-drawing"]').click();

  // properties form
  const form = page.getByTestId('feature-form');
  await form.locator('[data-prop="name-zh"]').fill('试点片区');
  await form.locator('[data-prop="name-en"]').fill('Pilot area');
  await form.locator('[data-prop="kind"]').selectOption('pilotZone');
  await form.locator('[data-prop="year-target"]').fill('2030');
  await form.locator('[data-prop="year-target"]').blur();
  await expect.poll(async () => (await layers(page))[0].features[0].properties).toMatchObject({ kind: 'pilotZone', name: { zh: '试点片区', en: 'Pilot area' }, years: { target: 2030 } });

  // duplicate, delete
  await form.locator('[data-action="duplicate"]').click();
  await expect.poll(async () => (await layers(page))[0].n).toBe(2);
  await page.getByTestId('feature-form').locator('[data-action="delete-feature"]').click();
  await expect.poll(async () => (await layers(page))[0].n).toBe(1);

  // Ctrl+Z in a text field is the field's own; on the page it is ours.
  await page.locator('.maplibregl-canvas').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await layers(page))[0].n).toBe(2);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await layers(page))[0].n).toBe(1);
  await page.locator('[data-action="undo"]').click();
  await expect.poll(async () => (await layers(page))[0].n).toBe(2);
  await page.locator('[data-action="redo"]').click();
  await expect.poll(async () => (await layers(page))[0].n).toBe(1);

  // Edit shape: drag a vertex; one undo entry restores the exact old ring.
  await page.evaluate(() => window.__atlasWorkspace!.ui.selected = null);
  const fid = (await layers(page))[0].features[0].id;
  const lid = (await layers(page))[0].id;
  await page.evaluate(([l, f]) => (window.__atlasWorkspace!.ui.selected = { layerId: l, featureId: f }), [lid, fid]);
  await page.getByTestId('feature-form').locator('[data-action="edit-shape"]').click();
  const ringBefore = JSON.stringify((await layers(page))[0].features[0].geometry);
  const v = await page.evaluate((c) => window.__atlasMap!.project(c as [number, number]), ring[1]);
  // the vertex handle is drawn where we are about to grab it
  await page.waitForFunction((p) => {
    const map = window.__atlasMap!;
    const layers = map.getStyle().layers.filter((l) => l.id.startsWith('td-point')).map((l) => l.id);
    return map.queryRenderedFeatures([[p.x - 4, p.y - 4], [p.x + 4, p.y + 4]], { layers }).length > 0;
  }, v);
  await page.mouse.move(box.x + v.x, box.y + v.y, { steps: 2 });
  await page.mouse.down();
  await page.mouse.move(box.x + v.x + 60, box.y + v.y - 50, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => JSON.stringify((await layers(page))[0].features[0].geometry)).not.toBe(ringBefore);
  await page.screenshot({ path: `${SHOTS}/workspace-edit.png` });
  await page.getByTestId('feature-form').locator('[data-action="done-editing"]').click();
  await page.locator('[data-action="undo"]').click();
  await expect.poll(async () => JSON.stringify((await layers(page))[0].features[0].geometry)).toBe(ringBefore);
  await page.locator('[data-action="redo"]').click();
  const final = canonical(await page.evaluate(() => window.__atlasWorkspace!.history.state.layers));

  // Autosave, then a reload (as after a killed tab) finds everything.
  await expect(page.locator('[data-save]')).toHaveAttribute('data-save', 'saved', { timeout: 10_000 });
  await page.reload();
  await mapIdle(page);
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  expect(canonical(await page.evaluate(() => window.__atlasWorkspace!.history.state.layers))).toBe(final);
  // Bring the layer into view with its "zoom to" button (the edits above moved the polygon), then it must be drawn.
  await page.getByTestId('workspace-panel').getByRole('button', { name: '缩放至' }).first().click();
  // The workspace module loads after the map's first frame, so its layers arrive a moment later.
  await expect
    .poll(() =>
      page.evaluate(async (id) => {
        await window.__atlas!.mapView.idle();
        const map = window.__atlasMap!;
        return map.getLayer(`user-${id}-fill`) ? map.queryRenderedFeatures({ layers: [`user-${id}-fill`] }).length : 0;
      }, lid),
    )
    .toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/workspace-after-reload.png` });
});

test('exports re-import identically; the workspace file opens elsewhere; map image at 1920×1080', async ({ page, browser }) => {
  await open(page);
  await drop(page, [{ name: 'plan.geojson', path: `${IO}/plan.geojson` }]);
  await waitLayers(page, 1);
  const layer = page.locator('.layer').first();
  const downloadOf = async (format: string, crs: string) => {
    await layer.locator('summary', { hasText: /导出图层|Export layer/ }).click();
    await layer.locator('[data-export="format"]').selectOption(format);
    await layer.locator('[data-export="crs"]').selectOption(crs);
    const dl = page.waitForEvent('download');
    await layer.locator('[data-action="export-layer"]').click();
    const d = await dl;
    const text = readFileSync((await d.path())!, 'utf8');
    await layer.locator('summary', { hasText: /导出图层|Export layer/ }).click();
    return { name: d.suggestedFilename(), text };
  };
  const original = (await layers(page))[0];
  const geo = await downloadOf('geojson', 'EPSG:4326');
  const gj = JSON.parse(geo.text);
  expect(gj.features.map((f: { id: string }) => f.id)).toEqual(original.features.map((f) => (f as { sourceId?: string }).sourceId));
  const topo = await downloadOf('topojson', 'EPSG:4326');
  expect(JSON.parse(topo.text).type).toBe('Topology');
  const csv = await downloadOf('csv', 'EPSG:4326');
  expect(csv.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(/^lon,lat,wkt/);
  const gcj = await downloadOf('geojson', 'GCJ-02');
  expect(JSON.parse(gcj.text).crs.properties.name).toBe('GCJ-02');
  // File names say the coordinate system; a projected CSV comes with its .prj in one zip.
  expect([geo.name, topo.name, csv.name, gcj.name]).toEqual(['plan_wgs84.geojson', 'plan_wgs84.topojson', 'plan_wgs84.csv', 'plan_gcj02.geojson']);
  const gk = await downloadOf('csv', 'EPSG:4544');
  expect(gk.name).toBe('plan_epsg4544.zip');
  expect(gk.text.startsWith('PK')).toBe(true);

  // Re-import each: same geometry and properties as the original layer.
  for (const f of [geo, topo, csv, gcj]) await drop(page, [{ name: f.name.replace(/(\.\w+)$/, `-again$1`), text: f.text }]);
  await waitLayers(page, 5);
  const all = await layers(page);
  const norm = (l: (typeof all)[number]) => l.features.map((f) => ({ g: JSON.stringify(f.geometry, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(7)) : v)), p: f.properties }));
  for (const again of all.slice(1, 3)) expect(norm(again), again.name).toEqual(norm(all[0]));
  // CSV keeps values as text and points in lon/lat; compare geometry.
  expect(all[3].features.map((f) => norm({ ...all[3], features: [f] })[0].g)).toEqual(norm(all[0]).map((x) => x.g));
  // GCJ-02 file read back through its crs member lands on the original within 1 m.
  all[4].features.forEach((f, i) => {
    if (f.geometry.type === 'Point') expect(metres((f.geometry as { coordinates: number[] }).coordinates, (all[0].features[i].geometry as { coordinates: number[] }).coordinates)).toBeLessThan(1);
  });

  // Workspace file → a fresh browser context opens it identically.
  const dl = page.waitForEvent('download');
  await page.locator('[data-action="export-workspace"]').click();
  const wsFile = await dl;
  const wsText = readFileSync((await wsFile.path())!, 'utf8');
  const ctx2 = await browser.newContext();
  const page2 = await ctx2.newPage();
  await open(page2);
  await drop(page2, [{ name: wsFile.suggestedFilename(), text: wsText }]);
  await expect.poll(() => page2.evaluate(() => window.__atlasWorkspace!.history.state.layers.length)).toBe(5);
  const text2 = await page2.evaluate(() => {
    const ws = window.__atlasWorkspace!.history.state;
    return { id: ws.id, layers: ws.layers };
  });
  const text1 = await page.evaluate(() => {
    const ws = window.__atlasWorkspace!.history.state;
    return { id: ws.id, layers: ws.layers };
  });
  expect(canonical(text2)).toBe(canonical(text1));

  // Opened over existing work, the file asks "merge or replace?"; each answer is one undo entry.
  const count2 = () => page2.evaluate(() => window.__atlasWorkspace!.history.state.layers.length);
  await drop(page2, [{ name: 'plan.geojson', path: `${IO}/plan.geojson` }]);
  await expect.poll(count2).toBe(6);
  const choice = page2.locator('[data-pending-open]');
  const openAgain = async (answer: 'merge' | 'replace' | 'cancel') => {
    await drop(page2, [{ name: wsFile.suggestedFilename(), text: wsText }]);
    await expect(choice).toBeVisible();
    await expect(choice).toContainText('5 个图层');
    await choice.locator(`[data-open="${answer}"]`).click();
    await expect(choice).toHaveCount(0);
  };
  await openAgain('merge');
  await expect.poll(count2).toBe(11);
  await page2.locator('[data-action="undo"]').click();
  await expect.poll(count2).toBe(6);
  await drop(page2, [{ name: wsFile.suggestedFilename(), text: wsText }]);
  await expect(choice).toBeVisible();
  await page2.screenshot({ path: `${SHOTS}/workspace-open-choice.png` });
  await choice.locator('[data-open="replace"]').click();
  await expect.poll(count2).toBe(5);
  const replaced = await page2.evaluate(() => window.__atlasWorkspace!.history.state.layers);
  expect(canonical(replaced)).toBe(canonical(text1.layers));
  await page2.locator('[data-action="undo"]').click();
  await expect.poll(count2).toBe(6);
  await openAgain('cancel');
  expect(await count2()).toBe(6);
  await ctx2.close();

  // Map image: PNG of the chosen size, with the map and the composed parts.
  await page.locator('[data-image="title"]').fill('导出测试 Export test');
  await page.locator('[data-image="preset"]').selectOption('1920x1080');
  const imgDl = page.waitForEvent('download', { timeout: 60_000 });
  await page.locator('[data-action="save-image"]').click();
  const img = await imgDl;
  const png = readFileSync((await img.path())!);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(1920);
  expect(png.readUInt32BE(20)).toBe(1080);
  const shot = `${SHOTS}/workspace-export-1920.png`;
  (await import('node:fs')).writeFileSync(shot, png);
  // Not blank: many colours (decode in the page).
  const stats = await page.evaluate(async (b64) => {
    const ctx = await window.__decodePng!(b64);
    const d = ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 97) colours.add((d[i] >> 4) * 256 + (d[i + 1] >> 4) * 16 + (d[i + 2] >> 4));
    return { colours: colours.size };
  }, await usePngDecoder(page, png));
  expect(stats.colours).toBeGreaterThan(30);
});

test('storage full and private mode are reported; work goes on in memory', async ({ browser }) => {
  const ctx = await browser.newContext();
  await ctx.addInitScript(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('quota', 'QuotaExceededError');
    };
  });
  const page = await ctx.newPage();
  await open(page);
  await drop(page, [{ name: 'plan.geojson', path: `${IO}/plan.geojson` }]);
  await waitLayers(page, 1);
  await expect(page.locator('[data-store-error="quota"]')).toContainText(/存储空间已满|Storage full/, { timeout: 10_000 });
  await ctx.close();

  const ctx2 = await browser.newContext();
  await ctx2.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined });
  });
  const page2 = await ctx2.newPage();
  await open(page2);
  await expect(page2.locator('[data-store-error="unavailable"]')).toContainText(/隐私浏览|private browsing/);
  await drop(page2, [{ name: 'plan.geojson', path: `${IO}/plan.geojson` }]);
  await waitLayers(page2, 1);
  await ctx2.close();
});

test('a big CSV parses in the worker with progress, can be cancelled, and renders through deck.gl', async ({ page }) => {
  await open(page);
  const rows = ['lon,lat,v'];
  for (let i = 0; i < 60_000; i++) rows.push(`${(103 + (i % 300) * 0.006).toFixed(5)},${(29.5 + Math.floor(i / 300) * 0.006).toFixed(5)},${i % 7}`);
  const text = rows.join('\n');
  // Cancel: the workspace stays exactly as it was.
  const before = await page.evaluate(() => JSON.stringify(window.__atlasWorkspace!.history.state));
  // A larger file for the cancel, so the job is surely still running when Cancel is pressed.
  const huge = [text, ...Array.from({ length: 5 }, () => rows.slice(1).join('\n'))].join('\n');
  await drop(page, [{ name: 'big.csv', text: huge }]);
  await expect(page.getByTestId('import-job')).toBeVisible();
  await page.locator('[data-action="cancel-import"]').click();
  await expect(page.getByTestId('import-job')).toHaveCount(0);
  await expect(page.locator('.messages')).toContainText('big.csv');
  expect(await page.evaluate(() => JSON.stringify(window.__atlasWorkspace!.history.state))).toBe(before);
  // Import to the end: the main thread keeps answering while the worker parses.
  await drop(page, [{ name: 'big.csv', text }]);
  const t0 = Date.now();
  let maxGap = 0;
  while ((await layers(page)).length === 0 && Date.now() - t0 < 60_000) {
    const s = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    maxGap = Math.max(maxGap, Date.now() - s);
  }
  expect((await layers(page))[0].n).toBe(60_000);
  await expect.poll(() => page.evaluate(() => window.__atlasWorkspace!.rendered())).toEqual([expect.stringMatching(/:deck$/)]);
  await expect(page.getByTestId('deck-note')).toBeVisible();
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await frames(page); // deck.gl draws in the frame after MapLibre's idle
  await page.screenshot({ path: `${SHOTS}/workspace-deck.png` });
  console.log(`big CSV: longest frame wait while importing ${maxGap} ms`);
});

// Big import budget: WS_BIG_MB=100 for the 100 MB measurement (docs/workspace.md); CI runs a smaller file.
const BIG_MB = Number(process.env.WS_BIG_MB ?? 12);

test(`a ${BIG_MB} MB CSV imports in slices (long tasks measured), draws through deck.gl and survives a reload`, async ({ page }) => {
  test.setTimeout(Math.max(120_000, BIG_MB * 6_000));
  await open(page);
  // Build the file in the page (sending 100 MB through the test protocol would dominate the run).
  const made = await page.evaluate((mb) => {
    // Rows of ~230 bytes (a survey note column), so 100 MB stays under the importer's 500 000-feature limit.
    const parts: string[] = ['lon,lat,名称,category,value,备注\n'];
    const note = `"${'现场踏勘记录：道路、管线与用地现状，'.repeat(4)}${'survey note, road and land-use status; '.repeat(2)}"`;
    let size = new Blob([parts[0]]).size;
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const cats = ['residential', 'industrial', 'transit', 'park', 'school'];
    let n = 0;
    while (size < mb * 1e6) {
      let chunk = '';
      for (let k = 0; k < 2_000; k++, n++) {
        // Chengdu–Deyang–Meishan box; 5 decimals like a survey export.
        chunk += `${(103.6 + rnd() * 1.6).toFixed(5)},${(29.8 + rnd() * 1.2).toFixed(5)},站点${n},${cats[n % 5]},${(rnd() * 1000).toFixed(2)},${note}\n`;
      }
      size += new Blob([chunk]).size;
      parts.push(chunk);
    }
    const file = new File(parts, 'big-points.csv', { type: 'text/csv' });
    (window as unknown as { __bigFile: File }).__bigFile = file;
    return { rows: n, bytes: file.size };
  }, BIG_MB);
  // Opening the workspace prepares deck.gl's point program (a one-off GPU link, see docs/workspace.md).
  await page.waitForFunction(() => window.__atlasWorkspace!.deckWarm(), null, { timeout: 30_000 });
  // WS_PROFILE=1: a CPU profile of the import (build with --minify false to read the names).
  const cdp = process.env.WS_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }

  page.on('console', (msg) => {
    if (msg.text().startsWith('[big]')) console.log(msg.text());
  });
  // Drop it and watch the main thread until the layer is drawn and autosaved.
  const m = await page.evaluate(async (rows) => {
    const mem = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    const heap0 = mem();
    const t0 = performance.now();
    performance.mark('big-import-start');
    const longs: { start: number; dur: number }[] = [];
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.startTime >= t0) longs.push({ start: Math.round(e.startTime - t0), dur: Math.round(e.duration) });
    });
    obs.observe({ type: 'longtask', buffered: true });
    let last = t0;
    let maxGap = 0;
    let stop = false;
    const tick = (t: number) => {
      maxGap = Math.max(maxGap, t - last);
      last = t;
      if (!stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const file = (window as unknown as { __bigFile: File }).__bigFile;
    const dt = new DataTransfer();
    dt.items.add(file);
    document.querySelector('[data-testid="drop-zone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    const w = window.__atlasWorkspace!;
    const until = async (ok: () => boolean, ms: number) => {
      const end = performance.now() + ms;
      while (!ok()) {
        if (performance.now() > end) throw new Error(`timed out; state ${JSON.stringify(w.ui.save)} layers ${w.history.state.layers.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    let sawProgress = 0;
    // Milestones, to tell which stage a long task belongs to.
    const timeline: string[] = [];
    let lastState = '';
    const note = () => {
      const st = `${w.ui.jobs.map((j) => j.stage).join()}|${w.history.state.layers.length}|${w.rendered().join()}|${w.ui.save.state}`;
      if (st !== lastState) {
        timeline.push(`${Math.round(performance.now() - t0)} ${(lastState = st)}`);
        // Also to the console, so a run that times out still tells how far it got.
        console.log(`[big] ${timeline[timeline.length - 1]} maxLong ${Math.max(0, ...longs.map((l) => l.dur))} n ${longs.length} heap ${Math.round(mem() / 1e6)} MB`);
      }
    };
    await until(() => {
      note();
      for (const j of w.ui.jobs) sawProgress = Math.max(sawProgress, j.fraction);
      return w.history.state.layers[0]?.features.length === rows && w.rendered().some((r) => r.endsWith(':deck'));
    }, 600_000);
    const layered = performance.now() - t0;
    await window.__atlas!.mapView.idle();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const drawn = performance.now() - t0;
    await until(() => (note(), w.ui.save.state === 'saved'), 600_000);
    const saved = performance.now() - t0;
    // long tasks that trail the save are counted too: stop once the main thread is idle
    await new Promise((r) => requestIdleCallback(() => r(null), { timeout: 5000 }));
    stop = true;
    obs.disconnect();
    return {
      layered: Math.round(layered),
      drawn: Math.round(drawn),
      saved: Math.round(saved),
      maxGap: Math.round(maxGap),
      longs,
      maxLong: Math.max(0, ...longs.map((l) => l.dur)),
      blocked: longs.reduce((s, l) => s + Math.max(0, l.dur - 50), 0),
      heapMB: Math.round((mem() - heap0) / 1e6),
      sawProgress,
      timeline,
    };
  }, made.rows);
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    (await import('node:fs')).writeFileSync('test-output/workspace-big-import.cpuprofile', JSON.stringify(profile));
  }
  console.log(`big import ${(made.bytes / 1e6).toFixed(1)} MB, ${made.rows} rows: ${JSON.stringify({ ...m, longs: m.longs.slice(0, 40) })}`.replace(/"timeline"/, '\n"timeline"'));

  // The layer is drawn by deck.gl: pick a few of its points on screen, and the map has its colour.
  const picks = await page.evaluate(() => {
    const w = window.__atlasWorkspace!;
    const view = window.__atlas!.mapView;
    const layer = w.history.state.layers[0];
    let hits = 0;
    for (let i = 0; i < 5; i++) {
      const f = layer.features[Math.floor((i * layer.features.length) / 5)];
      const p = window.__atlasMap!.project(f.geometry.type === 'Point' ? (f.geometry.coordinates as [number, number]) : [0, 0]);
      const info = view.pick(p.x, p.y, 2).deck as { layer?: { id: string } } | null;
      if (info?.layer?.id === `user-${layer.id}`) hits++;
    }
    return hits;
  });
  expect(picks).toBeGreaterThanOrEqual(4);
  await page.screenshot({ path: `${SHOTS}/workspace-big-import.png` });
  expect(m.sawProgress).toBeGreaterThan(0);
  // Timing is a benchmark, not a CI assertion (DEVELOPERS.md): CI prints the figures above; `npm run bench`
  // runs this test at 100 MB with WS_BIG_BUDGET=1, which checks the 200 ms budget and reports the result.
  if (process.env.WS_BIG_BUDGET === '1') expect.soft(m.maxLong, JSON.stringify(m.longs)).toBeLessThan(200);

  // Never lose work: the layer comes back after a reload, drawn again.
  await page.reload();
  await mapIdle(page);
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true, null, { timeout: 120_000 });
  const back = await page.evaluate(() => {
    const l = window.__atlasWorkspace!.history.state.layers;
    return { n: l.length, features: l[0]?.features.length, first: l[0]?.features[0], before: undefined };
  });
  expect(back.n).toBe(1);
  expect(back.features).toBe(made.rows);
  expect(back.first?.properties).toMatchObject({ 名称: '站点0' });
  await expect.poll(() => page.evaluate(() => window.__atlasWorkspace!.rendered())).toEqual([expect.stringMatching(/:deck$/)]);
});

test('map image at 4K (3840×2160): right size, the map drawn with plan colours, title, legend and scale bar', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  await drop(page, [{ name: 'plan.geojson', path: `${IO}/plan.geojson` }]);
  await waitLayers(page, 1);
  await page.locator('[data-image="title"]').fill('4K 导出测试');
  await page.locator('[data-image="preset"]').selectOption('3840x2160');
  const dl = page.waitForEvent('download', { timeout: 150_000 });
  await page.locator('[data-action="save-image"]').click();
  const png = readFileSync((await (await dl).path())!);
  // PNG header: signature, then IHDR width and height (big-endian) at bytes 16 and 20.
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.subarray(12, 16).toString()).toBe('IHDR');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([3840, 2160]);
  const planHex = [...Object.values(planColors.kind), ...Object.values(planColors.mode)];
  // the export scales its panels by image size over the map's size on screen (not the window's)
  const screen = await page.evaluate(() => {
    const r = window.__atlasMap!.getContainer().getBoundingClientRect();
    return { w: r.width, h: r.height };
  });
  const r = await page.evaluate(
    async ({ b64, planHex, screen }) => {
      const ctx = await window.__decodePng!(b64);
      const c = ctx.canvas;
      const W = c.width;
      const H = c.height;
      const d = ctx.getImageData(0, 0, W, H).data;
      const px = (x: number, y: number) => {
        const i = 4 * (Math.round(y) * W + Math.round(x));
        return [d[i], d[i + 1], d[i + 2]];
      };
      const whitish = ([r, g, b]: number[]) => r > 225 && g > 225 && b > 225;
      const region = (x0: number, y0: number, x1: number, y1: number) => {
        let n = 0;
        let white = 0;
        let dark = 0;
        const colours = new Set<number>();
        for (let y = y0; y < y1; y += 2)
          for (let x = x0; x < x1; x += 2) {
            const p = px(x, y);
            n++;
            if (whitish(p)) white++;
            if (p[0] + p[1] + p[2] < 250) dark++;
            colours.add((p[0] >> 4) * 256 + (p[1] >> 4) * 16 + (p[2] >> 4));
          }
        return { white: white / n, dark: dark / n, colours: colours.size };
      };
      // s: the export's panel scale (its pixel ratio over the map on screen)
      const s = Math.min(W / screen.w, H / screen.h);
      const pad = 14 * s;
      const title = region(pad + 4 * s, pad + 4 * s, pad + 110 * s, pad + 36 * s);
      // The legend and scale-bar panels share a bottom edge; find it from the legend's left border
      // (#d7dbe0, drawn at x = pad), the lowest such pixel sits just above the rounded corner.
      let border = -1;
      for (let y = H - 1; y > H / 2 && border < 0; y--) {
        // the border is s px wide and antialiased: look across it
        for (let dx = -Math.ceil(s); dx <= Math.ceil(s) && border < 0; dx++) {
          const p = px(pad + dx, y);
          if (Math.abs(p[0] - 0xd7) + Math.abs(p[1] - 0xdb) + Math.abs(p[2] - 0xe0) < 24) border = y;
        }
      }
      const legendBottom = border + 4 * s;
      // The disclaimer strip: text along the bottom edge.
      const strip = region(pad, H - 20 * s, pad + 400 * s, H - 2);
      const legend = region(pad + 4 * s, legendBottom - 60 * s, pad + 150 * s, legendBottom - 4 * s);
      // Scale bar: its filled half is a horizontal run of near-black (#1f2328) pixels, at least 48·s long,
      // in the bottom-right corner (map lines do not make such runs).
      let scaleRun = 0;
      for (let y = Math.round(H * 0.7); y < H; y += 1) {
        let run = 0;
        for (let x = Math.round(W / 2); x < W; x++) {
          const p = px(x, y);
          run = p[0] < 60 && p[1] < 60 && p[2] < 70 ? run + 1 : 0;
          if (run > scaleRun) scaleRun = run;
        }
      }
      const scale = { run: scaleRun };
      const map = region(Math.round(W * 0.3), Math.round(H * 0.15), Math.round(W * 0.7), Math.round(H * 0.6));
      // Plan colours in the map area (within a small distance, for antialiasing and opacity).
      const rgb = planHex.map((h) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16)));
      let plan = 0;
      let total = 0;
      for (let yy = Math.round(H * 0.1); yy < legendBottom - 40 * s; yy += 3)
        for (let xx = Math.round(W * 0.25); xx < W - 10; xx += 3) {
          const p = px(xx, yy);
          total++;
          if (rgb.some((q) => Math.abs(q[0] - p[0]) + Math.abs(q[1] - p[1]) + Math.abs(q[2] - p[2]) < 24)) plan++;
        }
      const small = document.createElement('canvas');
      small.width = 1280;
      small.height = 720;
      small.getContext('2d')!.drawImage(c, 0, 0, 1280, 720);
      return { W, H, s, strip, legendBottom, title, legend, scale, map, planShare: plan / total, small: small.toDataURL('image/png').split(',')[1] };
    },
    { b64: await usePngDecoder(page, png), planHex, screen },
  );
  (await import('node:fs')).writeFileSync(`${SHOTS}/workspace-export-4k-small.png`, Buffer.from(r.small, 'base64'));
  console.log(`4K export: ${JSON.stringify({ ...r, small: undefined })}`);
  expect(r.map.colours).toBeGreaterThan(40);
  expect(r.planShare).toBeGreaterThan(0.002);
  // Panels: light background with dark text/marks.
  expect(r.title.white).toBeGreaterThan(0.4);
  expect(r.title.dark).toBeGreaterThan(0.01);
  expect(r.strip.dark).toBeGreaterThan(0.01);
  expect(r.legendBottom).toBeGreaterThan(r.H - 200 * r.s);
  expect(r.legend.white).toBeGreaterThan(0.3);
  expect(r.legend.dark).toBeGreaterThan(0.005);
  expect(r.legend.colours).toBeGreaterThan(4);
  expect(r.scale.run).toBeGreaterThan(48 * r.s);
});
