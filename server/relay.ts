// The show relay (docs/remote.md): a WebSocket endpoint beside the participation API that lets a phone drive a
// story and other screens follow it. A presenter's player creates a show and gets a code; screens and phones join
// with it. The relay only passes checked messages on (src/lib/remote/protocol.ts): commands from remotes to the
// leader, the leader's snapshots to everyone else. Shows live in this process's memory (one relay node; see the
// docs for several app servers) and end when idle or when their leader stays away.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { makeShowCode } from '../src/lib/remote/code.ts';
import { MAX_MESSAGE_BYTES, RELAY_PATH, parseClientMessage, type ClientMessage, type RelayError, type Role, type ServerMessage, type ShowSnapshot } from '../src/lib/remote/protocol.ts';
import { RateLimiter, type Limit } from './ratelimit.ts';

export interface RelayOptions {
  /** Origins allowed besides the server's own (the Origin header must name one of them). */
  allowedOrigins?: string[];
  /** Take the client IP from X-Forwarded-For (rightmost), as the API does behind a reverse proxy. */
  trustProxy?: boolean;
  /** Messages per connection. */
  messages?: Limit;
  /** create / join / resume attempts per IP (a wrong code costs one: guessing codes is hopeless). */
  joins?: Limit;
  connectionsPerIp?: number;
  membersPerShow?: number;
  maxShows?: number;
  /** A show without any message for this long ends. */
  idleMs?: number;
  /** A show whose leader has gone ends after this long unless the leader comes back. */
  leaderGraceMs?: number;
  /** Ping every connection this often; one that missed the last ping is dropped. Also the sweep interval. */
  heartbeatMs?: number;
  /** Rate-limit refusals a connection may collect before it is closed. */
  maxRefusals?: number;
  now?: () => number;
}

export const RELAY_DEFAULTS = {
  messages: { burst: 30, perMinute: 300 },
  joins: { burst: 10, perMinute: 20 },
  connectionsPerIp: 40,
  membersPerShow: 50,
  maxShows: 2000,
  idleMs: 3 * 3600_000,
  leaderGraceMs: 15 * 60_000,
  heartbeatMs: 30_000,
  maxRefusals: 20,
} satisfies Partial<RelayOptions>;

interface Conn {
  ws: WebSocket;
  ip: string;
  show: Show | null;
  role: Role | null;
  alive: boolean;
  refusals: number;
  limiter: RateLimiter;
}

interface Show {
  code: string;
  token: string;
  leader: Conn | null;
  members: Set<Conn>;
  last: ShowSnapshot | null;
  activeAt: number;
  leaderGoneAt: number | null;
}

export interface Relay {
  close(): void;
  /** For tests and health: shows and connections now. */
  stats(): { shows: number; connections: number };
  /** Runs the expiry sweep now (tests; the heartbeat runs it on its own). */
  sweep(): void;
}

/** WebSocket close codes the app tells apart (4000–4999 are the application's). */
export const CLOSE = { policy: 1008, tooBig: 1009, ended: 4000, replaced: 4001 } as const;

