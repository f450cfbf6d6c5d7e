// The planner workbench in a real browser: accuracy badges on analysis results, operations that
// make layers (buffer, points in polygons, save as layer) and the attribute table. Figures are
// checked against independent references (GeographicLib here, shapely fixtures from scripts/reference).
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import * as geographiclib from 'geographiclib-geodesic';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { SHOTS, dropFiles, frames, mapIdle } from './helpers.ts';

type GL = typeof geographiclib;
const geod = ((geographiclib as unknown as { default?: GL }).default ?? geographiclib).Geodesic.WGS84;
const inverse = (a: Position, b: Position) => geod.Inverse(a[1], a[0], b[1], b[0]).s12 ?? NaN;
const planTopo = JSON.parse(readFileSync('public/data/plan/map.topo.json', 'utf8')) as Topology;
const planFeatures = (feature(planTopo, planTopo.objects.elements as GeometryCollection) as FeatureCollection<Geometry, { id: string; kind: string; zh: string; accuracy: string }>).features;

async function openPanel(page: Page, hash = '') {
  await page.goto(`./${hash}`);
  await mapIdle(page);
  await page.waitForFunction(() => (window.__atlasMap!.getSource('plan') as unknown) !== undefined);
  await page.locator('[data-tool="analysis"]').click();
  await expect(page.locator('[data-panel="analysis"] [role="tablist"]')).toBeVisible();
}
const section = (page: Page, name: string) => page.locator(`[data-section="${name}"]`);

