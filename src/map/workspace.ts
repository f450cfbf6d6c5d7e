// Workspace wiring on the map: user layers as MapLibre sources/layers `user-*` (deck.gl above a feature
// budget), terra-draw for drawing and editing, clicks on user features, and file drops anywhere.
import type { ExpressionSpecification, GeoJSONSource, LayerSpecification, MapMouseEvent, SourceSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Layer } from '@deck.gl/core';
import type { MapView } from './mapView.ts';
import type { UserLayer, Workspace } from '../lib/workspace/model.ts';
import { isDrawingLayer, randomId } from '../lib/workspace/model.ts';
import { createSlicer } from '../lib/workspace/slice.ts';
import { geodesicArea, geodesicLength } from '../lib/geo/geodesic.ts';
import { countPositions } from '../lib/geo/kernel.ts';
import { app, setPanel } from '../state/app.svelte.ts';
import {
  addDrawnFeature,
  findFeature,
  history,
  importFiles,
  initWorkspace,
  installUndoKeys,
  selectFeature,
  updateGeometry,
  setDrawMode,
  setEditingFeature,
  setLiveMeasure,
  wsUi,
  flushSave,
  type DrawMode,
} from '../state/workspace.svelte.ts';
import { startWorkspaceEffects } from './workspaceEffects.svelte.ts';
import type { TerraDraw } from 'terra-draw';
import { fonts } from '../style/theme.ts';
import { localName, type Lang } from '../lib/i18n/catalog.ts';

/** Above this many features (or positions) a layer draws through deck.gl, which handles 100k+ shapes smoothly. */
export const FEATURE_BUDGET = 20_000;
export const POSITION_BUDGET = 400_000;
const SELECTED_SOURCE = 'user-selected';
const CATEGORY_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const SEQUENTIAL = ['#fde725', '#21918c', '#440154'];
const MAX_CATEGORIES = 10;

let view: MapView | null = null;
const rendered = new Map<string, { layer: UserLayer; deck: boolean; lang: string; hidden: string | null }>();

export function getMapView(): MapView | null {
  return view;
}

// ---------------------------------------------------------------------------------------------------------
// Styles (also used by the image export's legend)

export function usesDeck(layer: UserLayer): boolean {
  if (layer.features.length > FEATURE_BUDGET) return true;
  let n = 0;
  for (const f of layer.features) if ((n += countPositions(f.geometry)) > POSITION_BUDGET) return true;
  return false;
}

/** Value of a field for styling/labels; drawn features expose name in the current language. */
function fieldValue(layer: UserLayer, props: Record<string, unknown>, field: string, lang: string): unknown {
  if (isDrawingLayer(layer) && field === 'name') {
    return localName(props.name as { zh: string; en?: string } | undefined, lang as Lang);
  }
  return props[field];
}

/** Attribute names a layer's features carry (for label and colour-by pickers). */
export function layerFields(layer: UserLayer): string[] {
  if (isDrawingLayer(layer)) return ['name', 'kind', 'status', 'accuracy'];
  const seen = new Set<string>();
  for (const f of layer.features.slice(0, 2000)) for (const k of Object.keys(f.properties ?? {})) seen.add(k);
  return [...seen];
}

export interface LegendEntry {
  label: string;
  color: string;
}

/** Colour classes of a layer: one entry without colour-by, else categories or the numeric range. */
export function legendEntries(layer: UserLayer, lang: string = app.lang): LegendEntry[] {
  const cb = layer.style.colorBy;
  if (!cb) return [{ label: layer.name, color: layer.style.fill ?? layer.style.color }];
  const values = layer.features.map((f) => fieldValue(layer, f.properties as Record<string, unknown>, cb.field, lang));
  if (cb.scheme === 'sequential') {
    const nums = values.map(Number).filter(Number.isFinite);
    if (!nums.length) return [{ label: layer.name, color: layer.style.color }];
    const min = Math.min(...nums);
    const max = Math.max(...nums);
    return [
      { label: `${cb.field} ${min}`, color: SEQUENTIAL[0] },
      { label: `${cb.field} ${max}`, color: SEQUENTIAL[SEQUENTIAL.length - 1] },
    ];
  }
  const cats = [...new Set(values.map((v) => String(v ?? '')))].slice(0, MAX_CATEGORIES);
  return cats.map((c, i) => ({ label: `${cb.field}: ${c}`, color: CATEGORY_COLORS[i % CATEGORY_COLORS.length] }));
}

