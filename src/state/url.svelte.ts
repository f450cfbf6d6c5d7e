// Keeps the URL hash and app state in step both ways (reload, back/forward, shared links).
import { app, setLang } from './app.svelte.ts';
import { selection } from './selection.svelte.ts';
import { formatHash, parseHash, type HashState, type View } from '../lib/hash.ts';
import { DEFAULT_LANG } from '../lib/i18n/catalog.ts';

let applying = false;

/** Features add their own hash keys (e.g. story, scene) without editing this module. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a registry filled once at import, not state
const extraKeys = new Map<string, { get: () => string | undefined; set: (value: string | undefined) => void }>();
export function registerHashKey(key: string, get: () => string | undefined, set: (value: string | undefined) => void): void {
  extraKeys.set(key, { get, set });
}

export function readHash(): HashState {
  return parseHash(location.hash);
}

/** Apply a hash to state; `onView` moves the map when the view came from outside (back/forward). */
export function applyHash(state: HashState, onView?: (v: View) => void): void {
  applying = true;
  if (state.lang && state.lang !== app.lang) setLang(state.lang);
  app.panel = typeof state.panel === 'string' ? state.panel : null;
  selection.id = typeof state.sel === 'string' ? state.sel : null;
  app.embed = state.embed === '1';
  for (const [key, { set }] of extraKeys) set(typeof state[key] === 'string' ? (state[key] as string) : undefined);
  if (state.view) {
    app.view = state.view;
    onView?.(state.view);
  }
  applying = false;
}

export function currentHash(): string {
  return formatHash({
    view: app.view ?? undefined,
    lang: app.lang === DEFAULT_LANG ? undefined : app.lang,
    panel: app.panel ?? undefined,
    sel: selection.id ?? undefined,
    embed: app.embed ? '1' : undefined,
    ...Object.fromEntries([...extraKeys].map(([key, { get }]) => [key, get()])),
  });
}

/** Write state to the hash; view moves replace the entry, panel/lang changes push one (so Back undoes them). */
export function writeHash(push: boolean): void {
  if (applying) return;
  const next = currentHash();
  if (next === location.hash || (next === '' && location.hash === '')) return;
  const url = `${location.pathname}${location.search}${next}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
