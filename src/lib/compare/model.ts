// Comparing two states of the map: what each side shows, how the comparison is written in the URL
// (`#compare=year:2020,2035&cmode=swipe&cpos=0.5`), and what changed between the sides.
// Pure: the compare view (src/ui/compare, src/map/compare*) and the list view read the same summary.
import type { Feature, Geometry } from 'geojson';
import area from '@turf/area';
import { phaseAt, TIMELINE, type Phase, type TimedProps } from '../plan/timeline.ts';

/** What the two sides differ by. Years use the time slider's rules (src/lib/plan/timeline.ts). */
export type CompareSpec =
  | { by: 'year'; a: number; b: number }
  | { by: 'basemap'; a: string; b: string }
  | { by: 'layer'; a: 'plan'; b: string };

export type CompareMode = 'swipe' | 'sideBySide';
export const COMPARE_MODES: readonly CompareMode[] = ['swipe', 'sideBySide'];

const ID = /^[\w.-]{1,80}$/;

/** "year:2020,2035" → spec; anything else (bad year, unknown kind) → undefined, never a throw. */
export function parseCompare(value: string | undefined): CompareSpec | undefined {
  if (!value) return undefined;
  const m = /^(year|basemap|layer):([^,]+),([^,]+)$/.exec(value);
  if (!m) return undefined;
  const [, by, a, b] = m;
  if (by === 'year') {
    const ya = Number(a);
    const yb = Number(b);
    const ok = (y: number) => Number.isInteger(y) && y >= TIMELINE.min && y <= TIMELINE.max;
    return ok(ya) && ok(yb) && ya !== yb ? { by, a: ya, b: yb } : undefined;
  }
  if (!ID.test(a) || !ID.test(b) || a === b) return undefined;
  if (by === 'basemap') return { by, a, b };
  return a === 'plan' ? { by: 'layer', a: 'plan', b } : undefined;
}

export function formatCompare(spec: CompareSpec): string {
  return `${spec.by}:${spec.a},${spec.b}`;
}

/** Divider position 0–1 (share of the width shown by side A). */
export function clampPosition(p: number): number {
  return Number.isFinite(p) ? Math.min(0.98, Math.max(0.02, p)) : 0.5;
}

/** Keyboard steps of the divider: arrows 2 %, PageUp/Down 10 %, Home/End to the edges. */
export function stepPosition(p: number, key: string): number | undefined {
  const steps: Record<string, number> = { ArrowLeft: -0.02, ArrowRight: 0.02, ArrowDown: -0.02, ArrowUp: 0.02, PageDown: -0.1, PageUp: 0.1 };
  if (key === 'Home') return clampPosition(0);
  if (key === 'End') return clampPosition(1);
  return key in steps ? clampPosition(p + steps[key]) : undefined;
}

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
  from: Phase;
  to: Phase;
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
  counts: { a: Record<Exclude<Phase, 'hidden'>, number>; b: Record<Exclude<Phase, 'hidden'>, number> };
  /** km² of polygons added, and the part of it that is schematic */
  addedKm2: number;
  addedSchematicKm2: number;
}

function km2(g: Geometry | null): number {
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return 0;
  return area({ type: 'Feature', geometry: g, properties: {} } as Feature) / 1e6;
}

/** What differs between year A and year B on the plan. Rows sorted by kind, then name. */
export function diffYears(elements: readonly CompareElement[], a: number, b: number): YearDiff {
  const out: YearDiff = {
    a,
    b,
    added: [],
    removed: [],
    changed: [],
    counts: { a: { existing: 0, underConstruction: 0, planned: 0 }, b: { existing: 0, underConstruction: 0, planned: 0 } },
    addedKm2: 0,
    addedSchematicKm2: 0,
  };
  for (const e of elements) {
    const from = phaseAt(e.props, a);
    const to = phaseAt(e.props, b);
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
