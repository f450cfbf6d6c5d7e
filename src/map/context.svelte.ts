// The app's map, shared with the components through Svelte context (as svelte-maplibre does) instead of a
// module-level variable. App creates the context (the header's search sits outside the map's <main>),
// MapCanvas puts its MapView in it, components read `useMap().view` (null until the map exists).
import { getContext, setContext } from 'svelte';
import type { MapView } from './mapView.ts';

const KEY = Symbol('tongcheng-atlas.map');

export class MapContext {
  view = $state.raw<MapView | null>(null);
}

/** Called once by the root component (App). */
export function createMapContext(): MapContext {
  return setContext(KEY, new MapContext());
}

/** The map of the enclosing MapCanvas. */
export function useMap(): MapContext {
  const ctx = getContext<MapContext | undefined>(KEY);
  if (!ctx) throw new Error('useMap() outside MapCanvas');
  return ctx;
}
