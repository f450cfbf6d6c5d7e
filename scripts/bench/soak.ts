// Kiosk soak benchmark: runs the story browser test "soak" (the kiosk loop on a simulated clock for
// STORY_SOAK_HOURS, default 24) against the bench's production build and reports heap growth after
// warm-up. The goal: under 10 % over a simulated day. CI runs only a short behavioural loop.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface SoakFigures {
  hours: number;
  sceneChanges: number;
  seconds: number;
  beforeMB: number;
  afterMB: number;
  growthPct: number;
  passed: boolean;
}

export function runSoakBench(dist = 'dist-bench/app'): { lines: string[]; figures: SoakFigures | null } {
  const hours = Number(process.env.STORY_SOAK_HOURS ?? 24);
  if (!existsSync(dist)) return { lines: [`${dist} is missing: run the startup bench first (it builds the app)`], figures: null };
  const r = spawnSync('npx', ['playwright', 'test', 'tests/browser/story.spec.ts', '-g', 'soak', '--reporter=line'], {
    env: { ...process.env, STORY_SOAK_HOURS: String(hours), PW_PORT: process.env.PW_PORT ?? '4199', PW_DIST: dist },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  const progress = [...out.matchAll(/soak: \d+ h simulated, .*/g)].map((m) => `  ${m[0]}`);
  const m = /soak: ([\d.]+) h simulated \(~(\d+) scene changes\) in (\d+) s; heap ([\d.]+) MB → ([\d.]+) MB \((-?[\d.]+) %\)/.exec(out);
  if (!m) return { lines: ['the soak test printed no figures; its output:', ...out.split('\n').slice(-30)], figures: null };
  const figures: SoakFigures = {
    hours: Number(m[1]),
    sceneChanges: Number(m[2]),
    seconds: Number(m[3]),
    beforeMB: Number(m[4]),
    afterMB: Number(m[5]),
    growthPct: Number(m[6]),
    passed: r.status === 0,
  };
  return {
    lines: [
      `${figures.hours} h simulated, ~${figures.sceneChanges} scene changes in ${figures.seconds} s real time`,
      `heap after warm-up ${figures.beforeMB} MB → ${figures.afterMB} MB (${figures.growthPct} %; goal < 10 %: ${figures.growthPct < 10 ? 'met' : 'MISSED'})`,
      ...progress,
      `test ${figures.passed ? 'passed' : 'FAILED'}`,
    ],
    figures,
  };
}
