// Story wiring on the map: applies a scene (camera, visible regions and kinds, year, basemap groups,
// highlight, analysis overlays) and restores the app's map when the player closes.
import { Marker, type ExpressionSpecification, type FilterSpecification, type GeoJSONSource } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { MapView, BasemapGroup } from './mapView.ts';
import { PLAN_LAYER_IDS, PLAN_SOURCE } from './planLayers.ts';
import type { Camera, Overlay, Scene, Story } from '../lib/story/model.ts';
import { legendEntries } from '../lib/plan/describe.ts';
import { frameBounds, unionBBox, type BBox } from '../lib/story/camera.ts';
import { bboxOf } from '../lib/geo/kernel.ts';
import { phaseAt } from '../lib/plan/timeline.ts';
import { REGIONS, type Region } from '../lib/plan/model.ts';
import type { MapProps } from '../lib/plan/bundle.ts';
import type { Lang } from '../lib/i18n/catalog.ts';
import { centroidDistance, centroidOf, nearestEdgeDistance } from '../lib/analysis/distance.ts';
import { buildJurisdictionIndex, jurisdictionStats, type JurisdictionIndex, type JurisdictionStats } from '../lib/analysis/jurisdiction.ts';
import { intersectionArea, intersectionGeometry } from '../lib/analysis/overlap.ts';
import { decodeBasemap } from '../lib/basemap/decode.ts';
import { plan, setRegionVisible, setScope } from '../state/plan.svelte.ts';
import { restoreAppFilters, setSceneRestorer, showSceneFilters } from '../state/story.svelte.ts';
import { colors, planColors } from '../style/theme.ts';
import { t, intlLocale } from '../lib/i18n/catalog.ts';

declare global {
  interface Window {
    /** Test and console handle for the story player; not an API. */
    __atlasStory?: { applied: string | null };
  }
}

export function attachStory(mapView: MapView): void {
  window.__atlasStory = { applied: null };
  setSceneRestorer(() => clearScene(mapView));
}

// ---------------------------------------------------------------- camera

