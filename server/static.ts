// The built app (dist/) as static files. A path resolves inside the folder or not at all: no "..", no
// encoded separators, no NUL, no symlink leading out, no dot-files — anything else is a 404.
import { realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pbf': 'application/x-protobuf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function staticFiles(distDir: string) {
  let root: string | null = null;
  const rootDir = () => {
    try {
      root ??= realpathSync(resolve(distDir));
    } catch {
      return null; // no build: every static request is a 404
    }
    return root;
  };

  return async (c: Context): Promise<Response | null> => {
    const base = rootDir();
    if (!base || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return null;
    const raw = new URL(c.req.url).pathname;
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (path.includes('\0') || path.includes('\\')) return null;
    const parts = path.split('/').filter(Boolean);
    if (parts.some((p) => p === '..' || p.startsWith('.'))) return null;
    if (parts.length === 0) parts.push('index.html');
    const file = resolve(base, ...parts);
    if (!file.startsWith(base + sep)) return null;
    let real: string;
    try {
      real = realpathSync(file);
      if (!real.startsWith(base + sep) || !(await stat(real)).isFile()) return null;
    } catch {
      return null;
    }
    const ext = extname(real).toLowerCase();
    const body = c.req.method === 'HEAD' ? null : await readFile(real);
    const headers = new Headers({ 'Content-Type': TYPES[ext] ?? 'application/octet-stream' });
    // Vite's hashed assets never change; index.html and the service worker must be revalidated.
    headers.set('Cache-Control', parts[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache');
    return new Response(body, { status: 200, headers });
  };
}
