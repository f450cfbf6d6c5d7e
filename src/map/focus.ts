// Select a plan element or place and bring it into view (search results, related links, list view).
import bbox from '@turf/bbox';
import type { MapView } from './mapView.ts';
import { plan } from '../state/plan.svelte.ts';
import { select } from '../state/selection.svelte.ts';

let view: MapView | null = null;

export function setFocusTarget(mapView: MapView): void {
  view = mapView;
}

const reduceMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function fitBox(box: [number, number, number, number], maxZoom = 11): void {
  if (!view) return;
  const [w, s, e, n] = box;
  if (w === e && s === n) view.map.flyTo({ center: [w, s], zoom: Math.min(maxZoom, 11), animate: !reduceMotion() });
  else view.map.fitBounds([[w, s], [e, n]], { padding: 60, maxZoom, animate: !reduceMotion() });
}

export function focusElement(id: string): void {
  const f = plan.features.find((x) => x.properties.id === id);
  select(id);
  if (f) fitBox(bbox(f) as [number, number, number, number]);
}
