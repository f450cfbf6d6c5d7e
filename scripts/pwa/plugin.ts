// Vite plugin for the built app only: the Content-Security-Policy <meta> in index.html (not in dev: the
// dev server needs inline HMR scripts), the web app manifest and theme colour, and the service worker,
// generated after the bundle is written.
import type { Plugin, ResolvedConfig } from 'vite';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PREVIEW_FILE, drawPreview } from './preview.ts';
import { buildServiceWorker, readPlan } from './serviceWorker.ts';
import { cjkFontSource, subsetCjkFonts } from './subsetFonts.ts';
import { contentSecurityPolicy } from '../../src/config/csp.ts';
import { MANIFEST_FILE, THEME_COLOR, webManifest } from './manifest.ts';
import { precachePlan, type ChunkInfo } from './split.ts';
import { PLAN_FILE } from '../../src/pwa/names.ts';

export function pwa(): Plugin[] {
  let config: ResolvedConfig;
  // the Noto Sans SC stylesheets the app imports, defined after the bundle by the CJK subset
  const cjkSources = new Set<string>();
  return [cjkFontSource(cjkSources), {
    name: 'tongcheng-atlas-pwa',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        // first in <head>: a policy applies only to what follows it
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() }, injectTo: 'head-prepend' },
        { tag: 'meta', attrs: { name: 'theme-color', content: THEME_COLOR }, injectTo: 'head' },
        { tag: 'link', attrs: { rel: 'manifest', href: `./${MANIFEST_FILE}` }, injectTo: 'head' },
      ],
    },
    generateBundle(_options, bundle) {
      this.emitFile({ type: 'asset', fileName: MANIFEST_FILE, source: webManifest() });
      // the link preview (og:image), drawn from the plan bundle this build ships
      this.emitFile({ type: 'asset', fileName: PREVIEW_FILE, source: drawPreview(JSON.parse(readFileSync(join(config.publicDir, 'data/plan/map.topo.json'), 'utf8'))) });
      // which files the service worker precaches on install and which wait (scripts/pwa/split.ts)
      const chunks: ChunkInfo[] = [];
      const assets: string[] = [];
      for (const f of Object.values(bundle)) {
        if (f.type === 'chunk') chunks.push({ fileName: f.fileName, isEntry: f.isEntry, imports: f.imports, dynamicImports: f.dynamicImports, moduleIds: f.moduleIds });
        else assets.push(f.fileName);
      }
      this.emitFile({ type: 'asset', fileName: PLAN_FILE, source: JSON.stringify(precachePlan(chunks, assets), null, 1) });
    },
    async closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      // the CJK slices cut to the build's own characters (the full slices stay as the online fallback)
      const sub = await subsetCjkFonts(outDir, cjkSources, new Set(readPlan(outDir).libraryOnly));
      config.logger.info(
        `cjk subset: ${sub.characters} characters in ${sub.slices} slices, ${(sub.subsetBytes / 1024).toFixed(0)} KB ` +
          `instead of ${(sub.fullBytes / 1024).toFixed(0)} KB (${sub.css}; ${sub.fallback.length} full slices as the online fallback)`,
      );
      const s = await buildServiceWorker(outDir);
      for (const w of s.warnings) config.logger.warn(`service worker: ${w}`);
      config.logger.info(
        `service worker: ${s.count} files precached on install, ${(s.bytes / 1024 / 1024).toFixed(2)} MB stored, ` +
          `${(s.gzipBytes / 1024 / 1024).toFixed(2)} MB gzip on the wire ` +
          `(font files ${s.fonts.precached} of ${s.fonts.total}, ${s.fonts.subset} of them the CJK subset); ` +
          `${s.later.count} files after the first load, ${(s.later.gzipBytes / 1024 / 1024).toFixed(2)} MB gzip`,
      );
    },
  }];
}
