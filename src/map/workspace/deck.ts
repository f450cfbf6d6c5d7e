// User layers above the feature budget, drawn by deck.gl: point clouds as binary columns for a
// ScatterplotLayer (built in slices so a million points never block the UI), other geometry as a GeoJsonLayer.
import type { Feature } from 'geojson';
import type { Layer } from '@deck.gl/core';
import type { MapView } from '../mapView.ts';
import type { UserLayer } from '../../lib/workspace/model.ts';
import { createSlicer } from '../../lib/workspace/slice.ts';
import { selectFeature, wsUi } from '../../state/workspace.svelte.ts';
import { CATEGORY_COLORS, MAX_CATEGORIES, SEQUENTIAL, fieldValue, hexRgba, layerClasses, legendEntries, lerpHex, mapData } from './style.ts';
import { NO_DATA } from '../../style/ramps.ts';
import { cellNumber, toCell } from '../../lib/table/columns.ts';
import { classOf } from '../../lib/table/classify.ts';
import { shiftGeoJSON, type PointShift } from '../../lib/geo/displayShift.ts';

/**
 * A point-only layer as binary columns for deck.gl's ScatterplotLayer: positions (Float64, so deck keeps
 * sub-metre precision) and RGBA colours, built in slices with a pause between them so a million points never
 * block the UI thread. Null when the layer has other geometry or went stale (`stale()`) meanwhile.
 */
async function pointDeckLayer(layer: UserLayer, lang: string, stale: () => boolean, shift: PointShift | null): Promise<Layer | null> {
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
    const [x, y] = shift ? shift([g.coordinates[0], g.coordinates[1]]) : g.coordinates;
    positions[2 * i] = x;
    positions[2 * i + 1] = y;
    if (values) values[i] = fieldValue(layer, features[i].properties as Record<string, unknown>, cb!.field, lang);
  }
  const colors = new Uint8Array(n * 4);
  const base = hexRgba(s.color, 1);
  if (!cb || !values) {
    // One RGBA word repeated (little-endian byte order, as every browser's typed arrays are in practice).
    new Uint32Array(colors.buffer).fill((base[3] << 24) | (base[2] << 16) | (base[1] << 8) | base[0]);
  } else if (cb.scheme === 'classed') {
    const classes = layerClasses(layer, lang);
    for (let i = 0; i < n; i++) {
      if (slicer.due()) await slicer.pause();
      const k = classes ? classOf(cellNumber(toCell(values[i])), classes.breaks) : -1;
      colors.set([...hexRgba(k >= 0 ? classes!.colors[k] : NO_DATA, 1)], 4 * i);
    }
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

/** `shift`: on a GCJ-02 basemap the map's own sources show shifted copies; deck.gl must draw the same way. */
export async function deckLayer(layer: UserLayer, lang: string, stale: () => boolean, shift: PointShift | null = null): Promise<Layer | null> {
  if (layer.features.slice(0, 1000).every((f) => f.geometry.type === 'Point')) {
    const points = await pointDeckLayer(layer, lang, stale, shift);
    if (points || stale()) return points;
  }
  const { GeoJsonLayer } = await import('@deck.gl/layers');
  const s = layer.style;
  const entries = layer.style.colorBy ? legendEntries(layer, lang) : [];
  const catColor = new Map(entries.map((e) => [e.label.slice(e.label.indexOf(': ') + 2), e.color]));
  const classes = layerClasses(layer, lang);
  const colorOf = (f: Feature, base: string, alpha: number) => {
    if (!s.colorBy) return hexRgba(base, alpha);
    if (classes) return hexRgba(classes.colors[(f.properties as { __k: number }).__k] ?? NO_DATA, alpha);
    const v = (f.properties as Record<string, unknown>).__c;
    return hexRgba(catColor.get(String(v ?? '')) ?? base, alpha);
  };
  return new GeoJsonLayer({
    id: `user-${layer.id}`,
    data: (shift ? shiftGeoJSON(mapData(layer, lang, null), shift) : mapData(layer, lang, null)) as never,
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
    updateTriggers: { getFillColor: [s.color, s.fill, s.opacity, s.colorBy?.field, s.colorBy?.method, s.colorBy?.classes, s.colorBy?.ramp], getLineColor: [s.color, s.opacity] },
    onClick: (info: { object?: Feature }) => {
      const fid = info.object?.properties?.__fid;
      if (typeof fid === 'string' && wsUi.drawMode === 'idle') selectFeature(layer.id, fid);
    },
  }) as unknown as Layer;
}

const warming = new WeakMap<MapView, { done: boolean; promise: Promise<void> }>();

/**
 * Links the point layer's GPU program ahead of need (an empty, hidden ScatterplotLayer kept alive so the
 * program stays cached). Where the browser cannot link shaders in parallel (software GL), linking is one
 * 0.3–0.5 s task; done when the workspace opens, it does not land in the middle of a big import.
 */
export function warmDeckPoints(view: MapView): Promise<void> {
  let w = warming.get(view);
  if (!w) {
    const state = { done: false, promise: Promise.resolve() };
    state.promise = (async () => {
      const { ScatterplotLayer } = await import('@deck.gl/layers');
      // The same binary attribute layout as pointDeckLayer, so the linked program is the one it will use.
      const data = { length: 1, attributes: { getPosition: { value: new Float64Array(2), size: 2 }, getFillColor: { value: new Uint8Array(4), size: 4, normalized: true } } };
      await view.setOverlayLayer(new ScatterplotLayer({ id: 'user-warmup', data, visible: false, pickable: true, stroked: false, filled: true, radiusUnits: 'pixels', getRadius: 1 }) as unknown as Layer);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      state.done = true;
    })();
    warming.set(view, state);
    w = state;
  }
  return w.promise;
}

/** Whether the warm-up has finished (the browser tests wait for it). */
export const deckPointsWarm = (view: MapView): boolean => warming.get(view)?.done ?? false;
