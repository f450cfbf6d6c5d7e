import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Geodesic } from '../../../src/lib/geo/geodesic.ts';
import { gkOf, nearestCm3, typedPair, typedToWgs84 } from '../../../src/lib/geo/typed.ts';
import { wgs84ToGcj02 } from '../../../src/lib/geo/crs.ts';

// PROJ (pyproj) eastings/northings from scripts/reference/gk-points.py
const ref = JSON.parse(readFileSync('tests/fixtures/workbench/gk-points.json', 'utf8')) as { points: Array<{ place: string; lon: number; lat: number; epsg: number; zone: string; easting: number; northing: number }> };
const metres = (a: [number, number], lon: number, lat: number) => Geodesic.WGS84.Inverse(lat, lon, a[1], a[0]).s12!;
const CM: Record<number, number> = { 4543: 102, 4544: 105, 4545: 108 };

describe('typed coordinates', () => {
  it('GK eastings/northings (3° with and without prefix, 6°) land within 1 m of PROJ, in either order', () => {
    for (const p of ref.points) {
      const cm = CM[p.epsg];
      for (const [a, b] of [[p.easting, p.northing], [p.northing, p.easting]]) {
        const r = typedToWgs84('gk', String(a), String(b), { cm });
        if (!r.ok) throw new Error(`${p.place} ${p.zone}: ${r.msg.key}`);
        expect(metres(r.wgs84, p.lon, p.lat), `${p.place} ${p.zone}`).toBeLessThan(1);
        expect(r.swapped).toBe(a === p.northing);
      }
    }
  });

  it('an easting without prefix takes the 3° zone nearest the map centre unless one is chosen', () => {
    const p = ref.points.find((x) => x.epsg === 4544)!;
    const r = typedToWgs84('gk', String(p.easting), String(p.northing), { centreLon: 104.2 });
    expect(r.ok && r.crsId).toBe('EPSG:4544');
    expect(nearestCm3(106.4)).toBe(105);
    expect(nearestCm3(106.6)).toBe(108);
  });

  it('GCJ-02 is converted to WGS84; WGS84 passes through; bad input is named', () => {
    const gcj = wgs84ToGcj02([104.0657, 30.6574]);
    const r = typedToWgs84('gcj02', String(gcj[0]), String(gcj[1]));
    expect(r.ok && metres(r.wgs84, 104.0657, 30.6574)).toBeLessThan(1);
    expect(typedToWgs84('wgs84', '104.0657', '30.6574')).toMatchObject({ ok: true, wgs84: [104.0657, 30.6574] });
    expect(typedToWgs84('wgs84', '200', '30')).toMatchObject({ ok: false, msg: { key: 'ops.typed.lonRange', vars: { value: '200' } } });
    expect(typedToWgs84('wgs84', '104', '95')).toMatchObject({ ok: false, msg: { key: 'ops.typed.latRange', vars: { value: '95' } } });
    expect(typedToWgs84('wgs84', '30.6', '104.1')).toMatchObject({ ok: false, msg: { key: 'ops.typed.latRangeSwapped' } });
    expect(typedToWgs84('wgs84', 'abc', '30')).toMatchObject({ ok: false, msg: { key: 'ops.typed.notNumber', vars: { value: 'abc' } } });
    expect(typedToWgs84('wgs84', '104.1', '3o.6')).toMatchObject({ ok: false, msg: { key: 'ops.typed.notNumber', vars: { value: '3o.6' } } });
    expect(typedToWgs84('wgs84', '', ' ')).toMatchObject({ ok: false, msg: { key: 'ops.typed.empty' } });
    expect(typedToWgs84('wgs84', '104.1', '')).toMatchObject({ ok: false, msg: { key: 'ops.typed.missing' } });
    expect(typedToWgs84('gk', '104.06', '30.65')).toMatchObject({ ok: false, msg: { key: 'ops.typed.gkDegrees' } });
    expect(typedToWgs84('gk', '123', '456')).toMatchObject({ ok: false, msg: { key: 'ops.typed.gkRange' } });
    expect(typedToWgs84('gk', '50500000', '3400000')).toMatchObject({ ok: false, msg: { key: 'ops.typed.gkRange' } });
  });

  it('takes both numbers from the first box when the second is empty', () => {
    expect(typedPair('104.0657, 30.6574', '')).toEqual(['104.0657', '30.6574']);
    expect(typedPair('104.0657，30.6574', '')).toEqual(['104.0657', '30.6574']);
    expect(typedPair(' 3395123.4   35403456.7 ', '')).toEqual(['3395123.4', '35403456.7']);
    expect(typedPair('104.0657; 30.6574', ' ')).toEqual(['104.0657', '30.6574']);
    // thousands written with commas stay one number (three parts are not a pair)
    expect(typedPair('3,395,123', '')).toEqual(['3,395,123', '']);
    expect(typedToWgs84('wgs84', '104.0657, 30.6574', '')).toMatchObject({ ok: true, wgs84: [104.0657, 30.6574] });
    const p = ref.points.find((x) => x.epsg === 4523)!;
    const r = typedToWgs84('gk', `${p.northing}, ${p.easting}`, '');
    expect(r.ok && metres(r.wgs84, p.lon, p.lat)).toBeLessThan(1);
  });

  it('shows a position back in the nearest 3° zone', () => {
    const p = ref.points.find((x) => x.epsg === 4544 && x.place === '天府广场')!;
    const g = gkOf([p.lon, p.lat]);
    expect(g.cm).toBe(105);
    expect(Math.abs(g.e - p.easting)).toBeLessThan(0.01);
    expect(Math.abs(g.n - p.northing)).toBeLessThan(0.01);
  });
});
