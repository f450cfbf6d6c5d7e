// User layers on one map: each workspace layer as a GeoJSON source `user-<id>` with its style layers (or a
// deck.gl layer above the feature budget), kept in step with the workspace; the selected feature's outline.
import type { FeatureCollection } from 'geojson';
import type { MapView, ScreenPoint } from '../mapView.ts';
import type { UserLayer, Workspace } from '../../lib/workspace/model.ts';
import { findFeature, history } from '../../state/workspace.svelte.ts';
import { layerSpecs, mapData, sublayerIds, usesDeck } from './style.ts';
import { deckLayer } from './deck.ts';

const SELECTED_SOURCE = 'user-selected';
const SELECTED_LAYERS = ['user-selected-line', 'user-selected-point'];

interface Rendered {
  layer: UserLayer;
  deck: boolean;
  lang: string;
  hidden: string | null;
  /** drawn for a GCJ-02 display (deck.gl layers carry shifted positions; MapLibre sources shift themselves) */
  shifted: boolean;
}

export class UserLayersOnMap {
  /** What is drawn, in workspace order (the Map's insertion order). */
  private rendered = new Map<string, Rendered>();

  constructor(private readonly view: MapView) {}

  /** `id:deck` or `id:maplibre` per drawn layer (the browser tests' handle). */
  summary(): string[] {
    return [...this.rendered.entries()].map(([id, r]) => `${id}:${r.deck ? 'deck' : 'maplibre'}`);
  }

  private remove(id: string): void {
    this.view.removeLayers(sublayerIds(id));
    this.view.removeSource(`user-${id}`);
    this.view.removeOverlayLayer(`user-${id}`);
    this.rendered.delete(id);
  }

  /** Brings the map in line with the workspace: only layers whose object changed are touched. */
  sync(ws: Workspace, lang: string, editing: string | null): void {
    const view = this.view;
    const rendered = this.rendered;
    const wanted = new Set(ws.layers.map((l) => l.id));
    for (const id of [...rendered.keys()]) if (!wanted.has(id)) this.remove(id);
    let reorder = false;
    const shifted = view.displayShifted;
    for (const layer of ws.layers) {
      const prev = rendered.get(layer.id);
      const hidden = editing && layer.features.some((f) => f.id === editing) ? editing : null;
      const deck = usesDeck(layer);
      if (prev && prev.layer === layer && prev.lang === lang && prev.hidden === hidden && (!deck || prev.shifted === shifted)) continue;
      if (prev && prev.deck !== deck) this.remove(layer.id);
      const same = rendered.get(layer.id);
      if (deck) {
        const stale = () => rendered.get(layer.id)?.layer !== layer || rendered.get(layer.id)?.lang !== lang || rendered.get(layer.id)?.shifted !== shifted;
        void deckLayer(layer, lang, stale, shifted ? (p) => view.displayPosition(p) : null).then((l) => {
          if (l && !stale()) void view.setOverlayLayer(l);
        });
      } else {
        const sourceId = `user-${layer.id}`;
        const hasSource = view.hasSource(sourceId);
        if (hasSource && same && (same.layer.features !== layer.features || same.lang !== lang || same.hidden !== hidden || same.layer.style !== layer.style))
          view.setGeoJSON(sourceId, mapData(layer, lang, hidden));
        else if (!hasSource) view.addGeoJSON(sourceId, mapData(layer, lang, hidden));
        if (!same || same.layer.style !== layer.style || same.layer.visible !== layer.visible || same.layer.features !== layer.features || same.lang !== lang) {
          view.removeLayers(sublayerIds(layer.id));
          for (const spec of layerSpecs(layer, lang)) view.addLayer(spec);
          reorder = true;
        }
      }
      if (!prev) reorder = true;
      rendered.set(layer.id, { layer, deck, lang, hidden, shifted });
    }
    if (reorder || ws.layers.map((l) => l.id).join() !== [...rendered.keys()].join()) {
      // below terra-draw's working layers
      const before = view.layerIds().find((id) => id.startsWith('td-'));
      for (const layer of ws.layers) for (const sub of sublayerIds(layer.id)) view.moveLayer(sub, before);
      for (const sub of SELECTED_LAYERS) view.moveLayer(sub, before);
      // Keep the Map's insertion order equal to the workspace order for the check above.
      const copy = new Map(rendered);
      rendered.clear();
      for (const l of ws.layers) if (copy.has(l.id)) rendered.set(l.id, copy.get(l.id)!);
    }
  }

  /** Outlines the selected feature (null clears). */
  syncSelection(ws: Workspace, sel: { layerId: string; featureId: string } | null): void {
    const view = this.view;
    const f = sel ? findFeature(ws, sel.layerId, sel.featureId) : undefined;
    const data: FeatureCollection = { type: 'FeatureCollection', features: f ? [{ type: 'Feature', geometry: f.geometry, properties: {} }] : [] };
    if (view.setGeoJSON(SELECTED_SOURCE, data)) return;
    view.addGeoJSON(SELECTED_SOURCE, data);
    view.addLayer({
      id: 'user-selected-line',
      type: 'line',
      source: SELECTED_SOURCE,
      filter: ['!', ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false]],
      paint: { 'line-color': '#1a5fb4', 'line-width': 4, 'line-dasharray': [2, 1] },
    });
    view.addLayer({
      id: 'user-selected-point',
      type: 'circle',
      source: SELECTED_SOURCE,
      filter: ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false],
      paint: { 'circle-radius': 10, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#1a5fb4', 'circle-stroke-width': 3 },
    });
  }

  /** The user feature drawn by MapLibre at a screen point (labels and the selection outline excluded). */
  featureAt(p: ScreenPoint): { layerId: string; featureId: string } | null {
    const layers = this.view.layerIds().filter((id) => id.startsWith('user-') && !id.startsWith('user-selected') && !id.endsWith('-label'));
    const hits = this.view.featuresAt(p, 5, layers);
    const props = hits[0]?.properties as { __fid?: string; __layer?: string } | undefined;
    return props?.__fid && props.__layer ? { layerId: props.__layer, featureId: props.__fid } : null;
  }
}

/** Frames a user layer (or one of its features) on the map of the caller (`useMap().view`). */
export async function zoomToLayer(view: MapView | null, layerId: string, featureId?: string): Promise<void> {
  const layer = history.state.layers.find((l) => l.id === layerId);
  if (!view || !layer || !layer.features.length) return;
  const { default: bbox } = await import('@turf/bbox');
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: layer.features.filter((f) => !featureId || f.id === featureId).map((f) => ({ type: 'Feature', geometry: f.geometry, properties: {} })),
  };
  const [w, s, e, n] = bbox(fc);
  view.fitBounds(
    [
      [w, s],
      [e, n],
    ],
    { padding: 60, animate: false },
  );
}
