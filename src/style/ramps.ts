// Colour ramps for classed choropleths (src/lib/table/classify.ts names them). ColorBrewer's YlGnBu and YlOrRd
// (9-class, marked colour-blind safe by ColorBrewer) and viridis (perceptually uniform, readable with every
// common colour-vision deficiency); a k-class ramp samples the 9 stops evenly, light for low values.
import type { RampName } from '../lib/table/classify.ts';

export const RAMPS: Record<RampName, readonly string[]> = {
  ylgnbu: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'],
  ylorrd: ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#bd0026', '#800026'],
  viridis: ['#fde725', '#b5de2b', '#6ece58', '#35b779', '#1f9e89', '#26828e', '#31688e', '#3e4989', '#482878'],
};

/** Features without a value ("no data"). */
export const NO_DATA = '#d9d9d9';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const hex = (c: number[]) => `#${c.map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;

/** k colours from a ramp, light to dark (k = 9 gives the ramp's own stops). */
export function rampColors(name: RampName, k: number): string[] {
  const stops = RAMPS[name] ?? RAMPS.ylgnbu;
  if (k <= 1) return [stops[Math.floor(stops.length / 2)]];
  return Array.from({ length: k }, (_, i) => {
    const at = (i / (k - 1)) * (stops.length - 1);
    const lo = Math.floor(at);
    const hi = Math.min(stops.length - 1, lo + 1);
    const t = at - lo;
    const a = rgb(stops[lo]);
    const b = rgb(stops[hi]);
    return hex(a.map((x, j) => x + (b[j] - x) * t));
  });
}
