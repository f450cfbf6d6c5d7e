// One validation style for the files people load (workspace files, story files): valibot schemas whose
// messages are catalog entries ({ key, vars }, see ./i18n/messages/file.ts), run into the one reporter
// (./issues.ts) with the dotted field path of each problem. Pure: no IO, no language.
//
// Two helpers carry the house rules valibot does not have built in:
// - strict(entries): an object whose unknown keys are each reported first (a typo is the likeliest fault),
//   then its fields in declaration order; an absent field is checked as undefined, so it gets its own message.
// - rule(fn): a check that may report several problems at paths below the value (coordinates, plain JSON).
import * as v from 'valibot';
import type { MessageKey, Msg, Vars } from './i18n/catalog.ts';

export type Obj = Record<string, unknown>;
export const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Any schema of these files: validates unknown input, output unused. */
export type Schema = v.GenericSchema<unknown, unknown>;

/** A path below a value: object keys and array indexes. */
export type Path = ReadonlyArray<string | number>;

// valibot messages are strings: a Msg travels through it as JSON.
const encode = (m: Msg): string => JSON.stringify(m);
function decode(message: string): Msg {
  try {
    const m = JSON.parse(message) as Msg;
    if (m && typeof m.key === 'string') return m;
  } catch {
    // a valibot default message: a schema here lacks its own
  }
  throw new Error(`validation message without a catalog key: ${message}`);
}

/** A valibot message naming a catalog entry; `vars` may be read from the offending value. */
export function say(key: MessageKey, vars?: Vars | ((input: unknown) => Vars)): (issue: v.BaseIssue<unknown>) => string {
  return (issue) => encode({ key, ...(vars ? { vars: typeof vars === 'function' ? vars(issue.input) : vars } : {}) });
}

type IssuePath = [v.IssuePathItem, ...v.IssuePathItem[]];

function pathItems(root: unknown, path: Path): IssuePath {
  const items: v.IssuePathItem[] = [];
  let at = root;
  for (const key of path) {
    const value = (at as Record<string | number, unknown> | undefined)?.[key];
    items.push(
      typeof key === 'number'
        ? { type: 'array', origin: 'value', input: at as unknown[], key, value }
        : { type: 'object', origin: 'value', input: at as Obj, key, value },
    );
    at = value;
  }
  return items as IssuePath;
}

/** Reports problems found by `check` at paths below the value (empty path: the value itself). */
export type Report = (path: Path, key: MessageKey, vars?: Vars) => void;

/** A valibot action for a check that walks the value itself and may report several problems. */
export function rule<T>(check: (value: T, report: Report) => void) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    check(dataset.value, (path, key, vars) => addIssue({ message: encode(vars ? { key, vars } : { key }), path: path.length ? pathItems(dataset.value, path) : undefined }));
  });
}

/** A value that must be an object: unknown keys first (`unknown`), then each field of `entries` in order. */
export function strict(entries: Record<string, Schema>, notObject: MessageKey, unknown: MessageKey, notObjectVars?: Vars) {
  const shape = v.looseObject(entries);
  const keys = Object.keys(entries);
  return v.pipe(
    v.custom<Obj>(isObj, say(notObject, notObjectVars)),
    v.rawCheck<Obj>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const o = dataset.value;
      for (const k of Object.keys(o)) if (!keys.includes(k)) addIssue({ message: encode({ key: unknown }), path: pathItems(o, [k]) });
      const filled: Obj = {};
      for (const k of keys) filled[k] = o[k];
      const r = v.safeParse(shape, filled, { abortEarly: false });
      if (!r.success) for (const i of r.issues) addIssue({ message: i.message, path: i.path });
    }),
  );
}

/** Runs `schema` over `value` and hands each problem to `add` with its dotted field path under `prefix`. */
export function validate(schema: Schema, value: unknown, add: (field: string, msg: Msg) => void, prefix = ''): void {
  const r = v.safeParse(schema, value, { abortEarly: false });
  if (r.success) return;
  for (const i of r.issues) add(dotted(prefix, i.path), decode(i.message));
}

/** `prefix` + path as `a.b[2].c`. */
export function dotted(prefix: string, path: readonly v.IssuePathItem[] | undefined): string {
  let s = prefix;
  for (const p of path ?? []) {
    const key = p.key as string | number;
    s += typeof key === 'number' ? `[${key}]` : s ? `.${key}` : key;
  }
  return s;
}
