// The show relay from the app's side (docs/remote.md): one WebSocket to the participation server's /api/relay,
// reconnected with backoff (src/lib/remote/backoff.ts), its view kept by the show reducer (src/lib/remote/show.ts).
// Three roles: the presenter's player leads a show, a second screen follows it, a phone is its remote. When the
// relay is gone nothing stops: the player keeps playing locally, and the same-browser BroadcastChannel path of the
// presenter window (src/state/story.svelte.ts) does not depend on it.
import { HEARTBEAT, isLinkDead, retryDelay } from '../lib/remote/backoff.ts';
import { normalizeShowCode } from '../lib/remote/code.ts';
import { parseServerMessage, RELAY_PATH, type ClientMessage, type JoinRole, type RemoteCommand, type ShowSnapshot } from '../lib/remote/protocol.ts';
import { followStep, hello, initialShow, showReducer, snapshotOf, wantsConnection, type ShowEvent, type ShowView } from '../lib/remote/show.ts';
import { command, currentScene, currentStory, findStory, jumpTo, kioskBox, play, setScene, stop, story } from './story.svelte.ts';
import { registerHashKey } from './url.svelte.ts';

export const remote = $state<{
  view: ShowView;
  /** the presenter's dialog with the code and QR */
  dialogOpen: boolean;
  /** a follower was asked to show a story this browser does not have */
  missing: string | null;
}>({ view: initialShow(), dialogOpen: false, missing: null });

let ws: WebSocket | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let pingTimer: ReturnType<typeof setInterval> | undefined;
let lastMessageAt = 0;
let stopLeaderSync: (() => void) | null = null;

function dispatch(e: ShowEvent): void {
  remote.view = showReducer($state.snapshot(remote.view) as ShowView, e);
}

