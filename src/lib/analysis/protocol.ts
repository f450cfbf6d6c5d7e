// Typed messages between the UI and the analysis worker. Every job has an id; the worker answers
// with progress, then exactly one of result / error / cancelled.
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { PointCounts } from './layers.ts';
import type { Locale, AreaUnit } from '../geo/geodesic.ts';
import type { Measurement } from './measure.ts';
import type { DistanceResult } from './distance.ts';
import type { OverlapPair } from './overlap.ts';
import type { Jurisdiction, JurisdictionStats } from './jurisdiction.ts';
import type { CatchmentResult, CatchmentSpec } from './catchment.ts';
import type { NearestHit } from './nearest.ts';
import type { ClaimCheck, DocumentedDistance } from './claims.ts';
import type { GeometryIssue } from './validate-geometry.ts';
import type { OverlayFeature, OverlayOp } from './overlay.ts';
import type { JsonValue } from '../workspace/model.ts';

/** An overlay input: a feature or a held unit, with the attributes its result feature keeps. */
export interface OverlayItem {
  item: AnalysisItem;
  properties: Record<string, JsonValue>;
}

export type JurisdictionLevel = 'county' | 'prefecture';

/**
 * A county or prefecture the worker already holds (sent once by setJurisdictions, validated and
 * projected there): jobs name it instead of sending its geometry again.
 */
export interface UnitRef {
  unit: JurisdictionLevel;
  adcode: string;
}

/** An analysis input: a feature (its string `properties.name` labels it in messages) or a held unit. */
export type AnalysisItem = Feature | UnitRef;

export const isUnitRef = (x: AnalysisItem): x is UnitRef => 'unit' in x && typeof (x as UnitRef).adcode === 'string';

export type AnalysisRequest =
  | { type: 'measure'; jobId: string; geometry: Geometry; locale?: Locale; areaUnit?: AreaUnit }
  | { type: 'distance'; jobId: string; a: Geometry; b: Geometry; names?: { a?: string; b?: string } }
  | {
      type: 'overlap';
      jobId: string;
      groupA: AnalysisItem[];
      groupB?: AnalysisItem[];
      sliverM2?: number;
      /** build intersection polygons for the largest this many pairs */
      withGeometry?: number;
      /** single group made of several: the group of each feature; with acrossGroupsOnly, pairs within a group are dropped */
      groups?: string[];
      acrossGroupsOnly?: boolean;
    }
  /** `version` identifies the boundary data: a repeat with the same version and units is a no-op */
  | { type: 'setJurisdictions'; jobId: string; level: JurisdictionLevel; units: Jurisdiction[]; version?: string }
  | { type: 'jurisdiction'; jobId: string; level: JurisdictionLevel; features: Feature[] }
  | { type: 'catchment'; jobId: string; hub: Geometry; candidates: AnalysisItem[]; spec: CatchmentSpec; hubName?: string }
  | { type: 'nearest'; jobId: string; point: Position; items: Feature[]; k?: number; radiusM?: number; kinds?: string[] }
  | { type: 'claim'; jobId: string; claim: DocumentedDistance; a: Geometry; b: Geometry; names: { a: { zh: string; en: string }; b: { zh: string; en: string } } }
  /** a new layer's geometry: `km` around an element (provenance is the caller's); progress 0/1 then 1/1, cancellable before and after */
  | { type: 'buffer'; jobId: string; geometry: Geometry; km: number; name?: string }
  /**
   * points counted per polygon, and with `weights` (one per point) summed; polygons may be held units
   * (every unit of a level reuses its index); progress every 1 % of the points, cancellable
   */
  | { type: 'pointsInPolygons'; jobId: string; points: Position[]; polygons: AnalysisItem[]; weights?: Array<number | null> }
  /**
   * clip / intersect / difference of `a` with `b`, dissolve of `a` by `field`, union of `a` (and `b`);
   * progress every few features, cancellable
   */
  | { type: 'overlay'; jobId: string; op: OverlayOp; a: OverlayItem[]; b?: OverlayItem[]; field?: string }
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
  setJurisdictions: { level: JurisdictionLevel; count: number; cached: boolean };
  jurisdiction: Array<{ id: string; stats: JurisdictionStats }>;
  catchment: CatchmentResult;
  nearest: NearestPayload;
  claim: ClaimCheck;
  buffer: { geometry: Polygon | MultiPolygon };
  pointsInPolygons: PointCounts & { ids: string[] };
  overlay: { features: OverlayFeature[] };
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
