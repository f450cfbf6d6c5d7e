import { test, expect } from '@playwright/test';
import { SHOTS, mapIdle } from './helpers.ts';

const REGIONS = ['chengdu-metro', 'neijiang-zigong', 'dazhou', 'wandakai'] as const;

test('each region draws its plan elements, and its toggle removes and restores them; the map credits OpenStreetMap (stations, S3 and runways come from it), in zh and en', async ({ page }) => {
  await page.goto('./#map=6.60/30.2000/105.6000');
  await mapIdle(page);
  await page.waitForFunction(() => (window.__atlasMap!.getSource('plan') as unknown as { _data?: unknown }) !== undefined);
  // Wait until the bundles are in and drawn.
  await expect
    .poll(() => page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['plan-point', 'plan-area-fill', 'plan-line-existing', 'plan-line-future', 'plan-line-building'] }).length))
    .toBeGreaterThan(20);
  await page.screenshot({ path: `${SHOTS}/plan-all-regions.png` });

  const drawnRegions = () =>
    page.evaluate(async () => {
      await window.__atlas!.mapView.idle();
      const map = window.__atlasMap!;
      const layers = map.getStyle().layers.filter((l) => l.id.startsWith('plan-')).map((l) => l.id);
      const byRegion: Record<string, Set<string>> = {};
      for (const f of map.queryRenderedFeatures({ layers })) (byRegion[f.properties.region] ??= new Set()).add(f.properties.id);
      return Object.fromEntries(Object.entries(byRegion).map(([k, v]) => [k, v.size]));
    });

  const all = await drawnRegions();
  for (const r of REGIONS) expect(all[r] ?? 0, r).toBeGreaterThan(0);

  for (const r of REGIONS) {
    await page.locator(`input[data-region="${r}"]`).uncheck();
    const without = await drawnRegions();
    expect(without[r] ?? 0, `${r} hidden`).toBe(0);
    // The shown regions are in the URL, so a shared link keeps them.
    expect(new URLSearchParams(page.url().split('#')[1]).get('regions')?.split(',')).not.toContain(r);
    await page.locator(`input[data-region="${r}"]`).check();
    const back = await drawnRegions();
    expect(back[r], `${r} shown again`).toBe(all[r]);
  }

  // the same page (one cold load): the map credits OpenStreetMap (stations, S3 and runways come from it), in zh
  // and en; the view moves by its link
  await page.goto('./#map=10.00/30.2000/104.5000');
  await mapIdle(page);
  const attrib = page.locator('.maplibregl-ctrl-attrib-inner');
  await expect(attrib).toContainText('© OpenStreetMap contributors, ODbL');
  await expect(attrib).toContainText('S3');
  // the S3 track and the runways are drawn there as lines
  await expect
    .poll(() => page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['plan-line-existing'] }).map((f) => f.properties.id as string)))
    .toEqual(expect.arrayContaining(['rail-s3-ziyang', 'hub-tianfu-airport-runways']));
  await page.screenshot({ path: `${SHOTS}/plan-osm-attribution.png` });
  await page.goto('./#map=10.00/30.2000/104.5000&lang=en');
  await page.reload();
  await mapIdle(page);
  await expect(page.locator('.maplibregl-ctrl-attrib-inner')).toContainText('Stations, S3 track, runways: © OpenStreetMap contributors, ODbL');
});
