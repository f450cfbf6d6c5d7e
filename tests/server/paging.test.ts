// The published layer's ETag (a polling map gets 304 until something changes) and the moderation queue's
// keyset paging with counts per status — on PGlite and on a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store.ts';
import { PG_SKIP_REASON, STORES, setup, suggestion } from './helpers.ts';

for (const sc of STORES) {
  describe.skipIf(sc.skip)(`published ETag and moderation paging on ${sc.name}${sc.skip ? ` (skipped: ${PG_SKIP_REASON})` : ''}`, () => {
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
    const geo = (etag?: string) => t.req('/api/suggestions.geojson', etag ? { headers: { 'if-none-match': etag } } : {});

    it('the published layer answers an ETag; the same ETag back gets 304 with no body until a decision changes the layer', async () => {
      const a = await submit({ text: '第一条' });
      await t.post(`/api/mod/suggestions/${a.id}/approve`, {}, h);
      const first = await geo();
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-cache');
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^W\/"[0-9a-f]{20}"$/);
      const same = await geo(etag);
      expect(same.status).toBe(304);
      expect(await same.text()).toBe('');
      expect((await geo(`"other", ${etag.slice(2)}`)).status).toBe(304); // a list, strong form of the same tag

      // a new pending submission does not change the published layer: still 304
      const b = await submit({ text: '第二条' });
      expect((await geo(etag)).status).toBe(304);
      // publishing it does: 200, a new tag, and the new feature in the body
      await t.post(`/api/mod/suggestions/${b.id}/approve`, {}, h);
      const changed = await geo(etag);
      expect(changed.status).toBe(200);
      const etag2 = changed.headers.get('etag')!;
      expect(etag2).not.toBe(etag);
      expect((await changed.json()).features.map((f: { id: number }) => f.id)).toContain(b.id);
      // a reply on a published one changes it; so does taking one out of the layer
      await t.post(`/api/mod/suggestions/${a.id}/reply`, { reply: '已收到' }, h);
      const etag3 = (await geo(etag2)).headers.get('etag')!;
      expect(etag3).not.toBe(etag2);
      await t.post(`/api/mod/suggestions/${a.id}/reject`, { reason: '重复' }, h);
      const gone = await geo(etag3);
      expect(gone.status).toBe(200);
      expect((await gone.json()).features.map((f: { id: number }) => f.id)).not.toContain(a.id);
    });

    it('pages the queue by keyset: every pending suggestion once, in order, even when some are decided between pages; counts per status', async () => {
      const made = [];
      for (let i = 0; i < 7; i++) made.push(await submit({ text: `分页 ${i}` }));
      const expected = (await store.query<{ id: number }>("SELECT id FROM suggestions WHERE status = 'pending' ORDER BY id")).rows.map((r) => r.id);
      const seen: number[] = [];
      let after = 0;
      for (let page = 0; page < 50; page++) {
        const r = await t.req(`/api/mod/suggestions?status=pending&limit=3&after=${after}`, { headers: h });
        expect(r.status).toBe(200);
        const body = (await r.json()) as { items: { id: number }[]; next: number | null; counts: Record<string, number> };
        expect(body.items.length).toBeLessThanOrEqual(3);
        seen.push(...body.items.map((i) => i.id));
        if (page === 0) {
          // deciding one already shown and one not yet shown: nothing shifts, the undecided one still comes
          await t.post(`/api/mod/suggestions/${body.items[0].id}/approve`, {}, h);
          await t.post(`/api/mod/suggestions/${expected.at(-1)}/reject`, { reason: '测试' }, h);
          expected.pop();
        }
        if (body.next === null) break;
        expect(body.next).toBe(body.items.at(-1)!.id);
        after = body.next;
      }
      expect(seen).toEqual(expected);

      const { counts } = (await (await t.req('/api/mod/suggestions?status=pending&limit=1', { headers: h })).json()) as { counts: Record<string, number> };
      const truth = (await store.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM suggestions GROUP BY status')).rows;
      expect(counts).toEqual({ pending: 0, published: 0, rejected: 0, merged: 0, ...Object.fromEntries(truth.map((x) => [x.status, x.n])) });
      expect(counts.pending).toBeGreaterThanOrEqual(5);
    });

    it('pages stories the same way, with counts per status', async () => {
      for (let i = 0; i < 3; i++) {
        await t.post('/api/stories', { clientId: `page-story-${i}-${Math.random().toString(36).slice(2, 10)}`, place: 'element:road-chengzi-avenue', text: `故事 ${i}` });
      }
      const p1 = (await (await t.req('/api/mod/stories?status=pending&limit=2', { headers: h })).json()) as { items: { id: number }[]; next: number | null; counts: Record<string, number> };
      expect(p1.items).toHaveLength(2);
      expect(p1.next).toBe(p1.items[1].id);
      const p2 = (await (await t.req(`/api/mod/stories?status=pending&limit=2&after=${p1.next}`, { headers: h })).json()) as typeof p1;
      expect(p2.next).toBeNull();
      expect([...p1.items, ...p2.items].map((s) => s.id)).toHaveLength(p1.counts.pending);
      expect(p1.counts).toMatchObject({ published: 0, rejected: 0 });
    });

    it('refuses a bad cursor or limit with 400', async () => {
      for (const q of ['after=-1', 'after=abc', 'limit=0', 'limit=501', 'after=1.5']) {
        expect((await t.req(`/api/mod/suggestions?status=pending&${q}`, { headers: h })).status).toBe(400);
      }
    });
  });
}
