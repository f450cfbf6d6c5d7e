import { describe, expect, it } from 'vitest';
import turfArea from '@turf/area';
import type { Point } from 'geojson';
import { formatArea, formatLength, geodesicArea, geodesicDistance, geodesicLength } from '../../../src/lib/geo/geodesic.ts';
import { measure } from '../../../src/lib/analysis/measure.ts';
import { golden, shape } from './helpers.ts';

// Reference: tests/fixtures/analysis/out/measures.json, made by calling GeographicLib directly.
// Tolerance 1e-9 relative: same algorithm, so any larger gap is a ring/hole/winding/axis bug.
describe('geodesic measures vs GeographicLib fixture', () => {
  for (const [id, ref] of Object.entries(golden.measures) as [string, { lengthM?: number; areaM2?: number; perimeterM?: number }][]) {
    it(id, () => {
      const g = shape(id);
      if (ref.lengthM !== undefined) expect(geodesicLength(g)).toBeCloseTo(ref.lengthM, 3);
      if (ref.areaM2 !== undefined) {
        expect(Math.abs(geodesicArea(g) - ref.areaM2) / ref.areaM2).toBeLessThan(1e-9);
        expect(Math.abs(geodesicLength(g) - ref.perimeterM!) / ref.perimeterM!).toBeLessThan(1e-9);
      }
    });
  }
  it('point to point', () => {
    const pt = (id: string) => (shape(id) as Point).coordinates;
    expect(geodesicDistance(pt('neijiang-gov'), pt('zigong-gov')))
      .toBeCloseTo(golden.distances['neijiang-gov|zigong-gov'], 3);
  });
  it('Turf spherical area is measurably off; ours is not', () => {
    const g = shape('county-size-star');
    const ref = golden.measures['county-size-star'].areaM2;
    expect(Math.abs(turfArea(g) - ref) / ref).toBeGreaterThan(1e-3);
    expect(Math.abs(measure(g).areaM2! - ref) / ref).toBeLessThan(1e-9);
  });
});

describe('unit formatting', () => {
  it('lengths scale m → km', () => {
    expect(formatLength(12.345).text).toBe('12.3 m');
    expect(formatLength(999).unit).toBe('m');
    expect(formatLength(38042.8).text).toBe('38.0 km');
    expect(formatLength(38042.8, 'zh').text).toBe('38.0 公里');
    expect(formatLength(1234567).text).toBe('1,235 km');
    expect(formatLength(5).method).toMatch(/geodesic on WGS84/);
  });
  it('areas scale m² → ha → km², and 亩 on request', () => {
    expect(formatArea(850).unit).toBe('m2');
    expect(formatArea(25_000).text).toBe('2.50 ha');
    expect(formatArea(25_000, 'zh').text).toBe('2.50 公顷');
    expect(formatArea(3.2e9).text).toBe('3,200 km²');
    expect(formatArea(10000, 'zh', { unit: 'mu' }).text).toBe('15.0 亩');
  });
  it('refuses to format NaN', () => {
    expect(() => formatLength(NaN)).toThrow(/non-finite/);
  });
});
