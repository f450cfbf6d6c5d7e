// The year slider: what an element looked like in a given year, from its status and years alone.
// Rules (docs/explore.md § Time):
//  - A year the data gives starts a phase: `opened` → existing, `started` → under construction.
//  - `target` is a goal, never a completion: nothing becomes existing because its target passed.
//  - Before the earliest dated phase an element is hidden: we do not invent a planning date.
//  - Without any year, the element shows its current status in every year (proposed/study as planned).
import type { PlanProperties } from './model.ts';

export type Phase = 'existing' | 'underConstruction' | 'planned' | 'expected' | 'hidden';
/** what a year alone shows (the expected mode adds 'expected' on top) */
export type VisiblePhase = Exclude<Phase, 'hidden' | 'expected'>;

export const TIMELINE = { min: 2015, max: 2035, marks: [2025, 2035] } as const;

/** An element's properties or the flat map properties (MapProps carries status and the years too). */
export type TimedProps = Pick<PlanProperties, 'opened' | 'started' | 'target'> & { status: PlanProperties['status'] | (string & {}) };

const reached = (y: number | undefined, year: number): boolean => y !== undefined && y <= year;

export function phaseAt(p: TimedProps, year: number): VisiblePhase | 'hidden' {
  const { opened, started } = p;
  switch (p.status) {
    case 'existing':
      if (opened === undefined) {
        // open now, opening year unknown: a start year still bounds it from below
        return started !== undefined && started > year ? 'hidden' : 'existing';
      }
      if (opened <= year) return 'existing';
      return reached(started, year) ? 'underConstruction' : 'hidden';
    case 'underConstruction':
      if (reached(started, year)) return 'underConstruction';
      if (started === undefined) return opened !== undefined && opened > year ? 'hidden' : 'underConstruction';
      // before works began: an older facility being rebuilt (e.g. 成都站, opened 1952) still stood
      return reached(opened, year) ? 'existing' : 'hidden';
    default:
      // planned, proposed, study; `started` on a plan marks when the programme was launched
      return started !== undefined && started > year ? 'hidden' : 'planned';
  }
}

/**
 * "What will exist by 2030" (issue 11): a planned or under-construction element whose target year has come
 * counts as *expected* — the plan's goal, not a completion (its status is still what the sources say).
 * Proposed and studied elements, undated ones and those already existing that year never do.
 */
export function expectedBy(p: TimedProps & { target?: number }, year: number): boolean {
  if (p.status !== 'planned' && p.status !== 'underConstruction') return false;
  if (p.target === undefined || p.target > year) return false;
  const phase = phaseAt(p, year);
  return phase === 'planned' || phase === 'underConstruction';
}

/** phaseAt, or 'expected' where expectedBy holds when the expected mode is on. */
export function phaseIn(p: TimedProps, year: number, expected: boolean): Phase {
  return expected && expectedBy(p, year) ? 'expected' : phaseAt(p, year);
}

/** The phase a status is drawn as when the slider is off (proposed and study share the planned style). */
export function phaseOfStatus(status: string): VisiblePhase {
  return status === 'existing' || status === 'underConstruction' ? status : 'planned';
}

export type PhaseCounts = Record<VisiblePhase, number> & { expected: number; hidden: number };

export function phaseCounts(items: Iterable<TimedProps>, year: number, expected = false): PhaseCounts {
  const c: PhaseCounts = { existing: 0, underConstruction: 0, planned: 0, expected: 0, hidden: 0 };
  for (const p of items) c[phaseIn(p, year, expected)]++;
  return c;
}

/** Next frame of the play animation; `done` when it reached `max` and should pause. */
export function stepYear(year: number, min: number = TIMELINE.min, max: number = TIMELINE.max): { year: number; done: boolean } {
  if (year < min || year >= max) return { year: min, done: false };
  const next = year + 1;
  return { year: next, done: next >= max };
}

/** Clamp and round a slider value. */
export function clampYear(year: number, min: number = TIMELINE.min, max: number = TIMELINE.max): number {
  if (!Number.isFinite(year)) return max;
  return Math.min(max, Math.max(min, Math.round(year)));
}
