// The unattended-kiosk state machine: the story loops on its own; a visitor's touch hands the live map
// to them; after a quiet spell the loop resumes; staff leave with an exit code. Pure and clock-free:
// the player feeds `tick` events with elapsed milliseconds.
import { applyCommand, goto, type NavCommand } from './navigation.ts';

export interface KioskConfig {
  /** per-scene autoplay time (the scenes' durationSec × 1000) */
  durationsMs: number[];
  /** seconds without a touch before the loop resumes */
  idleTimeoutSec: number;
  /** what staff type to leave the kiosk (compared exactly) */
  exitCode: string;
  /** where the loop resumes after idling: the first scene (attract loop) or the visitor's scene */
  resumeFrom: 'start' | 'current';
}

export type KioskMode = 'autoplay' | 'interactive' | 'exited';

export interface KioskState {
  mode: KioskMode;
  scene: number;
  /** time spent on the current scene while autoplaying */
  sceneMs: number;
  /** time since the last touch while interactive */
  idleMs: number;
  config: KioskConfig;
}

export type KioskEvent =
  | { type: 'tick'; ms: number }
  | { type: 'touch' }
  /** the visitor navigates (tap on next/prev, or a key); counts as a touch */
  | { type: 'nav'; command: NavCommand }
  | { type: 'goto'; scene: number } // 1-based, as shown
  /** an external idle timer fired (e.g. the page was hidden and came back) */
  | { type: 'idleTimeout' }
  | { type: 'exitCode'; code: string };

/** The exit code when the kiosk URL gives none (`exit=`); documented in docs/hall.md — set your own. */
export const DEFAULT_EXIT_CODE = '2468';

/** A scene shorter than this would spin the loop; the validator already asks for ≥ 5 s. */
const MIN_SCENE_MS = 1000;

/** The staff code is right (an empty configured code never matches). */
export const exitCodeMatches = (config: KioskConfig, code: string): boolean => config.exitCode !== '' && code === config.exitCode;

export function kioskInit(config: KioskConfig): KioskState {
  return { mode: 'autoplay', scene: 0, sceneMs: 0, idleMs: 0, config };
}

export function kioskReducer(state: KioskState, event: KioskEvent): KioskState {
  if (state.mode === 'exited') return state;
  const count = state.config.durationsMs.length;
  switch (event.type) {
    case 'tick': {
      const ms = event.ms;
      if (!Number.isFinite(ms) || ms <= 0) return state;
      if (state.mode === 'autoplay') return advance(state, ms);
      const idleMs = state.idleMs + ms;
      if (idleMs >= state.config.idleTimeoutSec * 1000) return resume(state);
      return { ...state, idleMs };
    }
    case 'touch':
      return { ...state, mode: 'interactive', idleMs: 0, sceneMs: 0 };
    case 'nav': {
      if (event.command === 'exit') return { ...state, mode: 'interactive', idleMs: 0 }; // Escape alone never leaves a kiosk
      // the visitor's own loop does not wrap: the ends are where they stop
      return { ...state, mode: 'interactive', idleMs: 0, sceneMs: 0, scene: applyCommand(event.command, state.scene, count) };
    }
    case 'goto': {
      const i = goto(event.scene, count);
      return { ...state, mode: 'interactive', idleMs: 0, sceneMs: 0, scene: i ?? state.scene };
    }
    case 'idleTimeout':
      return state.mode === 'interactive' ? resume(state) : state;
    case 'exitCode':
      if (exitCodeMatches(state.config, event.code)) return { ...state, mode: 'exited' };
      return { ...state, mode: 'interactive', idleMs: 0 }; // a wrong code is just another touch
  }
}

function resume(state: KioskState): KioskState {
  return { ...state, mode: 'autoplay', idleMs: 0, sceneMs: 0, scene: state.config.resumeFrom === 'start' ? 0 : state.scene };
}

/** Move the loop on by `ms`, crossing as many scene ends as it covers (a long tick after sleep). */
/**
 * Did a tick of `ms` carry the autoplay loop past its last scene? (A playlist then moves on to its next
 * story.) True however far a long tick (a hidden tab) overshoots.
 */
export function loopWrapped(state: KioskState, ms: number): boolean {
  if (state.mode !== 'autoplay' || !Number.isFinite(ms) || ms <= 0) return false;
  const d = state.config.durationsMs;
  let left = -state.sceneMs;
  for (let i = state.scene; i < d.length; i++) left += Math.max(MIN_SCENE_MS, Number.isFinite(d[i]) ? d[i] : 0);
  return ms >= left;
}

/** The story after `current` in a kiosk playlist (wrapping); the first when `current` is not in it. */
export function nextInPlaylist(list: readonly string[], current: string): string | null {
  if (list.length === 0) return null;
  const i = list.indexOf(current);
  return list[(i + 1) % list.length];
}

function advance(state: KioskState, ms: number): KioskState {
  const d = state.config.durationsMs;
  if (d.length === 0) return state;
  let scene = state.scene;
  let t = state.sceneMs + ms;
  const dur = (i: number) => Math.max(MIN_SCENE_MS, Number.isFinite(d[i]) ? d[i] : 0);
  // skip whole loops first so a huge tick stays O(scenes)
  const loop = d.reduce((s, _, i) => s + dur(i), 0);
  if (scene === 0 && t >= loop) t %= loop;
  while (t >= dur(scene)) {
    t -= dur(scene);
    scene = (scene + 1) % d.length;
    if (scene === 0 && t >= loop) t %= loop;
  }
  return { ...state, scene, sceneMs: t };
}

/** Kiosk config from a story's scenes. */
export function kioskConfigFor(
  scenes: readonly { durationSec: number }[],
  opts: Partial<Omit<KioskConfig, 'durationsMs'>> = {},
): KioskConfig {
  return {
    durationsMs: scenes.map((s) => s.durationSec * 1000),
    idleTimeoutSec: opts.idleTimeoutSec ?? 60,
    exitCode: opts.exitCode ?? '',
    resumeFrom: opts.resumeFrom ?? 'start',
  };
}
