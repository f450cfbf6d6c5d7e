// What the legend explains: only the plan symbols currently drawn on screen.
import type { LegendEntries } from '../lib/plan/describe.ts';

export const legend = $state<{
  entries: LegendEntries | null;
  /** deck.gl corridor drawings on screen: pulses on running rail, bands along development axes */
  flow: { pulses: boolean; bands: boolean };
}>({ entries: null, flow: { pulses: false, bands: false } });

/** What is drawn changed (the map's idle event): only a real change reaches the legend. */
export function setLegendEntries(entries: LegendEntries): void {
  if (JSON.stringify(entries) !== JSON.stringify(legend.entries)) legend.entries = entries;
}

export function setLegendFlow(flow: { pulses: boolean; bands: boolean }): void {
  if (flow.pulses !== legend.flow.pulses || flow.bands !== legend.flow.bands) legend.flow = flow;
}
