import { describe, expect, it } from 'vitest';
import { BASEMAPS, applyOverrides, tileUrls } from '../../../src/config/basemaps.ts';

describe('basemap settings', () => {
  it('has the offline basemap first, and the online ones as XYZ raster templates', () => {
    expect(BASEMAPS[0].id).toBe('offline');
    expect(BASEMAPS[0].type).toBe('vector');
    expect(new Set(BASEMAPS.map((b) => b.id)).size).toBe(BASEMAPS.length);
    for (const b of BASEMAPS.filter((x) => x.type === 'raster')) {
      expect(b.tiles.length, b.id).toBeGreaterThan(0);
      for (const t of [...b.tiles, ...(b.labelTiles ?? [])]) {
        expect(t, b.id).toMatch(/^https:\/\//);
        for (const k of ['{z}', '{x}', '{y}']) expect(t, b.id).toContain(k);
      }
      expect(b.attribution, b.id).not.toBe('');
    }
  });

  it('marks Gaode as GCJ-02 and Tianditu as keyed, with no key committed', () => {
    expect(BASEMAPS.find((b) => b.id === 'gaode')?.datum).toBe('gcj02');
    const tdt = BASEMAPS.find((b) => b.id === 'tianditu')!;
    expect(tdt.requiresKey).toBe(true);
    for (const t of tdt.tiles) expect(t).toMatch(/tk=\{tk\}$/);
  });

  it('fills the key in, URL-encoded, and refuses a keyed basemap without one', () => {
    const tdt = BASEMAPS.find((b) => b.id === 'tianditu')!;
    expect(tileUrls(tdt.tiles, tdt, '  ')).toBeNull();
    const urls = tileUrls(tdt.tiles, tdt, 'ab c&d')!;
    expect(urls[0]).toContain('tk=ab%20c%26d');
    expect(urls[0]).not.toContain('{tk}');
    const osm = BASEMAPS.find((b) => b.id === 'osm')!;
    expect(tileUrls(osm.tiles, osm, '')).toEqual(osm.tiles);
  });

  it('applies the dev/test override to the named entries only', () => {
    const local = 'http://127.0.0.1:9/osm/{z}/{x}/{y}.png';
    const out = applyOverrides(BASEMAPS, JSON.stringify({ osm: { tiles: [local], maxzoom: 12 }, gaode: { tiles: [1, 2] } }));
    expect(out.find((b) => b.id === 'osm')!.tiles).toEqual([local]);
    expect(out.find((b) => b.id === 'osm')!.maxzoom).toBe(12);
    // Non-string tiles are ignored rather than trusted.
    expect(out.find((b) => b.id === 'gaode')!.tiles).toEqual(BASEMAPS.find((b) => b.id === 'gaode')!.tiles);
    expect(out.find((b) => b.id === 'tianditu')).toEqual(BASEMAPS.find((b) => b.id === 'tianditu'));
  });

  it('ignores a missing or broken override', () => {
    expect(applyOverrides(BASEMAPS, null)).toEqual(BASEMAPS);
    expect(applyOverrides(BASEMAPS, '{not json')).toEqual(BASEMAPS);
  });
});
