// API behaviour, the same on the embedded store (PGlite) and on a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type Store } from '../../server/store.ts';
import { purge } from '../../server/retention.ts';
import { PG_SKIP_REASON, STORES, setup, suggestion } from './helpers.ts';

for (const sc of STORES) {
  describe.skipIf(sc.skip)(`participation API on ${sc.name}${sc.skip ? ` (skipped: ${PG_SKIP_REASON})` : ''}`, () => {
    let store: Store;
    let t: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      store = await sc.open();
      t = await setup(store);
    }, 60_000);
    afterAll(async () => store?.close());

    it('answers health with the store kind', async () => {
      const r = await t.req('/api/health');
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ ok: true, participation: true, store: sc.name });
    });

    it('migrations run once: a second run applies nothing', async () => {
      expect(await migrate(store)).toEqual([]);
      const v = await store.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(v.rows.map((r) => r.version)).toEqual(['001', '002']);
    });

    it('takes a suggestion and answers id, receipt and pending; the receipt shows it without the contact', async () => {
      const r = await t.post('/api/suggestions', suggestion({ contact: '13800000000', elementId: 'station-tianfu' }));
      expect(r.status).toBe(201);
      const out = (await r.json()) as { id: number; receipt: string; status: string };
      expect(out.status).toBe('pending');
      expect(out.id).toBeGreaterThan(0);
      expect(out.receipt).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);

      const got = await t.req(`/api/suggestions/${out.receipt.toLowerCase().replace('-', '')}`);
      expect(got.status).toBe(200);
      const body = await got.text();
      expect(body).not.toContain('13800000000');
      const rec = JSON.parse(body);
      expect(rec).toMatchObject({ receipt: out.receipt, status: 'pending', category: 'idea', text: '在这里加一个公交站', elementId: 'station-tianfu', reply: null });
      expect(Object.keys(rec)).not.toContain('contact');
    });

    it('rounds the pin to 0.001° (~100 m) unless exact is chosen', async () => {
      const a = await (await t.post('/api/suggestions', suggestion({ lon: 104.065739, lat: 30.659461 }))).json();
      const b = await (await t.post('/api/suggestions', suggestion({ lon: 104.065739, lat: 30.659461, exact: true }))).json();
      const ra = await (await t.req(`/api/suggestions/${a.receipt}`)).json();
      const rb = await (await t.req(`/api/suggestions/${b.receipt}`)).json();
      expect([ra.lon, ra.lat]).toEqual([104.066, 30.659]);
      expect([rb.lon, rb.lat]).toEqual([104.065739, 30.659461]);
    });

    it('takes an element id without a position', async () => {
      const r = await t.post('/api/suggestions', { category: 'question', text: '什么时候开通？', elementId: 'rail-s3-ziyang', lang: 'zh' });
      expect(r.status).toBe(201);
    });

    it.each([
      ['unknown category', suggestion({ category: 'spam' }), 'category'],
      ['empty text', suggestion({ text: '   ' }), 'text'],
      ['text too long', suggestion({ text: 'x'.repeat(2001) }), 'text'],
      ['lon without lat', { category: 'idea', text: 'x', lon: 104 }, 'lon and lat'],
      ['neither position nor element', { category: 'idea', text: 'x' }, 'position'],
      ['longitude out of range', suggestion({ lon: 200 }), 'lon'],
      ['a string for a number', suggestion({ lat: '30.6' }), 'lat'],
      ['an unknown field', suggestion({ status: 'published' }), 'status'],
      ['a NUL character', suggestion({ text: 'a\u0000b' }), 'control'],
      ['an element id with spaces', suggestion({ elementId: 'a b' }), 'elementId'],
    ])('rejects %s with 400 naming the problem, and stores nothing', async (_what, payload, mentions) => {
      const before = (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM suggestions')).rows[0].n;
      const r = await t.post('/api/suggestions', payload);
      expect(r.status).toBe(400);
      const e = (await r.json()) as { error: string; message: string };
      expect(e.error).toBe('invalid');
      expect(e.message).toContain(mentions);
      expect((await store.query<{ n: number }>('SELECT count(*)::int AS n FROM suggestions')).rows[0].n).toBe(before);
    });

    it('answers 415 for a body that is not JSON, 400 for broken JSON', async () => {
      expect((await t.req('/api/suggestions', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' })).status).toBe(415);
      const bad = await t.req('/api/suggestions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"category":' });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toBe('invalid_json');
    });

    it('answers 404 for an unknown or malformed receipt', async () => {
      expect((await t.req('/api/suggestions/AAAAA-AAAAA')).status).toBe(404);
      expect((await t.req('/api/suggestions/not-a-code')).status).toBe(404);
    });

    it('moderation: list pending with contact, approve with reply, publish to GeoJSON, reply again; all audited', async () => {
      const { receipt, id } = await (await t.post('/api/suggestions', suggestion({ text: '请增加夜间班次', contact: 'wx:resident1', category: 'concern' }))).json();
      const { cookie, csrf } = await t.login();
      const h = { cookie, 'x-csrf-token': csrf };

      const list = await (await t.req('/api/mod/suggestions?status=pending', { headers: { cookie } })).json();
      const item = list.items.find((i: { id: number }) => i.id === id);
      expect(item).toMatchObject({ text: '请增加夜间班次', contact: 'wx:resident1', status: 'pending' });

      let geo = await (await t.req('/api/suggestions.geojson')).json();
      expect(geo.features.some((f: { id: number }) => f.id === id)).toBe(false);

      const ok = await t.post(`/api/mod/suggestions/${id}/approve`, { reply: '已转交公交集团' }, h);
      expect(ok.status).toBe(200);
      expect((await ok.json()).status).toBe('published');

      const pub = await t.req('/api/suggestions.geojson');
      expect(pub.headers.get('content-type')).toContain('application/geo+json');
      geo = await pub.json();
      const f = geo.features.find((x: { id: number }) => x.id === id);
      expect(f).toMatchObject({ geometry: { type: 'Point', coordinates: [104.066, 30.659] }, properties: { category: 'concern', text: '请增加夜间班次', reply: '已转交公交集团' } });
      expect(JSON.stringify(geo)).not.toContain('wx:resident1');

      const rep = await t.post(`/api/mod/suggestions/${id}/reply`, { reply: '夜间线路将于下月试运行' }, h);
      expect(rep.status).toBe(200);
      const rec = await (await t.req(`/api/suggestions/${receipt}`)).json();
      expect(rec).toMatchObject({ status: 'published', reply: '夜间线路将于下月试运行' });
      expect(rec.repliedAt).not.toBeNull();

      const audit = await (await t.req('/api/mod/audit', { headers: { cookie } })).json();
      const mine = audit.items.filter((a: { suggestion_id: number | null }) => a.suggestion_id === id).map((a: { action: string }) => a.action);
      expect(mine.sort()).toEqual(['approve', 'reply']);
      expect(audit.items.some((a: { action: string; moderator: string }) => a.action === 'login' && a.moderator === t.mod.name)).toBe(true);
    });

    it('moderation: reject with a reason; the receipt shows it, the map never does', async () => {
      const { receipt, id } = await (await t.post('/api/suggestions', suggestion({ text: '广告 spam' }))).json();
      const { cookie, csrf } = await t.login();
      expect((await t.post(`/api/mod/suggestions/${id}/reject`, {}, { cookie, 'x-csrf-token': csrf })).status).toBe(400);
      const r = await t.post(`/api/mod/suggestions/${id}/reject`, { reason: '与规划无关' }, { cookie, 'x-csrf-token': csrf });
      expect(r.status).toBe(200);
      expect(await (await t.req(`/api/suggestions/${receipt}`)).json()).toMatchObject({ status: 'rejected', rejectReason: '与规划无关' });
      const geo = await (await t.req('/api/suggestions.geojson')).json();
      expect(geo.features.some((f: { id: number }) => f.id === id)).toBe(false);
      expect((await t.post('/api/mod/suggestions/999999/approve', {}, { cookie, 'x-csrf-token': csrf })).status).toBe(404);
    });

    it('exports CSV and GeoJSON without contacts; formulas stay text; exports are audited', async () => {
      const { id } = await (await t.post('/api/suggestions', suggestion({ text: '=HYPERLINK("http://x","y")', contact: 'secret-contact@example.com' }))).json();
      const { cookie, csrf } = await t.login();
      await t.post(`/api/mod/suggestions/${id}/approve`, {}, { cookie, 'x-csrf-token': csrf });
      const csv = await t.req('/api/mod/export.csv', { headers: { cookie } });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: spreadsheet programs then read UTF-8
      const text = new TextDecoder().decode(bytes);
      expect(text.startsWith('id,receipt,status,category,text')).toBe(true);
      expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
      expect(text).not.toContain('secret-contact');
      const geo = await t.req('/api/mod/export.geojson?status=published', { headers: { cookie } });
      const g = await geo.json();
      expect(g.features.find((f: { id: number }) => f.id === id)).toBeTruthy();
      expect(JSON.stringify(g)).not.toContain('secret-contact');
      const audit = await (await t.req('/api/mod/audit', { headers: { cookie } })).json();
      const actions = audit.items.map((a: { action: string }) => a.action);
      expect(actions).toContain('export_csv');
      expect(actions).toContain('export_geojson');
    });

    it('logout ends the session', async () => {
      const { cookie, csrf } = await t.login();
      expect((await t.req('/api/mod/session', { headers: { cookie } })).status).toBe(200);
      expect((await t.post('/api/mod/logout', {}, { cookie, 'x-csrf-token': csrf })).status).toBe(200);
      expect((await t.req('/api/mod/session', { headers: { cookie } })).status).toBe(401);
    });

    it('retention: erases contact and device after the period, deletes old rejected suggestions, keeps the rest', async () => {
      const old = await (await t.post('/api/suggestions', suggestion({ contact: 'old@example.com' }), { 'x-device-id': 'device-old-0001' })).json();
      const fresh = await (await t.post('/api/suggestions', suggestion({ contact: 'new@example.com' }), { 'x-device-id': 'device-new-0001' })).json();
      const gone = await (await t.post('/api/suggestions', suggestion())).json();
      await store.query(`UPDATE suggestions SET status = 'published', updated_at = now() - interval '181 days' WHERE id = $1`, [old.id]);
      await store.query(`UPDATE suggestions SET status = 'rejected', updated_at = now() - interval '181 days' WHERE id = $1`, [gone.id]);
      const p = await purge(store);
      expect(p.personal).toBeGreaterThanOrEqual(1);
      expect(p.rejected).toBeGreaterThanOrEqual(1);
      const rows = await store.query<{ id: number; contact: string | null; device_hash: string | null }>(
        'SELECT id, contact, device_hash FROM suggestions WHERE id = ANY($1::bigint[])',
        [[old.id, fresh.id, gone.id]],
      );
      const byId = new Map(rows.rows.map((r) => [r.id, r]));
      expect(byId.get(old.id)).toMatchObject({ contact: null, device_hash: null });
      expect(byId.get(fresh.id)?.contact).toBe('new@example.com');
      expect(byId.get(fresh.id)?.device_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(byId.has(gone.id)).toBe(false);
    });
  });
}
