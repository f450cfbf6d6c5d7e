// The kiosk's anonymous on-device counts: per-day tallies, pruning, a damaged store, the staff CSV.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { dayKey, emptyUsage, parseUsage, pruneUsage, recordUsage, usageCsv, usageTotals, type UsageEvent } from '../../../src/lib/story/usage.ts';

describe('kiosk usage', () => {
  it('counts visits, scenes and cards per local day without changing the input', () => {
    const a = emptyUsage();
    const b = recordUsage(a, '2026-12-04', { type: 'visit' });
    const c = recordUsage(recordUsage(b, '2026-12-04', { type: 'card', id: 'station-chengdu-east' }), '2026-12-05', { type: 'scene', id: 's2' });
    expect(a.days).toEqual({});
    expect(b.days['2026-12-04']).toEqual({ visits: 1, scenes: {}, cards: {} });
    expect(c.days).toEqual({
      '2026-12-04': { visits: 1, scenes: {}, cards: { 'station-chengdu-east': 1 } },
      '2026-12-05': { visits: 0, scenes: { s2: 1 }, cards: {} },
    });
  });

  it('totals equal the number of events recorded, whatever their order (property)', () => {
    const ev = fc.oneof(
      fc.constant<UsageEvent>({ type: 'visit' }),
      fc.constantFrom('s1', 's2', 's3').map((id): UsageEvent => ({ type: 'scene', id })),
      fc.constantFrom('a', 'b').map((id): UsageEvent => ({ type: 'card', id })),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('2026-01-01', '2026-01-02', '2026-02-10'), ev), { maxLength: 60 }), (events) => {
        const u = events.reduce((acc, [d, e]) => recordUsage(acc, d, e), emptyUsage());
        const t = usageTotals(u);
        expect(t.visits).toBe(events.filter(([, e]) => e.type === 'visit').length);
        expect(t.scenes.reduce((s, [, n]) => s + n, 0)).toBe(events.filter(([, e]) => e.type === 'scene').length);
        expect(t.cards.reduce((s, [, n]) => s + n, 0)).toBe(events.filter(([, e]) => e.type === 'card').length);
        // most counted first
        for (let i = 1; i < t.scenes.length; i++) expect(t.scenes[i - 1][1]).toBeGreaterThanOrEqual(t.scenes[i][1]);
        // the stored form reads back the same
        expect(parseUsage(JSON.stringify(u))).toEqual(u);
      }),
    );
  });

  it('keeps 400 days and drops older ones', () => {
    let u = recordUsage(emptyUsage(), '2025-01-01', { type: 'visit' });
    u = recordUsage(u, '2025-11-01', { type: 'visit' });
    u = recordUsage(u, '2026-12-04', { type: 'visit' });
    expect(Object.keys(pruneUsage(u, '2026-12-04').days).sort()).toEqual(['2025-11-01', '2026-12-04']);
    expect(Object.keys(pruneUsage(u, '2026-12-04', 0).days)).toEqual(['2026-12-04']);
  });

  it('a damaged or hand-edited store starts empty or keeps only its sound days', () => {
    expect(parseUsage(null)).toEqual(emptyUsage());
    expect(parseUsage('{not json')).toEqual(emptyUsage());
    expect(parseUsage('{"v":2,"days":{}}')).toEqual(emptyUsage());
    const mixed = JSON.stringify({
      v: 1,
      days: {
        '2026-12-04': { visits: 2, scenes: { s1: 1 }, cards: {} },
        'yesterday': { visits: 1, scenes: {}, cards: {} },
        '2026-12-05': { visits: -1, scenes: {}, cards: {} },
        '2026-12-06': { visits: 1, scenes: { s1: 'x' }, cards: {} },
      },
    });
    expect(parseUsage(mixed)).toEqual({ v: 1, days: { '2026-12-04': { visits: 2, scenes: { s1: 1 }, cards: {} } } });
  });

  it('the CSV has a row per day and thing counted, names beside ids, formula-safe', () => {
    let u = recordUsage(emptyUsage(), '2026-12-04', { type: 'visit' });
    u = recordUsage(u, '2026-12-04', { type: 'card', id: 'x1' });
    u = recordUsage(u, '2026-12-04', { type: 'card', id: 'x1' });
    u = recordUsage(u, '2026-12-03', { type: 'scene', id: 's2' });
    const csv = usageCsv(u, (what, id) => (what === 'card' ? '=成都东站' : `场景 ${id}`));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows).toEqual([
      ['date', 'what', 'id', 'name', 'count'],
      ['2026-12-03', 'visits', '', '', '0'],
      ['2026-12-03', 'scene', 's2', '场景 s2', '1'],
      ['2026-12-04', 'visits', '', '', '1'],
      ['2026-12-04', 'card', 'x1', "'=成都东站", '2'],
    ]);
  });

  it('dayKey is the local calendar day', () => {
    expect(dayKey(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(dayKey(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
  });
});
