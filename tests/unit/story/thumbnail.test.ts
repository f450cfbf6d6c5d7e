// Scene thumbnails without a map (src/lib/story/thumbnail.ts) on the committed plan bundles and county outlines:
// each scene draws its own elements, highlighted ones in the highlight colour, and two scenes differ.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Story } from '../../../src/lib/story/model.ts';
import { sceneThumbnailSvg, thumbCamera } from '../../../src/lib/story/thumbnail.ts';
import { loadThumbData } from '../../../scripts/story/catalog.ts';

const ROOT = join(import.meta.dirname, '../../..');
const story = JSON.parse(readFileSync(join(ROOT, 'data/stories/chengdu-metro.json'), 'utf8')) as Story;
const data = loadThumbData();
const style = { kindColor: () => '#888888', highlight: '#d4007a', land: '#f4efe6', outline: '#b9ad9a' };
const ids = (svg: string, color?: string) =>
  new Set([...svg.matchAll(/<path d="[^"]*" fill="[^"]*"(?: fill-opacity="[^"]*")? stroke="([^"]*)"[^>]*data-id="([^"]+)"/g)].filter((m) => !color || m[1] === color).map((m) => m[2]));

describe('sceneThumbnailSvg', () => {
  it('draws every scene of a shipped story with its highlighted elements, and no two scenes alike', () => {
    const svgs = story.scenes.map((sc) => sceneThumbnailSvg(sc, data, style, { width: 320, label: sc.title.en }));
    expect(new Set(svgs).size).toBe(svgs.length);
    story.scenes.forEach((sc, i) => {
      const svg = svgs[i]!;
      expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 1920 1080" width="320" height="180"/);
      expect(svg).toContain(`<title>${sc.title.en.replace(/&/g, '&#38;')}</title>`);
      // county outlines, and the highlighted areas and lines (points are circles) in the highlight colour
      expect(svg).toContain(`stroke="${style.outline}"`);
      const drawn = ids(svg, style.highlight);
      const hlShapes = sc.highlight.filter((id) => !/Point/.test(data.elements.get(id)?.geometry.type ?? ''));
      for (const id of hlShapes) expect(drawn.has(id) || !data.elements.has(id), `${sc.id}: ${id}`).toBe(true);
      // nothing from a region the scene does not show, unless highlighted
      for (const id of ids(svg)) {
        const el = data.elements.get(id)!;
        expect(sc.layers.regions.includes(el.region as never) || sc.highlight.includes(id), `${sc.id}: ${id}`).toBe(true);
      }
    });
  });

  it('without a camera it frames the fit elements; with neither it draws only the land', () => {
    const sc = { ...story.scenes[0]!, camera: undefined };
    const cam = thumbCamera(sc, data);
    expect(cam).not.toBeNull();
    expect(Math.abs(cam!.lon - story.scenes[0]!.camera!.lon)).toBeLessThan(0.05);
    const empty = sceneThumbnailSvg({ ...sc, fit: [] }, data, style);
    expect(empty).not.toContain('<path');
  });
});
