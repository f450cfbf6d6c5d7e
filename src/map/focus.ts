// Select a plan element and bring it into view (search results, related links, list view).
import bbox from '@turf/bbox';
import type { MapView } from './mapView.ts';
import { plan } from '../state/plan.svelte.ts';
import { select } from '../state/selection.svelte.ts';

/** `view` is the map of the caller's MapCanvas (`useMap().view`); null before it exists: select only. */
export function focusElement(view: MapView | null, id: string): void {
  const f = plan.features.find((x) => x.properties.id === id);
  select(id);
  if (f) view?.fitBox(bbox(f) as [number, number, number, number]);
}
