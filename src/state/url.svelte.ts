// The URL hash is derived from state in this one place (docs/state.md § The URL). One effect formats the
// hash from state and writes it: a change a user would share (panel, selection, language, filters, story…)
// pushes a history entry so Back undoes it; camera moves, opacity drags and slider/scene steps replace it.
// A hash that comes from outside (load, Back/Forward, a typed link) is applied to state and adopted: the
// effect does not echo it back as a new entry.
import { untrack } from 'svelte';
import { app, setEmbed, setLang, setPanel, setView } from './app.svelte.ts';
import { selection, select } from './selection.svelte.ts';
import { formatHash, parseHash, replacesEntry, type HashState, type View } from '../lib/hash.ts';
import { DEFAULT_LANG } from '../lib/i18n/catalog.ts';

/** Features add their own hash keys (e.g. story, scene) without editing this module. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a registry filled at import; `keys` below makes it reactive
const extraKeys = new Map<string, { get: () => string | undefined; set: (value: string | undefined) => void }>();
/** Bumped when a lazily loaded module registers keys, so the effect reads them too. */
let keys = $state(0);

// True from a hash applied from outside until the task (and its microtasks: effects, story resolution) settles.
let adopting = false;
let adoptTimer: ReturnType<typeof setTimeout> | undefined;
/** The hash last written or adopted: the next change is compared with it. */
let last = '';

const hasLocation = typeof location !== 'undefined';

/** Run `fn` (state set from outside: a hash, the map's first view) without writing a history entry for it. */
export function adopt(fn: () => void): void {
  adopting = true;
  clearTimeout(adoptTimer);
  adoptTimer = setTimeout(() => (adopting = false), 0);
  fn();
}

export function registerHashKey(key: string, get: () => string | undefined, set: (value: string | undefined) => void): void {
  extraKeys.set(key, { get, set });
  // A module that loads late (stories, after the first frame) still sees the link it was opened with.
  if (hasLocation) {
    const value = readHash()[key];
    adopt(() => set(typeof value === 'string' ? value : undefined));
  }
  keys++;
}

/** A key registered so far (a feature can narrow another's key, e.g. the story player the filters). */
export function hashKeyEntry(key: string): { get: () => string | undefined; set: (value: string | undefined) => void } | undefined {
  return extraKeys.get(key);
}

export function readHash(): HashState {
  return parseHash(location.hash);
}

/** Apply a hash to state; `onView` moves the map when the view came from outside (back/forward). */
export function applyHash(state: HashState, onView?: (v: View) => void): void {
  adopt(() => {
    if (state.lang && state.lang !== app.lang) setLang(state.lang);
    setPanel(typeof state.panel === 'string' ? state.panel : null);
    select(typeof state.sel === 'string' ? state.sel : null);
    setEmbed(state.embed === '1');
    for (const [key, { set }] of extraKeys) set(typeof state[key] === 'string' ? (state[key] as string) : undefined);
    if (state.view) {
      setView(state.view);
      onView?.(state.view);
    }
  });
}

export function currentHash(): string {
  void keys;
  return formatHash({
    view: app.view ?? undefined,
    lang: app.lang === DEFAULT_LANG ? undefined : app.lang,
    panel: app.panel ?? undefined,
    sel: selection.id ?? undefined,
    embed: app.embed ? '1' : undefined,
    ...Object.fromEntries([...extraKeys].map(([key, { get }]) => [key, get()])),
  });
}

function write(next: string): void {
  const prev = last;
  last = next;
  if (adopting || next === prev) return;
  if (next === location.hash || (next === '' && location.hash === '')) return;
  const url = `${location.pathname}${location.search}${next}`;
  if (replacesEntry(prev, next)) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
}

/**
 * Start keeping the URL and state in step: apply the hash the page opened with, follow Back/Forward and
 * typed hashes (`onView` moves the map), and derive the hash from state from now on.
 */
export function startUrlSync(onView: (v: View) => void): () => void {
  applyHash(readHash());
  const fromOutside = () => applyHash(readHash(), onView);
  addEventListener('popstate', fromOutside);
  addEventListener('hashchange', fromOutside);
  const stop = $effect.root(() => {
    $effect(() => {
      const next = currentHash();
      untrack(() => write(next));
    });
  });
  return () => {
    stop();
    removeEventListener('popstate', fromOutside);
    removeEventListener('hashchange', fromOutside);
  };
}
