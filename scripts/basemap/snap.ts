// Snap Chongqing's edge onto Sichuan's: the two sources were digitised separately, so the shared border
// sits ~24 m off and 开州 overlaps 宣汉 in 1–2 km strips. Runs of Chongqing's outer edge that lie within
// SNAP_KM of Sichuan's outline are replaced by Sichuan's own vertices, so TopoJSON shares the arcs.
import { topology } from 'topojson-server';
import { mesh } from 'topojson-client';
import type { Position } from 'geojson';
import type { GeometryCollection } from 'topojson-specification';
import type { RawCounty } from './counties.ts';
import { countyFeature } from './counties.ts';

export const SNAP_KM = 2;

const key = (p: Position) => `${p[0]},${p[1]}`;

function km(a: Position, b: Position): number {
  const c = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * 111.32 * c, (a[1] - b[1]) * 110.57);
}

/** Outer boundary of a set of counties as closed lines (arcs used by one feature only). */
export function outline(counties: RawCounty[]): Position[][] {
  const topo = topology({ c: { type: 'FeatureCollection', features: counties.map(countyFeature) } as GeoJSON.FeatureCollection });
  const m = mesh(topo, topo.objects.c as GeometryCollection, (a, b) => a === b);
  return m.coordinates;
}

class VertexGrid {
  private cells = new Map<string, { line: number; index: number; p: Position }[]>();
  constructor(lines: Position[][], private size = 0.025) {
    lines.forEach((line, l) =>
      line.forEach((p, i) => {
        const k = this.cell(p[0], p[1]);
        const list = this.cells.get(k) ?? [];
        list.push({ line: l, index: i, p });
        this.cells.set(k, list);
      }),
    );
  }
  private cell(x: number, y: number) {
    return `${Math.floor(x / this.size)},${Math.floor(y / this.size)}`;
  }
  nearest(p: Position, maxKm: number) {
    let best: { line: number; index: number; p: Position; d: number } | null = null;
    const cx = Math.floor(p[0] / this.size);
    const cy = Math.floor(p[1] / this.size);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const v of this.cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = km(p, v.p);
          if (d <= maxKm && (!best || d < best.d || (d === best.d && (v.line < best.line || v.index < best.index))))
            best = { ...v, d };
        }
    return best;
  }
}

function pathLength(points: Position[]): number {
  let s = 0;
  for (let i = 1; i < points.length; i++) s += km(points[i - 1], points[i]);
  return s;
}

/** Vertices of `line` from i to j, walking forward or backward (wrapping only on closed lines). */
function walk(line: Position[], i: number, j: number, forward: boolean): Position[] {
  const closed = key(line[0]) === key(line[line.length - 1]);
  if (!closed) {
    const out = line.slice(Math.min(i, j), Math.max(i, j) + 1);
    return i <= j ? out : out.reverse();
  }
  const n = line.length - 1; // closed ring: drop the repeated last vertex for modular walking
  const out: Position[] = [];
  for (let k = i; ; k = (k + (forward ? 1 : -1) + n) % n) {
    out.push(line[k % n]);
    if (k % n === j % n) break;
    if (out.length > n + 1) break;
  }
  return out;
}

export interface SnapStats {
  runs: number;
  snappedVertices: number;
}

/** Returns new Chongqing counties whose edges along Sichuan use Sichuan's vertices. */
export function snapToSichuan(sichuan: RawCounty[], chongqing: RawCounty[], stats: SnapStats): RawCounty[] {
  const sichuanLines = outline(sichuan);
  const grid = new VertexGrid(sichuanLines);
  const exterior = new Set(outline(chongqing).flat().map(key));

  const snapRing = (ring: Position[]): Position[] => {
    const n = ring.length - 1;
    const near = ring.slice(0, n).map((p) => (exterior.has(key(p)) ? grid.nearest(p, SNAP_KM) : null));
    if (near.every((v) => v) || near.every((v) => !v)) return ring; // all-or-nothing rings are left alone
    // Start from a vertex that is not snapped so runs never wrap around the ring's seam.
    const start = near.findIndex((v) => !v);
    const out: Position[] = [];
    for (let s = 0; s < n; ) {
      const i = (start + s) % n;
      if (!near[i]) {
        out.push(ring[i]);
        s++;
        continue;
      }
      const run: number[] = [];
      while (s < n && near[(start + s) % n]) run.push((start + s++) % n);
      const a = near[run[0]]!;
      const b = near[run[run.length - 1]]!;
      const runPts = run.map((k) => ring[k]);
      if (a.line === b.line) {
        const line = sichuanLines[a.line];
        const fwd = walk(line, a.index, b.index, true);
        const bwd = walk(line, a.index, b.index, false);
        const target = pathLength(runPts);
        const pick = Math.abs(pathLength(fwd) - target) <= Math.abs(pathLength(bwd) - target) ? fwd : bwd;
        out.push(...pick);
      } else {
        out.push(...run.map((k) => near[k]!.p));
      }
      stats.runs++;
      stats.snappedVertices += run.length;
    }
    const dedup = out.filter((p, i) => i === 0 || key(p) !== key(out[i - 1]));
    if (key(dedup[0]) === key(dedup[dedup.length - 1])) dedup.pop();
    dedup.push(dedup[0]);
    return dedup;
  };

  return chongqing.map((c) => ({ ...c, polygons: c.polygons.map((poly) => poly.map(snapRing)) }));
}

