// River layer of the offline basemap: GSHHG/WDBII lines (data/raw/wdbii-rivers.txt) linked into a
// network, with a few rivers named by routing hand-picked waypoints through it (schematic naming).
// Pure: buildRivers() takes the texts and returns GeoJSON; only the CLI at the bottom touches files.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Feature, FeatureCollection, LineString, MultiLineString, Position } from 'geojson';

export type Bbox = [west: number, south: number, east: number, north: number];

/** The extraction region of scripts/basemap/extract-rivers.sh. */
export const RIVER_BBOX: Bbox = [97, 26, 110.5, 34.5];
/** Line ends this close to another, unconnected line are joined to it (the raw network is broken). */
export const LINK_MAX_KM = 2;
/** Unnamed lines that touch nothing and are shorter than this are dropped as clutter. */
export const MIN_ISOLATED_KM = 5;
/** A routed waypoint farther than this from every network vertex is a data error, not a snap. */
export const SNAP_MAX_KM = 4;

export interface RiverWaypoint {
  zh: string;
  en: string;
  lon: number;
  lat: number;
  /** WDBII has no line here: the river is drawn straight to/from this waypoint instead of routed. */
  offNetwork?: boolean;
  note?: string;
}
export interface NamedRiver {
  zh: string;
  en: string;
  note?: string;
  waypoints: RiverWaypoint[];
}
export interface RiverWaypointsFile {
  accuracy: 'schematic';
  note: string;
  rivers: NamedRiver[];
}

export interface RiverProps {
  rank: number;
  zh?: string;
  en?: string;
}
export type RiverFeature = Feature<LineString | MultiLineString, RiverProps>;
export type RiverCollection = FeatureCollection<LineString | MultiLineString, RiverProps>;

export interface RawLine {
  rank: number;
  coords: Position[];
}

const R_KM = 6371.0088;
const RAD = Math.PI / 180;

export function haversineKm(a: Position, b: Position): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * R_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const round5 = (v: number): number => Math.round(v * 1e5) / 1e5;
const key = (p: Position): string => `${p[0]},${p[1]}`;

/** Parses the committed extract: '#' comments, '> rank' headers, 'lon lat' rows. */
export function parseRiverText(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let current: RawLine | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const row = raw.trim();
    if (row === '' || row.startsWith('#')) return;
    if (row.startsWith('>')) {
      const rank = Number(row.slice(1).trim().split(/\s+/).pop());
      if (!Number.isInteger(rank) || rank < 1) throw new Error(`rivers text line ${i + 1}: bad header '${row}'`);
      current = { rank, coords: [] };
      lines.push(current);
      return;
    }
    const [lon, lat] = row.split(/\s+/).map(Number);
    if (current === null || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      throw new Error(`rivers text line ${i + 1}: expected 'lon lat' after a '>' header, got '${row}'`);
    }
    (current as RawLine).coords.push([round5(lon), round5(lat)]);
  });
  return lines.filter((l) => l.coords.length >= 2);
}

/** Cuts a polyline to the bbox; crossing points are interpolated (planar in degrees, fine at this scale). */
export function clipLineToBbox(coords: Position[], bbox: Bbox): Position[][] {
  const [w, s, e, n] = bbox;
  const inside = (p: Position) => p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n;
  const parts: Position[][] = [];
  let part: Position[] = [];
  const flush = () => {
    if (part.length >= 2) parts.push(part);
    part = [];
  };
  for (let i = 0; i < coords.length; i++) {
    const p = coords[i];
    if (i > 0) {
      const q = coords[i - 1];
      const seg = clipSegment(q, p, bbox);
      if (seg) {
        const [a, b] = seg;
        if (part.length === 0 || key(part[part.length - 1]) !== key(a)) {
          flush();
          part.push(a);
        }
        if (key(b) !== key(a)) part.push(b);
      }
      if (!inside(p)) flush();
    }
  }
  flush();
  return parts;
}

// Liang–Barsky; returns the clipped segment rounded to the data grid.
function clipSegment(a: Position, b: Position, [w, s, e, n]: Bbox): [Position, Position] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const checks: [number, number][] = [
    [-dx, a[0] - w],
    [dx, e - a[0]],
    [-dy, a[1] - s],
    [dy, n - a[1]],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
    }
  }
  if (t0 > t1) return null;
  const at = (t: number): Position =>
    t === 0 ? a : t === 1 ? b : [round5(a[0] + t * dx), round5(a[1] + t * dy)];
  return [at(t0), at(t1)];
}

