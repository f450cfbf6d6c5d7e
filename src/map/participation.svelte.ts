// Published suggestions on the map: one point per suggestion (its pin, or its element's anchor when it has
// none), clustered with the count drawn on each cluster. Through MapView only; state is read, never written
// except by its named actions (select an element, none else).
import type { MapView } from './mapView.ts';
import { anchorLookup, layerPoints } from '../lib/participation/published.ts';
import { participation } from '../state/participation.svelte.ts';
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
