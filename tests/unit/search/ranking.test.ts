// Ranking rules on a small hand-made gazetteer, so each rule is visible in isolation.
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, adminStem, type SearchableElement } from '../../../src/lib/search/index.ts';
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