const TILE = 512;
const mercY = (lat: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
const unmercY = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

function featureById(id: string): Feature<Geometry, MapProps> | undefined {
  return plan.features.find((f) => f.properties.id === id);
}

/** The box a scene frames: the union of its `fit` elements that have geometry. */
export function sceneFitBBox(scene: Scene): BBox | null {
  const boxes = (scene.fit ?? []).flatMap((id) => {
    const f = featureById(id);
    const b = f?.geometry ? bboxOf(f.geometry) : null;
    return b ? [b] : [];
  });
  return unionBBox(boxes);
}

/**
 * Where the player puts the camera on a `width`×`height` screen whose bottom `bottomInset` px carry the
 * caption: the fit box framed in the area above it (padding scaled from the 96 px of the 1080-px reference).
 */
export function sceneCamera(scene: Scene, width: number, height: number, bottomInset = 0): Camera | null {
  const box = scene.fit?.length ? sceneFitBBox(scene) : null;
  if (!box) return scene.camera ?? null;
  const padding = Math.round((96 * height) / 1080);
  const usable = Math.max(height - bottomInset, 2 * padding + 40);
  const cam = frameBounds(box, { width, height: usable, padding });
  // the map centre sits below the box centre by half the caption band
  const y = mercY(cam.lat) + (height - usable) / 2 / (TILE * 2 ** cam.zoom);
  return { ...cam, lat: unmercY(y), bearing: scene.camera?.bearing ?? 0, pitch: scene.camera?.pitch ?? 0 };
}

export function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

// ---------------------------------------------------------------- layers

const FILTERED = PLAN_LAYER_IDS.filter((id) => !id.startsWith('plan-selected'));
const HL_LAYERS = ['story-hl-casing', 'story-hl-line', 'story-hl-point'] as const;
const OVERLAY_SOURCE = 'story-overlay';

interface Saved {
  regions: Region[];
  filters: Map<string, FilterSpecification | undefined>;
  basemap: Map<string, string>;
}
let saved: Saved | null = null;
let markers: Marker[] = [];
let token = 0;

function planLayersReady(v: MapView): Promise<void> {
  return new Promise((resolve) => {
    const ok = () => !!v.map.getLayer('plan-area-fill') && plan.features.length > 0;
    if (ok()) return resolve();
    const check = () => {
      if (!ok()) return;
      v.map.off('styledata', check);
      v.map.off('idle', check);
      resolve();
    };
    v.map.on('styledata', check);
    v.map.on('idle', check);
  });
}

function ensureStoryLayers(v: MapView): void {
  const map = v.map;
  if (!map.getSource(OVERLAY_SOURCE)) map.addSource(OVERLAY_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const none: FilterSpecification = ['in', ['get', 'id'], ['literal', []]];
  const isPoint: ExpressionSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];
  const notPoint: ExpressionSpecification = ['!', isPoint];
  if (!map.getLayer('story-overlay-fill')) {
    map.addLayer({ id: 'story-overlay-fill', type: 'fill', source: OVERLAY_SOURCE, filter: ['==', ['get', 'role'], 'area'], paint: { 'fill-color': ['coalesce', ['get', 'color'], planColors.selection], 'fill-opacity': ['case', ['has', 'adcode'], 0.12, 0.3] } });
    map.addLayer({ id: 'story-overlay-outline', type: 'line', source: OVERLAY_SOURCE, filter: ['==', ['get', 'role'], 'area'], paint: { 'line-color': ['coalesce', ['get', 'color'], planColors.selection], 'line-width': 2.5 } });
    map.addLayer({ id: 'story-overlay-casing', type: 'line', source: OVERLAY_SOURCE, filter: ['==', ['get', 'role'], 'measure'], layout: { 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 9 } });
    map.addLayer({ id: 'story-overlay-line', type: 'line', source: OVERLAY_SOURCE, filter: ['==', ['get', 'role'], 'measure'], layout: { 'line-cap': 'round' }, paint: { 'line-color': planColors.selection, 'line-width': 4, 'line-dasharray': [2, 1.2] } });
    map.addLayer({ id: 'story-overlay-end', type: 'circle', source: OVERLAY_SOURCE, filter: ['==', ['get', 'role'], 'end'], paint: { 'circle-radius': 7, 'circle-color': planColors.selection, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } });
  }
  if (!map.getLayer('story-kept-casing')) {
    // highlighted elements the scene's year hides (no dated phase yet): drawn from the overlay source,
    // short-dashed like the plan's not-yet-built lines, with the highlight's red and white
    const kept = (shape: 'area' | 'line' | 'point'): FilterSpecification => ['all', ['==', ['get', 'role'], 'kept'], ['==', ['get', 'shape'], shape]];
    const keptLines: FilterSpecification = ['all', ['==', ['get', 'role'], 'kept'], ['!=', ['get', 'shape'], 'point']];
    map.addLayer({ id: 'story-kept-fill', type: 'fill', source: OVERLAY_SOURCE, filter: kept('area'), paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.12 } });
    map.addLayer({ id: 'story-kept-casing', type: 'line', source: OVERLAY_SOURCE, filter: keptLines, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 6, 11, 11], 'line-opacity': 0.95 } });
    map.addLayer({ id: 'story-kept-hl', type: 'line', source: OVERLAY_SOURCE, filter: keptLines, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': colors.accent, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 2.5, 11, 5], 'line-opacity': 0.45 } });
    map.addLayer({ id: 'story-kept-line', type: 'line', source: OVERLAY_SOURCE, filter: keptLines, layout: { 'line-join': 'round' }, paint: { 'line-color': ['get', 'color'], 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1.6, 10, 4], 'line-dasharray': [1.5, 1.5] } });
    map.addLayer({ id: 'story-kept-point', type: 'circle', source: OVERLAY_SOURCE, filter: kept('point'), paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 7, 11, 11], 'circle-color': '#ffffff', 'circle-stroke-color': colors.accent, 'circle-stroke-width': 4 } });
  }
  if (!map.getLayer('story-hl-casing')) {
    map.addLayer({ id: 'story-hl-casing', type: 'line', source: PLAN_SOURCE, filter: ['all', notPoint, none], layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 6, 11, 11], 'line-opacity': 0.95 } });
    map.addLayer({ id: 'story-hl-line', type: 'line', source: PLAN_SOURCE, filter: ['all', notPoint, none], layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': colors.accent, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 2.5, 11, 5] } });
    map.addLayer({ id: 'story-hl-point', type: 'circle', source: PLAN_SOURCE, filter: ['all', isPoint, none], paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 7, 11, 11], 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': colors.accent, 'circle-stroke-width': 4 } });
  }
}

function idFilter(ids: readonly string[]): ExpressionSpecification {
  return ['in', ['get', 'id'], ['literal', [...ids]]];
}

/** Ids a scene shows: its regions, its kinds, and (with a year) what existed or was planned by then. */
export function sceneVisibleIds(scene: Scene): string[] {
  const regions = new Set<string>(scene.layers.regions);
  const kinds = scene.layers.kinds ? new Set<string>(scene.layers.kinds) : null;
  const keep = new Set(scene.highlight);
  return plan.features
    .filter((f) => {
      const p = f.properties;
      if (!regions.has(p.region) || (kinds && !kinds.has(p.kind))) return false;
      return scene.year === undefined || keep.has(p.id) || phaseAt(p, scene.year) !== 'hidden';
    })
    .map((f) => f.properties.id);
}

/** Highlighted elements the scene's year hides: the player still draws them (dashed, as not yet built). */
export function sceneKeptIds(scene: Scene): string[] {
  const year = scene.year;
  if (year === undefined) return [];
  const want = new Set(scene.highlight);
  return plan.features.filter((f) => want.has(f.properties.id) && phaseAt(f.properties, year) === 'hidden').map((f) => f.properties.id);
}

function keptFeatures(scene: Scene): Feature<Geometry, Record<string, unknown>>[] {
  return sceneKeptIds(scene).flatMap((id) => {
    const f = featureById(id);
    if (!f?.geometry) return [];
    const p = f.properties;
    const t = f.geometry.type;
    const shape = t === 'Polygon' || t === 'MultiPolygon' ? 'area' : t === 'LineString' || t === 'MultiLineString' ? 'line' : 'point';
    const color = p.kind === 'corridor' && p.mode ? (planColors.mode as Record<string, string>)[p.mode] : (planColors.kind as Record<string, string>)[p.kind];
    return [{ type: 'Feature' as const, properties: { role: 'kept', shape, id, color: color ?? planColors.fallback }, geometry: f.geometry }];
  });
}

/** A scene's jurisdiction shares, shown by the player as a chart card. */
export interface SharesCard {
  element: { zh: string; en: string };
  level: 'county' | 'prefecture';
  unit: 'km' | 'km²' | 'point';
  total: number;
  rows: { adcode: string; zh: string; en: string; value: number; percent: number }[];
  /** the part of the element outside every unit (e.g. beyond the province border), % */
  outsidePercent: number;
}

export interface ApplyOptions {
  lang: Lang;
  /** receives the shares chart (null when the scene has none) */
  onShares?: (card: SharesCard | null) => void;
  /** px at the bottom covered by the caption */
  bottomInset: number;
  animate: boolean;
}

/** Apply a scene to the map `v` (the app's, from useMap()); resolves when the camera has arrived (overlays may still be computing). */
export async function applyScene(v: MapView | null, scene: Scene, opts: ApplyOptions): Promise<void> {
  if (!v) return;
  const my = ++token;
  await planLayersReady(v);
  if (my !== token) return;
  const map = v.map;
  // the year restyles the plan by phase through the app's time slider (visibleFeatures)
  showSceneFilters(scene.year);
  saved ??= {
    regions: [...plan.visible],
    filters: new Map(FILTERED.map((id) => [id, map.getLayer(id) ? (map.getFilter(id) as FilterSpecification | undefined) : undefined])),
    basemap: new Map(
      (['boundaries', 'rivers', 'labels'] as BasemapGroup[]).flatMap((g) => {
        const id = { boundaries: 'county-line', rivers: 'river-line', labels: 'county-label' }[g];
        return map.getLayer(id) ? [[g, String(map.getLayoutProperty(id, 'visibility') ?? 'visible')] as [string, string]] : [];
      }),
    ),
  };
  // regions through the app's own state (the layer panel stays truthful); kinds and year by filter
  for (const r of REGIONS) if (plan.visible.includes(r) !== scene.layers.regions.includes(r)) setRegionVisible(r, scene.layers.regions.includes(r));
  const ids = sceneVisibleIds(scene);
  setScope(ids); // deck.gl corridor drawing follows the scene too
  for (const id of FILTERED) {
    if (!map.getLayer(id)) continue;
    const orig = saved.filters.get(id);
    map.setFilter(id, (orig ? ['all', orig, idFilter(ids)] : idFilter(ids)) as FilterSpecification);
  }
  const bm = scene.layers.basemap ?? { boundaries: true, rivers: true, labels: true };
  for (const g of ['boundaries', 'rivers', 'labels'] as const) v.setBasemapGroupVisible(g, bm[g]);

  ensureStoryLayers(v);
  const hl = idFilter(scene.highlight);
  map.setFilter('story-hl-casing', ['all', ['!', ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false]], hl]);
  map.setFilter('story-hl-line', ['all', ['!', ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false]], hl]);
  map.setFilter('story-hl-point', ['all', ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false], hl]);

  clearOverlays(v);
  opts.onShares?.(null);
  const arrived = moveCamera(v, scene, opts);
  void drawOverlays(v, scene, opts, my);
  await arrived;
  if (my === token && window.__atlasStory) window.__atlasStory.applied = scene.id;
}

