// Attribute table at 100k rows (issue 15): column typing, filter, sort by a number and by a Chinese name, each the
// median of 5 runs, against plain Array.prototype.sort on the same values in the same run (the floor a table sort
// cannot beat: ours also keeps ties stable, puts empty cells last and works on row indices).
// Run alone: npx tsx scripts/bench/table.ts [rows]   (not yet in `npm run bench`: add runTableBench to run.ts)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection } from 'geojson';
import { typeColumns, columnKeys, type TableRow } from '../../src/lib/table/columns.ts';
import { filterRows, sortRows } from '../../src/lib/table/query.ts';
import { rowWindow } from '../../src/lib/table/viewport.ts';

function median(fn: () => unknown, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export async function runTableBench(n = 100_000): Promise<string[]> {
  const topo = JSON.parse(readFileSync('public/data/basemap.topo.json', 'utf8')) as Topology;
  const names = (feature(topo, topo.objects.counties as GeometryCollection) as unknown as FeatureCollection<null, { zh: string }>).features.map((f) => f.properties.zh);
  // deterministic pseudo-random rows: CSV-like text numbers, a Chinese name, a category
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const rows: TableRow[] = Array.from({ length: n }, (_, i) => ({
    id: `f${i}`,
    cells: { name: `${names[Math.floor(rnd() * names.length)]}${Math.floor(rnd() * 100)}号`, value: (rnd() * 10_000).toFixed(2), group: ['甲', '乙', '丙', '丁'][i % 4] },
  }));
  const columns = typeColumns(columnKeys(rows), rows);
  const all = Int32Array.from(rows.keys());
  const numCol = columns.find((c) => c.key === 'value')!;
  const nameCol = columns.find((c) => c.key === 'name')!;
  const filters = [
    { kind: 'text' as const, key: 'name', contains: '区' },
    { kind: 'range' as const, key: 'value', min: 1000, max: 9000 },
  ];
  const kept = filterRows(rows, filters);
  const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
  const nums = rows.map((r) => Number(r.cells.value));
  const strs = rows.map((r) => String(r.cells.name));
  const t = {
    typing: median(() => typeColumns(columnKeys(rows), rows)),
    filter: median(() => filterRows(rows, filters)),
    sortNumber: median(() => sortRows(rows, all, numCol, 'asc', 'zh-CN')),
    sortName: median(() => sortRows(rows, all, nameCol, 'asc', 'zh-CN')),
    filterThenSort: median(() => sortRows(rows, filterRows(rows, filters), numCol, 'desc', 'zh-CN')),
    refNumber: median(() => nums.slice().sort((a, b) => a - b)),
    refName: median(() => strs.slice().sort(collator.compare)),
    window: median(() => {
      for (let s = 0; s < n * 28; s += 28 * 37) rowWindow(s, 300, 28, n);
    }),
  };
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  return [
    `attribute table, ${n.toLocaleString('en')} rows (${kept.length.toLocaleString('en')} kept by the filter), median of 5:`,
    `  column typing ${f(t.typing)}; filter (text contains + range) ${f(t.filter)}; filter + sort ${f(t.filterThenSort)}`,
    `  sort by number ${f(t.sortNumber)} vs plain Array.prototype.sort ${f(t.refNumber)} → ${(t.sortNumber / t.refNumber).toFixed(2)}×`,
    `  sort by Chinese name (zh-CN collation) ${f(t.sortName)} vs plain sort with the same collator ${f(t.refName)} → ${(t.sortName / t.refName).toFixed(2)}×`,
    `  virtual window maths for a full scroll (${Math.ceil(n / 37)} positions) ${f(t.window)}`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 100_000);
  for (const line of await runTableBench(n)) console.log(line);
}
