// What the legend explains: only the plan symbols currently drawn on screen.
import type { LegendEntries } from '../lib/plan/describe.ts';

export const legend = $state<{ entries: LegendEntries | null }>({ entries: null });
