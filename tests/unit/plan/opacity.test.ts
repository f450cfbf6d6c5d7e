import { describe, expect, it } from 'vitest';
import { decodeOpacity, encodeOpacity } from '../../../src/lib/plan/opacity.ts';

describe('plan opacity in the URL hash', () => {
  it('is absent when everything is opaque', () => {
    expect(encodeOpacity(1, {})).toBeUndefined();
    expect(encodeOpacity(1, { corridor: 1 })).toBeUndefined();
  });
  it('round-trips overall and per-kind values in model order', () => {
    const s = encodeOpacity(0.8, { hub: 0.5, urbanCluster: 0.2 });
    expect(s).toBe('0.8,urbanCluster:0.2,hub:0.5');
    expect(decodeOpacity(s)).toEqual({ overall: 0.8, byKind: { urbanCluster: 0.2, hub: 0.5 } });
  });
  it('drops unknown kinds and clamps values from a hand-edited link', () => {
    expect(decodeOpacity('3,nope:0.1,eco:-2,park:x')).toEqual({ overall: 1, byKind: { eco: 0 } });
    expect(decodeOpacity(undefined)).toEqual({ overall: 1, byKind: {} });
  });
});
