// A growth scene's year steps: the time slider's year from A to B while the scene shows. Pure: the map
// wiring (src/map/story/scene.ts) sets each step's year at its time.
import type { SceneGrowth } from './model.ts';

export interface GrowthStep {
  /** ms after the scene has arrived */
  atMs: number;
  year: number;
}

/** The share of a scene's time the years run for when the scene does not say (the rest holds year B). */
export const GROWTH_SHARE = 2 / 3;

/**
 * The years to show and when: A at 0, then one step per year evenly over the run, B last. With reduced
 * motion there is no count-up: A, then B once, half way through the run (a step, not an animation).
 */
export function growthSteps(g: SceneGrowth, sceneSec: number, reducedMotion: boolean): GrowthStep[] {
  const runMs = Math.max(0, (g.seconds ?? sceneSec * GROWTH_SHARE) * 1000);
  if (g.from === g.to) return [{ atMs: 0, year: g.from }];
  if (reducedMotion) return [{ atMs: 0, year: g.from }, { atMs: Math.round(runMs / 2), year: g.to }];
  const dir = g.to > g.from ? 1 : -1;
  const n = Math.abs(g.to - g.from);
  return Array.from({ length: n + 1 }, (_, i) => ({ atMs: Math.round((runMs * i) / n), year: g.from + dir * i }));
}
