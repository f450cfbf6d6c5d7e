import { describe, expect, it } from 'vitest';
import type { Geometry, Position } from 'geojson';
import { allPositions, bboxOf, countPositions, dedupeRings, mapPositions, pointInRings, rewindPolygons, selfIntersections, signedRingArea } from '../../../src/lib/geo/kernel';

const square: Position[] = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
const hole: Position[] = [[0.5, 0.5], [0.5, 1.5], [1.5, 1.5], [1.5, 0.5], [0.5, 0.5]];
const collection: Geometry = {
  type: 'GeometryCollection',
  geometries: [
    { type: 'Point', coordinates: [5, -1] },
    { type: 'GeometryCollection', geometries: [{ type: 'LineString', coordinates: [[-3, 4], [1, 1]] }] },
    { type: 'Polygon', coordinates: [square, hole] },
  ],
};

describe('geo kernel', () => {
  it('walks every position, nested collections included', () => {
    expect(countPositions(collection)).toBe(1 + 2 + 10);
    expect(allPositions(collection)[0]).toEqual([5, -1]);
    expect(countPositions(null)).toBe(0);
    const moved = mapPositions(collection, (p) => [p[0] + 1, p[1]]);
    expect(allPositions(moved).map((p) => p[0])).toEqual(allPositions(collection).map((p) => p[0] + 1));
  });

  it('bounding boxes, and null when there is no position', () => {
    expect(bboxOf(collection)).toEqual([-3, -1, 5, 4]);
    expect(bboxOf({ type: 'GeometryCollection', geometries: [] })).toBeNull();
    expect(bboxOf(undefined)).toBeNull();
  });

  it('signed ring area and the RFC 7946 winding (polygons only; lines keep their direction)', () => {
    expect(signedRingArea(square)).toBe(4);
    expect(signedRingArea([...square].reverse())).toBe(-4);
    const wound = rewindPolygons({ type: 'Polygon', coordinates: [[...square].reverse(), [...hole].reverse()] });
    expect(wound.type === 'Polygon' && wound.coordinates.map(signedRingArea)).toEqual([4, -1]);
    const line: Geometry = { type: 'LineString', coordinates: [[0, 0], [1, 0], [1, 1], [0, 1]] };
    expect(rewindPolygons(line)).toEqual(line);
  });

  it('point in polygon excludes holes', () => {
    expect(pointInRings([square, hole], [0.25, 0.25])).toBe(true);
    expect(pointInRings([square, hole], [1, 1])).toBe(false);
    expect(pointInRings([square], [3, 1])).toBe(false);
    expect(pointInRings([], [0, 0])).toBe(false);
  });

  it('self-intersection: a bow-tie crosses, a ring touching a hole at a vertex only touches, repeated vertices are ignored', () => {
    const bowtie: Position[] = [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]];
    expect(selfIntersections({ type: 'Polygon', coordinates: [bowtie] }).crossings).toEqual([[1, 1]]);
    const repeated: Position[] = [[0, 0], [2, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
    expect(selfIntersections({ type: 'Polygon', coordinates: [repeated] })).toEqual({ crossings: [], touches: [] });
    const touching: Position[] = [[0, 0], [1, 0.5], [1, 1.5], [0, 0]];
    const r = selfIntersections({ type: 'Polygon', coordinates: [square, touching] });
    expect(r.crossings).toEqual([]);
    expect(r.touches.length).toBeGreaterThan(0);
    expect(dedupeRings({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 1], [0, 0]]] })).toEqual({ clean: { type: 'MultiPolygon', coordinates: [] }, dropped: 1 });
  });

  it('has no size cap: a 20,000-vertex ring with one crossing is found', () => {
    const n = 20_000;
    const ring: Position[] = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      return [Math.cos(a), Math.sin(a)];
    });
    // swap two neighbouring vertices: the ring now crosses itself once, between them
    [ring[100], ring[101]] = [ring[101], ring[100]];
    ring.push(ring[0]);
    expect(selfIntersections({ type: 'Polygon', coordinates: [ring] }).crossings.length).toBe(1);
  });
});
