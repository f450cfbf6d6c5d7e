// Coverage of the seeds: which spatially locatable things each seed names, and which are mapped.
// Pure: parses CSV text given by the caller.
import Papa from 'papaparse';
import type { PlanIssue } from '../../src/lib/plan/validate.ts';

export const COVERAGE_COLUMNS = ['seed', 'section', 'name_zh', 'kind', 'element_id', 'reason_if_unmapped'] as const;

export interface CoverageRow {
  file: string;
  /** 1-based line in the CSV (header is line 1) */
  line: number;
  seed: string;
  section: string;
  name_zh: string;
  kind: string;
  element_id: string;
  reason_if_unmapped: string;
}

export interface Tally {
  mapped: number;
  total: number;
}

export interface CoverageSummary {
  all: Tally;
  /** rows marked "external: …": named by a seed but not part of the plans' map (a venue, an event, a place
   * outside the region); listed with their reason, not counted in the totals */
  external: number;
  bySeed: Record<string, Tally>;
  byKind: Record<string, Tally>;
}

export function parseCoverageCsv(text: string, file: string): { rows: CoverageRow[]; issues: PlanIssue[] } {
  const issues: PlanIssue[] = [];
  const res = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
  const fields = res.meta.fields ?? [];
  const missing = COVERAGE_COLUMNS.filter((c) => !fields.includes(c));
  if (missing.length) {
    issues.push({ file, id: '(header)', field: missing.join(','), message: `missing column(s); expected ${COVERAGE_COLUMNS.join(',')}` });
    return { rows: [], issues };
  }
  for (const e of res.errors) issues.push({ file, id: `line ${(e.row ?? 0) + 2}`, field: '(csv)', message: e.message });
  const rows = res.data.map((r, i) => {
    const row: CoverageRow = { file, line: i + 2, seed: '', section: '', name_zh: '', kind: '', element_id: '', reason_if_unmapped: '' };
    for (const c of COVERAGE_COLUMNS) row[c] = (r[c] ?? '').trim();
    return row;
  });
  for (const r of rows) {
    const add = (field: string, message: string) => issues.push({ file, id: `line ${r.line}`, field, message });
    if (!/^\d{3}$/.test(r.seed)) add('seed', `expected a seed prefix like 001, got "${r.seed}"`);
    if (!r.section) add('section', 'every row cites the section it comes from');
    if (!r.name_zh) add('name_zh', 'required');
    if (!r.kind) add('kind', 'required');
    if (!r.element_id && !r.reason_if_unmapped) add('reason_if_unmapped', 'an unmapped row needs a reason');
    if (r.element_id && r.reason_if_unmapped) add('reason_if_unmapped', 'a mapped row has no reason (leave it empty)');
  }
  return { rows, issues };
}

/** Every element_id must exist among the plan elements. */
export function checkCoverageIds(rows: CoverageRow[], ids: Set<string>): PlanIssue[] {
  return rows
    .filter((r) => r.element_id && !ids.has(r.element_id))
    .map((r) => ({ file: r.file, id: `line ${r.line}`, field: 'element_id', message: `no plan element has id "${r.element_id}"` }));
}

export function summarizeCoverage(rows: CoverageRow[]): CoverageSummary {
  const s: CoverageSummary = { all: { mapped: 0, total: 0 }, external: 0, bySeed: {}, byKind: {} };
  const bump = (t: Tally, mapped: boolean) => {
    t.total += 1;
    if (mapped) t.mapped += 1;
  };
  for (const r of rows) {
    if (isExternal(r)) {
      s.external += 1;
      continue;
    }
    const m = r.element_id !== '';
    bump(s.all, m);
    bump((s.bySeed[r.seed] ??= { mapped: 0, total: 0 }), m);
    bump((s.byKind[r.kind] ??= { mapped: 0, total: 0 }), m);
  }
  const sortKeys = (o: Record<string, Tally>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return { all: s.all, external: s.external, bySeed: sortKeys(s.bySeed), byKind: sortKeys(s.byKind) };
}

/** An unmapped row whose reason starts "external:" is out of the plans' scope (see CoverageSummary.external). */
export const isExternal = (r: CoverageRow): boolean => !r.element_id && r.reason_if_unmapped.startsWith('external:');

const pct = (t: Tally) => (t.total ? ((100 * t.mapped) / t.total).toFixed(1) : '—');

export function formatCoverage(s: CoverageSummary): string {
  const line = (label: string, t: Tally) => `  ${label.padEnd(14)} ${String(t.mapped).padStart(4)}/${String(t.total).padEnd(4)} ${pct(t)}%`;
  return [
    'coverage (mapped/total):',
    line('all', s.all),
    `  external       ${String(s.external).padStart(4)} (named by a seed, outside the plans' map: not counted)`,
    ' by seed:',
    ...Object.entries(s.bySeed).map(([k, t]) => line(k, t)),
    ' by kind:',
    ...Object.entries(s.byKind).map(([k, t]) => line(k, t)),
  ].join('\n');
}
