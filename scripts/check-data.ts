// `npm run data:check`: is the committed data what the sources build? Copies the tracked files of this
// checkout into a temp folder (without public/data, so nothing stale can survive), runs `npm run data`
// there, and compares public/data and data/content byte for byte with this checkout, naming every file that
// differs, is missing or is extra. Changes nothing here. `.ci/run` makes the same check with git diff.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './build-data.ts';

/** The folders `npm run data` writes (or, for data/content, that CI checks alongside). */
export const BUILT_DIRS = ['public/data', 'data/content'];

function trackedFiles(root: string): string[] {
  const out = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`git ls-files failed: ${out.stderr}`);
  return out.stdout.split('\0').filter(Boolean);
}

function filesUnder(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(root, join(d.parentPath, d.name)))
    .sort();
}

export interface DataDifference {
  path: string;
  problem: 'differs' | 'not built' | 'not committed';
}

/** Files that differ between the two trees under `dirs`. */
export function compareTrees(committedRoot: string, builtRoot: string, dirs: readonly string[] = BUILT_DIRS): DataDifference[] {
  const out: DataDifference[] = [];
  for (const dir of dirs) {
    const committed = new Set(filesUnder(committedRoot, dir));
    const built = new Set(filesUnder(builtRoot, dir));
    for (const path of [...new Set([...committed, ...built])].sort()) {
      if (!built.has(path)) out.push({ path, problem: 'not built' });
      else if (!committed.has(path)) out.push({ path, problem: 'not committed' });
      else if (!readFileSync(join(committedRoot, path)).equals(readFileSync(join(builtRoot, path)))) out.push({ path, problem: 'differs' });
    }
  }
  return out;
}

function main(): void {
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-data-check-'));
  try {
    let copied = 0;
    for (const path of trackedFiles(ROOT)) {
      if (path.startsWith('public/data/') || !existsSync(join(ROOT, path))) continue;
      mkdirSync(dirname(join(tmp, path)), { recursive: true });
      copyFileSync(join(ROOT, path), join(tmp, path));
      copied++;
    }
    symlinkSync(join(ROOT, 'node_modules'), join(tmp, 'node_modules'), 'dir');
    console.log(`data:check: ${copied} tracked files copied to ${tmp}; building…`);
    const build = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/build-data.ts'], { cwd: tmp, stdio: 'inherit' });
    if (build.status !== 0) {
      console.error(`data:check: the build failed (exit ${build.status ?? build.signal})`);
      process.exitCode = 1;
      return;
    }
    const diffs = compareTrees(ROOT, tmp);
    if (diffs.length) {
      for (const d of diffs) console.error(`  ${d.path}: ${d.problem}`);
      console.error(`data:check: ${diffs.length} file(s) under ${BUILT_DIRS.join(', ')} do not match a fresh build; run npm run data and commit the result`);
      process.exitCode = 1;
      return;
    }
    console.log(`data:check: ${BUILT_DIRS.map((d) => `${filesUnder(ROOT, d).length} files in ${d}`).join(', ')} are byte-identical to a fresh build`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
