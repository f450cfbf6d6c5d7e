import { describe, expect, it } from 'vitest';
import geodesic from 'geographiclib-geodesic';
import {
  PAPERS,
  PAPER_NAMES,
  dms,
  fitScale,
  gridTicks,
  mapRender,
  scaleBar,
  scaleForZoom,
  scaleText,
  sheetLayout,
  tiles,
  zoomForScale,
} from '../../../src/lib/print/layout.ts';

const WGS84 = geodesic.Geodesic.WGS84;

/** Web Mercator x (metres) → longitude, for turning a pixel span into degrees independently of the code. */
const lonOf = (x: number) => (x / 6378137) * (180 / Math.PI);

describe('sheet layout', () => {
  it.each(PAPER_NAMES.flatMap((p) => [[p, 'landscape'], [p, 'portrait']] as const))('%s %s: page, frame, map and panel nest', (paper, o) => {
    const l = sheetLayout(paper, o);
    const [a, b] = PAPERS[paper];
    expect([l.page.w, l.page.h].sort((x, y) => x - y)).toEqual([a, b]);
    expect(l.page.w > l.page.h).toBe(o === 'landscape');
    const inside = (r: { x: number; y: number; w: number; h: number }, o2: typeof r) =>
      r.x >= o2.x && r.y >= o2.y && r.x + r.w <= o2.x + o2.w + 1e-9 && r.y + r.h <= o2.y + o2.h + 1e-9;
    const pageRect = { x: 0, y: 0, w: l.page.w, h: l.page.h };
    expect(inside(l.frame, pageRect)).toBe(true);
    for (const r of [l.titleBand, l.map, l.panel]) expect(inside(r, l.frame)).toBe(true);
    // map and panel do not overlap
    const apart = l.map.x + l.map.w <= l.panel.x || l.map.y + l.map.h <= l.panel.y;
    expect(apart).toBe(true);
    // the map gets most of the sheet
    expect((l.map.w * l.map.h) / (l.frame.w * l.frame.h)).toBeGreaterThan(0.5);
  });

  it('text grows with the paper', () => {
    expect(sheetLayout('A0', 'landscape').pt).toBeGreaterThan(sheetLayout('A3', 'landscape').pt * 2.5);
    expect(sheetLayout('A3', 'landscape').pt).toBeCloseTo(9, 6);
  });
});

describe('scale and resolution', () => {
  const lat = 30.66;
  it('1:250,000 at 300 dpi: the window covers 250,000 × its width on the ground (GeographicLib along the parallel)', () => {
    const l = sheetLayout('A3', 'landscape');
    const r = mapRender(l.map, 250_000, 300, lat);
    // pixel size follows scale × dpi
    expect(r.px.w).toBe(Math.round((Math.round((l.map.w / 25.4) * 96) * 300) / 96));
    expect(Math.abs(r.px.w - (l.map.w / 25.4) * 300)).toBeLessThan(3);
    // CSS width → Web Mercator metres at this zoom → longitude span → geodesic length along the parallel
    const mercMetresPerCss = (2 * Math.PI * 6378137) / (512 * 2 ** r.zoom);
    const dLon = lonOf(r.css.w * mercMetresPerCss);
    // a parallel is not a geodesic: sum short geodesic steps along it
    let ground = 0;
    const n = 200;
    for (let i = 0; i < n; i++) ground += WGS84.Inverse(lat, 104 + (i * dLon) / n, lat, 104 + ((i + 1) * dLon) / n).s12 ?? NaN;
    const expected = (l.map.w / 1000) * 250_000;
    expect(Math.abs(ground - expected) / expected).toBeLessThan(0.005);
  });

  it('zoomForScale and scaleForZoom are inverse', () => {
    for (const s of [10_000, 250_000, 1_000_000]) expect(scaleForZoom(zoomForScale(s, 31), 31)).toBeCloseTo(s, 3);
  });

  it('fitScale picks a round scale that holds the extent', () => {
    const l = sheetLayout('A3', 'landscape');
    const s = fitScale(l.map, 120_000, 60_000);
    expect((l.map.w / 1000) * s).toBeGreaterThanOrEqual(120_000);
    expect((l.map.h / 1000) * s).toBeGreaterThanOrEqual(60_000);
    expect(String(s)).toMatch(/^(1|15|2|25|3|4|5|75)0*$/);
  });

  it('tiles cover the window exactly, each under the pixel cap', () => {
    const l = sheetLayout('A0', 'landscape');
    const r = mapRender(l.map, 100_000, 300, lat);
    const ts = tiles(r, 2048);
    expect(ts.length).toBeGreaterThan(20);
    let area = 0;
    for (const t of ts) {
      expect(t.w * r.pixelRatio).toBeLessThanOrEqual(2048);
      expect(t.h * r.pixelRatio).toBeLessThanOrEqual(2048);
      area += t.w * t.h;
    }
    expect(area).toBe(r.css.w * r.css.h);
  });

  it('scale bar is round and at most a quarter of the window', () => {
    const b = scaleBar(250_000, 300);
    expect(b.metres).toBe(10_000);
    expect(b.mm).toBeCloseTo(40, 9);
    expect(scaleText(250_000)).toBe('1:250,000');
  });

  it('grid ticks and labels', () => {
    const g = gridTicks(103.9, 104.6, 5);
    expect(g.step).toBeCloseTo(10 / 60, 12);
    expect(g.values[0]).toBeGreaterThanOrEqual(103.9);
    expect(dms(104.5, 'lon')).toBe('104°30′E');
    expect(dms(30, 'lat')).toBe('30°N');
  });
});

describe('tiles on the ground', () => {
  it('tile centres and window bounds agree with the window centre (Web Mercator, independent formula)', async () => {
    const { tileCenter, windowBounds } = await import('../../../src/lib/print/layout.ts');
    const l = sheetLayout('A2', 'landscape');
    const r = mapRender(l.map, 250_000, 300, 30.66);
    const ts = tiles(r, 2048);
    const center: [number, number] = [104.07, 30.66];
    const [w, s, e, n] = windowBounds(center, r);
    // the middle of the bounds in longitude is the centre; latitude is not linear in Mercator, so check y
    expect((w + e) / 2).toBeCloseTo(104.07, 9);
    const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    expect((mercY(n) + mercY(s)) / 2).toBeCloseTo(mercY(30.66), 9);
    // every tile centre lies inside the bounds, and the tiles' west-east order follows their x
    const centres = ts.map((t) => tileCenter(center, r, t));
    for (const [lon, lat] of centres) {
      expect(lon).toBeGreaterThan(w);
      expect(lon).toBeLessThan(e);
      expect(lat).toBeGreaterThan(s);
      expect(lat).toBeLessThan(n);
    }
    // ground width at the centre latitude ≈ window width × scale (within Mercator's variation over the window)
    const groundW = ((e - w) * Math.PI / 180) * 6378137 * Math.cos((30.66 * Math.PI) / 180);
    expect(Math.abs(groundW - r.ground.w) / r.ground.w).toBeLessThan(0.001);
  });
});
