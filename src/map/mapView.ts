// The one module that owns MapLibre and deck.gl. The rest of the app uses this small API:
// overlay layers (deck.gl), fly to, pick, view changes, language and basemap-group visibility.
import { Map as MapLibreMap, NavigationControl, ScaleControl, AttributionControl, setWorkerUrl } from 'maplibre-gl';
import type { LngLatBoundsLike, MapGeoJSONFeature, PaddingOptions } from 'maplibre-gl';
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

export class MapView {
  readonly map: MapLibreMap;
  /** deck.gl is loaded on the first overlay layer: it is 140 KiB gzip the first frame does not need. */
  private overlay: MapLibreOverlay | null = null;
  private overlayLoading: Promise<MapLibreOverlay> | null = null;
  private overlayLayers = new Map<string, Layer>();
  private attribution: AttributionControl | null = null;

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
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    if (opts.interactive ?? true) this.map.addControl(new NavigationControl({ visualizePitch: true }), 'top-right');
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

  getView(): View {
    const c = this.map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: this.map.getZoom(), bearing: this.map.getBearing(), pitch: this.map.getPitch() };
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
      center: v.lon !== undefined && v.lat !== undefined ? [v.lon, v.lat] : undefined,
      zoom: v.zoom,
      bearing: v.bearing,
      pitch: v.pitch,
      animate,
      essential: false,
    });
  }

  /** `padding` may differ per side: on a phone the bottom sheet covers the lower part of the map. */
  fitBounds(bounds: LngLatBoundsLike, opts: { animate?: boolean; padding?: number | PaddingOptions; maxZoom?: number } = {}): void {
    this.map.fitBounds(bounds, { animate: opts.animate ?? true, padding: opts.padding ?? 24, maxZoom: opts.maxZoom });
  }

  /**
   * Pans so `at` lies inside the map minus `padding` (the part no panel covers), if it does not already:
   * a shared link opened on a phone shows its element above the bottom sheet, not under it.
   */
  keepInView(at: [number, number], padding: { top: number; bottom: number; left: number; right: number }, animate = false): void {
    const p = this.map.project(at);
    const c = this.map.getContainer();
    if (p.x >= padding.left && p.x <= c.clientWidth - padding.right && p.y >= padding.top && p.y <= c.clientHeight - padding.bottom) return;
    this.map.easeTo({ center: at, padding, animate });
  }

  /** Frames a bbox (search results, plan elements, regions); a point box flies to the point. */
  fitBox(box: [number, number, number, number], maxZoom = 11): void {
    const animate = !(typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
    const [w, s, e, n] = box;
    // clear of the card (left on a desktop, the bottom sheet on a phone)
    const padding = panelPadding(this.map.getContainer(), 'card');
    if (w === e && s === n) this.map.flyTo({ center: [w, s], zoom: Math.min(maxZoom, 11), padding, animate });
    else this.map.fitBounds([[w, s], [e, n]], { padding, maxZoom, animate });
  }

  home(animate = true): void {
    this.fitBounds(HOME_BOUNDS, { animate, padding: 0 });
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
    click: (props: MapProps | null) => void;
  }): () => void {
    const canvas = this.map.getCanvas();
    const move = (e: { point: { x: number; y: number } }) => {
      const [hit] = this.planAt(e.point.x, e.point.y);
      canvas.style.cursor = hit ? 'pointer' : '';
      handlers.hover(hit ? { props: hit, x: e.point.x, y: e.point.y } : null);
    };
    const leave = () => handlers.hover(null);
    const click = (e: { point: { x: number; y: number } }) => handlers.click(this.planAt(e.point.x, e.point.y)[0] ?? null);
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
      return overlay;
    });
    return this.overlayLoading;
  }

  /** Adds or replaces a deck.gl overlay layer by its id. */
  async setOverlayLayer(layer: Layer): Promise<void> {
    this.overlayLayers.set(layer.id, layer);
    (await this.ensureOverlay()).setProps({ layers: [...this.overlayLayers.values()] });
  }

  removeOverlayLayer(id: string): void {
    if (this.overlayLayers.delete(id)) this.overlay?.setProps({ layers: [...this.overlayLayers.values()] });
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

  destroy(): void {
    this.map.remove();
  }
}
