// Class breaks against an independent reference: scripts/reference/class-breaks.py (numpy quantiles and
// linspace; natural breaks by Fisher's dynamic programme, confirmed by exhaustive search for 3–4 classes) on the
// county test data, and the documented jenkspy README example.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'papaparse';
import { CLASS_METHODS, classBreaks, classCounts, classOf, formatBreak } from '../../../src/lib/table/classify';

const ref = JSON.parse(readFileSync('tests/fixtures/table/class-breaks.json', 'utf8')) as {
  values: number[];
  classes: Record<string, Record<(typeof CLASS_METHODS)[number], number[]>>;
  jenkspyReadme: { values: number[]; k: number; naturalBreaks: number[] };
};
const csvValues = (parse<Record<string, string>>(readFileSync('tests/fixtures/table/county-gdp.csv', 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data).map((r) => Number(r.gdp_test));

describe('class breaks equal the reference', () => {
  it('reads the same values as the reference script', () => {
    expect(csvValues).toEqual(ref.values);
  });
  for (const k of [3, 4, 5, 6, 7, 8, 9]) {
    for (const method of CLASS_METHODS) {
      it(`${method}, ${k} classes`, () => {
        const ours = classBreaks(csvValues, method, k);
        const theirs = ref.classes[String(k)][method];
        expect(ours).toHaveLength(theirs.length);
        ours.forEach((b, i) => expect(b).toBeCloseTo(theirs[i], 9));
      });
    }
  }
  it('natural breaks of the jenkspy README example', () => {
    expect(classBreaks(ref.jenkspyReadme.values, 'naturalBreaks', ref.jenkspyReadme.k)).toEqual(ref.jenkspyReadme.naturalBreaks);
  });
});

describe('classes', () => {
  const breaks = [1.2, 2.3, 5.0, 7.8];
  it('upper bounds are inclusive; the first class holds its lower bound; no value is -1', () => {
    expect([1.2, 2.3, 2.31, 5, 7.8, 9, 0].map((v) => classOf(v, breaks))).toEqual([0, 0, 1, 1, 2, 2, 0]);
    expect(classOf(null, breaks)).toBe(-1);
    expect(classOf(Number.NaN, breaks)).toBe(-1);
    expect(classCounts(ref.jenkspyReadme.values, breaks)).toEqual([3, 5, 4]);
  });
  it('merges repeated breaks and copes with one value or fewer values than classes', () => {
    expect(classBreaks([5, 5, 5], 'quantile', 5)).toEqual([5, 5]);
    expect(classBreaks([1, 1, 1, 1, 2], 'quantile', 4)).toEqual([1, 1, 2]);
    expect(classBreaks([1, 2, 3], 'naturalBreaks', 5)).toEqual([1, 1, 2, 3]);
    expect(classBreaks([], 'equalInterval', 5)).toEqual([]);
    expect(classBreaks([1, Number.NaN, 3], 'equalInterval', 2)).toEqual([1, 2, 3]);
  });
  it('formats breaks for the legend', () => {
    expect(formatBreak(1234567, 'zh-CN')).toBe('1,234,567');
    expect(formatBreak(1314.8600000000004, 'en-GB')).toBe('1,314.9');
    expect(formatBreak(62.70000000000002, 'en-GB')).toBe('62.7');
    expect(formatBreak(0.123456, 'en-GB')).toBe('0.1235');
  });
});
