// Write each scene's reference camera from the extent of its `fit` elements (built plan bundles),
// framed for REFERENCE_VIEWPORT; bearing and pitch already in the file are kept.
//   npx tsx scripts/story/frame-stories.ts          rewrite data/stories/*.json
//   npx tsx scripts/story/frame-stories.ts --check  exit 1 if any camera is stale
// Deterministic: a rerun is byte-identical.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frameBounds, unionBBox, type BBox } from '../../src/lib/story/camera.ts';
import type { Camera } from '../../src/lib/story/model.ts';
import { loadCatalog, loadStoryFiles, ROOT, type CatalogEntry } from './catalog.ts';

const round = (v: number, d: number) => Number(v.toFixed(d)) + 0; // + 0 turns -0 into 0

/** The camera for one scene, or an error message. */
export function sceneCamera(fit: string[], previous: Partial<Camera> | undefined, catalog: Map<string, CatalogEntry>): Camera | string {
  const boxes: BBox[] = [];
  for (const id of fit) {
    const b = catalog.get(id)?.bbox;
    if (!b) return `no built geometry for "${id}" (run the plan build first)`;
    boxes.push(b);
  }
  const u = unionBBox(boxes);
  if (!u) return 'fit is empty';
  const c = frameBounds(u);
  return {
    lon: round(c.lon, 4),
    lat: round(c.lat, 4),
    zoom: round(c.zoom, 2),
    bearing: previous?.bearing ?? 0,
    pitch: previous?.pitch ?? 0,
  };
}

function main(): void {
  const check = process.argv.includes('--check');
  const catalog = loadCatalog();
  let stale = 0;
  let errors = 0;
  for (const { file, raw, parseError } of loadStoryFiles()) {
    if (parseError || typeof raw !== 'object' || raw === null) {
      console.error(`${file}: ${parseError ?? 'not an object'}`);
      errors++;
      continue;
    }
    const story = raw as { scenes?: Record<string, unknown>[] };
    const scenes = (story.scenes ?? []).map((s, i) => {
      if (!Array.isArray(s.fit)) return s;
      const cam = sceneCamera(s.fit as string[], s.camera as Partial<Camera> | undefined, catalog);
      if (typeof cam === 'string') {
        console.error(`${file} › ${String(s.id ?? `#${i + 1}`)} › fit: ${cam}`);
        errors++;
        return s;
      }
      // camera goes right after notes so the file reads in the order the player uses it
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s)) {
        if (k === 'camera') continue;
        out[k] = v;
        if (k === 'notes') out.camera = cam;
      }
      if (!('camera' in out)) out.camera = cam;
      return out;
    });
    const text = JSON.stringify({ ...story, scenes }, null, 2) + '\n';
    const path = join(ROOT, file);
    if (text !== readFileSync(path, 'utf8')) {
      stale++;
      if (check) console.error(`${file}: cameras are stale; run npx tsx scripts/story/frame-stories.ts`);
      else writeFileSync(path, text);
    }
  }
  if (errors) process.exit(1);
  if (check && stale) process.exit(1);
  console.log(check ? 'story cameras up to date' : `framed; ${stale} file(s) rewritten`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
