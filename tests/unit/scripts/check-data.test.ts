// data:check's comparison names each built file that differs from, is missing from or is extra to the checkout.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareTrees } from '../../../scripts/check-data.ts';

const made: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'check-data-test-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => made.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('compareTrees', () => {
  it('finds nothing when the trees are byte-identical', () => {
    const files = { 'public/data/a.json': '{"a":1}\n', 'public/data/plan/b.json': '成都' };
    expect(compareTrees(tree(files), tree(files))).toEqual([]);
  });

  it('names a file whose bytes differ (one trailing byte), one not built and one not committed', () => {
    const committed = tree({ 'public/data/a.json': '{"a":1}\n', 'public/data/old.json': 'x', 'data/content/t.json': '[]' });
    const built = tree({ 'public/data/a.json': '{"a":1}\n ', 'public/data/new.json': 'y', 'data/content/t.json': '[]' });
    expect(compareTrees(committed, built)).toEqual([
      { path: 'public/data/a.json', problem: 'differs' },
      { path: 'public/data/new.json', problem: 'not committed' },
      { path: 'public/data/old.json', problem: 'not built' },
    ]);
  });
});
