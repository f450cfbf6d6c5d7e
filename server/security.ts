// Security headers for every response. The app's CSP allows only its own origin plus the online basemaps'
// tile hosts (src/config/basemaps.ts); API answers get a policy that allows nothing at all.
import type { MiddlewareHandler } from 'hono';

const TILE_HOSTS = ['https://*.tianditu.gov.cn', 'https://tile.openstreetmap.org', 'https://*.is.autonavi.com'];

export function appCsp(extraOrigins: string[] = []): string {
  const tiles = [...TILE_HOSTS, ...extraOrigins].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Svelte and MapLibre set style attributes; no inline <script> is allowed.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${tiles}`,
    `connect-src 'self' ${tiles}`,
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(extraOrigins: string[] = []): MiddlewareHandler {
  const csp = appCsp(extraOrigins);
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', c.req.path.startsWith('/api/') ? API_CSP : csp);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), payment=(), geolocation=(self)');
    if (c.req.path.startsWith('/api/') && !h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  };
}
