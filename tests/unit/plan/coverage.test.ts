import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCoverageIds, formatCoverage, parseCoverageCsv, summarizeCoverage } from '../../../scripts/plan/coverage.ts';

const FIX = join(import.meta.dirname, '../../fixtures/plan/coverage');
const text = (f: string) => readFileSync(join(FIX, f), 'utf8');

describe('coverage', () => {
  it('parses a CSV (quoted commas included) and computes mapped/total by seed and kind', () => {
    const { rows, issues } = parseCoverageCsv(text('sample.csv'), 'sample.csv');
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(6);
    expect(rows[5].name_zh).toBe('三岔湖, 龙泉山以东');
    expect(summarizeCoverage(rows)).toEqual(JSON.parse(text('expected-summary.json')));
  });

  it('flags element ids that do not exist', () => {
    const { rows } = parseCoverageCsv(text('sample.csv'), 'sample.csv');
    const issues = checkCoverageIds(rows, new Set(['belt-test-linkong', 'road-test-avenue']));
    expect(issues).toEqual([{ file: 'sample.csv', id: 'line 3', field: 'element_id', message: 'no plan element has id "hub-test-airport"' }]);
  });

  it('rejects malformed rows, naming line and column', () => {
    const { issues } = parseCoverageCsv(text('bad.csv'), 'bad.csv');
    expect(issues.map((i) => `${i.id} ${i.field}`)).toEqual([
      'line 2 seed',
      'line 3 section',
      'line 4 reason_if_unmapped',
      'line 5 reason_if_unmapped',
    ]);
  });

  it('rejects a file without the required columns', () => {
    const { rows, issues } = parseCoverageCsv(text('missing-column.csv'), 'm.csv');
    expect(rows).toEqual([]);
    expect(issues[0].field).toBe('kind,reason_if_unmapped');
  });

  it('prints a table', () => {
    const s = summarizeCoverage(parseCoverageCsv(text('sample.csv'), 's').rows);
    expect(formatCoverage(s)).toContain('all               3/6    50.0%');
  });

  it('rows marked "external:" are listed but not counted', () => {
    const csv = 'seed,section,name_zh,kind,element_id,reason_if_unmapped\n001,x,A,hub,a-1,\n001,x,B,hub,,not found\n001,x,C,hub,,external: a venue\n';
    const p = parseCoverageCsv(csv, 't.csv');
    expect(p.issues).toEqual([]);
    const s = summarizeCoverage(p.rows);
    expect(s.all).toEqual({ mapped: 1, total: 2 });
    expect(s.external).toBe(1);
    expect(formatCoverage(s)).toContain('external          1');
  });
});
