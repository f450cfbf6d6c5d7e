// MapLibre layers for plan elements: colour by kind, line dash by status, a visible mark for schematic
// geometry (dashed outlines, hollow points, a soft halo on lines).
import type { LayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import { planColors, fonts } from '../style/theme.ts';
import type { Lang } from '../lib/i18n/strings.ts';

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

export const PLAN_LAYER_IDS = [
  'plan-area-fill', 'plan-area-outline', 'plan-area-outline-schematic',
  'plan-line-halo', 'plan-line-existing', 'plan-line-building', 'plan-line-future',
  'plan-point', 'plan-label', 'plan-selected-line', 'plan-selected-point',
] as const;

/** Layers a click or hover can hit. */
export const PLAN_PICK_LAYERS = [
  'plan-point', 'plan-line-existing', 'plan-line-building', 'plan-line-future', 'plan-line-halo', 'plan-area-fill',
];

export const NO_SELECTION: ExpressionSpecification = ['==', ['get', 'id'], ''];
export const selectionFilter = (id: string | null): ExpressionSpecification => ['==', ['get', 'id'], id ?? ''];

export function planLayers(lang: Lang): LayerSpecification[] {
  const width: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 5, 1.6, 10, 4];
  return [
    {
      id: 'plan-area-fill', type: 'fill', source: PLAN_SOURCE, filter: isArea,
      paint: { 'fill-color': kindColor, 'fill-opacity': ['case', schematic, 0.12, 0.2] as ExpressionSpecification },
    },
    {
      id: 'plan-area-outline', type: 'line', source: PLAN_SOURCE, filter: ['all', isArea, notSchematic] as ExpressionSpecification,
      paint: { 'line-color': kindColor, 'line-width': 1.6 },
    },
    {
      id: 'plan-area-outline-schematic', type: 'line', source: PLAN_SOURCE, filter: ['all', isArea, schematic] as ExpressionSpecification,
      paint: { 'line-color': kindColor, 'line-width': 1.6, 'line-dasharray': [2, 2] },
    },
    {
      id: 'plan-line-halo', type: 'line', source: PLAN_SOURCE, filter: ['all', isLine, schematic] as ExpressionSpecification,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': corridorColor, 'line-opacity': 0.25, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 6, 10, 14], 'line-blur': 4 },
    },
    {
      id: 'plan-line-existing', type: 'line', source: PLAN_SOURCE, filter: ['all', isLine, existing] as ExpressionSpecification,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': corridorColor, 'line-width': width },
    },
    {
      id: 'plan-line-building', type: 'line', source: PLAN_SOURCE, filter: ['all', isLine, building] as ExpressionSpecification,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': corridorColor, 'line-width': width, 'line-dasharray': [4, 1.5] },
    },
    {
      id: 'plan-line-future', type: 'line', source: PLAN_SOURCE, filter: ['all', isLine, future] as ExpressionSpecification,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': corridorColor, 'line-width': width, 'line-dasharray': [1.5, 1.5] },
    },
    {
      id: 'plan-point', type: 'circle', source: PLAN_SOURCE, filter: isPoint,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 4, 10, 7],
        'circle-color': ['case', schematic, '#ffffff', kindColor] as ExpressionSpecification,
        'circle-stroke-color': kindColor,
        'circle-stroke-width': ['case', schematic, 2.2, 1.2] as ExpressionSpecification,
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
