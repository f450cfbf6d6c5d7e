// Ranking rules on a small hand-made gazetteer, so each rule is visible in isolation.
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, adminStem, withinOneEdit, type SearchableElement } from '../../../src/lib/search/index.ts';
import type { PlacesData } from '../../../src/lib/search/places.ts';

const PT: [number, number] = [104, 30];
const BB: [number, number, number, number] = [103.9, 29.9, 104.1, 30.1];

const places: PlacesData = {
  version: 1,
  source: 'test',
  provinces: [['510000', '四川省', 'Sichuan Province']],
  prefectures: [['510100', '成都市', 'Chengdu City', '510000', PT, BB]],
  counties: [
    ['510101', '石桥区', 'Shiqiao District', '510100', PT, BB],
    ['510102', '大石桥区', 'Dashiqiao District', '510100', PT, BB],
    ['510103', '口区', 'Kou District', '510100', PT, BB],
  ],
  towns: ['石桥铺镇 石桥坝镇 石桥沟口镇', '石桥铺镇', '柏林镇'],
  readings: '石shi桥qiao区qu大da铺pu镇zhen坝ba沟gou口kou物wu流liu园yuan成cheng都du走zou廊lang市shi柏bo林lin',
  nameReadings: { 柏林镇: 'bai lin zhen' },
};

const el = (id: string, zh: string, en: string): SearchableElement => ({
  properties: { id, name: { zh, en }, kind: 'park', counties: ['510101'] },
  geometry: { type: 'Point', coordinates: [104.05, 30.05] },
});
const elements = [el('park-shiqiaopu', '石桥铺物流园', 'Shiqiaopu Logistics Park'), el('corridor-x', '成都—石桥走廊', 'Chengdu–Shiqiao Corridor')];
const index = buildSearchIndex(places, elements);
const names = (q: string, n = 20) => index.query(q, n).map((r) => `${r.type}:${r.zh}${r.type === 'town' ? '@' + r.adcode : ''}`);

describe('ranking', () => {
  it('exact > prefix > word start > substring; elements above towns; shorter first; stable ties', () => {
    const expected = [
      'county:石桥区', // exact (stem)
      'element:石桥铺物流园', // prefix, element before towns though longer
      'town:石桥铺镇@510101', // prefix, 4 chars: equal ties keep input order (county, then code)
      'town:石桥坝镇@510101',
      'town:石桥铺镇@510102',
      'town:石桥沟口镇@510101', // prefix, 5 chars
      'element:成都—石桥走廊', // word start after a dash
      'county:大石桥区', // substring
    ];
    expect(names('石桥')).toEqual(expected);
  });

  it('pinyin ranks the same way; a match at a later syllable start is a word start', () => {
    // 大石桥区 (da-shi-qiao) and 成都—石桥走廊 both match at a syllable start: word start, shorter first.
    expect(names('shiqiao')).toEqual([
      'county:石桥区',
      'element:石桥铺物流园',
      'town:石桥铺镇@510101',
      'town:石桥坝镇@510101',
      'town:石桥铺镇@510102',
      'town:石桥沟口镇@510101',
      'county:大石桥区',
      'element:成都—石桥走廊',
    ]);
    expect(names('Shi Qiao')).toEqual(names('shiqiao'));
  });

  it('initials rank below the full pinyin of the same quality', () => {
    // "sq": initials of 石桥区 (stem) → prefix tier; nothing spells "sq" in full pinyin.
    expect(names('sq')[0]).toBe('county:石桥区');
    // "kou": 口区 exact on pinyin stem beats 石桥沟口镇's syllable-start match
    expect(names('kou')[0]).toBe('county:口区');
  });

  it('a stored whole-name reading overrides the character table', () => {
    expect(names('bailin')).toEqual(['town:柏林镇@510103']);
    expect(names('bolin')).toEqual([]);
  });

  it('towns carry their county and no geometry; English names are derived', () => {
    const [town] = index.query('石桥坝镇');
    expect(town).toMatchObject({ type: 'town', adcode: '510101', hasGeometry: false, en: 'Shiqiaoba Town', point: PT, bbox: BB });
    expect(town.detail).toEqual({ zh: '石桥区 · 成都市', en: 'Shiqiao District · Chengdu City' });
    expect(index.query('Shiqiaoba Town')[0].zh).toBe('石桥坝镇');
  });

  it('limit cuts the list', () => {
    expect(index.query('石桥', 3)).toHaveLength(3);
  });

  it('adminStem strips admin and ethnic suffixes', () => {
    expect(adminStem('简阳市')).toBe('简阳');
    expect(adminStem('峨边彝族自治县')).toBe('峨边');
    expect(adminStem('石桥苗族土家族乡')).toBe('石桥');
    expect(adminStem('新都街道')).toBe('新都');
    expect(adminStem('茂县')).toBe('茂');
    expect(adminStem('成都东部新城')).toBe('成都东部新城');
  });
});

