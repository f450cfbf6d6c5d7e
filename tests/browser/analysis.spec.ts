// The analysis panel in a real browser: every figure checked against an independent reference
// computed here in Node (GeographicLib, Turf, topojson-client on the shipped data), never against
// the app's own analysis code.
import { test, expect, type Page, type Download } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import * as geographiclib from 'geographiclib-geodesic';
import intersect from '@turf/intersect';
import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import pointToLineDistance from '@turf/point-to-line-distance';
import polygonToLine from '@turf/polygon-to-line';
import { AXE_PATH, SHOTS, dropFiles, mapIdle, watchConsole } from './helpers.ts';

type GL = typeof geographiclib;
const geod = ((geographiclib as unknown as { default?: GL }).default ?? geographiclib).Geodesic.WGS84;
const inverse = (a: Position, b: Position) => geod.Inverse(a[1], a[0], b[1], b[0]).s12 ?? NaN;

// --- independent reference data from the shipped files ---
const readTopo = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Topology;
const basemap = readTopo('public/data/basemap.topo.json');
const counties = (feature(basemap, basemap.objects.counties as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon, { adcode: string; zh: string }>).features;
const planTopo = readTopo('public/data/plan/map.topo.json');
const planFeatures = (feature(planTopo, planTopo.objects.elements as GeometryCollection) as FeatureCollection<Geometry, { id: string; kind: string; zh: string }>).features;
const planById = (id: string) => planFeatures.find((f) => f.properties.id === id)!;

function turfIntersectKm2(a: Geometry, b: Geometry): number {
  try {
    const r = intersect({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: a as Polygon }, { type: 'Feature', properties: {}, geometry: b as Polygon }] });
    return r ? turfArea(r) / 1e6 : 0;
  } catch {
    return NaN;
  }
}

/** Distance (km) from a point to a county: 0 inside, else to its boundary (Turf, geodesic segments). */
function pointToCountyKm(p: Position, c: Feature<Polygon | MultiPolygon>): number {
  if (booleanPointInPolygon(p, c)) return 0;
  const lines = polygonToLine(c);
  const fs = lines.type === 'FeatureCollection' ? lines.features : [lines];
  let best = Infinity;
  for (const f of fs) {
    const parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const part of parts) best = Math.min(best, pointToLineDistance(p, { type: 'LineString', coordinates: part }, { units: 'kilometers', method: 'geodesic' }));
  }
  return best;
}

/** Area-weighted centroid in a local equal-area frame (sinusoidal about the data), then back to lon/lat. */
function centroid(g: MultiPolygon): Position {
  const lat0 = 29.4;
  const k = Math.cos((lat0 * Math.PI) / 180);
  let ax = 0, ay = 0, a2 = 0;
  for (const poly of g.coordinates)
    for (const ring of poly)
      for (let i = 0; i + 1 < ring.length; i++) {
        const x1 = ring[i][0] * k, y1 = ring[i][1], x2 = ring[i + 1][0] * k, y2 = ring[i + 1][1];
        const c = x1 * y2 - x2 * y1;
        a2 += c;
        ax += (x1 + x2) * c;
        ay += (y1 + y2) * c;
      }
  return [ax / (3 * a2) / k, ay / (3 * a2)];
}
const unionOf = (codes: string[]): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: counties.filter((c) => codes.includes(c.properties.adcode)).flatMap((c) => (c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates)),
});

// --- page helpers ---
async function openPanel(page: Page, hash = '') {
  await page.goto(`./${hash}`);
  await mapIdle(page);
  await page.waitForFunction(() => (window.__atlasMap!.getSource('plan') as unknown) !== undefined);
  await page.locator('[data-tool="analysis"]').click();
  await expect(page.locator('[data-panel="analysis"] [role="tablist"]')).toBeVisible();
}
const tab = (page: Page, name: string) => page.locator(`[data-tab="${name}"]`).click();
const section = (page: Page, name: string) => page.locator(`[data-section="${name}"]`);

