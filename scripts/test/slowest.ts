// The slowest tests of a Playwright JSON report, with the test.step phases inside each (where the time goes).
//   npx tsx scripts/test/slowest.ts [test-output/browser-results-4324.json] [count=15]
// Per file it also sums the test durations (the figures docs/testing.md tabulates).
import { readFileSync } from 'node:fs';

interface Step { title: string; duration: number; steps?: Step[] }
interface Result { duration: number; status: string; steps?: Step[] }
interface Spec { title: string; file: string; tests: { results: Result[] }[] }
interface Suite { title: string; file: string; specs?: Spec[]; suites?: Suite[] }

const file = process.argv[2] ?? 'test-output/browser-results.json';
const count = Number(process.argv[3] ?? 15);
const report = JSON.parse(readFileSync(file, 'utf8')) as { suites: Suite[] };
const tests: { file: string; title: string; r: Result }[] = [];
const walk = (s: Suite): void => {
  for (const x of s.suites ?? []) walk(x);
  for (const sp of s.specs ?? []) for (const t of sp.tests) if (t.results[0]) tests.push({ file: sp.file, title: sp.title, r: t.results[0] });
};
report.suites.forEach(walk);

const byFile = new Map<string, { s: number; n: number }>();
for (const t of tests) {
  const f = byFile.get(t.file) ?? { s: 0, n: 0 };
  f.s += t.r.duration / 1000;
  f.n++;
  byFile.set(t.file, f);
}
const total = [...byFile.values()].reduce((a, f) => a + f.s, 0);
console.log(`${tests.length} tests, ${total.toFixed(0)} s of test time`);
for (const [f, { s, n }] of [...byFile].sort((a, b) => b[1].s - a[1].s)) console.log(`${s.toFixed(0).padStart(6)} s  ${f} (${n})`);
console.log('');
const show = (steps: Step[] | undefined, depth: number): void => {
  for (const st of steps ?? []) {
    console.log(`${' '.repeat(8 + depth * 2)}${(st.duration / 1000).toFixed(1)} s  ${st.title}`);
    show(st.steps, depth + 1);
  }
};
for (const t of tests.sort((a, b) => b.r.duration - a.r.duration).slice(0, count)) {
  console.log(`${(t.r.duration / 1000).toFixed(1).padStart(6)} s  ${t.file} › ${t.title}${t.r.status === 'passed' ? '' : ` [${t.r.status}]`}`);
  show(t.r.steps, 0);
}
