// The service worker is generated after `vite build` from the build's own file list (workbox-build
// generateSW). On install it precaches what a phone needs before first use: the app, stories and kiosk,
// MapLibre and its worker, the data and the font slices the app's text needs. The tools a resident never
// opens (print/PDF, analysis tools, drawing, the import and analysis workers; scripts/pwa/split.ts) are
// left out of the install and fetched into the `-later` cache after the first load (src/pwa/register.ts),
// which the worker serves from, so offline works for everything once that finished.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateSW, type ManifestEntry, type ManifestTransform } from 'workbox-build';
import { SUBSET_FONT_PREFIX, fontFaces, neededFontFiles, stylesheetOrder, usedCodePoints } from './fonts.ts';
import type { PrecachePlan } from './split.ts';
import { CACHE_ID, LATER_CACHE, PLAN_FILE } from '../../src/pwa/names.ts';

export const SW_FILE = 'sw.js';

export interface PrecacheSummary {
  count: number;
  /** Bytes stored in the cache (uncompressed bodies). */
  bytes: number;
  /** Bytes on the wire from a server that gzips text (fonts are already compressed). */
  gzipBytes: number;
  /** font files precached, of all in the stylesheets; `subset`: of them the build-time CJK subset's */
  fonts: { precached: number; total: number; subset: number };
  /** Files fetched after the first load, not on install. */
  later: { count: number; bytes: number; gzipBytes: number };
  warnings: string[];
}

/** Bytes on the wire for a build file: fonts and images are already compressed. */
export function wireBytes(outDir: string, url: string): { bytes: number; gzipBytes: number } {
  const body = readFileSync(join(outDir, url));
  return { bytes: body.length, gzipBytes: /\.(woff2|png|webp|jpe?g|ogg|mp3|m4a)$/.test(url) ? body.length : gzipSync(body).length };
}

/** The build's split (written by the Vite plugin); a build without one precaches everything. */
export function readPlan(outDir: string): PrecachePlan {
  const file = join(outDir, PLAN_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PrecachePlan) : { later: [], libraryOnly: [] };
}

export async function buildServiceWorker(outDir: string): Promise<PrecacheSummary> {
  const assets = join(outDir, 'assets');
  // a build-time CJK subset (scripts/pwa/subsetFonts.ts) is defined last and so drawn first: the full slices
  // it covers are not precached, only fetched (and kept) online when a character outside it is drawn
  const css = stylesheetOrder(readdirSync(assets).filter((f) => f.endsWith('.css')))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
  const faces = fontFaces(css);
  const plan = readPlan(outDir);
  const needed = neededFontFiles(faces, usedCodePoints(outDir, new Set(plan.libraryOnly)));
  const later = new Set(plan.later);
  const keep = (e: ManifestEntry) => !later.has(e.url) && (!e.url.endsWith('.woff2') || needed.has(e.url.slice(e.url.lastIndexOf('/') + 1)));

  let gzipBytes = 0;
  const measure: ManifestTransform = async (entries) => {
    for (const e of entries) gzipBytes += wireBytes(outDir, e.url).gzipBytes;
    return { manifest: entries, warnings: [] as string[] };
  };
  const laterSize = plan.later.map((u) => wireBytes(outDir, u));
  const { count, size, warnings } = await generateSW({
    swDest: join(outDir, SW_FILE),
    globDirectory: outDir,
    // .woff (legacy fallback of @fontsource) is never used by a browser that runs this app
    // webp/jpg/ogg/mp3/m4a: story scene media (data/stories/media), so a kiosk scene with pictures and narration plays offline
    globPatterns: ['**/*.{html,js,mjs,css,json,webmanifest,svg,png,webp,jpg,jpeg,ogg,mp3,m4a,woff2}'],
    // the link preview (PREVIEW_FILE) is precached too: index.html's boot shell shows it, also offline
    globIgnores: [SW_FILE, 'workbox-*.js'],
    manifestTransforms: [async (entries) => ({ manifest: entries.filter(keep), warnings: [] }), measure],
    // MapLibre's chunk is ~1.1 MB
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    // hashed file names need no revision query
    dontCacheBustURLsMatching: /assets\/.+-[\w-]{8}\.\w+$/,
    cacheId: CACHE_ID,
    cleanupOutdatedCaches: true,
    // A new build takes over at once (see docs/offline-and-security.md): kiosks have nobody to click
    // "update"; the next load runs the new version.
    skipWaiting: true,
    clientsClaim: true,
    navigateFallback: 'index.html',
    // the participation server's routes (e.g. a moderator opening /api/mod/export.csv) are never the app
    navigateFallbackDenylist: [/\/api\//],
    inlineWorkboxRuntime: true,
    mode: 'production',
    sourcemap: false,
    runtimeCaching: [
      {
        // the later set: put there by the page after the first load, or by this route when a tool is
        // opened before that finished
        urlPattern: /\/assets\/[^/]+\.m?js$/,
        handler: 'CacheFirst',
        // servers that send `Vary: Origin` (vite preview) must not make the page's entry miss a module request
        options: { cacheName: LATER_CACHE, matchOptions: { ignoreVary: true } },
      },
      {
        // slices not precached (characters outside the app's own text) are kept once used
        urlPattern: /\.woff2$/,
        handler: 'CacheFirst',
        options: { cacheName: `${CACHE_ID}-fonts`, expiration: { maxEntries: 120 } },
      },
      {
        // the print fonts (1 MB) are not precached: fetched when the print dialog first opens, kept after
        urlPattern: /\/fonts\/print-[\w-]+\.ttf$/,
        handler: 'CacheFirst',
        options: { cacheName: `${CACHE_ID}-print-fonts`, expiration: { maxEntries: 4 }, matchOptions: { ignoreVary: true } },
      },
    ],
  });
  return {
    count,
    bytes: size,
    gzipBytes,
    fonts: { precached: needed.size, total: faces.length, subset: [...needed].filter((f) => f.startsWith(SUBSET_FONT_PREFIX)).length },
    later: { count: laterSize.length, bytes: laterSize.reduce((a, b) => a + b.bytes, 0), gzipBytes: laterSize.reduce((a, b) => a + b.gzipBytes, 0) },
    warnings,
  };
}