async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await (d as Download).path();
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

function parseCSV(text: string): Record<string, string>[] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split('\r\n').filter(Boolean);
  const split = (l: string) => {
    const out: string[] = [];
    let cur = '', q = false;
    for (let i = 0; i < l.length; i++) {
      const ch = l[i];
      if (q) {
        if (ch === '"' && l[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') q = false;
        else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      }
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const head = split(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [head[i], v])));
}

/** Rendered analysis features by role (from MapLibre's own query). */
const drawnRoles = (page: Page) =>
  page.evaluate(async () => {
    const mv = window.__atlas!.mapView;
    await mv.idle();
    const out: Record<string, number> = {};
    for (const f of window.__atlasMap!.queryRenderedFeatures({ layers: ['analysis-fill', 'analysis-line', 'analysis-point'] })) out[f.properties.role] = (out[f.properties.role] ?? 0) + 1;
    return out;
  });

/** Clicks the map at a whole page pixel (Chromium rounds mouse events) and returns the [lon, lat] the map gives it. */
async function clickMap(page: Page, x: number, y: number): Promise<Position> {
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  const px = Math.round(box.x + x), py = Math.round(box.y + y);
  await page.mouse.click(px, py);
  return page.evaluate(([lx, ly]) => window.__atlasMap!.unproject([lx, ly]).toArray(), [px - box.x, py - box.y]);
}

const cellValues = (page: Page, table: string, key: string, attr = 'data-value') =>
  page.locator(`[data-table="${table}"] tbody td[data-key="${key}"]`).evaluateAll((tds, a) => tds.map((td) => td.getAttribute(a) ?? ''), attr);

test('measure: two clicks give the GeographicLib distance, three the geodesic area, with method and units', async ({ page }) => {
  const errors = watchConsole(page);
  await openPanel(page, '#map=9.00/30.4000/104.3000');
  await page.locator('[data-action="measure-toggle"]').click();
  const ll = [await clickMap(page, 460, 250), await clickMap(page, 780, 560)];
  const expected = inverse(ll[0], ll[1]);
  await expect(page.locator('[data-table="measure"] td[data-key="si"]').first()).toHaveAttribute('data-value', /\d/);
  const [si] = (await cellValues(page, 'measure', 'si')).map(Number);
  expect(Math.abs(si - expected) / expected).toBeLessThan(1e-9);
  // shown in km with the method beside it; the click did not select a plan element
  await expect(page.locator('[data-result="measure"]')).toContainText(`${(expected / 1000).toFixed(1)} 公里`);
  await expect(page.locator('[data-table="measure"] caption')).toContainText('WGS84');
  expect(page.url()).not.toContain('sel=');
  expect((await drawnRoles(page)).measure).toBeGreaterThan(0);

  // area: a third point, in 亩 and in 公顷/km²
  await page.locator('input[name="measure-mode"][value="area"]').check();
  ll.push(await clickMap(page, 500, 600));
  const poly = geod.Polygon(false);
  for (const p of ll) poly.AddPoint(p[1], p[0]);
  const areaM2 = Math.abs(poly.Compute(false, true).area ?? NaN);
  await expect(page.locator('[data-table="measure"] td[data-key="si_unit"]', { hasText: 'm²' })).toHaveCount(1);
  const units = await cellValues(page, 'measure', 'si_unit');
  const area = Number((await cellValues(page, 'measure', 'si'))[units.indexOf('m²')]);
  expect(Math.abs(area - areaM2) / areaM2).toBeLessThan(1e-9);
  await expect(page.locator('[data-result="measure"]')).toContainText('平方公里');
  await page.locator('[data-select="area-unit"]').selectOption('mu');
  await expect(page.locator('[data-result="measure"]')).toContainText(`${Math.round(areaM2 / (10000 / 15)).toLocaleString('zh-CN')} 亩`); // 1 亩 = 10000/15 m²
  await page.screenshot({ path: `${SHOTS}/analysis-measure.png` });

  // GeoJSON export carries the polygon and the figure
  const gj = await downloadText(page, () => page.locator('[data-table="measure"] [data-export="geojson"]').click());
  const fc = JSON.parse(gj.text) as FeatureCollection;
  expect(fc.features[0].geometry.type).toBe('Polygon');
  expect(Math.abs((fc.features[0].properties!.area_m2 as number) - areaM2) / areaM2).toBeLessThan(1e-9);
  expect(errors).toEqual([]);
});

test('the 28 km claim: the documented figure beside core-to-core and nearest-edge distances', async ({ page }) => {
  await openPanel(page, '#map=8.60/29.4500/104.8500');
  await tab(page, 'claim');
  const card = page.locator('[data-card="claim"]');
  await expect(card.locator('[data-figure="documented"]')).toHaveText('28 公里');
  const districts = card.locator('[data-basis="districts"]');
  await expect(districts.locator('[data-figure="core"]')).toBeVisible();
  // independent: area-weighted centroids of the districts' union, GeographicLib between them
  const expectedKm = inverse(centroid(unionOf(['511002', '511011'])), centroid(unionOf(['510302', '510303', '510304', '510311']))) / 1000;
  const core = Number((await districts.locator('[data-figure="core"]').innerText()).replace(/[^\d.]/g, ''));
  expect(Math.abs(core - expectedKm)).toBeLessThan(0.5);
  // 市中区 borders 大安区: the nearest-edge distance is 0
  await expect(districts.locator('[data-figure="edge"]')).toHaveText('0.00 公里');
  await expect(card.locator('[data-basis="plan"] [data-figure="core"]')).toBeVisible();
  await expect(card.locator('[data-explain="districts"]')).toContainText('文件称 28 公里');
  await expect(card.locator('blockquote')).toContainText('两市中心城区直线距离仅28公里');
  // both figures are drawn as labelled lines
  expect((await drawnRoles(page)).centroidLine).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/analysis-claim.png` });
  const csv = parseCSV((await downloadText(page, () => card.locator('[data-export="csv"]').click())).text);
  expect(csv.map((r) => r.documented_km)).toEqual(['28', '28']);
  expect(Math.abs(Number(csv.find((r) => r.basis.includes('行政'))!.core_to_core_km) - expectedKm)).toBeLessThan(0.5);
});

test('overlaps: belts × counties lists the pairs Turf finds, sorts, exports and highlights them', async ({ page }) => {
  await openPanel(page, '#map=7.60/30.4000/104.4000');
  await tab(page, 'overlap');
  const s = section(page, 'overlap');
  await expect(s.locator('[data-group="industrialBelt"]')).toBeChecked();
  await expect(s.locator('[data-group="counties"]')).toBeChecked();
  await s.locator('[data-action="overlap-run"]').click();
  await expect(s.locator('[data-table="overlap"] tbody tr').first()).toBeVisible();
  // slivers under 0.1 km² are hidden by default and the table says so; this test compares every pair
  await expect(s.locator('[data-note="min-area"]')).toContainText('0.10 km²');
  await s.locator('[data-filter="min-area"]').fill('0');

  const belts = planFeatures.filter((f) => f.properties.kind === 'industrialBelt');
  const clear = new Set<string>(), possible = new Set<string>();
  for (const b of belts)
    for (const c of counties) {
      const km2 = turfIntersectKm2(b.geometry, c.geometry);
      if (km2 > 0.05) clear.add(`${b.properties.id}|${c.properties.adcode}`);
      if (!(km2 === 0)) possible.add(`${b.properties.id}|${c.properties.adcode}`);
    }
  expect(clear.size).toBeGreaterThan(3);
  const ids = await cellValues(page, 'overlap', 'a_name', 'data-id');
  const idsB = await cellValues(page, 'overlap', 'b_name', 'data-id');
  const listed = new Set(ids.map((a, i) => (a.startsWith('5') ? `${idsB[i]}|${a}` : `${a}|${idsB[i]}`)));
  for (const k of clear) expect(listed, k).toContain(k);
  for (const k of listed) expect(possible, k).toContain(k);
  expect(listed).toContain('belt-chengzi-linkong|510185');

  // sort by intersection area, largest first
  await s.locator('th[data-key="area_km2"] button').click();
  const areas = (await cellValues(page, 'overlap', 'area_km2')).map(Number);
  expect(areas).toEqual([...areas].sort((a, b) => b - a));
  await expect(s.locator('th[data-key="area_km2"]')).toHaveAttribute('aria-sort', 'descending');
  await expect(s.locator('[data-table="overlap"] caption')).toContainText('Albers');

  // intersections highlighted on the map
  expect((await drawnRoles(page)).intersection).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/analysis-overlap.png` });

  const csv = parseCSV((await downloadText(page, () => s.locator('[data-export="csv"]').click())).text);
  expect(csv).toHaveLength(listed.size);
  const row = csv.find((r) => r.a_id === 'belt-chengzi-linkong' && r.b_id === '510185') ?? csv.find((r) => r.b_id === 'belt-chengzi-linkong' && r.a_id === '510185')!;
  const turfKm2 = turfIntersectKm2(planById('belt-chengzi-linkong').geometry, counties.find((c) => c.properties.adcode === '510185')!.geometry);
  expect(Math.abs(Number(row.area_km2) - turfKm2) / turfKm2).toBeLessThan(0.01);
  expect(row.method).toContain('Albers');
  const gj = JSON.parse((await downloadText(page, () => s.locator('[data-export="geojson"]').click())).text) as FeatureCollection;
  expect(gj.features).toHaveLength(listed.size);
  expect(gj.features.filter((f) => f.geometry?.type === 'MultiPolygon').length).toBeGreaterThan(0);

  // pin it, close the panel: the pinned intersections stay; removing the pin clears them
  await s.locator('[data-action="pin"]').click();
  await expect(page.locator('[data-pin]')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-panel="analysis"]')).toHaveCount(0);
  expect((await drawnRoles(page)).intersection).toBeGreaterThan(0);
  await page.locator('[data-tool="analysis"]').click();
  await page.locator('[data-pin] button').click();
  await page.keyboard.press('Escape');
  expect((await drawnRoles(page)).intersection ?? 0).toBe(0);
});

