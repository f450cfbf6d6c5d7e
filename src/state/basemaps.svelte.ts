// Which basemap is shown and which offline basemap groups are on. The hash key `bm` carries the basemap
// (absent = offline); the Tianditu key lives in localStorage only and never enters the URL.
import { BASEMAPS, TIANDITU_KEY_STORAGE } from '../config/basemaps.ts';
import { registerHashKey } from './url.svelte.ts';

export type BasemapGroupName = 'boundaries' | 'rivers' | 'labels';

function storedKey(): string {
  try {
    return localStorage.getItem(TIANDITU_KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export const basemapState = $state({
  /** Requested basemap id. */
  active: 'offline',
  /** What the map actually shows (differs while loading or when a key is missing). */
  shown: 'offline',
  groups: { boundaries: true, rivers: true, labels: true } as Record<BasemapGroupName, boolean>,
  tiandituKey: storedKey(),
  /** i18n key of the last problem ('' = none). */
  problem: '' as '' | 'keyMissing' | 'tilesFailed',
});

// Not reactive state: a plain callback list.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const listeners = new Set<() => void>();
/** The map module listens here (plain callbacks: the hash can change state before the map exists). */
export function onBasemapChange(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}
const notify = () => listeners.forEach((cb) => cb());

export const isBasemapId = (id: string | undefined): id is string => !!id && BASEMAPS.some((b) => b.id === id);

export function chooseBasemap(id: string): void {
  basemapState.active = isBasemapId(id) ? id : 'offline';
  basemapState.problem = '';
  notify();
}

/** What the map shows now, and why it is not what was asked for (set by src/map/basemaps.ts). */
export function setShownBasemap(id: string, problem?: 'keyMissing' | 'tilesFailed'): void {
  basemapState.shown = id;
  if (problem) basemapState.problem = problem;
}

export function reportBasemapProblem(problem: 'keyMissing' | 'tilesFailed'): void {
  basemapState.problem = problem;
}

export function setGroupVisible(group: BasemapGroupName, visible: boolean): void {
  basemapState.groups[group] = visible;
  notify();
}

export function setTiandituKey(key: string): void {
  basemapState.tiandituKey = key.trim();
  try {
    if (basemapState.tiandituKey) localStorage.setItem(TIANDITU_KEY_STORAGE, basemapState.tiandituKey);
    else localStorage.removeItem(TIANDITU_KEY_STORAGE);
  } catch {
    // not persisted; works for this session
  }
  if (basemapState.active === 'tianditu') chooseBasemap('tianditu');
}

registerHashKey(
  'bm',
  () => (basemapState.active === 'offline' ? undefined : basemapState.active),
  (v) => {
    const next = isBasemapId(v) ? v : 'offline';
    if (next !== basemapState.active) chooseBasemap(next);
  },
);
