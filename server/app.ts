// The participation service: the built app plus /api/* (see docs/participation.md for the routes).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { IncomingMessage } from 'node:http';
import {
  ApproveSchema,
  CheckinSchema,
  LoginSchema,
  MergeSchema,
  PLACE_KEY,
  STORY_STATUSES,
  StorySchema,
  type StoryStatus,
  RejectSchema,
  ReplySchema,
  STATUSES,
  SubmissionSchema,
  normalizeReceipt,
  type Status,
} from '../src/lib/participation/schema.ts';
import {
  audit,
  checkPassword,
  createSession,
  createSuggestion,
  csrfMatches,
  decide,
  deviceHash,
  deviceSalt,
  endSession,
  exportCsv,
  listForModeration,
  mergeProblem,
  publishedGeoJSON,
  publishedVersion,
  receiptFor,
  statusCounts,
  sessionFor,
  SESSION_HOURS,
  type Decision,
  type Session,
} from './participation.ts';
import { checkinCounts, createCheckin, createStory, decideStory, listStories, publishedStories } from './kiosk.ts';
import { DEFAULT_LIMITS, RateLimiter, type RateLimits } from './ratelimit.ts';
import { securityHeaders } from './security.ts';
import { staticFiles } from './static.ts';
import type { Store } from './store.ts';

export interface AppOptions {
  store: Store;
  /** The built app; omitted or missing = API only. */
  distDir?: string;
  limits?: RateLimits;
  /** Largest JSON body accepted, bytes. */
  maxBody?: number;
  /** Secure cookies (default). Off only for a plain-HTTP LAN test; browsers allow Secure on http://localhost. */
  secureCookies?: boolean;
  /** Take the client IP from X-Forwarded-For (rightmost entry) — set only behind a reverse proxy. */
  trustProxy?: boolean;
  /** Extra origins for the CSP (self-hosted tile servers). */
  cspOrigins?: string[];
}

type Env = { Bindings: { incoming?: IncomingMessage }; Variables: { session: Session } };

const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;

