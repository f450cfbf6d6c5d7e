// The show relay (server/relay.ts) with real WebSocket clients on loopback: a presenter creates a show, screens
// and a phone join with its code, commands and snapshots pass in order, and everything else is refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { attachRelay, CLOSE, type Relay, type RelayOptions } from '../../server/relay.ts';
import { parseServerMessage, RELAY_PATH, type ServerMessage, type ShowSnapshot } from '../../src/lib/remote/protocol.ts';

interface Client {
  ws: WebSocket;
  /** The next message (optionally: the next of type t), waiting for it. */
  next<T extends ServerMessage['t']>(t?: T): Promise<Extract<ServerMessage, { t: T }>>;
  /** Reads messages of type t until one matches `pred` (the ones before are passed over). */
  until<T extends ServerMessage['t']>(t: T, pred: (m: Extract<ServerMessage, { t: T }>) => boolean): Promise<Extract<ServerMessage, { t: T }>>;
  send(m: unknown): void;
  closed: Promise<{ code: number }>;
}

let server: Server;
let relay: Relay;
let base: string;
let origin: string;
const clients: WebSocket[] = [];

async function start(opts: RelayOptions = {}) {
  server = createServer((_, res) => res.end('app'));
  relay = attachRelay(server, opts);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  base = `ws://127.0.0.1:${port}`;
  origin = `http://127.0.0.1:${port}`;
}

afterEach(async () => {
  for (const ws of clients.splice(0)) ws.terminate();
  relay?.close();
  await new Promise((done) => server?.close(done));
});

