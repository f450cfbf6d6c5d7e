import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import length from '@turf/length';
import pointToLineDistance from '@turf/point-to-line-distance';
import type { Feature, LineString, Position } from 'geojson';
import {
  LINK_MAX_KM,
  RIVER_BBOX,
  buildRivers,
  haversineKm,
  linkRiverNetwork,
  parseRiverText,
  readRiverSources,
  shortestPath,
  nearestNode,
  type NamedRiver,
  type RiverCollection,
} from '../../../scripts/basemap/rivers.ts';

const root = resolve(import.meta.dirname, '../../..');
const { text, waypoints } = readRiverSources(root);
const NAMES = ['岷江', '沱江', '涪江', '嘉陵江', '渠江', '州河', '明月江', '长江'];
/** Route-to-waypoint tolerance: WDBII (~1:1-3M) lines sit 1-2 km from the real channel, waypoints ~1 km. */
const WAYPOINT_TOLERANCE_KM = 3;

const collection: RiverCollection = buildRivers(text, waypoints);
const namedFeature = (zh: string) => {
  const found = collection.features.filter((f) => f.properties.zh === zh);
  expect(found).toHaveLength(1);
  return found[0] as Feature<LineString, { rank: number; zh: string; en: string }>;
};

describe('buildRivers on the committed WDBII extract', () => {
  it('names each of the 8 rivers exactly once, as a LineString with zh and en', () => {
    expect(waypoints.rivers.map((r) => r.zh).sort()).toEqual([...NAMES].sort());
    for (const zh of NAMES) {
      const f = namedFeature(zh);
      expect(f.geometry.type).toBe('LineString');
      expect(f.properties.en).toMatch(/River$/);
    }
    expect(collection.features.filter((f) => f.properties.zh).length).toBe(NAMES.length);
  });

  it(`passes within ${WAYPOINT_TOLERANCE_KM} km of every waypoint of each named river`, () => {
    for (const river of waypoints.rivers) {
      const f = namedFeature(river.zh);
      for (const w of river.waypoints) {
        const km = pointToLineDistance([w.lon, w.lat], f, { units: 'kilometers' });
        expect(km, `${river.zh} at ${w.zh}`).toBeLessThanOrEqual(WAYPOINT_TOLERANCE_KM);
      }
      // Runs upstream → downstream: starts at the first waypoint and ends at the last one.
      const c = f.geometry.coordinates;
      const first = river.waypoints[0];
      const last = river.waypoints[river.waypoints.length - 1];
      expect(haversineKm(c[0], [first.lon, first.lat])).toBeLessThanOrEqual(WAYPOINT_TOLERANCE_KM);
      expect(haversineKm(c[c.length - 1], [last.lon, last.lat])).toBeLessThanOrEqual(WAYPOINT_TOLERANCE_KM);
    }
  });

  // Published lengths are of the whole real river; the route covers only first→last waypoint inside the
  // bbox, and WDBII at ~1:1-3M cuts meanders (the Tuo, "九曲回肠", loses most), so each range is
  // [share of the river routed × ~0.6 generalisation floor, full published length].
  const lengthChecks: { zh: string; minKm: number; maxKm: number; why: string }[] = [
    {
      zh: '长江',
      minKm: 660,
      maxKm: 1044,
      why: 'Yibin–Yichang (川江) is ~1,044 km by the Yangtze channel mileage; Badong is ~100 km above Yichang, so ≈ 940 km real',
    },
    {
      zh: '嘉陵江',
      minKm: 0.6 * 1120,
      maxKm: 1120,
      why: 'Jialing 1,120 km source (Feng County, Shaanxi) to Chaotianmen; the route starts at Feng County',
    },
    { zh: '岷江', minKm: 0.6 * 735, maxKm: 735, why: 'Min 735 km; the route starts at Songpan, just below the source' },
    {
      zh: '沱江',
      minKm: 0.6 * 522,
      maxKm: 522,
      why: 'Tuo 712 km in all, of which Zhaozhen (Jintang) to the mouth is 522 km (tooldog.cn/article/show/2935)',
    },
    {
      zh: '涪江',
      minKm: 0.5 * 670,
      maxKm: 670,
      why: 'Fu 670 km (yczyjg.com 《一讀合川》); the route starts at Pingwu, omitting the upper ~100+ km',
    },
    {
      zh: '渠江',
      minKm: 0.7 * 139.8,
      maxKm: 720,
      why: 'Sanhui–Hechuan is longer than the in-county reaches 渠县 99.8 km + 岳池 40 km (jendow.com.tw 渠江); the whole Qu incl. its source rivers is ~720 km',
    },
    {
      zh: '明月江',
      minKm: 0.7 * 40,
      maxKm: 1.3 * 40,
      why: 'Mingyue ~40 km (cnenc.net 明月江, via the Dazhou gazetteer row DZ-021); drawn straight, so close to it',
    },
  ];
  for (const check of lengthChecks) {
    it(`${check.zh} has a plausible length (${check.why})`, () => {
      const km = length(namedFeature(check.zh), { units: 'kilometers' });
      expect(km).toBeGreaterThanOrEqual(check.minKm);
      expect(km).toBeLessThanOrEqual(check.maxKm);
    });
  }

  it('each named river is 1–3× the straight distance between its ends (州河 has no published reach length)', () => {
    for (const zh of NAMES) {
      const f = namedFeature(zh);
      const c = f.geometry.coordinates;
      const ratio = length(f, { units: 'kilometers' }) / haversineKm(c[0], c[c.length - 1]);
      expect(ratio, zh).toBeGreaterThanOrEqual(1);
      expect(ratio, zh).toBeLessThanOrEqual(3);
    }
  });

  it('outputs valid lines: ≥ 2 points, finite, inside the bbox, no repeated consecutive points', () => {
    const [w, s, e, n] = RIVER_BBOX;
    let parts = 0;
    for (const f of collection.features) {
      expect(f.properties.rank).toBeGreaterThanOrEqual(1);
      expect(f.properties.rank).toBeLessThanOrEqual(4);
      const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const line of lines) {
        parts++;
        expect(line.length).toBeGreaterThanOrEqual(2);
        line.forEach((p, i) => {
          expect(Number.isFinite(p[0]) && Number.isFinite(p[1])).toBe(true);
          expect(p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n).toBe(true);
          if (i > 0) expect(p).not.toEqual(line[i - 1]);
        });
      }
    }
    expect(parts).toBeGreaterThan(100);
  });

  it('does not draw a river stretch twice (named vs unnamed, or two named rivers)', () => {
    const seen = new Map<string, string>();
    const segKey = (a: Position, b: Position) => [a.join(','), b.join(',')].sort().join('|');
    for (const f of collection.features) {
      const owner = f.properties.zh ?? `rank ${f.properties.rank}`;
      const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const line of lines) {
        for (let i = 1; i < line.length; i++) {
          const k = segKey(line[i - 1], line[i]);
          expect(seen.get(k), `segment ${k} in ${owner}`).toBeUndefined();
          seen.set(k, owner);
        }
      }
    }
  });

  it('keeps the unnamed network (rank 1-4, no names) and most of its length', () => {
    const unnamed = collection.features.filter((f) => !f.properties.zh);
    expect(unnamed.map((f) => f.properties.rank)).toEqual([1, 2, 3, 4]);
    const total = collection.features.reduce((km, f) => km + length(f, { units: 'kilometers' }), 0);
    const raw = parseRiverText(text).reduce(
      (km, l) => km + l.coords.slice(1).reduce((s, p, i) => s + haversineKm(l.coords[i], p), 0),
      0,
    );
    // raw includes the parts of edge pieces outside the bbox, so the output is a bit shorter.
    expect(total / raw).toBeGreaterThan(0.85);
    expect(total / raw).toBeLessThan(1.01);
  });

  it('is deterministic', () => {
    expect(buildRivers(text, waypoints)).toEqual(collection);
  });

  it('rejects a waypoint far from any river line, naming the river and the waypoint', () => {
    const bad: NamedRiver[] = [
      {
        zh: '沱江',
        en: 'Tuo River',
        waypoints: [
          { zh: '金堂', en: 'Jintang', lon: 104.43, lat: 30.86 },
          { zh: '远点', en: 'Far point', lon: 104.43, lat: 30.5 },
        ],
      },
    ];
    expect(() => buildRivers(text, bad)).toThrow(/沱江.*远点/);
  });
});