export interface RiverEdge {
  a: number;
  b: number;
  rank: number;
  km: number;
  /** true for a gap-closing link added by linkRiverNetwork, not a WDBII line */
  link: boolean;
}
export interface RiverNetwork {
  nodes: Position[];
  edges: RiverEdge[];
  /** per node: indices into edges */
  adjacency: number[][];
}

class NetworkBuilder {
  nodes: Position[] = [];
  edges: (RiverEdge | null)[] = [];
  private index = new Map<string, number>();
  private pairs = new Set<string>();

  node(p: Position): number {
    const k = key(p);
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.nodes.length;
      this.nodes.push(p);
      this.index.set(k, i);
    }
    return i;
  }

  edge(a: number, b: number, rank: number, link: boolean): void {
    if (a === b) return;
    const pk = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (this.pairs.has(pk)) return;
    this.pairs.add(pk);
    this.edges.push({ a, b, rank, link, km: haversineKm(this.nodes[a], this.nodes[b]) });
  }

  removeEdge(i: number): void {
    const e = this.edges[i];
    if (!e) return;
    this.pairs.delete(e.a < e.b ? `${e.a}:${e.b}` : `${e.b}:${e.a}`);
    this.edges[i] = null;
  }

  finish(): RiverNetwork {
    const edges = this.edges.filter((e): e is RiverEdge => e !== null);
    const adjacency: number[][] = this.nodes.map(() => []);
    edges.forEach((e, i) => {
      adjacency[e.a].push(i);
      adjacency[e.b].push(i);
    });
    return { nodes: this.nodes, edges, adjacency };
  }
}

function components(nodeCount: number, edges: readonly (RiverEdge | null)[]): Int32Array {
  const parent = new Int32Array(nodeCount).map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (const e of edges) if (e) parent[find(e.a)] = find(e.b);
  return parent.map((_, i) => find(i));
}

interface Projection {
  edge: number;
  t: number;
  point: Position;
  km: number;
}

/**
 * Builds the network and closes its gaps: every dangling line end (a node on one edge) is joined to the
 * nearest point of a line in another connected component, if that point is within maxGapKm. Gaps are
 * measured on the unlinked network, so the result does not depend on the order of linking.
 */
export function linkRiverNetwork(lines: RawLine[], maxGapKm = LINK_MAX_KM): RiverNetwork {
  const nb = new NetworkBuilder();
  for (const line of lines) {
    let prev = -1;
    for (const p of line.coords) {
      const cur = nb.node(p);
      if (prev >= 0) nb.edge(prev, cur, line.rank, false);
      prev = cur;
    }
  }
  const baseEdges = nb.edges.slice();
  const comp = components(nb.nodes.length, baseEdges);
  const degree = new Int32Array(nb.nodes.length);
  const rankAt = new Int32Array(nb.nodes.length);
  for (const e of baseEdges) {
    if (!e) continue;
    degree[e.a]++;
    degree[e.b]++;
    rankAt[e.a] = rankAt[e.a] || e.rank;
    rankAt[e.b] = rankAt[e.b] || e.rank;
  }

  // Grid of edges by bounding box, for the near-edge search.
  const cell = 0.05;
  const grid = new Map<string, number[]>();
  baseEdges.forEach((e, i) => {
    if (!e) return;
    const p = nb.nodes[e.a];
    const q = nb.nodes[e.b];
    for (let x = Math.floor(Math.min(p[0], q[0]) / cell); x <= Math.floor(Math.max(p[0], q[0]) / cell); x++) {
      for (let y = Math.floor(Math.min(p[1], q[1]) / cell); y <= Math.floor(Math.max(p[1], q[1]) / cell); y++) {
        const k = `${x},${y}`;
        const list = grid.get(k);
        if (list) list.push(i);
        else grid.set(k, [i]);
      }
    }
  });

  const links: { end: number; proj: Projection; rank: number }[] = [];
  for (let end = 0; end < nb.nodes.length; end++) {
    if (degree[end] !== 1) continue;
    const p = nb.nodes[end];
    const dLat = maxGapKm / 111 + 1e-9;
    const dLon = dLat / Math.max(0.1, Math.cos(p[1] * RAD));
    const seen = new Set<number>();
    let best: Projection | null = null;
    for (let x = Math.floor((p[0] - dLon) / cell); x <= Math.floor((p[0] + dLon) / cell); x++) {
      for (let y = Math.floor((p[1] - dLat) / cell); y <= Math.floor((p[1] + dLat) / cell); y++) {
        for (const ei of grid.get(`${x},${y}`) ?? []) {
          if (seen.has(ei)) continue;
          seen.add(ei);
          const e = baseEdges[ei] as RiverEdge;
          if (comp[e.a] === comp[end]) continue;
          const proj = projectOnSegment(p, nb.nodes[e.a], nb.nodes[e.b]);
          const km = haversineKm(p, proj.point);
          if (km <= maxGapKm && (best === null || km < best.km || (km === best.km && ei < best.edge))) {
            best = { edge: ei, t: proj.t, point: proj.point, km };
          }
        }
      }
    }
    if (best) links.push({ end, proj: best, rank: rankAt[end] });
  }

  // Split each target edge at its projection points, then add the links.
  const byEdge = new Map<number, { t: number; node: number }[]>();
  const targets: number[] = [];
  for (const l of links) {
    const e = baseEdges[l.proj.edge] as RiverEdge;
    const a = nb.nodes[e.a];
    const b = nb.nodes[e.b];
    const q = l.proj.point;
    // Snap to a segment end when the projection is within ~10 m of it.
    const target =
      haversineKm(q, a) < 0.01 ? e.a : haversineKm(q, b) < 0.01 ? e.b : nb.node([round5(q[0]), round5(q[1])]);
    targets.push(target);
    if (target !== e.a && target !== e.b) {
      const list = byEdge.get(l.proj.edge) ?? [];
      list.push({ t: l.proj.t, node: target });
      byEdge.set(l.proj.edge, list);
    }
  }
  for (const [ei, splits] of [...byEdge.entries()].sort((x, y) => x[0] - y[0])) {
    const e = baseEdges[ei] as RiverEdge;
    splits.sort((x, y) => x.t - y.t || x.node - y.node);
    nb.removeEdge(ei);
    let prev = e.a;
    for (const s of splits) {
      nb.edge(prev, s.node, e.rank, false);
      prev = s.node;
    }
    nb.edge(prev, e.b, e.rank, false);
  }
  links.forEach((l, i) => nb.edge(l.end, targets[i], l.rank, true));
  return nb.finish();
}

