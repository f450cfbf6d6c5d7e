// Story player state: which story and scene, playing/blank, kiosk and presenter modes, the authored
// stories kept in this browser, and the presenter sync channel. The hash carries story, scene, kiosk,
// idle, exit and presenter so a link (or a kiosk start URL) opens straight into a scene or the loop.
import type { Story, Scene } from '../lib/story/model.ts';
import { applyCommand, goto, type NavCommand } from '../lib/story/navigation.ts';
import { DEFAULT_EXIT_CODE, kioskConfigFor, kioskInit, kioskReducer, exitCodeMatches, loopWrapped, nextInPlaylist, type KioskEvent, type KioskState } from '../lib/story/kiosk.ts';
import { app, setPanel } from './app.svelte.ts';
import { explore } from './explore.svelte.ts';
import { hashKeyEntry, registerHashKey } from './url.svelte.ts';
import { TIMELINE } from '../lib/plan/timeline.ts';
import { KINDS, type Kind } from '../lib/plan/model.ts';
import type { CompareMode, CompareSpec } from '../lib/compare/spec.ts';
import { compareState } from './compare.svelte.ts';
import type { UnitEntry } from '../lib/plan/describe.ts';
import { DEFAULT_LANG } from '../lib/i18n/catalog.ts';
import { select, setHover } from './selection.svelte.ts';
import { closeChooser } from './place.svelte.ts';
import { countKiosk } from './kioskUsage.svelte.ts';
import { kiosk } from './kiosk.svelte.ts';
import { parseHours } from '../lib/story/schedule.ts';
import { migrateStory } from '../lib/story/migrate.ts';

const shippedModules = import.meta.glob('../../data/stories/*.json', { eager: true, import: 'default' }) as Record<string, Story>;
export const SHIPPED: Story[] = Object.values(shippedModules).sort((a, b) => a.id.localeCompare(b.id));
const USER_KEY = 'tongcheng-atlas.stories';

/** The stories kept in this browser, brought to the current format (a v1 story kept before v2 plays as it did). */
function loadUserStories(): Story[] {
  try {
    const raw = localStorage.getItem(USER_KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(list)) return [];
    return list.flatMap((s: unknown) => {
      const m = migrateStory(s, USER_KEY);
      return m.data ? [m.data as unknown as Story] : [];
    });
  } catch {
    return [];
  }
}

export interface KioskOptions {
  idleSec: number;
  exit: string;
  /** opening hours (`hours=09:00-17:30`, src/lib/story/schedule.ts); '' = always open */
  hours?: string;
  /** a playlist (`list=a,b,c`): at the end of each loop the next story plays */
  list?: string[];
}

export const story = $state<{
  /** stories authored or imported in this browser (localStorage) */
  user: Story[];
  id: string | null;
  scene: number;
  playing: boolean;
  blank: boolean;
  /** autoplay (not kiosk): advance on each scene's durationSec */
  autoplay: boolean;
  presenter: boolean;
  kiosk: KioskOptions | null;
  /** presentation start (Date.now()), for the presenter's timer */
  startedAt: number;
  /** bumped on each kiosk idle reset: the player applies the first scene again even when it is already shown */
  attract: number;
  /** a kiosk outside its opening hours */
  closed: boolean;
  /** `share=<url>`: the public base URL each scene's QR code opens (overrides the story's publicUrl) */
  shareBase: string;
}>({
  user: loadUserStories(),
  id: null,
  scene: 0,
  playing: false,
  blank: false,
  autoplay: false,
  presenter: false,
  kiosk: null,
  startedAt: 0,
  attract: 0,
  closed: false,
  shareBase: '',
});

/** The kiosk machine's state; raw (replaced on each event, never mutated). */
export const kioskBox = $state<{ state: KioskState | null }>({ state: null });

export function allStories(): Story[] {
  return [...SHIPPED, ...story.user];
}
export function findStory(id: string | null | undefined): Story | undefined {
  return id ? (story.user.find((s) => s.id === id) ?? SHIPPED.find((s) => s.id === id)) : undefined;
}
export const isShipped = (id: string): boolean => SHIPPED.some((s) => s.id === id);
export function currentStory(): Story | undefined {
  return findStory(story.id);
}
export function currentScene(): Scene | undefined {
  return currentStory()?.scenes[story.scene];
}