// JSON with < > & and the JS line separators escaped: the same data, but no byte of a stored text can read as
// markup even if some client sniffs or embeds the answer.
export function safeJson(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

type Code = 200 | 201 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;
function json(c: Context, data: unknown, status: Code = 200, type = 'application/json; charset=utf-8') {
  return c.body(safeJson(data), status, { 'Content-Type': type });
}

/** If-None-Match against our ETag (weak comparison, a list or `*` allowed). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

function fail(c: Context, status: Exclude<Code, 200 | 201>, error: string, message: string, extra?: object) {
  return json(c, { error, message, ...extra }, status);
}

export function createApp(opts: AppOptions) {
  const { store } = opts;
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const secure = opts.secureCookies ?? true;
  const cookieName = secure ? '__Host-atlas_mod' : 'atlas_mod';
  const limiters = {
    submitIp: new RateLimiter(limits.submitIp),
    submitDevice: new RateLimiter(limits.submitDevice),
    kioskDevice: new RateLimiter(limits.kioskDevice),
    readIp: new RateLimiter(limits.readIp),
    loginIp: new RateLimiter(limits.loginIp),
  };
  const salt = deviceSalt(store);
  const serveStatic = opts.distDir ? staticFiles(opts.distDir) : null;

  const clientIp = (c: Context<Env>) => {
    if (opts.trustProxy) {
      const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (hops.length) return hops[hops.length - 1];
    }
    return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
  };

  const limited = (c: Context<Env>, limiter: RateLimiter, key: string) => {
    const wait = limiter.take(key);
    if (!wait) return null;
    c.header('Retry-After', String(wait));
    return fail(c, 429, 'rate_limited', `too many requests; retry in ${wait} s`);
  };

  /** JSON body → schema output, or the error response to return. */
  async function body<S extends v.GenericSchema>(c: Context<Env>, schema: S): Promise<v.InferOutput<S> | Response> {
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
      return fail(c, 415, 'unsupported_media_type', 'send JSON with Content-Type: application/json');
    }
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return fail(c, 400, 'invalid_json', 'the body is not valid JSON');
    }
    const r = v.safeParse(schema, raw);
    if (r.success) return r.output;
    const issues = r.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }));
    return fail(c, 400, 'invalid', issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), { issues });
  }

  const app = new Hono<Env>();
  app.use('*', securityHeaders(opts.cspOrigins));
  app.use('*', compress());
  app.use(
    '/api/*',
    bodyLimit({ maxSize: opts.maxBody ?? 16 * 1024, onError: (c) => fail(c, 413, 'too_large', `the body is larger than ${opts.maxBody ?? 16 * 1024} bytes`) }),
  );

  app.onError((err, c) => {
    console.error(`${c.req.method} ${c.req.path}:`, err);
    return fail(c, 500, 'server_error', 'the server failed; nothing was changed');
  });

  // ---- public ----------------------------------------------------------------------------------------------

  app.get('/api/health', async (c) => {
    try {
      await store.query('SELECT 1');
      return json(c, { ok: true, participation: true, store: store.kind });
    } catch {
      return fail(c, 503, 'store_unavailable', 'the store does not answer');
    }
  });

  app.post('/api/suggestions', async (c) => {
    const ip = clientIp(c);
    const rawDevice = c.req.header('x-device-id');
    const device = rawDevice && DEVICE_ID.test(rawDevice) ? rawDevice : null;
    const stop = limited(c, limiters.submitIp, ip) ?? (device ? limited(c, limiters.submitDevice, device) : null);
    if (stop) return stop;
    const s = await body(c, SubmissionSchema);
    if (s instanceof Response) return s;
    const created = await createSuggestion(store, s, device ? deviceHash(await salt, device) : null);
    return json(c, created, 201);
  });

  app.get('/api/suggestions.geojson', async (c) => {
    const stop = limited(c, limiters.readIp, clientIp(c));
    if (stop) return stop;
    // Revalidated on every use (no-cache + ETag): a client that polls gets 304 and no body until something changes.
    const etag = await publishedVersion(store);
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', etag);
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return json(c, await publishedGeoJSON(store), 200, 'application/geo+json; charset=utf-8');
  });

  app.get('/api/suggestions/:receipt', async (c) => {
    const stop = limited(c, limiters.readIp, clientIp(c));
    if (stop) return stop;
    const code = normalizeReceipt(c.req.param('receipt'));
    const r = code ? await receiptFor(store, code) : null;
    return r ? json(c, r) : fail(c, 404, 'not_found', 'no suggestion has this receipt code');
  });

  // ---- kiosk: check-ins and stories (idempotent on clientId: the outbox may resend) ----------------------

  const kioskDevice = (c: Context<Env>) => {
    const raw = c.req.header('x-device-id');
    return raw && DEVICE_ID.test(raw) ? raw : null;
  };

  app.post('/api/checkins', async (c) => {
    const device = kioskDevice(c);
    const stop = limited(c, limiters.submitIp, clientIp(c)) ?? (device ? limited(c, limiters.kioskDevice, device) : null);
    if (stop) return stop;
    const b = await body(c, CheckinSchema);
    if (b instanceof Response) return b;
    const r = await createCheckin(store, b, device ? deviceHash(await salt, device) : null);
    const [count] = await checkinCounts(store, r.place);
    return json(c, { ...r, count: count.n }, r.duplicate ? 200 : 201);
  });

  app.get('/api/checkins/counts', async (c) => {
    const stop = limited(c, limiters.readIp, clientIp(c));
    if (stop) return stop;
    const place = c.req.query('place');
    if (place !== undefined && !PLACE_KEY.test(place)) return fail(c, 400, 'invalid', 'place must be scene:…, element:…, county:…, prefecture:… or town:…');
    return json(c, { items: await checkinCounts(store, place) });
  });

  app.post('/api/stories', async (c) => {
    const device = kioskDevice(c);
    const stop = limited(c, limiters.submitIp, clientIp(c)) ?? (device ? limited(c, limiters.kioskDevice, device) : null);
    if (stop) return stop;
    const b = await body(c, StorySchema);
    if (b instanceof Response) return b;
    const r = await createStory(store, b, device ? deviceHash(await salt, device) : null);
    return json(c, r, r.duplicate ? 200 : 201);
  });

  app.get('/api/stories', async (c) => {
    const stop = limited(c, limiters.readIp, clientIp(c));
    if (stop) return stop;
    const place = c.req.query('place');
    if (place !== undefined && !PLACE_KEY.test(place)) return fail(c, 400, 'invalid', 'place must be scene:…, element:…, county:…, prefecture:… or town:…');
    return json(c, { items: await publishedStories(store, place) });
  });

  // ---- moderators ------------------------------------------------------------------------------------------

  app.post('/api/mod/login', async (c) => {
    const stop = limited(c, limiters.loginIp, clientIp(c));
    if (stop) return stop;
    const b = await body(c, LoginSchema);
    if (b instanceof Response) return b;
    const mod = await checkPassword(store, b.name, b.password);
    if (!mod) {
      await audit(store, { id: null, name: b.name }, 'login_failed', null, { ip: clientIp(c) });
      return fail(c, 401, 'bad_login', 'wrong name or password');
    }
    const { token, csrf } = await createSession(store, mod);
    await audit(store, mod, 'login', null);
    setCookie(c, cookieName, token, { httpOnly: true, secure, sameSite: 'Strict', path: '/', maxAge: SESSION_HOURS * 3600 });
    return json(c, { name: mod.name, csrf });
  });

  // Every other moderator route: a live session; state changes also need the session's CSRF token.
  app.use('/api/mod/*', async (c, next) => {
    if (c.req.path === '/api/mod/login') return next();
    const token = getCookie(c, cookieName);
    const session = token ? await sessionFor(store, token) : null;
    if (!session) return fail(c, 401, 'unauthorized', 'log in as a moderator');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !csrfMatches(session, c.req.header('x-csrf-token'))) {
      return fail(c, 403, 'csrf', 'missing or wrong X-CSRF-Token');
    }
    c.set('session', session);
    return next();
  });

  app.get('/api/mod/session', (c) => {
    const s = c.get('session');
    return json(c, { name: s.name, csrf: s.csrf });
  });

  app.post('/api/mod/logout', async (c) => {
    const s = c.get('session');
    await endSession(store, s);
    await audit(store, s, 'logout', null);
    deleteCookie(c, cookieName, { path: '/', secure });
    return json(c, { ok: true });
  });

  const statusParam = (c: Context<Env>, fallback: Status): Status | null => {
    const s = c.req.query('status') ?? fallback;
    return (STATUSES as readonly string[]).includes(s) ? (s as Status) : null;
  };

  app.get('/api/mod/suggestions', async (c) => {
    const status = statusParam(c, 'pending');
    const limit = Number(c.req.query('limit') ?? 100);
    const after = Number(c.req.query('after') ?? 0);
    if (!status || !Number.isInteger(limit) || limit < 1 || limit > 500 || !Number.isInteger(after) || after < 0) {
      return fail(c, 400, 'invalid', 'status must be pending, published, rejected or merged; limit 1–500; after a non-negative id');
    }
    const [page, counts] = await Promise.all([listForModeration(store, status, limit, after), statusCounts(store)]);
    return json(c, { ...page, counts: Object.fromEntries(STATUSES.map((s) => [s, counts[s] ?? 0])) });
  });

  const decision = (kind: Decision['action'], schema: typeof ApproveSchema | typeof RejectSchema | typeof ReplySchema) =>
    app.post(`/api/mod/suggestions/:id/${kind}`, async (c) => {
      const id = Number(c.req.param('id'));
      if (!Number.isSafeInteger(id) || id < 1) return fail(c, 404, 'not_found', 'no such suggestion');
      const b = await body(c, schema);
      if (b instanceof Response) return b;
      const r = await decide(store, c.get('session'), id, { action: kind, ...b } as Decision);
      return r ? json(c, r) : fail(c, 404, 'not_found', 'no such suggestion');
    });
  decision('approve', ApproveSchema);
  decision('reject', RejectSchema);
  decision('reply', ReplySchema);

  // Merging a duplicate into another suggestion: the duplicate's receipt then names the one it joined.
  app.post('/api/mod/suggestions/:id/merge', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id) || id < 1) return fail(c, 404, 'not_found', 'no such suggestion');
    const b = await body(c, MergeSchema);
    if (b instanceof Response) return b;
    const problem = await mergeProblem(store, id, b.into);
    if (problem === 'self') return fail(c, 400, 'invalid', 'a suggestion cannot be merged into itself');
    if (problem === 'target_missing') return fail(c, 404, 'not_found', `no suggestion ${b.into} to merge into`);
    if (problem === 'target_merged') return fail(c, 409, 'conflict', `suggestion ${b.into} is itself merged; merge into the one it joined`);
    const r = await decide(store, c.get('session'), id, { action: 'merge', into: b.into });
    return r ? json(c, r) : fail(c, 404, 'not_found', 'no such suggestion');
  });

  const storyStatus = (c: Context<Env>): StoryStatus | null => {
    const s = c.req.query('status') ?? 'pending';
    return (STORY_STATUSES as readonly string[]).includes(s) ? (s as StoryStatus) : null;
  };
  app.get('/api/mod/stories', async (c) => {
    const status = storyStatus(c);
    const limit = Number(c.req.query('limit') ?? 100);
    const after = Number(c.req.query('after') ?? 0);
    if (!status || !Number.isInteger(limit) || limit < 1 || limit > 500 || !Number.isInteger(after) || after < 0) {
      return fail(c, 400, 'invalid', 'status must be pending, published or rejected; limit 1–500; after a non-negative id');
    }
    const [page, counts] = await Promise.all([listStories(store, status, limit, after), statusCounts(store, 'stories')]);
    return json(c, { ...page, counts: Object.fromEntries(STORY_STATUSES.map((s) => [s, counts[s] ?? 0])) });
  });
  for (const kind of ['approve', 'reject'] as const) {
    app.post(`/api/mod/stories/:id/${kind}`, async (c) => {
      const id = Number(c.req.param('id'));
      if (!Number.isSafeInteger(id) || id < 1) return fail(c, 404, 'not_found', 'no such story');
      const b = await body(c, kind === 'approve' ? v.strictObject({}) : RejectSchema);
      if (b instanceof Response) return b;
      const r = await decideStory(store, c.get('session'), id, kind === 'approve' ? { action: 'approve' } : { action: 'reject', reason: (b as { reason: string }).reason });
      return r ? json(c, r) : fail(c, 404, 'not_found', 'no such story');
    });
  }

  app.get('/api/mod/export.csv', async (c) => {
    const status = statusParam(c, 'published');
    if (!status) return fail(c, 400, 'invalid', 'status must be pending, published, rejected or merged');
    await audit(store, c.get('session'), 'export_csv', null, { status });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="suggestions-${status}.csv"`);
    return c.body(await exportCsv(store, status));
  });

  app.get('/api/mod/export.geojson', async (c) => {
    const status = statusParam(c, 'published');
    if (!status) return fail(c, 400, 'invalid', 'status must be pending, published, rejected or merged');
    await audit(store, c.get('session'), 'export_geojson', null, { status });
    c.header('Content-Disposition', `attachment; filename="suggestions-${status}.geojson"`);
    return json(c, await publishedGeoJSON(store, status), 200, 'application/geo+json; charset=utf-8');
  });

  app.get('/api/mod/audit', async (c) => {
    const r = await store.query('SELECT id, at, moderator, action, suggestion_id, story_id, detail FROM audit_log ORDER BY id DESC LIMIT 200');
    return json(c, { items: r.rows });
  });

  app.all('/api/*', (c) => fail(c, 404, 'not_found', 'no such API route'));

  // ---- the app ---------------------------------------------------------------------------------------------

  app.all('*', async (c) => {
    const res = serveStatic ? await serveStatic(c) : null;
    return res ?? c.text('Not found', 404);
  });

  return app;
}