// Projection in a local equirectangular frame (segments are short).
function projectOnSegment(p: Position, a: Position, b: Position): { t: number; point: Position } {
  const k = Math.cos(p[1] * RAD);
  const ax = a[0] * k;
  const bx = b[0] * k;
  const px = p[0] * k;
  const dx = bx - ax;
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return { t, point: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] };
}

/** Index of the network node nearest to p (ties: lowest index). */
export function nearestNode(net: RiverNetwork, p: Position): number {
  let best = -1;
  let bestKm = Infinity;
  net.nodes.forEach((q, i) => {
    if (net.adjacency[i].length === 0) return;
    const km = haversineKm(p, q);
    if (km < bestKm) {
      bestKm = km;
      best = i;
    }
  });
  return best;
}

/** Dijkstra by length; returns node indices from source to target, or null if unreachable. */
export function shortestPath(net: RiverNetwork, source: number, target: number): number[] | null {
  const n = net.nodes.length;
  const dist = new Float64Array(n).fill(Infinity);
  const prev = new Int32Array(n).fill(-1);
  const heap = new MinHeap();
  dist[source] = 0;
  heap.push(0, source);
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (d > dist[u]) continue;
    if (u === target) break;
    for (const ei of net.adjacency[u]) {
      const e = net.edges[ei];
      const v = e.a === u ? e.b : e.a;
      const nd = d + e.km;
      if (nd < dist[v] || (nd === dist[v] && u < prev[v])) {
        dist[v] = nd;
        prev[v] = u;
        heap.push(nd, v);
      }
    }
  }
  if (dist[target] === Infinity) return null;
  const path = [target];
  while (path[path.length - 1] !== source) path.push(prev[path[path.length - 1]]);
  return path.reverse();
}