/** ws(s)://<this site's path>/api/relay — the app may live under a sub-path, as the API does. */
export function relayUrl(): string {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once, never kept
  const { protocol, host, pathname } = new URL(`.${RELAY_PATH}`, location.href);
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${pathname}`;
}

function sendRaw(m: ClientMessage): void {
  if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
}

function connect(): void {
  clearTimeout(retryTimer);
  if (ws || !wantsConnection(remote.view)) return;
  dispatch({ type: 'connecting' });
  let sock: WebSocket;
  try {
    sock = new WebSocket(relayUrl());
  } catch {
    return retry();
  }
  ws = sock;
  sock.onopen = () => {
    if (ws !== sock) return;
    lastMessageAt = Date.now();
    dispatch({ type: 'open', at: Date.now() });
    const first = hello(remote.view);
    if (first) sendRaw(first);
    clearInterval(pingTimer);
    pingTimer = setInterval(() => {
      // a phone that walked out of the Wi-Fi may keep a dead socket "open": close it and retry
      if (isLinkDead(lastMessageAt, Date.now())) sock.close();
      else sendRaw({ t: 'ping' });
    }, HEARTBEAT.intervalMs);
  };
  sock.onmessage = (e: MessageEvent) => {
    if (ws !== sock || typeof e.data !== 'string') return;
    lastMessageAt = Date.now();
    const p = parseServerMessage(e.data);
    if (!p.ok) return; // not the protocol: ignored, never shown
    const m = p.msg;
    const wasOpen = remote.view.link === 'open';
    dispatch({ type: 'message', msg: m });
    if (m.t === 'cmd' && remote.view.role === 'leader') commandToPlayer(m);
    else if (m.t === 'state' && remote.view.role === 'follower') snapshotToPlayer(m.state);
    // refused: a wrong code ends here; a show the restarted relay does not know yet is asked again later
    if (remote.view.link === 'retrying' || remote.view.link === 'refused') return sock.close();
    // the leader's first snapshot after (re)joining, so late screens and phones see where the show is
    if ((m.t === 'created' || m.t === 'joined') && remote.view.role === 'leader' && !wasOpen) sendPlayerSnapshot();
  };
  sock.onclose = () => {
    if (ws !== sock) return;
    ws = null;
    clearInterval(pingTimer);
    dispatch({ type: 'closed', at: Date.now() });
    retry();
  };
  sock.onerror = () => undefined; // onclose follows
}

function retry(): void {
  clearTimeout(retryTimer);
  if (remote.view.link !== 'retrying') return;
  retryTimer = setTimeout(connect, retryDelay(remote.view.attempt));
}

function disconnect(): void {
  clearTimeout(retryTimer);
  clearInterval(pingTimer);
  const sock = ws;
  ws = null;
  if (sock) {
    if (sock.readyState === WebSocket.OPEN) sock.send(JSON.stringify({ t: 'leave' } satisfies ClientMessage));
    sock.close(1000);
  }
}

if (typeof window !== 'undefined')
  // back on the network: do not wait out the backoff
  window.addEventListener('online', () => {
    if (remote.view.link === 'retrying' && !ws) connect();
  });

// ---------------------------------------------------------------- actions

/** The presenter's player leads a show (creates one, or keeps the one it has); opens the code dialog. */
export function leadShow(): void {
  if (!(remote.view.role === 'leader' && wantsConnection(remote.view))) {
    stopRemote();
    dispatch({ type: 'lead' });
    startLeaderSync();
    connect();
  }
  remote.dialogOpen = true;
}

/** A second screen follows the show with this code; false when the code is not one. */
export function followShow(input: string): boolean {
  return joinShow('follower', input);
}

/** This phone becomes the show's remote; false when the code is not one. */
export function joinAsRemote(input: string): boolean {
  return joinShow('remote', input);
}

function joinShow(role: JoinRole, input: string): boolean {
  const code = normalizeShowCode(input);
  if (!code) return false;
  if (remote.view.role === role && remote.view.code === code && wantsConnection(remote.view)) return true;
  stopRemote();
  remote.missing = null;
  dispatch({ type: 'join', role, code });
  connect();
  return true;
}

/** A remote's button: next, previous, a scene, the black screen. */
export function sendRemote(cmd: RemoteCommand): void {
  if (remote.view.role !== 'remote') return;
  sendRaw({ t: 'cmd', ...cmd } as ClientMessage);
}

/** Leave the show (any role): the link closes and nothing retries. A leader's show ends on the relay later. */
export function stopRemote(): void {
  stopLeaderSync?.();
  stopLeaderSync = null;
  disconnect();
  dispatch({ type: 'stop' });
  remote.dialogOpen = false;
}

export function closeRemoteDialog(): void {
  remote.dialogOpen = false;
}

// ---------------------------------------------------------------- the story player adapter
// The player (src/ui/story/*, src/state/story.svelte.ts) is read and driven only through the story module's own
// actions, as a clicker or the presenter window would: this block is the whole hook.

function playerSnapshot(): ShowSnapshot | null {
  const s = currentStory();
  return snapshotOf({ storyId: story.id, playing: story.playing, scene: story.scene, blank: story.blank, count: s?.scenes.length ?? 0, title: currentScene()?.title });
}

function sendPlayerSnapshot(): void {
  const snap = playerSnapshot();
  if (snap && remote.view.link === 'open') sendRaw({ t: 'state', state: snap });
}

/** While leading: every change of story, scene, black screen or playing goes to the relay. */
function startLeaderSync(): void {
  stopLeaderSync?.();
  stopLeaderSync = $effect.root(() => {
    const open = $derived(remote.view.link === 'open');
    $effect(() => {
      if (open) sendPlayerSnapshot();
    });
  });
}

/** A remote's command on the leader's player; a kiosk ignores remotes (it has its own loop and visitors). */
function commandToPlayer(m: RemoteCommand): void {
  if (kioskBox.state || !story.playing) return;
  if (m.cmd === 'goto') jumpTo(m.scene + 1);
  else command(m.cmd === 'blackout' ? 'blank' : m.cmd);
}

/** A follower's player shows the leader's snapshot. */
function snapshotToPlayer(snap: ShowSnapshot): void {
  if (kioskBox.state) return;
  const step = followStep(snap, { storyId: story.id, playing: story.playing, scene: story.scene, blank: story.blank }, (id) => !!findStory(id));
  remote.missing = step.do === 'missing' ? step.story : null;
  if (step.do === 'play') {
    play(step.story, step.scene);
    if (step.blank) command('blank');
  } else if (step.do === 'scene') {
    setScene(step.scene);
    if (story.blank !== step.blank) command('blank');
  } else if (step.do === 'stop') stop();
}

// `#follow=CODE` opens the app as a screen following that show (a link the presenter can hand out).
registerHashKey(
  'follow',
  () => (remote.view.role === 'follower' && remote.view.link !== 'off' ? (remote.view.code ?? undefined) : undefined),
  (v) => {
    if (v) followShow(v);
    else if (remote.view.role === 'follower') stopRemote();
  },
);