function colorExpr(layer: UserLayer, base: string, lang: string): ExpressionSpecification | string {
  const cb = layer.style.colorBy;
  if (!cb) return base;
  const get: ExpressionSpecification = ['get', `__c`];
  if (cb.scheme === 'sequential') {
    const entries = legendEntries(layer, lang);
    const nums = layer.features.map((f) => Number(fieldValue(layer, f.properties as Record<string, unknown>, cb.field, lang))).filter(Number.isFinite);
    if (entries.length < 2 || !nums.length) return base;
    const min = Math.min(...nums);
    const max = Math.max(...nums);
    if (min === max) return SEQUENTIAL[0];
    return ['interpolate', ['linear'], ['to-number', get, min], min, SEQUENTIAL[0], (min + max) / 2, SEQUENTIAL[1], max, SEQUENTIAL[2]];
  }
  const cats = [...new Set(layer.features.map((f) => String(fieldValue(layer, f.properties as Record<string, unknown>, cb.field, lang) ?? '')))].slice(0, MAX_CATEGORIES);
  if (!cats.length) return base;
  const match: unknown[] = ['match', ['to-string', get]];
  cats.forEach((c, i) => match.push(c, CATEGORY_COLORS[i % CATEGORY_COLORS.length]));
  match.push('#999999');
  return match as ExpressionSpecification;
}

