// Walk a versioned JSON document up to the current version through step migrations.
// Shared by the plan-data and story formats; each reports problems in its own issue shape.

export type Obj = Record<string, unknown>;
export type Migration = (data: Obj) => Obj;

/**
 * Returns the migrated object, or the (field, message) problem that stopped it. `what` names the format
 * in messages ("story-format", "plan-data") and `shape` lists the expected keys for the not-an-object case.
 */
export function migrateVersioned(
  raw: unknown,
  opts: { current: number; migrations: Readonly<Record<number, Migration>>; what: string; shape: string },
): { data: Obj } | { field: string; message: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { field: '(root)', message: `expected a JSON object ${opts.shape}` };
  let data = raw as Obj;
  let v = data.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    return { field: 'version', message: `expected a positive integer ${opts.what} version, got ${JSON.stringify(v)}` };
  if (v > opts.current) return { field: 'version', message: `version ${v} is newer than this code supports (${opts.current})` };
  while (v < opts.current) {
    const step = opts.migrations[v];
    if (!step) return { field: 'version', message: `no migration from version ${v} to ${v + 1}` };
    data = { ...step(data), version: v + 1 };
    v += 1;
  }
  return { data };
}
