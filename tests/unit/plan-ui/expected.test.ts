// The year slider's expected mode (issue 11): "what will exist by 2030". A target year that has come makes
// a planned or under-construction element *expected* — never existing, never for proposals or studies.
import { describe, expect, it } from 'vitest';
import { expectedBy, phaseAt, phaseCounts, phaseIn, type TimedProps } from '../../../src/lib/plan/timeline.ts';
import { legendEntries, lineStyleOf } from '../../../src/lib/plan/describe.ts';
import { readJson } from '../content/helpers.ts';

const p = (status: string, years: Partial<Pick<TimedProps, 'opened' | 'started' | 'target'>> = {}): TimedProps => ({ status, ...years });

describe('expectedBy', () => {
  it('from the target year on, for planned and under-construction elements', () => {
    expect(expectedBy(p('planned', { target: 2030 }), 2029)).toBe(false);
    expect(expectedBy(p('planned', { target: 2030 }), 2030)).toBe(true);
    expect(expectedBy(p('planned', { target: 2030 }), 2035)).toBe(true);
    expect(expectedBy(p('underConstruction', { started: 2022, target: 2027 }), 2026)).toBe(false);
    expect(expectedBy(p('underConstruction', { started: 2022, target: 2027 }), 2027)).toBe(true);
  });
  it('never for proposals, studies, existing or undated elements, nor before an element appears', () => {
    expect(expectedBy(p('proposed', { target: 2025 }), 2030)).toBe(false);
    expect(expectedBy(p('study', { target: 2025 }), 2030)).toBe(false);
    expect(expectedBy(p('existing', { opened: 2011, target: 2010 }), 2030)).toBe(false);
    expect(expectedBy(p('planned'), 2035)).toBe(false);
    expect(expectedBy(p('planned', { started: 2032, target: 2030 }), 2030)).toBe(false); // hidden in 2030
  });
  it('phaseIn: the mode off is phaseAt; on, expected replaces the status phase only', () => {
    const e = p('underConstruction', { started: 2022, target: 2027 });
    expect(phaseIn(e, 2030, false)).toBe(phaseAt(e, 2030));
    expect(phaseIn(e, 2030, true)).toBe('expected');
    expect(phaseIn(p('existing', { opened: 2011 }), 2030, true)).toBe('existing');
  });
  it('drawn dotted and listed in the legend as its own line style', () => {
    expect(lineStyleOf('expected')).toBe('expected');
    const l = legendEntries([{ kind: 'corridor', mode: 'highSpeedRail', status: 'underConstruction', phase: 'expected', accuracy: 'schematic', geometry: 'LineString' }]);
    expect(l.lines.map((x) => x.style)).toEqual(['expected']);
    expect(l.expected).toEqual({ area: false, point: false });
  });
  it('expected areas and points are marked too (dotted inner outline, outer ring), other phases are not', () => {
    const l = legendEntries([
      { kind: 'pilotZone', status: 'planned', phase: 'expected', accuracy: 'schematic', geometry: 'Polygon' },
      { kind: 'hub', status: 'planned', phase: 'planned', accuracy: 'located', geometry: 'Point' },
    ]);
    expect(l.expected).toEqual({ area: true, point: false });
    expect(legendEntries([{ kind: 'hub', status: 'planned', phase: 'expected', accuracy: 'located', geometry: 'Point' }]).expected).toEqual({ area: false, point: true });
  });
});

describe('the shipped plan by 2030', () => {
  const props = ['chengdu-metro', 'neijiang-zigong', 'dazhou'].flatMap((r) => readJson<{ elements: (TimedProps & { id: string })[] }>(`data/plan/${r}.json`).elements);
  const byId = new Map(props.map((x) => [x.id, x]));
  it('成达万高铁 (under construction, target 2027) is expected by 2030, not in 2026; counts add up', () => {
    const hsr = byId.get('rail-chengdawan-hsr')!;
    expect(phaseIn(hsr, 2026, true)).toBe('underConstruction');
    expect(phaseIn(hsr, 2030, true)).toBe('expected');
    const off = phaseCounts(props, 2030);
    const on = phaseCounts(props, 2030, true);
    expect(off.expected).toBe(0);
    expect(on.expected).toBeGreaterThanOrEqual(5);
    expect(on.existing).toBe(off.existing); // nothing becomes "existing"
    expect(on.expected + on.planned + on.underConstruction).toBe(off.planned + off.underConstruction);
  });
});