export function saveUserStories(): void {
  try {
    localStorage.setItem(USER_KEY, JSON.stringify($state.snapshot(story.user)));
  } catch {
    // storage full or blocked: the stories stay for this session; export keeps them
  }
}

/** Add or replace an authored story (by id). */
export function putUserStory(s: Story): void {
  const i = story.user.findIndex((x) => x.id === s.id);
  if (i >= 0) story.user[i] = s;
  else story.user.push(s);
  saveUserStories();
}

export function deleteUserStory(id: string): void {
  story.user = story.user.filter((s) => s.id !== id);
  if (story.id === id) story.id = null;
  saveUserStories();
}

/** The story the panel shows (not playing). */
export function chooseStory(id: string | null): void {
  story.id = id;
}

export function setAutoplay(on: boolean): void {
  story.autoplay = on;
}

// ---------------------------------------------------------------- playing

export function play(id: string, scene = 0, opts: { kiosk?: KioskOptions | null; autoplay?: boolean } = {}): void {
  const s = findStory(id);
  if (!s || s.scenes.length === 0) return;
  story.id = id;
  story.scene = Math.min(Math.max(0, scene), s.scenes.length - 1);
  story.playing = true;
  story.blank = false;
  story.autoplay = opts.autoplay ?? false;
  story.kiosk = opts.kiosk ?? null;
  kiosk.storyKiosk = story.kiosk !== null;
  story.startedAt = Date.now();
  kioskBox.state = story.kiosk
    ? { ...kioskInit(kioskConfigFor(s.scenes, { idleTimeoutSec: story.kiosk.idleSec, exitCode: story.kiosk.exit || DEFAULT_EXIT_CODE })), scene: story.scene }
    : null;
  setPanel('story');
}

/** Leave the player. */
export function stop(): void {
  if (!story.playing) return;
  story.playing = false;
  story.blank = false;
  story.kiosk = null;
  kiosk.storyKiosk = false;
  story.closed = false;
  kioskBox.state = null;
  // give the map back (the hash, derived after this, carries the app's year and regions, not the scene's)
  sceneRestorer?.();
  restoreAppFilters();
}

let sceneRestorer: (() => void) | null = null;
let homeView: (() => void) | null = null;
/** src/map/story.ts hands over its clearScene and the map's home view (the state layer does not import the map). */
export function setSceneRestorer(fn: () => void, home?: () => void): void {
  sceneRestorer = fn;
  homeView = home ?? null;
}

// ---------------------------------------------------------------- the explore filters a scene takes over

interface AppFilters {
  year: number | null;
  hiddenKinds: Kind[];
  unit: string | null;
  unitEntry: UnitEntry | null;
  compare: { spec: CompareSpec | null; mode: CompareMode; position: number; panel: boolean };
}
/** The app's own explore filters while a scene shows (null = no scene applied). */
let appFilters: AppFilters | null = null;

/**
 * A scene shows its `year` through the app's time slider (so the map restyles by phase and the time bar
 * tells the truth); a scene without one shows the app's own year. Every kind and every responsible unit is
 * let through: the scene's `kinds` filter the map itself. A compare scene opens the app's compare view
 * (src/ui/compare) on its two years, its kinds hidden through the slider's filter so that both sides show
 * the same kinds; a growth scene starts at its first year (src/map/story/scene.ts counts it up).
 */
export function showSceneFilters(scene: Pick<Scene, 'year' | 'compare' | 'growth' | 'layers'>): void {
  if (!story.playing) return;
  appFilters ??= {
    year: explore.year,
    hiddenKinds: [...explore.hiddenKinds],
    unit: explore.unit,
    unitEntry: explore.unitEntry,
    compare: { ...compareState },
  };
  explore.playing = false;
  const c = scene.compare;
  const y = c ? c.a : (scene.growth?.from ?? scene.year ?? appFilters.year);
  if (explore.year !== y) explore.year = y;
  const kinds = scene.layers.kinds;
  const hidden = c && kinds ? KINDS.filter((k) => !kinds.includes(k)) : [];
  if (explore.hiddenKinds.join() !== hidden.join()) explore.hiddenKinds = hidden;
  if (explore.unit !== null || explore.unitEntry !== null) {
    explore.unit = null;
    explore.unitEntry = null;
  }
  // the compare view without its panel: the scene, not the visitor, picks the sides
  const spec: CompareSpec | null = c ? { by: 'year', a: c.a, b: c.b } : null;
  const same = (x: CompareSpec | null) => (x && spec ? x.by === spec.by && x.a === spec.a && x.b === spec.b : x === spec);
  if (!same(compareState.spec)) compareState.spec = spec;
  compareState.mode = c?.mode ?? 'swipe';
  compareState.position = c?.position ?? 0.5;
  compareState.panel = false;
}