function moveCamera(v: MapView, scene: Scene, opts: ApplyOptions): Promise<void> {
  const map = v.map;
  const c = map.getContainer();
  const cam = sceneCamera(scene, c.clientWidth, c.clientHeight, opts.bottomInset);
  if (!cam) return Promise.resolve();
  const target = {
    center: [cam.lon, cam.lat] as [number, number],
    zoom: Math.min(Math.max(cam.zoom, map.getMinZoom()), map.getMaxZoom()),
    bearing: cam.bearing,
    pitch: cam.pitch,
  };
  return new Promise((resolve) => {
    map.once('moveend', () => resolve());
    if (opts.animate && !reducedMotion()) map.flyTo({ ...target, speed: 0.9, curve: 1.42, maxDuration: 3500, essential: false });
    else map.jumpTo(target);
  });
}

/** Stop applying scenes and give the map back as the app had it. */
export function clearScene(v: MapView | null): void {
  token++;
  if (!v) return;
  const map = v.map;
  clearOverlays(v);
  for (const id of HL_LAYERS) if (map.getLayer(id)) map.setFilter(id, ['in', ['get', 'id'], ['literal', []]]);
  setScope(null);
  if (saved) {
    for (const [id, f] of saved.filters) if (map.getLayer(id)) map.setFilter(id, f ?? null);
    for (const [g, vis] of saved.basemap) v.setBasemapGroupVisible(g as BasemapGroup, vis !== 'none');
    for (const r of REGIONS) if (plan.visible.includes(r) !== saved.regions.includes(r)) setRegionVisible(r, saved.regions.includes(r));
    saved = null;
  }
  restoreAppFilters();
  if (window.__atlasStory) window.__atlasStory.applied = null;
}

