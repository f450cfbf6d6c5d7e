// The place page's ring and fix threshold, apart from nearby.ts (geodesic distances) so the map's place marker
// and the search's targets load without geographiclib.

/** A located fix worse than this (metres) makes distances approximate. */
export const APPROX_FIX_M = 300;

/** A ring of radiusM around a point, for drawing (spherical; a few metres off at 10 km, invisible at map scale). */
export function radiusRing(center: [number, number], radiusM: number, steps = 72): [number, number][] {
  const dLat = radiusM / 111_195;
  const dLon = dLat / Math.cos((center[1] * Math.PI) / 180);
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    ring.push([center[0] + dLon * Math.sin(a), center[1] + dLat * Math.cos(a)]);
  }
  return ring;
}
