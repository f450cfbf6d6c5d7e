// Explore filters: the time slider's year, kinds shown, the responsible-unit filter.
import { registerHashKey } from './url.svelte.ts';
import { KINDS, type Kind } from '../lib/plan/model.ts';
import type { UnitEntry } from '../lib/plan/describe.ts';

export const explore = $state<{
  /** null = the slider is off: elements show their documented status */
  year: number | null;
  playing: boolean;
  hiddenKinds: Kind[];
  /** responsible unit (seed 003) whose elements are shown; null = all */
  unit: string | null;
  unitEntry: UnitEntry | null;
  opacity: number;
}>({ year: null, playing: false, hiddenKinds: [], unit: null, unitEntry: null, opacity: 1 });

export function setKindVisible(kind: Kind, on: boolean): void {
  explore.hiddenKinds = on ? explore.hiddenKinds.filter((k) => k !== kind) : [...explore.hiddenKinds.filter((k) => k !== kind), kind];
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
