// The one module that owns MapLibre and deck.gl (with its companions src/map/mapView*.ts). The rest of the
// app uses this small API — camera, style layers and GeoJSON sources by id, rendered features, events,
// markers, deck.gl overlay layers, the drawing adapter and the offscreen image — never the MapLibre map
// itself (its `map` is private; ESLint keeps maplibre-gl imports here, docs/layout.md).
import { LngLatBounds, Map as MapLibreMap, Marker, NavigationControl, ScaleControl, AttributionControl, setWorkerUrl } from 'maplibre-gl';
import type {
  FilterSpecification,
  LayerSpecification,
  LngLatBoundsLike,
  MapEventType,
  MapGeoJSONFeature,
  PaddingOptions,
  StyleSpecification,
} from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { renderOffscreen, type OffscreenImage, type OffscreenRequest } from './mapViewImage.ts';
import { DisplayShift } from './mapViewShift.ts';
import type { BasemapDatum } from '../config/basemaps.ts';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../lib/geo/gcj02.ts';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Basemap } from '../lib/basemap/decode.ts';
import type { View } from '../lib/hash.ts';
import type { Lang } from '../lib/i18n/catalog.ts';
import { basemapStyle, labelField, BASEMAP_LAYER_GROUPS } from './basemapStyle.ts';
import { PLAN_PICK_LAYERS, PLAN_SOURCE, opacityFactor, planLayers, planOpacityPaint, selectionFilter } from './planLayers.ts';
import type { MapProps } from '../lib/plan/bundle.ts';
import { presentationScale, scaleOverlayProps, scaleStyleValue, SCALED_PROPERTIES, type PresentationScale } from '../lib/story/presentation.ts';
import type { Feature, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import pointOnFeature from '@turf/point-on-feature';
import type { GeoJSONSource } from 'maplibre-gl';
import { fonts } from '../style/theme.ts';
import { panelPadding } from './framing.ts';
import { t } from '../lib/i18n/catalog.ts';

setWorkerUrl(workerUrl);

/** The Chengdu–Chongqing frame the app opens on. */
export const HOME_BOUNDS: LngLatBoundsLike = [
  [102.9, 28.4],
  [107.9, 31.9],
];

export interface MapViewOptions {
  container: HTMLElement;
  basemap: Basemap;
  lang: Lang;
  view?: View;
  interactive?: boolean;
}

/** MapLibre's own control texts, from the catalog (set when the map is made). */
function mapLibreLocale(lang: Lang): Record<string, string> {
  const keys = {
    'Map.Title': 'app.maplibre.map',
    'NavigationControl.ZoomIn': 'app.maplibre.zoomIn',
    'NavigationControl.ZoomOut': 'app.maplibre.zoomOut',
    'NavigationControl.ResetBearing': 'app.maplibre.resetBearing',
    'AttributionControl.ToggleAttribution': 'app.maplibre.toggleAttribution',
    'ScaleControl.Kilometers': 'app.maplibre.kilometers',
    'ScaleControl.Meters': 'app.maplibre.meters',
  } as const;
  return Object.fromEntries(Object.entries(keys).map(([k, key]) => [k, t(key, lang)]));
}

export type BasemapGroup = keyof typeof BASEMAP_LAYER_GROUPS;

/** A screen position in CSS pixels of the map container. */
export interface ScreenPoint {
  x: number;
  y: number;
}

/** A camera the map would take (cameraForBounds), in WGS84 whatever datum the display draws in. */
export interface CameraTarget {
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

declare global {
  interface Window {
    /** Browser tests' handle on the MapLibre map of the app (set by exposeForTests); not an API. */
    __atlasMap?: MapLibreMap;
    /** the compare view's second map (tests) */
    __atlasCompareMap?: MapLibreMap;
  }
}

export class MapView {
  private readonly map: MapLibreMap;
  /** deck.gl is loaded on the first overlay layer: it is 140 KiB gzip the first frame does not need. */
  private overlay: MapLibreOverlay | null = null;
  private overlayLoading: Promise<MapLibreOverlay> | null = null;
  private overlayLayers = new Map<string, Layer>();
  /** the presentation scale's geometry factor, applied to deck.gl pixel sizes */
  private overlayScale = 1;
  private attribution: AttributionControl | null = null;
  private scale = new ScaleControl({ unit: 'metric', maxWidth: 120 });
  private navigation: NavigationControl | null = null;
  /** The GCJ-02 display shift, installed by the basemap wiring (enableDisplayShift). */
  private shift: DisplayShift | null = null;

  private constructor(opts: MapViewOptions) {
    this.map = new MapLibreMap({
      container: opts.container,
      style: basemapStyle(opts.basemap, opts.lang),
      ...(opts.view
        ? { center: [opts.view.lon, opts.view.lat], zoom: opts.view.zoom, bearing: opts.view.bearing, pitch: opts.view.pitch }
        : { bounds: HOME_BOUNDS }),
      minZoom: 4,
      maxZoom: 14,
      maxBounds: [
        [90, 20],
        [120, 38],
      ],
      localIdeographFontFamily: `'${fonts.cjk}', 'Noto Sans CJK SC', sans-serif`,
      attributionControl: false,
      interactive: opts.interactive ?? true,
      keyboard: true,
      canvasContextAttributes: { preserveDrawingBuffer: true },
      fadeDuration: 0,
      locale: mapLibreLocale(opts.lang),
    });
    this.setTexts(opts.lang);
    this.map.addControl(this.scale, 'bottom-left');
    if (opts.interactive ?? true) {
      this.navigation = new NavigationControl({ visualizePitch: true });
      this.map.addControl(this.navigation, 'top-right');
    }
    opts.container.setAttribute('role', 'region');
  }

  /** Creates the map; the label fonts download meanwhile (MapLibre waits for them before drawing text). */
  static async create(opts: MapViewOptions): Promise<MapView> {
    const sample = opts.basemap.labels.features.map((f) => f.properties.zh).join('');
    // A missing font must not stop the map; labels then fall back to system fonts.
    document.fonts.load(`16px '${fonts.cjk}'`, sample + '岷江沱江涪江嘉陵江渠江州河明月江长江').catch(() => undefined);
    document.fonts.load(`16px '${fonts.latin}'`, 'Chengdu Abc').catch(() => undefined);
    const view = new MapView(opts);
    await new Promise<void>((resolve) => (view.map.loaded() ? resolve() : view.map.once('load', () => resolve())));
    return view;
  }

  /** Resolves when the map has finished rendering everything it currently needs. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      if (this.map.loaded() && !this.map.isMoving() && this.map.areTilesLoaded()) {
        this.map.once('idle', () => resolve());
        this.map.triggerRepaint();
      } else this.map.once('idle', () => resolve());
    });
  }

  /** The view in WGS84, whatever datum the display draws in. */
  getView(): View {
    const c = this.map.getCenter();
    const [lon, lat] = this.shifted() ? gcj02ToWgs84([c.lng, c.lat]) : [c.lng, c.lat];
    return { lon, lat, zoom: this.map.getZoom(), bearing: this.map.getBearing(), pitch: this.map.getPitch() };
  }

  private shifted(): boolean {
    return this.shift?.datum === 'gcj02';
  }

  /** A WGS84 position where the display draws it. */
  private toDisplay(p: [number, number]): [number, number] {
    return this.shifted() ? wgs84ToGcj02(p) : p;
  }

  /** Whether this map draws in GCJ-02 (its own basemap's datum: the compare view's second map may differ). */
  get displayShifted(): boolean {
    return this.shifted();
  }

  /** A WGS84 position where this map draws it (deck.gl layers draw from WGS84 data). */
  displayPosition(p: [number, number]): [number, number] {
    return this.toDisplay(p);
  }

  onViewChange(cb: (v: View) => void): () => void {
    const handler = () => cb(this.getView());
    this.map.on('moveend', handler);
    return () => this.map.off('moveend', handler);
  }

  flyTo(v: Partial<View>, opts: { animate?: boolean } = {}): void {
    const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    const animate = (opts.animate ?? true) && !reduce;
    this.map.flyTo({
      center: v.lon !== undefined && v.lat !== undefined ? this.toDisplay([v.lon, v.lat]) : undefined,
      zoom: v.zoom,
      bearing: v.bearing,
      pitch: v.pitch,
      animate,
      essential: false,
    });
  }

  /** Frames WGS84 bounds; `padding` may differ per side: on a phone the bottom sheet covers the lower part of the map. */
  fitBounds(bounds: LngLatBoundsLike, opts: { animate?: boolean; padding?: number | PaddingOptions; maxZoom?: number } = {}): void {
    const b = LngLatBounds.convert(bounds);
    const shown: LngLatBoundsLike = this.shifted() ? [this.toDisplay(b.getSouthWest().toArray()), this.toDisplay(b.getNorthEast().toArray())] : bounds;
    // MapLibre reads an explicit `maxZoom: undefined` as a limit of NaN and then does not move at all
    this.map.fitBounds(shown, { animate: opts.animate ?? true, padding: opts.padding ?? 24, ...(opts.maxZoom !== undefined && { maxZoom: opts.maxZoom }) });
  }

  /**
   * Pans so `at` lies inside the map minus `padding` (the part no panel covers), if it does not already:
   * a shared link opened on a phone shows its element above the bottom sheet, not under it.
   */
  keepInView(wgs: [number, number], padding: { top: number; bottom: number; left: number; right: number }, animate = false): void {
    const at = this.toDisplay(wgs);
    const p = this.map.project(at);
    const c = this.map.getContainer();
    if (p.x >= padding.left && p.x <= c.clientWidth - padding.right && p.y >= padding.top && p.y <= c.clientHeight - padding.bottom) return;
    this.map.easeTo({ center: at, padding, animate });
  }

  /** Frames a bbox (search results, plan elements, regions); a point box flies to the point. */
  fitBox(box: [number, number, number, number], maxZoom = 11): void {
    const animate = !(typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
    const [w, s] = this.toDisplay([box[0], box[1]]);
    const [e, n] = this.toDisplay([box[2], box[3]]);
    // clear of the card (left on a desktop, the bottom sheet on a phone)
    const padding = panelPadding(this.map.getContainer(), 'card');
    if (w === e && s === n) this.map.flyTo({ center: [w, s], zoom: Math.min(maxZoom, 11), padding, animate });
    else this.map.fitBounds([[w, s], [e, n]], { padding, maxZoom, animate });
  }

  home(animate = true): void {
    this.fitBounds(HOME_BOUNDS, { animate, padding: 0 });
  }

  /** The camera that frames a bbox with this padding (px), clamped to maxZoom; null if it cannot. */
  cameraForBounds(
    box: [number, number, number, number],
    opts: { padding?: number | PaddingOptions; maxZoom?: number; bearing?: number } = {},
  ): CameraTarget | null {
    const [w, s] = this.toDisplay([box[0], box[1]]);
    const [e, n] = this.toDisplay([box[2], box[3]]);
    const cam = this.map.cameraForBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: opts.padding ?? 0, bearing: opts.bearing ?? 0, ...(opts.maxZoom !== undefined && { maxZoom: opts.maxZoom }) },
    );
    if (!cam?.center || cam.zoom === undefined) return null;
    const c = cam.center as { lng: number; lat: number } | [number, number];
    const shown: [number, number] = Array.isArray(c) ? [c[0], c[1]] : [c.lng, c.lat];
    const center = this.shifted() ? gcj02ToWgs84(shown) : shown;
    return { center, zoom: cam.zoom, bearing: cam.bearing ?? opts.bearing ?? 0, pitch: this.map.getPitch() };
  }

  /** Moves to a camera: a flight when `animate`, else a jump. Resolves when the move has ended. */
  moveTo(target: CameraTarget, opts: { animate: boolean }): Promise<void> {
    const t = { ...target, center: this.toDisplay(target.center), zoom: Math.min(Math.max(target.zoom, this.map.getMinZoom()), this.map.getMaxZoom()) };
    return new Promise((resolve) => {
      this.map.once('moveend', () => resolve());
      if (opts.animate) this.map.flyTo({ ...t, speed: 0.9, curve: 1.42, maxDuration: 3500, essential: false });
      else this.map.jumpTo(t);
    });
  }

  /** Size of the map container in CSS pixels. */
  size(): { width: number; height: number } {
    const c = this.map.getContainer();
    return { width: c.clientWidth, height: c.clientHeight };
  }

  /** The map container (for data attributes the tests and styles read); the map inside it stays MapView's. */
  get container(): HTMLElement {
    return this.map.getContainer();
  }

  /** The element that receives the map's pointer events (tools that must see clicks first listen here). */
  get eventTarget(): HTMLElement {
    return this.map.getCanvasContainer();
  }

  /** The pointer cursor over the map ('' for the default). */
  setCursor(cursor: string): void {
    this.map.getCanvas().style.cursor = cursor;
  }

  /** A position (as the display draws it) at a screen point, and back. */
  unproject(p: ScreenPoint | [number, number]): [number, number] {
    const ll = this.map.unproject(Array.isArray(p) ? p : [p.x, p.y]);
    return [ll.lng, ll.lat];
  }

  /** The WGS84 position under a screen point, whatever datum the display draws in (a resident's pin). */
  wgsAt(p: ScreenPoint | [number, number]): [number, number] {
    const d = this.unproject(p);
    return this.shifted() ? gcj02ToWgs84(d) : d;
  }

  /** A DOM marker at a WGS84 position, drawn where the display draws that position. */
  addMarkerWgs(element: HTMLElement, at: [number, number], lift = 0): { remove(): void } {
    return this.addMarker(element, this.toDisplay(at), lift);
  }

  project(at: [number, number]): ScreenPoint {
    const p = this.map.project(at);
    return { x: p.x, y: p.y };
  }

  // ------------------------------------------------------------------- events

  /** Subscribes to a map event; returns the unsubscribe function. */
  on<T extends keyof MapEventType>(type: T, fn: (ev: MapEventType[T]) => void): () => void {
    this.map.on(type, fn);
    return () => this.map.off(type, fn);
  }

  /** Resolves on the next event of this type. */
  once<T extends keyof MapEventType>(type: T): Promise<MapEventType[T]> {
    return this.map.once(type) as Promise<MapEventType[T]>;
  }

  // ------------------------------------------------------------- style layers

  hasLayer(id: string): boolean {
    return !!this.map.getLayer(id);
  }

  /** Ids of the style's layers, bottom to top. */
  layerIds(): string[] {
    return this.map.getLayersOrder();
  }

  /** Adds a style layer (below `before` when given). */
  addLayer(spec: LayerSpecification, before?: string): void {
    this.map.addLayer(spec, before);
  }

  /** Removes the layers that exist among these ids. */
  removeLayers(ids: readonly string[]): void {
    for (const id of ids) if (this.map.getLayer(id)) this.map.removeLayer(id);
  }

  moveLayer(id: string, before?: string): void {
    if (this.map.getLayer(id)) this.map.moveLayer(id, before);
  }

  getFilter(id: string): FilterSpecification | undefined {
    return this.map.getLayer(id) ? ((this.map.getFilter(id) as FilterSpecification | null) ?? undefined) : undefined;
  }

  /** Sets a layer's filter (null clears); a missing layer is skipped. */
  setFilter(id: string, filter: FilterSpecification | null): void {
    if (this.map.getLayer(id)) this.map.setFilter(id, filter);
  }

  getLayout(id: string, prop: string): unknown {
    return this.map.getLayer(id) ? this.map.getLayoutProperty(id, prop as 'visibility') : undefined;
  }

  /** Sets a layout property (e.g. 'visibility', 'text-field'); a missing layer is skipped. */
  setLayout(id: string, prop: string, value: unknown): void {
    if (this.map.getLayer(id)) this.map.setLayoutProperty(id, prop as 'visibility', value as 'visible');
  }

  // ------------------------------------------------------- presentation scale

  /** Each scaled layer property's value before the presentation scale (`layer|prop`), while it is on. */
  private unscaled = new Map<string, unknown>();
  private presentationOff: (() => void) | null = null;

  /**
   * Presentation mode (a story on a big screen): text sizes, strokes and markers of every style layer grow
   * with the map's height (src/lib/story/presentation.ts), and follow it on resize; off gives the app's sizes
   * back. Layers added while it is on are scaled at the next resize or call.
   */
  setPresentationMode(on: boolean): void {
    this.presentationOff?.();
    this.presentationOff = null;
    if (!on) {
      this.applyScale({ text: 1, geometry: 1 });
      this.unscaled.clear();
      return;
    }
    const apply = () => this.applyScale(presentationScale(this.size().height));
    apply();
    this.map.on('resize', apply);
    this.presentationOff = () => this.map.off('resize', apply);
  }

  /** Whether presentation mode is on (a compare side follows its main map's). */
  get presenting(): boolean {
    return this.presentationOff !== null;
  }

  /** Sets every scaled property from its unscaled value times the factor. */
  private applyScale(scale: PresentationScale): void {
    if (scale.geometry !== this.overlayScale) {
      this.overlayScale = scale.geometry;
      this.overlay?.setProps({ layers: this.shownOverlayLayers() });
    }
    const DEFAULTS: Record<string, number> = { 'text-size': 16, 'line-width': 1, 'circle-radius': 5, 'circle-stroke-width': 0 };
    for (const id of this.map.getLayersOrder()) {
      const type = this.map.getLayer(id)?.type;
      for (const [prop, { kind, by }] of Object.entries(SCALED_PROPERTIES)) {
        const family = prop.startsWith('text-') || prop.startsWith('icon-') ? 'symbol' : prop.split('-')[0];
        if (family !== type) continue;
        const key = `${id}|${prop}`;
        if (!this.unscaled.has(key)) {
          const now = kind === 'layout' ? this.map.getLayoutProperty(id, prop as 'text-size') : this.map.getPaintProperty(id, prop as 'line-width');
          const value = now ?? DEFAULTS[prop];
          if (value === undefined) continue;
          this.unscaled.set(key, value);
        }
        const next = scaleStyleValue(this.unscaled.get(key), scale[by]);
        if (kind === 'layout') this.map.setLayoutProperty(id, prop as 'text-size', next as number);
        else this.map.setPaintProperty(id, prop as 'line-width', next as number);
      }
    }
  }

  // ---------------------------------------------------------- GeoJSON sources

  hasSource(id: string): boolean {
    return !!this.map.getSource(id);
  }

  /** Adds a GeoJSON source; `cluster` groups points within `radius` px below `maxZoom` (point_count). */
  addGeoJSON(id: string, data: FeatureCollection, cluster?: { radius: number; maxZoom: number }): void {
    this.map.addSource(id, { type: 'geojson', data, ...(cluster ? { cluster: true, clusterRadius: cluster.radius, clusterMaxZoom: cluster.maxZoom } : {}) });
  }

  /** New data for a GeoJSON source; false when there is no such source. */
  setGeoJSON(id: string, data: FeatureCollection): boolean {
    const source = this.map.getSource(id);
    if (source?.type !== 'geojson') return false;
    (source as GeoJSONSource).setData(data);
    return true;
  }

  /** Sets the data of a GeoJSON source, adding the source on first use. */
  upsertGeoJSON(id: string, data: FeatureCollection, cluster?: { radius: number; maxZoom: number }): void {
    if (!this.setGeoJSON(id, data)) this.addGeoJSON(id, data, cluster);
  }

  removeSource(id: string): void {
    if (this.map.getSource(id)) this.map.removeSource(id);
  }

  /** Features rendered within `radius` px of a screen point in these layers (topmost first). */
  featuresAt(p: ScreenPoint, radius: number, layers: readonly string[]): MapGeoJSONFeature[] {
    const ids = layers.filter((l) => this.map.getLayer(l));
    if (!ids.length) return [];
    return this.map.queryRenderedFeatures(
      [
        [p.x - radius, p.y - radius],
        [p.x + radius, p.y + radius],
      ],
      { layers: ids },
    );
  }

  /** A copy of the style as drawn (for the offscreen image). */
  styleCopy(): StyleSpecification {
    // JSON copy: source data may be a Svelte state proxy, which structuredClone refuses.
    return JSON.parse(JSON.stringify(this.map.getStyle())) as StyleSpecification;
  }

  // ------------------------------------------------------------ DOM markers

  /** A DOM element pinned above a position (anchored at its bottom centre, lifted by `lift` px). */
  addMarker(element: HTMLElement, at: [number, number], lift = 12): { remove(): void } {
    const m = new Marker({ element, anchor: 'bottom', offset: [0, -lift] }).setLngLat(at).addTo(this.map);
    return { remove: () => void m.remove() };
  }

  // ------------------------------------------------------------ basemaps

  /** Starts routing GeoJSON sources through the display shift (the basemap wiring, once). */
  enableDisplayShift(): void {
    this.shift ??= new DisplayShift(this.map);
  }

  /** Draws the app's GeoJSON in `datum` (GCJ-02 under a Gaode basemap); camera calls stay WGS84. */
  setDisplayDatum(datum: BasemapDatum): Promise<void> {
    this.enableDisplayShift();
    return this.shift!.setDatum(datum);
  }

  /**
   * Replaces the online raster basemap: removes the layers `ids` (and their sources), then adds `rasters`
   * (in order, each a raster source and layer of that id) under the first drawn layer that is not one of them.
   */
  setRasters(ids: readonly string[], rasters: { id: string; tiles: string[]; tileSize: number; maxzoom: number; attribution?: string }[]): void {
    for (const id of [...ids].reverse()) {
      if (this.map.getLayer(id)) this.map.removeLayer(id);
      if (this.map.getSource(id)) this.map.removeSource(id);
    }
    for (const r of rasters) {
      const before = this.map.getLayersOrder().find((id) => this.map.getLayer(id)?.type !== 'background' && !ids.includes(id));
      this.map.addSource(r.id, { type: 'raster', tiles: r.tiles, tileSize: r.tileSize, maxzoom: r.maxzoom, attribution: r.attribution });
      this.map.addLayer({ id: r.id, type: 'raster', source: r.id, paint: { 'raster-fade-duration': 0 } }, before);
    }
  }

  // ------------------------------------------------- drawing and the image

  /** terra-draw's adapter for this map (the workspace's drawing tools), loaded on first use. */
  async drawAdapter(coordinatePrecision = 9): Promise<TerraDrawMapLibreGLAdapter<MapLibreMap>> {
    const { TerraDrawMapLibreGLAdapter } = await import('terra-draw-maplibre-gl-adapter');
    return new TerraDrawMapLibreGLAdapter({ map: this.map, coordinatePrecision });
  }

  /**
   * Renders the view in an offscreen map at `width`×`height` pixels (same centre, zoom, bearing, pitch;
   * a pixel ratio so the extent matches the screen) with the given style, and removes it again.
   */
  renderImage(req: OffscreenRequest): Promise<OffscreenImage> {
    return renderOffscreen(this.map, req);
  }

  /** Makes the MapLibre map reachable for the browser tests (window.__atlasMap; the compare view's second
   *  map as window.__atlasCompareMap). */
  exposeForTests(name: '__atlasMap' | '__atlasCompareMap' = '__atlasMap'): void {
    window[name] = this.map;
  }

  /** Shows these plan elements (replacing what was shown). Layers are added on first use. */
  setPlanFeatures(features: Feature<Geometry, MapProps>[], lang: Lang): void {
    const anchors = features.filter((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon').map((f) => this.anchorOf(f));
    const data = { type: 'FeatureCollection' as const, features: [...features, ...anchors] };
    const source = this.map.getSource(PLAN_SOURCE) as GeoJSONSource | undefined;
    if (source) {
      source.setData(data);
      return;
    }
    this.map.addSource(PLAN_SOURCE, { type: 'geojson', data });
    for (const layer of planLayers(lang)) this.map.addLayer(layer, 'county-label');
  }

  private anchors = new Map<string, Feature<Point, MapProps & { anchor: true }>>();

  /** One label point inside an area (cached per element id). */
  private anchorOf(f: Feature<Geometry, MapProps>): Feature<Point, MapProps & { anchor: true }> {
    const cached = this.anchors.get(f.properties.id);
    if (cached && cached.properties.zh === f.properties.zh) return { ...cached, properties: { ...f.properties, anchor: true } };
    const at = pointOnFeature(f as Feature<Polygon | MultiPolygon>).geometry;
    const anchor = { type: 'Feature' as const, geometry: at, properties: { ...f.properties, anchor: true as const } };
    this.anchors.set(f.properties.id, anchor);
    return anchor;
  }

  /** Plan features drawn in the viewport (for the legend), one per id. */
  renderedPlan(): { props: MapProps & { phase?: string }; geometry: string }[] {
    const layers = PLAN_PICK_LAYERS.filter((l) => this.map.getLayer(l));
    if (!layers.length) return [];
    const out = new Map<string, { props: MapProps & { phase?: string }; geometry: string }>();
    for (const f of this.map.queryRenderedFeatures({ layers })) {
      const p = f.properties as MapProps;
      if (!out.has(p.id)) out.set(p.id, { props: p, geometry: f.geometry.type });
    }
    return [...out.values()];
  }

  /** Opacity of the plan overlay (0–1), overall and per kind, for reading the basemap under it. */
  setPlanOpacity(opacity: number, byKind: Partial<Record<string, number>> = {}): void {
    for (const [id, prop, value] of planOpacityPaint(opacityFactor(opacity, byKind)))
      if (this.map.getLayer(id)) this.map.setPaintProperty(id, prop as 'fill-opacity', value);
  }

  /** Outlines the selected plan element (null clears). */
  setSelected(id: string | null): void {
    if (!this.map.getLayer('plan-selected-line')) return;
    this.map.setFilter('plan-selected-line', selectionFilter(id));
    this.map.setFilter('plan-selected-point', [
      'all',
      ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false],
      ['!=', ['get', 'anchor'], true],
      selectionFilter(id),
    ]);
  }

  /** The GPU took the map's WebGL context away (driver reset, GPU process crash); returns an unsubscribe. */
  onContextLost(cb: () => void): () => void {
    this.map.on('webglcontextlost', cb);
    return () => this.map.off('webglcontextlost', cb);
  }

  /** Plan elements under a screen point, topmost first, one per id. */
  planAt(x: number, y: number, radius = 5): MapProps[] {
    const layers = PLAN_PICK_LAYERS.filter((l) => this.map.getLayer(l));
    if (!layers.length) return [];
    const seen = new Set<string>();
    const out: MapProps[] = [];
    for (const f of this.map.queryRenderedFeatures([[x - radius, y - radius], [x + radius, y + radius]], { layers })) {
      const p = f.properties as MapProps;
      if (!seen.has(p.id)) {
        seen.add(p.id);
        out.push(p);
      }
    }
    return out;
  }

  /** Hover and click on plan elements; returns an unsubscribe function. */
  onPlanPointer(handlers: {
    hover: (hit: { props: MapProps; x: number; y: number } | null) => void;
    /** the topmost hit, and every hit with the point and whether a finger made it (a tap hits a wider area) */
    click: (props: MapProps | null, tap: { hits: MapProps[]; x: number; y: number; touch: boolean }) => void;
  }): () => void {
    const canvas = this.map.getCanvas();
    const move = (e: { point: { x: number; y: number } }) => {
      const [hit] = this.planAt(e.point.x, e.point.y);
      canvas.style.cursor = hit ? 'pointer' : '';
      handlers.hover(hit ? { props: hit, x: e.point.x, y: e.point.y } : null);
    };
    const leave = () => handlers.hover(null);
    const click = (e: { point: { x: number; y: number }; originalEvent?: Event }) => {
      const o = e.originalEvent as PointerEvent | undefined;
      const touch = o?.pointerType === 'touch' || (typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches);
      const hits = this.planAt(e.point.x, e.point.y, touch ? 10 : 5);
      handlers.click(hits[0] ?? null, { hits, x: e.point.x, y: e.point.y, touch });
    };
    this.map.on('mousemove', move);
    this.map.on('mouseout', leave);
    this.map.on('click', click);
    return () => {
      this.map.off('mousemove', move);
      this.map.off('mouseout', leave);
      this.map.off('click', click);
    };
  }

  setLanguage(lang: Lang): void {
    for (const id of ['prefecture-label', 'county-label', 'river-label', 'plan-label'])
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'text-field', labelField(lang));
    // MapLibre reads its control texts (scale unit, zoom buttons' names) from the locale given at creation
    // and has no setter: patch it, then rebuild the controls that wrote them (else "50 公里" in the en UI).
    this.map._locale = { ...this.map._locale, ...mapLibreLocale(lang) };
    this.map.removeControl(this.scale);
    this.scale = new ScaleControl({ unit: 'metric', maxWidth: 120 });
    this.map.addControl(this.scale, 'bottom-left');
    if (this.navigation) {
      this.map.removeControl(this.navigation);
      this.navigation = new NavigationControl({ visualizePitch: true });
      this.map.addControl(this.navigation, 'top-right');
    }
    this.setTexts(lang);
  }

  /** The map region's accessible name and the attribution line, in `lang`. */
  private setTexts(lang: Lang): void {
    const container = this.map.getContainer();
    // The region's name must differ from MapLibre's own canvas label.
    container.setAttribute('aria-label', t('app.mapLabel', lang));
    if (this.attribution) this.map.removeControl(this.attribution);
    this.attribution = new AttributionControl({ compact: container.clientWidth < 640, customAttribution: t('app.attribution', lang) });
    this.map.addControl(this.attribution, 'bottom-right');
  }

  setBasemapGroupVisible(group: BasemapGroup, visible: boolean): void {
    for (const id of BASEMAP_LAYER_GROUPS[group])
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  private ensureOverlay(): Promise<MapLibreOverlay> {
    this.overlayLoading ??= import('@deck.gl/maplibre').then(({ MapLibreOverlay }) => {
      const overlay = new MapLibreOverlay({ interleaved: false, layers: [] });
      this.map.addControl(overlay);
      this.overlay = overlay;
      // deck.gl's canvas only paints: no Tab stop, nothing to announce (the map's canvas has the name and keys)
      const quiet = () => {
        for (const c of this.map.getContainer().querySelectorAll('canvas'))
          if (c !== this.map.getCanvas()) {
            c.tabIndex = -1;
            c.setAttribute('aria-hidden', 'true');
          }
      };
      quiet();
      this.map.once('render', quiet);
      return overlay;
    });
    return this.overlayLoading;
  }

  /** Adds or replaces a deck.gl overlay layer by its id. */
  async setOverlayLayer(layer: Layer): Promise<void> {
    this.overlayLayers.set(layer.id, layer);
    (await this.ensureOverlay()).setProps({ layers: this.shownOverlayLayers() });
  }

  removeOverlayLayer(id: string): void {
    if (this.overlayLayers.delete(id)) this.overlay?.setProps({ layers: this.shownOverlayLayers() });
  }

  /** The overlay layers as drawn: under a presentation scale their pixel sizes grow like the style's strokes. */
  private shownOverlayLayers(): Layer[] {
    const s = this.overlayScale;
    return [...this.overlayLayers.values()].map((l) => (s === 1 ? l : l.clone(scaleOverlayProps(l.props as Record<string, unknown>, s))));
  }

  /** Deck objects first (they sit on top), then MapLibre features, at a screen point. */
  pick(x: number, y: number, radius = 4): { deck: PickingInfo | null; features: MapGeoJSONFeature[] } {
    const deck = this.overlay?.pickObject({ x, y, radius }) ?? null;
    const features = this.map.queryRenderedFeatures([
      [x - radius, y - radius],
      [x + radius, y + radius],
    ]);
    return { deck, features };
  }

  resize(): void {
    this.map.resize();
  }

  /** Moves the camera at once (no animation): the compare view's follower. */
  jumpTo(v: View): void {
    this.map.jumpTo({ center: this.toDisplay([v.lon, v.lat]), zoom: v.zoom, bearing: v.bearing, pitch: v.pitch });
  }

  /** Every camera frame (not only at the end of a move). */
  onMove(cb: (v: View) => void): () => void {
    const handler = () => cb(this.getView());
    this.map.on('move', handler);
    return () => this.map.off('move', handler);
  }

  destroy(): void {
    this.map.remove();
  }
}
