// MapLibre layers for plan elements: colour by kind, line dash by status, a visible mark for schematic
// geometry (dashed outlines, hollow points, a soft halo on lines).
import type { LayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import { planColors, fonts } from '../style/theme.ts';
import type { Lang } from '../lib/i18n/catalog.ts';

export const PLAN_SOURCE = 'plan';

const kindColor: ExpressionSpecification = [
  'match', ['get', 'kind'],
  ...Object.entries(planColors.kind).flatMap(([k, c]) => [k, c]),
  planColors.fallback,
] as unknown as ExpressionSpecification;

const corridorColor: ExpressionSpecification = [
  'case', ['==', ['get', 'kind'], 'corridor'],
  ['match', ['get', 'mode'], ...Object.entries(planColors.mode).flatMap(([k, c]) => [k, c]), planColors.kind.corridor],
  kindColor,
] as unknown as ExpressionSpecification;

const isArea: ExpressionSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const isLine: ExpressionSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
// Areas are labelled once, at an anchor point the app adds (`anchor: true`); tiled polygons would repeat labels.
const isAnchor: ExpressionSpecification = ['==', ['get', 'anchor'], true];
const isPoint: ExpressionSpecification = ['all', ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false], ['!', isAnchor]];
const schematic: ExpressionSpecification = ['==', ['get', 'accuracy'], 'schematic'];
const notSchematic: ExpressionSpecification = ['!=', ['get', 'accuracy'], 'schematic'];
// `phase` is set per feature by the app: the documented status, or what the time slider's year implies.
const existing: ExpressionSpecification = ['==', ['get', 'phase'], 'existing'];
const building: ExpressionSpecification = ['==', ['get', 'phase'], 'underConstruction'];
const future: ExpressionSpecification = ['==', ['get', 'phase'], 'planned'];
// the year slider's expected mode: the plan's target year has come (not built; docs/phone.md)
const expected: ExpressionSpecification = ['==', ['get', 'phase'], 'expected'];
/** Rail corridors (any phase): drawn with white ticks along the middle, so rail and road differ by more than hue. */
export const RAIL_MODES = ['highSpeedRail', 'rail', 'suburbanRail', 'metro'] as const;
const isRail: ExpressionSpecification = ['all', ['==', ['get', 'kind'], 'corridor'], ['match', ['get', 'mode'], [...RAIL_MODES], true, false]];

export const PLAN_LAYER_IDS = [
  'plan-area-fill', 'plan-area-outline', 'plan-area-outline-schematic', 'plan-area-expected',
  'plan-line-halo', 'plan-line-existing', 'plan-line-building', 'plan-line-future', 'plan-line-expected', 'plan-line-rail',
  'plan-point', 'plan-point-expected', 'plan-label', 'plan-selected-line', 'plan-selected-point',
] as const;

/** Layers a click or hover can hit. */
export const PLAN_PICK_LAYERS = [
  'plan-point', 'plan-line-existing', 'plan-line-building', 'plan-line-future', 'plan-line-expected', 'plan-line-halo', 'plan-area-fill',
];

export const NO_SELECTION: ExpressionSpecification = ['==', ['get', 'id'], ''];
export const selectionFilter = (id: string | null): ExpressionSpecification => ['==', ['get', 'id'], id ?? ''];

/**
 * Opacity per element: the overlay opacity times the element kind's own (1 when not set). Paint values
 * below take it as a factor inside each zoom stop: MapLibre wants zoom interpolation at the top.
 */
export function opacityFactor(overall: number, byKind: Partial<Record<string, number>> = {}): ExpressionSpecification | number {
  const entries = Object.entries(byKind).filter(([, v]) => v !== undefined && v !== 1) as [string, number][];
  if (!entries.length) return overall;
  return ['match', ['get', 'kind'], ...entries.flatMap(([k, v]) => [k, v * overall]), overall] as unknown as ExpressionSpecification;
}

const times = (f: ExpressionSpecification | number, v: number | ExpressionSpecification): ExpressionSpecification | number =>
  typeof f === 'number' && typeof v === 'number' ? f * v : (['*', f, v] as ExpressionSpecification);