// Phone-search rules (issue 11): a township that is an element is one row; a place we can draw before a
// name only; Sichuan before Chongqing; one typo or a homophone still finds the place.
describe('ranking for residents', () => {
  const CQ_PT: [number, number] = [108.7, 29.5];
  const CQ_BB: [number, number, number, number] = [108.5, 29.3, 108.9, 29.7];
  const gazetteer: PlacesData = {
    version: 1,
    source: 'test',
    provinces: [
      ['500000', '重庆市', 'Chongqing Municipality'],
      ['510000', '四川省', 'Sichuan Province'],
    ],
    prefectures: [
      ['500000', '重庆市', 'Chongqing Municipality', '500000', CQ_PT, CQ_BB],
      ['510100', '成都市', 'Chengdu City', '510000', PT, BB],
      ['511000', '内江市', 'Neijiang City', '510000', PT, BB],
    ],
    counties: [
      ['500114', '黔江区', 'Qianjiang District', '500000', CQ_PT, CQ_BB],
      ['510185', '简阳市', 'Jianyang City', '510100', PT, BB],
      ['511002', '市中区', 'Shizhong District', '511000', PT, BB],
    ],
    // Chongqing's 石家镇 comes first in input order: only the rules can put 施家镇 first.
    towns: ['石家镇', '施家镇 石桥镇', '史家镇'],
    readings: '石shi家jia镇zhen黔qian江jiang区qu简jian阳yang市shi施shi桥qiao史shi内nei中zhong重chong庆qing成cheng都du加jia',
    nameReadings: {},
  };
  // As the map overlay gives them: no counties, the county only in the name.
  const town = (id: string, zh: string, en: string): SearchableElement => ({
    properties: { id, name: { zh, en }, kind: 'town' },
    geometry: { type: 'Polygon', coordinates: [[[104, 30], [104.02, 30], [104.02, 30.02], [104, 30]]] },
  });
  const idx = buildSearchIndex(gazetteer, [town('town-shijia', '简阳市施家镇', 'Shijia Town (Jianyang)')]);
  const top = (q: string, n = 10) => idx.query(q, n).map((r) => `${r.type}:${r.zh}`);

  it('a township that is an element is one row, the element, found by the bare township name as exactly', () => {
    const rows = top('施家镇');
    expect(rows[0]).toBe('element:简阳市施家镇');
    expect(rows.filter((r) => r.includes('施家镇'))).toHaveLength(1);
    expect(top('施家')[0]).toBe('element:简阳市施家镇');
    const [r] = idx.query('施家');
    expect(r).toMatchObject({ elementId: 'town-shijia', hasGeometry: true, adcode: '510185' });
    expect(r.detail.zh).toContain('简阳市');
  });

  it('pinyin, initials and English put the drawable Sichuan place first, then Sichuan, then Chongqing', () => {
    for (const q of ['shijia', 'Shijia', 'shi jia', 'sjz', 'shijiazhen']) {
      expect(top(q).slice(0, 3), q).toEqual(['element:简阳市施家镇', 'town:史家镇', 'town:石家镇']);
    }
  });

  it('without the element, a Sichuan township still comes before a Chongqing one of the same match', () => {
    const bare = buildSearchIndex(gazetteer);
    expect(bare.query('shijia').map((r) => r.zh)).toEqual(['施家镇', '史家镇', '石家镇']);
  });

  it('one typo finds the place: a missing, extra, wrong or swapped letter', () => {
    for (const q of ['shjia', 'shiija', 'shijai', 'sjijia']) expect(top(q)[0], q).toBe('element:简阳市施家镇');
  });

  it('a Chinese homophone or a one-character slip finds it, homophones first', () => {
    // 施加镇 reads shijiazhen like 施家镇, 史家镇 and 石家镇
    expect(top('施加镇').slice(0, 3)).toEqual(['element:简阳市施家镇', 'town:史家镇', 'town:石家镇']);
    expect(top('施家真')[0]).toBe('element:简阳市施家镇');
  });

  it('near matches only fill in: a query with strict results gets no typo noise', () => {
    expect(top('石桥')).toEqual(['town:石桥镇']);
    expect(top('qqqq')).toEqual([]);
  });

  it('withinOneEdit: insertion, deletion, substitution and a swap, nothing more', () => {
    expect(withinOneEdit('shijia', 'shijia')).toBe(true);
    expect(withinOneEdit('shjia', 'shijia')).toBe(true);
    expect(withinOneEdit('shijia', 'shjia')).toBe(true);
    expect(withinOneEdit('shijie', 'shijia')).toBe(true);
    expect(withinOneEdit('shiija', 'shijia')).toBe(true);
    expect(withinOneEdit('shjie', 'shijia')).toBe(false);
    expect(withinOneEdit('sihjai', 'shijia')).toBe(false);
  });
});
