// Decode shipped plan bundles (public/data/plan/<region>.topo.json) into plan elements, and flatten
// them for the map (MapLibre styles read flat properties; the full element stays in the app's index).
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { PlanElement, PlanProperties, Region } from './model.ts';

export interface PlanIndex {
  version: number;
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

export interface MapProps {
  id: string;
  kind: string;
  mode: string;
  status: string;
  accuracy: string;
  region: string;
  zh: string;
  en: string;
}

/** Flat properties for styling, filtering and picking; `id` links back to the full element. */
export function toMapFeature(e: PlanElement): Feature<Geometry, MapProps> {
  const p = e.properties;
  return {
    type: 'Feature',
    id: undefined,
    geometry: e.geometry,
    properties: {
      id: p.id,
      kind: p.kind,
      mode: p.mode ?? '',
      status: p.status,
      accuracy: p.accuracy,
      region: p.region,
      zh: p.name.zh,
      en: p.name.en,
    },
  };
}