export function attachRelay(server: Server, options: RelayOptions = {}): Relay {
  const o = { ...RELAY_DEFAULTS, ...options };
  const now = o.now ?? Date.now;
  const shows = new Map<string, Show>();
  const conns = new Set<Conn>();
  const perIp = new Map<string, number>();
  const joinLimiter = new RateLimiter(o.joins, now);
  // maxPayload: ws refuses a larger frame and closes with 1009 before reading it
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false, clientTracking: false });

  const clientIp = (req: IncomingMessage) => {
    if (o.trustProxy) {
      const hops = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (hops.length) return hops[hops.length - 1];
    }
    return req.socket.remoteAddress ?? 'unknown';
  };

  // Only pages of this site (or the listed origins) may open a show: another web page a visitor has open must not
  // drive the hall's screens through the visitor's browser. A missing Origin (not a browser) is refused too.
  const originAllowed = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (!origin) return false;
    if (o.allowedOrigins?.includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };

  const refuseUpgrade = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== RELAY_PATH) {
      // no other WebSocket lives on this server
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (!originAllowed(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    const ip = clientIp(req);
    if ((perIp.get(ip) ?? 0) >= o.connectionsPerIp) return refuseUpgrade(socket, 429, 'Too Many Requests');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, ip));
  };
  server.on('upgrade', onUpgrade);

  const send = (c: Conn, m: ServerMessage) => {
    if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(m));
  };
  const refuse = (c: Conn, error: RelayError, message: string) => send(c, { t: 'error', error, message });

  function accept(ws: WebSocket, ip: string) {
    const c: Conn = { ws, ip, show: null, role: null, alive: true, refusals: 0, limiter: new RateLimiter(o.messages, now) };
    conns.add(c);
    perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
    ws.on('pong', () => (c.alive = true));
    ws.on('message', (data: RawData, isBinary: boolean) => onMessage(c, data, isBinary));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      conns.delete(c);
      const n = (perIp.get(ip) ?? 1) - 1;
      if (n > 0) perIp.set(ip, n);
      else perIp.delete(ip);
      leave(c);
    });
  }

  function onMessage(c: Conn, data: RawData, isBinary: boolean) {
    c.alive = true;
    if (c.limiter.take('c')) {
      c.refusals++;
      if (c.refusals > o.maxRefusals) return c.ws.close(CLOSE.policy, 'rate limit');
      return refuse(c, 'rate_limited', 'too many messages; slow down');
    }
    if (isBinary) return refuse(c, 'bad_message', 'text messages only');
    const parsed = parseClientMessage(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
    if (!parsed.ok) return refuse(c, parsed.error, parsed.message);
    handle(c, parsed.msg);
  }

  function handle(c: Conn, m: ClientMessage) {
    switch (m.t) {
      case 'ping':
        return send(c, { t: 'pong' });
      case 'leave':
        return leave(c);
      case 'create':
      case 'resume':
      case 'join': {
        if (c.show) return refuse(c, 'already_joined', 'this connection is already in a show');
        if (joinLimiter.take(c.ip)) return refuse(c, 'rate_limited', 'too many attempts from this address; wait a minute');
        if (m.t === 'create') return create(c);
        if (m.t === 'resume') return resume(c, m.code, m.token);
        return join(c, m.code, m.role);
      }
      case 'state': {
        const s = c.show;
        if (!s || c.role !== 'leader') return refuse(c, 'not_allowed', 'only the show’s leader sends its state');
        s.last = m.state;
        s.activeAt = now();
        for (const x of s.members) send(x, { t: 'state', state: m.state });
        return;
      }
      case 'cmd': {
        const s = c.show;
        if (!s || c.role !== 'remote') return refuse(c, 'not_allowed', 'only a remote sends commands');
        s.activeAt = now();
        if (!s.leader) return refuse(c, 'no_leader', 'the presenter’s screen is not connected; the command was not delivered');
        send(s.leader, m.cmd === 'goto' ? { t: 'cmd', cmd: 'goto', scene: m.scene } : { t: 'cmd', cmd: m.cmd });
        return;
      }
    }
  }

  function newShow(code: string, token: string): Show {
    const s: Show = { code, token, leader: null, members: new Set(), last: null, activeAt: now(), leaderGoneAt: null };
    shows.set(code, s);
    return s;
  }

  function create(c: Conn) {
    if (shows.size >= o.maxShows) return refuse(c, 'full', 'the relay has too many shows; try again later');
    let code = makeShowCode((n) => randomBytes(n));
    while (shows.has(code)) code = makeShowCode((n) => randomBytes(n));
    const s = newShow(code, randomBytes(16).toString('hex'));
    becomeLeader(c, s);
    send(c, { t: 'created', code: s.code, token: s.token });
    sendPeers(s);
  }

  // The leader takes its show back after a dropped link or a reload. After a relay restart the show is unknown:
  // its leader registers it again under the same code and token, so the screens and phones find it again.
  function resume(c: Conn, code: string, token: string) {
    let s = shows.get(code);
    if (s && !sameToken(s.token, token)) return refuse(c, 'bad_token', 'this is not the leader of that show');
    if (!s) {
      if (shows.size >= o.maxShows) return refuse(c, 'full', 'the relay has too many shows; try again later');
      s = newShow(code, token);
    }
    if (s.leader && s.leader !== c) {
      const old = s.leader;
      old.show = null;
      send(old, { t: 'ended', reason: 'replaced' });
      old.ws.close(CLOSE.replaced, 'replaced by a newer leader connection');
    }
    becomeLeader(c, s);
    send(c, { t: 'joined', code: s.code, role: 'leader', leader: true });
    sendPeers(s);
  }

  function becomeLeader(c: Conn, s: Show) {
    c.show = s;
    c.role = 'leader';
    s.leader = c;
    s.leaderGoneAt = null;
    s.activeAt = now();
  }

  function join(c: Conn, code: string, role: 'follower' | 'remote') {
    const s = shows.get(code);
    if (!s) return refuse(c, 'no_show', 'no show has this code');
    if (s.members.size >= o.membersPerShow) return refuse(c, 'full', 'this show has as many screens and remotes as it can take');
    c.show = s;
    c.role = role;
    s.members.add(c);
    s.activeAt = now();
    send(c, { t: 'joined', code: s.code, role, leader: !!s.leader });
    if (s.last) send(c, { t: 'state', state: s.last });
    sendPeers(s);
  }

  function leave(c: Conn) {
    const s = c.show;
    if (!s) return;
    c.show = null;
    if (s.leader === c) {
      s.leader = null;
      s.leaderGoneAt = now();
    } else s.members.delete(c);
    c.role = null;
    if (shows.get(s.code) === s) sendPeers(s);
  }

  function sendPeers(s: Show) {
    let followers = 0, remotes = 0;
    for (const m of s.members) {
      if (m.role === 'remote') remotes++;
      else followers++;
    }
    const msg: ServerMessage = { t: 'peers', leader: !!s.leader, followers, remotes };
    if (s.leader) send(s.leader, msg);
    for (const m of s.members) send(m, msg);
  }

  function end(s: Show, reason: 'expired') {
    shows.delete(s.code);
    for (const c of [...s.members, ...(s.leader ? [s.leader] : [])]) {
      c.show = null;
      c.role = null;
      send(c, { t: 'ended', reason });
      c.ws.close(CLOSE.ended, 'show ended');
    }
  }

  function sweep() {
    const t = now();
    for (const s of shows.values()) {
      const leaderGone = s.leaderGoneAt !== null && t - s.leaderGoneAt >= o.leaderGraceMs;
      const idle = t - s.activeAt >= o.idleMs;
      if (leaderGone || idle) end(s, 'expired');
    }
  }

  const heartbeat = setInterval(() => {
    for (const c of conns) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
    sweep();
  }, o.heartbeatMs);
  heartbeat.unref();

  return {
    close() {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      // going away, not ended: the screens reconnect and the leader registers its show again on the next relay
      for (const c of conns) c.ws.close(1001, 'server going away');
      shows.clear();
      wss.close();
    },
    stats: () => ({ shows: shows.size, connections: conns.size }),
    sweep,
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
