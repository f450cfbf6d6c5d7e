// CPU seconds a command and all its descendants spend, split by Chromium process type.
//   npx tsx scripts/test/suite-cpu.ts -- npx playwright test tests/browser/app.spec.ts
// Wall time on this shared two-core machine swings with whatever else runs; CPU time barely does, so
// suite work is compared in CPU seconds (docs/testing.md). /usr/bin/time cannot do it: Chromium's
// renderer and GPU processes are reaped by Chromium, not by the command. Linux only (/proc).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux
const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
if (!args.length) {
  console.error('usage: tsx scripts/test/suite-cpu.ts -- <command> [args…]');
  process.exit(2);
}

interface Proc { ppid: number; ticks: number; name: string }

function readProcs(): Map<number, Proc> {
  const out = new Map<number, Proc>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let name = comm;
    if (comm === 'chromium') {
      // Chromium rewrites its title into one space-separated string: split on NUL and space
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      } catch { /* gone */ }
      const words = cmd.split(/[\0 ]/);
      const type = words.find((w) => w.startsWith('--type='))?.slice(7);
      const sub = words.find((w) => w.startsWith('--utility-sub-type='))?.split('.')[0].slice(19);
      name = type ? `chromium ${type}${sub ? ` ${sub}` : ''}` : 'chromium browser';
    }
    out.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), name });
  }
  return out;
}

const child = spawn(args[0], args.slice(1), { stdio: 'inherit' });
const seen = new Map<number, { ticks: number; name: string }>();
const t0 = Date.now();

function sample(): void {
  const procs = readProcs();
  const tree = new Set([child.pid!]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs)
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid);
        grew = true;
      }
  }
  for (const pid of tree) {
    const p = procs.get(pid);
    if (!p) continue;
    const old = seen.get(pid);
    // a forked Chromium child shows the browser's title until it renames itself: keep the specific name
    const name = old && p.name === 'chromium browser' ? old.name : p.name;
    seen.set(pid, { ticks: Math.max(old?.ticks ?? 0, p.ticks), name });
  }
}

const timer = setInterval(sample, 250);
child.on('exit', (code) => {
  clearInterval(timer);
  const by = new Map<string, number>();
  for (const { ticks, name } of seen.values()) by.set(name, (by.get(name) ?? 0) + ticks / TICK);
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  const parts = [...by].filter(([, s]) => s >= 0.5).sort((a, b) => b[1] - a[1]).map(([n, s]) => `${n} ${s.toFixed(0)}`);
  console.error(`cpu ${total.toFixed(1)} s in ${((Date.now() - t0) / 1000).toFixed(1)} s wall (sampled every 250 ms; a process's last 250 ms may be missed): ${parts.join(', ')}`);
  process.exit(code ?? 1);
});
