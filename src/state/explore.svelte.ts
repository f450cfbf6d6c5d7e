// Explore filters: the time slider's year, kinds shown, the responsible-unit filter.
import { registerHashKey } from './url.svelte.ts';
import { KINDS, type Kind } from '../lib/plan/model.ts';
import type { UnitEntry } from '../lib/plan/describe.ts';
import { decodeOpacity, encodeOpacity } from '../lib/plan/opacity.ts';

export const explore = $state<{
  /** null = the slider is off: elements show their documented status */
  year: number | null;
  playing: boolean;
  hiddenKinds: Kind[];
  /** responsible unit (seed 003) whose elements are shown; null = all */
  unit: string | null;
  unitEntry: UnitEntry | null;
  /** overall opacity of the plan overlay */
  opacity: number;
  /** per-kind opacity (absent = 1), multiplied with the overall one */
  kindOpacity: Partial<Record<Kind, number>>;
  /** pulses along running rail lines (deck.gl); null = the default (on, except under automation) */
  flow: boolean | null;
  /** with the slider on: planned/under-construction elements whose target year has come count as expected */
  expected: boolean;
}>({ year: null, playing: false, hiddenKinds: [], unit: null, unitEntry: null, opacity: 1, kindOpacity: {}, flow: null, expected: false });

/** "What will exist by that year": target years count as expected (src/lib/plan/timeline.ts expectedBy). */
export function setExpected(on: boolean): void {
  explore.expected = on;
}

/**
 * Pulses are on by default. Browser tests run without them (navigator.webdriver) unless they ask, since
 * a software-rendered animation at 30 fps would slow every other test; `#flow=1` turns them on anywhere.
 */
export function flowOn(): boolean {
  return explore.flow ?? !(typeof navigator !== 'undefined' && navigator.webdriver);
}

export function setKindOpacity(kind: Kind, value: number): void {
  const v = Math.min(1, Math.max(0, Math.round(value * 100) / 100));
  const next = { ...explore.kindOpacity };
  if (v === 1) delete next[kind];
  else next[kind] = v;
  explore.kindOpacity = next;
}

export function setKindVisible(kind: Kind, on: boolean): void {
  explore.hiddenKinds = on ? explore.hiddenKinds.filter((k) => k !== kind) : [...explore.hiddenKinds.filter((k) => k !== kind), kind];
}

export function showAllKinds(): void {
  explore.hiddenKinds = [];
}

/** The time slider: a year, or null to show each element's documented status. */
export function setYear(year: number | null): void {
  explore.year = year;
}

export function setYearPlaying(on: boolean): void {
  explore.playing = on;
}

export function setUnit(unit: string | null, entry: UnitEntry | null): void {
  explore.unit = unit;
  explore.unitEntry = entry;
}

export function setOpacity(value: number): void {
  explore.opacity = value;
}

export function setFlow(on: boolean): void {
  explore.flow = on;
}

export function onlyKind(kind: Kind): void {
  explore.hiddenKinds = KINDS.filter((k) => k !== kind);
}

registerHashKey(
  'year',
  () => (explore.year === null ? undefined : String(explore.year)),
  (v) => {
    const y = v === undefined ? NaN : Number(v);
    explore.year = Number.isInteger(y) && y >= 2015 && y <= 2035 ? y : null;
  },
);
registerHashKey(
  'hide',
  () => (explore.hiddenKinds.length ? explore.hiddenKinds.join(',') : undefined),
  (v) => (explore.hiddenKinds = (v ?? '').split(',').filter((k): k is Kind => (KINDS as readonly string[]).includes(k))),
);
registerHashKey(
  'op',
  () => encodeOpacity(explore.opacity, explore.kindOpacity),
  (v) => {
    const { overall, byKind } = decodeOpacity(v);
    explore.opacity = overall;
    explore.kindOpacity = byKind;
  },
);
registerHashKey(
  'flow',
  () => (explore.flow === null ? undefined : explore.flow ? '1' : '0'),
  (v) => (explore.flow = v === '1' ? true : v === '0' ? false : null),
);

registerHashKey(
  'expect',
  () => (explore.expected && explore.year !== null ? '1' : undefined),
  (v) => (explore.expected = v === '1'),
);
