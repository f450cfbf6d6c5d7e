// Security headers for every response. The app gets the same CSP as the static build's <meta> (one source,
// src/config/csp.ts) plus frame-ancestors; API answers get a policy that allows nothing at all.
import type { MiddlewareHandler } from 'hono';
import { contentSecurityPolicy } from '../src/config/csp.ts';

/** The built app's own policy (src/config/csp.ts, tile hosts from the basemap config) in its header form. */
export function appCsp(extraOrigins: string[] = []): string {
  return contentSecurityPolicy({ header: true, extraOrigins });
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
