// How user layers look: colour-by classes and legend entries, the MapLibre layer specs of a layer (also
// used by the image export), the data MapLibre draws, and the budget above which deck.gl draws instead.
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import type { UserLayer } from '../../lib/workspace/model.ts';
import { isDrawingLayer } from '../../lib/workspace/model.ts';
import { countPositions } from '../../lib/geo/kernel.ts';
import { app } from '../../state/app.svelte.ts';
import { fonts } from '../../style/theme.ts';
import { intlLocale, localName, t, type Lang } from '../../lib/i18n/catalog.ts';
import { cellNumber, toCell } from '../../lib/table/columns.ts';
import { classBreaks, classCounts, classOf, formatBreak, type ClassMethod } from '../../lib/table/classify.ts';
import { NO_DATA, rampColors } from '../../style/ramps.ts';

/** Above this many features (or positions) a layer draws through deck.gl, which handles 100k+ shapes smoothly. */
export const FEATURE_BUDGET = 20_000;
export const POSITION_BUDGET = 400_000;
export const CATEGORY_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
export const SEQUENTIAL = ['#fde725', '#21918c', '#440154'];
export const MAX_CATEGORIES = 10;

export function usesDeck(layer: UserLayer): boolean {
  if (layer.features.length > FEATURE_BUDGET) return true;
  let n = 0;
  for (const f of layer.features) if ((n += countPositions(f.geometry)) > POSITION_BUDGET) return true;
  return false;
}

/** Value of a field for styling/labels; drawn features expose name in the current language. */
export function fieldValue(layer: UserLayer, props: Record<string, unknown>, field: string, lang: string): unknown {
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

/** A classed choropleth's classes: breaks (k+1 values), a colour and a count per class, and features without a value. */
export interface LayerClasses {
  field: string;
  method: ClassMethod;
  breaks: number[];
  colors: string[];
  counts: number[];
  noData: number;
}

const classCache = new WeakMap<object, Map<string, LayerClasses>>();

/** The classes of a layer coloured by a classed scheme (null otherwise); computed once per features and settings. */
export function layerClasses(layer: UserLayer, lang: string = app.lang): LayerClasses | null {
  const cb = layer.style.colorBy;
  if (!cb || cb.scheme !== 'classed') return null;
  const method = cb.method ?? 'naturalBreaks';
  const k = cb.classes ?? 5;
  const key = `${cb.field}|${method}|${k}|${cb.ramp}|${lang}`;
  let byKey = classCache.get(layer.features);
  if (!byKey) classCache.set(layer.features, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const values = layer.features.map((f) => cellNumber(toCell(fieldValue(layer, f.properties as Record<string, unknown>, cb.field, lang))));
  const breaks = classBreaks(values.filter((v): v is number => v !== null), method, k);
  const out: LayerClasses = {
    field: cb.field,
    method,
    breaks,
    colors: rampColors(cb.ramp ?? 'ylgnbu', Math.max(1, breaks.length - 1)),
    counts: classCounts(values, breaks),
    noData: values.filter((v) => v === null).length,
  };
  byKey.set(key, out);
  return out;
}

/** "40 – 278.8" for class i. */
export function classLabel(c: LayerClasses, i: number, lang: Lang): string {
  const locale = intlLocale(lang);
  return `${formatBreak(c.breaks[i], locale)} – ${formatBreak(c.breaks[i + 1], locale)}`;
}

/** Colour classes of a layer: one entry without colour-by, else categories or the numeric range. */
export function legendEntries(layer: UserLayer, lang: string = app.lang): LegendEntry[] {
  const cb = layer.style.colorBy;
  if (!cb) return [{ label: layer.name, color: layer.style.fill ?? layer.style.color }];
  const classes = layerClasses(layer, lang);
  if (classes) {
    // each class states the method, so an exported legend says how the breaks were made
    const method = t(`table.method.${classes.method}`, lang as Lang);
    const rows = classes.colors.map((color, i) => ({ label: `${cb.field} ${classLabel(classes, i, lang as Lang)} · ${method}`, color }));
    if (classes.noData) rows.push({ label: `${cb.field}: ${t('table.noData', lang as Lang)}`, color: NO_DATA });
    return rows;
  }
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
  const classes = layerClasses(layer, lang);
  if (classes) {
    if (!classes.colors.length || classes.breaks.length < 2) return NO_DATA;
    const match: unknown[] = ['match', ['get', '__k']];
    classes.colors.forEach((c, i) => match.push(i, c));
    match.push(NO_DATA);
    return match as ExpressionSpecification;
  }
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
export function mapData(layer: UserLayer, lang: string, hidden: string | null): FeatureCollection {
  const cb = layer.style.colorBy?.field;
  const lf = layer.style.labelField;
  const classes = layerClasses(layer, lang);
  const features: Feature[] = [];
  for (const f of layer.features) {
    if (f.id === hidden) continue;
    const p = f.properties as Record<string, unknown>;
    const props: Record<string, unknown> = { __fid: f.id, __layer: layer.id };
    if (cb) props.__c = fieldValue(layer, p, cb, lang) ?? null;
    if (classes) props.__k = classOf(cellNumber(toCell(props.__c)), classes.breaks);
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
      // a classed choropleth's borders stay in the layer colour, so the classes read from the fills
      paint: { 'line-color': s.colorBy?.scheme === 'classed' && s.fill !== null ? s.color : stroke, 'line-width': s.width, 'line-opacity': Math.min(1, s.opacity + 0.3) },
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

export function hexRgba(hex: string, alpha: number): [number, number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, Math.round(alpha * 255)];
}

export function lerpHex(a: string, b: string, t: number): [number, number, number] {
  const [ar, ag, ab] = hexRgba(a, 1);
  const [br, bg, bb] = hexRgba(b, 1);
  return [Math.round(ar + (br - ar) * t), Math.round(ag + (bg - ag) * t), Math.round(ab + (bb - ab) * t)];
}
