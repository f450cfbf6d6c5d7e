// Documented figures beside what our data computes. A plan says "the two central urban areas are
// 28 km apart in a straight line"; we show that figure, our core-to-core and nearest-edge
// distances, and an explanation of where the documented figure sits between them.
import type { Geometry } from 'geojson';
import { formatLength } from '../geo/geodesic.ts';
import { centroidDistance, nearestEdgeDistance, type DistanceResult } from './distance.ts';

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
  const base = {
    zh: `文件称 ${doc} 公里；按本图数据，${names.a.zh}与${names.b.zh}的中心到中心为 ${f(ck, 'zh')}，最近边界之间为 ${f(ek, 'zh')}（WGS84 椭球大地线）。`,
    en: `The plan says ${doc} km; in our data ${names.a.en} to ${names.b.en} is ${f(ck, 'en')} core to core and ${f(ek, 'en')} between the nearest edges (geodesic on WGS84).`,
  };
  const why: { zh: string; en: string } = {
    matchesCores: {
      zh: '文件数字与中心到中心距离一致。',
      en: 'The documented figure agrees with the core-to-core distance.',
    },
    betweenEdgesAndCores: {
      zh: '文件数字介于两者之间：它很可能量的是两个规划中心城区内某些参考点之间（规划城区相向扩展），既不是市政府到市政府，也不是建成区边缘到边缘。',
      en: 'The documented figure lies between the two: it most likely measures between reference points inside the two planned central urban areas, which grow towards each other, not city hall to city hall nor built-up edge to edge.',
    },
    belowEdges: {
      zh: '文件数字比本图最近边界距离还短：文件所指的中心城区范围大于本图所用几何（例如规划范围而非建成区）。',
      en: 'The documented figure is shorter than even our nearest-edge distance: the plan’s central urban areas are larger than the geometries used here (e.g. planned rather than built-up extent).',
    },
    aboveCores: {
      zh: '文件数字比中心到中心距离还长：它可能是道路距离，或量自其他参考点。',
      en: 'The documented figure is longer than core to core: it may be a road distance or measured from other reference points.',
    },
  }[verdict];
  // two points: no extent, so "edges" and "cores" coincide
  if (Math.abs(c.metres - e.metres) < 1 && verdict !== 'matchesCores') {
    why.zh = doc < ck
      ? '两者都是点，文件数字更短：它不是这两点之间的距离，很可能量自规划中心城区内相向扩展的参考点。'
      : '两者都是点，文件数字更长：它可能是道路距离，或量自其他参考点。';
    why.en = doc < ck
      ? 'Both are points and the documented figure is shorter: it is not the distance between these two points, most likely it measures between reference points of the planned central urban areas, which grow towards each other.'
      : 'Both are points and the documented figure is longer: it may be a road distance or measured from other reference points.';
  }
  return {
    claim,
    documentedKm: doc,
    centroid: { ...c, km: ck },
    nearestEdge: { ...e, km: ek },
    verdict,
    explanation: { zh: base.zh + why.zh, en: `${base.en} ${why.en}` },
  };
}
