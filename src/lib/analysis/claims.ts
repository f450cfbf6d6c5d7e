// Documented figures beside what our data computes. A plan says "the two central urban areas are
// 28 km apart in a straight line"; we show that figure, our core-to-core and nearest-edge
// distances, and an explanation of where the documented figure sits between them.
import type { Geometry } from 'geojson';
import { formatLength } from '../geo/geodesic.ts';
import { centroidDistance, nearestEdgeDistance, type DistanceResult } from './distance.ts';
import { sentenceGap, t } from '../i18n/catalog.ts';

export interface DocumentedDistance {
  id: string;
  figureKm: number;
  statement: { zh: string; en: string };
  source: { type: 'seed'; seed: '000' | '001' | '002' | '003' | '004'; section: string; quote: string };
}

/** 《内江自贡同城化发展总体方案》二、基础条件 (一). */
export const NEIZI_28KM: DocumentedDistance = {
  id: 'neizi-28km',
  figureKm: 28,
  statement: {
    zh: '两市中心城区直线距离仅28公里',
    en: 'The two cities’ central urban areas are only 28 km apart in a straight line',
  },
  source: {
    type: 'seed',
    seed: '004',
    section: '二、基础条件 (一)空间相近人文相亲',
    quote: '两市中心城区直线距离仅28公里,是全省地级市中心城区距离最近的两个城市',
  },
};

export interface ClaimCheck {
  claim: DocumentedDistance;
  documentedKm: number;
  centroid: DistanceResult & { km: number };
  nearestEdge: DistanceResult & { km: number };
  /** where the documented figure sits relative to our two figures */
  verdict: 'belowEdges' | 'betweenEdgesAndCores' | 'matchesCores' | 'aboveCores';
  explanation: { zh: string; en: string };
}

/** Compare a documented straight-line distance with our two measures between geometries a, b. */
export function checkDistanceClaim(
  claim: DocumentedDistance,
  a: Geometry,
  b: Geometry,
  names: { a: { zh: string; en: string }; b: { zh: string; en: string } },
): ClaimCheck {
  const c = centroidDistance(a, b);
  const e = nearestEdgeDistance(a, b);
  const doc = claim.figureKm;
  const ck = c.metres / 1000, ek = e.metres / 1000;
  const f = (km: number, l: 'zh' | 'en') => formatLength(km * 1000, l).text;
  // "matches" = within 5% or 1 km of the core-to-core figure
  const matches = Math.abs(doc - ck) <= Math.max(1, 0.05 * ck);
  const verdict: ClaimCheck['verdict'] = matches ? 'matchesCores' : doc < ek ? 'belowEdges' : doc <= ck ? 'betweenEdgesAndCores' : 'aboveCores';
  const vars = (l: 'zh' | 'en') => ({ doc, a: names.a[l], b: names.b[l], cores: f(ck, l), edges: f(ek, l) });
  // two points: no extent, so "edges" and "cores" coincide
  const points = Math.abs(c.metres - e.metres) < 1 && verdict !== 'matchesCores';
  const whyKey = points ? (doc < ck ? 'claim.pointsShorter' : 'claim.pointsLonger') : (`claim.${verdict}` as const);
  const explain = (l: 'zh' | 'en') => t('claim.base', l, vars(l)) + sentenceGap(l) + t(whyKey, l);
  return {
    claim,
    documentedKm: doc,
    centroid: { ...c, km: ck },
    nearestEdge: { ...e, km: ek },
    verdict,
    explanation: { zh: explain('zh'), en: explain('en') },
  };
}
