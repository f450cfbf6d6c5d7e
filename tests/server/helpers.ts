// Shared set-up for the server tests: the stores to run against, an app, requests with a chosen client IP.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createApp, type AppOptions } from '../../server/app.ts';
import { addModerator } from '../../server/participation.ts';
import { NO_LIMITS } from '../../server/ratelimit.ts';
import { migrate, openStore, type Store } from '../../server/store.ts';

export const PG_URL = process.env.PG_TEST_URL ?? process.env.DATABASE_URL ?? '';
export const PG_SKIP_REASON = 'no PostgreSQL: set PG_TEST_URL (scripts/ci/postgres.sh starts one) or DATABASE_URL';

export interface StoreCase {
  name: 'pglite' | 'postgres';
  skip: boolean;
  /** A fresh, migrated store; close() also removes it (the PostgreSQL schema). */
  open(): Promise<Store>;
}

export const STORES: StoreCase[] = [
  {
    name: 'pglite',
    skip: false,
    async open() {
      const s = await openStore({});
      await migrate(s);
      return s;
    },
  },
  {
    name: 'postgres',
    skip: !PG_URL,
    async open() {
      // Each test file gets its own schema, so files run in parallel against one database.
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const admin = await openStore({ databaseUrl: PG_URL, poolSize: 1 });
      await admin.query(`CREATE SCHEMA ${schema}`);
      const s = await openStore({ databaseUrl: PG_URL, schema, poolSize: 20 });
      await migrate(s);
      return {
        ...s,
        kind: s.kind,
        async close() {
          await s.close();
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          await admin.close();
        },
      };
    },
  },
];

export const PASSWORD = 'correct horse battery staple';

export async function setup(store: Store, opts: Partial<AppOptions> = {}) {
  const app = createApp({ store, limits: NO_LIMITS, ...opts });
  const mod = await addModerator(store, `mod-${randomBytes(3).toString('hex')}`, PASSWORD);
  /** A request as if from `ip` over a socket (the node-server binding the app reads the client IP from). */
  const req = (path: string, init: RequestInit = {}, ip = '127.0.0.1') =>
    app.request(path, init, { incoming: { socket: { remoteAddress: ip } } } as never);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}, ip?: string) =>
    req(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }, ip);
  /** Logs the moderator in: the cookie header and CSRF token to send. */
  const login = async () => {
    const r = await post('/api/mod/login', { name: mod.name, password: PASSWORD });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${await r.text()}`);
    const setCookie = r.headers.get('set-cookie') ?? '';
    const { csrf } = (await r.json()) as { csrf: string };
    return { cookie: setCookie.split(';')[0], csrf, setCookie };
  };
  return { app, mod, req, post, login };
}

/** A free loopback port in the range given to this helper (8700–8799), starting at `from`. */
export async function freePort(from: number, to = 8799): Promise<number> {
  for (let p = from; p <= to; p++) {
    const ok = await new Promise<boolean>((done) => {
      const s = createServer();
      s.once('error', () => done(false));
      s.listen(p, '127.0.0.1', () => s.close(() => done(true)));
    });
    if (ok) return p;
  }
  throw new Error(`no free port in ${from}–${to}`);
}

export const suggestion = (over: Record<string, unknown> = {}) => ({
  category: 'idea',
  text: '在这里加一个公交站',
  lon: 104.06573,
  lat: 30.65946,
  ...over,
});