class MinHeap {
  private d: number[] = [];
  private v: number[] = [];
  get size(): number {
    return this.d.length;
  }
  private less(i: number, j: number): boolean {
    return this.d[i] < this.d[j] || (this.d[i] === this.d[j] && this.v[i] < this.v[j]);
  }
  private swap(i: number, j: number): void {
    [this.d[i], this.d[j]] = [this.d[j], this.d[i]];
    [this.v[i], this.v[j]] = [this.v[j], this.v[i]];
  }
  push(d: number, v: number): void {
    this.d.push(d);
    this.v.push(v);
    let i = this.d.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.less(i, up)) break;
      this.swap(i, up);
      i = up;
    }
  }
  pop(): [number, number] {
    const top: [number, number] = [this.d[0], this.v[0]];
    const lastD = this.d.pop() as number;
    const lastV = this.v.pop() as number;
    if (this.d.length > 0) {
      this.d[0] = lastD;
      this.v[0] = lastV;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.d.length && this.less(l, m)) m = l;
        if (r < this.d.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

export interface RiverRoute {
  coordinates: Position[];
  /** network edges the route runs along (straight off-network legs have none) */
  edges: number[];
}

/**
 * Routes a river through its waypoints: each on-network waypoint snaps to the nearest vertex and legs
 * between them follow the shortest network path; legs touching an offNetwork waypoint are straight.
 * Out-and-back excursions (a waypoint snapped just off the main line) are cut out. If `stopAt` is given,
 * the route ends at the first vertex after its start that is in it (a tributary ends at its main river).
 */
export function routeRiver(net: RiverNetwork, river: NamedRiver, stopAt?: ReadonlySet<number>): RiverRoute {
  if (river.waypoints.length < 2) throw new Error(`river ${river.zh}: needs at least 2 waypoints`);
  const stops = river.waypoints.map((w) => {
    if (w.offNetwork) return -1;
    const node = nearestNode(net, [w.lon, w.lat]);
    const km = node < 0 ? Infinity : haversineKm([w.lon, w.lat], net.nodes[node]);
    if (km > SNAP_MAX_KM) {
      throw new Error(
        `river ${river.zh}: waypoint ${w.zh} is ${km.toFixed(1)} km from the nearest river line (max ${SNAP_MAX_KM}); move it or mark it offNetwork`,
      );
    }
    return node;
  });
  // Path as a list of steps: a node id, or -1-i for the position of off-network waypoint i.
  const path: number[] = [stops[0] >= 0 ? stops[0] : -1];
  for (let i = 1; i < stops.length; i++) {
    if (stops[i - 1] >= 0 && stops[i] >= 0) {
      const leg = shortestPath(net, stops[i - 1], stops[i]);
      if (!leg) {
        throw new Error(
          `river ${river.zh}: no network path from waypoint ${river.waypoints[i - 1].zh} to ${river.waypoints[i].zh}`,
        );
      }
      path.push(...leg.slice(1));
    } else {
      path.push(stops[i] >= 0 ? stops[i] : -1 - i);
    }
  }
  const steps: number[] = [];
  const at = new Map<number, number>();
  for (const step of path) {
    const seen = at.get(step);
    if (seen !== undefined) {
      for (const dropped of steps.splice(seen + 1)) at.delete(dropped);
      continue;
    }
    at.set(step, steps.length);
    steps.push(step);
  }
  if (stopAt) {
    const cut = steps.findIndex((s, i) => i > 0 && s >= 0 && stopAt.has(s));
    if (cut > 0) steps.splice(cut + 1);
  }
  const edges: number[] = [];
  for (let i = 1; i < steps.length; i++) {
    if (steps[i - 1] >= 0 && steps[i] >= 0) edges.push(edgeBetween(net, steps[i - 1], steps[i]));
  }
  const coordinates = steps.map((s) => {
    if (s >= 0) return net.nodes[s];
    const w = river.waypoints[-1 - s];
    return [round5(w.lon), round5(w.lat)];
  });
  return { coordinates, edges };
}

function edgeBetween(net: RiverNetwork, a: number, b: number): number {
  for (const ei of net.adjacency[a]) {
    const e = net.edges[ei];
    if ((e.a === a && e.b === b) || (e.a === b && e.b === a)) return ei;
  }
  throw new Error(`no edge between nodes ${a} and ${b}`);
}

/** Rank of a named river: the rank carrying most of its length (ties: the more major rank; none: 4). */
function dominantRank(net: RiverNetwork, edgeIds: number[]): number {
  const km = new Map<number, number>();
  for (const ei of edgeIds) {
    const e = net.edges[ei];
    if (!e.link) km.set(e.rank, (km.get(e.rank) ?? 0) + e.km);
  }
  let best = 4;
  let bestKm = -1;
  for (const [rank, total] of [...km.entries()].sort((x, y) => x[0] - y[0])) {
    if (total > bestKm) {
      best = rank;
      bestKm = total;
    }
  }
  return best;
}

/** Joins unused edges into polylines, breaking at junctions and where the rank changes. */
function chainEdges(net: RiverNetwork, use: boolean[]): { rank: number; nodes: number[] }[] {
  const deg = (n: number) => net.adjacency[n].filter((ei) => use[ei]).length;
  const through = (n: number) => {
    const es = net.adjacency[n].filter((ei) => use[ei]);
    return es.length === 2 && net.edges[es[0]].rank === net.edges[es[1]].rank;
  };
  const done = new Array<boolean>(net.edges.length).fill(false);
  const chains: { rank: number; nodes: number[] }[] = [];
  const walk = (start: number, first: number) => {
    const rank = net.edges[first].rank;
    const nodes = [start];
    let ei = first;
    let cur = start;
    for (;;) {
      done[ei] = true;
      const e = net.edges[ei];
      cur = e.a === cur ? e.b : e.a;
      nodes.push(cur);
      if (!through(cur)) break;
      const next = net.adjacency[cur].find((x) => use[x] && !done[x]);
      if (next === undefined) break;
      ei = next;
    }
    chains.push({ rank, nodes });
  };
  for (let n = 0; n < net.nodes.length; n++) {
    if (deg(n) === 0 || through(n)) continue;
    for (const ei of net.adjacency[n]) if (use[ei] && !done[ei]) walk(n, ei);
  }
  // Closed loops with no junction.
  net.edges.forEach((e, ei) => {
    if (use[ei] && !done[ei]) walk(e.a, ei);
  });
  return chains;
}

/**
 * Builds the river layer: named rivers (one LineString each, routed through their waypoints, in the
 * order given; list main rivers before tributaries, as a tributary's route ends where it meets an
 * earlier one) followed by the remaining unnamed lines as one MultiLineString per rank.
 * Deterministic for the same inputs.
 */
export function buildRivers(text: string, waypoints: RiverWaypointsFile | NamedRiver[]): RiverCollection {
  const rivers = Array.isArray(waypoints) ? waypoints : waypoints.rivers;
  const lines = parseRiverText(text).flatMap((l) =>
    clipLineToBbox(l.coords, RIVER_BBOX).map((coords) => ({ rank: l.rank, coords })),
  );
  const net = linkRiverNetwork(lines, LINK_MAX_KM);
  const named = new Array<boolean>(net.edges.length).fill(false);
  const features: RiverFeature[] = [];

  const onNamed = new Set<number>();
  for (const river of rivers) {
    if (features.some((f) => f.properties.zh === river.zh)) throw new Error(`river ${river.zh}: listed twice`);
    const route = routeRiver(net, river, onNamed);
    for (const ei of route.edges) {
      named[ei] = true;
      onNamed.add(net.edges[ei].a);
      onNamed.add(net.edges[ei].b);
    }
    features.push({
      type: 'Feature',
      properties: { rank: dominantRank(net, route.edges), zh: river.zh, en: river.en },
      geometry: { type: 'LineString', coordinates: route.coordinates },
    });
  }

  // Unnamed remainder, without isolated specks (touching no other line, shorter than MIN_ISOLATED_KM).
  const comp = components(net.nodes.length, net.edges);
  const compKm = new Map<number, number>();
  net.edges.forEach((e) => compKm.set(comp[e.a], (compKm.get(comp[e.a]) ?? 0) + e.km));
  const use = net.edges.map((e, ei) => !named[ei] && (compKm.get(comp[e.a]) ?? 0) >= MIN_ISOLATED_KM);
  const byRank = new Map<number, Position[][]>();
  for (const chain of chainEdges(net, use)) {
    const list = byRank.get(chain.rank) ?? [];
    list.push(chain.nodes.map((n) => net.nodes[n]));
    byRank.set(chain.rank, list);
  }
  for (const rank of [...byRank.keys()].sort((a, b) => a - b)) {
    features.push({
      type: 'Feature',
      properties: { rank },
      geometry: { type: 'MultiLineString', coordinates: byRank.get(rank) as Position[][] },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Reads the two committed data files (paths relative to the repository root). */
export function readRiverSources(root: string): { text: string; waypoints: RiverWaypointsFile } {
  return {
    text: readFileSync(resolve(root, 'data/raw/wdbii-rivers.txt'), 'utf8'),
    waypoints: JSON.parse(readFileSync(resolve(root, 'data/basemap/river-waypoints.json'), 'utf8')) as RiverWaypointsFile,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const { text, waypoints } = readRiverSources(root);
  const fc = buildRivers(text, waypoints);
  const out = resolve(root, 'data/build/rivers.geojson');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(fc) + '\n');
  const named = fc.features.filter((f) => f.properties.zh).length;
  console.log(`wrote ${out}: ${named} named rivers, ${fc.features.length - named} unnamed rank groups`);
}