/** The features as MapLibre data: `__fid` addresses them, `__c`/`__label` carry colour-by and label values. */
function mapData(layer: UserLayer, lang: string, hidden: string | null): FeatureCollection {
  const cb = layer.style.colorBy?.field;
  const lf = layer.style.labelField;
  const features: Feature[] = [];
  for (const f of layer.features) {
    if (f.id === hidden) continue;
    const p = f.properties as Record<string, unknown>;
    const props: Record<string, unknown> = { __fid: f.id, __layer: layer.id };
    if (cb) props.__c = fieldValue(layer, p, cb, lang) ?? null;
    if (lf) {
      const v = fieldValue(layer, p, lf, lang);
      props.__label = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    if (isDrawingLayer(layer)) Object.assign(props, { kind: p.kind, status: p.status, accuracy: p.accuracy });
    features.push({ type: 'Feature', geometry: f.geometry, properties: props });
  }
  return { type: 'FeatureCollection', features };
}

export function sublayerIds(layerId: string): string[] {
  return ['fill', 'line', 'point', 'label'].map((k) => `user-${layerId}-${k}`);
}

/** MapLibre layer specs of one user layer (also used by the image export). */
export function layerSpecs(layer: UserLayer, lang: string, sourceId = `user-${layer.id}`): LayerSpecification[] {
  const s = layer.style;
  const visibility = layer.visible ? 'visible' : 'none';
  const stroke = colorExpr(layer, s.color, lang);
  const specs: LayerSpecification[] = [];
  if (s.fill !== null) {
    specs.push({
      id: `user-${layer.id}-fill`,
      type: 'fill',
      source: sourceId,
      filter: ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false],
      layout: { visibility },
      paint: { 'fill-color': colorExpr(layer, s.fill, lang), 'fill-opacity': s.opacity * 0.5 },
    });
  }
  specs.push(
    {
      id: `user-${layer.id}-line`,
      type: 'line',
      source: sourceId,
      filter: ['!', ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false]],
      layout: { visibility, 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': stroke, 'line-width': s.width, 'line-opacity': Math.min(1, s.opacity + 0.3) },
    },
    {
      id: `user-${layer.id}-point`,
      type: 'circle',
      source: sourceId,
      filter: ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false],
      layout: { visibility },
      paint: {
        'circle-color': stroke,
        'circle-radius': 3 + s.width,
        'circle-opacity': Math.min(1, s.opacity + 0.3),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  );
  if (s.labelField) {
    specs.push({
      id: `user-${layer.id}-label`,
      type: 'symbol',
      source: sourceId,
      layout: {
        visibility,
        'text-field': ['get', '__label'],
        'text-font': [fonts.latin],
        'text-size': 12,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-max-width': 10,
        'symbol-placement': 'point',
      },
      paint: { 'text-color': '#1f2328', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
    });
  }
  return specs;
}

// ---------------------------------------------------------------------------------------------------------
// Sync workspace → map

function removeRendered(id: string): void {
  const map = view!.map;
  for (const sub of sublayerIds(id)) if (map.getLayer(sub)) map.removeLayer(sub);
  if (map.getSource(`user-${id}`)) map.removeSource(`user-${id}`);
  view!.removeOverlayLayer(`user-${id}`);
  rendered.delete(id);
}

function hexRgba(hex: string, alpha: number): [number, number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, Math.round(alpha * 255)];
}


function lerpHex(a: string, b: string, t: number): [number, number, number] {
  const [ar, ag, ab] = hexRgba(a, 1);
  const [br, bg, bb] = hexRgba(b, 1);
  return [Math.round(ar + (br - ar) * t), Math.round(ag + (bg - ag) * t), Math.round(ab + (bb - ab) * t)];
}

/**
 * A point-only layer as binary columns for deck.gl's ScatterplotLayer: positions (Float64, so deck keeps
 * sub-metre precision) and RGBA colours, built in slices with a pause between them so a million points never
 * block the UI thread. Null when the layer has other geometry or went stale (`stale()`) meanwhile.
 */
async function pointDeckLayer(layer: UserLayer, lang: string, stale: () => boolean): Promise<Layer | null> {
  const features = layer.features;
  const n = features.length;
  const s = layer.style;
  const cb = s.colorBy;
  const positions = new Float64Array(n * 2);
  const values: unknown[] | null = cb ? new Array(n) : null;
  const slicer = createSlicer();
  for (let i = 0; i < n; i++) {
    if (slicer.due()) {
      await slicer.pause();
      if (stale()) return null;
    }
    const g = features[i].geometry;
    if (g.type !== 'Point') return null;
    positions[2 * i] = g.coordinates[0];
    positions[2 * i + 1] = g.coordinates[1];
    if (values) values[i] = fieldValue(layer, features[i].properties as Record<string, unknown>, cb!.field, lang);
  }
  const colors = new Uint8Array(n * 4);
  const base = hexRgba(s.color, 1);
  if (!cb || !values) {
    // One RGBA word repeated (little-endian byte order, as every browser's typed arrays are in practice).
    new Uint32Array(colors.buffer).fill((base[3] << 24) | (base[2] << 16) | (base[1] << 8) | base[0]);
  } else if (cb.scheme === 'sequential') {
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (slicer.due()) await slicer.pause();
      const x = Number(v);
      if (Number.isFinite(x)) {
        if (x < min) min = x;
        if (x > max) max = x;
      }
    }
    for (let i = 0; i < n; i++) {
      if (slicer.due()) await slicer.pause();
      const x = Number(values[i]);
      if (!Number.isFinite(x) || !(max >= min)) colors.set(base, 4 * i);
      else {
        const t = max === min ? 0 : (x - min) / (max - min);
        const rgb = t < 0.5 ? lerpHex(SEQUENTIAL[0], SEQUENTIAL[1], t * 2) : lerpHex(SEQUENTIAL[1], SEQUENTIAL[2], (t - 0.5) * 2);
        colors.set([...rgb, 255], 4 * i);
      }
    }
  } else {
    const cats = new Map<string, [number, number, number, number]>();
    const other = hexRgba('#999999', 1);
    for (let i = 0; i < n; i++) {
      if (slicer.due()) await slicer.pause();
      const key = String(values[i] ?? '');
      let c = cats.get(key);
      if (!c) {
        c = cats.size < MAX_CATEGORIES ? hexRgba(CATEGORY_COLORS[cats.size % CATEGORY_COLORS.length], 1) : other;
        cats.set(key, c);
      }
      colors.set(c, 4 * i);
    }
  }
  await slicer.pause();
  if (stale()) return null;
  const { ScatterplotLayer } = await import('@deck.gl/layers');
  return new ScatterplotLayer({
    id: `user-${layer.id}`,
    data: { length: n, attributes: { getPosition: { value: positions, size: 2 }, getFillColor: { value: colors, size: 4, normalized: true } } },
    visible: layer.visible,
    pickable: true,
    stroked: false,
    filled: true,
    radiusUnits: 'pixels',
    getRadius: 1 + s.width / 2,
    onClick: (info: { index: number }) => {
      const fid = features[info.index]?.id;
      if (fid && wsUi.drawMode === 'idle') selectFeature(layer.id, fid);
    },
  }) as unknown as Layer;
}

