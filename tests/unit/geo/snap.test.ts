import { describe, expect, it } from 'vitest';
import { buildSnapIndex, snapTarget } from '../../../src/lib/geo/snap.ts';

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
