// Basemap switching: the bundled offline basemap or online raster tiles (src/config/basemaps.ts), and
// the display-only GCJ-02 shift for basemaps drawn in GCJ-02 (Gaode).
//
// The shift: every GeoJSON source the app draws (basemap provinces/prefectures/counties/rivers/labels,
// the plan source and any `user-*` source) shows a WGS84→GCJ-02 converted copy; the WGS84 originals stay
// in memory and are put back as the very same objects on switching back. State, hash and analysis stay
// WGS84. On a shifted display, map.unproject() and MapLibre event lngLat are GCJ-02: pass them through
// displayToWgs84() before using them; deck.gl overlays drawn from WGS84 data need wgs84ToDisplay().
import { LngLatBounds, type GeoJSONSource, type LngLatBoundsLike, type Map as MapLibreMap, type SourceSpecification } from 'maplibre-gl';
import type { GeoJSON } from 'geojson';
import type { MapView } from './mapView.ts';
import { BASEMAP_LAYER_GROUPS } from './basemapStyle.ts';
import { PLAN_SOURCE } from './planLayers.ts';
import { basemapConfigs, tileUrls, type BasemapConfig, type BasemapDatum } from '../config/basemaps.ts';
import { gcj02ToWgs84, wgs84ToGcj02, type Position2 } from '../lib/geo/crs.ts';
import { shiftGeoJSON } from '../lib/geo/displayShift.ts';
import { basemapState, onBasemapChange, reportBasemapProblem, setShownBasemap, type BasemapGroupName } from '../state/basemaps.svelte.ts';

export const RASTER_LAYER = 'basemap-raster';
export const RASTER_LABEL_LAYER = 'basemap-raster-labels';
/** The offline land fills: hidden under an online basemap (its own land shows instead). */
const LAND_FILLS: readonly string[] = ['sichuan-fill', 'chongqing-fill'];
const BASEMAP_SOURCES: readonly string[] = ['provinces', 'prefectures', 'counties', 'rivers', 'labels'];

export const isShiftedSource = (id: string): boolean => BASEMAP_SOURCES.includes(id) || id === PLAN_SOURCE || id.startsWith('user-');

// One map per page; the datum it currently displays.
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

type SetData = GeoJSONSource['setData'];
interface ShiftState {
  datum: BasemapDatum;
  /** Latest WGS84 data per source id, as handed to setData/addSource. */
  originals: Map<string, GeoJSON>;
  /** The sources' own setData, bypassing the shift. */
  rawSetData: WeakMap<GeoJSONSource, SetData>;
  /** Shifted copies by original object: switching back and forth converts once. */
  cache: WeakMap<object, GeoJSON>;
}
const shifts = new WeakMap<MapLibreMap, ShiftState>();

function shifted(st: ShiftState, data: GeoJSON): GeoJSON {
  let copy = st.cache.get(data);
  if (!copy) {
    copy = shiftGeoJSON(data, wgs84ToGcj02);
    st.cache.set(data, copy);
  }
  return copy;
}

/** Routes a GeoJSON source's setData through the shift, so app updates (plan filter, imports) stay shifted. */
function patchSource(st: ShiftState, src: GeoJSONSource, id: string): void {
  if (st.rawSetData.has(src)) return;
  const raw = src.setData.bind(src);
  st.rawSetData.set(src, raw);
  src.setData = (data) => {
    if (typeof data === 'string') {
      st.originals.delete(id);
      return raw(data);
    }
    st.originals.set(id, data);
    return raw(st.datum === 'gcj02' ? shifted(st, data) : data);
  };
}

function shiftState(map: MapLibreMap): ShiftState {
  const existing = shifts.get(map);
  if (existing) return existing;
  const state: ShiftState = { datum: 'wgs84', originals: new Map(), rawSetData: new WeakMap(), cache: new WeakMap() };
  shifts.set(map, state);
  // Sources added later (the plan source, user imports) are shifted from their first frame.
  const rawAdd = map.addSource.bind(map);
  map.addSource = (id: string, spec: SourceSpecification) => {
    const geojson = spec.type === 'geojson' && isShiftedSource(id);
    if (geojson && typeof spec.data === 'object') {
      state.originals.set(id, spec.data);
      rawAdd(id, state.datum === 'gcj02' ? { ...spec, data: shifted(state, spec.data) } : spec);
    } else rawAdd(id, spec);
    if (geojson) patchSource(state, map.getSource(id) as GeoJSONSource, id);
    return map;
  };
  return state;
}

function geojsonSources(map: MapLibreMap): [string, GeoJSONSource][] {
  return Object.keys(map.getStyle().sources)
    .filter(isShiftedSource)
    .map((id) => [id, map.getSource(id)] as const)
    .filter((e): e is [string, GeoJSONSource] => e[1]?.type === 'geojson');
}

async function setDisplayDatum(map: MapLibreMap, datum: BasemapDatum): Promise<void> {
  const st = shiftState(map);
  if (st.datum === datum) return;
  st.datum = datum;
  displayDatum = datum;
  const updates: Promise<void>[] = [];
  for (const [id, src] of geojsonSources(map)) {
    patchSource(st, src, id);
    const raw = st.rawSetData.get(src)!;
    let original = st.originals.get(id);
    if (!original && datum === 'gcj02') {
      const data = await src.getData();
      // Re-check: the source may have been given new data while we waited.
      original = st.originals.get(id) ?? data;
      st.originals.set(id, original);
    }
    if (original) updates.push(raw(datum === 'gcj02' ? shifted(st, original) : original));
  }
  await Promise.all(updates);
}