test('accuracy: nearest hubs from 天府广场 carry badges; schematic distances show ≈ and rounded; schematic rows can be hidden', async ({ page }) => {
  // 天府广场
  await openPanel(page, '#map=12.00/30.6574/104.0657');
  await page.locator('[data-tab="nearest"]').click();
  const s = section(page, 'nearest');
  await s.locator('input[type="number"]').nth(1).fill('6');
  await s.locator('[data-action="nearest-centre"]').click();
  const rows = s.locator('[data-table="nearest-hubs"] tbody tr');
  await expect(rows).toHaveCount(6);

  const centre = await page.evaluate(() => window.__atlasMap!.getCenter().toArray());
  const hubs = planFeatures
    .filter((f) => f.properties.kind === 'hub')
    .map((f) => ({ id: f.properties.id, accuracy: f.properties.accuracy, m: f.geometry.type === 'Point' ? inverse(centre, f.geometry.coordinates) : Infinity }));
  const byId = new Map(hubs.map((h) => [h.id, h]));
  const cells = await s.locator('[data-table="nearest-hubs"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.querySelector('td[data-key="name"]')!.getAttribute('data-id')!,
      value: Number(tr.querySelector('td[data-key="distance_km"]')!.getAttribute('data-value')),
      text: tr.querySelector('td[data-key="distance_km"]')!.textContent!.trim(),
      badge: tr.querySelector('[data-accuracy]')!.getAttribute('data-accuracy')!,
    })),
  );
  const seen = new Set(cells.map((c) => c.badge));
  expect(seen, 'both kinds among the six nearest').toContain('schematic');
  expect(seen).toContain('located');
  for (const c of cells) {
    // the badge is the element's own accuracy (the clicked point is exact)
    expect(c.badge, c.id).toBe(byId.get(c.id)!.accuracy);
    if (c.badge === 'schematic') {
      const km = c.value < 10 ? Math.round(c.value * 2) / 2 : Math.round(c.value);
      expect(c.text, c.id).toBe(`≈ ${Number.isInteger(km) ? km.toFixed(0) : km.toFixed(1)}`);
    } else {
      expect(c.text, c.id).toBe(c.value.toFixed(2));
      // points: the exact figure against GeographicLib
      if (Number.isFinite(byId.get(c.id)!.m)) expect(Math.abs(c.value * 1000 - byId.get(c.id)!.m), c.id).toBeLessThan(0.01);
    }
  }
  await expect(s.locator('[data-table="nearest-hubs"] [data-note="approx"]')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/workbench-accuracy.png` });

  const schematic = cells.filter((c) => c.badge === 'schematic').length;
  await s.locator('[data-table="nearest-hubs"] [data-filter="hide-schematic"]').check();
  await expect(rows).toHaveCount(6 - schematic);
  await expect(s.locator('[data-table="nearest-hubs"] [data-note="hidden-schematic"]')).toBeVisible();
  await expect(s.locator('[data-table="nearest-hubs"] tbody [data-accuracy="schematic"]')).toHaveCount(0);
});

const reference = JSON.parse(readFileSync('tests/fixtures/workbench/stations-per-unit.json', 'utf8')) as Record<string, { counts: Record<string, number>; outside: number }>;
const layers = (page: Page) =>
  page.evaluate(() =>
    window.__atlasWorkspace!.history.state.layers.map((l) => ({
      id: l.id,
      name: l.name,
      source: l.source,
      features: l.features.map((f) => ({ geometry: f.geometry, properties: f.properties as Record<string, unknown> })),
    })),
  );

// one page (same view) for the buffer and the overlay clipped by a buffer
test('operations: a 3 km buffer of 成都东站 becomes a layer with its provenance; undo removes it; overlay: 成德眉资 counties clipped by a 3 km buffer of 成都东站 become a layer on the map; undo removes it', async ({ page }) => {
  await openPanel(page, '#map=11.00/30.6313/104.1389');
  await expect.poll(() => page.evaluate(() => window.__atlasWorkspace?.ui.ready ?? false), { timeout: 30_000 }).toBe(true);
  const before = (await layers(page)).length;
  await page.locator('[data-tab="layers"]').click();
  const s = section(page, 'layers');
  await s.locator('[data-picker="buffer"] select').selectOption('station-chengdu-east');
  await s.locator('[data-input="buffer-km"]').fill('3');
  await s.locator('[data-action="buffer-run"]').click();
  await expect(s.locator('[data-status="buffer"]')).toContainText('3');
  await expect.poll(async () => (await layers(page)).length).toBe(before + 1);
  const made = (await layers(page)).at(-1)!;
  expect(made.source).toEqual({ kind: 'analysis', op: 'buffer', provenance: { zh: '成都东站（定位）的 3 公里缓冲区', en: 'buffer 3 km of Chengdu East Railway Station (located)' }, accuracy: 'located' });
  // every vertex 3 km from the station (GeographicLib, independent of the app)
  const station = (planFeatures.find((f) => f.properties.id === 'station-chengdu-east')!.geometry as { coordinates: Position }).coordinates;
  const ring = (made.features[0].geometry as { coordinates: Position[][] }).coordinates[0];
  expect(ring.length).toBeGreaterThan(30);
  for (const p of ring) expect(Math.abs(inverse(station, p) - 3000)).toBeLessThan(0.5);
  expect(made.features[0].properties).toMatchObject({ buffer_km: 3, accuracy: 'located', provenance: 'buffer 3 km of Chengdu East Railway Station (located)' });
  // drawn on the map
  await expect.poll(() => page.evaluate(() => window.__atlasWorkspace!.rendered())).toContain(`${made.id}:maplibre`);
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await page.screenshot({ path: `${SHOTS}/workbench-buffer.png` });

  // undo (Ctrl+Z outside a text field) removes it; the map drops it too
  await page.locator('[data-tab="layers"]').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await layers(page)).length).toBe(before);
  await expect.poll(() => page.evaluate(() => window.__atlasWorkspace!.rendered().join(' '))).not.toContain(made.id);

  await test.step('overlay: 成德眉资 counties clipped by a 3 km buffer of 成都东站 become a layer on the map; undo removes it', async () => {
    await s.locator('[data-picker="buffer"] select').selectOption('station-chengdu-east');
    await s.locator('[data-input="buffer-km"]').fill('3');
    const before = (await layers(page)).length;
    await s.locator('[data-action="buffer-run"]').click();
    await expect.poll(async () => (await layers(page)).length).toBe(before + 1);
    const buffer = (await layers(page)).at(-1)!;

    await s.locator('[data-input="overlay-op"]').selectOption('clip');
    await s.locator('[data-input="overlay-a"]').selectOption('metro-counties');
    await s.locator('[data-input="overlay-b"]').selectOption(`user:${buffer.id}`);
    await s.locator('[data-action="overlay-run"]').click();
    await expect.poll(async () => (await layers(page)).length, { timeout: 30_000 }).toBe(before + 2);
    const made = (await layers(page)).at(-1)!;
    expect(made.source).toEqual({
      kind: 'analysis',
      op: 'clip',
      provenance: { zh: '以成都东站（定位）的 3 公里缓冲区裁剪成德眉资区县（边界）', en: 'clip Chengdu metropolitan area counties (boundary) by buffer 3 km of Chengdu East Railway Station (located)' },
      accuracy: 'located',
    });
    // the 3 km disc around the station lies in a few districts of 成都; the pieces add up to the disc
    const codes = made.features.map((f) => f.properties.adcode as string);
    expect(codes.length).toBeGreaterThanOrEqual(2);
    expect(codes.every((c) => c.startsWith('5101'))).toBe(true);
    const km2 = made.features.reduce((sum, f) => sum + (f.properties.area_km2 as number), 0);
    expect(Math.abs(km2 / (Math.PI * 9) - 1)).toBeLessThan(0.005);
    await expect.poll(() => rendered(page, made.id)).toBeGreaterThan(0);
    await page.evaluate(() => window.__atlas!.mapView.idle());
    await page.screenshot({ path: `${SHOTS}/workbench-clip.png` });

    await page.locator('[data-tab="layers"]').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await layers(page)).length).toBe(before + 1);
    await expect.poll(() => page.evaluate(() => window.__atlasWorkspace!.rendered().join(' '))).not.toContain(made.id);
  });
});

// one page (same view) for the hubs per county and the cancelled intersect
test('operations: plan hubs per county as a layer; the counts equal the shapely reference; overlay: a long intersect shows progress, cancel leaves no layer', async ({ page }) => {
  await openPanel(page, '#map=7.60/30.4000/104.6000');
  await expect.poll(() => page.evaluate(() => window.__atlasWorkspace?.ui.ready ?? false), { timeout: 30_000 }).toBe(true);
  const before = (await layers(page)).length;
  await page.locator('[data-tab="layers"]').click();
  const s = section(page, 'layers');
  for (const [points, key] of [['plan-hubs', 'counties_all'], ['plan-hubs-located', 'counties_located']] as const) {
    await s.locator('[data-input="pip-points"]').selectOption(points);
    await s.locator('[data-input="pip-polygons"]').selectOption('counties');
    const n = (await layers(page)).length;
    await s.locator('[data-action="pip-run"]').click();
    await expect.poll(async () => (await layers(page)).length, { timeout: 30_000 }).toBe(n + 1);
    const made = (await layers(page)).at(-1)!;
    expect(made.source).toMatchObject({ kind: 'analysis', op: 'pointsInPolygons', accuracy: points === 'plan-hubs' ? 'schematic' : 'located' });
    expect(made.features.length).toBeGreaterThan(200);
    const got = Object.fromEntries(made.features.filter((f) => (f.properties.count as number) > 0).map((f) => [f.properties.adcode as string, f.properties.count as number]));
    expect(got, points).toEqual(reference[key].counts);
    await expect(s.locator('[data-status="pip"]')).toContainText(`${reference[key].outside}`);
  }
  expect((await layers(page)).length).toBe(before + 2);
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await page.screenshot({ path: `${SHOTS}/workbench-pip.png` });

  await test.step('overlay: a long intersect shows progress; cancel leaves no layer', async () => {
    const before = (await layers(page)).length;
    await s.locator('[data-input="overlay-op"]').selectOption('intersect');
    await s.locator('[data-input="overlay-a"]').selectOption('counties');
    await s.locator('[data-input="overlay-b"]').selectOption('prefectures');
    await s.locator('[data-action="overlay-run"]').click();
    // 221 counties × their prefectures: progress moves before the cancel
    await expect.poll(() => s.locator('[data-progress="overlay"]').evaluate((p: HTMLProgressElement) => p.value), { timeout: 30_000 }).toBeGreaterThan(0);
    await s.locator('[data-action="overlay-cancel"]').click();
    await expect(s.locator('[data-status="overlay"]')).toHaveText(/已取消|Cancelled/);
    await expect(s.locator('[data-progress="overlay"]')).toHaveCount(0);
    expect((await layers(page)).length).toBe(before);
  });
});

test('operations: a numeric attribute of imported points summed per county equals a Turf loop; missing values are counted, not summed', async ({ page }) => {
  const topo = JSON.parse(readFileSync('public/data/basemap.topo.json', 'utf8')) as Topology;
  const counties = (feature(topo, topo.objects.counties as GeometryCollection) as FeatureCollection<Geometry, { adcode: string }>).features;
  // 400 deterministic points over 成都 (invented test values; every 9th has no value, every 13th a text value)
  const pts = Array.from({ length: 400 }, (_, i) => {
    const lon = 103.6 + ((i * 7919) % 1000) / 1000, lat = 30.3 + ((i * 104729) % 997) / 997 * 0.7;
    const pop = i % 9 === 0 ? null : i % 13 === 0 ? String((i % 50) + 0.25) : (i % 37) * 10 + 0.5;
    return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { name: `p${i}`, pop } };
  });
  await page.goto('./#map=9.00/30.6500/104.1000');
  await mapIdle(page);
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  await page.locator('[data-tool="workspace"]').click();
  await dropFiles(page, [{ name: 'sum-test-points.geojson', bytes: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: pts }), 'utf8') }]);
  await page.waitForFunction(() => window.__atlasWorkspace!.history.state.layers.length === 1);
  const layerId = (await layers(page))[0].id;
  await page.locator('[data-tool="analysis"]').click();
  await page.locator('[data-tab="layers"]').click();
  const s = section(page, 'layers');
  await s.locator('[data-input="pip-points"]').selectOption(`user:${layerId}`);
  await s.locator('[data-input="pip-polygons"]').selectOption('counties');
  await s.locator('[data-input="pip-sum"]').selectOption('pop');
  await s.locator('[data-action="pip-run"]').click();
  await expect.poll(async () => (await layers(page)).length, { timeout: 30_000 }).toBe(2);
  const made = (await layers(page)).at(-1)!;
  expect(made.source).toMatchObject({ kind: 'analysis', op: 'pointsInPolygons', accuracy: 'located' });
  expect(made.name).toMatch(/pop/);
  // the reference: a plain Turf loop over the same points and counties
  const want = new Map<string, { n: number; sum: number }>();
  let unvalued = 0;
  for (const p of pts) {
    const v = p.properties.pop === null ? null : Number(p.properties.pop);
    let inside = false;
    for (const c of counties) {
      if (!booleanPointInPolygon(p.geometry.coordinates, c.geometry as never)) continue;
      inside = true;
      const w = want.get(c.properties.adcode) ?? { n: 0, sum: 0 };
      want.set(c.properties.adcode, { n: w.n + 1, sum: w.sum + (v ?? 0) });
    }
    if (inside && v === null) unvalued++;
  }
  expect(want.size).toBeGreaterThan(5);
  const got = new Map(made.features.map((f) => [f.properties.adcode as string, f.properties]));
  for (const [code, w] of want) {
    expect(got.get(code)?.count, code).toBe(w.n);
    expect(got.get(code)?.sum_pop as number, code).toBeCloseTo(w.sum, 6);
  }
  await expect(s.locator('[data-status="pip"]')).toContainText(new RegExp(`${unvalued} (个面内的点没有数值|points? inside without a value)`));
  // the layer is coloured by the sum
  expect(await page.evaluate((id) => window.__atlasWorkspace!.history.state.layers.find((l) => l.id === id)!.style.colorBy?.field, made.id)).toBe('sum_pop');
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await page.screenshot({ path: `${SHOTS}/workbench-pip-sum.png` });
});

test('save as layer: the overlap pairs shown (over 0.1 km²) become a layer with the least accurate input stated', async ({ page }) => {
  await openPanel(page, '#map=7.60/30.4000/104.4000');
  await expect.poll(() => page.evaluate(() => window.__atlasWorkspace?.ui.ready ?? false), { timeout: 30_000 }).toBe(true);
  await page.locator('[data-tab="overlap"]').click();
  const s = section(page, 'overlap');
  await s.locator('[data-action="overlap-run"]').click();
  await expect(s.locator('[data-table="overlap"] tbody tr').first()).toBeVisible();
  const shown = await s.locator('[data-table="overlap"] tbody td[data-key="area_km2"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
  expect(Math.min(...shown)).toBeGreaterThanOrEqual(0.1);
  const badges = await s.locator('[data-table="overlap"] tbody [data-accuracy]').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-accuracy')));
  const before = (await layers(page)).length;
  await s.locator('[data-table="overlap"] [data-action="save-layer"]').click();
  await expect.poll(async () => (await layers(page)).length).toBe(before + 1);
  const made = (await layers(page)).at(-1)!;
  expect(made.source).toMatchObject({ kind: 'analysis', op: 'overlap', accuracy: badges.includes('schematic') ? 'schematic' : badges.includes('located') ? 'located' : 'boundary' });
  expect(made.features.length).toBeGreaterThan(0);
  expect(made.features.length).toBeLessThanOrEqual(shown.length);
  for (const f of made.features) expect(f.properties.area_km2 as number).toBeGreaterThanOrEqual(0.1);
});

const rendered = (page: Page, layerId: string) =>
  page.evaluate((id) => window.__atlasMap!.queryRenderedFeatures({ layers: [`user-${id}-fill`] }).length, layerId);

async function openWorkspace(page: Page, hash: string) {
  await page.goto(`./${hash}`);
  await mapIdle(page);
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  await page.locator('[data-tool="workspace"]').click();
  await expect(page.getByTestId('workspace-panel')).toBeVisible();
}
const gkRef = (JSON.parse(readFileSync('tests/fixtures/workbench/gk-points.json', 'utf8')) as { points: Array<{ place: string; lon: number; lat: number; epsg: number; easting: number; northing: number }> }).points;

test('typed coordinates: a CGCS2000 GK easting with zone prefix places a point within 1 m of PROJ’s; the status line shows GK', async ({ page }) => {
  await openWorkspace(page, '#map=12.00/30.6574/104.0657');
  const ref = gkRef.find((p) => p.place === '天府广场' && p.epsg === 4523)!; // 3° zone 35, easting with prefix
  const before = (await layers(page)).flatMap((l) => l.features).length;
  await page.locator('[data-input="typed-system"]').selectOption('gk');
  // Chinese survey order: X (northing) first is recognised as well
  await page.locator('[data-input="typed-1"]').fill(String(ref.northing));
  await page.locator('[data-input="typed-2"]').fill(String(ref.easting));
  await page.locator('[data-action="typed-add"]').click();
  await expect(page.locator('[data-status="typed"]')).toContainText('EPSG:4523');
  await expect.poll(async () => (await layers(page)).flatMap((l) => l.features).length).toBe(before + 1);
  const pt = (await layers(page)).flatMap((l) => l.features).at(-1)!;
  expect(pt.geometry.type).toBe('Point');
  expect(inverse((pt.geometry as { coordinates: Position }).coordinates, [ref.lon, ref.lat])).toBeLessThan(1);
  // the status line: map centre (no pointer on the map) in WGS84 and, on request, GK
  await page.locator('[data-input="cursor-gk"]').check();
  await expect(page.locator('[data-status="cursor"]')).toContainText('30.657');
  await expect(page.locator('[data-status="cursor"]')).toContainText(/CM 105|中央经线 105/);
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await page.screenshot({ path: `${SHOTS}/workbench-typed.png` });
  // a polygon from typed vertices: GK zone 35 (both numbers in one box, northing first, Enter adds),
  // GK without prefix in the chosen 105° zone, then WGS84; bad input is named and adds nothing
  const east = gkRef.find((p) => p.place === '成都东站' && p.epsg === 4544)!;
  const drawnBefore = (await layers(page)).flatMap((l) => l.features).length;
  await page.locator('[data-draw="polygon"]').click();
  await expect(page.locator('[data-form="typed"] strong')).toHaveText(/输入坐标添加顶点|Add a vertex/);
  const status = page.locator('[data-status="typed"]');
  await page.locator('[data-input="typed-1"]').fill(`${ref.northing}, ${ref.easting}`);
  await page.locator('[data-input="typed-2"]').fill('');
  await page.locator('[data-input="typed-1"]').press('Enter');
  await expect(status).toContainText('EPSG:4523');
  await expect(page.locator('[data-input="typed-1"]')).toHaveValue(''); // cleared for the next vertex
  await page.locator('[data-input="typed-cm"]').selectOption('105');
  await page.locator('[data-input="typed-1"]').fill(String(east.easting));
  await page.locator('[data-input="typed-2"]').fill(String(east.northing));
  await page.locator('[data-action="typed-add"]').click();
  await expect(status).toContainText('EPSG:4544');
  await page.locator('[data-action="typed-finish"]').click(); // two vertices are no polygon
  await expect(status).toContainText(/至少需要 3 个|polygon 3/);
  await page.locator('[data-input="typed-system"]').selectOption('wgs84');
  await page.locator('[data-input="typed-1"]').fill('30.70, 104.10'); // latitude first
  await page.locator('[data-input="typed-1"]').press('Enter');
  await expect(status).toContainText(/纬度 104.10 超出|Latitude 104.10 is outside/);
  await expect(page.locator('[data-input="typed-1"]')).toHaveAttribute('aria-invalid', 'true');
  await page.locator('[data-input="typed-1"]').fill('104.10, 3o.70');
  await page.locator('[data-input="typed-1"]').press('Enter');
  await expect(status).toContainText('3o.70');
  await page.locator('[data-input="typed-1"]').fill('104.10, 30.70');
  await page.locator('[data-input="typed-1"]').press('Enter');
  await expect(status).toContainText('EPSG:4326');
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await page.screenshot({ path: `${SHOTS}/workbench-typed-polygon.png` });
  await page.locator('[data-action="typed-finish"]').click();
  await expect.poll(async () => (await layers(page)).flatMap((l) => l.features).length).toBe(drawnBefore + 1);
  const poly = (await layers(page)).flatMap((l) => l.features).at(-1)!.geometry as { type: string; coordinates: Position[][] };
  expect(poly.type).toBe('Polygon');
  expect(poly.coordinates[0]).toHaveLength(4); // three vertices, closed; no stray pointer vertex
  const want: Position[] = [[ref.lon, ref.lat], [east.lon, east.lat], [104.1, 30.7]];
  want.forEach((w, i) => expect(inverse(poly.coordinates[0][i], w), `vertex ${i}`).toBeLessThan(1));
});

test('snapping: a line vertex drawn 4 px off a county vertex lands exactly on it; Alt held draws where clicked', async ({ page }) => {
  const topo = JSON.parse(readFileSync('public/data/basemap.topo.json', 'utf8')) as Topology;
  const counties = (feature(topo, topo.objects.counties as GeometryCollection) as FeatureCollection<Geometry, { adcode: string }>).features;
  const jinjiang = counties.find((f) => f.properties.adcode === '510104')!.geometry as { type: string; coordinates: Position[][] | Position[][][] };
  const ring = (jinjiang.type === 'Polygon' ? jinjiang.coordinates[0] : (jinjiang.coordinates as Position[][][])[0][0]) as Position[];
  const v = ring[Math.floor(ring.length / 3)];
  await openWorkspace(page, `#map=16.00/${v[1]}/${v[0]}`);
  await page.locator('[data-draw="linestring"]').click();
  await page.waitForFunction(() => window.__atlasMap!.getStyle().layers.some((l) => l.id.startsWith('td-')));
  await page.locator('[data-input="snap"]').check(); // off by default
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  const at = await page.evaluate((p) => window.__atlasMap!.project(p as [number, number]), v);
  const a = [box.x + at.x + 3, box.y + at.y + 3];
  const b = [box.x + at.x + 160, box.y + at.y - 140];
  const before = (await layers(page)).flatMap((l) => l.features).length;
  for (const [x, y] of [a, b, b]) {
    await page.mouse.move(x, y, { steps: 3 });
    await page.mouse.click(x, y);
    await frames(page);
  }
  await expect.poll(async () => (await layers(page)).flatMap((l) => l.features).length).toBe(before + 1);
  const line = (await layers(page)).flatMap((l) => l.features).at(-1)!.geometry as { type: string; coordinates: Position[] };
  expect(line.type).toBe('LineString');
  expect(Math.abs(line.coordinates[0][0] - v[0])).toBeLessThanOrEqual(1e-9);
  expect(Math.abs(line.coordinates[0][1] - v[1])).toBeLessThanOrEqual(1e-9);
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await page.screenshot({ path: `${SHOTS}/workbench-snap.png` });

  // still drawing lines; Alt held: the vertex stays where the pointer was (a few metres off the county vertex)
  await expect(page.locator('[data-draw="linestring"]')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.down('Alt');
  for (const [x, y] of [a, b, b]) {
    await page.mouse.move(x, y, { steps: 3 });
    await page.mouse.click(x, y);
    await frames(page);
  }
  await page.keyboard.up('Alt');
  await expect.poll(async () => (await layers(page)).flatMap((l) => l.features).length).toBe(before + 2);
  const free = (await layers(page)).flatMap((l) => l.features).at(-1)!.geometry as { coordinates: Position[] };
  expect(inverse(free.coordinates[0], v)).toBeGreaterThan(0.5);

  // editing: the free line's first vertex dragged to 3 px off another county vertex lands exactly on it
  const feats = async () => (await layers(page)).flatMap((l) => l.features);
  const freeId = await page.evaluate(() => window.__atlasWorkspace!.ui.selected?.featureId);
  // a vertex 100–1500 m away (on screen, outside the tolerance around v) with no other county or plan vertex
  // within 50 m (a plan outline traced along a border would otherwise be the nearer target)
  const metres = (p: Position, q: Position) => Math.hypot((p[0] - q[0]) * 111e3 * Math.cos((v[1] * Math.PI) / 180), (p[1] - q[1]) * 111e3);
  const others = [...counties, ...planFeatures].flatMap((f) => JSON.stringify(f.geometry).match(/-?\d+\.\d+,-?\d+\.\d+/g) ?? []).map((x) => x.split(',').map(Number));
  const v2 = ring.find((q) => metres(q, v) > 100 && metres(q, v) < 1500 && others.every((o) => metres(o, q) === 0 || metres(o, q) > 50))!;
  expect(v2, 'a free county vertex near v').toBeDefined();
  const at2 = await page.evaluate((p) => window.__atlas!.mapView.project(p as [number, number]), v2);
  const freeStart = await page.evaluate((p) => window.__atlas!.mapView.project(p as [number, number]), free.coordinates[0]);
  await page.locator('[data-action="edit-shape"]').click();
  await expect.poll(() => page.evaluate(() => window.__atlasWorkspace!.ui.drawMode)).toBe('edit');
  await page.mouse.move(box.x + freeStart.x, box.y + freeStart.y, { steps: 2 });
  await page.mouse.down();
  await page.mouse.move(box.x + at2.x + 3, box.y + at2.y - 3, { steps: 12 });
  await page.mouse.move(box.x + at2.x + 3.4, box.y + at2.y - 3, { steps: 2 }); // terra-draw skips every 5th drag event
  // the indicator marks the target while dragging
  await expect.poll(() => page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['workspace-snap-point'] }).length)).toBeGreaterThan(0);
  await page.mouse.up();
  await expect
    .poll(async () => {
      const f = (await page.evaluate((id) => window.__atlasWorkspace!.history.state.layers.flatMap((l) => l.features).find((x) => x.id === id)?.geometry, freeId)) as { coordinates: Position[] };
      return Math.max(Math.abs(f.coordinates[0][0] - v2[0]), Math.abs(f.coordinates[0][1] - v2[1]));
    })
    .toBeLessThanOrEqual(1e-9);
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await page.screenshot({ path: `${SHOTS}/workbench-snap-drag.png` });
  await page.locator('[data-action="done-editing"]').click();

  // point mode: a point clicked 3 px off the county vertex is that vertex; with Alt it stays where clicked
  await page.locator('[data-draw="point"]').click();
  const n0 = (await feats()).length;
  await page.mouse.move(a[0], a[1], { steps: 3 });
  await page.mouse.click(a[0], a[1]);
  await expect.poll(async () => (await feats()).length).toBe(n0 + 1);
  const pt = (await feats()).at(-1)!.geometry as { type: string; coordinates: Position };
  expect(pt.type).toBe('Point');
  expect(Math.max(Math.abs(pt.coordinates[0] - v[0]), Math.abs(pt.coordinates[1] - v[1]))).toBeLessThanOrEqual(1e-9);
  await page.keyboard.down('Alt');
  await page.mouse.click(a[0] + 1, a[1]);
  await page.keyboard.up('Alt');
  await expect.poll(async () => (await feats()).length).toBe(n0 + 2);
  expect(inverse(((await feats()).at(-1)!.geometry as { coordinates: Position }).coordinates, v)).toBeGreaterThan(0.5);
});

