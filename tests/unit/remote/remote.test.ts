// The remote's pure parts: show codes, the wire format's checks, reconnection backoff, the show reducer and
// the translations between a show and the story player.
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, formatShowCode, makeShowCode, normalizeShowCode } from '../../../src/lib/remote/code.ts';
import { MAX_MESSAGE_BYTES, parseClientMessage, parseServerMessage, type ShowSnapshot } from '../../../src/lib/remote/protocol.ts';
import { attemptAfterClose, BACKOFF, isLinkDead, retryDelay } from '../../../src/lib/remote/backoff.ts';
import { followStep, hello, initialShow, showReducer, snapshotOf, wantsConnection, type ShowEvent, type ShowView } from '../../../src/lib/remote/show.ts';

const snap = (scene: number, over: Partial<ShowSnapshot> = {}): ShowSnapshot => ({
  story: 'neijiang-zigong',
  scene,
  count: 6,
  blank: false,
  playing: true,
  title: { zh: '甲', en: 'A' },
  ...over,
});

describe('show codes', () => {
  it('makes six characters of the look-alike-free alphabet, uniformly from any bytes', () => {
    let seed = 7;
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) & 255);
    const seen = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const c = makeShowCode(bytes);
      expect(c).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
      for (const ch of c) seen.set(ch, (seen.get(ch) ?? 0) + 1);
    }
    expect(seen.size).toBe(CODE_ALPHABET.length);
    const counts = [...seen.values()];
    expect(Math.max(...counts) / Math.min(...counts)).toBeLessThan(1.5);
    // bytes above the last whole multiple of 31 are skipped, never folded onto the first letters
    expect(makeShowCode(() => Uint8Array.from([255, 254, 250, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toBe('456789');
  });

  it('reads what a person types: case, spaces and dashes do not matter; look-alikes are refused', () => {
    expect(normalizeShowCode(' ab c-23 4 ')).toBe('ABC234');
    expect(normalizeShowCode('abc-2340')).toBeNull();
    expect(normalizeShowCode('ABO234')).toBeNull();
    expect(normalizeShowCode('AB1234')).toBeNull();
    expect(normalizeShowCode('')).toBeNull();
    expect(formatShowCode('ABC234')).toBe('ABC-234');
  });
});

describe('the wire format', () => {
  it('takes the known messages', () => {
    for (const m of [
      { t: 'create' },
      { t: 'join', code: 'ABC234', role: 'remote' },
      { t: 'resume', code: 'ABC234', token: 'a'.repeat(32) },
      { t: 'cmd', cmd: 'next' },
      { t: 'cmd', cmd: 'goto', scene: 3 },
      { t: 'state', state: snap(2) },
      { t: 'ping' },
      { t: 'leave' },
    ])
      expect(parseClientMessage(JSON.stringify(m))).toEqual({ ok: true, msg: m });
  });

  it('refuses unknown messages, extra fields, wrong types and control characters, naming the problem', () => {
    const bad = (m: unknown) => parseClientMessage(typeof m === 'string' ? m : JSON.stringify(m));
    expect(bad('{')).toMatchObject({ ok: false, error: 'bad_message', message: 'not JSON' });
    expect(bad({ t: 'run', js: '1' })).toMatchObject({ ok: false, error: 'bad_message' });
    expect(bad({ t: 'cmd', cmd: 'goto' })).toMatchObject({ ok: false, message: expect.stringContaining('scene') });
    expect(bad({ t: 'cmd', cmd: 'goto', scene: 1000 })).toMatchObject({ ok: false });
    expect(bad({ t: 'cmd', cmd: 'next', html: '<b>' })).toMatchObject({ ok: false });
    expect(bad({ t: 'join', code: 'ABC23', role: 'remote' })).toMatchObject({ ok: false, message: expect.stringContaining('code') });
    expect(bad({ t: 'join', code: 'ABC234', role: 'leader' })).toMatchObject({ ok: false });
    expect(bad({ t: 'state', state: snap(0, { title: { zh: 'a\nb', en: '' } }) })).toMatchObject({ ok: false, message: expect.stringContaining('control') });
    expect(bad({ t: 'state', state: snap(0, { story: '../x' }) })).toMatchObject({ ok: false });
    expect(bad({ t: 'state', state: snap(0, { title: { zh: 'x'.repeat(201), en: '' } }) })).toMatchObject({ ok: false });
    expect(bad(' '.repeat(MAX_MESSAGE_BYTES + 1))).toMatchObject({ ok: false, error: 'too_large' });
  });

  it('checks what the relay sends too: markup in a title stays a string, never anything else', () => {
    const m = { t: 'state', state: snap(1, { title: { zh: '<img src=x onerror=alert(1)>', en: '' } }) };
    expect(parseServerMessage(JSON.stringify(m))).toEqual({ ok: true, msg: m });
    expect(parseServerMessage(JSON.stringify({ t: 'error', error: 'whatever', message: '' }))).toMatchObject({ ok: false });
  });
});

describe('reconnection', () => {
  it('backs off exponentially with jitter, capped, and starts again after a stable connection', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => retryDelay(a, mid))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
    expect(retryDelay(0, () => 0)).toBe(375);
    expect(retryDelay(0, () => 0.999)).toBe(625);
    expect(retryDelay(20, () => 0.999)).toBeLessThanOrEqual(BACKOFF.maxMs * 1.25);
    expect(attemptAfterClose(4, 60_000)).toBe(0);
    expect(attemptAfterClose(4, 2_000)).toBe(5);
    expect(attemptAfterClose(0, -1)).toBe(1);
    expect(isLinkDead(0, 40_001)).toBe(true);
    expect(isLinkDead(0, 39_000)).toBe(false);
  });
});