function firstOverlayLayer(map: MapLibreMap): string | undefined {
  return map.getLayersOrder().find((id) => map.getLayer(id)?.type !== 'background' && id !== RASTER_LAYER && id !== RASTER_LABEL_LAYER);
}

function removeRaster(map: MapLibreMap): void {
  for (const id of [RASTER_LABEL_LAYER, RASTER_LAYER]) {
    if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(id)) map.removeSource(id);
  }
}

function addRaster(map: MapLibreMap, id: string, tiles: string[], cfg: BasemapConfig): void {
  map.addSource(id, { type: 'raster', tiles, tileSize: cfg.tileSize, maxzoom: cfg.maxzoom, attribution: cfg.attribution });
  map.addLayer({ id, type: 'raster', source: id, paint: { 'raster-fade-duration': 0 } }, firstOverlayLayer(map));
}

/** Shows or hides the offline basemap's groups; the land fills stay hidden under an online basemap. */
export function applyGroups(map: MapLibreMap, groups: Record<BasemapGroupName, boolean>): void {
  const online = !!map.getLayer(RASTER_LAYER);
  for (const [group, ids] of Object.entries(BASEMAP_LAYER_GROUPS) as [BasemapGroupName, readonly string[]][])
    for (const id of ids)
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', groups[group] && !(online && LAND_FILLS.includes(id)) ? 'visible' : 'none');
}

export interface SetBasemapOptions {
  /** The user's key for basemaps that need one. */
  key?: string;
  configs?: readonly BasemapConfig[];
  groups?: Record<BasemapGroupName, boolean>;
}

const shown = new WeakMap<MapLibreMap, string>();
let queue: Promise<unknown> = Promise.resolve();

/**
 * Switches the basemap. Resolves 'keyMissing' (and shows the offline basemap) when a key is needed and
 * absent, 'unknown' for an id not in the config. Calls run one after another.
 */
export function setBasemap(mapView: MapView, id: string, opts: SetBasemapOptions = {}): Promise<'ok' | 'keyMissing' | 'unknown'> {
  const run = async (): Promise<'ok' | 'keyMissing' | 'unknown'> => {
    const map = mapView.map;
    shiftState(map);
    const cfg = (opts.configs ?? basemapConfigs()).find((b) => b.id === id);
    if (!cfg) return 'unknown';
    const tiles = cfg.type === 'raster' ? tileUrls(cfg.tiles, cfg, opts.key ?? '') : [];
    const labelTiles = cfg.labelTiles ? tileUrls(cfg.labelTiles, cfg, opts.key ?? '') : null;
    const result = tiles ? 'ok' : 'keyMissing';
    const target = tiles ? `${cfg.id}|${tiles.join(' ')}` : 'offline';
    if (shown.get(map) !== target) {
      removeRaster(map);
      if (tiles && cfg.type === 'raster') {
        addRaster(map, RASTER_LAYER, tiles, cfg);
        if (labelTiles) addRaster(map, RASTER_LABEL_LAYER, labelTiles, cfg);
      }
      shown.set(map, target);
    }
    applyGroups(map, opts.groups ?? basemapState.groups);
    await setDisplayDatum(map, tiles ? cfg.datum : 'wgs84');
    return result;
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/** The MapView API speaks WGS84: its view getter and camera moves are converted on a shifted display. */
function wrapCamera(mapView: MapView): void {
  const getView = mapView.getView.bind(mapView);
  const flyTo = mapView.flyTo.bind(mapView);
  const fitBounds = mapView.fitBounds.bind(mapView);
  mapView.getView = () => {
    const v = getView();
    const [lon, lat] = displayToWgs84([v.lon, v.lat]);
    return { ...v, lon, lat };
  };
  mapView.flyTo = (v, opts) => {
    if (v.lon === undefined || v.lat === undefined) return flyTo(v, opts);
    const [lon, lat] = wgs84ToDisplay([v.lon, v.lat]);
    flyTo({ ...v, lon, lat }, opts);
  };
  mapView.fitBounds = (bounds: LngLatBoundsLike, opts) => {
    const b = LngLatBounds.convert(bounds);
    fitBounds([wgs84ToDisplay(b.getSouthWest()), wgs84ToDisplay(b.getNorthEast())], opts);
  };
}

const attached = new WeakSet<MapView>();

/** Ties the map to the basemap state (switcher, hash key `bm`). Safe to call more than once. */
export function attachBasemaps(mapView: MapView): void {
  if (attached.has(mapView)) return;
  attached.add(mapView);
  const map = mapView.map;
  shiftState(map);
  wrapCamera(mapView);
  map.on('error', (e) => {
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
        map.getContainer().dataset.basemap = basemapState.shown;
      })
      .catch((e: unknown) => console.warn('basemap', e));
  };
  onBasemapChange(apply);
  apply();
}
