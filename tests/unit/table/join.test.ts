// Joining tables to the basemap's real counties: by adcode and by names written the ways tables write them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection } from 'geojson';
import { parse } from 'papaparse';
import { guessJoinBy, joinRows, joinedFeatures, normaliseAdcode, shortName, type JoinTarget } from '../../../src/lib/table/join';
import { readTable } from '../../../src/lib/table/readTable';

const topo = JSON.parse(readFileSync('public/data/basemap.topo.json', 'utf8')) as Topology;
type Admin = { adcode: string; zh: string; en: string; parent: string };
const fc = (name: string) => (feature(topo, topo.objects[name] as GeometryCollection) as unknown as FeatureCollection<null, Admin>).features.map((f) => f.properties);
const prefectures = new Map(fc('prefectures').map((p) => [p.adcode, p.zh]));
const counties = fc('counties');
const targets: JoinTarget[] = counties.map((c) => ({ id: c.adcode, adcode: c.adcode, names: [c.zh, c.en], parents: [prefectures.get(c.parent) ?? ''] }));
const csv = (path: string) => parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describe('names', () => {
  it('short names drop suffixes and the peoples of autonomous units', () => {
    expect(['锦江区', '北川羌族自治县', '峨边彝族自治县', '荣县', '简阳市', '市中区', '东区', '阿坝藏族羌族自治州', '酉阳土家族苗族自治县'].map(shortName)).toEqual([
      '锦江',
      '北川',
      '峨边',
      '荣',
      '简阳',
      '市中',
      '东',
      '阿坝',
      '酉阳',
    ]);
  });
  it('adcodes: 6 digits, numbers from Excel, 12-digit statistical codes', () => {
    expect(['510104', ' 510104 ', '510104.0', '510104000000', '5101', 'x'].map(normaliseAdcode)).toEqual(['510104', '510104', '510104', '510104', null, null]);
  });
});

describe('join to the basemap counties', () => {
  it('by adcode: every row of the 成德眉资 fixture joins, the other counties are reported', () => {
    const rows = csv('tests/fixtures/table/county-gdp.csv');
    const keys = rows.slice(1).map((r) => r[0]);
    expect(guessJoinBy(keys)).toBe('adcode');
    const r = joinRows(keys, targets, 'adcode');
    expect(r.unmatchedRows).toEqual([]);
    expect(r.matches.size).toBe(keys.length);
    expect(r.unmatchedTargets).toHaveLength(counties.length - keys.length);
    expect(r.matches.get('510104')).toBe(keys.indexOf('510104'));
  });
  it('by name: full, short and prefixed names join; made-up, empty, repeated and ambiguous rows are reported', () => {
    const rows = csv('tests/fixtures/table/county-gdp-names.csv').slice(1);
    const keys = rows.map((r) => r[0]);
    expect(guessJoinBy(keys)).toBe('name');
    const r = joinRows(keys, targets, 'name');
    const byAdcode = csv('tests/fixtures/table/county-gdp.csv').slice(1);
    // the first 35 rows are the fixture's counties in order, each joined to its own adcode
    byAdcode.forEach(([adcode], i) => expect(r.matches.get(adcode), `${keys[i]} → ${adcode}`).toBe(i));
    const unmatched = r.unmatchedRows.map((u) => [u.key, u.reason, u.candidates?.sort()]);
    expect(unmatched).toEqual([
      ['测试县', 'none', undefined],
      ['', 'empty', undefined],
      ['锦江区', 'duplicate', ['510104']],
      ['市中区', 'ambiguous', ['511002', '511102']],
    ]);
    // "乐山市市中区" picks Leshan's 市中区
    expect(r.matches.get('511102')).toBe(keys.indexOf('乐山市市中区'));
    expect(prefectures.get(counties.find((c) => c.adcode === '511102')!.parent)).toBe('乐山市');
  });
  it('short forms of autonomous counties and province prefixes', () => {
    const r = joinRows(['北川', '峨边县', '四川省成都市武侯区', 'Wuhou District', '荣'], targets, 'name');
    expect([...r.matches.entries()].sort()).toEqual([
      ['510107', 2],
      ['510726', 0],
      ['511132', 1],
      ['510321', 4],
    ].sort());
    expect(r.unmatchedRows.map((u) => u.reason)).toEqual(['duplicate']);
  });
  it('the joined features keep every county, numbers as numbers, and leave out the key column', () => {
    const table = { headers: ['adcode', 'gdp', '备注'], rows: [['510104', '12.5', 'a'], ['510105', '', 'b']] };
    const t = targets.slice(0, 3).map((x) => ({ id: x.id, geometry: null, properties: { adcode: x.id, name: x.names[0] } }));
    const r = joinRows(table.rows.map((row) => row[0]), targets.slice(0, 3), 'adcode');
    const out = joinedFeatures(t, table, 'adcode', ['gdp'], r);
    expect(out.map((f) => f.properties)).toEqual([
      { adcode: '510104', name: '锦江区', gdp: 12.5, 备注: 'a' },
      { adcode: '510105', name: '青羊区', gdp: null, 备注: 'b' },
      { adcode: '510106', name: '金牛区', gdp: null, 备注: null },
    ]);
  });
});

describe('reading tables', () => {
  it('reads a CSV with a BOM and a GBK CSV', async () => {
    const utf8 = await readTable('county-gdp.csv', readFileSync('tests/fixtures/table/county-gdp.csv'));
    expect(utf8.ok && utf8.tables[0].headers).toEqual(['adcode', '区县', 'gdp_test', '说明']);
    const gbk = new Uint8Array([0xc7, 0xf8, 0xcf, 0xd8, 0x2c, 0x76, 0x0a, 0xbd, 0xf5, 0xbd, 0xad, 0xc7, 0xf8, 0x2c, 0x31, 0x0a]); // 区县,v / 锦江区,1 in GBK
    const r = await readTable('gbk.csv', gbk);
    expect(r.ok && r.tables[0]).toEqual({ name: 'gbk', headers: ['区县', 'v'], rows: [['锦江区', '1']] });
    const empty = await readTable('e.csv', new Uint8Array());
    expect(empty.ok).toBe(false);
  });
});
