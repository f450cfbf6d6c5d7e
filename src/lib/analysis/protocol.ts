// Typed messages between the UI and the analysis worker. Every job has an id; the worker answers
// with progress, then exactly one of result / error / cancelled.
import type { Feature, Geometry, MultiPolygon, Position } from 'geojson';
import type { Locale, AreaUnit } from '../geo/geodesic.ts';
import type { Measurement } from './measure.ts';
import type { DistanceResult } from './distance.ts';
import type { OverlapPair } from './overlap.ts';
import type { Jurisdiction, JurisdictionStats } from './jurisdiction.ts';
import type { CatchmentResult, CatchmentSpec } from './catchment.ts';
import type { NearestHit } from './nearest.ts';
import type { ClaimCheck, DocumentedDistance } from './claims.ts';
import type { GeometryIssue } from './validate-geometry.ts';

export type JurisdictionLevel = 'county' | 'prefecture';

export type AnalysisRequest =
  | { type: 'measure'; jobId: string; geometry: Geometry; locale?: Locale; areaUnit?: AreaUnit }
  | { type: 'distance'; jobId: string; a: Geometry; b: Geometry }
  | {
      type: 'overlap';
      jobId: string;
      groupA: Feature[];
      groupB?: Feature[];
      sliverM2?: number;
      /** build intersection polygons for the largest this many pairs */
      withGeometry?: number;
      /** single group made of several: the group of each feature; with acrossGroupsOnly, pairs within a group are dropped */
      groups?: string[];
      acrossGroupsOnly?: boolean;
    }
  | { type: 'setJurisdictions'; jobId: string; level: JurisdictionLevel; units: Jurisdiction[] }
  | { type: 'jurisdiction'; jobId: string; level: JurisdictionLevel; features: Feature[] }
  | { type: 'catchment'; jobId: string; hub: Geometry; candidates: Feature[]; spec: CatchmentSpec }
  | { type: 'nearest'; jobId: string; point: Position; items: Feature[]; k?: number; radiusM?: number; kinds?: string[] }
  | { type: 'claim'; jobId: string; claim: DocumentedDistance; a: Geometry; b: Geometry; names: { a: { zh: string; en: string }; b: { zh: string; en: string } } }
  | { type: 'cancel'; jobId: string };

export interface OverlapPayload {
  /** feature ids (or indices) of each pair */
  /** `geometry`: the intersection polygon (WGS84) for the largest `withGeometry` pairs, when asked */
  pairs: Array<OverlapPair & { idA: string; idB: string; geometry?: MultiPolygon | null }>;
  touching: Array<{ idA: string; idB: string }>;
  candidates: number;
  method: { zh: string; en: string };
}

export interface DistancePayload {
  centroid: DistanceResult;
  nearestEdge: DistanceResult;
}

export interface NearestPayload {
  nearest: NearestHit[];
  within: NearestHit[];
}

export type AnalysisResultMap = {
  measure: Measurement;
  distance: DistancePayload;
  overlap: OverlapPayload;
  setJurisdictions: { level: JurisdictionLevel; count: number };
  jurisdiction: Array<{ id: string; stats: JurisdictionStats }>;
  catchment: CatchmentResult;
  nearest: NearestPayload;
  claim: ClaimCheck;
};

export type AnalysisKind = keyof AnalysisResultMap;

export interface AnalysisErrorInfo {
  /** 'GeometryError' (bad input), 'AbortError' is never sent (see 'cancelled'), else 'Error' */
  name: string;
  message: string;
  issues?: GeometryIssue[];
}

export type AnalysisResponse =
  | { type: 'progress'; jobId: string; done: number; total: number }
  | { [K in AnalysisKind]: { type: 'result'; jobId: string; kind: K; result: AnalysisResultMap[K]; ms: number } }[AnalysisKind]
  | { type: 'error'; jobId: string; error: AnalysisErrorInfo }
  | { type: 'cancelled'; jobId: string };