test('overlaps: a long run shows progress and can be cancelled', async ({ page }) => {
  await openPanel(page);
  await tab(page, 'overlap');
  const s = section(page, 'overlap');
  await s.locator('[data-group="industrialBelt"]').uncheck();
  await s.locator('[data-group="prefectures"]').check();
  await s.getByLabel('也比较同组内的要素').check();
  await s.locator('[data-action="overlap-run"]').click();
  await expect(s.locator('progress')).toBeVisible();
  await s.locator('[data-action="overlap-cancel"]').click();
  await expect(s.locator('[data-status="overlap"]')).toHaveText('已取消');
  await expect(s.locator('[data-table="overlap"]')).toHaveCount(0);
  await expect(s.locator('[data-action="overlap-run"]')).toBeEnabled();
});

test('jurisdiction shares: 成资临空 split between 简阳 and 雁江 in km² and %', async ({ page }) => {
  await openPanel(page, '#map=9.00/30.3500/104.5500');
  await tab(page, 'jurisdiction');
  const s = section(page, 'jurisdiction');
  await s.locator('[data-picker="element"] select').selectOption('belt-chengzi-linkong');
  const t = s.locator('[data-table="jurisdiction-county"]');
  await expect(t.locator('tbody tr').first()).toBeVisible();
  const names = await t.locator('td[data-key="name_zh"]').allInnerTexts();
  expect(names).toContain('简阳市');
  expect(names).toContain('雁江区');
  const belt = planById('belt-chengzi-linkong').geometry;
  const values = await cellValues(page, 'jurisdiction-county', 'value');
  const pct = (await cellValues(page, 'jurisdiction-county', 'percent')).map(Number);
  const totalKm2 = turfArea({ type: 'Feature', properties: {}, geometry: belt }) / 1e6;
  for (const code of ['510185', '512002']) {
    const i = names.indexOf(code === '510185' ? '简阳市' : '雁江区');
    const ref = turfIntersectKm2(belt, counties.find((c) => c.properties.adcode === code)!.geometry);
    expect(Math.abs(Number(values[i]) - ref) / ref, code).toBeLessThan(0.01);
    expect(Math.abs(pct[i] - (100 * ref) / totalKm2), code).toBeLessThan(0.5);
  }
  await expect(t.locator('th[data-key="value"]')).toContainText('km²');
  await expect(t.locator('caption')).toContainText('Albers');
  await expect(s.locator('[data-table="jurisdiction-prefecture"] td[data-key="name_zh"]', { hasText: '成都市' })).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/analysis-jurisdiction.png` });
});

test('catchment: 5 and 10 km around 天府国际机场 list the right counties', async ({ page }) => {
  await openPanel(page, '#map=9.00/30.3100/104.4400');
  await tab(page, 'catchment');
  const s = section(page, 'catchment');
  await s.locator('[data-picker="hub"] select').selectOption('hub-tianfu-airport');
  await s.locator('[data-input="radii"]').fill('5, 10');
  await s.locator('[data-candidates="plan"]').uncheck();
  await s.locator('[data-action="catchment-run"]').click();
  await expect(s.locator('[data-table="catchment"] tbody tr').first()).toBeVisible();
  const hub = (planById('hub-tianfu-airport').geometry as { coordinates: Position }).coordinates;
  const listed = new Set(await cellValues(page, 'catchment', 'name', 'data-id'));
  const dist = counties.map((c) => ({ code: c.properties.adcode, km: pointToCountyKm(hub, c) }));
  const mustIn = dist.filter((d) => d.km < 10 * 0.995).map((d) => d.code);
  const mustOut = dist.filter((d) => d.km > 10 * 1.005).map((d) => d.code);
  expect(mustIn.length).toBeGreaterThan(0);
  for (const c of mustIn) expect(listed, c).toContain(c);
  for (const c of mustOut) expect(listed, c).not.toContain(c);
  // the ring each county falls in, and distances against Turf within 0.5%
  const ids = await cellValues(page, 'catchment', 'name', 'data-id');
  const kms = (await cellValues(page, 'catchment', 'distance_km')).map(Number);
  for (const [i, id] of ids.entries()) {
    const ref = dist.find((d) => d.code === id)!.km;
    expect(Math.abs(kms[i] - ref), id).toBeLessThan(Math.max(0.01, ref * 0.005));
  }
  await expect(s.locator('[data-table="catchment"] caption')).toContainText('WGS84');
  expect((await drawnRoles(page)).ring).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/analysis-catchment.png` });
});

