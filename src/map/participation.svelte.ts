// Published suggestions on the map: one point per suggestion (its pin, or its element's anchor when it has
// none), clustered with the count drawn on each cluster; and the suggestion form's "pick on map" (the next tap
// or click sets the pin, drawn as a marker). Through MapView only; state is read, never written except by its
// named actions (select an element, set / stop picking the pin).
import type { MapView } from './mapView.ts';
import { anchorLookup, filterCollection, layerPoints } from '../lib/participation/published.ts';
import { checkinPoints, mergeCounts, storyPoints } from '../lib/participation/places.ts';
import { kiosk } from '../state/kiosk.svelte.ts';
import { participation, setPickedPin, setPinPicking } from '../state/participation.svelte.ts';
import { plan } from '../state/plan.svelte.ts';
import { select } from '../state/selection.svelte.ts';
import { fonts } from '../style/theme.ts';

export const SUGGESTION_SOURCE = 'participation-suggestions';
export const SUGGESTION_LAYERS = ['participation-cluster', 'participation-cluster-count', 'participation-point'] as const;
export const STORY_SOURCE = 'participation-stories';
export const STORY_LAYERS = ['participation-story-cluster', 'participation-story-cluster-count', 'participation-story'] as const;
export const CHECKIN_SOURCE = 'participation-checkins';
export const CHECKIN_LAYERS = ['participation-checkin', 'participation-checkin-count'] as const;
const STORY_COLOR = '#00796b';
const CHECKIN_COLOR = '#f9a825';
const CATEGORY_COLORS = { support: '#2e7d32', concern: '#c62828', question: '#1565c0', idea: '#ef6c00' };

declare global {
  interface Window {
    /** Handles for browser tests; not an API. */
    __atlasParticipationLayer?: () => { points: number; unplaced: number; shown: boolean };
    __atlasParticipationPlaces?: () => { stories: number; storiesUnplaced: number; checkinPlaces: number; checkins: number; storiesShown: boolean; checkinsShown: boolean };
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

function addStoryLayers(view: MapView): void {
  view.addLayer({
    id: 'participation-story-cluster', type: 'circle', source: STORY_SOURCE, filter: ['has', 'point_count'],
    paint: { 'circle-color': STORY_COLOR, 'circle-opacity': 0.9, 'circle-radius': ['step', ['get', 'point_count'], 12, 5, 16, 20, 20], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  });
  view.addLayer({
    id: 'participation-story-cluster-count', type: 'symbol', source: STORY_SOURCE, filter: ['has', 'point_count'],
    layout: { 'text-field': ['to-string', ['get', 'point_count']], 'text-font': [fonts.latin], 'text-size': 12, 'text-allow-overlap': true },
    paint: { 'text-color': '#ffffff' },
  });
  // a single story: a diamond-ish square marker, told apart from the round suggestion points
  view.addLayer({
    id: 'participation-story', type: 'circle', source: STORY_SOURCE, filter: ['!', ['has', 'point_count']],
    paint: { 'circle-color': STORY_COLOR, 'circle-radius': 7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
  });
}

function addCheckinLayers(view: MapView): void {
  // a count badge per place: radius grows with the count (log steps), the number drawn on it
  view.addLayer({
    id: 'participation-checkin', type: 'circle', source: CHECKIN_SOURCE,
    paint: {
      'circle-color': CHECKIN_COLOR,
      'circle-radius': ['step', ['get', 'n'], 11, 10, 14, 100, 18, 1000, 22],
      'circle-stroke-color': '#1b1b1b',
      'circle-stroke-width': 1.5,
      'circle-translate': [14, -14],
    },
  });
  view.addLayer({
    id: 'participation-checkin-count', type: 'symbol', source: CHECKIN_SOURCE,
    layout: { 'text-field': ['get', 'label'], 'text-font': [fonts.latin], 'text-size': 12, 'text-allow-overlap': true, 'text-ignore-placement': true },
    paint: { 'text-color': '#1b1b1b', 'text-translate': [14, -14] },
  });
}

/** Visitors' stories (points, clustered) and check-in counts (a badge per place) as map layers. */
export function attachPlacesLayers(view: MapView): () => void {
  let last = { stories: 0, storiesUnplaced: 0, checkinPlaces: 0, checkins: 0, storiesShown: false, checkinsShown: false };
  window.__atlasParticipationPlaces = () => last;
  const offClick = view.on('click', (e) => {
    const [hit] = view.featuresAt(e.point, 8, [...CHECKIN_LAYERS, ...STORY_LAYERS]);
    if (!hit) return;
    const p = hit.properties as { point_count?: number; elementId?: string | null };
    if (p.point_count) {
      const c = (hit.geometry as GeoJSON.Point).coordinates;
      view.flyTo({ lon: c[0], lat: c[1], zoom: Math.min(14, view.getView().zoom + 2) });
    } else if (p.elementId) select(p.elementId);
  });
  const stop = $effect.root(() => {
    $effect(() => {
      const on = participation.storiesOn && participation.available;
      const stories = participation.stories;
      const anchors = anchorLookup(plan.features);
      if (!on) {
        view.removeLayers(STORY_LAYERS);
        view.removeSource(STORY_SOURCE);
        last = { ...last, storiesShown: false };
        return;
      }
      const { points, unplaced } = storyPoints(stories, anchors);
      view.upsertGeoJSON(STORY_SOURCE, points, { radius: 30, maxZoom: 14 });
      if (!view.hasLayer(STORY_LAYERS[0])) addStoryLayers(view);
      last = { ...last, stories: points.features.length, storiesUnplaced: unplaced, storiesShown: true };
    });
    $effect(() => {
      const on = participation.checkinsOn && participation.available;
      // this browser's own check-ins count at once (the kiosk's answer), before the next refresh
      const counts = mergeCounts(participation.checkins, kiosk.counts);
      const anchors = anchorLookup(plan.features);
      if (!on) {
        view.removeLayers(CHECKIN_LAYERS);
        view.removeSource(CHECKIN_SOURCE);
        last = { ...last, checkinsShown: false };
        return;
      }
      const { points, total } = checkinPoints(counts, anchors);
      view.upsertGeoJSON(CHECKIN_SOURCE, points);
      if (!view.hasLayer(CHECKIN_LAYERS[0])) addCheckinLayers(view);
      last = { ...last, checkinPlaces: points.features.length, checkins: total, checkinsShown: true };
    });
  });
  return () => {
    offClick();
    stop();
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
      const fc = filterCollection(participation.published, participation.filter);
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
