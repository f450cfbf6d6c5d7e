import { describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { csvCell, jurisdictionRows, overlapRows, OVERLAP_COLUMNS, toCSV, toFeatureCollection } from '../../../src/lib/analysis/export.ts';
import { overlapMatrix } from '../../../src/lib/analysis/overlap.ts';
import { validateGeometry } from '../../../src/lib/analysis/validate-geometry.ts';
import { createDispatcher } from '../../../src/lib/analysis/dispatch.ts';
import type { AnalysisResponse } from '../../../src/lib/analysis/protocol.ts';
import { makePolygons } from '../../../scripts/bench/make-polygons.ts';
import { box } from './helpers.ts';

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
