// Times index build and queries on the shipped data: `npx tsx scripts/search/measure.ts`.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Topology } from 'topojson-specification';
import { decodePlanBundle } from '../../src/lib/plan/bundle.ts';
import { buildSearchIndex } from '../../src/lib/search/index.ts';
import type { PlacesData } from '../../src/lib/search/places.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const places = JSON.parse(readFileSync(join(root, 'public/data/places.json'), 'utf8')) as PlacesData;
const dir = join(root, 'public/data/plan');
const bundles = readdirSync(dir).filter((f) => f.endsWith('.topo.json') && f !== 'map.topo.json').sort();
const elements = bundles.flatMap((f) => decodePlanBundle(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Topology));

let t = performance.now();
const index = buildSearchIndex(places, elements);
console.log(`index: ${index.size} entries built in ${(performance.now() - t).toFixed(1)} ms`);

const queries = ['简阳', '成', '镇', 'jianyang', 'Jianyang', 'jy', 'j', 's', 'chengdu', 'cd', 'shiqiao', 'airport', 'zzz', '石桥', 'shjia', '施加镇', 'sjz'];
for (let i = 0; i < 20; i++) for (const q of queries) index.query(q, 10); // warm up
const rounds = 200;
const times: number[] = [];
for (const q of queries) {
  t = performance.now();
  for (let i = 0; i < rounds; i++) index.query(q, 10);
  const ms = (performance.now() - t) / rounds;
  times.push(ms);
  console.log(`${q.padEnd(10)} ${ms.toFixed(3)} ms/query`);
}
console.log(`worst ${Math.max(...times).toFixed(3)} ms, mean ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(3)} ms`);
