// Shared paths and loaders for the content tests: the seeds live in data/sources/seeds.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const SEEDS_DIR = resolve(ROOT, 'data/sources/seeds');

export function seedText(seed: string): string {
  if (!existsSync(SEEDS_DIR)) throw new Error(`seed texts not found at ${SEEDS_DIR} (the content tests check against them)`);
  const file = readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${seed}_`) && f.endsWith('.txt'));
  if (!file) throw new Error(`no ${seed}_*.txt in ${SEEDS_DIR}`);
  return readFileSync(join(SEEDS_DIR, file), 'utf8');
}

export function readJson<T = unknown>(rel: string): T {
  return JSON.parse(readFileSync(join(ROOT, rel), 'utf8')) as T;
}

/** Every element id authored in data/plan/*.json. */
export function planIds(): Set<string> {
  const dir = join(ROOT, 'data/plan');
  const ids = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { elements: { id: string }[] };
    for (const el of data.elements) ids.add(el.id);
  }
  return ids;
}