async function deckLayer(layer: UserLayer, lang: string, stale: () => boolean): Promise<Layer | null> {
  if (layer.features.slice(0, 1000).every((f) => f.geometry.type === 'Point')) {
    const points = await pointDeckLayer(layer, lang, stale);
    if (points || stale()) return points;
  }
  const { GeoJsonLayer } = await import('@deck.gl/layers');
  const s = layer.style;
  const entries = layer.style.colorBy ? legendEntries(layer, lang) : [];
  const catColor = new Map(entries.map((e) => [e.label.slice(e.label.indexOf(': ') + 2), e.color]));
  const colorOf = (f: Feature, base: string, alpha: number) => {
    if (!s.colorBy) return hexRgba(base, alpha);
    const v = (f.properties as Record<string, unknown>).__c;
    return hexRgba(catColor.get(String(v ?? '')) ?? base, alpha);
  };
  return new GeoJsonLayer({
    id: `user-${layer.id}`,
    data: mapData(layer, lang, null) as never,
    visible: layer.visible,
    pickable: true,
    stroked: true,
    filled: s.fill !== null,
    pointType: 'circle',
    getFillColor: (f: Feature) => (f.geometry.type.includes('Point') ? colorOf(f, s.color, 1) : colorOf(f, s.fill ?? s.color, s.opacity * 0.5)),
    getLineColor: (f: Feature) => (f.geometry.type.includes('Point') ? colorOf(f, s.color, 1) : colorOf(f, s.color, Math.min(1, s.opacity + 0.3))),
    // Dense point clouds: thin outlines in the point's own colour, small radius.
    getLineWidth: (f: Feature) => (f.geometry.type.includes('Point') ? 0 : s.width),
    lineWidthUnits: 'pixels',
    getPointRadius: 1 + s.width / 2,
    pointRadiusUnits: 'pixels',
    updateTriggers: { getFillColor: [s.color, s.fill, s.opacity, s.colorBy?.field], getLineColor: [s.color, s.opacity] },
    onClick: (info: { object?: Feature }) => {
      const fid = info.object?.properties?.__fid;
      if (typeof fid === 'string' && wsUi.drawMode === 'idle') selectFeature(layer.id, fid);
    },
  }) as unknown as Layer;
}

let deckWarm: Promise<void> | null = null;
let deckWarmDone = false;

/**
 * Links the point layer's GPU program ahead of need (an empty, hidden ScatterplotLayer kept alive so the
 * program stays cached). Where the browser cannot link shaders in parallel (software GL), linking is one
 * 0.3–0.5 s task; done when the workspace opens, it does not land in the middle of a big import.
 */
export function warmDeckPoints(): Promise<void> {
  deckWarm ??= (async () => {
    if (!view) return;
    const { ScatterplotLayer } = await import('@deck.gl/layers');
    // The same binary attribute layout as pointDeckLayer, so the linked program is the one it will use.
    const data = { length: 1, attributes: { getPosition: { value: new Float64Array(2), size: 2 }, getFillColor: { value: new Uint8Array(4), size: 4, normalized: true } } };
    await view.setOverlayLayer(new ScatterplotLayer({ id: 'user-warmup', data, visible: false, pickable: true, stroked: false, filled: true, radiusUnits: 'pixels', getRadius: 1 }) as unknown as Layer);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    deckWarmDone = true;
  })();
  return deckWarm;
}

