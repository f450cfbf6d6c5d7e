// Basemap switching: the bundled offline basemap or online raster tiles (src/config/basemaps.ts), and
// the display-only GCJ-02 shift for basemaps drawn in GCJ-02 (Gaode), done by MapView (src/map/mapViewShift.ts).
//
// State, hash and analysis stay WGS84; MapView's camera calls (getView, flyTo, fitBounds) convert. On a
// shifted display, MapView.unproject() and event lngLat are GCJ-02: pass them through displayToWgs84()
// before using them; deck.gl overlays drawn from WGS84 data need wgs84ToDisplay().
import type { MapView } from './mapView.ts';
import { BASEMAP_LAYER_GROUPS } from './basemapStyle.ts';
import { basemapConfigs, tileUrls, type BasemapConfig, type BasemapDatum } from '../config/basemaps.ts';
import { gcj02ToWgs84, wgs84ToGcj02, type Position2 } from '../lib/geo/gcj02.ts';
import { basemapState, onBasemapChange, reportBasemapProblem, setShownBasemap, type BasemapGroupName } from '../state/basemaps.svelte.ts';

export const RASTER_LAYER = 'basemap-raster';
export const RASTER_LABEL_LAYER = 'basemap-raster-labels';
/** The offline land fills: hidden under an online basemap (its own land shows instead). */
const LAND_FILLS: readonly string[] = ['sichuan-fill', 'chongqing-fill'];
// The main map's datum (the compare view's second map keeps its own: MapView.displayShifted).
let displayDatum: BasemapDatum = 'wgs84';

type LngLatInput = { lng: number; lat: number } | readonly [number, number];
const toPair = (p: LngLatInput): Position2 => ('lng' in p ? [p.lng, p.lat] : [p[0], p[1]]);

/** A position read off the map (unproject, event lngLat) as WGS84, whatever the basemap. */
export function displayToWgs84(lngLat: LngLatInput): Position2 {
  const p = toPair(lngLat);
  return displayDatum === 'gcj02' ? gcj02ToWgs84(p) : p;
}

/** A WGS84 position where the current display draws it (for deck.gl layers and map.project). */
export function wgs84ToDisplay(lngLat: LngLatInput): Position2 {
  const p = toPair(lngLat);
  return displayDatum === 'gcj02' ? wgs84ToGcj02(p) : p;
}

export const isDisplayShifted = (): boolean => displayDatum === 'gcj02';

/** Shows or hides the offline basemap's groups; the land fills stay hidden under an online basemap. */
export function applyGroups(view: MapView, groups: Record<BasemapGroupName, boolean>): void {
  const online = view.hasLayer(RASTER_LAYER);
  for (const [group, ids] of Object.entries(BASEMAP_LAYER_GROUPS) as [BasemapGroupName, readonly string[]][])
    for (const id of ids) view.setLayout(id, 'visibility', groups[group] && !(online && LAND_FILLS.includes(id)) ? 'visible' : 'none');
}

export interface SetBasemapOptions {
  /** The user's key for basemaps that need one. */
  key?: string;
  configs?: readonly BasemapConfig[];
  groups?: Record<BasemapGroupName, boolean>;
}

const shown = new WeakMap<MapView, string>();
let queue: Promise<unknown> = Promise.resolve();

/**
 * Switches the basemap. Resolves 'keyMissing' (and shows the offline basemap) when a key is needed and
 * absent, 'unknown' for an id not in the config. Calls run one after another.
 */
export function setBasemap(mapView: MapView, id: string, opts: SetBasemapOptions = {}): Promise<'ok' | 'keyMissing' | 'unknown'> {
  const run = async (): Promise<'ok' | 'keyMissing' | 'unknown'> => {
    mapView.enableDisplayShift();
    const cfg = (opts.configs ?? basemapConfigs()).find((b) => b.id === id);
    if (!cfg) return 'unknown';
    const tiles = cfg.type === 'raster' ? tileUrls(cfg.tiles, cfg, opts.key ?? '') : [];
    const labelTiles = cfg.labelTiles ? tileUrls(cfg.labelTiles, cfg, opts.key ?? '') : null;
    const result = tiles ? 'ok' : 'keyMissing';
    const target = tiles ? `${cfg.id}|${tiles.join(' ')}` : 'offline';
    if (shown.get(mapView) !== target) {
      const raster = (rid: string, t: string[]) => ({ id: rid, tiles: t, tileSize: cfg.tileSize, maxzoom: cfg.maxzoom, attribution: cfg.attribution });
      const rasters = tiles && cfg.type === 'raster' ? [raster(RASTER_LAYER, tiles), ...(labelTiles ? [raster(RASTER_LABEL_LAYER, labelTiles)] : [])] : [];
      mapView.setRasters([RASTER_LAYER, RASTER_LABEL_LAYER], rasters);
      shown.set(mapView, target);
    }
    applyGroups(mapView, opts.groups ?? basemapState.groups);
    const datum: BasemapDatum = tiles ? cfg.datum : 'wgs84';
    if (attached.has(mapView)) displayDatum = datum;
    await mapView.setDisplayDatum(datum);
    return result;
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

const attached = new WeakSet<MapView>();

/** Ties the map to the basemap state (switcher, hash key `bm`). Safe to call more than once. */
export function attachBasemaps(mapView: MapView): void {
  if (attached.has(mapView)) return;
  attached.add(mapView);
  mapView.enableDisplayShift();
  mapView.on('error', (e) => {
    const sourceId = (e as { sourceId?: string }).sourceId;
    if (sourceId === RASTER_LAYER || sourceId === RASTER_LABEL_LAYER) reportBasemapProblem('tilesFailed');
    // A listener stops MapLibre printing errors itself; keep the others visible.
    else console.error(e.error);
  });
  const apply = () => {
    const id = basemapState.active;
    setBasemap(mapView, id, { key: basemapState.tiandituKey, groups: basemapState.groups })
      .then((r) => {
        if (basemapState.active !== id) return;
        setShownBasemap(r === 'ok' ? id : 'offline', r === 'keyMissing' ? 'keyMissing' : undefined);
        // What is on screen, for tests and styling: set once tiles are added and the shift is done.
        mapView.container.dataset.basemap = basemapState.shown;
      })
      .catch((e: unknown) => console.warn('basemap', e));
  };
  onBasemapChange(apply);
  apply();
}
