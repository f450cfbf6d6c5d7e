// Rail and road differ by line style, not only hue: the plan style draws white ticks along rail corridors
// (every rail mode, any phase) and nothing on roads; the layer follows the opacity controls and the story filters.
import { describe, expect, it } from 'vitest';
import { PLAN_LAYER_IDS, RAIL_MODES, planLayers, planOpacityPaint } from '../../../src/map/planLayers.ts';
import { CORRIDOR_MODES } from '../../../src/lib/plan/model.ts';

describe('plan style: rail ticks', () => {
  const layer = planLayers('zh').find((l) => l.id === 'plan-line-rail') as { type: string; filter: unknown; paint: Record<string, unknown> } | undefined;

  it('is a dashed white line over rail modes only', () => {
    expect(layer?.type).toBe('line');
    const filter = JSON.stringify(layer!.filter);
    for (const m of RAIL_MODES) expect(filter).toContain(`"${m}"`);
    for (const m of CORRIDOR_MODES.filter((x) => !(RAIL_MODES as readonly string[]).includes(x))) expect(filter).not.toContain(`"${m}"`);
    expect(layer!.paint['line-color']).toBe('#ffffff');
    expect(layer!.paint['line-dasharray']).toEqual([6, 6]);
  });

  it('is listed with the plan layers (story filters) and takes the overlay opacity', () => {
    expect(PLAN_LAYER_IDS).toContain('plan-line-rail');
    expect(planOpacityPaint(0.5).some(([id, prop, v]) => id === 'plan-line-rail' && prop === 'line-opacity' && v === 0.5)).toBe(true);
    // drawn above the coloured lines it marks
    const ids = planLayers('zh').map((l) => l.id);
    expect(ids.indexOf('plan-line-rail')).toBeGreaterThan(ids.indexOf('plan-line-future'));
  });
});