function firstDrawLayer(): string | undefined {
  return view!.map.getStyle().layers.find((l) => l.id.startsWith('td-'))?.id;
}

/** Brings the map in line with the workspace: only layers whose object changed are touched. */
export function syncLayers(ws: Workspace, lang: string, editing: string | null): void {
  if (!view) return;
  const map = view.map;
  const wanted = new Set(ws.layers.map((l) => l.id));
  for (const id of [...rendered.keys()]) if (!wanted.has(id)) removeRendered(id);
  let reorder = false;
  for (const layer of ws.layers) {
    const prev = rendered.get(layer.id);
    const hidden = editing && layer.features.some((f) => f.id === editing) ? editing : null;
    if (prev && prev.layer === layer && prev.lang === lang && prev.hidden === hidden) continue;
    const deck = usesDeck(layer);
    if (prev && prev.deck !== deck) removeRendered(layer.id);
    const same = rendered.get(layer.id);
    if (deck) {
      const stale = () => rendered.get(layer.id)?.layer !== layer || rendered.get(layer.id)?.lang !== lang;
      void deckLayer(layer, lang, stale).then((l) => {
        if (l && !stale()) void view!.setOverlayLayer(l);
      });
    } else {
      const data = mapData(layer, lang, hidden);
      const source = map.getSource(`user-${layer.id}`) as GeoJSONSource | undefined;
      if (source && same && same.layer.features !== layer.features) source.setData(data);
      else if (source && same && (same.lang !== lang || same.hidden !== hidden || same.layer.style !== layer.style)) source.setData(data);
      else if (!source) map.addSource(`user-${layer.id}`, { type: 'geojson', data } as SourceSpecification);
      if (!same || same.layer.style !== layer.style || same.layer.visible !== layer.visible || same.layer.features !== layer.features || same.lang !== lang) {
        for (const sub of sublayerIds(layer.id)) if (map.getLayer(sub)) map.removeLayer(sub);
        for (const spec of layerSpecs(layer, lang)) map.addLayer(spec);
        reorder = true;
      }
    }
    if (!prev) reorder = true;
    rendered.set(layer.id, { layer, deck, lang, hidden });
  }
  if (reorder || ws.layers.map((l) => l.id).join() !== [...rendered.keys()].join()) {
    const before = firstDrawLayer();
    for (const layer of ws.layers) for (const sub of sublayerIds(layer.id)) if (map.getLayer(sub)) map.moveLayer(sub, before);
    for (const sub of ['user-selected-line', 'user-selected-point']) if (map.getLayer(sub)) map.moveLayer(sub, before);
    // Keep the Map's insertion order equal to the workspace order for the check above.
    const copy = new Map(rendered);
    rendered.clear();
    for (const l of ws.layers) if (copy.has(l.id)) rendered.set(l.id, copy.get(l.id)!);
  }
}

export function syncSelection(ws: Workspace, sel: { layerId: string; featureId: string } | null): void {
  if (!view) return;
  const map = view.map;
  const f = sel ? findFeature(ws, sel.layerId, sel.featureId) : undefined;
  const data: FeatureCollection = { type: 'FeatureCollection', features: f ? [{ type: 'Feature', geometry: f.geometry, properties: {} }] : [] };
  const source = map.getSource(SELECTED_SOURCE) as GeoJSONSource | undefined;
  if (source) source.setData(data);
  else {
    map.addSource(SELECTED_SOURCE, { type: 'geojson', data });
    map.addLayer({
      id: 'user-selected-line',
      type: 'line',
      source: SELECTED_SOURCE,
      filter: ['!', ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false]],
      paint: { 'line-color': '#1a5fb4', 'line-width': 4, 'line-dasharray': [2, 1] },
    });
    map.addLayer({
      id: 'user-selected-point',
      type: 'circle',
      source: SELECTED_SOURCE,
      filter: ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false],
      paint: { 'circle-radius': 10, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#1a5fb4', 'circle-stroke-width': 3 },
    });
  }
}

