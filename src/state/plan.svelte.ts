// Plan elements: the flat map overlay (loaded right after the basemap's first frame), the full elements
// (sources, metrics…; loaded on demand), and which regions are shown.
import type { Feature, Geometry } from 'geojson';
import type { PlanElement, Region } from '../lib/plan/model.ts';
import type { MapProps, PlanIndex } from '../lib/plan/bundle.ts';
import { REGIONS } from '../lib/plan/model.ts';

export const plan = $state<{
  index: PlanIndex | null;
  features: Feature<Geometry, MapProps>[];
  full: Partial<Record<Region, PlanElement[]>>;
  visible: Region[];
}>({
  index: null,
  features: [],
  full: {},
  visible: [...REGIONS],
});

export function setRegionVisible(region: Region, on: boolean): void {
  plan.visible = on ? [...plan.visible.filter((r) => r !== region), region] : plan.visible.filter((r) => r !== region);
}

const STATUS_PHASE: Record<string, string> = { existing: 'existing', underConstruction: 'underConstruction' };

/** The overlay's features for the shown regions, each with the `phase` the map styles by. */
export function visibleFeatures(): Feature<Geometry, MapProps & { phase: string }>[] {
  const shown: string[] = plan.visible;
  return plan.features
    .filter((f) => shown.includes(f.properties.region))
    .map((f) => ({ ...f, properties: { ...f.properties, phase: STATUS_PHASE[f.properties.status] ?? 'planned' } }));
}

export function regionCount(region: Region): number {
  return plan.index?.regions.find((r) => r.region === region)?.count ?? 0;
}
