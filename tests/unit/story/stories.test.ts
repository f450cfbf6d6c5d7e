// The shipped stories: they validate, quote the seeds verbatim, frame their scenes, and tell what the
// issue asks for (Chengdu: belts, eastern new area, border pilots, rail; Nei–Zi: 双核一带三区, 28 km,
// corridors; Dazhou: 一主两区一片, 三河四山, 万达开).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Story } from '../../../src/lib/story/model.ts';
import { formatStoryIssue } from '../../../src/lib/story/validate.ts';
import { project, REFERENCE_VIEWPORT } from '../../../src/lib/story/camera.ts';
import { checkStories } from '../../../scripts/story/check-stories.ts';
import { loadCatalog } from '../../../scripts/story/catalog.ts';
import { sceneCamera } from '../../../scripts/story/frame-stories.ts';

const ROOT = join(import.meta.dirname, '../../..');
const SEEDS = join(ROOT, 'data/sources/seeds');
const stories: Story[] = ['chengdu-metro', 'neijiang-zigong', 'dazhou'].map(
  (id) => JSON.parse(readFileSync(join(ROOT, `data/stories/${id}.json`), 'utf8')) as Story,
);
const catalog = loadCatalog();

describe('data/stories', () => {
  it('every story validates against data/plan and the seeds (scripts/story/check-stories.ts)', () => {
    const r = checkStories();
    expect(r.issues.map(formatStoryIssue)).toEqual([]);
    expect(r.stories).toBe(readdirSync(join(ROOT, 'data/stories')).filter((f) => f.endsWith('.json')).length);
    expect(r.seeds, 'seed texts in data/sources/seeds').toBeGreaterThanOrEqual(3);
  });

  it.each(stories.map((s) => [s.id, s] as const))('%s: 5–8 scenes, 12–20 s each, each citing a seed', (_id, s) => {
    expect(s.scenes.length).toBeGreaterThanOrEqual(5);
    expect(s.scenes.length).toBeLessThanOrEqual(8);
    for (const sc of s.scenes) {
      expect(sc.durationSec, sc.id).toBeGreaterThanOrEqual(12);
      expect(sc.durationSec, sc.id).toBeLessThanOrEqual(20);
      expect(sc.sources.length, sc.id).toBeGreaterThan(0);
    }
  });

  it('every quote is a verbatim substring of its seed file', () => {
    const text = (seed: string) => {
      const f = readdirSync(SEEDS).find((n) => n.startsWith(`${seed}_`))!;
      return readFileSync(join(SEEDS, f), 'utf8');
    };
    let n = 0;
    for (const s of stories)
      for (const sc of s.scenes)
        for (const c of sc.sources) {
          expect(text(c.seed).includes(c.quote), `${s.id} › ${sc.id}: ${c.quote}`).toBe(true);
          n++;
        }
    expect(n).toBeGreaterThanOrEqual(22);
  });

  it('captions cite figures with their year', () => {
    // a caption with a figure also names a year; distances and areas of places are not dated
    const undated = /\d[\d,]*(\.\d+)?\s?(公里|平方公里|km|kilometres|square kilometres)/g;
    for (const s of stories)
      for (const sc of s.scenes)
        for (const text of [sc.caption.zh, sc.caption.en]) {
          const rest = text.replace(undated, '');
          if (/\d/.test(rest) && !/(19|20)\d\d/.test(rest)) throw new Error(`${s.id} › ${sc.id}: figure without a year: ${text}`);
        }
  });

  it('each scene camera frames its fit elements on the reference screen and is up to date', () => {
    let framed = 0;
    for (const s of stories)
      for (const sc of s.scenes) {
        if (!sc.fit) continue;
        framed++;
        expect(sc.camera, `${s.id} › ${sc.id}`).toEqual(sceneCamera(sc.fit, sc.camera, catalog));
        const vp = REFERENCE_VIEWPORT;
        for (const id of sc.fit) {
          const box = catalog.get(id)?.bbox;
          expect(box, `${s.id} › ${sc.id} › ${id}: no extent in public/data/plan`).toBeDefined();
          const [w, so, e, n] = box!;
          for (const [lon, lat] of [[w, so], [e, n]]) {
            const [x, y] = project(lon, lat, sc.camera!, vp);
            expect(x, `${s.id} › ${sc.id} › ${id}`).toBeGreaterThan(vp.padding - 2);
            expect(x).toBeLessThan(vp.width - vp.padding + 2);
            expect(y).toBeGreaterThan(vp.padding - 2);
            expect(y).toBeLessThan(vp.height - vp.padding + 2);
          }
        }
      }
    expect(framed, 'scenes with fit elements').toBeGreaterThan(0);
  });

  it('scene ids are unique across a story and scenes do not repeat one another', () => {
    for (const s of stories) {
      expect(new Set(s.scenes.map((x) => x.id)).size).toBe(s.scenes.length);
      expect(new Set(s.scenes.map((x) => x.caption.zh)).size).toBe(s.scenes.length);
    }
  });
});

describe('what each story covers', () => {
  const byId = Object.fromEntries(stories.map((s) => [s.id, s]));
  const highlighted = (s: Story) => new Set(s.scenes.flatMap((x) => x.highlight));
  const overlays = (s: Story) => s.scenes.flatMap((x) => x.overlays);

  it('成都都市圈: three belts, the eastern new area, border pilots, rail', () => {
    const h = highlighted(byId['chengdu-metro']);
    for (const id of ['belt-chengde-lingang', 'belt-chengmei-gaoxin', 'belt-chengzi-linkong', 'pilot-chengdu-eastern-new-area',
      'pilot-jianyang-yanjiang-lezhi', 'rail-s3-ziyang', 'station-ziyang-north'])
      expect(h.has(id), id).toBe(true);
    expect(overlays(byId['chengdu-metro'])).toContainEqual({ type: 'jurisdictionShares', element: 'belt-chengzi-linkong', level: 'county' });
  });

  it('内自同城化: 双核一带三区, the 28 km line between the cores, corridors', () => {
    const s = byId['neijiang-zigong'];
    const h = highlighted(s);
    for (const id of ['cluster-neijiang-central', 'cluster-zigong-central', 'axis-neizi-metro-belt', 'pilot-neizi-cooperation-park',
      'pilot-weizirong', 'pilot-yanfulong', 'rail-mianlu-hsr-neizilu', 'road-neijiang-zigong-fast-road'])
      expect(h.has(id), id).toBe(true);
    const d = overlays(s).find((o) => o.type === 'distance');
    expect(d).toMatchObject({ from: 'cluster-neijiang-central', to: 'cluster-zigong-central' });
    expect(s.scenes.some((x) => x.sources.some((c) => c.quote.includes('直线距离仅28公里')))).toBe(true);
  });

  it('达州: 一主两区一片, 三河四山, 万达开', () => {
    const h = highlighted(byId.dazhou);
    for (const id of ['cluster-dazhou-main-city', 'cluster-dazhou-hitech-zone', 'cluster-dazhou-east-edz', 'cluster-dazhou-north-area',
      'eco-zhouhe-river', 'eco-mingyuejiang-river', 'eco-fenghuangshan', 'pilot-wandakai'])
      expect(h.has(id), id).toBe(true);
  });
});
