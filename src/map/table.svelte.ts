// The attribute table on the map: the selected rows' features highlighted (source `table-highlight`), a
// feature clicked on the map selects its row, and zoom to the selection. Through MapView only.
import { untrack } from 'svelte';
import type { FeatureCollection } from 'geojson';
import type { MapView } from './mapView.ts';
import { wsUi } from '../state/workspace.svelte.ts';
import { selection } from '../state/selection.svelte.ts';
import { selectFromMap, selectedFeatures, tableUi } from '../state/table.svelte.ts';

export const HIGHLIGHT_SOURCE = 'table-highlight';
export const HIGHLIGHT_LAYERS = ['table-highlight-fill', 'table-highlight-line', 'table-highlight-point', 'table-highlight-point-ring'] as const;
/** Features drawn in the highlight at most: a selection of 100k rows outlines the first ones and says so. */
export const HIGHLIGHT_MAX = 20_000;
/** Deep blue with a white casing: apart from the import palette's magenta and the plan's hues. */
const COLOR = '#0b3d91';

function ensureLayers(view: MapView, data: FeatureCollection): void {
  if (view.setGeoJSON(HIGHLIGHT_SOURCE, data)) return;
  view.addGeoJSON(HIGHLIGHT_SOURCE, data);
  const polygon: ['match', ['geometry-type'], string[], boolean, boolean] = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
  view.addLayer({ id: 'table-highlight-fill', type: 'fill', source: HIGHLIGHT_SOURCE, filter: polygon, paint: { 'fill-color': COLOR, 'fill-opacity': 0.25 } });
  view.addLayer({
    id: 'table-highlight-line',
    type: 'line',
    source: HIGHLIGHT_SOURCE,
    filter: ['!', ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false]],
    paint: { 'line-color': COLOR, 'line-width': 3.5 },
  });
  view.addLayer({
    id: 'table-highlight-point',
    type: 'circle',
    source: HIGHLIGHT_SOURCE,
    filter: ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false],
    paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 6 },
  });
  view.addLayer({
    id: 'table-highlight-point-ring',
    type: 'circle',
    source: HIGHLIGHT_SOURCE,
    filter: ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false],
    paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': COLOR, 'circle-stroke-width': 3 },
  });
}

/** Draws the selected rows' features on top of everything (user layers added later stay below). */
export function syncHighlight(view: MapView): void {
  const features = selectedFeatures().slice(0, HIGHLIGHT_MAX);
  ensureLayers(view, { type: 'FeatureCollection', features: features.map((f) => ({ ...f, properties: { __fid: String(f.id) } })) });
  for (const id of HIGHLIGHT_LAYERS) view.moveLayer(id);
}

/** Frames the selected rows' features (all shown rows when nothing is selected). */
export async function zoomToSelection(view: MapView | null): Promise<void> {
  const features = selectedFeatures();
  if (!view || !features.length) return;
  const { default: bbox } = await import('@turf/bbox');
  const [w, s, e, n] = bbox({ type: 'FeatureCollection', features });
  view.fitBounds(
    [
      [w, s],
      [e, n],
    ],
    { padding: 80, animate: false, maxZoom: 11 },
  );
}

export function attachTable(view: MapView): void {
  $effect.root(() => {
    $effect(() => {
      // re-read on selection, target and workspace changes (an undo can move a feature)
      void tableUi.selection;
      void tableUi.layer;
      void tableUi.target;
      void wsUi.workspace;
      syncHighlight(view);
    });
    $effect(() => {
      // only a new map pick selects a row, not the table's own changes (untracked)
      const sel = wsUi.selected;
      if (sel) untrack(() => selectFromMap(sel.layerId, sel.featureId));
    });
    $effect(() => {
      const id = selection.id;
      if (id) untrack(() => tableUi.target?.kind === 'plan' && selectFromMap(null, id));
    });
  });
}
