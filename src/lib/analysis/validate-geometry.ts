// Geometry checks before analysis: a clear message naming the feature and the problem, never NaN.
import booleanValid from '@turf/boolean-valid';
import type { Feature, Geometry, Position } from 'geojson';
import { allPositions, dedupeRings, selfIntersections } from '../geo/kernel';
import { t, type Lang, type MessageKey, type Msg, type Vars } from '../i18n/catalog.ts';

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
  /** The message in both languages, from the catalog (`analysis.geom.*`); `msg` is its problem part as a catalog entry. */
  message: { zh: string; en: string };
  msg: Msg;
  /** where: [lon, lat] of the problem if known */
  at?: [number, number];
}

const fmtPt = (p: Position) => `${p[0]}, ${p[1]}`;

/** "Feature “label”: problem" / "要素「label」：problem", from the catalog. */
export function geometryMessage(feature: string, label: string | undefined, problem: Msg): { zh: string; en: string } {
  const line = (lang: Lang) =>
    t('analysis.geom.issue', lang, {
      who: label ? t('analysis.geom.featureLabel', lang, { label }) : t('analysis.geom.featureId', lang, { id: feature }),
      problem: t(problem.key, lang, problem.vars),
    });
  return { zh: line('zh'), en: line('en') };
}

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
  const add = (problem: GeometryProblem, key: MessageKey, vars?: Vars, at?: Position, severity: 'error' | 'warning' = 'error') => {
    const msg: Msg = vars ? { key, vars } : { key };
    issues.push({ problem, severity, feature, message: geometryMessage(feature, label, msg), msg, at: at ? [at[0], at[1]] : undefined });
  };
  if (!g || !('type' in g)) {
    add('missing', 'analysis.geom.missing');
    return issues;
  }
  const pts = allPositions(g);
  if (pts.length === 0) {
    add('missing', 'analysis.geom.empty');
    return issues;
  }
  const bad = pts.find((p) => p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]));
  if (bad) {
    add('nonFinite', 'analysis.geom.nonFinite', { value: String(bad) });
    return issues;
  }
  const out = pts.find((p) => Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90);
  if (out) {
    const swapped = Math.abs(out[0]) <= 90 && Math.abs(out[1]) <= 180;
    add('outOfRange', swapped ? 'analysis.geom.outOfRangeSwapped' : 'analysis.geom.outOfRangeProjected', { at: fmtPt(out) }, out);
    return issues;
  }
  // China lies at lon 73–135, lat 18–54: a point there with the axes swapped is a common error
  const swapped = pts.find((p) => p[1] >= 73 && p[1] <= 135 && p[0] >= 18 && p[0] <= 54);
  if (swapped && pts.every((p) => p[1] > 54 || p[0] < 73)) {
    add('swappedLatLon', 'analysis.geom.swapped', { at: fmtPt(swapped) }, swapped);
  }
  for (const p of paths(g)) {
    if (p.length < 2) add('tooFewPoints', 'analysis.geom.lineFew', undefined, p[0]);
  }
  for (const r of rings(g)) {
    const a = r[0], b = r[r.length - 1];
    if (r.length < 4) add('tooFewPoints', 'analysis.geom.ringFew', undefined, a);
    else if (a[0] !== b[0] || a[1] !== b[1]) add('unclosedRing', 'analysis.geom.ringOpen', { first: fmtPt(a), last: fmtPt(b) }, a);
  }
  if (issues.length) return issues;
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    // repeated vertices are harmless but make kinks report false crossings
    const { clean, dropped } = dedupeRings(g);
    if (dropped) {
      add('selfTouch', 'analysis.geom.degenerate', { n: dropped }, undefined, 'warning');
    }
    if (clean.coordinates.length === 0) return issues;
    const { crossings, touches: k } = selfIntersections(clean);
    if (crossings.length) {
      const at = crossings[0];
      add('selfIntersection', 'analysis.geom.crossing', { at: fmtPt(at), n: crossings.length }, at);
      return issues;
    }
    if (k.length) {
      add('selfTouch', 'analysis.geom.touch', { at: fmtPt(k[0]), n: k.length }, k[0], 'warning');
    } else if (!booleanValid(clean)) {
      add('invalid', 'analysis.geom.invalid', undefined, undefined, 'warning');
    }
  }
  return issues;
}
