// What changes between two years of the plan, by the time slider's rules (src/lib/plan/timeline.ts): the
// compare view's summary and the list view's text read it. Pure.
import type { Feature, Geometry } from 'geojson';
import area from '@turf/area';
import { phaseIn, type TimedProps, type VisiblePhase } from '../plan/timeline.ts';

/** A side's phase: what the year shows, or 'expected' in the slider's expected mode (never "existing"). */
export type SidePhase = VisiblePhase | 'expected';

export interface CompareElement {
  id: string;
  name: string;
  kind: string;
  accuracy: string;
  props: TimedProps;
  geometry: Geometry | null;
}

export interface ChangeRow {
  id: string;
  name: string;
  kind: string;
  accuracy: string;
  from: SidePhase | 'hidden';
  to: SidePhase | 'hidden';
  /** polygon area in km² (0 for lines and points); schematic areas are indicative only */
  km2: number;
}

export interface YearDiff {
  a: number;
  b: number;
  /** hidden at A, shown at B */
  added: ChangeRow[];
  /** shown at A, hidden at B (a later year never hides what existed: expected to stay empty) */
  removed: ChangeRow[];
  /** shown on both sides in a different phase (planned → under construction → existing) */
  changed: ChangeRow[];
  counts: { a: Record<SidePhase, number>; b: Record<SidePhase, number> };
  /** km² of polygons added, and the part of it that is schematic */
  addedKm2: number;
  addedSchematicKm2: number;
}

function km2(g: Geometry | null): number {
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return 0;
  return area({ type: 'Feature', geometry: g, properties: {} } as Feature) / 1e6;
}

/**
 * What differs between year A and year B on the plan. Rows sorted by kind, then name. `expected`: the
 * slider's expected mode, where a target year that has come makes an element 'expected' on that side.
 */
export function diffYears(elements: readonly CompareElement[], a: number, b: number, expected = false): YearDiff {
  const out: YearDiff = {
    a,
    b,
    added: [],
    removed: [],
    changed: [],
    counts: { a: { existing: 0, underConstruction: 0, planned: 0, expected: 0 }, b: { existing: 0, underConstruction: 0, planned: 0, expected: 0 } },
    addedKm2: 0,
    addedSchematicKm2: 0,
  };
  for (const e of elements) {
    const from = phaseIn(e.props, a, expected) as SidePhase | 'hidden';
    const to = phaseIn(e.props, b, expected) as SidePhase | 'hidden';
    if (from !== 'hidden') out.counts.a[from]++;
    if (to !== 'hidden') out.counts.b[to]++;
    if (from === to) continue;
    const row: ChangeRow = { id: e.id, name: e.name, kind: e.kind, accuracy: e.accuracy, from, to, km2: km2(e.geometry) };
    if (from === 'hidden') {
      out.added.push(row);
      out.addedKm2 += row.km2;
      if (e.accuracy === 'schematic') out.addedSchematicKm2 += row.km2;
    } else if (to === 'hidden') out.removed.push(row);
    else out.changed.push(row);
  }
  const order = (x: ChangeRow, y: ChangeRow) => x.kind.localeCompare(y.kind) || x.name.localeCompare(y.name, 'zh');
  out.added.sort(order);
  out.removed.sort(order);
  out.changed.sort(order);
  return out;
}

/**
 * The comparison as sentences for the list view ("new by 2035: …"), as catalog messages: what is added by
 * B, what changes phase, what is gone. Names are joined by the caller's separator.
 */
export function diffSentences(d: YearDiff, sep: string): { key: 'compare.listNew' | 'compare.listChanged' | 'compare.listRemoved'; vars: { a: number; b: number; n: number; names: string } }[] {
  const out: ReturnType<typeof diffSentences> = [];
  const names = (rows: ChangeRow[]) => rows.map((r) => r.name).join(sep);
  if (d.added.length) out.push({ key: 'compare.listNew', vars: { a: d.a, b: d.b, n: d.added.length, names: names(d.added) } });
  if (d.changed.length) out.push({ key: 'compare.listChanged', vars: { a: d.a, b: d.b, n: d.changed.length, names: names(d.changed) } });
  if (d.removed.length) out.push({ key: 'compare.listRemoved', vars: { a: d.a, b: d.b, n: d.removed.length, names: names(d.removed) } });
  return out;
}
