// Starts the participation server: `npx tsx server/main.ts` (npm start builds the app first).
// Environment: PORT (4173), HOST (127.0.0.1), DATA_DIR (./.data, the embedded store), DATABASE_URL (PostgreSQL
// instead), DIST_DIR (./dist), RATE_LIMIT=off (benchmarks only), COOKIE_SECURE=0, TRUST_PROXY=1, CSP_ORIGINS,
// RELAY_ORIGINS (extra origins allowed to open the show relay, docs/remote.md).
import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { attachRelay } from './relay.ts';
import { NO_LIMITS } from './ratelimit.ts';
import { purge } from './retention.ts';
import { migrate, openStore } from './store.ts';

const env = process.env;
const port = Number(env.PORT ?? 4173);
const host = env.HOST ?? '127.0.0.1';
const dataDir = resolve(env.DATA_DIR ?? '.data');
const store = await openStore(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir });
const applied = await migrate(store);
if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
const runPurge = () => purge(store).catch((e) => console.error('retention purge failed:', e));
await runPurge();
const purgeTimer = setInterval(runPurge, 6 * 3600_000);
purgeTimer.unref();

const app = createApp({
  store,
  distDir: resolve(env.DIST_DIR ?? 'dist'),
  limits: env.RATE_LIMIT === 'off' ? NO_LIMITS : undefined,
  secureCookies: env.COOKIE_SECURE !== '0',
  trustProxy: env.TRUST_PROXY === '1',
  cspOrigins: env.CSP_ORIGINS ? env.CSP_ORIGINS.split(/\s+/).filter(Boolean) : [],
});

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const where = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`;
  console.log(`Tongcheng Atlas with participation on http://${host}:${info.port}/ · store: ${where}`);
});

// the show relay (phone remote, screens that follow a presenter) on the same port: /api/relay
const relay = attachRelay(server as Server, {
  trustProxy: env.TRUST_PROXY === '1',
  allowedOrigins: env.RELAY_ORIGINS ? env.RELAY_ORIGINS.split(/\s+/).filter(Boolean) : [],
});

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    relay.close();
    server.close();
    // Closing PGlite writes its last pages; acknowledged submissions are already committed.
    store.close().finally(() => process.exit(0));
  });
}
