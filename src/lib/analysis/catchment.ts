// Catchments around hubs and corridors: rings at set distances (1, 3, 5 km) or at a travel time at
// a stated speed (straight-line, not along a network), and what falls inside each ring.
// Membership uses the exact geodesic nearest distance; shares inside use the ring polygon.
import buffer from '@turf/buffer';
import { both } from '../i18n/catalog.ts';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { Geodesic } from '../geo/geodesic.ts';
import { nearestEdgeDistance, toShape, type Shape } from './distance.ts';
import { lineLengthsIn } from './jurisdiction.ts';
import { buildIndex, projectAreal } from './overlap.ts';
import { buildPolySet, PairKernel } from './polyset.ts';

export interface CatchmentSpec {
  /** ring distances in km (default 1, 3, 5) */
  radiiKm?: number[];
  /** or: speed in km/h and travel times in minutes, radius = speed × time */
  speedKmh?: number;
  minutes?: number[];
}

export interface CatchmentRing {
  radiusM: number;
  label: { zh: string; en: string };
  geometry: Polygon | MultiPolygon;
}

export interface CatchmentItem {
  id: string;
  /** geodesic distance from the hub/corridor to the nearest part of the item */
  distanceM: number;
  /** index of the smallest ring that reaches the item, -1 if none */
  ring: number;
  /** share (0..1) of the item inside each ring: area for areas, length for lines, 1/0 for points */
  shareInside: number[];
}

export interface CatchmentResult {
  rings: CatchmentRing[];
  items: CatchmentItem[];
  method: { zh: string; en: string };
}

export function catchmentRadii(spec: CatchmentSpec): Array<{ radiusM: number; label: { zh: string; en: string } }> {
  if (spec.speedKmh !== undefined || spec.minutes !== undefined) {
    const v = spec.speedKmh ?? NaN, mins = spec.minutes ?? [];
    if (!(v > 0) || mins.length === 0 || mins.some((m) => !(m > 0))) {
      throw new RangeError('A travel-time catchment needs a positive speed (km/h) and positive minutes');
    }
    return mins.map((m) => ({
      radiusM: (v * m * 1000) / 60,
      label: both('method.ringMinutes', { m, v }),
    }));
  }
  const radii = spec.radiiKm ?? [1, 3, 5];
  if (radii.some((r) => !(r > 0))) throw new RangeError('Catchment radii must be positive');
  return radii.map((r) => ({ radiusM: r * 1000, label: both('method.ringKm', { r }) }));
}

/** A geodesic circle: every vertex exactly radiusM from the centre on WGS84. */
export function geodesicCircle(center: Position, radiusM: number, steps = 72): Polygon {
  const ring: Position[] = [];
  for (let i = 0; i < steps; i++) {
    const r = Geodesic.WGS84.Direct(center[1], center[0], (360 * i) / steps, radiusM);
    ring.push([r.lon2 ?? NaN, r.lat2 ?? NaN]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring.reverse()] };
}

export function catchmentRing(hub: Geometry, radiusM: number): Polygon | MultiPolygon {
  if (hub.type === 'Point') return geodesicCircle(hub.coordinates, radiusM);
  const b = buffer({ type: 'Feature', properties: {}, geometry: hub }, radiusM / 1000, { units: 'kilometers', steps: 16 });
  if (!b) throw new RangeError('Could not buffer this geometry');
  return b.geometry;
}

function polygonsOf(g: Geometry): Array<Polygon | MultiPolygon> {
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return [g];
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygonsOf);
  return [];
}

function linesOf(g: Geometry): Position[][] {
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(linesOf);
  return [];
}

export function catchment(
  hub: Geometry,
  candidates: ReadonlyArray<{ id: string; geometry: Geometry }>,
  spec: CatchmentSpec = {},
  signal?: AbortSignal,
): CatchmentResult {
  const radii = catchmentRadii(spec);
  const rings: CatchmentRing[] = radii.map((r) => ({ ...r, geometry: catchmentRing(hub, r.radiusM) }));
  const ringAlbers = projectAreal(rings.map((r) => r.geometry));
  const ringLonLat = buildPolySet(rings.map((r) => r.geometry), undefined, 1e-11);
  const ringLonLatIndex = buildIndex(ringLonLat);
  const kernel = new PairKernel();
  const hubShape: Shape = toShape(hub);
  const maxR = Math.max(...radii.map((r) => r.radiusM));
  const items: CatchmentItem[] = [];
  for (const c of candidates) {
    if (signal?.aborted) {
      const e = new Error('Analysis cancelled');
      e.name = 'AbortError';
      throw e;
    }
    const d = nearestEdgeDistance(hubShape, toShape(c.geometry)).metres;
    if (d > maxR) continue;
    const ring = radii.findIndex((r) => d <= r.radiusM);
    const polys = polygonsOf(c.geometry);
    const lines = linesOf(c.geometry);
    let shareInside: number[];
    if (polys.length) {
      const el = projectAreal([{ type: 'MultiPolygon', coordinates: polys.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : p.coordinates)) }]);
      shareInside = radii.map((_, k) => (el.area[0] > 0 ? Math.min(1, kernel.area(el, 0, ringAlbers, k) / el.area[0]) : 0));
    } else if (lines.length) {
      const { perUnit, total } = lineLengthsIn(lines, ringLonLat, ringLonLatIndex, kernel);
      shareInside = radii.map((_, k) => (total > 0 ? Math.min(1, (perUnit.get(k) ?? 0) / total) : 0));
    } else {
      shareInside = radii.map((r) => (d <= r.radiusM ? 1 : 0));
    }
    items.push({ id: c.id, distanceM: d, ring, shareInside });
  }
  items.sort((a, b) => a.distanceM - b.distanceM || a.id.localeCompare(b.id));
  return {
    rings,
    items,
    method: both('method.catchment'),
  };
}
