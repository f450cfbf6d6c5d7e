// Kiosk opening hours: parsing, open/closed at a minute, the next change, overnight ranges.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHours, isOpenAt, minutesToChange, nextOpening, parseHours } from '../../../src/lib/story/schedule.ts';

const at = (h: number, m = 0) => h * 60 + m;

describe('kiosk opening hours', () => {
  it('parses one or several ranges, and refuses malformed ones', () => {
    expect(parseHours('09:00-17:30')).toEqual([{ start: 540, end: 1050 }]);
    expect(parseHours('9:00-12:00, 13:30–17:30')).toEqual([{ start: 540, end: 720 }, { start: 810, end: 1050 }]);
    for (const bad of ['', '9-17', '09:00', '09:00-09:00', '24:00-08:00', '09:60-10:00', '09:00-10:00-11:00', 'x'])
      expect(parseHours(bad), bad).toBeNull();
  });

  it('open inside a range, closed outside; overnight ranges wrap midnight', () => {
    const day = parseHours('09:00-17:30')!;
    expect(isOpenAt(day, at(8, 59))).toBe(false);
    expect(isOpenAt(day, at(9))).toBe(true);
    expect(isOpenAt(day, at(17, 29))).toBe(true);
    expect(isOpenAt(day, at(17, 30))).toBe(false);
    const night = parseHours('18:00-02:00')!;
    expect(isOpenAt(night, at(23))).toBe(true);
    expect(isOpenAt(night, at(1, 59))).toBe(true);
    expect(isOpenAt(night, at(2))).toBe(false);
    expect(nextOpening(day, at(20))).toBe('09:00');
    expect(nextOpening(day, at(10))).toBeNull();
    expect(formatHours(parseHours('09:00-12:00,13:30-17:30')!)).toBe('09:00–12:00, 13:30–17:30');
  });

  it('the state holds until minutesToChange and flips there (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), (s, e, m) => {
        fc.pre(s !== e);
        const r = [{ start: s, end: e }];
        const d = minutesToChange(r, m);
        for (let k = 0; k < d; k++) expect(isOpenAt(r, (m + k) % 1440)).toBe(isOpenAt(r, m));
        expect(isOpenAt(r, (m + d) % 1440)).toBe(!isOpenAt(r, m));
      }),
      { numRuns: 200 },
    );
  });
});
