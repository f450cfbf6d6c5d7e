// Build-time CJK font subsetting (issue 11: the install set's 1.9 MB of Noto Sans SC slices). In a build the
// @fontsource/noto-sans-sc stylesheets the app imports are left out of the bundle (`cjkFontSource`); after the
// bundle is written, `subsetCjkFonts` cuts each slice the app's own text touches (subset-font, HarfBuzz's
// hb-subset in wasm) to the characters of the build's text in its range, `assets/cjk-<slice>-<weight>-<hash>.woff2`,
// and writes `assets/cjk-subset-<hash>.css`, linked from index.html, which defines the family: the subset faces
// with exactly their characters, and every full slice (copied as the online fallback) with its range minus those
// characters. No character has two faces, so the browser (and `document.fonts.load`, which loads every face
// whose range meets the text) never fetches a full slice for text the subset draws. A character outside the
// subset (a user's typed title, an imported file's names) loads its full slice online (kept by the worker);
// offline, if it was never loaded, the next family of the stack draws it (the system's CJK font).
// Deterministic: hb-subset and the woff2 encoder have no clock or randomness; files are named by content hash.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import subsetFont from 'subset-font';
import { SC_FROM, SUBSET_CSS_PREFIX, SUBSET_FONT_PREFIX, fontFaces, usedCodePoints } from './fonts.ts';

const hash8 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex').slice(0, 8);

/** Ranges as a compact unicode-range value. */
export function formatRanges(ranges: readonly [number, number][]): string {
  const hex = (n: number) => n.toString(16);
  return ranges.map(([lo, hi]) => (lo === hi ? `U+${hex(lo)}` : `U+${hex(lo)}-${hex(hi)}`)).join(',');
}

/** Code points as ranges (runs of consecutive points become one range). */
export function pointRanges(points: readonly number[]): [number, number][] {
  const sorted = [...new Set(points)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && c === last[1] + 1) last[1] = c;
    else out.push([c, c]);
  }
  return out;
}

export const unicodeRange = (points: readonly number[]): string => formatRanges(pointRanges(points));

/** `ranges` without the code points in `cut` (sorted ascending). */
export function subtractPoints(ranges: readonly [number, number][], cut: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const [lo, hi] of ranges) {
    let from = lo;
    for (const c of cut) {
      if (c < from || c > hi) continue;
      if (c > from) out.push([from, c - 1]);
      from = c + 1;
    }
    if (from <= hi) out.push([from, hi]);
  }
  return out;
}

/** The @fontsource/noto-sans-sc stylesheets (e.g. `400.css`) the app imports. */
const SOURCE_CSS = /[\\/]@fontsource[\\/]noto-sans-sc[\\/][\w-]+\.css$/;

/**
 * In a build, the Noto Sans SC stylesheets are not bundled (their 100 faces would be defined twice, once over
 * the subset): they are recorded in `sources` for `subsetCjkFonts`, which defines the family instead.
 */
export function cjkFontSource(sources: Set<string>): Plugin {
  return {
    name: 'tongcheng-atlas-cjk-font-source',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (!SOURCE_CSS.test(id)) return null;
      sources.add(id);
      return '/* Noto Sans SC: defined by assets/cjk-subset-*.css (scripts/pwa/subsetFonts.ts) */';
    },
  };
}

export interface SubsetSummary {
  /** subset faces, the characters they hold, and their bytes against the full slices they stand in for */
  slices: number;
  characters: number;
  fullBytes: number;
  subsetBytes: number;
  css: string;
  files: string[];
  /** full slices copied as the online fallback (not precached) */
  fallback: string[];
}

/**
 * Writes the subset and fallback faces of the Noto Sans SC stylesheets `sources` into `outDir/assets` with
 * their stylesheet and links it from index.html. `skip`: library-only chunks whose text is never shown (as
 * for the precache).
 */
export async function subsetCjkFonts(outDir: string, sources: Iterable<string>, skip: ReadonlySet<string>): Promise<SubsetSummary> {
  const assets = join(outDir, 'assets');
  const used = [...usedCodePoints(outDir, skip)].filter((c) => c >= SC_FROM).sort((a, b) => a - b);
  const summary: SubsetSummary = { slices: 0, characters: 0, fullBytes: 0, subsetBytes: 0, css: '', files: [], fallback: [] };
  const fallbackRules: string[] = [];
  const subsetRules: string[] = [];
  for (const source of [...sources].sort()) {
    const faces = fontFaces(readFileSync(source, 'utf8')).filter((f) => f.ranges.length);
    // where slices overlap (the latin/cyrillic slices and numbered ones share symbols) the browser would draw
    // a character with the face defined last: each character goes to that slice only
    const taken = new Set<number>();
    const points = new Map<string, number[]>();
    for (const face of [...faces].reverse()) {
      const mine = used.filter((c) => !taken.has(c) && face.ranges.some(([lo, hi]) => c >= lo && c <= hi));
      for (const c of mine) taken.add(c);
      points.set(face.file, mine);
    }
    const cut = [...taken].sort((a, b) => a - b);
    for (const face of faces) {
      // noto-sans-sc-12-400-normal.woff2: the subset face keeps the slice's weight to stand in for it
      const [, slice, weight] = /^noto-sans-sc-([a-z0-9-]+?)-(\d{3})-normal\.woff2$/.exec(face.file) ?? [];
      if (!slice) throw new Error(`subsetFonts: unexpected Noto Sans SC file name ${face.file} in ${source}`);
      const full = readFileSync(resolve(dirname(source), 'files', face.file));
      const rule = (file: string, ranges: [number, number][]) =>
        `@font-face{font-family:'Noto Sans SC';font-style:normal;font-display:swap;font-weight:${weight};src:url(./${file}) format('woff2');unicode-range:${formatRanges(ranges)}}`;
      const rest = subtractPoints(face.ranges, cut);
      if (rest.length) {
        const name = face.file.replace(/\.woff2$/, `-${hash8(full)}.woff2`);
        writeFileSync(join(assets, name), full);
        fallbackRules.push(rule(name, rest));
        summary.fallback.push(name);
      }
      const mine = points.get(face.file)!;
      if (!mine.length) continue;
      const sub = await subsetFont(full, String.fromCodePoint(...mine), { targetFormat: 'woff2' });
      const name = `${SUBSET_FONT_PREFIX}${slice}-${weight}-${hash8(sub)}.woff2`;
      writeFileSync(join(assets, name), sub);
      subsetRules.push(rule(name, pointRanges(mine)));
      summary.slices++;
      summary.characters += mine.length;
      summary.fullBytes += full.length;
      summary.subsetBytes += sub.length;
      summary.files.push(name);
    }
  }
  const css =
    "/* Noto Sans SC (scripts/pwa/subsetFonts.ts): the full slices without the app's own characters (online fallback), then the subset of those characters */\n" +
    `${[...fallbackRules, ...subsetRules].join('\n')}\n`;
  summary.css = `${SUBSET_CSS_PREFIX}${hash8(css)}.css`;
  writeFileSync(join(assets, summary.css), css);
  const indexFile = join(outDir, 'index.html');
  const html = readFileSync(indexFile, 'utf8');
  if (!html.includes(SUBSET_CSS_PREFIX)) writeFileSync(indexFile, html.replace('</head>', `  <link rel="stylesheet" href="./assets/${summary.css}">\n  </head>`));
  return summary;
}
