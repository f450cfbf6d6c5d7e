// Reliability over loopback: a bounded load loses nothing, and killing the server mid-load loses no acknowledged
// submission (the embedded store commits before the server answers 201). npm run bench runs the bigger load.
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store.ts';
import { loadTest, percentile, removeDir, startServer, tempDatabase, type ServerProcess } from '../../scripts/bench/participation.ts';
import { PG_SKIP_REASON, PG_URL, freePort } from './helpers.ts';

const CLIENTS = 50;
const EACH = 20;

async function receiptsIn(dataDirOrUrl: { dataDir: string } | { databaseUrl: string }): Promise<Set<string>> {
  const store = await openStore(dataDirOrUrl);
  try {
    return new Set((await store.query<{ receipt: string }>('SELECT receipt FROM suggestions')).rows.map((r) => r.receipt));
  } finally {
    await store.close();
  }
}

describe('reliability on loopback', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  }, 120_000);

  it(`PGlite: ${CLIENTS} clients × ${EACH} submissions, all acknowledged and all stored`, async () => {
    const srv = await startServer(await freePort(8740, 8759));
    cleanup.push(() => srv.kill(), () => removeDir(srv.dataDir));
    const r = await loadTest(srv.base, { clients: CLIENTS, perClient: EACH });
    console.log(`PGlite load: ${r.acknowledged.length} acknowledged in ${(r.elapsedMs / 1000).toFixed(1)} s, p50 ${percentile(r.latencies, 50).toFixed(1)} ms, p99 ${percentile(r.latencies, 99).toFixed(1)} ms`);
    expect(r.failed).toBe(0);
    expect(r.acknowledged.length).toBe(CLIENTS * EACH);
    expect(new Set(r.acknowledged).size).toBe(CLIENTS * EACH);
    await srv.stop();
    const stored = await receiptsIn({ dataDir: srv.dataDir });
    expect(r.acknowledged.filter((x) => !stored.has(x))).toEqual([]);
  }, 300_000);

  it('PGlite: SIGKILL mid-load loses no acknowledged submission; the restarted server answers every receipt', async () => {
    const port = await freePort(8760, 8779);
    let srv: ServerProcess = await startServer(port);
    cleanup.push(() => srv.kill(), () => removeDir(srv.dataDir));
    let acked = 0;
    let killed = false;
    const load = loadTest(srv.base, {
      clients: 20,
      perClient: 1000,
      stop: () => killed,
      onAck: () => {
        acked++;
        if (acked === 150 && !killed) {
          killed = true;
          void srv.kill();
        }
      },
    });
    const r = await load;
    await srv.kill();
    expect(killed).toBe(true);
    // Everything answered 201 before the kill (and possibly a few answered as it happened) must be there.
    expect(r.acknowledged.length).toBeGreaterThanOrEqual(150);
    srv = await startServer(port, { DATA_DIR: srv.dataDir });
    const missing: string[] = [];
    for (const receipt of r.acknowledged) {
      const res = await fetch(`${srv.base}/api/suggestions/${receipt}`);
      if (res.status !== 200) missing.push(`${receipt}: ${res.status}`);
      else await res.body?.cancel();
    }
    console.log(`kill test: ${r.acknowledged.length} acknowledged before SIGKILL, ${r.failed} cut off in flight, ${missing.length} missing after restart`);
    expect(missing).toEqual([]);
    // And the restarted server takes new submissions.
    const after = await loadTest(srv.base, { clients: 2, perClient: 2 });
    expect(after.acknowledged.length).toBe(4);
  }, 300_000);

  it.skipIf(!PG_URL)(`PostgreSQL: ${CLIENTS} clients × ${EACH} submissions, all acknowledged and all stored${PG_URL ? '' : ` (skipped: ${PG_SKIP_REASON})`}`, async () => {
    const db = await tempDatabase(PG_URL);
    cleanup.push(() => db.drop());
    const srv = await startServer(await freePort(8780, 8789), { DATABASE_URL: db.url });
    cleanup.push(() => srv.kill(), () => removeDir(srv.dataDir));
    const r = await loadTest(srv.base, { clients: CLIENTS, perClient: EACH });
    console.log(`PostgreSQL load: ${r.acknowledged.length} acknowledged in ${(r.elapsedMs / 1000).toFixed(1)} s, p50 ${percentile(r.latencies, 50).toFixed(1)} ms, p99 ${percentile(r.latencies, 99).toFixed(1)} ms`);
    expect(r.failed).toBe(0);
    expect(r.acknowledged.length).toBe(CLIENTS * EACH);
    await srv.stop();
    const stored = await receiptsIn({ databaseUrl: db.url });
    expect(r.acknowledged.filter((x) => !stored.has(x))).toEqual([]);
  }, 300_000);
});
