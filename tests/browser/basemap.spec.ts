import { test, expect } from '@playwright/test';
import { SHOTS, canvasStats, mapIdle, watchConsole, watchRequests } from './helpers.ts';

for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test(`offline basemap renders at ${name} size with no foreign requests or errors`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const requests = watchRequests(page);
    const errors = watchConsole(page);
    await page.goto('./');
    await mapIdle(page);
    await page.screenshot({ path: `${SHOTS}/basemap-${name}.png` });

    expect(requests.foreign, 'requests to other hosts').toEqual([]);
    expect(errors, 'console errors').toEqual([]);

    // Boundaries and labels are really drawn: the sources are rendered and the canvas is not flat.
    const rendered = await page.evaluate(() => {
      const map = window.__atlasMap!;
      const count = (layer: string) => map.queryRenderedFeatures({ layers: [layer] }).length;
      return {
        provinces: count('province-line'),
        prefectures: count('prefecture-line'),
        prefectureLabels: map.queryRenderedFeatures({ layers: ['prefecture-label'] }).map((f) => f.properties.zh),
        rivers: count('river-line'),
      };
    });
    expect(rendered.provinces).toBeGreaterThan(0);
    expect(rendered.prefectures).toBeGreaterThan(5);
    expect(rendered.rivers).toBeGreaterThan(0);
    expect(rendered.prefectureLabels).toContain('成都市');
    const stats = await canvasStats(page);
    expect(stats.distinctColours).toBeGreaterThan(20);
    expect(stats.dominantShare).toBeLessThan(0.9);
    expect(stats.darkShare).toBeGreaterThan(0.001); // dark pixels = label text and province line
  });
}
