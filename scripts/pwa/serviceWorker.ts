// The service worker is generated after `vite build` from the build's own file list (workbox-build
// generateSW), so every chunk the app may load later (story, workspace, analysis panels, MapLibre's and
// the app's workers), the data files and the fonts the app's text needs are precached on the first visit.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateSW, type ManifestEntry, type ManifestTransform } from 'workbox-build';
import { fontFaces, neededFontFiles, usedCodePoints } from './fonts.ts';

export const SW_FILE = 'sw.js';
/** Cache-name prefix; the page removes caches of the earlier hand-written worker (same prefix, no 'workbox'). */
export const CACHE_ID = 'tongcheng-atlas';

export interface PrecacheSummary {
  count: number;
  /** Bytes stored in the cache (uncompressed bodies). */
  bytes: number;
  /** Bytes on the wire from a server that gzips text (fonts are already compressed). */
  gzipBytes: number;
  fonts: { precached: number; total: number };
  warnings: string[];
}

export async function buildServiceWorker(outDir: string): Promise<PrecacheSummary> {
  const assets = join(outDir, 'assets');
  const css = readdirSync(assets)
    .filter((f) => f.endsWith('.css'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
  const faces = fontFaces(css);
  const needed = neededFontFiles(faces, usedCodePoints(outDir));
  const keepFont = (e: ManifestEntry) => !e.url.endsWith('.woff2') || needed.has(e.url.slice(e.url.lastIndexOf('/') + 1));

  let gzipBytes = 0;
  const measure: ManifestTransform = async (entries) => {
    for (const e of entries) {
      const body = readFileSync(join(outDir, e.url));
      gzipBytes += /\.(woff2|png)$/.test(e.url) ? body.length : gzipSync(body).length;
    }
    return { manifest: entries, warnings: [] as string[] };
  };
  const { count, size, warnings } = await generateSW({
    swDest: join(outDir, SW_FILE),
    globDirectory: outDir,
    // .woff (legacy fallback of @fontsource) is never used by a browser that runs this app
    globPatterns: ['**/*.{html,js,mjs,css,json,webmanifest,svg,png,woff2}'],
    globIgnores: [SW_FILE, 'workbox-*.js'],
    manifestTransforms: [async (entries) => ({ manifest: entries.filter(keepFont), warnings: [] }), measure],
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
        // slices not precached (characters outside the app's own text) are kept once used
        urlPattern: /\.woff2$/,
        handler: 'CacheFirst',
        options: { cacheName: `${CACHE_ID}-fonts`, expiration: { maxEntries: 120 } },
      },
      {
        // the print fonts (1 MB) are not precached: fetched when the print dialog first opens, kept after
        urlPattern: /\/fonts\/print-[\w-]+\.ttf$/,
        handler: 'CacheFirst',
        options: { cacheName: `${CACHE_ID}-print-fonts`, expiration: { maxEntries: 4 } },
      },
    ],
  });
  return {
    count,
    bytes: size,
    gzipBytes,
    fonts: { precached: needed.size, total: faces.length },
    warnings,
  };
}