/** A growth scene's year, step by step (src/map/story/scene.ts), through the time slider. */
export function showSceneYear(year: number): void {
  if (story.playing && appFilters && explore.year !== year) explore.year = year;
}

/** Back to the app's own filters; safe to call twice. */
export function restoreAppFilters(): void {
  const f = appFilters;
  if (!f) return;
  appFilters = null;
  explore.year = f.year;
  explore.hiddenKinds = f.hiddenKinds;
  explore.unit = f.unit;
  explore.unitEntry = f.unitEntry;
  Object.assign(compareState, f.compare);
}

export function setScene(i: number): void {
  const s = currentStory();
  if (!s) return;
  const next = Math.min(Math.max(0, i), s.scenes.length - 1);
  if (next === story.scene) return;
  story.scene = next;
}

/** A clicker/keyboard command outside kiosk mode. */
export function command(cmd: NavCommand): void {
  const s = currentStory();
  if (!s) return;
  if (cmd === 'blank') story.blank = !story.blank;
  else if (cmd === 'exit') stop();
  // as in PowerPoint: out of a black screen, the next key only lifts it (the audience has not seen this scene yet)
  else if (story.blank) story.blank = false;
  else {
    story.blank = false;
    setScene(applyCommand(cmd, story.scene, s.scenes.length));
  }
}

/**
 * A clicker's "start show" (F5 from the beginning, Shift+F5 from this scene): the player does not reload;
 * it un-blanks and goes to the first scene (or stays).
 */
export function startShow(fromCurrent: boolean): void {
  if (!currentStory()) return;
  story.blank = false;
  story.startedAt = Date.now();
  if (!fromCurrent) setScene(0);
}

export function jumpTo(n1: number): void {
  const s = currentStory();
  const i = s ? goto(n1, s.scenes.length) : null;
  if (i !== null) {
    story.blank = false;
    setScene(i);
  }
}

/** Feed the kiosk machine; mirrors its scene, and leaves the kiosk when it exits. */
export function kioskEvent(e: KioskEvent): void {
  const prev = kioskBox.state;
  if (!prev) return;
  const next = kioskReducer(prev, e);
  if (next === prev) return;
  // a playlist: the loop's end hands over to the next story, from its first scene
  const list = story.kiosk?.list;
  if (list && story.id && e.type === 'tick' && loopWrapped(prev, e.ms)) {
    const nextId = nextInPlaylist(list, story.id);
    if (nextId && nextId !== story.id && findStory(nextId)) {
      play(nextId, 0, { kiosk: story.kiosk });
      resetAttract();
      return;
    }
  }
  kioskBox.state = next;
  if (next.mode === 'exited') {
    stop();
    // a kiosk started on its own URL has no app view to go back to: staff get the whole plan area (every
    // region on screen, so the legend lists every kind again), not the last scene's close-up
    homeView?.();
    return;
  }
  if (next.scene !== story.scene) setScene(next.scene);
  // anonymous counts (src/lib/story/usage.ts): a visitor session starts with the touch that stops the loop
  if (prev.mode === 'autoplay' && next.mode === 'interactive') countKiosk({ type: 'visit' });
  if (next.mode === 'interactive' && next.scene !== prev.scene) {
    const id = currentStory()?.scenes[next.scene]?.id;
    if (id) countKiosk({ type: 'scene', id });
  }
  if (prev.mode === 'interactive' && next.mode === 'autoplay') resetAttract();
}

/**
 * Opening hours: outside them the kiosk is closed (the player shows the closed screen and its loop stops);
 * at opening it starts afresh from the attract state.
 */
