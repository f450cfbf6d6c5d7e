// Elements drawn from OpenStreetMap: each lies where its OSM source says (≤ 25 m, after quantizing and
// simplifying), cites the extract with its licence, and the validator rejects OSM geometry without a citation.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Geometry, Position } from 'geojson';
import { loadPlanSources } from '../../../scripts/plan/build-plan.ts';
import { loadOsm, osmLinesIn, osmRelation, osmStation, type OsmData } from '../../../scripts/plan/osm.ts';
import type { AuthoredElement, GeometrySpec } from '../../../src/lib/plan/model.ts';
import { validateElement } from '../../../src/lib/plan/validate.ts';

const ROOT = join(import.meta.dirname, '../../..');
const osm = loadOsm(ROOT);
const src = loadPlanSources(ROOT, join(ROOT, 'data/sources/seeds'));
const elements = src.files.flatMap((f) => f.data.elements);
const fromOsm = elements.filter((e) => e.sources.some((s) => s.type === 'osm' && s.coordinates === true));

const R = 6371008.8;
/** Metres between two lon/lat points (equirectangular; exact enough at 25 m). */
function metres(a: Position, b: Position): number {
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return (R * Math.PI * Math.hypot((a[0] - b[0]) * k, a[1] - b[1])) / 180;
}
/** Metres from p to the nearest point of segment ab. */
function toSegment(p: Position, a: Position, b: Position): number {
  const k = Math.cos((p[1] * Math.PI) / 180);
  const [ax, ay, bx, by, px, py] = [a[0] * k, a[1], b[0] * k, b[1], p[0] * k, p[1]];
  const L = (bx - ax) ** 2 + (by - ay) ** 2;
  const t = L === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / L));
  return metres(p, [(ax + t * (bx - ax)) / k, ay + t * (by - ay)]);
}
const linesOf = (g: Geometry): Position[][] =>
  g.type === 'Point' ? [[g.coordinates]] : g.type === 'MultiPoint' || g.type === 'LineString' ? [g.type === 'LineString' ? g.coordinates : g.coordinates]
    : g.type === 'MultiLineString' || g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
/** Largest distance from any vertex of `g` to the geometry `ref` (points or lines). */
function farthest(g: Geometry, ref: Geometry): number {
  const refLines = linesOf(ref);
  let worst = 0;
  for (const line of linesOf(g))
    for (const p of line) {
      let best = Infinity;
      for (const l of refLines)
        if (l.length === 1) best = Math.min(best, metres(p, l[0]));
        else for (let i = 1; i < l.length; i++) best = Math.min(best, toSegment(p, l[i - 1], l[i]));
      worst = Math.max(worst, best);
    }
  return worst;
}

/** The OSM geometry an authored spec reads, found independently of derive.ts. */
function osmReference(spec: GeometrySpec, data: OsmData): Geometry {
  if ('derive' in spec && spec.derive === 'point' && 'osm' in spec.at)
    return { type: 'Point', coordinates: osmStation(data, spec.at.osm, spec.at.name, spec.at.station) };
  if ('derive' in spec && spec.derive === 'osm')
    return spec.relation !== undefined ? osmRelation(data, spec.file, spec.relation) : osmLinesIn(data, spec.file, spec.bbox!);
  throw new Error(`not an OSM spec: ${JSON.stringify(spec)}`);
}

function built(file: string): Map<string, Geometry> {
  const topo = JSON.parse(readFileSync(join(ROOT, 'public/data/plan', file), 'utf8')) as Topology;
  const fc = feature(topo, topo.objects.elements as GeometryCollection);
  return new Map(fc.features.map((f) => [String((f.properties as { id?: string } | null)?.id), f.geometry]));
}

