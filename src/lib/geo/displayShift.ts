// Display-only datum shift of GeoJSON: returns converted copies and never mutates the input, so the
// WGS84 originals can be put back exactly. Used when the basemap's tiles are drawn in GCJ-02.
import type { GeoJSON, Geometry, Position } from 'geojson';
import type { Position2 } from './crs.ts';
import { mapPositions } from './kernel.ts';

export type PointShift = (p: Position2) => Position2;

function shiftPosition(p: Position, f: PointShift): Position {
  const [x, y] = f([p[0], p[1]]);
  return p.length > 2 ? [x, y, ...p.slice(2)] : [x, y];
}

export function shiftGeometry<G extends Geometry | null>(g: G, f: PointShift): G {
  return (g && mapPositions(g, (p) => shiftPosition(p, f))) as G;
}

/** Shifts any GeoJSON object (FeatureCollection, Feature or bare geometry); properties are shared. */
export function shiftGeoJSON<T extends GeoJSON>(data: T, f: PointShift): T {
  switch (data.type) {
    case 'FeatureCollection':
      return { ...data, features: data.features.map((ft) => shiftGeoJSON(ft, f)) };
    case 'Feature':
      return { ...data, geometry: shiftGeometry(data.geometry, f) };
    default:
      return shiftGeometry(data as Geometry, f) as T;
  }
}