export function setKioskClosed(closed: boolean): void {
  if (!kioskBox.state || story.closed === closed) return;
  story.closed = closed;
  if (!closed) {
    kioskBox.state = { ...kioskInit(kioskBox.state.config), scene: 0 };
    setScene(0);
    resetAttract();
  }
}

/**
 * The kiosk stays on a scene at least as long as its narration (`ms`, measured by the player once the audio's
 * length is known): stretches that scene's time in the loop, never shortens it.
 */
export function stretchKioskScene(index: number, ms: number): void {
  const k = kioskBox.state;
  if (!k || !((k.config.durationsMs[index] ?? Infinity) < ms)) return;
  const durationsMs = k.config.durationsMs.map((d, i) => (i === index ? Math.ceil(ms) : d));
  kioskBox.state = { ...k, config: { ...k.config, durationsMs } };
}

/** The public base URL of the scenes' QR codes: `share=`, else the story's publicUrl, else this page when a phone can reach it. */
export function shareBase(s: Story | undefined): string | null {
  if (story.shareBase) return story.shareBase;
  if (s?.publicUrl) return s.publicUrl;
  const loopback = /^(localhost|127\.|\[::1\]|0\.0\.0\.0)/.test(location.hostname);
  return /^https?:$/.test(location.protocol) && !loopback ? `${location.origin}${location.pathname}` : null;
}

/** Staff typed a code to see the counts: true when it is the kiosk's exit code (the kiosk stays). */
export function kioskCodeOk(code: string): boolean {
  return !!kioskBox.state && exitCodeMatches(kioskBox.state.config, code);
}

/** A visitor opened an element's card in the kiosk. */
export function kioskCardOpened(id: string): void {
  if (kioskBox.state) countKiosk({ type: 'card', id });
}

/** The kiosk's start link (what a recovery reload opens): story, kiosk, idle, exit and language. */
export function kioskStartHash(): string {
  if (!story.kiosk || !story.id) return '';
  const exit = story.kiosk.exit ? `&exit=${encodeURIComponent(story.kiosk.exit)}` : '';
  const hours = story.kiosk.hours ? `&hours=${encodeURIComponent(story.kiosk.hours)}` : '';
  const list = story.kiosk.list ? `&list=${story.kiosk.list.map(encodeURIComponent).join(',')}` : '';
  const lang = app.lang === DEFAULT_LANG ? '' : `&lang=${app.lang}`;
  const share = story.shareBase ? `&share=${encodeURIComponent(story.shareBase)}` : '';
  return `#story=${encodeURIComponent(story.id)}&kiosk=1&idle=${story.kiosk.idleSec}${list}${hours}${exit}${share}${lang}`;
}

/** Staff typed a code (keys or the on-screen keypad): true when it was right and the kiosk has closed. */
export function kioskExit(code: string): boolean {
  kioskEvent({ type: 'exitCode', code });
  return kioskBox.state === null;
}

/**
 * The kiosk's idle reset: whatever the visitor left (a selected element and its card, a list of stacked
 * elements, a hover, a panned camera) goes, so the loop looks as it did when the kiosk started.
 */
export function resetAttract(): void {
  select(null);
  setHover(null);
  closeChooser();
  if (app.panel !== 'story') setPanel('story');
  story.attract++;
}

// ---------------------------------------------------------------- presenter sync

export const CHANNEL_NAME = 'tongcheng-atlas-story';
export type PresenterMessage =
  | { type: 'hello' }
  | { type: 'state'; story: Story; scene: number; blank: boolean; playing: boolean; startedAt: number }
  | { type: 'command'; cmd: NavCommand }
  | { type: 'goto'; scene: number }
  /** the presenter window's F5 / Shift+F5 */
  | { type: 'start'; fromCurrent: boolean }
  /** the main window's drawings of the current and next scene (src/map/story/thumbs.ts), for the presenter */
  | { type: 'thumbs'; story: string; scene: number; current: string | null; next: string | null };

export function openChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
}

/** The presenter window for the current story (same app, `#presenter=1`). */
export function openPresenter(): Window | null {
  const url = `${location.pathname}${location.search}#presenter=1&story=${encodeURIComponent(story.id ?? '')}${app.lang === DEFAULT_LANG ? '' : `&lang=${app.lang}`}`;
  return window.open(url, 'tongcheng-atlas-presenter', 'popup,width=1100,height=720');
}

