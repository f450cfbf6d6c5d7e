// A scene's overlays on the map: measured distances and overlaps, jurisdiction shares, and the highlighted
// elements the scene's year hides ("kept"), drawn into one GeoJSON source with DOM labels above it.
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { MapView } from '../mapView.ts';
import type { Overlay, Scene } from '../../lib/story/model.ts';
import { phaseAt } from '../../lib/plan/timeline.ts';
import { centroidOf } from '../../lib/analysis/distance.ts';
import { buildJurisdictionIndex, jurisdictionStats, type JurisdictionIndex, type JurisdictionStats } from '../../lib/analysis/jurisdiction.ts';
import { intersectionGeometry } from '../../lib/analysis/overlap.ts';
import { distanceFigures, distanceMeasuredText, overlapKm2, overlapText, sharesTotalText } from '../../lib/story/figures.ts';
import { decodeBasemap } from '../../lib/basemap/decode.ts';
import { plan } from '../../state/plan.svelte.ts';
import { planColors } from '../../style/theme.ts';
import type { Lang } from '../../lib/i18n/catalog.ts';
import { featureById } from './scenePlan.ts';

const OVERLAY_SOURCE = 'story-overlay';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** A scene's jurisdiction shares, shown by the player as a chart card. */
export interface SharesCard {
  element: { zh: string; en: string };
  level: 'county' | 'prefecture';
  unit: 'km' | 'km²' | 'point';
  total: number;
  rows: { adcode: string; zh: string; en: string; value: number; percent: number }[];
  /** the part of the element outside every unit (e.g. beyond the province border), % */
  outsidePercent: number;
  /** the total line per language, as src/lib/story/figures.ts formats it (the validator checks the same text) */
  totalText: Record<Lang, string>;
}

export interface OverlayOptions {
  lang: Lang;
  /** receives the shares chart (null when the scene has none) */
  onShares?: (card: SharesCard | null) => void;
}

/** The overlays' labels (DOM markers, so not in the map style): the scene image draws them itself. */
interface OverlayLabel {
  at: [number, number];
  kind: string;
  main: string;
  sub?: string;
}

let markers: { remove(): void }[] = [];
let labels: OverlayLabel[] = [];

export function sceneOverlayLabels(): OverlayLabel[] {
  return labels.map((l) => ({ ...l }));
}