/**
 * The opacity-bearing paint properties of the plan layers, for a factor. Low zooms draw lighter and
 * thinner so the overview of three regions does not turn into a blot (fills stack where plans overlap).
 */
export function planOpacityPaint(f: ExpressionSpecification | number): [layer: string, prop: string, value: ExpressionSpecification | number][] {
  const fill = (s: number, firm: number) => ['case', schematic, times(f, s), times(f, firm)] as ExpressionSpecification;
  return [
    ['plan-area-fill', 'fill-opacity', ['interpolate', ['linear'], ['zoom'], 6, fill(0.07, 0.12), 8.5, fill(0.12, 0.2)] as ExpressionSpecification],
    ['plan-area-outline', 'line-opacity', ['interpolate', ['linear'], ['zoom'], 6, times(f, 0.7), 8, times(f, 1)] as ExpressionSpecification],
    ['plan-area-outline-schematic', 'line-opacity', ['interpolate', ['linear'], ['zoom'], 6, times(f, 0.6), 8, times(f, 1)] as ExpressionSpecification],
    ['plan-line-halo', 'line-opacity', times(f, 0.25)],
    ['plan-line-existing', 'line-opacity', f],
    ['plan-line-building', 'line-opacity', f],
    ['plan-line-future', 'line-opacity', f],
    ['plan-line-expected', 'line-opacity', f],
    ['plan-area-expected', 'line-opacity', f],
    ['plan-point-expected', 'circle-stroke-opacity', f],
    ['plan-line-rail', 'line-opacity', f],
    ['plan-point', 'circle-opacity', f],
    ['plan-point', 'circle-stroke-opacity', f],
  ];
}

/** Kinds whose points are local detail: below zoom 7 they would bury the overview (evaluated per integer zoom). */
const minorPoint: ExpressionSpecification = ['match', ['get', 'kind'], ['park', 'eco', 'town'], true, false];
export const OVERVIEW_MAX_ZOOM = 7;
/** Roads below expressways draw thinner in the overview. */
const minorLine: ExpressionSpecification = ['match', ['get', 'mode'], ['arterial'], true, ['==', ['get', 'kind'], 'eco']];

