// One small interface over the two stores: PGlite (PostgreSQL in WASM, persisted to DATA_DIR) by default,
// node-postgres when DATABASE_URL is set. Both take the same SQL with $1-style parameters.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
}

export interface Store extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn inside one transaction (BEGIN … COMMIT, ROLLBACK on a throw). */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… — real PostgreSQL; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; omitted = in memory (tests). */
  dataDir?: string;
  /** PostgreSQL schema to use (tests isolate runs in their own schema). */
  schema?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openPglite(opts.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? 'memory://');
  const wrap = (q: { query: typeof db.query }): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query<T>(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
  });
  const base = wrap(db);
  return {
    kind: 'pglite',
    query: base.query,
    tx: (fn) => db.transaction((t) => fn(wrap(t))),
    close: () => db.close(),
  };
}

async function openPostgres(url: string, opts: StoreOptions): Promise<Store> {
  const { default: pg } = await import('pg');
  // int8 (ids) as JS numbers, like PGlite: ids stay far below 2^53.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the server.
  pool.on('error', (e) => console.error('postgres pool:', e.message));
  const run = async <T>(c: { query: Pool['query'] }, sql: string, params?: unknown[]) => {
    const r = await c.query(sql, params as unknown[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({ query: (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies server/migrations/NNN_*.sql in order, each once, recorded in schema_migrations. */
export async function migrate(store: Store, dir = MIGRATIONS): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  await store.tx(async (q) => {
    // Several app servers may start at once against one PostgreSQL: one migrates, the others wait.
    await q.query('SELECT pg_advisory_xact_lock(1707001)');
    await q.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await q.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const f of files) {
      const version = f.slice(0, 3);
      if (done.has(version)) continue;
      // Statements are separated by ";\n" — the migrations contain no functions or literal semicolons at line ends.
      for (const stmt of readFileSync(join(dir, f), 'utf8').split(/;\s*\n/)) {
        const sql = stmt.replace(/^\s*--.*$/gm, '').trim();
        if (sql) await q.query(sql);
      }
      await q.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      applied.push(f);
    }
  });
  return applied;
}