// ---------------------------------------------------------------- overlays

/** The overlays' labels (DOM markers, so not in the map style): the scene image draws them itself. */
interface OverlayLabel {
  at: [number, number];
  kind: string;
  main: string;
  sub?: string;
}
let labels: OverlayLabel[] = [];

function clearOverlays(v: MapView): void {
  for (const m of markers) m.remove();
  markers = [];
  labels = [];
  (v.map.getSource(OVERLAY_SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: [] });
}

function marker(v: MapView, at: [number, number], kind: string, main: string, sub?: string): void {
  const el = document.createElement('div');
  el.className = `story-marker story-marker-${kind}`;
  const b = document.createElement('strong');
  b.textContent = main;
  el.append(b);
  if (sub) {
    const s = document.createElement('span');
    s.textContent = sub;
    el.append(s);
  }
  markers.push(new Marker({ element: el, anchor: 'bottom', offset: [0, -12] }).setLngLat(at).addTo(v.map));
  labels.push({ at, kind, main, sub });
}

const fmt = (x: number, lang: Lang, digits = 1) => x.toLocaleString(intlLocale(lang), { maximumFractionDigits: digits, minimumFractionDigits: x < 10 ? digits : 0 });
const isAreal = (g: Geometry): g is Polygon | MultiPolygon => g.type === 'Polygon' || g.type === 'MultiPolygon';