// ---------------------------------------------------------------- hash

const incoming: Record<string, string | undefined> = {};
let resolveQueued = false;

function fromHash(key: string) {
  return (v: string | undefined) => {
    incoming[key] = v;
    if (!resolveQueued) {
      resolveQueued = true;
      queueMicrotask(resolveHash);
    }
  };
}

/** After every key of a hash is in: open the player, kiosk or presenter the link asks for. */
function resolveHash(): void {
  resolveQueued = false;
  const h = { ...incoming };
  const s = findStory(h.story);
  story.presenter = h.presenter === '1';
  if (story.presenter) {
    if (s) story.id = s.id;
    setPanel('story');
    return;
  }
  if (!s) {
    if (story.playing) stop();
    return;
  }
  const sceneIndex = h.scene ? s.scenes.findIndex((x) => x.id === h.scene) : -1;
  if (h.kiosk === '1') {
    const idle = Number(h.idle);
    const hours = h.hours && parseHours(h.hours) ? h.hours : '';
    const list = (h.list ?? '').split(',').filter((id) => !!findStory(id));
    const kiosk = { idleSec: Number.isFinite(idle) && idle >= 5 ? Math.min(idle, 3600) : 60, exit: h.exit ?? '', hours, ...(list.length >= 2 && { list }) };
    if (!story.playing || story.id !== s.id || !story.kiosk) play(s.id, 0, { kiosk });
  } else if (sceneIndex >= 0) {
    if (!story.playing || story.id !== s.id) play(s.id, sceneIndex);
    else story.scene = sceneIndex;
  } else {
    if (story.playing) stop();
    story.id = s.id;
  }
  setPanel('story');
}

registerHashKey('story', () => (story.id && (story.playing || story.presenter || app.panel === 'story') ? story.id : undefined), fromHash('story'));
registerHashKey('scene', () => (story.playing ? currentScene()?.id : undefined), fromHash('scene'));
registerHashKey('kiosk', () => (story.playing && story.kiosk ? '1' : undefined), fromHash('kiosk'));
registerHashKey('idle', () => (story.playing && story.kiosk ? String(story.kiosk.idleSec) : undefined), fromHash('idle'));
registerHashKey('list', () => (story.playing && story.kiosk?.list ? story.kiosk.list.join(',') : undefined), fromHash('list'));
registerHashKey('hours', () => (story.playing && story.kiosk?.hours ? story.kiosk.hours : undefined), fromHash('hours'));
registerHashKey('exit', () => (story.playing && story.kiosk && story.kiosk.exit ? story.kiosk.exit : undefined), fromHash('exit'));
// While the player runs, the scene (story + scene keys) decides the year: `year=` stays out of the hash, and
// a hash read meanwhile (Back to the page before the player) sets the year to restore. This replaces the
// key explore.svelte.ts registered (same range) — see docs/stories.md § Deep links.
registerHashKey(
  'year',
  () => (story.playing || explore.year === null ? undefined : String(explore.year)),
  (v) => {
    const y = v === undefined ? NaN : Number(v);
    const year = Number.isInteger(y) && y >= TIMELINE.min && y <= TIMELINE.max ? y : null;
    if (appFilters) appFilters.year = year;
    else explore.year = year;
  },
);
// Regions, kinds and a comparison are the scene's while the player runs too: they stay out of the hash
// meanwhile (the entry before the player keeps the app's), and a hash read meanwhile leaves them to the scene.
for (const key of ['regions', 'hide', 'compare', 'cmode', 'cpos']) {
  const base = hashKeyEntry(key);
  if (base) registerHashKey(key, () => (story.playing ? undefined : base.get()), (v) => story.playing || base.set(v));
}
registerHashKey('presenter', () => (story.presenter ? '1' : undefined), fromHash('presenter'));
// the QR codes' public base URL (docs/hall.md): only http(s), kept while the player runs
registerHashKey(
  'share',
  () => (story.playing && story.shareBase ? story.shareBase : undefined),
  (v) => (story.shareBase = v && /^https?:\/\/[^\s/]+/i.test(v) ? v : ''),
);
