// Merging duplicates, kiosk check-ins and visitors' stories: the same on PGlite and on a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store.ts';
import { purge } from '../../server/retention.ts';
import { PG_SKIP_REASON, STORES, setup, suggestion } from './helpers.ts';

const cid = (n: number | string) => `client-${n}-${Math.random().toString(36).slice(2, 10)}`;

for (const sc of STORES) {
  describe.skipIf(sc.skip)(`merge, check-ins and stories on ${sc.name}${sc.skip ? ` (skipped: ${PG_SKIP_REASON})` : ''}`, () => {
    let store: Store;
    let t: Awaited<ReturnType<typeof setup>>;
    let h: Record<string, string>;
    beforeAll(async () => {
      store = await sc.open();
      t = await setup(store);
      const { cookie, csrf } = await t.login();
      h = { cookie, 'x-csrf-token': csrf };
    }, 60_000);
    afterAll(async () => store?.close());

    const submit = async (over = {}) => (await t.post('/api/suggestions', suggestion(over))).json() as Promise<{ id: number; receipt: string }>;

    it('merges a duplicate: its receipt names the one it joined, the queue lists it as merged, the audit log has it', async () => {
      const a = await submit({ text: '加装隔音屏' });
      const b = await submit({ text: '请加装隔音屏！' });
      const r = await t.post(`/api/mod/suggestions/${b.id}/merge`, { into: a.id }, h);
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ id: b.id, status: 'merged', mergedInto: a.receipt });
      expect(await (await t.req(`/api/suggestions/${b.receipt}`)).json()).toMatchObject({ status: 'merged', mergedInto: a.receipt });
      expect(await (await t.req(`/api/suggestions/${a.receipt}`)).json()).toMatchObject({ status: 'pending', mergedInto: null });
      const merged = (await (await t.req('/api/mod/suggestions?status=merged', { headers: h })).json()).items;
      expect(merged.map((i: { id: number }) => i.id)).toContain(b.id);
      const audit = (await (await t.req('/api/mod/audit', { headers: h })).json()).items;
      expect(audit[0]).toMatchObject({ action: 'merge', suggestion_id: b.id, detail: JSON.stringify({ into: a.id }) });
    });

    it('a suggestion merged into one that is then merged follows it along; merging into itself, a missing or a merged one is refused', async () => {
      const a = await submit();
      const b = await submit();
      const c = await submit();
      expect((await t.post(`/api/mod/suggestions/${b.id}/merge`, { into: a.id }, h)).status).toBe(200);
      expect((await t.post(`/api/mod/suggestions/${a.id}/merge`, { into: c.id }, h)).status).toBe(200);
      expect(await (await t.req(`/api/suggestions/${b.receipt}`)).json()).toMatchObject({ mergedInto: c.receipt });
      expect((await t.post(`/api/mod/suggestions/${c.id}/merge`, { into: c.id }, h)).status).toBe(400);
      expect((await t.post(`/api/mod/suggestions/${c.id}/merge`, { into: 99_999_999 }, h)).status).toBe(404);
      expect((await t.post(`/api/mod/suggestions/${c.id}/merge`, { into: a.id }, h)).status).toBe(409);
      // approving a merged one takes it out of the merge
      const ok = await t.post(`/api/mod/suggestions/${b.id}/approve`, {}, h);
      expect(await ok.json()).toMatchObject({ status: 'published', mergedInto: null });
    });

    it('counts check-ins per place, and a resent check-in (same clientId) counts once', async () => {
      const id = cid('c');
      const first = await t.post('/api/checkins', { clientId: id, place: 'scene:chengdu-east/2', clientAt: '2026-12-04T10:00:00.000Z' });
      expect(first.status).toBe(201);
      expect(await first.json()).toMatchObject({ duplicate: false, place: 'scene:chengdu-east/2', count: 1 });
      const again = await t.post('/api/checkins', { clientId: id, place: 'scene:chengdu-east/2', clientAt: '2026-12-04T10:00:00.000Z' });
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ duplicate: true, count: 1 });
      await t.post('/api/checkins', { clientId: cid('c'), place: 'scene:chengdu-east/2', lon: 104.1, lat: 30.6 });
      await t.post('/api/checkins', { clientId: cid('c'), place: 'element:road-chengzi-avenue' });
      expect(await (await t.req('/api/checkins/counts?place=scene:chengdu-east/2')).json()).toEqual({ items: [{ place: 'scene:chengdu-east/2', n: 2 }] });
      expect(await (await t.req('/api/checkins/counts?place=county:510185')).json()).toEqual({ items: [{ place: 'county:510185', n: 0 }] });
      const all = (await (await t.req('/api/checkins/counts')).json()).items;
      expect(all).toEqual(expect.arrayContaining([{ place: 'element:road-chengzi-avenue', n: 1 }]));
    });

    it.each([
      ['no clientId', { place: 'scene:a/1' }, 'clientId'],
      ['a short clientId', { clientId: 'abc', place: 'scene:a/1' }, 'clientId'],
      ['an unknown place kind', { clientId: cid('x'), place: 'http://evil.example/' }, 'place'],
      ['markup in the place', { clientId: cid('x'), place: 'element:<script>' }, 'place'],
      ['lon without lat', { clientId: cid('x'), place: 'scene:a/1', lon: 104 }, 'lon and lat'],
      ['a bad clientAt', { clientId: cid('x'), place: 'scene:a/1', clientAt: 'yesterday' }, 'clientAt'],
    ])('refuses a check-in with %s (400, nothing stored)', async (_w, payload, mentions) => {
      const before = (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM checkins')).rows[0].n;
      const r = await t.post('/api/checkins', payload);
      expect(r.status).toBe(400);
      expect((await r.json()).message).toContain(mentions);
      expect((await store.query<{ n: number }>('SELECT count(*)::int AS n FROM checkins')).rows[0].n).toBe(before);
    });

    it('takes a story (idempotent), keeps it pending until approved, then lists it for its place only', async () => {
      const id = cid('s');
      const story = { clientId: id, place: 'element:road-chengzi-avenue', text: '我每天走成资大道上班。', lang: 'zh' };
      const first = await t.post('/api/stories', story);
      expect(first.status).toBe(201);
      const made = await first.json();
      expect(made).toMatchObject({ status: 'pending', duplicate: false });
      expect(made.receipt).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
      const again = await t.post('/api/stories', story);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ id: made.id, receipt: made.receipt, duplicate: true });
      expect((await (await t.req('/api/stories?place=element:road-chengzi-avenue')).json()).items).toEqual([]);

      const queue = (await (await t.req('/api/mod/stories', { headers: h })).json()).items;
      expect(queue.map((s: { id: number }) => s.id)).toContain(made.id);
      const ok = await t.post(`/api/mod/stories/${made.id}/approve`, {}, h);
      expect(await ok.json()).toMatchObject({ status: 'published' });
      const pub = (await (await t.req('/api/stories?place=element:road-chengzi-avenue')).json()).items;
      expect(pub).toHaveLength(1);
      expect(pub[0]).toMatchObject({ text: story.text, place: story.place });
      expect(Object.keys(pub[0])).not.toContain('receipt');
      expect((await (await t.req('/api/stories?place=scene:other/1')).json()).items).toEqual([]);
      const audit = (await (await t.req('/api/mod/audit', { headers: h })).json()).items;
      expect(audit[0]).toMatchObject({ action: 'story_approve', story_id: made.id });
    });

    it('rejects a story with a reason, and the retention purge deletes it after 180 days', async () => {
      const made = await (await t.post('/api/stories', { clientId: cid('r'), place: 'county:510185', text: 'spam spam' })).json();
      const r = await t.post(`/api/mod/stories/${made.id}/reject`, { reason: '与规划无关' }, h);
      expect(await r.json()).toMatchObject({ status: 'rejected', rejectReason: '与规划无关' });
      expect((await t.post(`/api/mod/stories/${made.id}/reject`, {}, h)).status).toBe(400);
      await store.query(`UPDATE stories SET updated_at = now() - interval '181 days' WHERE id = $1`, [made.id]);
      await purge(store);
      expect((await store.query('SELECT id FROM stories WHERE id = $1', [made.id])).rows).toEqual([]);
    });

    it('a story over 500 characters is refused', async () => {
      const r = await t.post('/api/stories', { clientId: cid('l'), place: 'county:510185', text: '长'.repeat(501) });
      expect(r.status).toBe(400);
      expect((await r.json()).message).toContain('text');
    });
  });
}
