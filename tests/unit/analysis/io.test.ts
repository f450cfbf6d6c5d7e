import { describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { csvCell, jurisdictionRows, overlapRows, OVERLAP_COLUMNS, toCSV, toFeatureCollection } from '../../../src/lib/analysis/export.ts';
import { overlapMatrix } from '../../../src/lib/analysis/overlap.ts';
import { validateGeometry } from '../../../src/lib/analysis/validate-geometry.ts';
import { createDispatcher } from '../../../src/lib/analysis/dispatch.ts';
import type { AnalysisResponse } from '../../../src/lib/analysis/protocol.ts';
import { makePolygons } from '../../../scripts/bench/make-polygons.ts';
import { box } from './helpers.ts';
import { geodesicArea } from '../../../src/lib/geo/geodesic.ts';

describe('CSV export', () => {
  it('escapes quotes, commas, newlines; guards formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell('简阳市')).toBe('简阳市');
  });
  it('overlap rows → CSV with BOM and CRLF', () => {
    const r = overlapMatrix([box(104, 30, 104.2, 30.1), box(104.1, 30, 104.3, 30.1)]);
    const csv = toCSV(OVERLAP_COLUMNS, overlapRows(r, ['belt-a', '=evil']));
    const lines = csv.split('\r\n');
    expect(csv.startsWith('\uFEFFa,b,area_km2')).toBe(true);
    expect(lines[1]).toMatch(/^belt-a,'=evil,\d+\.\d+,(49\.9|50\.0)\d*,(49\.9|50\.0)\d*,"intersection and area in an Albers/);
  });
  it('jurisdiction rows include the outside part; GeoJSON keeps geometry and cells', () => {
    const rows = jurisdictionRows('x', { kind: 'line', total: 10, rows: [], outside: { value: 10, percent: 100 }, method: { zh: '', en: 'm' } });
    expect(rows[0].name_en).toBe('outside');
    const fc = toFeatureCollection([{ geometry: box(0, 0, 1, 1), properties: { a: 1 } }]);
    expect(fc.features[0].properties).toEqual({ a: 1 });
  });
});

describe('geometry validation', () => {
  const poly = (ring: number[][]): Polygon => ({ type: 'Polygon', coordinates: [ring] });
  it('self-intersecting bow-tie → clear error with the place', () => {
    const i = validateGeometry({ type: 'Feature', id: 'bowtie', properties: {}, geometry: poly([[104, 30], [104.1, 30.1], [104.1, 30], [104, 30.1], [104, 30]]) });
    expect(i[0].problem).toBe('selfIntersection');
    expect(i[0].severity).toBe('error');
    expect(i[0].message.en).toMatch(/^Feature bowtie: boundary crosses itself \(near 104\.05, 30\.05/);
  });
  it('NaN, out of range, swapped axes, unclosed rings, missing geometry', () => {
    expect(validateGeometry(poly([[104, 30], [NaN, 30], [104, 31], [104, 30]]))[0].problem).toBe('nonFinite');
    expect(validateGeometry({ type: 'Point', coordinates: [500000, 3300000] })[0].message.en).toMatch(/projected/);
    expect(validateGeometry({ type: 'Point', coordinates: [30.6, 104.1] })[0].problem).toBe('outOfRange');
    expect(validateGeometry({ type: 'LineString', coordinates: [[30.6, 104.06], [30.7, 89]] })[0].problem).toBe('outOfRange');
    expect(validateGeometry({ type: 'Point', coordinates: [30.6, 80.1] })[0].problem).toBe('swappedLatLon');
    expect(validateGeometry(poly([[104, 30], [104.1, 30], [104.1, 30.1], [104, 30.1]]))[0].problem).toBe('unclosedRing');
    expect(validateGeometry(null, 'row 7')[0].message.en).toBe('Feature row 7: has no geometry');
  });
  it('a ring that collapses to a-b-a once repeated vertices go is a warning, not a crash', () => {
    const g: Polygon = { type: 'Polygon', coordinates: [[[104, 30], [104.1, 30], [104.1, 30], [104, 30]]] };
    const spike = { type: 'MultiPolygon' as const, coordinates: [box(104, 30, 104.1, 30.1).coordinates, g.coordinates] };
    expect(validateGeometry(g).map((i) => [i.severity, i.problem])).toEqual([['warning', 'selfTouch']]);
    expect(validateGeometry(spike).map((i) => [i.severity, i.problem])).toEqual([['warning', 'selfTouch']]);
  });
  it('a valid polygon, and repeated vertices, pass', () => {
    expect(validateGeometry(box(104, 30, 104.1, 30.1))).toEqual([]);
    expect(validateGeometry(poly([[104, 30], [104.1, 30], [104.1, 30], [104.1, 30.1], [104, 30.1], [104, 30]]))).toEqual([]);
  });
});

describe('worker dispatcher (no Worker needed)', () => {
  const run = async (msgs: Parameters<ReturnType<typeof createDispatcher>['handle']>[0][]) => {
    const out: AnalysisResponse[] = [];
    const d = createDispatcher((m) => out.push(m));
    await Promise.all(msgs.map((m) => d.handle(m)));
    return out;
  };
  const feats = (n: number): Feature[] => makePolygons(n).features.map((f) => ({ ...f, id: `p${f.properties.id}` }));
  it('overlap job: progress then one result with ids', async () => {
    const out = await run([{ type: 'overlap', jobId: 'j1', groupA: feats(200) }]);
    expect(out.some((m) => m.type === 'progress')).toBe(true);
    const res = out.filter((m) => m.type === 'result');
    expect(res).toHaveLength(1);
    if (res[0].type === 'result' && res[0].kind === 'overlap') expect(res[0].result.pairs[0].idA).toMatch(/^p\d+$/);
  });
  it('overlap job with geometry: the intersection polygon of two half-overlapping boxes', async () => {
    const a: Feature = { type: 'Feature', id: 'a', properties: {}, geometry: box(104, 30, 104.2, 30.1) };
    const b: Feature = { type: 'Feature', id: 'b', properties: {}, geometry: box(104.1, 30, 104.3, 30.1) };
    const out = await run([{ type: 'overlap', jobId: 'g', groupA: [a], groupB: [b], withGeometry: 10 }]);
    const res = out.find((m) => m.type === 'result');
    if (res?.type !== 'result' || res.kind !== 'overlap') throw new Error('no overlap result');
    const g = res.result.pairs[0].geometry;
    expect(g?.type).toBe('MultiPolygon');
    // the clip is the box 104.1–104.2 × 30–30.1 (within Albers round-trip error)
    const xs = g!.coordinates.flat(2).map((p) => p[0]);
    expect(Math.min(...xs)).toBeCloseTo(104.1, 6);
    expect(Math.max(...xs)).toBeCloseTo(104.2, 6);
    expect(geodesicArea(g!) / res.result.pairs[0].areaM2).toBeCloseTo(1, 3);
  });
  it('overlap across groups only: pairs within a group are dropped before geometry is built', async () => {
    const f = (id: string, x: number): Feature => ({ type: 'Feature', id, properties: {}, geometry: box(x, 30, x + 0.2, 30.1) });
    // a1 overlaps a2 (same group) and b1 (other group); a2 overlaps b1
    const groupA = [f('a1', 104), f('a2', 104.1), f('b1', 104.15)];
    const all = await run([{ type: 'overlap', jobId: 'x', groupA }]);
    const across = await run([{ type: 'overlap', jobId: 'y', groupA, groups: ['a', 'a', 'b'], acrossGroupsOnly: true, withGeometry: 5 }]);
    const pairs = (out: AnalysisResponse[]) => {
      const r = out.find((m) => m.type === 'result');
      return r?.type === 'result' && r.kind === 'overlap' ? r.result.pairs.map((p) => `${p.idA}-${p.idB}`).sort() : [];
    };
    expect(pairs(all)).toEqual(['a1-a2', 'a1-b1', 'a2-b1']);
    expect(pairs(across)).toEqual(['a1-b1', 'a2-b1']);
  });
  it('cancel → cancelled, no result', async () => {
    const out: AnalysisResponse[] = [];
    const d = createDispatcher((m) => out.push(m));
    const job = d.handle({ type: 'overlap', jobId: 'big', groupA: feats(3000) });
    await d.handle({ type: 'cancel', jobId: 'big' });
    await job;
    expect(out.filter((m) => m.type !== 'progress')).toEqual([{ type: 'cancelled', jobId: 'big' }]);
  });
  it('invalid input → error naming the feature, not NaN', async () => {
    const out = await run([{ type: 'measure', jobId: 'm', geometry: { type: 'Polygon', coordinates: [[[104, 30], [104.1, 30.1], [104.1, 30], [104, 30.1], [104, 30]]] } }]);
    expect(out[0].type).toBe('error');
    if (out[0].type === 'error') {
      expect(out[0].error.name).toBe('GeometryError');
      expect(out[0].error.issues?.[0].problem).toBe('selfIntersection');
    }
  });
  it('jurisdiction needs boundaries first, then answers', async () => {
    const out: AnalysisResponse[] = [];
    const d = createDispatcher((m) => out.push(m));
    await d.handle({ type: 'jurisdiction', jobId: 'a', level: 'county', features: [] });
    expect(out[0].type === 'error' && out[0].error.message).toMatch(/setJurisdictions/);
    await d.handle({ type: 'setJurisdictions', jobId: 'b', level: 'county', units: [{ adcode: 'W', zh: '西', en: 'W', level: 'county', geometry: box(104, 30, 104.2, 30.2) }] });
    await d.handle({ type: 'jurisdiction', jobId: 'c', level: 'county', features: [{ type: 'Feature', id: 'x', properties: {}, geometry: box(104.1, 30.1, 104.3, 30.15) }] });
    const last = out.at(-1)!;
    expect(last.type === 'result' && last.kind === 'jurisdiction' && Math.round(last.result[0].stats.rows[0].percent)).toBe(50);
  });
});
