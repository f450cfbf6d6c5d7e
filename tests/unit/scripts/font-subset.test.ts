// The build-time CJK subset (scripts/pwa/subsetFonts.ts) and which font files the service worker precaches
// when a subset face stands over a full slice (scripts/pwa/fonts.ts), on a real @fontsource slice.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { fontFaces, neededFontFiles, stylesheetOrder } from '../../../scripts/pwa/fonts.ts';
import { subsetCjkFonts, subtractPoints, unicodeRange } from '../../../scripts/pwa/subsetFonts.ts';

const FONTSOURCE = 'node_modules/@fontsource/noto-sans-sc';
const TEXT = '施家镇简阳市';

const SOURCE = join(FONTSOURCE, '400.css');

/** A minimal build folder: a JS chunk with TEXT and index.html linking the app's stylesheet. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-subset-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'index-Qq11Ww22.js'), `export const title = ${JSON.stringify(TEXT)};`);
  writeFileSync(join(dir, 'index.html'), '<html><head><link rel="stylesheet" href="./assets/index-Zz99Yy88.css">\n  </head><body></body></html>');
  return dir;
}

describe('CJK font subset', () => {
  it('writes unicode-range runs compactly', () => {
    expect(unicodeRange([0x4e01, 0x4e00, 0x4e02, 0x4e10, 0x4e10])).toBe('U+4e00-4e02,U+4e10');
  });

  it('a face defined later stands in for an earlier one over the same characters; a character only the earlier has keeps it', () => {
    const full = { file: 'noto-sans-sc-50-400-normal-Ab12Cd34.woff2', ranges: [[0x4e00, 0x4eff]] as [number, number][] };
    const sub = { file: 'cjk-50-400-12345678.woff2', ranges: [[0x4e00, 0x4e00]] as [number, number][] };
    const latin = { file: 'noto-sans-latin-400-normal-Aa11Bb22.woff2', ranges: [] };
    expect([...neededFontFiles([latin, full, sub], new Set([0x41, 0x4e00]))].sort()).toEqual([sub.file, latin.file].sort());
    expect([...neededFontFiles([latin, full, sub], new Set([0x4e00, 0x4e01]))].sort()).toEqual([sub.file, full.file, latin.file].sort());
    // defined first, the subset would never be drawn
    expect([...neededFontFiles([sub, full], new Set([0x4e00]))]).toEqual([full.file]);
    expect(stylesheetOrder(['index-B.css', 'cjk-subset-1234abcd.css', 'StoryPanel-A.css'])).toEqual(['StoryPanel-A.css', 'index-B.css', 'cjk-subset-1234abcd.css']);
  });

  it('cuts each touched slice to the build’s characters; the full slices keep the rest; byte-identical on a rebuild', async () => {
    const a = fakeBuild();
    const b = fakeBuild();
    const sa = await subsetCjkFonts(a, [SOURCE], new Set());
    const sb = await subsetCjkFonts(b, [SOURCE], new Set());
    expect(sb.css).toBe(sa.css);
    expect(sa.characters).toBe(new Set(TEXT).size);
    expect(sa.slices).toBeGreaterThan(0);
    expect(sa.subsetBytes).toBeLessThan(sa.fullBytes / 5);
    // every full slice stays as the fallback
    expect(sa.fallback.length).toBe(fontFaces(readFileSync(SOURCE, 'utf8')).length);
    const files = (dir: string) => readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.woff2') || f.endsWith('.css')).sort();
    expect(files(a)).toEqual(files(b));
    for (const f of files(a)) expect(readFileSync(join(a, 'assets', f)).equals(readFileSync(join(b, 'assets', f))), f).toBe(true);
    const html = readFileSync(join(a, 'index.html'), 'utf8');
    expect(html.indexOf(sa.css)).toBeGreaterThan(html.indexOf('index-Zz99Yy88.css'));
    const css = readFileSync(join(a, 'assets', sa.css), 'utf8');
    const faces = fontFaces(css);
    for (const ch of new Set(TEXT)) {
      const c = ch.codePointAt(0)!;
      // exactly one face holds the character: its subset face, which has its glyph
      const holders = faces.filter((f) => f.ranges.some(([lo, hi]) => c >= lo && c <= hi));
      expect(holders.map((f) => f.file), ch).toHaveLength(1);
      expect(sa.files).toContain(holders[0].file);
      const font = fontkit.create(readFileSync(join(a, 'assets', holders[0].file)));
      expect(font.hasGlyphForCodePoint(c), ch).toBe(true);
      expect(font.characterSet.filter((x) => x >= 0x2e80).length).toBeLessThanOrEqual(new Set(TEXT).size);
    }
    // a character outside the text is still in its full slice
    const rare = '龘'.codePointAt(0)!;
    const rareFaces = faces.filter((f) => f.ranges.some(([lo, hi]) => rare >= lo && rare <= hi)).map((f) => f.file);
    expect(rareFaces).toHaveLength(1);
    expect(sa.fallback).toContain(rareFaces[0]);
    expect(css).toMatch(/font-family:'Noto Sans SC';font-style:normal;font-display:swap;font-weight:400;/);
    // the service worker precaches the subset faces only
    const needed = neededFontFiles(faces, new Set([...TEXT].map((ch) => ch.codePointAt(0)!)));
    expect([...needed].sort()).toEqual([...sa.files].sort());
  }, 60_000);

  it('takes a range out of a slice point by point', () => {
    expect(subtractPoints([[0x10, 0x20], [0x30, 0x30]], [0x10, 0x15, 0x16, 0x30])).toEqual([[0x11, 0x14], [0x17, 0x20]]);
  });
});
