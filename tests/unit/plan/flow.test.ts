import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import length from '@turf/length';
import type { Feature, FeatureCollection, Geometry, LineString } from 'geojson';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { bandPaths, cumulativeKm, flowClock, flowLegend, flowPaths, flows, type FlowProps } from '../../../src/lib/plan/flow.ts';
import { phaseAt } from '../../../src/lib/plan/timeline.ts';

const line = (coords: [number, number][], props: Partial<FlowProps> = {}): Feature<LineString, FlowProps> => ({
  type: 'Feature',
  geometry: { type: 'LineString', coordinates: coords },
  properties: { id: 'l', kind: 'corridor', mode: 'rail', status: 'existing', phase: 'existing', ...props },
});

// 成都东 → 资阳北 → 内江北, roughly (test geometry only)
const sample = line([[104.14, 30.63], [104.63, 30.13], [105.06, 29.6]]);

/** Pulse heads (km along the forward line) at a clock value: where a copy's timestamps pass the clock. */
function heads(paths: ReturnType<typeof flowPaths>, clock: number, forward: boolean): number[] {
  const out: number[] = [];
  for (const p of paths) {
    const ts = p.timestamps;
    const increasing = forward === (p.path[0][0] === sample.geometry.coordinates[0][0]);
    if (!increasing) continue;
    const km = cumulativeKm(p.path);
    for (let i = 1; i < ts.length; i++) {
      if (ts[i - 1] <= clock && clock < ts[i]) {
        const f = (clock - ts[i - 1]) / (ts[i] - ts[i - 1]);
        out.push(km[i - 1] + f * (km[i] - km[i - 1]));
      }
    }
  }
  return out.sort((a, b) => a - b);
}

describe('corridor flow', () => {
  it('measures lines like Turf (geodesic vs haversine within 0.5 %)', () => {
    const km = cumulativeKm(sample.geometry.coordinates);
    expect(km[0]).toBe(0);
    expect(km[km.length - 1]).toBeCloseTo(length(sample, { units: 'kilometers' }), -1);
    expect(Math.abs(km[km.length - 1] / length(sample, { units: 'kilometers' }) - 1)).toBeLessThan(0.005);
  });

  it('puts a pulse every spacing along the whole line, for any clock, in both directions', () => {
    const s = 20;
    const paths = flowPaths([sample], { spacingKm: s, bothWays: true });
    const L = length(sample, { units: 'kilometers' });
    for (const clock of [0, 3.3, 9.99, 17.5]) {
      const fwd = heads(paths, clock, true);
      // expected heads: clock + k·s inside the line
      const expected: number[] = [];
      for (let d = clock; d < L - 1e-6; d += s) expected.push(d);
      expect(fwd.length).toBe(expected.length);
      fwd.forEach((h, i) => expect(h).toBeCloseTo(expected[i], 6));
      // the return way runs too, half a spacing apart
      expect(heads(paths, clock, false).length).toBeGreaterThanOrEqual(expected.length - 1);
    }
  });

  it('wraps without a jump: the heads at the end of a cycle are the heads at its start', () => {
    const s = 25;
    const paths = flowPaths([sample], { spacingKm: s, bothWays: false });
    const end = heads(paths, s - 1e-9, true).map((d) => Math.round(d * 1000) / 1000);
    const start = heads(paths, 0, true).map((d) => Math.round(d * 1000) / 1000).filter((d) => d > 0);
    expect(end).toEqual(start);
  });

  it('only rail lines that run get pulses; axes become bands', () => {
    expect(flows(sample.properties, sample.geometry)).toBe(true);
    expect(flows({ ...sample.properties, phase: 'planned' }, sample.geometry)).toBe(false);
    expect(flows({ ...sample.properties, mode: 'expressway' }, sample.geometry)).toBe(false);
    expect(flows(sample.properties, { type: 'Point', coordinates: [104, 30] })).toBe(false);
    expect(bandPaths([line(sample.geometry.coordinates as [number, number][], { mode: 'axis' }), sample]).map((b) => b.mode)).toEqual(['axis']);
  });

  it('clock cycles within [0, spacing)', () => {
    expect(flowClock(0, 10, 24)).toBe(0);
    expect(flowClock(3000, 10, 24)).toBeCloseTo(6, 9);
    expect(flowClock(60_000, 10, 24)).toBeCloseTo(600 % 24, 9);
  });

  it('legend rows follow what is drawn and whether the flow is on', () => {
    const drawn = [{ props: sample.properties, geometry: 'LineString' }];
    expect(flowLegend(drawn, true)).toEqual({ pulses: true, bands: false });
    expect(flowLegend(drawn, false)).toEqual({ pulses: false, bands: false });
    expect(flowLegend([{ props: { ...sample.properties, mode: 'axis' }, geometry: 'LineString' }], false)).toEqual({ pulses: false, bands: true });
  });

  it('on the shipped plan: pulses on existing rail only, and more rail runs in 2035 than in 2015', () => {
    const topo = JSON.parse(readFileSync('public/data/plan/map.topo.json', 'utf8')) as Topology;
    const fc = feature(topo, topo.objects.elements as GeometryCollection) as FeatureCollection<Geometry, FlowProps & { opened?: number; started?: number; target?: number }>;
    const at = (year: number) =>
      flowPaths(fc.features.map((f) => ({ ...f, properties: { ...f.properties, phase: phaseAt(f.properties as never, year) } })));
    const ids2015 = new Set(at(2015).map((p) => p.id));
    const ids2035 = new Set(at(2035).map((p) => p.id));
    expect(ids2035.size).toBeGreaterThan(ids2015.size);
    for (const id of ids2015) expect(ids2035.has(id)).toBe(true);
    for (const f of fc.features.filter((x) => ids2035.has(x.properties.id))) {
      expect(['highSpeedRail', 'rail', 'suburbanRail', 'metro']).toContain(f.properties.mode);
    }
  });
});