test('nearest: a click finds the nearest station/hub (checked by brute force with GeographicLib)', async ({ page }) => {
  await openPanel(page, '#map=9.00/30.6000/104.2000');
  await tab(page, 'nearest');
  const s = section(page, 'nearest');
  await s.locator('[data-action="nearest-click"]').click();
  const p = await clickMap(page, 560, 400);
  await expect(s.locator('[data-table="nearest-hubs"] tbody tr').first()).toBeVisible();
  const hubs = planFeatures
    .filter((f) => f.properties.kind === 'hub' && f.geometry.type === 'Point')
    .map((f) => ({ id: f.properties.id, m: inverse(p, (f.geometry as { coordinates: Position }).coordinates) }))
    .sort((a, b) => a.m - b.m);
  const ids = await cellValues(page, 'nearest-hubs', 'name', 'data-id');
  const kms = (await cellValues(page, 'nearest-hubs', 'distance_km')).map(Number);
  expect(ids.slice(0, 3)).toEqual(hubs.slice(0, 3).map((h) => h.id));
  expect(Math.abs(kms[0] * 1000 - hubs[0].m)).toBeLessThan(0.01);
  expect((await drawnRoles(page)).hitLine).toBeGreaterThan(0);
  expect(page.url()).not.toContain('sel=');
  await page.screenshot({ path: `${SHOTS}/analysis-nearest.png` });
});