export async function zoomToLayer(layerId: string, featureId?: string): Promise<void> {
  const layer = history.state.layers.find((l) => l.id === layerId);
  if (!view || !layer || !layer.features.length) return;
  const { default: bbox } = await import('@turf/bbox');
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: layer.features.filter((f) => !featureId || f.id === featureId).map((f) => ({ type: 'Feature', geometry: f.geometry, properties: {} })),
  };
  const [w, s, e, n] = bbox(fc);
  view.fitBounds([[w, s], [e, n]], { padding: 60, animate: false });
}

// ---------------------------------------------------------------------------------------------------------
// Drawing (terra-draw)

let draw: TerraDraw | null = null;
let drawLoading: Promise<TerraDraw> | null = null;
let editing: { layerId: string; featureId: string; geometry: Geometry } | null = null;

function setEditing(e: typeof editing): void {
  editing = e;
  setEditingFeature(e?.featureId ?? null);
}

function measure(g: Geometry | undefined): { length: number; area: number } | null {
  if (!g) return null;
  if (g.type === 'Polygon') {
    // While drawing, terra-draw's ring is closed already; the perimeter is the ring.
    return { length: geodesicLength(g), area: geodesicArea(g) };
  }
  if (g.type === 'LineString') return { length: geodesicLength(g), area: 0 };
  return null;
}

async function ensureDraw(): Promise<TerraDraw> {
  drawLoading ??= (async () => {
    const [td, { TerraDrawMapLibreGLAdapter }] = await Promise.all([import('terra-draw'), import('terra-draw-maplibre-gl-adapter')]);
    const editable = { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } } };
    const accent = '#b8322a' as const;
    const instance = new td.TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: view!.map, coordinatePrecision: 9 }),
      idStrategy: { isValidId: (id) => typeof id === 'string' && id.length > 0, getId: () => randomId('draft') },
      modes: [
        new td.TerraDrawPointMode({ styles: { pointColor: accent, pointWidth: 6, pointOutlineColor: '#ffffff', pointOutlineWidth: 2 } }),
        new td.TerraDrawLineStringMode({ styles: { lineStringColor: accent, lineStringWidth: 3, closingPointColor: accent } }),
        new td.TerraDrawPolygonMode({ styles: { fillColor: accent, fillOpacity: 0.2, outlineColor: accent, outlineWidth: 2, closingPointColor: accent } }),
        new td.TerraDrawSelectMode({
          flags: { point: { feature: { draggable: true } }, linestring: editable, polygon: editable },
          keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
          allowManualDeselection: false,
        }),
      ],
    });
    instance.start();
    instance.on('change', (ids) => {
      const mode = wsUi.drawMode;
      if (mode === 'idle') return;
      const id = mode === 'edit' ? editing?.featureId : ids.find((i) => instance.getSnapshotFeature(i)?.properties?.mode === mode);
      const f = id !== undefined ? instance.getSnapshotFeature(id) : undefined;
      setLiveMeasure(measure(f?.geometry as Geometry | undefined));
    });
    instance.on('finish', (id, ctx) => {
      const f = instance.getSnapshotFeature(id);
      if (!f) return;
      if (ctx.action === 'draw') {
        instance.removeFeatures([id]);
        addDrawnFeature(structuredClone(f.geometry) as Geometry);
        setLiveMeasure(null);
      } else if (editing && id === editing.featureId) {
        const geometry = structuredClone(f.geometry) as Geometry;
        editing.geometry = geometry;
        updateGeometry(editing.layerId, editing.featureId, geometry);
        setLiveMeasure(measure(geometry));
      }
    });
    draw = instance;
    return instance;
  })();
  return drawLoading;
}

const TD_MODE: Record<string, string> = { Point: 'point', LineString: 'linestring', Polygon: 'polygon' };

export function canEditGeometry(g: Geometry): boolean {
  return g.type in TD_MODE;
}

