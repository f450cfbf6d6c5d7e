// Sharing (issue 11): the page title, which way to share, and the place page's link key found again
// on the shipped data (places.json and the plan overlay, as the app loads them).
import { describe, expect, it } from 'vitest';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { MapProps, PlanIndex } from '../../../src/lib/plan/bundle.ts';
import { buildSearchIndex } from '../../../src/lib/search/index.ts';
import type { PlacesData } from '../../../src/lib/search/places.ts';
import { placeFromKey, placeFromPosition, placeFromResult } from '../../../src/lib/place/target.ts';
import { pageTitle, shareWay } from '../../../src/lib/place/share.ts';
import { readJson } from '../content/helpers.ts';

describe('page title', () => {
  it('names the chosen place or element before the app', () => {
    expect(pageTitle('施家镇', 'zh')).toBe('施家镇 · 同城图集');
    expect(pageTitle('Shijia Town', 'en')).toMatch(/^Shijia Town · /);
    expect(pageTitle(undefined, 'zh')).toBe('同城图集 · 四川同城化规划地图');
  });
});

describe('share way', () => {
  const url = 'https://example.org/#sel=x';
  it('the system sheet only where navigator.share exists and accepts the URL', () => {
    expect(shareWay({}, url)).toBe('fallback');
    expect(shareWay({ share: () => {} }, url)).toBe('system');
    expect(shareWay({ share: () => {}, canShare: () => false }, url)).toBe('fallback');
    expect(shareWay({ share: 'yes' }, url)).toBe('fallback');
  });
});

describe('place link key on the shipped data', () => {
  const places = readJson<PlacesData>('public/data/places.json');
  const index = readJson<PlanIndex>('public/data/plan/index.json');
  const topo = readJson<Topology>(`public/data/${index.map}`);
  const features = feature(topo, topo.objects.elements as GeometryCollection).features as Feature<Geometry, MapProps>[];
  const search = buildSearchIndex(places, features.map((f) => ({ properties: { id: f.properties.id, name: { zh: f.properties.zh, en: f.properties.en }, kind: f.properties.kind }, geometry: f.geometry })));
  const elements = features.map((f) => ({ id: f.properties.id, zh: f.properties.zh, en: f.properties.en, accuracy: f.properties.accuracy, geometry: f.geometry }));

  it.each([
    ['施家镇', 'element:town-shijia'],
    ['简阳市', 'county:510185'],
    ['成都东站', 'element:station-chengdu-east'],
  ])('%s → %s → the same place', (query, key) => {
    const r = search.query(query, 8)[0];
    const target = placeFromResult(r, elements)!;
    expect(target.key).toBe(key);
    expect(placeFromKey(key, search, places, elements)).toEqual(target);
  });

  it('a township without geometry round-trips with its county', () => {
    const r = search.query('禾丰镇', 8).find((x) => x.type === 'town')!;
    expect(r.id).toBe('510185/禾丰镇');
    const target = placeFromResult(r, elements)!;
    expect(target.key).toBe(`town:${r.id}`);
    const back = placeFromKey(target.key!, search, places, elements)!;
    expect(back).toEqual(target);
    expect(back.county?.zh).toBeTruthy();
  });

  it('a malformed or unknown key names nothing; a position has no key', () => {
    expect(placeFromKey('nonsense', search, places, elements)).toBeNull();
    expect(placeFromKey('element:no-such-element', search, places, elements)).toBeNull();
    expect(placeFromKey('county:999999', search, places, elements)).toBeNull();
    expect(placeFromPosition(104.5, 30.4, 20).key).toBeUndefined();
  });
});
