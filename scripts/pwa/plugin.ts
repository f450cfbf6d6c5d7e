// Vite plugin for the built app only: generates the service worker after the bundle is written.
import type { Plugin, ResolvedConfig } from 'vite';
import { resolve } from 'node:path';
import { buildServiceWorker } from './serviceWorker.ts';

export function pwa(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'tongcheng-atlas-pwa',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    async closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const s = await buildServiceWorker(outDir);
      for (const w of s.warnings) config.logger.warn(`service worker: ${w}`);
      config.logger.info(
        `service worker: ${s.count} files precached, ${(s.bytes / 1024 / 1024).toFixed(2)} MB ` +
          `(font slices ${s.fonts.precached} of ${s.fonts.total})`,
      );
    },
  };
}
