// Dissolve polygons that share vertices exactly (adjacent administrative units) into their union,
// by cancelling edges walked in both directions and chaining what is left into rings.
// topojson-client's mergeArcs leaves open rings on this data where a border touches itself.
import type { Position } from 'geojson';
import { pointInRings, signedRingArea as signedArea } from './kernel';

export { signedArea };

const key = (p: Position) => `${p[0]},${p[1]}`;

/** Approximate km² of a lon/lat ring (equirectangular at its mean latitude); for thresholds only. */
export function approxKm2(ring: Position[]): number {
  const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  return Math.abs(signedArea(ring)) * 111.32 * 111.32 * Math.cos((lat * Math.PI) / 180);
}

/**
 * Union of polygons given as MultiPolygon coordinates whose shared borders use identical vertices.
 * Input rings may have any orientation; output follows RFC 7946 (outer anticlockwise, holes clockwise).
 */
export function dissolve(multiPolygons: Position[][][][], opts: { minRingKm2?: number } = {}): Position[][][] {
  // Orient every ring so the interior is on the left; then a shared border appears as a→b and b→a.
  const edges = new Map<string, number>(); // "a|b" → count
  const points = new Map<string, Position>();
  for (const mp of multiPolygons)
    for (const poly of mp)
      poly.forEach((ring, r) => {
        const ccw = signedArea(ring) > 0;
        const oriented = ccw === (r === 0) ? ring : [...ring].reverse();
        for (let i = 0; i + 1 < oriented.length; i++) {
          const a = key(oriented[i]);
          const b = key(oriented[i + 1]);
          if (a === b) continue;
          points.set(a, oriented[i]);
          const back = `${b}|${a}`;
          const n = edges.get(back);
          if (n) {
            if (n === 1) edges.delete(back);
            else edges.set(back, n - 1);
          } else edges.set(`${a}|${b}`, (edges.get(`${a}|${b}`) ?? 0) + 1);
        }
      });

  // Chain remaining edges; sorted so the output does not depend on Map iteration details.
  const outgoing = new Map<string, string[]>();
  for (const [e, n] of [...edges].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const [a, b] = e.split('|');
    for (let i = 0; i < n; i++) (outgoing.get(a) ?? outgoing.set(a, []).get(a)!).push(b);
  }
  const rings: Position[][] = [];
  for (const start of [...outgoing.keys()]) {
    while (outgoing.get(start)?.length) {
      const ring: Position[] = [points.get(start)!];
      let at = start;
      for (;;) {
        const next = outgoing.get(at)!.shift()!;
        ring.push(points.get(next)!);
        at = next;
        if (at === start || !outgoing.get(at)?.length) break;
      }
      if (at === start && ring.length >= 4) rings.push(ring);
    }
  }

  // Gaps and overlaps between units that were digitised separately leave thin rings: drop them.
  const min = opts.minRingKm2 ?? 0;
  const big = (r: Position[]) => approxKm2(r) >= min;
  const sortedOuters = rings.filter((r) => signedArea(r) > 0).sort((a, b) => signedArea(b) - signedArea(a));
  const outers = sortedOuters.filter((r, i) => i === 0 || big(r));
  const holes = rings.filter((r) => signedArea(r) < 0 && big(r));
  const polygons: Position[][][] = outers.map((o) => [o]);
  for (const h of holes) {
    // A hole belongs to the smallest outer ring containing it.
    const probe = h[0];
    let owner = -1;
    for (let i = outers.length - 1; i >= 0; i--)
      if (pointInRings([outers[i]], probe)) {
        owner = i;
        break;
      }
    if (owner >= 0) polygons[owner].push(h);
  }
  return polygons;
}
