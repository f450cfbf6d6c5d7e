// Published suggestions on the map: one point per suggestion (its pin, or its element's anchor when it has
// none), clustered with the count drawn on each cluster; and the suggestion form's "pick on map" (the next tap
// or click sets the pin, drawn as a marker). Through MapView only; state is read, never written except by its
// named actions (select an element, set / stop picking the pin).
import type { MapView } from './mapView.ts';
import { anchorLookup, layerPoints } from '../lib/participation/published.ts';
import { participation, setPickedPin, setPinPicking } from '../state/participation.svelte.ts';
import { plan } from '../state/plan.svelte.ts';
import { select } from '../state/selection.svelte.ts';
import { fonts } from '../style/theme.ts';

export const SUGGESTION_SOURCE = 'participation-suggestions';
export const SUGGESTION_LAYERS = ['participation-cluster', 'participation-cluster-count', 'participation-point'] as const;
const CATEGORY_COLORS = { support: '#2e7d32', concern: '#c62828', question: '#1565c0', idea: '#ef6c00' };

declare global {
  interface Window {
    /** Handle for browser tests; not an API. */
    __atlasParticipationLayer?: () => { points: number; unplaced: number; shown: boolean };
  }
}

function addLayers(view: MapView): void {
  view.addLayer({
    id: 'participation-cluster', type: 'circle', source: SUGGESTION_SOURCE, filter: ['has', 'point_count'],
    paint: {
      'circle-color': '#6a1b9a',
      'circle-opacity': 0.85,
      'circle-radius': ['step', ['get', 'point_count'], 13, 5, 17, 20, 22],
      'circle-stroke-color': '#1b1b1b',
      'circle-stroke-width': 2,
    },
  });
  view.addLayer({
    id: 'participation-cluster-count', type: 'symbol', source: SUGGESTION_SOURCE, filter: ['has', 'point_count'],
    layout: { 'text-field': ['to-string', ['get', 'point_count']], 'text-font': [fonts.latin], 'text-size': 13, 'text-allow-overlap': true },
    paint: { 'text-color': '#ffffff' },
  });
  view.addLayer({
    id: 'participation-point', type: 'circle', source: SUGGESTION_SOURCE, filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': ['match', ['get', 'category'], ...Object.entries(CATEGORY_COLORS).flat(), '#6a1b9a'] as never,
      'circle-radius': 8,
      'circle-stroke-color': '#1b1b1b',
      'circle-stroke-width': 2,
    },
  });
}

function pinElement(): HTMLElement {
  // a drop pin: a round head with a point at the bottom centre (the marker's anchor is the position)
  const el = document.createElement('div');
  el.dataset.testid = 'suggest-pin-marker';
  el.setAttribute('aria-hidden', 'true');
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '38');
  svg.setAttribute('viewBox', '0 0 28 38');
  const path = document.createElementNS(svgNs, 'path');
  path.setAttribute('d', 'M14 37 C14 37 2 22 2 14 a12 12 0 0 1 24 0 C26 22 14 37 14 37 Z');
  path.setAttribute('fill', '#c01c28');
  path.setAttribute('stroke', '#ffffff');
  path.setAttribute('stroke-width', '2.5');
  const dot = document.createElementNS(svgNs, 'circle');
  dot.setAttribute('cx', '14');
  dot.setAttribute('cy', '14');
  dot.setAttribute('r', '4.5');
  dot.setAttribute('fill', '#ffffff');
  svg.append(path, dot);
  el.append(svg);
  el.style.pointerEvents = 'none';
  return el;
}

/**
 * "Pick on map" for the suggestion form: while picking, a tap or click on the map sets the pin and nothing
 * else (taken in the capture phase, before MapLibre's listener, like the analysis tools); a drag still pans.
 * The chosen pin is drawn as a marker while the form shows it.
 */
export function attachPinPicker(view: MapView): () => void {
  const target = view.eventTarget;
  let down: { x: number; y: number } | null = null;
  const onDown = (e: PointerEvent) => (down = { x: e.clientX, y: e.clientY });
  const onClick = (e: MouseEvent) => {
    if (!participation.pick.picking) return;
    e.stopPropagation();
    if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 8) return; // a drag, not a tap
    const rect = target.getBoundingClientRect();
    setPickedPin(view.wgsAt([e.clientX - rect.left, e.clientY - rect.top]));
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && participation.pick.picking) {
      e.preventDefault(); // the card stays open: only the picking ends
      setPinPicking(false);
    }
  };
  target.addEventListener('pointerdown', onDown, true);
  target.addEventListener('click', onClick, true);
  window.addEventListener('keydown', onKey, true);
  let marker: { remove(): void } | null = null;
  const stop = $effect.root(() => {
    $effect(() => {
      const picking = participation.pick.picking;
      if (picking) view.container.dataset.pinPicking = '1';
      else delete view.container.dataset.pinPicking;
    });
    $effect(() => {
      const { at, shown } = participation.pick;
      marker?.remove();
      marker = shown && at ? view.addMarkerWgs(pinElement(), at) : null;
    });
  });
  return () => {
    target.removeEventListener('pointerdown', onDown, true);
    target.removeEventListener('click', onClick, true);
    window.removeEventListener('keydown', onKey, true);
    stop();
    marker?.remove();
    delete view.container.dataset.pinPicking;
  };
}

export function attachParticipationLayer(view: MapView): () => void {
  let last = { points: 0, unplaced: 0, shown: false };
  window.__atlasParticipationLayer = () => last;
  const offClick = view.on('click', (e) => {
    if (!participation.layerOn) return;
    const [hit] = view.featuresAt(e.point, 6, SUGGESTION_LAYERS);
    if (!hit) return;
    const p = hit.properties as { point_count?: number; elementId?: string | null };
    if (p.point_count) {
      const v = view.getView();
      view.flyTo({ lon: (hit.geometry as GeoJSON.Point).coordinates[0], lat: (hit.geometry as GeoJSON.Point).coordinates[1], zoom: Math.min(14, v.zoom + 2) });
    } else if (p.elementId) select(p.elementId);
  });
  const stop = $effect.root(() => {
    $effect(() => {
      const on = participation.layerOn && participation.available;
      const fc = participation.published;
      const features = plan.features;
      if (!on) {
        view.removeLayers(SUGGESTION_LAYERS);
        view.removeSource(SUGGESTION_SOURCE);
        last = { ...last, shown: false };
        return;
      }
      const { points, unplaced } = layerPoints(fc, anchorLookup(features));
      view.upsertGeoJSON(SUGGESTION_SOURCE, points, { radius: 30, maxZoom: 14 });
      if (!view.hasLayer(SUGGESTION_LAYERS[0])) addLayers(view);
      last = { points: points.features.length, unplaced, shown: true };
    });
  });
  return () => {
    offClick();
    stop();
  };
}
