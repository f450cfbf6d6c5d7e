// A screen's or phone's view of its show, as a reducer over what happens on the link (docs/remote.md), plus
// the two translations between a show and the story player: the leader's snapshot of its player, and what a
// follower's player has to do to show a snapshot. No DOM, no socket: src/state/remote.svelte.ts drives it.
import type { LocalizedText } from '../plan/model.ts';
import { attemptAfterClose } from './backoff.ts';
import type { ClientMessage, JoinRole, RelayError, Role, ServerMessage, ShowSnapshot } from './protocol.ts';

/**
 * off: nothing asked; connecting; open (joined); retrying (lost, will reconnect; the show goes on locally);
 * refused (a wrong code: no retry until asked again); ended (the show is over on the relay).
 */
export type Link = 'off' | 'connecting' | 'open' | 'retrying' | 'refused' | 'ended';

export interface ShowView {
  role: Role | null;
  code: string | null;
  /** the leader's secret for taking its show back after a reconnect or reload */
  token: string | null;
  link: Link;
  /** this session was in the show once: a later "no such show" is a restarted relay, not a wrong code */
  wasJoined: boolean;
  snapshot: ShowSnapshot | null;
  peers: { leader: boolean; followers: number; remotes: number };
  error: RelayError | null;
  /** reconnection attempts since the last good connection (backoff.ts) */
  attempt: number;
  openedAt: number;
}

export type ShowEvent =
  | { type: 'lead'; code?: string; token?: string }
  | { type: 'join'; role: JoinRole; code: string }
  | { type: 'connecting' }
  | { type: 'open'; at: number }
  | { type: 'message'; msg: ServerMessage }
  | { type: 'closed'; at: number }
  | { type: 'stop' };

export const initialShow = (): ShowView => ({
  role: null,
  code: null,
  token: null,
  link: 'off',
  wasJoined: false,
  snapshot: null,
  peers: { leader: false, followers: 0, remotes: 0 },
  error: null,
  attempt: 0,
  openedAt: -1,
});

const FINAL: readonly Link[] = ['off', 'refused', 'ended'];

export function showReducer(s: ShowView, e: ShowEvent): ShowView {
  switch (e.type) {
    case 'lead':
      return { ...initialShow(), role: 'leader', code: e.code ?? null, token: e.token ?? null, link: 'connecting' };
    case 'join':
      return { ...initialShow(), role: e.role, code: e.code, link: 'connecting' };
    case 'stop':
      return { ...initialShow(), snapshot: s.snapshot };
    case 'connecting':
      return FINAL.includes(s.link) ? s : { ...s, link: 'connecting', openedAt: -1 };
    case 'open':
      return FINAL.includes(s.link) ? s : { ...s, openedAt: e.at };
    case 'closed': {
      if (FINAL.includes(s.link)) return s;
      const openMs = s.openedAt < 0 ? -1 : e.at - s.openedAt;
      return { ...s, link: 'retrying', openedAt: -1, attempt: attemptAfterClose(s.attempt, openMs), peers: { ...s.peers, leader: false } };
    }
    case 'message':
      return onMessage(s, e.msg);
  }
}

function onMessage(s: ShowView, m: ServerMessage): ShowView {
  if (FINAL.includes(s.link)) return s;
  switch (m.t) {
    case 'created':
      return { ...s, code: m.code, token: m.token, link: 'open', wasJoined: true, error: null, peers: { leader: true, followers: 0, remotes: 0 } };
    case 'joined':
      return { ...s, code: m.code, link: 'open', wasJoined: true, error: null, peers: { ...s.peers, leader: m.leader } };
    case 'state':
      return { ...s, snapshot: m.state, error: null };
    case 'peers':
      // the presenter's screen is back: an earlier "not delivered" no longer holds
      return { ...s, peers: { leader: m.leader, followers: m.followers, remotes: m.remotes }, error: m.leader && s.error === 'no_leader' ? null : s.error };
    case 'ended':
      return { ...s, link: 'ended', peers: { leader: false, followers: 0, remotes: 0 } };
    case 'error':
      // a wrong code is final for someone who never got in; after a relay restart the show comes back when its
      // leader reconnects (it re-registers its code), so the others keep trying
      if (m.error === 'no_show' || m.error === 'bad_token' || m.error === 'full') {
        if (!s.wasJoined) return { ...s, link: 'refused', error: m.error };
        // not in (yet): drop this connection and try again after the backoff
        if (s.link === 'connecting') return { ...s, link: 'retrying', error: m.error };
      }
      return { ...s, error: m.error };
    default:
      return s; // commands and pongs do not change the view
  }
}

/** The first message on a fresh connection: create, take back, or join the show. */
export function hello(s: ShowView): ClientMessage | null {
  if (s.role === 'leader') return s.code && s.token ? { t: 'resume', code: s.code, token: s.token } : { t: 'create' };
  if (s.role && s.code) return { t: 'join', code: s.code, role: s.role };
  return null;
}

export const wantsConnection = (s: ShowView): boolean => s.link === 'connecting' || s.link === 'retrying' || s.link === 'open';

// ---------------------------------------------------------------- the story player's side

export interface PlayerState {
  storyId: string | null;
  playing: boolean;
  scene: number;
  blank: boolean;
}

/** The leader's player as a snapshot (titles cut to the wire's 200 characters, control characters dropped). */
export function snapshotOf(p: PlayerState & { count: number; title: LocalizedText | undefined }): ShowSnapshot | null {
  if (!p.storyId || p.count < 1) return null;
  // eslint-disable-next-line no-control-regex
  const clean = (x: string | undefined) => (x ?? '').replace(/[\u0000-\u001F\u007F]/g, ' ').slice(0, 200);
  return {
    story: p.storyId,
    scene: Math.min(Math.max(0, p.scene), p.count - 1),
    count: p.count,
    blank: p.blank,
    playing: p.playing,
    title: { zh: clean(p.title?.zh), en: clean(p.title?.en) },
  };
}

/** What a follower's player does to show `snap`. */
export type FollowStep =
  | { do: 'play'; story: string; scene: number; blank: boolean }
  | { do: 'scene'; scene: number; blank: boolean }
  | { do: 'stop' }
  | { do: 'missing'; story: string }
  | { do: 'nothing' };

export function followStep(snap: ShowSnapshot, p: PlayerState, hasStory: (id: string) => boolean): FollowStep {
  if (!snap.playing) return p.playing ? { do: 'stop' } : { do: 'nothing' };
  if (!hasStory(snap.story)) return { do: 'missing', story: snap.story };
  if (!p.playing || p.storyId !== snap.story) return { do: 'play', story: snap.story, scene: snap.scene, blank: snap.blank };
  if (p.scene !== snap.scene || p.blank !== snap.blank) return { do: 'scene', scene: snap.scene, blank: snap.blank };
  return { do: 'nothing' };
}