/** The overlay source and its layers (measure lines, areas, kept elements), added once. */
export function ensureOverlayLayers(v: MapView): void {
  if (!v.hasSource(OVERLAY_SOURCE)) v.addGeoJSON(OVERLAY_SOURCE, EMPTY);
  if (!v.hasLayer('story-overlay-fill')) {
    v.addLayer({ id: 'story-overlay-fill', type: 'fill', source: OVERLAY_SOURCE, filter: ['==', ['get', 'role'], 'area'], paint: { 'fill-color': ['coalesce', ['get', 'color'], planColors.selection], 'fill-opacity': ['case', ['has', 'adcode'], 0.12, 0.3] } });
    v.addLayer({ id: 'story-overlay-outline', type: 'line', source: OVERLAY_SOURCE, filter: ['==', ['get', 'role'], 'area'], paint: { 'line-color': ['coalesce', ['get', 'color'], planColors.selection], 'line-width': 2.5 } });
    v.addLayer({ id: 'story-overlay-casing', type: 'line', source: OVERLAY_SOURCE, filter: ['==', ['get', 'role'], 'measure'], layout: { 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 9 } });
    v.addLayer({ id: 'story-overlay-line', type: 'line', source: OVERLAY_SOURCE, filter: ['==', ['get', 'role'], 'measure'], layout: { 'line-cap': 'round' }, paint: { 'line-color': planColors.selection, 'line-width': 4, 'line-dasharray': [2, 1.2] } });
    v.addLayer({ id: 'story-overlay-end', type: 'circle', source: OVERLAY_SOURCE, filter: ['==', ['get', 'role'], 'end'], paint: { 'circle-radius': 7, 'circle-color': planColors.selection, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } });
  }
  if (!v.hasLayer('story-kept-casing')) {
    // highlighted elements the scene's year hides (no dated phase yet): drawn from the overlay source,
    // short-dashed like the plan's not-yet-built lines, with the highlight's magenta and white
    const kept = (shape: 'area' | 'line' | 'point'): FilterSpecification => ['all', ['==', ['get', 'role'], 'kept'], ['==', ['get', 'shape'], shape]];
    const keptLines: FilterSpecification = ['all', ['==', ['get', 'role'], 'kept'], ['!=', ['get', 'shape'], 'point']];
    const width = (a: number, b: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 5, a, 11, b];
    v.addLayer({ id: 'story-kept-fill', type: 'fill', source: OVERLAY_SOURCE, filter: kept('area'), paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.12 } });
    v.addLayer({ id: 'story-kept-casing', type: 'line', source: OVERLAY_SOURCE, filter: keptLines, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': width(6, 11), 'line-opacity': 0.95 } });
    v.addLayer({ id: 'story-kept-hl', type: 'line', source: OVERLAY_SOURCE, filter: keptLines, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': planColors.highlight, 'line-width': width(2.5, 5), 'line-opacity': 0.6 } });
    v.addLayer({ id: 'story-kept-line', type: 'line', source: OVERLAY_SOURCE, filter: keptLines, layout: { 'line-join': 'round' }, paint: { 'line-color': ['get', 'color'], 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1.6, 10, 4], 'line-dasharray': [1.5, 1.5] } });
    v.addLayer({ id: 'story-kept-point', type: 'circle', source: OVERLAY_SOURCE, filter: kept('point'), paint: { 'circle-radius': width(7, 11), 'circle-color': '#ffffff', 'circle-stroke-color': planColors.highlight, 'circle-stroke-width': 4 } });
  }
}

/** Highlighted elements the scene's year hides: the player still draws them (dashed, as not yet built). */
function sceneKeptIds(scene: Scene): string[] {
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

export function clearOverlays(v: MapView): void {
  for (const m of markers) m.remove();
  markers = [];
  labels = [];
  v.setGeoJSON(OVERLAY_SOURCE, EMPTY);
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
  markers.push(v.addMarker(el, at, 12));
  labels.push({ at, kind, main, sub });
}

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

/** Draws the scene's overlays; `current()` turns false when another scene took over (then it stops). */
export async function drawOverlays(v: MapView, scene: Scene, opts: OverlayOptions, current: () => boolean): Promise<void> {
  const features: Feature<Geometry, Record<string, unknown>>[] = keptFeatures(scene);
  const flush = () => {
    if (current()) v.setGeoJSON(OVERLAY_SOURCE, { type: 'FeatureCollection', features });
  };
  if (features.length) flush();
  for (const o of scene.overlays) {
    try {
      await drawOverlay(v, o, opts, features, current);
    } catch (e) {
      console.warn('story overlay', o, e);
    }
    if (!current()) return;
  }
  flush();
}

async function drawOverlay(v: MapView, o: Overlay, opts: OverlayOptions, out: Feature<Geometry, Record<string, unknown>>[], current: () => boolean): Promise<void> {
  const lang = opts.lang;
  switch (o.type) {
    case 'distance': {
      const a = featureById(o.from)?.geometry, b = featureById(o.to)?.geometry;
      if (!a || !b) return;
      const d = cached(`d|${o.from}|${o.to}`, () => distanceFigures(a, b));
      const core = d.core;
      out.push({ type: 'Feature', properties: { role: 'measure' }, geometry: { type: 'LineString', coordinates: [core.from, core.to] } });
      for (const p of [core.from, core.to]) out.push({ type: 'Feature', properties: { role: 'end' }, geometry: { type: 'Point', coordinates: p } });
      const mid: [number, number] = [(core.from[0] + core.to[0]) / 2, (core.from[1] + core.to[1]) / 2];
      const measured = distanceMeasuredText(d, lang);
      if (o.label) marker(v, mid, 'distance', o.label[lang], measured);
      else marker(v, mid, 'distance', measured);
      return;
    }
    case 'overlap': {
      const a = featureById(o.a)?.geometry, b = featureById(o.b)?.geometry;
      if (!a || !b || !isAreal(a) || !isAreal(b)) return;
      const { g, km2 } = cached(`o|${o.a}|${o.b}`, () => ({ g: intersectionGeometry(a, b), km2: overlapKm2(a, b) ?? 0 }));
      if (!g) return;
      out.push({ type: 'Feature', properties: { role: 'area', color: '#b8322a' }, geometry: g });
      marker(v, centroidOf(g), 'overlap', overlapText(km2, lang));
      return;
    }
    case 'jurisdictionShares': {
      const g = featureById(o.element)?.geometry;
      if (!g) return;
      const level = o.level ?? 'county';
      const j = await jurisdictions();
      if (!current()) return;
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
        totalText: { zh: sharesTotalText(stats, 'zh'), en: sharesTotalText(stats, 'en') },
      });
      return;
    }
  }
}
