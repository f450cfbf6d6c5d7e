// Participation load: concurrent clients POSTing suggestions over loopback, latency per acknowledged submission.
// Used by tests/server/reliability.test.ts (bounded) and by `npm run bench` (bigger, PGlite and PostgreSQL).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LoadResult {
  clients: number;
  perClient: number;
  acknowledged: string[];
  failed: number;
  /** Per acknowledged request, ms. */
  latencies: number[];
  elapsedMs: number;
}

export interface LoadOptions {
  clients: number;
  perClient: number;
  /** Stop early (abort all) once this is true; requests then in flight are not acknowledged. */
  stop?: () => boolean;
  onAck?: (receipt: string) => void;
}

export async function loadTest(base: string, o: LoadOptions): Promise<LoadResult> {
  const acknowledged: string[] = [];
  const latencies: number[] = [];
  let failed = 0;
  const t0 = performance.now();
  const client = async (c: number) => {
    for (let i = 0; i < o.perClient && !o.stop?.(); i++) {
      const body = JSON.stringify({
        category: (['support', 'concern', 'question', 'idea'] as const)[(c + i) % 4],
        text: `负载测试 load test client ${c} #${i}`,
        lon: 104 + c / 1000,
        lat: 30.6 + i / 1000,
      });
      const t = performance.now();
      try {
        const r = await fetch(`${base}/api/suggestions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-id': `load-client-${c}` }, body });
        const out = (await r.json()) as { receipt?: string };
        if (r.status === 201 && out.receipt) {
          latencies.push(performance.now() - t);
          acknowledged.push(out.receipt);
          o.onAck?.(out.receipt);
        } else failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: o.clients }, (_, c) => client(c)));
  return { clients: o.clients, perClient: o.perClient, acknowledged, failed, latencies, elapsedMs: performance.now() - t0 };
}

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  dataDir: string;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** SIGKILL and wait: no chance to flush anything. */
  kill(): Promise<void>;
}

/** Starts server/main.ts as a child process (node --import tsx) on a loopback port, rate limits off. */
export async function startServer(port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'atlas-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DIST_DIR: join(dataDir, 'no-dist'), RATE_LIMIT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((done, fail) => {
    child.stdout!.on('data', (d) => {
      log += d;
      if (log.includes(`:${port}/`)) done();
    });
    child.once('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${log}`)));
  });
  const end = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return { base: `http://127.0.0.1:${port}`, child, dataDir, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

export const removeDir = (d: string) => rmSync(d, { recursive: true, force: true });

/** A fresh database on the test server (needs CREATEDB), dropped by drop(): load runs never touch other data. */
export async function tempDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `atlas_load_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** `npm run bench` section: the same load on PGlite (child process) and PostgreSQL (PG_TEST_URL or DATABASE_URL). */
export async function runParticipationBench(): Promise<string[]> {
  const clients = Number(process.env.BENCH_PARTICIPATION_CLIENTS) || 200;
  const perClient = Number(process.env.BENCH_PARTICIPATION_EACH) || 50;
  const lines = [`${clients} concurrent clients × ${perClient} submissions, loopback, rate limits off`];
  lines.push(`${'store'.padEnd(12)}${'subm./s'.padStart(10)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}${'lost'.padStart(6)}  note`);
  // Only a test server: the run creates (and drops) its own database there.
  const pgUrl = process.env.PG_TEST_URL;
  const cases: { name: string; pg?: boolean; skip?: string }[] = [
    { name: 'PGlite' },
    pgUrl ? { name: 'PostgreSQL', pg: true } : { name: 'PostgreSQL', skip: 'skipped: no PG_TEST_URL (bash scripts/ci/postgres.sh starts one)' },
  ];
  for (const c of cases) {
    if (c.skip) {
      lines.push(`${c.name.padEnd(12)}${''.padStart(46)}  ${c.skip}`);
      continue;
    }
    const db = c.pg ? await tempDatabase(pgUrl!) : null;
    const srv = await startServer(8790, db ? { DATABASE_URL: db.url } : {});
    try {
      const r = await loadTest(srv.base, { clients, perClient });
      const check = await fetch(`${srv.base}/api/health`);
      const lost = clients * perClient - r.acknowledged.length;
      lines.push(
        `${c.name.padEnd(12)}${(r.acknowledged.length / (r.elapsedMs / 1000)).toFixed(0).padStart(10)}${fmt(percentile(r.latencies, 50)).padStart(10)}` +
          `${fmt(percentile(r.latencies, 99)).padStart(10)}${fmt(Math.max(...r.latencies)).padStart(10)}${String(lost).padStart(6)}  ` +
          `${r.failed} failed; health ${check.status}; ${(r.elapsedMs / 1000).toFixed(1)} s`,
      );
    } finally {
      await srv.stop();
      removeDir(srv.dataDir);
      await db?.drop();
    }
  }
  return lines;
}
