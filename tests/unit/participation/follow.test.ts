import { describe, expect, it } from 'vitest';
import {
  elementUpdate,
  emptyFollow,
  followElement,
  parseFollow,
  receiptUpdates,
  rememberReceipt,
  unfollowElement,
} from '../../../src/lib/participation/follow.ts';
import type { Receipt } from '../../../src/lib/participation/schema.ts';

const receipt = (over: Partial<Receipt> = {}): Receipt => ({
  receipt: 'ABCDE-FGHJK', status: 'pending', category: 'idea', text: 'x', elementId: 'rail-a', lon: null, lat: null,
  reply: null, repliedAt: null, rejectReason: null, mergedInto: null, createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z', ...over,
});

describe('following receipts and elements', () => {
  it('round-trips through the stored string and drops malformed entries', () => {
    let s = rememberReceipt(emptyFollow(), receipt());
    s = followElement(s, 'rail-a', [{ id: 3, repliedAt: null }]);
    expect(parseFollow(JSON.stringify(s))).toEqual(s);
    const bad = JSON.stringify({ receipts: { 'not-a-code': s.receipts['ABCDE-FGHJK'], 'ABCDE-FGHJK': { status: 'weird', updatedAt: 'x' } }, elements: { 'a b': { seen: [] } } });
    expect(parseFollow(bad)).toEqual(emptyFollow());
    expect(parseFollow('{oops')).toEqual(emptyFollow());
    expect(parseFollow(null)).toEqual(emptyFollow());
  });

  it('reports a status change and a new reply since the snapshot, nothing when unchanged', () => {
    const s = rememberReceipt(emptyFollow(), receipt());
    const old = s.receipts['ABCDE-FGHJK'];
    expect(receiptUpdates(old, receipt())).toEqual([]);
    expect(receiptUpdates(old, receipt({ status: 'published', repliedAt: '2026-12-02T00:00:00.000Z' }))).toEqual([
      { kind: 'status', receipt: 'ABCDE-FGHJK', from: 'pending', to: 'published', elementId: 'rail-a' },
      { kind: 'reply', receipt: 'ABCDE-FGHJK', elementId: 'rail-a' },
    ]);
    expect(receiptUpdates(undefined, receipt({ status: 'published' }))).toEqual([]);
  });

  it('reports new suggestions and replies on a followed element', () => {
    const s = followElement(emptyFollow(), 'rail-a', [{ id: 1, repliedAt: '2026-12-01T00:00:00.000Z' }]);
    const now = [
      { id: 1, repliedAt: '2026-12-01T00:00:00.000Z' },
      { id: 5, repliedAt: '2026-12-03T00:00:00.000Z' },
    ];
    expect(elementUpdate('rail-a', s.elements['rail-a'], now)).toEqual({ kind: 'element', elementId: 'rail-a', newSuggestions: 1, newReplies: 1 });
    expect(elementUpdate('rail-a', s.elements['rail-a'], now.slice(0, 1))).toBeNull();
    expect(unfollowElement(s, 'rail-a').elements).toEqual({});
  });

  it('keeps at most 50 receipts, dropping the oldest', () => {
    let s = emptyFollow();
    const codes: string[] = [];
    for (let i = 0; i < 52; i++) {
      const code = `ABCDE-${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[i % 31]}${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[Math.floor(i / 31)]}HJK`;
      codes.push(code);
      s = rememberReceipt(s, receipt({ receipt: code, updatedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }));
    }
    expect(Object.keys(s.receipts)).toHaveLength(50);
    expect(s.receipts[codes[0]]).toBeUndefined();
    expect(s.receipts[codes[51]]).toBeDefined();
  });
});
