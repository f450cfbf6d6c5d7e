// What a phone downloads on the service worker's install and what comes after the first load, by kind,
// with the biggest files: `npx tsx scripts/pwa/measure.ts [dist]` after `vite build` (docs/phone.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPlan, wireBytes } from './serviceWorker.ts';

const dir = process.argv[2] ?? 'dist';
const install = [...readFileSync(join(dir, 'sw.js'), 'utf8').matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);
const later = readPlan(dir).later;
const kindOf = (u: string) => (u.endsWith('.woff2') ? 'font' : /\.m?js$/.test(u) ? 'JS' : u.endsWith('.css') ? 'CSS' : u.startsWith('data/') ? 'data' : 'other');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

for (const [name, list] of [['install (before first use)', install], ['later (after the first load)', later]] as const) {
  const rows = list.map((u) => ({ u, ...wireBytes(dir, u) }));
  const total = rows.reduce((s, r) => s + r.gzipBytes, 0);
  console.log(`${name}: ${rows.length} files, ${mb(rows.reduce((s, r) => s + r.bytes, 0))} stored, ${mb(total)} gzip`);
  const byKind = new Map<string, number>();
  for (const r of rows) byKind.set(kindOf(r.u), (byKind.get(kindOf(r.u)) ?? 0) + r.gzipBytes);
  console.log(`  by kind (gzip): ${[...byKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${mb(n)}`).join(', ')}`);
  for (const r of rows.sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 8)) console.log(`  ${(r.gzipBytes / 1024).toFixed(0).padStart(6)} KiB  ${r.u}`);
}