test('cancel: points in polygons on 500,000 imported points shows progress; cancel stops the worker and adds no layer', async ({ page }) => {
  test.setTimeout(240_000);
  // what the analysis worker answers, per job (progress / result / cancelled), recorded from the page's side
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { __workerLog: string[] }).__workerLog = log;
    const Base = window.Worker;
    window.Worker = class extends Base {
      constructor(url: string | URL, opts?: WorkerOptions) {
        super(url, opts);
        if (!String(url).includes('analysis')) return;
        this.addEventListener('message', (e: MessageEvent) => log.push(`${e.data?.type}:${e.data?.jobId}`));
        const post = this.postMessage.bind(this) as (m: unknown, t?: Transferable[]) => void;
        this.postMessage = ((m: { type?: string; jobId?: string }, t?: Transferable[]) => {
          log.push(`send-${m?.type}:${m?.jobId}`);
          post(m, t);
        }) as Worker['postMessage'];
      }
    };
  });
  // sample points as survey exports bring them: one MultiPoint per batch (批次, 调查员, 点数), 500 batches of 1,000
  // deterministic points over 成都 — 500,000 points, enough that counting them per county is still running
  let seed = 20261204;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const batches = Array.from({ length: 500 }, (_, i) => ({
    type: 'Feature',
    properties: { 批次: `B${String(i + 1).padStart(3, '0')}`, 调查员: ['张', '李', '王', '赵'][i % 4], 点数: 1000 },
    geometry: { type: 'MultiPoint', coordinates: Array.from({ length: 1000 }, () => [Number((103.4 + rand() * 1.3).toFixed(6)), Number((30.2 + rand() * 1.0).toFixed(6))]) },
  }));
  await page.goto('./#map=8.50/30.6500/104.0500');
  await mapIdle(page);
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  await page.locator('[data-tool="workspace"]').click();
  await dropFiles(page, [{ name: '抽样点.geojson', bytes: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: batches }), 'utf8') }]);
  await page.waitForFunction((n) => window.__atlasWorkspace!.history.state.layers[0]?.features.length === n, batches.length, { timeout: 120_000 });
  const layerId = (await page.evaluate(() => window.__atlasWorkspace!.history.state.layers[0].id))!;
  const undoDepth = () => page.evaluate(() => `${window.__atlasWorkspace!.history.entries.length} ${window.__atlasWorkspace!.history.undoLabel}`);
  const depth = await undoDepth();

  await page.locator('[data-tool="analysis"]').click();
  await page.locator('[data-tab="layers"]').click();
  const s = section(page, 'layers');
  await s.locator('[data-input="pip-points"]').selectOption(`user:${layerId}`);
  await s.locator('[data-input="pip-polygons"]').selectOption('counties');
  await s.locator('[data-action="pip-run"]').click();
  // progress moves (the worker has counted some of the points) …
  const bar = s.locator('[data-progress="pip"]');
  await expect.poll(() => bar.evaluate((p: HTMLProgressElement) => p.value), { timeout: 60_000 }).toBeGreaterThan(0);
  await bar.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/workbench-cancel-progress.png` });
  await s.locator('[data-action="pip-cancel"]').click();
  // … cancel: the worker answers `cancelled` for the job, never a result; the bar goes, no layer, no undo entry
  await expect(s.locator('[data-status="pip"]')).toHaveText('已取消，未生成图层。');
  await expect(bar).toHaveCount(0);
  const log = await page.evaluate(() => (window as unknown as { __workerLog: string[] }).__workerLog);
  const job = log.find((l) => l.startsWith('send-pointsInPolygons:'))!.split(':')[1];
  expect(log, 'the worker stopped the job').toContain(`cancelled:${job}`);
  expect(log).toContain(`send-cancel:${job}`);
  expect(log).not.toContain(`result:${job}`);
  const progress = log.filter((l) => l === `progress:${job}`).length;
  expect(progress, 'stopped before the last of its 100 steps').toBeLessThan(100);
  expect(await page.evaluate(() => window.__atlasWorkspace!.history.state.layers.length)).toBe(1);
  expect(await undoDepth()).toBe(depth);
});

test('snapping: a whole polygon dragged by its body lands its nearest vertex exactly on a county vertex', async ({ page }) => {
  const topo = JSON.parse(readFileSync('public/data/basemap.topo.json', 'utf8')) as Topology;
  const counties = (feature(topo, topo.objects.counties as GeometryCollection) as FeatureCollection<Geometry, { adcode: string }>).features;
  const jinjiang = counties.find((f) => f.properties.adcode === '510104')!.geometry as { type: string; coordinates: Position[][] | Position[][][] };
  const ring = (jinjiang.type === 'Polygon' ? jinjiang.coordinates[0] : (jinjiang.coordinates as Position[][][])[0][0]) as Position[];
  const v = ring[Math.floor(ring.length / 3)];
  const targets = [...counties, ...planFeatures].flatMap((f) => JSON.stringify(f.geometry).match(/-?\d+\.\d+,-?\d+\.\d+/g) ?? []).map((x) => x.split(',').map(Number));
  const metres = (p: Position, q: Position) => Math.hypot((p[0] - q[0]) * 111e3 * Math.cos((v[1] * Math.PI) / 180), (p[1] - q[1]) * 111e3);
  await openWorkspace(page, `#map=16.00/${v[1]}/${v[0]}`);
  await page.locator('[data-input="snap"]').check();
  const vs = await page.evaluate((p) => window.__atlasMap!.project(p as [number, number]), v);
  const lonLat = (x: number, y: number) => page.evaluate(([px, py]) => window.__atlasMap!.unproject([px, py]).toArray(), [x, y]);
  // where the drag will leave the polygon: its first vertex 5 px off v, the other two where no county or plan
  // vertex lies within 60 m (so v is the only target in reach); a triangle turned until that holds
  const end = { x: vs.x + 4, y: vs.y - 3 };
  let shape: { x: number; y: number }[] | null = null;
  for (let k = 0; k < 12 && !shape; k++) {
    const a = (k * Math.PI) / 6;
    const rot = (x: number, y: number) => ({ x: x * Math.cos(a) - y * Math.sin(a), y: x * Math.sin(a) + y * Math.cos(a) });
    const tri = [{ x: 0, y: 0 }, rot(150, 0), rot(75, 130)];
    const finals = await Promise.all(tri.slice(1).map((d) => lonLat(end.x + d.x, end.y + d.y)));
    if (finals.every((f) => targets.every((t) => metres(t, f) > 60))) shape = tri;
  }
  expect(shape, 'a free place for the triangle').not.toBeNull();
  // the polygon typed (no snapping) 200 px left and 120 px below where it will end
  const start = { x: end.x - 200, y: end.y + 120 };
  const typed = await Promise.all(shape!.map((d) => lonLat(start.x + d.x, start.y + d.y)));
  await page.locator('[data-draw="polygon"]').click();
  await page.waitForFunction(() => window.__atlasMap!.getStyle().layers.some((l) => l.id.startsWith('td-')));
  const before = (await layers(page)).flatMap((l) => l.features).length;
  for (const [lon, lat] of typed) {
    await page.locator('[data-input="typed-1"]').fill(`${lon.toFixed(9)}, ${lat.toFixed(9)}`);
    await page.locator('[data-input="typed-1"]').press('Enter');
    await expect(page.locator('[data-input="typed-1"]')).toHaveValue('');
  }
  await page.locator('[data-action="typed-finish"]').click();
  await expect.poll(async () => (await layers(page)).flatMap((l) => l.features).length).toBe(before + 1);
  const id = await page.evaluate(() => window.__atlasWorkspace!.ui.selected?.featureId);
  const polygon = async () =>
    ((await page.evaluate((fid) => window.__atlasWorkspace!.history.state.layers.flatMap((l) => l.features).find((x) => x.id === fid)?.geometry, id)) as { coordinates: Position[][] }).coordinates[0];
  const drawn = await polygon();

  // drag the polygon by its body (its centroid), 200 px right and 120 px up
  await page.locator('[data-action="edit-shape"]').click();
  await expect.poll(() => page.evaluate(() => window.__atlasWorkspace!.ui.drawMode)).toBe('edit');
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  const c = { x: start.x + (shape![1].x + shape![2].x) / 3, y: start.y + (shape![1].y + shape![2].y) / 3 };
  await page.mouse.move(box.x + c.x, box.y + c.y, { steps: 2 });
  await page.mouse.down();
  await page.mouse.move(box.x + c.x + 200, box.y + c.y - 120, { steps: 16 });
  await page.mouse.move(box.x + c.x + 200.4, box.y + c.y - 120, { steps: 2 }); // terra-draw skips every 5th drag event
  // the indicator marks the target while dragging
  await expect.poll(() => page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['workspace-snap-point'] }).length)).toBeGreaterThan(0);
  await page.mouse.up();
  // the vertex nearest v is v itself; the polygon kept its shape (the same Mercator move for every vertex)
  await expect
    .poll(async () => {
      const p = await polygon();
      return Math.min(...p.map((q) => Math.max(Math.abs(q[0] - v[0]), Math.abs(q[1] - v[1]))));
    })
    .toBeLessThanOrEqual(1e-9);
  const moved = await polygon();
  const merc = (p: Position) => [(p[0] * Math.PI) / 180, Math.log(Math.tan(Math.PI / 4 + (p[1] * Math.PI) / 360))];
  const shift = (i: number) => [merc(moved[i])[0] - merc(drawn[i])[0], merc(moved[i])[1] - merc(drawn[i])[1]];
  for (let i = 1; i < moved.length; i++) {
    expect(Math.abs(shift(i)[0] - shift(0)[0])).toBeLessThan(1e-9);
    expect(Math.abs(shift(i)[1] - shift(0)[1])).toBeLessThan(1e-9);
  }
  await page.evaluate(() => window.__atlas!.mapView.idle());
  await page.screenshot({ path: `${SHOTS}/workbench-snap-whole.png` });
});