/** Applies the drawing mode from state to terra-draw. */
export async function syncDrawMode(mode: DrawMode): Promise<void> {
  if (mode === 'idle' && !draw) return;
  const d = await ensureDraw();
  if (mode !== 'edit' && editing) {
    setEditing(null);
    d.clear();
  }
  if (mode === 'idle') {
    d.clear();
    d.setMode('static');
    setLiveMeasure(null);
    return;
  }
  if (mode === 'edit') {
    const sel = wsUi.selected;
    const f = sel && findFeature(history.state, sel.layerId, sel.featureId);
    if (!sel || !f || !canEditGeometry(f.geometry)) {
      setDrawMode('idle');
      return;
    }
    d.clear();
    setEditing({ layerId: sel.layerId, featureId: sel.featureId, geometry: f.geometry });
    const result = d.addFeatures([{ type: 'Feature', id: f.id, geometry: structuredClone(f.geometry) as never, properties: { mode: TD_MODE[f.geometry.type] } }]);
    if (!result[0]?.valid) {
      setEditing(null);
      setDrawMode('idle');
      return;
    }
    d.setMode('select');
    d.selectFeature(f.id);
    setLiveMeasure(measure(f.geometry));
    return;
  }
  d.clear();
  d.setMode(mode);
  setLiveMeasure(null);
}

/** Undo/redo while editing: keep terra-draw's copy equal to the workspace's. */
export function syncEditing(ws: Workspace): void {
  if (!editing || !draw) return;
  const f = findFeature(ws, editing.layerId, editing.featureId);
  if (!f) {
    setDrawMode('idle');
    return;
  }
  if (f.geometry !== editing.geometry) {
    editing.geometry = f.geometry;
    try {
      draw.updateFeatureGeometry(f.id, structuredClone(f.geometry) as never);
      draw.selectFeature(f.id);
    } catch {
      setDrawMode('idle');
    }
    setLiveMeasure(measure(f.geometry));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Attach

function userLayerAt(e: MapMouseEvent): { layerId: string; featureId: string } | null {
  const map = view!.map;
  const layers = map
    .getStyle()
    .layers.filter((l) => l.id.startsWith('user-') && !l.id.startsWith('user-selected') && !l.id.endsWith('-label'))
    .map((l) => l.id);
  if (!layers.length) return null;
  const r = 5;
  const hits = map.queryRenderedFeatures([[e.point.x - r, e.point.y - r], [e.point.x + r, e.point.y + r]], { layers });
  const p = hits[0]?.properties as { __fid?: string; __layer?: string } | undefined;
  return p?.__fid && p.__layer ? { layerId: p.__layer, featureId: p.__fid } : null;
}

function installDrop(): void {
  const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
  });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e) || e.defaultPrevented) return;
    e.preventDefault();
    void dropFiles(e.dataTransfer!);
  });
}

/** Reads dropped or picked files and imports them; opens the workspace panel so the result shows. */
export async function dropFiles(dt: DataTransfer | FileList): Promise<void> {
  const files = 'files' in dt ? [...dt.files] : [...dt];
  if (!files.length) return;
  if (app.panel !== 'workspace') {
    setPanel('workspace');
  }
  const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  await importFiles(read);
}

declare global {
  interface Window {
    /** Handle for browser tests; not an API. */
    __atlasWorkspace?: { history: typeof history; ui: typeof wsUi; flush: typeof flushSave; rendered: () => string[]; deckWarm: () => boolean };
  }
}

export function attachWorkspace(mapView: MapView): void {
  view = mapView;
  installUndoKeys();
  installDrop();
  mapView.map.on('click', (e) => {
    if (wsUi.drawMode !== 'idle') return;
    const hit = userLayerAt(e);
    if (hit) {
      selectFeature(hit.layerId, hit.featureId);
      if (app.panel !== 'workspace') {
        setPanel('workspace');
      }
    }
  });
  startWorkspaceEffects();
  window.__atlasWorkspace = { history, ui: wsUi, flush: flushSave, rendered: () => [...rendered.entries()].map(([id, r]) => `${id}:${r.deck ? 'deck' : 'maplibre'}`),
    deckWarm: () => deckWarmDone,
  };
  void initWorkspace();
}
