import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_AREA_KM2, distanceDisplay, filterResultRows, leastAccurate, rowAccuracy } from '../../../src/lib/analysis/accuracy.ts';

describe('accuracy carried through results', () => {
  it('maps every code the app uses onto boundary / located / schematic', () => {
    expect(rowAccuracy('boundary')).toBe('boundary');
    expect(rowAccuracy('located')).toBe('located');
    expect(rowAccuracy('imported')).toBe('located');
    expect(rowAccuracy('drawn-located')).toBe('located');
    expect(rowAccuracy('drawn-schematic')).toBe('schematic');
    // an unlabelled input never makes a row look better than it is
    expect(rowAccuracy('')).toBe('schematic');
    expect(rowAccuracy(undefined)).toBe('schematic');
  });

  it('takes the least accurate input', () => {
    expect(leastAccurate('boundary', 'boundary')).toBe('boundary');
    expect(leastAccurate('boundary', 'located')).toBe('located');
    expect(leastAccurate('located', 'schematic', 'boundary')).toBe('schematic');
    expect(leastAccurate('imported', 'boundary')).toBe('located');
  });

  it('rounds schematic distances and marks them approximate', () => {
    // 成都西站 from 天府广场, measured to a schematic point: 1.87 km shows as ≈ 2 km (0.5 km steps)
    expect(distanceDisplay(1870, 'schematic')).toEqual({ km: 2, approx: true });
    expect(distanceDisplay(1700, 'schematic')).toEqual({ km: 1.5, approx: true });
    expect(distanceDisplay(27_640, 'schematic')).toEqual({ km: 28, approx: true });
    expect(distanceDisplay(1870, 'located')).toEqual({ km: 1.87, approx: false });
    expect(distanceDisplay(1874.6, 'boundary', 3)).toEqual({ km: 1.875, approx: false });
  });

  it('filters slivers below the minimum area and schematic rows, counting what it hid', () => {
    const rows = [
      { id: 'a', area_km2: 0.01, accuracy: 'boundary' },
      { id: 'b', area_km2: 0.5, accuracy: 'schematic' },
      { id: 'c', area_km2: 3, accuracy: 'located' },
      { id: 'd', area_km2: 0.09, accuracy: 'schematic' },
    ];
    expect(DEFAULT_MIN_AREA_KM2).toBe(0.1);
    const small = filterResultRows(rows, { areaKey: 'area_km2', minAreaKm2: DEFAULT_MIN_AREA_KM2 });
    expect(small.rows.map((r) => r.id)).toEqual(['b', 'c']);
    expect(small.hiddenSmall).toBe(2);
    const both = filterResultRows(rows, { areaKey: 'area_km2', minAreaKm2: 0.1, hideSchematic: true });
    expect(both.rows.map((r) => r.id)).toEqual(['c']);
    expect(both.hiddenSchematic).toBe(1);
    const none = filterResultRows(rows, { areaKey: 'area_km2', minAreaKm2: 0 });
    expect(none.rows).toHaveLength(4);
  });
});
