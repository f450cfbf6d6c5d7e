// Geometry checks before analysis: a clear message naming the feature and the problem, never NaN.
import booleanValid from '@turf/boolean-valid';
import type { Feature, Geometry, Position } from 'geojson';
import { allPositions, dedupeRings, selfIntersections } from '../geo/kernel';

export type GeometryProblem =
  | 'missing'
  | 'nonFinite'
  | 'outOfRange'
  | 'swappedLatLon'
  | 'tooFewPoints'
  | 'unclosedRing'
  | 'selfIntersection'
  | 'selfTouch'
  | 'invalid';

export interface GeometryIssue {
  problem: GeometryProblem;
  /** errors block analysis; warnings (touching rings, spikes) do not change areas */
  severity: 'error' | 'warning';
  /** feature id or index, as given */
  feature: string;
  message: { zh: string; en: string };
  /** where: [lon, lat] of the problem if known */
  at?: [number, number];
}

const fmtPt = (p: Position) => `${p[0]}, ${p[1]}`;

function rings(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(rings);
  return [];
}

function paths(g: Geometry): Position[][] {
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(paths);
  return [];
}

/** Problems with one feature's geometry; an empty list means analysis can use it. */
export function validateGeometry(f: Feature | Geometry | null | undefined, name = '?', label?: string): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  const g = f && 'type' in f && f.type === 'Feature' ? f.geometry : (f as Geometry | null | undefined);
  const feature = f && f.type === 'Feature' && f.id !== undefined ? String(f.id) : name;
  // a label (e.g. "layer › name" of a user feature) names it for people; `feature` stays the id
  const who = label ? { zh: `要素「${label}」`, en: `Feature “${label}”` } : { zh: `要素 ${feature}`, en: `Feature ${feature}` };
  const add = (problem: GeometryProblem, zh: string, en: string, at?: Position, severity: 'error' | 'warning' = 'error') =>
    issues.push({ problem, severity, feature, message: { zh: `${who.zh}：${zh}`, en: `${who.en}: ${en}` }, at: at ? [at[0], at[1]] : undefined });
  if (!g || !('type' in g)) {
    add('missing', '没有几何', 'has no geometry');
    return issues;
  }
  const pts = allPositions(g);
  if (pts.length === 0) {
    add('missing', '几何为空', 'geometry is empty');
    return issues;
  }
  const bad = pts.find((p) => p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]));
  if (bad) {
    add('nonFinite', `坐标不是有效数字（${String(bad)}）`, `has a coordinate that is not a number (${String(bad)})`);
    return issues;
  }
  const out = pts.find((p) => Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90);
  if (out) {
    const swapped = Math.abs(out[0]) <= 90 && Math.abs(out[1]) <= 180;
    add('outOfRange', `坐标超出经纬度范围（${fmtPt(out)}），应为 [经度, 纬度] 的 WGS84 度数${swapped ? '；经纬度可能颠倒' : '；可能是投影坐标（米），请先声明坐标系'}`,
      `coordinate out of range (${fmtPt(out)}); expected WGS84 [lon, lat] degrees${swapped ? '; latitude and longitude may be swapped' : '; it may be projected (metres): declare its CRS on import'}`, out);
    return issues;
  }
  // China lies at lon 73–135, lat 18–54: a point there with the axes swapped is a common error
  const swapped = pts.find((p) => p[1] >= 73 && p[1] <= 135 && p[0] >= 18 && p[0] <= 54);
  if (swapped && pts.every((p) => p[1] > 54 || p[0] < 73)) {
    add('swappedLatLon', `坐标似乎是 [纬度, 经度]（${fmtPt(swapped)}），GeoJSON 要求 [经度, 纬度]`, `coordinates look like [lat, lon] (${fmtPt(swapped)}); GeoJSON needs [lon, lat]`, swapped);
  }
  for (const p of paths(g)) {
    if (p.length < 2) add('tooFewPoints', '线至少需要 2 个点', 'a line needs at least 2 points', p[0]);
  }
  for (const r of rings(g)) {
    const a = r[0], b = r[r.length - 1];
    if (r.length < 4) add('tooFewPoints', '面环至少需要 4 个点（首尾相同）', 'a polygon ring needs at least 4 positions (first = last)', a);
    else if (a[0] !== b[0] || a[1] !== b[1]) add('unclosedRing', `面环未闭合（首点 ${fmtPt(a)}，末点 ${fmtPt(b)}）`, `polygon ring is not closed (first ${fmtPt(a)}, last ${fmtPt(b)})`, a);
  }
  if (issues.length) return issues;
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    // repeated vertices are harmless but make kinks report false crossings
    const { clean, dropped } = dedupeRings(g);
    if (dropped) {
      add('selfTouch', `有 ${dropped} 个面环去掉重复点后不足 3 个不同顶点（零面积），已忽略；面积不受影响`,
        `${dropped} ring(s) have fewer than 3 distinct vertices (zero area) and are ignored; areas are not affected`, undefined, 'warning');
    }
    if (clean.coordinates.length === 0) return issues;
    const { crossings, touches: k } = selfIntersections(clean);
    if (crossings.length) {
      const at = crossings[0];
      add('selfIntersection', `边界自相交（约在 ${fmtPt(at)}，共 ${crossings.length} 处）；请修复后再做面积与重叠分析`,
        `boundary crosses itself (near ${fmtPt(at)}, ${crossings.length} place(s)); fix it before area and overlap analysis`, at);
      return issues;
    }
    if (k.length) {
      add('selfTouch', `边界在顶点处自相接或有尖刺（约在 ${fmtPt(k[0])}，共 ${k.length} 处）；面积不受影响`,
        `boundary touches itself at a vertex or has a spike (near ${fmtPt(k[0])}, ${k.length} place(s)); areas are not affected`, k[0], 'warning');
    } else if (!booleanValid(clean)) {
      add('invalid', '面几何无效（例如洞在外环之外或多面之间重叠），面积可能不可靠', 'polygon is not valid (e.g. a hole outside its shell or overlapping parts); areas may be wrong', undefined, 'warning');
    }
  }
  return issues;
}