describe('linkRiverNetwork on a hand-made network', () => {
  const fixture = readFileSync(resolve(root, 'tests/fixtures/basemap/river-gaps.txt'), 'utf8');
  const lines = parseRiverText(fixture);
  const net = linkRiverNetwork(lines, LINK_MAX_KM);
  const node = (lon: number, lat: number) => nearestNode(net, [lon, lat]);
  const connected = (a: number, b: number) => shortestPath(net, a, b) !== null;
  const main = node(104, 30);

  it('joins the gaps of 1.50, 1.90 and 1.93 km and nothing else', () => {
    const links = net.edges.filter((e) => e.link);
    expect(links).toHaveLength(3);
    expect(links.map((e) => e.km.toFixed(2)).sort()).toEqual(['1.50', '1.90', '1.93']);
    expect(connected(node(104.1, 30.3), main)).toBe(true);
    expect(connected(node(104.325, 30.3), main)).toBe(true);
    expect(connected(node(104.7, 30.01), main)).toBe(true);
  });

  it('leaves the 2.50 km gap open', () => {
    expect(connected(node(104.2, 30.3), main)).toBe(false);
    expect(net.adjacency[node(104.2, 30.0225)]).toHaveLength(1);
  });

  it('links a mid-segment gap to a new vertex on the main river, splitting it', () => {
    const split = node(104.325, 30);
    expect(net.nodes[split]).toEqual([104.325, 30]);
    expect(net.adjacency[split]).toHaveLength(3);
    // Splitting keeps the main river's length.
    const path = shortestPath(net, main, node(104.5, 30)) as number[];
    const km = path.slice(1).reduce((s, n, i) => s + haversineKm(net.nodes[path[i]], net.nodes[n]), 0);
    const original = lines[0].coords.slice(1).reduce((s, p, i) => s + haversineKm(lines[0].coords[i], p), 0);
    expect(km).toBeCloseTo(original, 5);
  });

  it('is used by buildRivers to route a named river across a linked gap', () => {
    const fc = buildRivers(fixture, [
      {
        zh: '测试河',
        en: 'Test River',
        waypoints: [
          { zh: '上', en: 'up', lon: 104.1, lat: 30.3 },
          { zh: '下', en: 'down', lon: 104.6, lat: 30 },
        ],
      },
    ]);
    const river = fc.features[0] as Feature<LineString>;
    // 30.3 → 30.0135 (31.8 km), 1.5 km link, then 104.1 → 104.5 on M (38.6 km), the 1.93 km gap, 7.7 km of D.
    expect(length(river, { units: 'kilometers' })).toBeCloseTo(31.8 + 1.5 + 38.6 + 1.93 + 7.72, 0);
  });
});
