// The offline basemap as a MapLibre style: no glyphs (labels drawn from the shipped web fonts),
// no tiles, GeoJSON sources decoded from public/data/basemap.topo.json.
import type { StyleSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { Basemap } from '../lib/basemap/decode.ts';
import type { Lang } from '../lib/i18n/catalog.ts';
import { colors, fonts, type } from '../style/theme.ts';

export const BASEMAP_LAYER_GROUPS = {
  boundaries: ['sichuan-fill', 'chongqing-fill', 'county-line', 'prefecture-line', 'province-halo', 'province-line'],
  rivers: ['river-line', 'river-label'],
  labels: ['prefecture-label', 'county-label'],
} as const;

export const labelField = (lang: Lang): ExpressionSpecification => ['get', lang];

export function basemapStyle(basemap: Basemap, lang: Lang): StyleSpecification {
  const textFont = [fonts.latin];
  return {
    version: 8,
    name: 'Tongcheng Atlas offline basemap',
    sources: {
      provinces: { type: 'geojson', data: basemap.provinces },
      prefectures: { type: 'geojson', data: basemap.prefectures },
      counties: { type: 'geojson', data: basemap.counties },
      rivers: { type: 'geojson', data: basemap.rivers },
      labels: { type: 'geojson', data: basemap.labels },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': colors.land } },
      {
        id: 'sichuan-fill',
        type: 'fill',
        source: 'provinces',
        filter: ['==', ['get', 'adcode'], '510000'],
        paint: { 'fill-color': colors.sichuan },
      },
      {
        id: 'chongqing-fill',
        type: 'fill',
        source: 'provinces',
        filter: ['==', ['get', 'adcode'], '500000'],
        paint: { 'fill-color': colors.chongqing },
      },
      {
        id: 'county-line',
        type: 'line',
        source: 'counties',
        minzoom: 5.5,
        paint: {
          'line-color': colors.countyLine,
          'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.4, 10, 1.2],
          'line-dasharray': [3, 2],
        },
      },
      {
        id: 'river-line',
        type: 'line',
        source: 'rivers',
        filter: ['any', ['has', 'zh'], ['<=', ['get', 'rank'], 2], ['>=', ['zoom'], 7.5]],
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: {
          'line-color': colors.river,
          'line-width': [
            'interpolate', ['linear'], ['zoom'],
            5, ['case', ['has', 'zh'], 1.4, 0.5],
            10, ['case', ['has', 'zh'], 3.2, 1.2],
          ],
        },
      },
      {
        id: 'prefecture-line',
        type: 'line',
        source: 'prefectures',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': colors.prefectureLine,
          'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.7, 10, 1.8],
        },
      },
      {
        id: 'province-halo',
        type: 'line',
        source: 'provinces',
        layout: { 'line-join': 'round' },
        paint: { 'line-color': colors.provinceHalo, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 4, 10, 8], 'line-opacity': 0.9 },
      },
      {
        id: 'province-line',
        type: 'line',
        source: 'provinces',
        layout: { 'line-join': 'round' },
        paint: { 'line-color': colors.provinceLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1.4, 10, 2.6] },
      },
      {
        id: 'river-label',
        type: 'symbol',
        source: 'rivers',
        filter: ['has', 'zh'],
        layout: {
          'symbol-placement': 'line',
          'text-field': labelField(lang),
          'text-font': textFont,
          'text-size': type.riverLabel,
          'text-letter-spacing': 0.2,
          'symbol-spacing': 320,
          'text-max-angle': 30,
        },
        paint: { 'text-color': colors.riverLabel, 'text-halo-color': colors.labelHalo, 'text-halo-width': 1.4 },
      },
      {
        id: 'county-label',
        type: 'symbol',
        source: 'labels',
        filter: ['==', ['get', 'level'], 'county'],
        minzoom: 7.2,
        layout: {
          'text-field': labelField(lang),
          'text-font': textFont,
          'text-size': ['interpolate', ['linear'], ['zoom'], 7, type.countyLabel - 1, 10, type.countyLabel + 2],
          'text-padding': 4,
          'text-max-width': 7,
        },
        paint: { 'text-color': colors.labelMuted, 'text-halo-color': colors.labelHalo, 'text-halo-width': 1.5 },
      },
      {
        id: 'prefecture-label',
        type: 'symbol',
        source: 'labels',
        filter: ['==', ['get', 'level'], 'prefecture'],
        maxzoom: 8.5,
        layout: {
          'text-field': labelField(lang),
          'text-font': textFont,
          'text-size': ['interpolate', ['linear'], ['zoom'], 5, type.prefectureLabel - 2, 8, type.prefectureLabel + 3],
          'text-padding': 6,
          'text-max-width': 8,
          'symbol-sort-key': 0,
        },
        paint: { 'text-color': colors.label, 'text-halo-color': colors.labelHalo, 'text-halo-width': 1.8 },
      },
    ],
  };
}
