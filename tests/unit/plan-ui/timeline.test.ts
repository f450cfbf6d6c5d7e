// The year slider's rules, case by case (docs/explore.md § Time). Expected phases are written from the
// rules, not computed; the real-data rows name the element whose years they copy.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clampYear, phaseAt, phaseOfStatus, phaseCounts, stepYear, TIMELINE, type Phase, type TimedProps } from '../../../src/lib/plan/timeline.ts';
import { ROOT } from '../content/helpers.ts';

type Row = [label: string, props: TimedProps, year: number, expected: Phase];

const rows: Row[] = [
  // existing
  ['existing, no years: always existing', { status: 'existing' }, 2015, 'existing'],
  ['existing, opened 2020, in 2020', { status: 'existing', opened: 2020 }, 2020, 'existing'],
  ['existing, opened 2020, in 2019, no start year: hidden', { status: 'existing', opened: 2020 }, 2019, 'hidden'],
  ['毗河供水 (opened 2021, started 2015) in 2015', { status: 'existing', opened: 2021, started: 2015 }, 2015, 'underConstruction'],
  ['毗河供水 in 2020', { status: 'existing', opened: 2021, started: 2015 }, 2020, 'underConstruction'],
  ['毗河供水 in 2021', { status: 'existing', opened: 2021, started: 2015 }, 2021, 'existing'],
  ['existing, opened 2021, started 2018, in 2016', { status: 'existing', opened: 2021, started: 2018 }, 2016, 'hidden'],
  ['existing, started 2018 only, in 2017', { status: 'existing', started: 2018 }, 2017, 'hidden'],
  ['existing, started 2018 only, in 2018', { status: 'existing', started: 2018 }, 2018, 'existing'],
  ['existing with a 2035 target (达州主城区) stays existing', { status: 'existing', target: 2035 }, 2015, 'existing'],
  // under construction
  ['under construction, no years: as status', { status: 'underConstruction' }, 2015, 'underConstruction'],
  ['成达万高铁 (started 2020, target 2027) in 2019', { status: 'underConstruction', started: 2020, target: 2027 }, 2019, 'hidden'],
  ['成达万高铁 in 2020', { status: 'underConstruction', started: 2020, target: 2027 }, 2020, 'underConstruction'],
  ['成达万高铁 in 2030: a passed target is not an opening', { status: 'underConstruction', started: 2020, target: 2027 }, 2030, 'underConstruction'],
  ['target only (成乐扩容, 2025) in 2015', { status: 'underConstruction', target: 2025 }, 2015, 'underConstruction'],
  ['成都站 (opened 1952, rebuilt from 2022) in 2021', { status: 'underConstruction', opened: 1952, started: 2022 }, 2021, 'existing'],
  ['成都站 in 2022', { status: 'underConstruction', opened: 1952, started: 2022 }, 2022, 'underConstruction'],
  ['under construction, opened 2018 (upgrade, no start year) in 2017', { status: 'underConstruction', opened: 2018 }, 2017, 'hidden'],
  // planned, proposed, study
  ['planned, no years', { status: 'planned' }, 2015, 'planned'],
  ['planned with target 2035, in 2035: still planned', { status: 'planned', target: 2035 }, 2035, 'planned'],
  ['planned with target 2025, in 2030: still planned', { status: 'planned', target: 2025 }, 2030, 'planned'],
  ['成德临港 belt (planned, started 2020) in 2019', { status: 'planned', started: 2020 }, 2019, 'hidden'],
  ['成德临港 belt in 2020', { status: 'planned', started: 2020 }, 2020, 'planned'],
  ['proposed shows as planned', { status: 'proposed' }, 2025, 'planned'],
  ['study shows as planned', { status: 'study' }, 2035, 'planned'],
];

describe('phaseAt', () => {
  it.each(rows)('%s', (_label, props, year, expected) => {
    expect(phaseAt(props, year)).toBe(expected);
  });

  it('never turns a plan into a built thing, at any year', () => {
    for (const status of ['planned', 'proposed', 'study'] as const) {
      for (let y = 1990; y <= 2100; y++) {
        expect(['planned', 'hidden']).toContain(phaseAt({ status, target: 2025, started: 2020 }, y));
      }
    }
  });

  it('is monotone for an element that opened: hidden → building → existing, never back', () => {
    const order: Phase[] = ['hidden', 'underConstruction', 'existing'];
    let last = 0;
    for (let y = 2000; y <= 2040; y++) {
      const i = order.indexOf(phaseAt({ status: 'existing', opened: 2021, started: 2015 }, y));
      expect(i).toBeGreaterThanOrEqual(last);
      last = i;
    }
    expect(last).toBe(2);
  });
});

describe('the shipped plan data over time', () => {
  const props: (TimedProps & { id: string })[] = readdirSync(join(ROOT, 'data/plan'))
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => (JSON.parse(readFileSync(join(ROOT, 'data/plan', f), 'utf8')) as { elements: (TimedProps & { id: string })[] }).elements);

  it('shows in the current year exactly what the statuses say (no element has a future year)', () => {
    // 2025 is the data's "now": statuses were set from sources up to 2025.
    const c = phaseCounts(props, 2025);
    const byStatus = (s: string[]) => props.filter((p) => s.includes(p.status)).length;
    expect(c.existing).toBe(byStatus(['existing']));
    expect(c.underConstruction).toBe(byStatus(['underConstruction']));
    expect(c.planned).toBe(byStatus(['planned', 'proposed', 'study']));
    expect(c.hidden).toBe(0);
  });

  it('has fewer existing elements in 2015 than in 2025, and some hidden', () => {
    const a = phaseCounts(props, 2015);
    const b = phaseCounts(props, 2025);
    expect(a.existing).toBeLessThan(b.existing);
    expect(a.hidden).toBeGreaterThan(0);
    expect(a.existing + a.underConstruction + a.planned + a.hidden).toBe(props.length);
  });

  it('places 成都站 as existing before its 2022 rebuild', () => {
    const station = props.find((p) => p.id === 'station-chengdu');
    expect(station).toBeDefined();
    expect(phaseAt(station!, 2020)).toBe('existing');
    expect(phaseAt(station!, 2023)).toBe('underConstruction');
  });
});

describe('phaseOfStatus (slider off)', () => {
  it('draws proposed and study like planned', () => {
    expect(['existing', 'underConstruction', 'planned', 'proposed', 'study'].map(phaseOfStatus))
      .toEqual(['existing', 'underConstruction', 'planned', 'planned', 'planned']);
  });
  it('agrees with phaseAt in 2025 for every element without a future year', () => {
    for (const status of ['existing', 'underConstruction', 'planned', 'proposed', 'study']) {
      expect(phaseAt({ status }, 2025)).toBe(phaseOfStatus(status));
    }
  });
});

describe('play and slider helpers', () => {
  it('steps one year and stops at the last', () => {
    expect(stepYear(2015)).toEqual({ year: 2016, done: false });
    expect(stepYear(2034)).toEqual({ year: 2035, done: true });
  });
  it('restarts from the first year when played at the end', () => {
    expect(stepYear(2035)).toEqual({ year: 2015, done: false });
  });
  it('clamps and rounds', () => {
    expect(clampYear(2040)).toBe(2035);
    expect(clampYear(2001)).toBe(2015);
    expect(clampYear(2024.6)).toBe(2025);
    expect(clampYear(Number.NaN)).toBe(TIMELINE.max);
  });
  it('marks 2025 and 2035 on a 2015–2035 range', () => {
    expect(TIMELINE).toEqual({ min: 2015, max: 2035, marks: [2025, 2035] });
  });
});