describe('OSM-located plan elements', () => {
  it('there are at least 30 located elements, and at least 25 of them come from OSM', () => {
    expect(elements.filter((e) => e.accuracy === 'located').length).toBeGreaterThanOrEqual(30);
    expect(fromOsm.length).toBeGreaterThanOrEqual(25);
    for (const e of fromOsm) expect(e.accuracy, e.id).toBe('located');
  });

  it('the plans\u2019 stations, S3 and the airports\u2019 runways are among them', () => {
    const ids = new Set(fromOsm.map((e) => e.id));
    for (const id of ['station-chengdu-east', 'station-chengdu', 'station-tianfu', 'station-neijiang-north', 'station-zigong', 'station-dazhou-south',
      'station-ziyang-west', 'station-zizhong-north', 'station-lezhi', 'station-anyue', 'station-weiyuan', 'station-fushun', 'station-ziyang-north',
      'station-meishan-east', 'station-tianfu-airport', 'rail-s3-ziyang', 'hub-tianfu-airport-runways', 'hub-shuangliu-airport-runways', 'hub-dazhou-jinya-airport-runway'])
      expect(ids.has(id), id).toBe(true);
  });

  // public/data/plan is committed (npm run data rebuilds it; CI fails when it is stale).
  it('every OSM-located element is within 25 m of its OSM source in the shipped bundles (both ways)', () => {
    const regionGeom = new Map<string, Geometry>();
    for (const r of ['chengdu-metro', 'neijiang-zigong', 'dazhou', 'wandakai'])
      if (existsSync(join(ROOT, `public/data/plan/${r}.topo.json`))) for (const [id, g] of built(`${r}.topo.json`)) regionGeom.set(id, g);
    const mapGeom = built('map.topo.json');
    const report: string[] = [];
    for (const e of fromOsm) {
      const ref = osmReference(e.geometry, osm);
      for (const [what, g] of [['region bundle', regionGeom.get(e.id)], ['map bundle', mapGeom.get(e.id)]] as const) {
        if (!g) {
          report.push(`${e.id}: missing from the ${what}`);
          continue;
        }
        const out = farthest(g, ref);
        // The map bundle is simplified: its kept vertices lie on the track, but not every track vertex is kept.
        const back = what === 'region bundle' ? farthest(ref, g) : 0;
        if (out > 25 || back > 25) report.push(`${e.id} (${what}): ${out.toFixed(1)} m from OSM, OSM ${back.toFixed(1)} m from it`);
      }
    }
    expect(report).toEqual([]);
  });

  it('each OSM source names its file, feature and licence, and the element\u2019s spec reads that file', () => {
    for (const e of fromOsm) {
      const s = e.sources.filter((x) => x.type === 'osm');
      const files = s.map((x) => (x.type === 'osm' ? x.file : ''));
      expect(files, e.id).toContain('derive' in e.geometry && e.geometry.derive === 'osm' ? e.geometry.file : (e.geometry as { at: { osm: string } }).at.osm);
      for (const x of s) if (x.type === 'osm') expect([x.licence, x.feature.length > 0], e.id).toEqual(['ODbL-1.0', true]);
    }
  });

  it('the build fails loudly on an OSM name that matches no node or several', () => {
    expect(() => osmStation(osm, 'railway_stations_sichuan_cq_osm20250208.geojson', '不存在站', 'train')).toThrow(/no OSM station "不存在站"/);
    expect(() => osmRelation(osm, 'chengdu_metro_osm_relations.geojson', 1)).toThrow(/no OSM relation 1/);
    expect(() => osmLinesIn(osm, 'runways_chengdu_dazhou_osm20250214.geojson', [100, 20, 100.1, 20.1])).toThrow(/no OSM line/);
  });
});

describe('validator: OSM sources, specs and section labels', () => {
  const base = (): AuthoredElement => ({
    id: 'station-x', kind: 'hub', subkind: 'station', name: { zh: '某站', en: 'X' }, region: 'chengdu-metro', status: 'existing',
    metrics: [], related: [], accuracy: 'located', basis: 'OSM node',
    sources: [{ type: 'osm', file: 'railway_stations_sichuan_cq_osm20250208.geojson', feature: 'station node name=成都东', licence: 'ODbL-1.0', coordinates: true }],
    geometry: { derive: 'point', at: { osm: 'railway_stations_sichuan_cq_osm20250208.geojson', name: '成都东', station: 'train' } },
  });
  const msgs = (el: unknown) => validateElement(el, 'data/plan/x.json', 0, { authored: true }).map((i) => `${i.field}: ${i.message}`);

  it('accepts a cited OSM station point', () => expect(msgs(base())).toEqual([]));

  it('rejects OSM geometry that does not cite the OSM file', () => {
    const el = { ...base(), sources: [{ type: 'web', url: 'https://example.org', title: 't', coordinates: true }] };
    expect(msgs(el).join('\n')).toMatch(/sources: the geometry reads OSM railway_stations_sichuan_cq_osm20250208.geojson: cite it/);
  });

  it('rejects an OSM source without the licence, and an OSM spec selecting by both relation and bbox', () => {
    const el = { ...base(), sources: [{ type: 'osm', file: 'railway_stations_sichuan_cq_osm20250208.geojson', feature: 'n', coordinates: true }] };
    expect(msgs(el).join('\n')).toMatch(/sources\[0\]\.licence: OSM data is under ODbL-1.0/);
    const spec = { ...base(), geometry: { derive: 'osm', file: 'chengdu_metro_osm_relations.geojson', relation: 1, bbox: [104, 30, 105, 31] } };
    expect(msgs(spec).join('\n')).toMatch(/one of them/);
    const unknown = { ...base(), geometry: { derive: 'osm', file: 'planet.osm', relation: 1 } };
    expect(msgs(unknown).join('\n')).toMatch(/geometry\.file: expected one of/);
  });

  it('seed sections use one label format', () => {
    const withSection = (section: string) => ({ ...base(), sources: [...base().sources, { type: 'seed', seed: '004', section, quote: 'q' }] });
    for (const ok of ['§二(五) 任务14', '§四(二) 推进基础设施同城共网', '延伸阅读·城际交通更加便捷', '导语']) expect(msgs(withSection(ok)), ok).toEqual([]);
    for (const bad of ['004 §四(二) 推进基础设施同城共网', '§二(五) task 14', '四(二)'])
      expect(msgs(withSection(bad)).join('\n'), bad).toMatch(/one label format/);
  });
});
