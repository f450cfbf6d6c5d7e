// Plan elements loaded from the shipped bundles, and which regions are shown.
import type { PlanElement, Region } from '../lib/plan/model.ts';
import type { PlanIndex } from '../lib/plan/bundle.ts';

export const plan = $state<{ index: PlanIndex | null; byRegion: Partial<Record<Region, PlanElement[]>>; visible: Region[] }>({
  index: null,
  byRegion: {},
  visible: ['chengdu-metro', 'neijiang-zigong', 'dazhou', 'wandakai'],
});

export function setRegionVisible(region: Region, on: boolean): void {
  plan.visible = on ? [...plan.visible.filter((r) => r !== region), region] : plan.visible.filter((r) => r !== region);
}

export function visibleElements(): PlanElement[] {
  return plan.visible.flatMap((r) => plan.byRegion[r] ?? []);
}