describe('the show reducer', () => {
  const run = (events: ShowEvent[], from: ShowView = initialShow()) => events.reduce(showReducer, from);

  it('a leader creates, then resumes with its code and token after a drop', () => {
    let s = run([{ type: 'lead' }, { type: 'connecting' }]);
    expect(hello(s)).toEqual({ t: 'create' });
    s = run([{ type: 'open', at: 100 }, { type: 'message', msg: { t: 'created', code: 'ABC234', token: 'f'.repeat(32) } }], s);
    expect(s).toMatchObject({ link: 'open', code: 'ABC234', role: 'leader', wasJoined: true });
    s = run([{ type: 'message', msg: { t: 'peers', leader: true, followers: 2, remotes: 1 } }, { type: 'closed', at: 1100 }], s);
    expect(s).toMatchObject({ link: 'retrying', attempt: 1, peers: { leader: false, followers: 2, remotes: 1 } });
    expect(wantsConnection(s)).toBe(true);
    expect(hello(s)).toEqual({ t: 'resume', code: 'ABC234', token: 'f'.repeat(32) });
  });

  it('a remote with a wrong code is refused and does not retry; after a relay restart it keeps trying', () => {
    const wrong = run([{ type: 'join', role: 'remote', code: 'ZZZ222' }, { type: 'open', at: 0 }, { type: 'message', msg: { t: 'error', error: 'no_show', message: '' } }]);
    expect(wrong).toMatchObject({ link: 'refused', error: 'no_show' });
    expect(wantsConnection(run([{ type: 'closed', at: 5 }], wrong))).toBe(false);

    let s = run([{ type: 'join', role: 'follower', code: 'ABC234' }, { type: 'open', at: 0 }, { type: 'message', msg: { t: 'joined', code: 'ABC234', role: 'follower', leader: true } }]);
    expect(hello(s)).toEqual({ t: 'join', code: 'ABC234', role: 'follower' });
    s = run([{ type: 'message', msg: { t: 'state', state: snap(3) } }, { type: 'closed', at: 20_000 }, { type: 'connecting' }, { type: 'open', at: 21_000 }], s);
    expect(s).toMatchObject({ link: 'connecting', attempt: 0 });
    // the relay restarted and its leader has not re-registered the show yet: retry (the socket is then closed)
    s = run([{ type: 'message', msg: { t: 'error', error: 'no_show', message: '' } }], s);
    expect(s).toMatchObject({ link: 'retrying', error: 'no_show', snapshot: snap(3) });
    s = run([{ type: 'closed', at: 21_050 }, { type: 'connecting' }, { type: 'open', at: 22_000 }, { type: 'message', msg: { t: 'joined', code: 'ABC234', role: 'follower', leader: true } }], s);
    expect(s).toMatchObject({ link: 'open', attempt: 1, error: null });
    expect(wantsConnection(s)).toBe(true);
  });

  it('stops for good when the show ends; stop keeps the last snapshot for the screen', () => {
    let s = run([{ type: 'join', role: 'follower', code: 'ABC234' }, { type: 'message', msg: { t: 'joined', code: 'ABC234', role: 'follower', leader: true } }, { type: 'message', msg: { t: 'state', state: snap(1) } }]);
    s = run([{ type: 'message', msg: { t: 'ended', reason: 'expired' } }, { type: 'closed', at: 1 }, { type: 'message', msg: { t: 'state', state: snap(2) } }], s);
    expect(s).toMatchObject({ link: 'ended', snapshot: snap(1) });
    expect(run([{ type: 'stop' }], s)).toMatchObject({ link: 'off', role: null, code: null, snapshot: snap(1) });
  });
});

describe('the player and the show', () => {
  const player = { storyId: 'neijiang-zigong', playing: true, scene: 2, blank: false };
  it('snapshots the leader’s player (titles cleaned and cut to the wire’s limit)', () => {
    expect(snapshotOf({ ...player, count: 6, title: { zh: '一\n二', en: 'x'.repeat(300) } })).toEqual({
      story: 'neijiang-zigong',
      scene: 2,
      count: 6,
      blank: false,
      playing: true,
      title: { zh: '一 二', en: 'x'.repeat(200) },
    });
    expect(snapshotOf({ ...player, storyId: null, count: 6, title: undefined })).toBeNull();
    const made = snapshotOf({ ...player, count: 6, title: { zh: '\u0007', en: '' } });
    expect(parseClientMessage(JSON.stringify({ t: 'state', state: made })).ok).toBe(true);
  });

  it('tells a follower’s player what to do', () => {
    const has = (id: string) => id === 'neijiang-zigong';
    expect(followStep(snap(2), player, has)).toEqual({ do: 'nothing' });
    expect(followStep(snap(3), player, has)).toEqual({ do: 'scene', scene: 3, blank: false });
    expect(followStep(snap(2, { blank: true }), player, has)).toEqual({ do: 'scene', scene: 2, blank: true });
    expect(followStep(snap(0), { ...player, playing: false }, has)).toEqual({ do: 'play', story: 'neijiang-zigong', scene: 0, blank: false });
    expect(followStep(snap(0, { story: 'mine' }), player, has)).toEqual({ do: 'missing', story: 'mine' });
    expect(followStep(snap(0, { playing: false }), player, has)).toEqual({ do: 'stop' });
    expect(followStep(snap(0, { playing: false }), { ...player, playing: false }, has)).toEqual({ do: 'nothing' });
  });
});
