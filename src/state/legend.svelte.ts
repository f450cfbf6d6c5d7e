// What the legend explains: only the plan symbols currently drawn on screen.
import type { LegendEntries } from '../lib/plan/describe.ts';

export const legend = $state<{
  entries: LegendEntries | null;
  /** deck.gl corridor drawings on screen: pulses on running rail, bands along development axes */
  flow: { pulses: boolean; bands: boolean };
}>({ entries: null, flow: { pulses: false, bands: false } });
