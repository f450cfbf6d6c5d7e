// Classed choropleths: class breaks by quantile, equal interval or natural breaks, from simple-statistics
// (quantileSorted is R/numpy type 7; natural breaks is Ckmeans, the optimal 1-D grouping that minimises the
// within-class sum of squares — the criterion Jenks/Fisher natural breaks optimise). Pure.
import { ckmeans, equalIntervalBreaks, quantileSorted } from 'simple-statistics';

export const CLASS_METHODS = ['quantile', 'equalInterval', 'naturalBreaks'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];
/** Colour-blind-safe sequential ramps (ColorBrewer YlGnBu and YlOrRd, viridis); colours in src/style/ramps.ts. */
export const RAMP_NAMES = ['ylgnbu', 'ylorrd', 'viridis'] as const;
export type RampName = (typeof RAMP_NAMES)[number];
export const MIN_CLASSES = 3;
export const MAX_CLASSES = 9;

/**
 * Class breaks as k+1 ascending values [min, upper bound of class 1, …, max]: class i holds the values in
 * (breaks[i], breaks[i+1]], the first class also its lower bound. Fewer distinct values than k give fewer
 * classes (natural breaks), and repeated breaks (quantiles of tied values) are merged (only the first class may
 * hold one value, its upper bound equal to the minimum). Non-finite values are ignored.
 */
export function classBreaks(values: readonly number[], method: ClassMethod, k: number): number[] {
  const data = values.filter(Number.isFinite);
  if (data.length === 0) return [];
  const sorted = Float64Array.from(data).sort();
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  if (lo === hi) return [lo, hi];
  const n = Math.max(1, Math.round(k));
  let breaks: number[];
  if (method === 'equalInterval') breaks = equalIntervalBreaks(Array.from(sorted), n);
  else if (method === 'quantile') breaks = Array.from({ length: n + 1 }, (_, i) => quantileSorted(Array.from(sorted), i / n));
  else {
    const distinct = new Set(sorted).size;
    const clusters = ckmeans(Array.from(sorted), Math.min(n, distinct));
    breaks = [lo, ...clusters.map((c) => c[c.length - 1])];
  }
  breaks[0] = lo;
  breaks[breaks.length - 1] = hi;
  // a first class of the minimum alone ([1, 1, 2, 3]) is a class; a later repeat would be an empty one
  return breaks.filter((b, i) => i <= 1 || b > breaks[i - 1]);
}

/** The class of a value (0…breaks.length-2), or -1 for no value. Upper bounds are inclusive. */
export function classOf(value: number | null, breaks: readonly number[]): number {
  if (value === null || !Number.isFinite(value) || breaks.length < 2) return -1;
  const last = breaks.length - 2;
  for (let i = 0; i < last; i++) if (value <= breaks[i + 1]) return i;
  return last;
}

/** How many values fall in each class. */
export function classCounts(values: readonly (number | null)[], breaks: readonly number[]): number[] {
  const counts = new Array(Math.max(0, breaks.length - 1)).fill(0) as number[];
  for (const v of values) {
    const c = classOf(v, breaks);
    if (c >= 0) counts[c]++;
  }
  return counts;
}

/** A break for a legend: integers as they are, others with up to 4 significant decimals, thousands grouped. */
export function formatBreak(v: number, locale: string): string {
  const abs = Math.abs(v);
  const digits = Number.isInteger(v) ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
  return v.toLocaleString(locale, { maximumFractionDigits: digits });
}
