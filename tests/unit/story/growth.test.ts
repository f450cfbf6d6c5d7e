// A growth scene's year steps: every year from A to B over the run, B last; reduced motion: A, then B once.
import { describe, expect, it } from 'vitest';
import { growthSteps, GROWTH_SHARE } from '../../../src/lib/story/growth.ts';

describe('growthSteps', () => {
  it('counts every year from A to B evenly over the run, starting at once and ending on B', () => {
    const steps = growthSteps({ from: 2018, to: 2025, seconds: 7 }, 18, false);
    expect(steps.map((s) => s.year)).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(steps.map((s) => s.atMs)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
  });
  it('runs for two thirds of the scene when the scene gives no run time', () => {
    const steps = growthSteps({ from: 2020, to: 2025 }, 18, false);
    expect(steps.at(-1)).toEqual({ atMs: 18_000 * GROWTH_SHARE, year: 2025 });
  });
  it('counts down as well (a scene may look back)', () => {
    expect(growthSteps({ from: 2025, to: 2022, seconds: 3 }, 12, false).map((s) => s.year)).toEqual([2025, 2024, 2023, 2022]);
  });
  it('with reduced motion: A, then one step to B half way, no count-up', () => {
    expect(growthSteps({ from: 2018, to: 2025, seconds: 8 }, 18, true)).toEqual([
      { atMs: 0, year: 2018 },
      { atMs: 4000, year: 2025 },
    ]);
  });
});
