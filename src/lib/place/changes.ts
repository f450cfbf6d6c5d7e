// "What changes for residents": one sentence on the place page, counted from the listed elements' own
// statuses and target years (src/lib/plan/timeline.ts expectedBy) — nothing is estimated or invented.
// Pure; no DOM.
import { expectedBy } from '../plan/timeline.ts';

/** What a resident recognises: stations, railway lines, roads, planned areas, everything else. */
export const CHANGE_GROUPS = ['station', 'rail', 'road', 'area', 'other'] as const;
export type ChangeGroup = (typeof CHANGE_GROUPS)[number];

export interface ChangeCandidate {
  kind: string;
  mode?: string;
  status: string;
  opened?: number;
  started?: number;
  target?: number;
}

export interface ResidentChanges {
  year: number;
  /** expected by `year` (planned or being built, target year reached), by group, only groups with some */
  expected: { group: ChangeGroup; n: number }[];
  expectedTotal: number;
  /** planned or being built without a target year: the sources give no "when" */
  undated: number;
}

const RAIL_MODES = new Set(['highSpeedRail', 'rail', 'suburbanRail', 'metro']);
const ROAD_MODES = new Set(['expressway', 'arterial']);
const AREA_KINDS = new Set(['urbanCluster', 'industrialBelt', 'pilotZone', 'park']);

export function changeGroup(c: Pick<ChangeCandidate, 'kind' | 'mode'>): ChangeGroup {
  if (c.kind === 'hub') return 'station';
  if (c.kind === 'corridor' && c.mode && RAIL_MODES.has(c.mode)) return 'rail';
  if (c.kind === 'corridor' && c.mode && ROAD_MODES.has(c.mode)) return 'road';
  if (AREA_KINDS.has(c.kind)) return 'area';
  return 'other';
}

/** Counts for the sentence: the elements near a place that the plans expect by `year`, and the undated ones. */
export function residentChanges(near: readonly ChangeCandidate[], year: number): ResidentChanges {
  const counts = new Map<ChangeGroup, number>();
  let undated = 0;
  for (const c of near) {
    if (expectedBy(c, year)) counts.set(changeGroup(c), (counts.get(changeGroup(c)) ?? 0) + 1);
    else if ((c.status === 'planned' || c.status === 'underConstruction') && c.target === undefined) undated++;
  }
  const expected = CHANGE_GROUPS.filter((g) => counts.has(g)).map((group) => ({ group, n: counts.get(group)! }));
  return { year, expected, expectedTotal: expected.reduce((s, e) => s + e.n, 0), undated };
}
