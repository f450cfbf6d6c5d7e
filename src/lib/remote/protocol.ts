// The show relay's wire format (docs/remote.md), shared by the server (server/relay.ts) and the app: one JSON
// object per WebSocket text message, told apart by `t`. Only these messages exist; anything else is refused.
// Nothing in a message is ever executed or rendered as markup: titles are shown as text.
import * as v from 'valibot';

export const RELAY_PATH = '/api/relay';
/** Largest message either side sends, bytes (a snapshot with two 200-character titles fits easily). */
export const MAX_MESSAGE_BYTES = 2048;
export const MAX_SCENES = 1000;

/** Who joins a show besides its leader (the presenter's player): a second screen or a phone remote. */
export const JOIN_ROLES = ['follower', 'remote'] as const;
export type JoinRole = (typeof JOIN_ROLES)[number];
export type Role = 'leader' | JoinRole;

// C0 controls and DEL never belong in a title.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;
const title = v.pipe(v.string(), v.maxLength(200), v.check((s) => !CONTROL.test(s), 'contains control characters'));
const sceneIndex = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_SCENES - 1));

/** A show code as sent: the normalized form (see code.ts). */
export const CODE_PATTERN = /^[2-9A-HJKMNP-Z]{6}$/;
const code = v.pipe(v.string(), v.regex(CODE_PATTERN, 'not a show code'));
const token = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/, 'not a leader token'));

/** What every screen of a show needs to show the same scene: sent by the leader after each change. */
export const SnapshotSchema = v.strictObject({
  story: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'not a story id')),
  scene: sceneIndex,
  count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SCENES)),
  blank: v.boolean(),
  playing: v.boolean(),
  /** the scene's title in both languages, for the phone remote */
  title: v.strictObject({ zh: title, en: title }),
});
export type ShowSnapshot = v.InferOutput<typeof SnapshotSchema>;

/** The commands a remote may send: the clicker's next/prev, a scene (0-based) and the black screen. */
export const CommandSchema = v.variant('cmd', [
  v.strictObject({ t: v.literal('cmd'), cmd: v.picklist(['next', 'prev', 'blackout']) }),
  v.strictObject({ t: v.literal('cmd'), cmd: v.literal('goto'), scene: sceneIndex }),
]);
export type RemoteCommand = { cmd: 'next' | 'prev' | 'blackout' } | { cmd: 'goto'; scene: number };

export const ClientMessageSchema = v.variant('t', [
  v.strictObject({ t: v.literal('create') }),
  v.strictObject({ t: v.literal('resume'), code, token }),
  v.strictObject({ t: v.literal('join'), code, role: v.picklist(JOIN_ROLES) }),
  CommandSchema,
  v.strictObject({ t: v.literal('state'), state: SnapshotSchema }),
  v.strictObject({ t: v.literal('ping') }),
  v.strictObject({ t: v.literal('leave') }),
]);
export type ClientMessage = v.InferOutput<typeof ClientMessageSchema>;

export const ERROR_CODES = [
  'bad_message',
  'too_large',
  'rate_limited',
  'no_show',
  'bad_token',
  'not_allowed',
  'no_leader',
  'already_joined',
  'full',
] as const;
export type RelayError = (typeof ERROR_CODES)[number];

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
export const ServerMessageSchema = v.variant('t', [
  v.strictObject({ t: v.literal('created'), code, token }),
  v.strictObject({ t: v.literal('joined'), code, role: v.picklist(['leader', ...JOIN_ROLES]), leader: v.boolean() }),
  v.strictObject({ t: v.literal('state'), state: SnapshotSchema }),
  CommandSchema,
  v.strictObject({ t: v.literal('peers'), leader: v.boolean(), followers: count, remotes: count }),
  v.strictObject({ t: v.literal('pong') }),
  v.strictObject({ t: v.literal('error'), error: v.picklist(ERROR_CODES), message: v.pipe(v.string(), v.maxLength(300)) }),
  v.strictObject({ t: v.literal('ended'), reason: v.picklist(['expired', 'closed', 'replaced']) }),
]);
export type ServerMessage = v.InferOutput<typeof ServerMessageSchema>;

export type Parsed<T> = { ok: true; msg: T } | { ok: false; error: 'bad_message' | 'too_large'; message: string };

function parseWith<S extends v.GenericSchema>(schema: S, raw: string): Parsed<v.InferOutput<S>> {
  // characters, not bytes: a quick bound before JSON.parse; the server also caps bytes on the socket
  if (raw.length > MAX_MESSAGE_BYTES) return { ok: false, error: 'too_large', message: `a message is at most ${MAX_MESSAGE_BYTES} bytes` };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'bad_message', message: 'not JSON' };
  }
  const r = v.safeParse(schema, data);
  if (r.success) return { ok: true, msg: r.output };
  const first = r.issues[0];
  const path = v.getDotPath(first);
  return { ok: false, error: 'bad_message', message: `${path ? `${path}: ` : ''}${first.message}`.slice(0, 200) };
}

/** A message from a client (server side). */
export const parseClientMessage = (raw: string): Parsed<ClientMessage> => parseWith(ClientMessageSchema, raw);
/** A message from the relay (app side): the app trusts nothing it did not check either. */
export const parseServerMessage = (raw: string): Parsed<ServerMessage> => parseWith(ServerMessageSchema, raw);
