// Plan elements: the flat map overlay (loaded right after the basemap's first frame), the full elements
// (sources, metrics…; loaded on demand), and which regions are shown.
import type { Feature, Geometry } from 'geojson';
import type { PlanElement, Region } from '../lib/plan/model.ts';
import type { MapProps, PlanIndex } from '../lib/plan/bundle.ts';
import { REGIONS } from '../lib/plan/model.ts';
import { phaseIn, phaseOfStatus } from '../lib/plan/timeline.ts';
import { explore } from './explore.svelte.ts';
import { registerHashKey } from './url.svelte.ts';

export const plan = $state<{
  index: PlanIndex | null;
  features: Feature<Geometry, MapProps>[];
  full: Partial<Record<Region, PlanElement[]>>;
  visible: Region[];
  /** ids a story scene restricts the map to (its layer filters); null outside a scene */
  scope: string[] | null;
}>({
  index: null,
  features: [],
  full: {},
  visible: [...REGIONS],
  scope: null,
});

// Shown regions travel in the hash when they are not all shown (`regions=chengdu-metro,dazhou`).
registerHashKey(
  'regions',
  () => (plan.visible.length === REGIONS.length ? undefined : plan.visible.join(',') || 'none'),
  (v) => {
    plan.visible = v === undefined ? [...REGIONS] : REGIONS.filter((r) => v.split(',').includes(r));
  },
);

export function setRegionVisible(region: Region, on: boolean): void {
  plan.visible = on ? [...plan.visible.filter((r) => r !== region), region] : plan.visible.filter((r) => r !== region);
}

/** Only this region shown (the left side of a region comparison is the main map). */
export function showOnlyRegion(region: Region): void {
  if (plan.visible.length !== 1 || plan.visible[0] !== region) plan.visible = [region];
}

/** The flat overlay arrived (after the basemap's first frame). */
export function setPlanOverlay(index: PlanIndex, features: Feature<Geometry, MapProps>[]): void {
  plan.index = index;
  plan.features = features;
}

/** A story scene restricts the map to these ids (null: the whole plan again). */
export function setScope(ids: string[] | null): void {
  plan.scope = ids;
}

export type ShownFeature = Feature<Geometry, MapProps & { phase: string }>;

/** The overlay's features after every filter (region, kind, unit, year), each with the `phase` the map styles by;
 *  `year` and `shownRegions` override the slider's and the layer panel's (the compare view's second side). */
export function visibleFeatures(year: number | null = explore.year, shownRegions: readonly Region[] = plan.visible): ShownFeature[] {
  const regions: readonly string[] = shownRegions;
  const hiddenKinds: string[] = explore.hiddenKinds;
  const unitIds = explore.unitEntry ? [...explore.unitEntry.lead, ...explore.unitEntry.co] : null;
  const out: ShownFeature[] = [];
  for (const f of plan.features) {
    const p = f.properties;
    if (!regions.includes(p.region) || hiddenKinds.includes(p.kind)) continue;
    if (unitIds && !unitIds.includes(p.id)) continue;
    const phase = year === null ? phaseOfStatus(p.status) : phaseIn(p, year, explore.expected);
    if (phase === 'hidden') continue;
    out.push({ ...f, properties: { ...p, phase } });
  }
  return out;
}

export function regionCount(region: Region): number {
  return plan.index?.regions.find((r) => r.region === region)?.count ?? 0;
}
