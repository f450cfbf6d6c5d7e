// Reading a workspace file: decode, parse, migrate (on the shared versioned walk) and validate. Never returns
// partial data: either a valid Workspace or the issues and one sentence for the user.
import { migrateVersioned } from '../versioned';
import { jsonPosition } from './jsonError';
import { MIGRATION_CHECKS, WORKSPACE_MIGRATIONS } from './migrations';
import { WORKSPACE_FORMAT, WORKSPACE_VERSION, type Workspace } from './model';
import { formatIssue, isObj, MAX_ISSUES, validateWorkspace, type ValidationIssue } from './validate';

/** Largest workspace file we read (the import limit for one data file, doubled). */
export const MAX_WORKSPACE_FILE_BYTES = 512 * 1024 * 1024;

export type ReadResult =
  | { ok: true; workspace: Workspace; /** Version the text was written in, when older than now. */ migratedFrom: number | null }
  | { ok: false; issues: ValidationIssue[]; /** One sentence for the user; details in issues. */ message: string };

/** Reads an exported file (bytes or text): decodes, parses, migrates and validates. Never returns partial data. */
export function readWorkspaceFile(file: string, input: Uint8Array | string): ReadResult {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    if (input.byteLength > MAX_WORKSPACE_FILE_BYTES)
      return fail(file, '', `${Math.round(input.byteLength / 2 ** 20)} MiB is over the ${MAX_WORKSPACE_FILE_BYTES / 2 ** 20} MiB limit for a workspace file`);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return fail(file, '', 'is not UTF-8 text, so it is not a workspace file');
    }
  }
  return parseWorkspace(text, file);
}

export function parseWorkspace(text: string, file: string): ReadResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail(file, '', 'the file is empty');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail(file, '', `malformed JSON${jsonPosition(text, e)}`);
  }
  return loadDocument(doc, file);
}

/** Migrates and validates an already-parsed document. */
export function loadDocument(doc: unknown, file: string): ReadResult {
  if (!isObj(doc)) return fail(file, '', 'is not a workspace (expected a JSON object)');
  if (doc.format !== undefined && doc.format !== WORKSPACE_FORMAT)
    return fail(file, 'format', `is "${String(doc.format)}", not a ${WORKSPACE_FORMAT} file`);
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return fail(file, 'version', 'is missing or not a whole number, so the file cannot be read as a workspace');
  if (version > WORKSPACE_VERSION)
    return fail(file, 'version', `is ${version}, made by a newer version of the atlas (this one reads up to ${WORKSPACE_VERSION}); update the app to open it`);
  if (version >= 1 && doc.format !== WORKSPACE_FORMAT) return fail(file, 'format', `must be "${WORKSPACE_FORMAT}"`);
  const walked = migrateVersioned<ValidationIssue>(doc, {
    current: WORKSPACE_VERSION,
    oldest: 0,
    migrations: WORKSPACE_MIGRATIONS,
    what: 'workspace',
    shape: '',
    issue: (field, message) => ({ file, field, message }),
    check: (data, v) => MIGRATION_CHECKS[v]?.(data, file) ?? [],
  });
  if ('issues' in walked) return { ok: false, issues: walked.issues, message: summary(file, walked.issues) };
  const current = walked.data;
  const issues = validateWorkspace(current, file);
  if (issues.length) return { ok: false, issues, message: summary(file, issues) };
  // Validated: rebuild with the canonical key order, dropping the format marker.
  const { format: _format, ...ws } = current;
  return { ok: true, workspace: ws as unknown as Workspace, migratedFrom: version < WORKSPACE_VERSION ? version : null };
}

function fail(file: string, field: string, message: string): ReadResult {
  const issues = [{ file, field, message }];
  return { ok: false, issues, message: summary(file, issues) };
}

function summary(file: string, issues: ValidationIssue[]): string {
  const first = formatIssue(issues[0]);
  const more = issues.length > 1 ? ` (and ${issues.length >= MAX_ISSUES ? 'at least ' : ''}${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${first}${more}. ${file} was not opened; nothing was changed.`;
}
