// "What changes for residents": counted from statuses and target years only (src/lib/place/changes.ts).
import { describe, expect, it } from 'vitest';
import { changeGroup, residentChanges, type ChangeCandidate } from '../../../src/lib/place/changes.ts';

const near: ChangeCandidate[] = [
  { kind: 'hub', status: 'planned', target: 2027 },
  { kind: 'hub', status: 'underConstruction', started: 2023, target: 2030 },
  { kind: 'corridor', mode: 'highSpeedRail', status: 'underConstruction', started: 2021, target: 2027 },
  { kind: 'corridor', mode: 'expressway', status: 'planned', target: 2035 },
  { kind: 'pilotZone', status: 'planned' }, // no target year: undated
  { kind: 'park', status: 'existing', opened: 2018 }, // exists: never "expected"
  { kind: 'corridor', mode: 'axis', status: 'proposed', target: 2030 }, // a proposal is never expected
];

describe('what changes for residents', () => {
  it('groups what a resident recognises: stations, rail, roads, areas, the rest', () => {
    expect(changeGroup({ kind: 'hub' })).toBe('station');
    expect(changeGroup({ kind: 'corridor', mode: 'metro' })).toBe('rail');
    expect(changeGroup({ kind: 'corridor', mode: 'arterial' })).toBe('road');
    expect(changeGroup({ kind: 'corridor', mode: 'axis' })).toBe('other');
    expect(changeGroup({ kind: 'industrialBelt' })).toBe('area');
    expect(changeGroup({ kind: 'eco' })).toBe('other');
  });

  it('by 2030: two stations and one rail line; the 2035 road is not yet; undated and proposals apart', () => {
    const c = residentChanges(near, 2030);
    expect(c.expected).toEqual([
      { group: 'station', n: 2 },
      { group: 'rail', n: 1 },
    ]);
    expect(c.expectedTotal).toBe(3);
    expect(c.undated).toBe(1);
  });

  it('by 2026 nothing has reached its target; by 2035 the road has', () => {
    expect(residentChanges(near, 2026).expectedTotal).toBe(0);
    expect(residentChanges(near, 2035).expected).toContainEqual({ group: 'road', n: 1 });
  });
});
