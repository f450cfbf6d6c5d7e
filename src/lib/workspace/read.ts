// Reading a workspace file: decode, parse, migrate (on the shared versioned walk) and validate. Never returns
// partial data: either a valid Workspace or the issues and one sentence for the user.
import { t, type Lang, type Msg } from '../i18n/catalog.ts';
import { msg } from '../issues.ts';
import { migrateVersioned } from '../versioned';
import { malformedJson } from './jsonError';
import { MIGRATION_CHECKS, WORKSPACE_MIGRATIONS } from './migrations';
import { WORKSPACE_FORMAT, WORKSPACE_VERSION, type Workspace } from './model';
import { isObj, issueLine, MAX_ISSUES, validateWorkspace, type ValidationIssue } from './validate';

/** Largest workspace file we read (the import limit for one data file, doubled). */
export const MAX_WORKSPACE_FILE_BYTES = 512 * 1024 * 1024;

export type ReadResult =
  | { ok: true; workspace: Workspace; /** Version the text was written in, when older than now. */ migratedFrom: number | null }
  | {
      ok: false;
      issues: ValidationIssue[];
      /** One sentence for the user, in English (logs, tests); readFailure(file, issues, lang) gives it in the UI's language. */
      message: string;
    };

/** Reads an exported file (bytes or text): decodes, parses, migrates and validates. Never returns partial data. */
export function readWorkspaceFile(file: string, input: Uint8Array | string): ReadResult {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    if (input.byteLength > MAX_WORKSPACE_FILE_BYTES)
      return fail(file, '', msg('file.ws.tooLarge', { mib: Math.round(input.byteLength / 2 ** 20), limit: MAX_WORKSPACE_FILE_BYTES / 2 ** 20 }));
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return fail(file, '', msg('file.ws.notUtf8'));
    }
  }
  return parseWorkspace(text, file);
}

export function parseWorkspace(text: string, file: string): ReadResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail(file, '', msg('file.ws.empty'));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail(file, '', malformedJson(text, e));
  }
  return loadDocument(doc, file);
}

/** Migrates and validates an already-parsed document. */
export function loadDocument(doc: unknown, file: string): ReadResult {
  if (!isObj(doc)) return fail(file, '', msg('file.ws.notWorkspace'));
  if (doc.format !== undefined && doc.format !== WORKSPACE_FORMAT)
    return fail(file, 'format', msg('file.ws.otherFormat', { found: String(doc.format), format: WORKSPACE_FORMAT }));
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return fail(file, 'version', msg('file.ws.noVersion'));
  if (version > WORKSPACE_VERSION) return fail(file, 'version', msg('file.ws.newer', { version, current: WORKSPACE_VERSION }));
  if (version >= 1 && doc.format !== WORKSPACE_FORMAT) return fail(file, 'format', msg('file.ws.formatMust', { format: WORKSPACE_FORMAT }));
  const walked = migrateVersioned<ValidationIssue>(doc, {
    current: WORKSPACE_VERSION,
    oldest: 0,
    migrations: WORKSPACE_MIGRATIONS,
    what: 'workspace',
    shape: '',
    issue: (field, message, m) => ({ file, field, message, msg: m }),
    check: (data, v) => MIGRATION_CHECKS[v]?.(data, file) ?? [],
  });
  if ('issues' in walked) return { ok: false, issues: walked.issues, message: readFailure(file, walked.issues, 'en') };
  const current = walked.data;
  const issues = validateWorkspace(current, file);
  if (issues.length) return { ok: false, issues, message: readFailure(file, issues, 'en') };
  // Validated: rebuild with the canonical key order, dropping the format marker.
  const { format: _format, ...ws } = current;
  return { ok: true, workspace: ws as unknown as Workspace, migratedFrom: version < WORKSPACE_VERSION ? version : null };
}

function fail(file: string, field: string, m: Msg): ReadResult {
  const issues: ValidationIssue[] = [{ file, field, message: t(m.key, 'en', m.vars), msg: m }];
  return { ok: false, issues, message: readFailure(file, issues, 'en') };
}

/** The sentence for a file that was not opened: its first problem, how many more, and that nothing changed. */
export function readFailure(file: string, issues: readonly ValidationIssue[], lang: Lang): string {
  const n = issues.length - 1;
  const more = n > 0 ? t(issues.length >= MAX_ISSUES ? 'file.ws.atLeastMore' : 'file.ws.more', lang, { n }) : '';
  return t('file.ws.summary', lang, { first: issueLine(issues[0], lang), more, file });
}
