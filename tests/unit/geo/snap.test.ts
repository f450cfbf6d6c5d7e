import { describe, expect, it } from 'vitest';
import { buildSnapIndex, fromMercator, snapTarget, toMercator, wholeFeatureSnap } from '../../../src/lib/geo/snap.ts';

// 1 px = 0.001° in this plain projection
const project = (p: number[]) => ({ x: p[0] * 1000, y: -p[1] * 1000 });
const around = (x: number, y: number, tol: number): [number, number, number, number] => [x / 1000 - tol / 1000, -y / 1000 - tol / 1000, x / 1000 + tol / 1000, -y / 1000 + tol / 1000];

describe('snapping', () => {
  const square = buildSnapIndex([{ type: 'Polygon', coordinates: [[[0, 0], [0.1, 0], [0.1, 0.1], [0, 0.1], [0, 0]]] }]);

  it('takes the stored vertex itself within the tolerance, before an edge', () => {
    const hit = snapTarget([square], { x: 104, y: -3 }, around(104, -3, 10), 10, project);
    expect(hit).toMatchObject({ kind: 'vertex', position: [0.1, 0] });
  });

  it('falls back to the nearest point on an edge, and to nothing beyond the tolerance', () => {
    const hit = snapTarget([square], { x: 50, y: -4 }, around(50, -4, 10), 10, project);
    expect(hit?.kind).toBe('edge');
    expect(hit!.position[0]).toBeCloseTo(0.05, 12);
    expect(hit!.position[1]).toBeCloseTo(0, 12);
    expect(snapTarget([square], { x: 50, y: -40 }, around(50, -40, 10), 10, project)).toBeNull();
  });

  it('snaps to the shape being drawn (its own vertices)', () => {
    const hit = snapTarget([square], { x: 300, y: -302 }, around(300, -302, 10), 10, project, [[0.3, 0.3]]);
    expect(hit).toMatchObject({ kind: 'vertex', position: [0.3, 0.3] });
  });
});

describe('whole-feature drag', () => {
  it('moves the pointer so the chosen vertex lands on its target: a vertex target before an edge, then the nearest', () => {
    const hit = (position: number[], kind: 'vertex' | 'edge', px: number) => ({ position, kind, px });
    const out = wholeFeatureSnap(
      [104.1, 30.6],
      [
        { vertex: [104.0, 30.5], hit: hit([104.00001, 30.50001], 'edge', 1) },
        { vertex: [104.2, 30.7], hit: hit([104.20003, 30.69998], 'vertex', 8) },
        { vertex: [104.3, 30.8], hit: hit([104.30001, 30.8], 'vertex', 9) },
        { vertex: [104.4, 30.9], hit: null },
      ],
    )!;
    expect(out.target).toEqual([104.20003, 30.69998]);
    // the same Mercator move for the pointer as for the vertex onto its target
    const m = (p: number[]) => toMercator(p);
    const dv = [m(out.target)[0] - m([104.2, 30.7])[0], m(out.target)[1] - m([104.2, 30.7])[1]];
    const dp = [m(out.pointer)[0] - m([104.1, 30.6])[0], m(out.pointer)[1] - m([104.1, 30.6])[1]];
    expect(dp[0]).toBeCloseTo(dv[0], 14);
    expect(dp[1]).toBeCloseTo(dv[1], 14);
    expect(fromMercator(toMercator([104.0657, 30.6574]))[1]).toBeCloseTo(30.6574, 12);
    expect(wholeFeatureSnap([104, 30], [{ vertex: [104, 30], hit: null }])).toBeNull();
  });
});