export function planLayers(lang: Lang): LayerSpecification[] {
  const width: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 5, ['case', minorLine, 0.7, 1.4], 7, ['case', minorLine, 1.2, 2], 10, 4];
  const paint = new Map(planOpacityPaint(1).map(([id, prop, v]) => [`${id}|${prop}`, v]));
  const op = (id: string, prop: string) => ({ [prop]: paint.get(`${id}|${prop}`) });
  return [
    {
      id: 'plan-area-fill', type: 'fill', source: PLAN_SOURCE, filter: isArea,
      paint: { 'fill-color': kindColor, ...op('plan-area-fill', 'fill-opacity') },
    },
    {
      id: 'plan-area-outline', type: 'line', source: PLAN_SOURCE, filter: ['all', isArea, notSchematic] as ExpressionSpecification,
      paint: { 'line-color': kindColor, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.9, 8, 1.6], ...op('plan-area-outline', 'line-opacity') },
    },
    {
      id: 'plan-area-outline-schematic', type: 'line', source: PLAN_SOURCE, filter: ['all', isArea, schematic] as ExpressionSpecification,
      paint: { 'line-color': kindColor, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.9, 8, 1.6], 'line-dasharray': [2, 2], ...op('plan-area-outline-schematic', 'line-opacity') },
    },
    {
      // expected by the plan's target year: a dotted outline inside the area's own (docs/phone.md)
      id: 'plan-area-expected', type: 'line', source: PLAN_SOURCE, filter: ['all', isArea, expected] as ExpressionSpecification,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': kindColor, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.6, 9, 3], 'line-dasharray': [0.1, 1.8], 'line-offset': ['interpolate', ['linear'], ['zoom'], 6, 1.5, 9, 3], ...op('plan-area-expected', 'line-opacity') },
    },
    {
      id: 'plan-line-halo', type: 'line', source: PLAN_SOURCE, filter: ['all', isLine, schematic] as ExpressionSpecification,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': corridorColor, ...op('plan-line-halo', 'line-opacity'), 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 3, 8, 8, 10, 14], 'line-blur': ['interpolate', ['linear'], ['zoom'], 5, 2, 8, 4] },
    },
    {
      id: 'plan-line-existing', type: 'line', source: PLAN_SOURCE, filter: ['all', isLine, existing] as ExpressionSpecification,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': corridorColor, 'line-width': width, ...op('plan-line-existing', 'line-opacity') },
    },
    {
      id: 'plan-line-building', type: 'line', source: PLAN_SOURCE, filter: ['all', isLine, building] as ExpressionSpecification,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': corridorColor, 'line-width': width, 'line-dasharray': [4, 1.5], ...op('plan-line-building', 'line-opacity') },
    },
    {
      id: 'plan-line-future', type: 'line', source: PLAN_SOURCE, filter: ['all', isLine, future] as ExpressionSpecification,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': corridorColor, 'line-width': width, 'line-dasharray': [1.5, 1.5], ...op('plan-line-future', 'line-opacity') },
    },
    {
      // dotted (round caps on near-zero dashes): expected by the plan's target year, unlike any status style
      id: 'plan-line-expected', type: 'line', source: PLAN_SOURCE, filter: ['all', isLine, expected] as ExpressionSpecification,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': corridorColor, 'line-width': width, 'line-dasharray': [0.1, 1.8], ...op('plan-line-expected', 'line-opacity') },
    },
    {
      // railway ticks: white dashes inside the rail line (its phase dash still shows as gaps in the colour)
      id: 'plan-line-rail', type: 'line', source: PLAN_SOURCE, filter: ['all', isLine, isRail] as ExpressionSpecification,
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.5, 7, 0.8, 10, 1.6], 'line-dasharray': [6, 6], ...op('plan-line-rail', 'line-opacity') },
    },
    {
      id: 'plan-point', type: 'circle', source: PLAN_SOURCE,
      filter: ['all', isPoint, ['any', ['!', minorPoint], ['>=', ['zoom'], OVERVIEW_MAX_ZOOM]]] as ExpressionSpecification,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5.5, 2.6, 7, 4, 10, 7],
        'circle-color': ['case', schematic, '#ffffff', kindColor] as ExpressionSpecification,
        'circle-stroke-color': kindColor,
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 5.5, ['case', schematic, 1.4, 1], 7, ['case', schematic, 2.2, 1.2]],
        ...op('plan-point', 'circle-opacity'),
        ...op('plan-point', 'circle-stroke-opacity'),
      },
    },
    {
      // expected by the plan's target year: a second ring around the point, like no status symbol
      id: 'plan-point-expected', type: 'circle', source: PLAN_SOURCE,
      filter: ['all', isPoint, expected, ['any', ['!', minorPoint], ['>=', ['zoom'], OVERVIEW_MAX_ZOOM]]] as ExpressionSpecification,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5.5, 5, 7, 7, 10, 11],
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': kindColor,
        'circle-stroke-width': 1.5,
        ...op('plan-point-expected', 'circle-stroke-opacity'),
      },
    },
    {
      id: 'plan-selected-line', type: 'line', source: PLAN_SOURCE, filter: NO_SELECTION,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': planColors.selection, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 3, 10, 6], 'line-opacity': 0.9 },
    },
    {
      id: 'plan-selected-point', type: 'circle', source: PLAN_SOURCE, filter: ['all', isPoint, NO_SELECTION] as ExpressionSpecification,
      paint: { 'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': planColors.selection, 'circle-stroke-width': 3 },
    },
    {
      id: 'plan-label', type: 'symbol', source: PLAN_SOURCE, minzoom: 7.5,
      filter: ['any', isPoint, isAnchor] as ExpressionSpecification,
      layout: {
        'text-field': ['get', lang],
        'text-font': [fonts.latin],
        'text-size': 11.5,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-max-width': 8,
        'text-optional': true,
      },
      paint: { 'text-color': '#3b3631', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
}
