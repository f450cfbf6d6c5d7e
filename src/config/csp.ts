// The Content-Security-Policy of the built app, derived from the basemap settings so a new online
// basemap in basemaps.ts is allowed without a second list. Used at build time (a <meta> in index.html,
// scripts/pwa/plugin.ts) and documented as the header for servers (docs/offline-and-security.md).
import { BASEMAPS, type BasemapConfig } from './basemaps.ts';

/** Origins of every online basemap's tile templates (tiles and label tiles). */
export function basemapOrigins(basemaps: readonly BasemapConfig[] = BASEMAPS): string[] {
  const out = new Set<string>();
  for (const b of basemaps) for (const t of [...b.tiles, ...(b.labelTiles ?? [])]) out.add(new URL(t.replace(/\{[^}]*\}/g, '0')).origin);
  return [...out].sort();
}

/**
 * The directives. `header` adds what a <meta> policy cannot carry (frame-ancestors); extra origins are
 * for self-hosted tile servers.
 */
export function contentSecurityPolicy(opts: { header?: boolean; extraOrigins?: string[] } = {}): string {
  const tiles = [...basemapOrigins(), ...(opts.extraOrigins ?? [])].join(' ');
  const directives = [
    "default-src 'self'",
    // no inline script, no eval: the build emits module files only
    "script-src 'self'",
    // MapLibre's and the app's workers and the service worker are files of the build
    "worker-src 'self'",
    // stylesheets are files; Svelte templates and MapLibre set style attributes
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    // data:/blob: for canvas exports, icons and MapLibre's image decoding
    `img-src 'self' data: blob: ${tiles}`,
    `connect-src 'self' ${tiles}`,
    // a scene's narration: shipped files, or data: URLs embedded in an imported story (src/lib/story/media.ts)
    "media-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "manifest-src 'self'",
  ];
  if (opts.header) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}