test('between two elements: centroid and nearest-edge lines, labelled; panel passes axe in both languages', async ({ page }) => {
  await openPanel(page, '#map=8.60/29.4500/104.8500');
  await tab(page, 'between');
  const s = section(page, 'between');
  await s.locator('[data-picker="a"] input[type="search"]').fill('内江市中心');
  await s.locator('[data-picker="a"] select').selectOption('cluster-neijiang-central');
  await s.locator('[data-picker="b"] select').selectOption('cluster-zigong-central');
  await expect(s.locator('[data-table="distance"] tbody tr')).toHaveCount(2);
  const m = (await cellValues(page, 'distance', 'distance_m')).map(Number);
  expect(m[0]).toBeGreaterThanOrEqual(m[1]);
  const roles = await drawnRoles(page);
  expect(roles.centroidLine).toBeGreaterThan(0);
  expect(roles.element).toBeGreaterThan(0);
  const labels = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['analysis-label-line', 'analysis-label-point'] }).length);
  expect(labels).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/analysis-between.png` });

  await page.addScriptTag({ path: AXE_PATH });
  const axe = () =>
    page.evaluate(async () => {
      const a = (window as unknown as { axe: { run: (ctx?: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const r = await a.run(document.querySelector('[data-panel="analysis"]'));
      return r.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
  expect(await axe()).toEqual([]);
  for (const t of ['measure', 'claim', 'overlap', 'jurisdiction', 'catchment', 'nearest', 'layers']) {
    await tab(page, t);
    expect(await axe(), t).toEqual([]);
  }
  await page.locator('header button[lang]').click();
  await expect(page.locator('[data-tab="nearest"]')).toHaveText('Nearest');
  expect(await axe()).toEqual([]);
  // keyboard: arrows move between sections, the last wrapping to the first
  await page.locator('[data-tab="nearest"]').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-tab="layers"]')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-tab="measure"]')).toBeFocused();
  await expect(page.locator('[data-tab="measure"]')).toHaveAttribute('aria-selected', 'true');
});

// --- the user's own layers as analysis inputs ---

const dropOnWorkspace = (page: Page, files: { name: string; text: string }[]) =>
  dropFiles(page, files.map((f) => ({ name: f.name, bytes: Buffer.from(f.text, 'utf8') })));

// A draft zone east of 天府国际机场 across 简阳 and its neighbours, and a bow-tie that crosses itself.
const ZONE: Polygon = { type: 'Polygon', coordinates: [[[104.5, 30.15], [104.75, 30.15], [104.75, 30.4], [104.5, 30.4], [104.5, 30.15]]] };
const BOWTIE: Polygon = { type: 'Polygon', coordinates: [[[104.8, 30.5], [104.9, 30.6], [104.9, 30.5], [104.8, 30.6], [104.8, 30.5]]] };
const DRAFT = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: '草案区' }, geometry: ZONE },
    { type: 'Feature', properties: { name: '蝴蝶结' }, geometry: BOWTIE },
  ],
};

test('my layers: an imported draft zone × counties and its distance to a plan hub, against Turf and GeographicLib', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./#map=9.20/30.3000/104.6000');
  await mapIdle(page);
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  await page.locator('[data-tool="workspace"]').click();
  await dropOnWorkspace(page, [{ name: 'draft-zone.geojson', text: JSON.stringify(DRAFT) }]);
  await expect.poll(() => page.evaluate(() => window.__atlasWorkspace!.history.state.layers.length), { timeout: 30_000 }).toBe(1);
  const layer = await page.evaluate(() => {
    const l = window.__atlasWorkspace!.history.state.layers[0];
    return { id: l.id, name: l.name, ids: l.features.map((f) => f.id) };
  });
  const [zoneId, bowId] = layer.ids;

  // overlap: my layer × counties
  await page.locator('[data-tool="analysis"]').click();
  await expect(page.locator('[data-panel="analysis"] [role="tablist"]')).toBeVisible();
  await tab(page, 'overlap');
  const s = section(page, 'overlap');
  await s.locator('[data-group="industrialBelt"]').uncheck();
  await s.locator('[data-group="counties"]').uncheck();
  await s.locator(`[data-group="user:${layer.id}"]`).check();
  await s.locator('[data-group="counties"]').check();
  await s.locator('[data-action="overlap-run"]').click();
  await expect(s.locator('[data-table="overlap"] tbody tr').first()).toBeVisible();
  await s.locator('[data-filter="min-area"]').fill('0');
  // the bow-tie is left out, named by layer › feature and the problem
  const note = s.locator('[data-skipped]');
  await expect(note).toContainText(`${layer.name} › 蝴蝶结`);
  await expect(note).toContainText('自相交');
  await expect(s.locator('[data-note="user"]')).toBeVisible();

  const expected = new Map<string, number>();
  for (const c of counties) {
    const km2 = turfIntersectKm2(ZONE, c.geometry);
    if (km2 > 0) expected.set(c.properties.adcode, km2);
  }
  expect(expected.size).toBeGreaterThan(1);
  const aIds = await cellValues(page, 'overlap', 'a_name', 'data-id');
  const bIds = await cellValues(page, 'overlap', 'b_name', 'data-id');
  const km2 = (await cellValues(page, 'overlap', 'area_km2')).map(Number);
  expect(new Set(aIds)).toEqual(new Set([`ws:${zoneId}`]));
  for (const [code, ref] of expected) if (ref > 0.05) expect(bIds, code).toContain(code);
  for (const [i, code] of bIds.entries()) {
    const ref = expected.get(code);
    expect(ref, code).toBeDefined();
    expect(Math.abs(km2[i] - ref!) / ref!, code).toBeLessThan(0.01);
  }
  // the counties tile the zone: the listed areas add up to the zone's own area
  const zoneKm2 = turfArea({ type: 'Feature', properties: {}, geometry: ZONE }) / 1e6;
  expect(Math.abs(km2.reduce((a, b) => a + b, 0) - zoneKm2) / zoneKm2).toBeLessThan(0.005);
  await expect(s.locator('[data-table="overlap"] td[data-key="a_name"]').first()).toContainText(`${layer.name} › 草案区（导入数据）`);
  expect((await drawnRoles(page)).intersection).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/analysis-user-overlap.png` });
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const a = (window as unknown as { axe: { run: (ctx?: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const r = await a.run(document.querySelector('[data-panel="analysis"]'));
    return r.violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  expect(violations).toEqual([]);
  const csv = parseCSV((await downloadText(page, () => s.locator('[data-export="csv"]').click())).text);
  expect(csv).toHaveLength(bIds.length);
  expect(new Set(csv.map((r) => r.a_accuracy))).toEqual(new Set(['imported']));
  expect(new Set(csv.map((r) => r.b_accuracy))).toEqual(new Set(['boundary']));

  // between: my zone ↔ 天府国际机场 (the hub lies west of the zone)
  await tab(page, 'between');
  const b = section(page, 'between');
  await expect(b.locator('[data-picker="a"] optgroup[data-optgroup="user"] option')).toHaveCount(2);
  await b.locator('[data-picker="a"] select').selectOption(`ws:${zoneId}`);
  await b.locator('[data-picker="b"] select').selectOption('hub-tianfu-airport');
  await expect(b.locator('[data-table="distance"] tbody tr')).toHaveCount(2);
  const hub = (planById('hub-tianfu-airport').geometry as { coordinates: Position }).coordinates;
  const [centroidM, edgeM] = (await cellValues(page, 'distance', 'distance_m')).map(Number);
  const zoneCentroid = centroid({ type: 'MultiPolygon', coordinates: [ZONE.coordinates] });
  expect(Math.abs(centroidM - inverse(zoneCentroid, hub))).toBeLessThan(50);
  const edgeRef = pointToLineDistance(hub, { type: 'LineString', coordinates: ZONE.coordinates[0] }, { units: 'kilometers', method: 'geodesic' }) * 1000;
  expect(Math.abs(edgeM - edgeRef) / edgeRef).toBeLessThan(0.005);
  await expect(b.locator('[data-table="distance"] caption')).toContainText(`${layer.name} › 草案区（导入数据） ↔ 成都天府国际机场`);
  expect((await drawnRoles(page)).edgeLine).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/analysis-user-between.png` });
  // the bow-tie: a clear message naming it, no result, no crash
  await b.locator('[data-picker="a"] select').selectOption(`ws:${bowId}`);
  await expect(b.locator('[data-error="between"]')).toContainText(`要素「${layer.name} › 蝴蝶结」`);
  await expect(b.locator('[data-error="between"]')).toContainText('自相交');
  await expect(b.locator('[data-table="distance"]')).toHaveCount(0);

  // picking on the map: a click inside the zone (away from plan elements) picks it as B
  await b.locator('[data-picker="b"] [data-pick="b"]').click();
  // (plan areas lie under it too: the user's area, drawn above them, wins over them)
  // a spot inside the zone with no plan line or point within 8 px (plan lines move as their data improves)
  const inside = await page.evaluate(() => {
    const map = window.__atlasMap!;
    for (let lat = 30.38; lat > 30.16; lat -= 0.02)
      for (let lon = 104.52; lon < 104.74; lon += 0.02) {
        const p = map.project([lon, lat]);
        const near = map.queryRenderedFeatures([[p.x - 8, p.y - 8], [p.x + 8, p.y + 8]]);
        if (!near.some((f) => f.layer.id.startsWith('plan-') && f.layer.id !== 'plan-area-fill')) return { x: p.x, y: p.y };
      }
    throw new Error('no spot in the zone clear of plan lines and points');
  });
  await clickMap(page, inside.x, inside.y);
  await expect(b.locator('[data-picker="b"] select')).toHaveValue(`ws:${zoneId}`);

  // jurisdiction shares of my zone, against Turf
  await tab(page, 'jurisdiction');
  const j = section(page, 'jurisdiction');
  await j.locator('[data-picker="element"] select').selectOption(`ws:${zoneId}`);
  const t = j.locator('[data-table="jurisdiction-county"]');
  await expect(t.locator('tbody tr').first()).toBeVisible();
  await expect(t.locator('caption')).toContainText(`${layer.name} › 草案区（导入数据）`);
  const jNames = await t.locator('td[data-key="name_zh"]').allInnerTexts();
  const jValues = (await cellValues(page, 'jurisdiction-county', 'value')).map(Number);
  for (const [code, ref] of expected) {
    const name = counties.find((c) => c.properties.adcode === code)!.properties.zh;
    const i = jNames.indexOf(name);
    if (ref > 0.05) expect(i, name).toBeGreaterThanOrEqual(0);
    if (i >= 0) expect(Math.abs(jValues[i] - ref) / ref, name).toBeLessThan(0.01);
  }
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
