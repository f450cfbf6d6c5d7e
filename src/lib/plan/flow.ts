// Corridor flow: the data behind two deck.gl drawings of corridors. Pure (no DOM, no deck.gl).
//  - pulses: light pulses travelling along rail lines that run in the shown year (phase `existing`),
//    one every `spacingKm`, both ways. Each line is repeated with time offsets so that, with the
//    layer's clock cycling over [0, spacingKm), a pulse passes every point of the line once per cycle
//    and the cycle wraps without a jump (copy k at the end of a cycle is where copy k+1 starts).
//  - bands: development axes and sci-tech/open corridors, which the plans describe as belts (发展带,
//    走廊) rather than lines, as wide translucent bands in metres.
import type { Feature, Geometry, Position } from 'geojson';
import { geodesicDistance } from '../geo/geodesic.ts';
import { BAND_MODES, FLOW_MODES, type FlowProps } from './flowKinds.ts';

export { BAND_MODES, FLOW_MODES, flowLegend, type FlowProps } from './flowKinds.ts';

export interface FlowPath {
  id: string;
  mode: string;
  path: Position[];
  /** km along the path, shifted by the copy's offset; increasing (or decreasing for the return copy) */
  timestamps: number[];
}

export interface BandPath {
  id: string;
  mode: string;
  path: Position[];
}

export interface FlowOptions {
  /** distance between pulses along a line, km */
  spacingKm: number;
  /** pulses in both directions (the second set offset by half a spacing) */
  bothWays: boolean;
}

export const DEFAULT_FLOW: FlowOptions = { spacingKm: 24, bothWays: true };

function lines(g: Geometry): Position[][] {
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  return [];
}

/** Cumulative geodesic distance (km) at each vertex. */
export function cumulativeKm(path: readonly Position[]): number[] {
  const out = [0];
  for (let i = 1; i < path.length; i++) out.push(out[i - 1] + geodesicDistance(path[i - 1], path[i]) / 1000);
  return out;
}

const phaseOf = (p: FlowProps) => p.phase ?? p.status;

/** Whether a feature gets pulses: a rail corridor line that runs (existing) in what is shown. */
export function flows(p: FlowProps, g: Geometry): boolean {
  return p.kind === 'corridor' && (FLOW_MODES as readonly string[]).includes(p.mode ?? '') && phaseOf(p) === 'existing' && lines(g).length > 0;
}

export function banded(p: FlowProps, g: Geometry): boolean {
  return p.kind === 'corridor' && (BAND_MODES as readonly string[]).includes(p.mode ?? '') && lines(g).length > 0;
}

/**
 * Pulse paths for the clock range [0, spacingKm): a copy k of a line (distance d along it) shows its
 * pulse head where d - k·spacing = clock, so copies k = 0 … ⌈length/spacing⌉ cover the whole line.
 */
export function flowPaths(features: Iterable<Feature<Geometry, FlowProps>>, opts: FlowOptions = DEFAULT_FLOW): FlowPath[] {
  const s = opts.spacingKm;
  if (!(s > 0)) throw new Error(`flow spacing must be positive, got ${s}`);
  const out: FlowPath[] = [];
  for (const f of features) {
    if (!flows(f.properties, f.geometry)) continue;
    for (const path of lines(f.geometry)) {
      if (path.length < 2) continue;
      const km = cumulativeKm(path);
      const length = km[km.length - 1];
      if (length <= 0) continue;
      const copies = Math.ceil(length / s) + 1;
      const ways: { path: Position[]; km: number[]; offset: number }[] = [{ path, km, offset: 0 }];
      if (opts.bothWays) ways.push({ path: [...path].reverse(), km: km.map((d) => length - d).reverse(), offset: s / 2 });
      for (const w of ways)
        for (let k = 0; k < copies; k++)
          out.push({ id: f.properties.id, mode: f.properties.mode!, path: w.path, timestamps: w.km.map((d) => d - k * s + w.offset) });
    }
  }
  return out;
}

export function bandPaths(features: Iterable<Feature<Geometry, FlowProps>>): BandPath[] {
  const out: BandPath[] = [];
  for (const f of features) {
    if (!banded(f.properties, f.geometry)) continue;
    for (const path of lines(f.geometry)) if (path.length >= 2) out.push({ id: f.properties.id, mode: f.properties.mode!, path });
  }
  return out;
}

/** The clock value (0 ≤ t < spacing) at a time in ms, for a speed in km per second. */
export function flowClock(ms: number, speedKmPerS: number, spacingKm: number): number {
  const t = ((ms / 1000) * speedKmPerS) % spacingKm;
  return t < 0 ? t + spacingKm : t;
}
