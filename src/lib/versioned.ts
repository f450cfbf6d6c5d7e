// Walk a versioned JSON document up to the current version through step migrations.
// Shared by the plan-data, story and workspace formats; each reports problems in its own issue shape.
import { t, type Msg } from './i18n/catalog.ts';

export type Obj = Record<string, unknown>;
export type Migration = (data: Obj) => Obj;

export interface VersionedOptions<I> {
  current: number;
  /** migrations[n] turns a version-n document into version n + 1. */
  migrations: Readonly<Record<number, Migration>>;
  /** Names the format in messages ("story-format", "data-format"). */
  what: string;
  /** The expected keys, for the not-an-object message. */
  shape: string;
  /** The oldest version there is (default 1). */
  oldest?: number;
  /** Builds the caller's issue from a field, the English message and the message as a catalog entry. */
  issue: (field: string, message: string, msg: Msg) => I;
  /** Structural checks a step relies on, run before migrations[version]; any issue stops the walk. */
  check?: (data: Obj, version: number) => I[];
}

/** Returns the migrated object (not yet validated), or the issues that stopped it. */
export function migrateVersioned<I>(raw: unknown, opts: VersionedOptions<I>): { data: Obj } | { issues: I[] } {
  const fail = (field: string, msg: Msg) => ({ issues: [opts.issue(field, t(msg.key, 'en', msg.vars), msg)] });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('(root)', { key: 'file.version.notObject', vars: { shape: opts.shape } });
  let data = raw as Obj;
  let v = data.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < (opts.oldest ?? 1))
    return fail('version', { key: 'file.version.notInteger', vars: { what: opts.what, got: String(JSON.stringify(v)) } });
  if (v > opts.current) return fail('version', { key: 'file.version.newer', vars: { version: v, current: opts.current } });
  while (v < opts.current) {
    const step = opts.migrations[v];
    if (!step) return fail('version', { key: 'file.version.noMigration', vars: { version: v, next: v + 1 } });
    const issues = opts.check?.(data, v) ?? [];
    if (issues.length) return { issues };
    data = { ...step(data), version: v + 1 };
    v += 1;
  }
  return { data };
}
