// Writes the join fixtures (TEST DATA: the numbers are invented by a formula, not statistics):
//   tests/fixtures/table/county-gdp.csv        — every county of 成都、德阳、眉山、资阳 by adcode with a made-up "GDP"
//   tests/fixtures/table/county-gdp-names.csv  — the same counties by name, written the ways tables write them
//     (full name, short name, with the prefecture in front, 12-digit codes aside), plus rows that must not join.
// Run: npx tsx scripts/table/county-gdp-fixture.ts (re-run when the basemap's counties change).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection } from 'geojson';
import { writeCsv } from '../../src/lib/io/csvWriter.ts';

const topo = JSON.parse(readFileSync('public/data/basemap.topo.json', 'utf8')) as Topology;
type Admin = { adcode: string; zh: string; parent: string };
const fc = (name: string) => (feature(topo, topo.objects[name] as GeometryCollection) as unknown as FeatureCollection<null, Admin>).features.map((f) => f.properties);
const prefectures = new Map(fc('prefectures').map((p) => [p.adcode, p.zh]));
const PARENTS = ['510100', '510600', '511400', '512000'];
const counties = fc('counties').filter((c) => PARENTS.includes(c.parent));

// a skewed made-up distribution (a few large values), so quantile, equal-interval and natural breaks differ
const value = (i: number) => Math.round((40 + 2400 * (((i * 37) % 41) / 41) ** 3) * 10) / 10;

const out = 'tests/fixtures/table';
mkdirSync(out, { recursive: true });
writeFileSync(
  `${out}/county-gdp.csv`,
  writeCsv(
    ['adcode', '区县', 'gdp_test', '说明'],
    counties.map((c, i) => [c.adcode, c.zh, value(i), '测试数据，非真实统计 / test data, not statistics']),
  ),
);

const short = (n: string) => n.replace(/(自治县|区|县|市)$/, '');
const names = counties.map((c, i) => {
  const style = i % 3;
  const name = style === 0 ? c.zh : style === 1 ? short(c.zh) : `${prefectures.get(c.parent)}${c.zh}`;
  return [name, value(i)];
});
// must not join: a made-up county, an empty key, a repeat of the first row, and 市中区 (内江 and 乐山 both have one)
names.push(['测试县', 1], ['', 2], [names[0][0], 3], ['市中区', 4], ['乐山市市中区', 5]);
writeFileSync(`${out}/county-gdp-names.csv`, writeCsv(['区县名称', 'gdp_test'], names));
console.log(`${counties.length} counties → ${out}/county-gdp.csv, county-gdp-names.csv`);