/** Connects; resolves when open. Messages queue up until read with next(). */
function connect(opts: { origin?: string | null; path?: string; autoPong?: boolean } = {}): Promise<Client> {
  const headers: Record<string, string> = {};
  const o = opts.origin === undefined ? origin : opts.origin;
  if (o) headers.origin = o;
  const ws = new WebSocket(`${base}${opts.path ?? RELAY_PATH}`, { headers, autoPong: opts.autoPong ?? true });
  clients.push(ws);
  const queue: ServerMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    const p = parseServerMessage(String(data));
    if (!p.ok) throw new Error(`the relay sent a message outside the protocol: ${String(data)}`);
    queue.push(p.msg);
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<{ code: number }>((done) => ws.on('close', (code) => done({ code })));
  const client: Client = {
    ws,
    async next(t) {
      for (;;) {
        const i = queue.findIndex((m) => !t || m.t === t);
        if (i >= 0) return queue.splice(i, 1)[0] as never;
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    async until(t, pred) {
      for (;;) {
        const m = await client.next(t);
        if (pred(m)) return m;
      }
    },
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    closed,
  };
  return new Promise((done, fail) => {
    ws.once('open', () => done(client));
    ws.once('unexpected-response', (req, res) => {
      req.destroy();
      fail(new Error(`HTTP ${res.statusCode}`));
    });
    ws.on('error', fail); // later errors (an aborted handshake) settle nothing more
  });
}

const snap = (scene: number, over: Partial<ShowSnapshot> = {}): ShowSnapshot => ({
  story: 'chengdu-metro',
  scene,
  count: 8,
  blank: false,
  playing: true,
  title: { zh: `第${scene + 1}幕`, en: `Scene ${scene + 1}` },
  ...over,
});

/** A leader with a show, a follower and a remote joined to it. */
async function show() {
  const leader = await connect();
  leader.send({ t: 'create' });
  const created = await leader.next('created');
  const follower = await connect();
  follower.send({ t: 'join', code: created.code, role: 'follower' });
  expect(await follower.next('joined')).toMatchObject({ role: 'follower', code: created.code, leader: true });
  const remote = await connect();
  remote.send({ t: 'join', code: created.code, role: 'remote' });
  expect(await remote.next('joined')).toMatchObject({ role: 'remote', leader: true });
  return { leader, follower, remote, code: created.code, token: created.token };
}

describe('a show: create, join, relay', () => {
  it('gives the leader a typable code and a token; screens and phones join with the code and are counted', async () => {
    await start();
    const { leader, code, token } = await show();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    // peers after create, after the follower, after the remote
    await leader.next('peers');
    await leader.next('peers');
    expect(await leader.next('peers')).toEqual({ t: 'peers', leader: true, followers: 1, remotes: 1 });
    expect(relay.stats()).toEqual({ shows: 1, connections: 3 });
  });

  it('passes the remote’s commands to the leader and the leader’s snapshots to everyone else, in order', async () => {
    await start();
    const { leader, follower, remote } = await show();
    remote.send({ t: 'cmd', cmd: 'next' });
    expect(await leader.next('cmd')).toEqual({ t: 'cmd', cmd: 'next' });
    for (let i = 0; i < 20; i++) remote.send({ t: 'cmd', cmd: 'goto', scene: i });
    for (let i = 0; i < 20; i++) expect(await leader.next('cmd')).toEqual({ t: 'cmd', cmd: 'goto', scene: i });
    remote.send({ t: 'cmd', cmd: 'blackout' });
    expect(await leader.next('cmd')).toEqual({ t: 'cmd', cmd: 'blackout' });
    for (let i = 0; i < 8; i++) leader.send({ t: 'state', state: snap(i) });
    for (let i = 0; i < 8; i++) {
      expect((await follower.next('state')).state.scene).toBe(i);
      expect((await remote.next('state')).state).toEqual(snap(i));
    }
  });

  it('hands a late joiner the current scene at once', async () => {
    await start();
    const { leader, code } = await show();
    leader.send({ t: 'state', state: snap(5, { blank: true }) });
    const late = await connect();
    late.send({ t: 'join', code, role: 'follower' });
    await late.next('joined');
    expect((await late.next('state')).state).toEqual(snap(5, { blank: true }));
  });

  it('lets the leader take its show back after a dropped link, and re-registers a show a restarted relay forgot', async () => {
    await start();
    const { leader, follower, remote, code, token } = await show();
    leader.ws.terminate();
    await follower.until('peers', (m) => !m.leader);
    remote.send({ t: 'cmd', cmd: 'next' });
    expect(await remote.next('error')).toMatchObject({ error: 'no_leader' });
    const thief = await connect();
    thief.send({ t: 'resume', code, token: '0'.repeat(32) });
    expect(await thief.next('error')).toMatchObject({ error: 'bad_token' });
    const back = await connect();
    back.send({ t: 'resume', code, token });
    expect(await back.next('joined')).toMatchObject({ role: 'leader', code });
    expect(await follower.until('peers', (m) => m.leader)).toEqual({ t: 'peers', leader: true, followers: 1, remotes: 1 });
    remote.send({ t: 'cmd', cmd: 'prev' });
    expect(await back.next('cmd')).toEqual({ t: 'cmd', cmd: 'prev' });

    // a new relay process knows no shows: the leader's resume registers the same code again
    relay.close();
    relay = attachRelay(server);
    const again = await connect();
    again.send({ t: 'resume', code, token });
    expect(await again.next('joined')).toMatchObject({ role: 'leader', code });
    const screen = await connect();
    screen.send({ t: 'join', code, role: 'follower' });
    expect(await screen.next('joined')).toMatchObject({ code, leader: true });
  });
});

describe('refusals', () => {
  it('refuses a wrong code, a malformed code and a second join on one connection', async () => {
    await start();
    const { follower, code } = await show();
    const c = await connect();
    c.send({ t: 'join', code: code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ', role: 'remote' });
    expect(await c.next('error')).toMatchObject({ error: 'no_show' });
    c.send({ t: 'join', code: 'abc', role: 'remote' });
    expect(await c.next('error')).toMatchObject({ error: 'bad_message', message: expect.stringContaining('code') });
    follower.send({ t: 'join', code, role: 'remote' });
    expect(await follower.next('error')).toMatchObject({ error: 'already_joined' });
  });

  it('refuses anything outside the protocol and passes nothing of it on', async () => {
    await start();
    const { leader, follower, remote } = await show();
    const bad: unknown[] = [
      'not json',
      '<script>alert(1)</script>',
      { t: 'eval', code: 'process.exit()' },
      { t: 'cmd', cmd: 'next', extra: 1 },
      { t: 'cmd', cmd: 'goto', scene: -1 },
      { t: 'cmd', cmd: 'goto', scene: 1.5 },
      { t: 'cmd', cmd: 'exit' },
      { t: 'state', state: { ...snap(0), title: { zh: 'a\u0000b', en: 'x' } } },
      { t: 'state', state: { ...snap(0), html: '<b>x</b>' } },
      ['next'],
      null,
    ];
    for (const m of bad) {
      remote.send(m);
      expect(await remote.next('error')).toMatchObject({ error: 'bad_message' });
    }
    remote.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await remote.next('error')).toMatchObject({ error: 'bad_message', message: 'text messages only' });
    // roles: only a remote commands, only the leader sends state
    follower.send({ t: 'cmd', cmd: 'next' });
    expect(await follower.next('error')).toMatchObject({ error: 'not_allowed' });
    remote.send({ t: 'state', state: snap(3) });
    expect(await remote.next('error')).toMatchObject({ error: 'not_allowed' });
    // none of it reached the leader or the screens: the next thing they get is a real command / state
    remote.send({ t: 'cmd', cmd: 'prev' });
    expect(await leader.next('cmd')).toEqual({ t: 'cmd', cmd: 'prev' });
    leader.send({ t: 'state', state: snap(2) });
    expect((await follower.next('state')).state.scene).toBe(2);
  });

  it('closes a connection that sends an oversized message (1009)', async () => {
    await start();
    const { remote, leader } = await show();
    remote.send(JSON.stringify({ t: 'cmd', cmd: 'next', pad: 'x'.repeat(3000) }));
    expect((await remote.closed).code).toBe(CLOSE.tooBig);
    for (let i = 0; i < 3; i++) await leader.next('peers'); // after create, the follower, the remote
    expect(await leader.next('peers')).toEqual({ t: 'peers', leader: true, followers: 1, remotes: 0 });
  });

  it('refuses connections from another site’s page or without an Origin, and other paths', async () => {
    await start({ allowedOrigins: ['https://hall.example'] });
    await expect(connect({ origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: null })).rejects.toThrow('HTTP 403');
    await expect(connect({ path: '/api/other' })).rejects.toThrow('HTTP 404');
    const ok = await connect({ origin: 'https://hall.example' });
    ok.send({ t: 'ping' });
    expect(await ok.next()).toEqual({ t: 'pong' });
  });
});

describe('limits', () => {
  it('limits messages per connection, then closes a connection that keeps flooding (1008)', async () => {
    await start({ messages: { burst: 5, perMinute: 1 }, maxRefusals: 3 });
    const c = await connect();
    for (let i = 0; i < 5; i++) c.send({ t: 'ping' });
    for (let i = 0; i < 5; i++) expect(await c.next()).toEqual({ t: 'pong' });
    c.send({ t: 'ping' });
    expect(await c.next()).toMatchObject({ t: 'error', error: 'rate_limited' });
    for (let i = 0; i < 5; i++) c.send({ t: 'ping' });
    expect((await c.closed).code).toBe(CLOSE.policy);
  });

  it('limits join attempts per address: guessing codes stops after a few', async () => {
    await start({ joins: { burst: 4, perMinute: 1 } });
    const c = await connect();
    const errors: string[] = [];
    for (const code of ['AAAAAA', 'BBBBBB', 'CCCCCC', 'DDDDDD', 'EEEEEE', 'FFFFFF']) {
      c.send({ t: 'join', code, role: 'remote' });
      errors.push((await c.next('error')).error);
    }
    expect(errors).toEqual(['no_show', 'no_show', 'no_show', 'no_show', 'rate_limited', 'rate_limited']);
  });

  it('limits connections per address', async () => {
    await start({ connectionsPerIp: 2 });
    await connect();
    await connect();
    await expect(connect()).rejects.toThrow('HTTP 429');
  });
});

describe('expiry and heartbeat', () => {
  it('ends a show whose leader stays away past the grace time, and an idle one', async () => {
    let t = 1_000_000;
    await start({ now: () => t, leaderGraceMs: 60_000, idleMs: 3_600_000 });
    const a = await show();
    a.leader.ws.terminate();
    await a.follower.until('peers', (m) => !m.leader);
    t += 59_000;
    relay.sweep();
    expect(relay.stats().shows).toBe(1);
    t += 2_000;
    relay.sweep();
    expect(await a.follower.next('ended')).toEqual({ t: 'ended', reason: 'expired' });
    expect((await a.remote.closed).code).toBe(CLOSE.ended);
    expect(relay.stats().shows).toBe(0);
    // the code is gone
    const c = await connect();
    c.send({ t: 'join', code: a.code, role: 'follower' });
    expect(await c.next('error')).toMatchObject({ error: 'no_show' });

    const b = await show();
    t += 3_600_000;
    relay.sweep();
    expect(await b.leader.next('ended')).toEqual({ t: 'ended', reason: 'expired' });
    expect((await b.follower.closed).code).toBe(CLOSE.ended);
  });

  it('drops a connection that stops answering pings', async () => {
    await start({ heartbeatMs: 100 });
    const silent = await connect({ autoPong: false });
    const alive = await connect();
    const { code } = await silent.closed;
    expect(code).toBe(1006); // terminated, no close frame
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
  });
});
