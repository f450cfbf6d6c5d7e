// Which web-font slices the offline cache needs. @fontsource ships Noto Sans SC as ~100 unicode-range
// slices (2.4 MB); the browser downloads a slice only when a character in its range is drawn. The app's
// own text (UI strings, stories, plan data, place names) lives in the build's JS, JSON and HTML, so a
// slice is precached when one of those characters falls in its range. Other slices (e.g. a rare character
// in a user's imported file) are cached at run time when first used.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';

/**
 * Every code point in the build's text files (literal characters and \uXXXX escapes). `skip`: build-relative
 * paths of library-only chunks, whose text is never shown (fontkit's CJK encoding tables alone hold
 * 28,000 characters and would pick 90 of the 100 slices).
 */
export function usedCodePoints(outDir: string, skip: ReadonlySet<string> = new Set()): Set<number> {
  const used = new Set<number>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(m?js|json|html)$/.test(name) && !skip.has(relative(outDir, p).split(sep).join('/'))) {
        const text = readFileSync(p, 'utf8');
        for (const ch of text) used.add(ch.codePointAt(0)!);
        for (const m of text.matchAll(/\\u([0-9a-fA-F]{4})/g)) used.add(parseInt(m[1], 16));
      }
    }
  };
  walk(outDir);
  return used;
}

export interface FontFace {
  file: string;
  ranges: [number, number][];
}

/** The @font-face rules of the built stylesheets: woff2 file name and unicode ranges. */
export function fontFaces(css: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const m of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const url = /url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/.exec(m[1])?.[1];
    if (!url) continue;
    const range = /unicode-range:\s*([^;}]+)/.exec(m[1])?.[1];
    const ranges: [number, number][] = range
      ? range.split(',').map((r) => {
          // minifiers write U+0000-00FF as U+?? (wildcard digits)
          const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
          if (b === undefined) return [parseInt(a.replace(/\?/g, '0'), 16), parseInt(a.replace(/\?/g, 'F'), 16)];
          return [parseInt(a, 16), parseInt(b, 16)];
        })
      : [];
    faces.push({ file: basename(url), ranges });
  }
  return faces;
}

/**
 * ASCII is drawn by Noto Sans (first in the stack), whose faces carry no unicode-range and are always kept.
 * From U+0080 on a character may need a Noto Sans SC slice: CJK, but also what the Latin subset of Noto Sans
 * lacks (≈ → ▲ ● ★ ⚠ ≤, Cyrillic…), which the browser then takes from the next family, Noto Sans SC.
 */
export const SC_FROM = 0x80;

/** Names of the build-time CJK subset (scripts/pwa/subsetFonts.ts): its stylesheet and its font files. */
export const SUBSET_CSS_PREFIX = 'cjk-subset-';
export const SUBSET_FONT_PREFIX = 'cjk-';

/**
 * woff2 file names to precache: faces without a range, and for each used CJK character the face the browser
 * draws it with. `faces` in definition order: where ranges overlap (a build-time subset over a full slice,
 * scripts/pwa/subsetFonts.ts) the face defined last is checked first (CSS Fonts 4, §4.5), so a full slice
 * whose used characters all have a later face is not needed.
 */
export function neededFontFiles(faces: FontFace[], used: Set<number>): Set<string> {
  const out = new Set(faces.filter((f) => f.ranges.length === 0).map((f) => f.file));
  const ranged = faces.filter((f) => f.ranges.length > 0);
  for (const c of used) {
    if (c < SC_FROM) continue;
    for (let i = ranged.length - 1; i >= 0; i--) {
      if (ranged[i].ranges.some(([lo, hi]) => c >= lo && c <= hi)) {
        out.add(ranged[i].file);
        break;
      }
    }
  }
  return out;
}

/** The built stylesheets in the order the page defines their faces: the CJK subset's, linked last, after the rest. */
export function stylesheetOrder(files: readonly string[]): string[] {
  return [...files].sort((a, b) => Number(a.startsWith(SUBSET_CSS_PREFIX)) - Number(b.startsWith(SUBSET_CSS_PREFIX)) || (a < b ? -1 : a > b ? 1 : 0));
}
