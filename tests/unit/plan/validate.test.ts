import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crossCheck, formatIssue, migrate, validateBundleFeatures, validatePlanFile, type NamedFile } from '../../../src/lib/plan/validate.ts';
import type { PlanSourceFile } from '../../../src/lib/plan/model.ts';

const FIX = join(import.meta.dirname, '../../fixtures/plan');
const read = (p: string) => JSON.parse(readFileSync(join(FIX, p), 'utf8'));

describe('validatePlanFile', () => {
  it('accepts the valid fixture', () => {
    expect(validatePlanFile(read('valid.json'), 'valid.json')).toEqual([]);
  });

  const expected: Record<string, { id: string; field: string }> = read('bad/expected.json');
  const files = readdirSync(join(FIX, 'bad')).filter((f) => f.endsWith('.json') && !f.startsWith('cross-') && f !== 'expected.json');
  it('has one expectation per bad fixture', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(expected).sort());
  });
  for (const [name, want] of Object.entries(expected)) {
    it(`rejects ${name} at ${want.id} › ${want.field}`, () => {
      const issues = validatePlanFile(read(`bad/${name}.json`), `bad/${name}.json`);
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.map((i) => `${i.id} › ${i.field}`)).toContain(`${want.id} › ${want.field}`);
      for (const i of issues) expect(i.file).toBe(`bad/${name}.json`);
    });
  }

  it('formats issues as file › id › field: message', () => {
    const [i] = validatePlanFile(read('bad/no-sources.json'), 'data/plan/chengdu-metro.json');
    expect(formatIssue(i)).toMatch(/^data\/plan\/chengdu-metro\.json › belt-test-linkong › sources: .+/);
  });

  it('reports every problem of an element, not only the first', () => {
    const f = read('valid.json');
    f.elements[0].kind = 'nope';
    f.elements[0].status = 'nope';
    const fields = validatePlanFile(f, 'x').map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'status']));
  });
});

describe('crossCheck', () => {
  const expected: Record<string, { id: string; field: string }> = read('bad/cross-expected.json');
  const seedTexts = { '001': readFileSync(join(FIX, 'seeds/001.txt'), 'utf8') };
  const named = (files: PlanSourceFile[]): NamedFile[] => files.map((data, i) => ({ file: `f${i}.json`, data }));

  it('accepts the valid fixture with its seed quote', () => {
    expect(crossCheck(named([read('valid.json')]), { seedTexts })).toEqual([]);
  });
  for (const [name, want] of Object.entries(expected)) {
    it(`rejects ${name}`, () => {
      const issues = crossCheck(named(read(`bad/cross-${name}.json`)), { seedTexts });
      expect(issues.map((i) => `${i.id} › ${i.field}`)).toContain(`${want.id} › ${want.field}`);
    });
  }
  it('rejects adcodes missing from the basemap', () => {
    const issues = crossCheck(named([read('valid.json')]), { adcodes: new Set(['510185']) });
    expect(issues.map((i) => i.field)).toEqual(expect.arrayContaining(['geometry.adcodes[1]', 'counties[1]', 'geometry.through[0].county']));
  });
});

describe('migrate', () => {
  it('passes the current version through', () => {
    const f = read('valid.json');
    expect(migrate(f, 'x')).toEqual({ data: f, issues: [] });
  });
  it('rejects a missing, invalid or newer version', () => {
    for (const version of [undefined, 0, '1', 99]) {
      const r = migrate({ ...read('valid.json'), version }, 'x.json');
      expect(r.data).toBeNull();
      expect(r.issues[0]).toMatchObject({ file: 'x.json', id: '(file)', field: 'version' });
    }
  });
  it('rejects a non-object file', () => {
    expect(migrate([], 'x').issues[0].field).toBe('(root)');
  });
});

describe('validateBundleFeatures', () => {
  it('checks decoded bundle features with literal geometry', () => {
    const el = read('valid.json').elements[1];
    const { geometry: _g, ...props } = el;
    void _g;
    const good = { type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: [104.445, 30.319] } };
    expect(validateBundleFeatures([good], 'b')).toEqual([]);
    const bad = { ...good, geometry: { type: 'Point', coordinates: [30.319, 104.445] } };
    expect(validateBundleFeatures([good, bad], 'b').map((i) => i.field)).toEqual(expect.arrayContaining(['id', 'geometry.coordinates']));
  });
});
