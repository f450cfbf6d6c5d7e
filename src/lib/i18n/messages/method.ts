// How a figure was computed (shown beside every analysis result and exported with it), the units
// those figures are written in, and the accuracy words for result rows.
import type { Messages } from '../catalog.ts';

export const method = {
  geodesic: { zh: '按 WGS84 椭球大地线计算（GeographicLib）', en: 'geodesic on WGS84 (GeographicLib)' },
  centroid: {
    zh: '质心（在 Albers 等积投影中按面积/长度加权）之间的 WGS84 大地线距离',
    en: 'geodesic on WGS84 between centroids (area- or length-weighted in Albers equal-area)',
  },
  edge: {
    zh: '边界间最近距离，WGS84 椭球大地线（相接或重叠时为 0）',
    en: 'nearest boundary-to-boundary distance, geodesic on WGS84 (0 when touching or overlapping)',
  },
  overlap: {
    zh: '在 Albers 等积投影（WGS84，标准纬线 25°N/47°N，中央经线 105°E）中求交后计算面积',
    en: 'intersection and area in an Albers equal-area projection (WGS84, 25°N/47°N, 105°E)',
  },
  catchment: {
    zh: '成员按 WGS84 大地线最近距离判断；面内占比在 Albers 等积投影中计算；时间圈按直线距离 = 速度 × 时间',
    en: 'membership by nearest geodesic distance on WGS84; shares inside in Albers equal-area; time rings are straight-line distance = speed × time',
  },
  pointInPolygon: { zh: '点在面内判断', en: 'point in polygon' },
  ringMinutes: { zh: '{m} 分钟（按 {v} 公里/小时直线）', en: '{m} min at {v} km/h (straight line)' },
  ringKm: { zh: '{r} 公里', en: '{r} km' },
  'unit.m': { zh: '米', en: 'm' },
  'unit.km': { zh: '公里', en: 'km' },
  'unit.m2': { zh: '平方米', en: 'm²' },
  'unit.ha': { zh: '公顷', en: 'ha' },
  'unit.mu': { zh: '亩', en: 'mu' },
  'unit.km2': { zh: '平方公里', en: 'km²' },
  'accuracy.imported': { zh: '导入数据', en: 'imported' },
  'accuracy.drawn-schematic': { zh: '手绘（示意）', en: 'drawn (schematic)' },
  'accuracy.drawn-located': { zh: '手绘（有出处坐标）', en: 'drawn (sourced coordinates)' },
  'accuracy.boundary': { zh: '行政边界', en: 'boundary' },
  'accuracy.located': { zh: '有出处坐标', en: 'located' },
  'accuracy.schematic': { zh: '示意', en: 'schematic' },
} satisfies Messages;
