// Decode shipped plan bundles (public/data/plan/<region>.topo.json) into plan elements, and flatten
// them for the map (MapLibre styles read flat properties; the full element stays in the app's index).
import { feature } from 'topojson-client';
import type { FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { PlanElement, PlanProperties, Region } from './model.ts';

export interface PlanIndex {
  version: number;
  /** the flat overlay bundle, e.g. "plan/map.topo.json" */
  map: string;
  count: number;
  regions: { region: Region; file: string; count: number; byKind: Record<string, number>; byAccuracy: Record<string, number> }[];
  coverage?: { all: { mapped: number; total: number } };
}

export function decodePlanBundle(topology: Topology): PlanElement[] {
  const obj = topology.objects.elements as GeometryCollection | undefined;
  if (!obj) throw new Error('plan bundle: object "elements" is missing');
  const fc = feature(topology, obj) as FeatureCollection<Geometry, PlanProperties>;
  return fc.features as PlanElement[];
}

/** Flat properties of the map overlay bundle (scripts/plan/build-plan.ts `mapProps`). */
export interface MapProps {
  id: string;
  kind: string;
  mode?: string;
  status: string;
  accuracy: string;
  region: string;
  zh: string;
  en: string;
  opened?: number;
  started?: number;
  target?: number;
}