let units: Promise<{ county: JurisdictionIndex; prefecture: JurisdictionIndex }> | null = null;
function jurisdictions() {
  units ??= fetch(`${import.meta.env.BASE_URL}data/basemap.topo.json`)
    .then((r) => r.json() as Promise<Topology>)
    .then((topo) => {
      const b = decodeBasemap(topo);
      const toUnits = (fc: FeatureCollection<Geometry, { adcode: string; zh: string; en: string; level: string; parent: string }>) =>
        fc.features.filter((f) => isAreal(f.geometry)).map((f) => ({ ...f.properties, level: f.properties.level as 'county' | 'prefecture', geometry: f.geometry as Polygon | MultiPolygon }));
      return { county: buildJurisdictionIndex(toUnits(b.counties)), prefecture: buildJurisdictionIndex(toUnits(b.prefectures)) };
    });
  return units;
}
const sharesCache = new Map<string, JurisdictionStats>();
// Overlay figures per element pair: a kiosk shows the same scenes all day (bounded by the stories' size).
const overlayCache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  if (!overlayCache.has(key)) overlayCache.set(key, make());
  return overlayCache.get(key) as T;
}

async function drawOverlays(v: MapView, scene: Scene, opts: ApplyOptions, my: number): Promise<void> {
  const features: Feature<Geometry, Record<string, unknown>>[] = keptFeatures(scene);
  const flush = () => {
    if (my === token) (v.map.getSource(OVERLAY_SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
  };
  if (features.length) flush();
  for (const o of scene.overlays) {
    try {
      await drawOverlay(v, o, opts, features, my);
    } catch (e) {
      console.warn('story overlay', o, e);
    }
    if (my !== token) return;
  }
  flush();
}

async function drawOverlay(v: MapView, o: Overlay, opts: ApplyOptions, out: Feature<Geometry, Record<string, unknown>>[], my: number): Promise<void> {
  const lang = opts.lang;
  switch (o.type) {
    case 'distance': {
      const a = featureById(o.from)?.geometry, b = featureById(o.to)?.geometry;
      if (!a || !b) return;
      const { core, edge } = cached(`d|${o.from}|${o.to}`, () => ({ core: centroidDistance(a, b), edge: nearestEdgeDistance(a, b) }));
      out.push({ type: 'Feature', properties: { role: 'measure' }, geometry: { type: 'LineString', coordinates: [core.from, core.to] } });
      for (const p of [core.from, core.to]) out.push({ type: 'Feature', properties: { role: 'end' }, geometry: { type: 'Point', coordinates: p } });
      const mid: [number, number] = [(core.from[0] + core.to[0]) / 2, (core.from[1] + core.to[1]) / 2];
      const measured = t('story.measuredCore', lang, { km: fmt(core.metres / 1000, lang) }) + (isAreal(a) || isAreal(b) ? ` · ${t('story.measuredEdge', lang, { km: fmt(edge.metres / 1000, lang) })}` : '');
      if (o.label) marker(v, mid, 'distance', o.label[lang], measured);
      else marker(v, mid, 'distance', measured);
      return;
    }
    case 'overlap': {
      const a = featureById(o.a)?.geometry, b = featureById(o.b)?.geometry;
      if (!a || !b || !isAreal(a) || !isAreal(b)) return;
      const { g, km2 } = cached(`o|${o.a}|${o.b}`, () => ({ g: intersectionGeometry(a, b), km2: intersectionArea(a, b) / 1e6 }));
      if (!g) return;
      out.push({ type: 'Feature', properties: { role: 'area', color: '#b8322a' }, geometry: g });
      marker(v, centroidOf(g), 'overlap', t('story.overlapArea', lang, { km2: fmt(km2, lang, km2 < 100 ? 1 : 0) }));
      return;
    }
    case 'jurisdictionShares': {
      const g = featureById(o.element)?.geometry;
      if (!g) return;
      const level = o.level ?? 'county';
      const j = await jurisdictions();
      if (my !== token) return;
      const key = `${o.element}|${level}`;
      let stats = sharesCache.get(key);
      if (!stats) {
        stats = jurisdictionStats(g, j[level]);
        sharesCache.set(key, stats);
      }
      const rows = stats.rows.filter((r) => r.percent >= 1).slice(0, 8);
      for (const r of rows) {
        const unit = j[level].units.find((u) => u.adcode === r.adcode);
        if (unit) out.push({ type: 'Feature', properties: { role: 'area', color: '#1f4e9c', adcode: r.adcode }, geometry: unit.geometry });
      }
      const p = featureById(o.element)!.properties;
      opts.onShares?.({
        element: { zh: p.zh, en: p.en },
        level,
        unit: rows[0]?.unit ?? (stats.kind === 'line' ? 'km' : 'km²'),
        total: stats.total,
        rows: rows.map((r) => ({ adcode: r.adcode, zh: r.zh, en: r.en, value: r.value, percent: r.percent })),
        outsidePercent: stats.outside.percent,
      });
      return;
    }
  }
}

// ---------------------------------------------------------------- scene image

/** The scene's sources line, as the player shows it. */
export function sceneSourcesLine(scene: Scene, lang: Lang): string {
  return `${t('story.sources', lang)}: ${scene.sources.map((c) => `${t('app.seedRef', lang, { seed: c.seed })} ${c.section}`).join(t('app.sourceSeparator', lang))}`;
}

export const SCENE_IMAGE_SIZES = [
  [1920, 1080],
  [3840, 2160],
] as const;

/**
 * A PNG of the scene on screen (the workspace's map export): the map with the scene's filters, highlights
 * and overlays (all in the map style), its overlay labels and shares card, the story and scene titles,
 * caption, sources, the legend of the plan symbols drawn and the accuracy disclaimer.
 */
export async function exportSceneImage(
  v: MapView | null,
  st: Story,
  scene: Scene,
  opts: { width: number; height: number; lang: Lang; shares?: SharesCard | null },
): Promise<{ width: number; height: number }> {
  if (!v) throw new Error('no map');
  const [{ downloadMapImage }, { wsUi }] = await Promise.all([import('./exportImage.ts'), import('../state/workspace.svelte.ts')]);
  const L = opts.lang;
  const drawn = v.renderedPlan();
  const fmtN = (x: number, d = 0) => x.toLocaleString(intlLocale(L), { maximumFractionDigits: d });
  const sh = opts.shares;
  const image = {
    width: opts.width,
    height: opts.height,
    title: scene.title[L],
    lang: L,
    scene: {
      story: st.title[L],
      caption: scene.caption[L],
      sources: sceneSourcesLine(scene, L),
      badge: scene.year === undefined ? undefined : t('story.yearBadge', L, { year: scene.year }),
    },
    planLegend: legendEntries(drawn.map((d) => ({ ...d.props, geometry: d.geometry }))),
    labels: labels.map((l) => ({ at: l.at, main: l.main, sub: l.sub })),
    card: sh
      ? {
          title: t(sh.level === 'prefecture' ? 'story.sharesTitlePrefecture' : 'story.sharesTitle', L, { name: sh.element[L] }),
          sub: t(sh.unit === 'km' ? 'story.sharesByLength' : 'story.sharesByArea', L, { total: fmtN(sh.total, sh.total < 100 ? 1 : 0) }),
          rows: sh.rows.map((r) => ({ label: r[L], value: `${fmtN(r.percent)}%`, percent: r.percent })),
          note: sh.outsidePercent >= 1 ? t('story.sharesOutside', L, { pct: fmtN(sh.outsidePercent) }) : undefined,
        }
      : undefined,
  };
  return downloadMapImage(v, wsUi.workspace, image, `${st.id}-${scene.id}-${opts.width}x${opts.height}.png`);
}
