// What changes between two years of the plan, by the time slider's rules (src/lib/plan/timeline.ts): the
// compare view's summary and the list view's text read it. Pure.
import type { Feature, Geometry } from 'geojson';
import area from '@turf/area';
import { phaseIn, type TimedProps, type VisiblePhase } from '../plan/timeline.ts';
import type { UserLayer } from '../workspace/model.ts';
import { localName } from '../i18n/catalog.ts';

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

// ---------------------------------------------------------------------------------------------------
// Sides that are sets of features, not years: the plan against a user's layer, two layers, two regions.

/** One thing drawn on a side: a plan element or a workspace feature. */
export interface SideItem {
  id: string;
  name: string;
  accuracy: string;
  geometry: Geometry | null;
}

export type GeometryFamily = 'point' | 'line' | 'area';

export interface SideCounts {
  total: number;
  point: number;
  line: number;
  area: number;
  /** km² of the side's polygons (summed one by one), and the part of it that is schematic */
  km2: number;
  schematicKm2: number;
}

export interface SetDiff {
  /** on the left only / on the right only, matched by name (sorted by name) */
  onlyA: SideItem[];
  onlyB: SideItem[];
  /** names drawn on both sides */
  both: string[];
  counts: { a: SideCounts; b: SideCounts };
}

export function geometryFamily(g: Geometry | null): GeometryFamily | null {
  if (!g) return null;
  if (g.type === 'Point' || g.type === 'MultiPoint') return 'point';
  if (g.type === 'LineString' || g.type === 'MultiLineString') return 'line';
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return 'area';
  return g.type === 'GeometryCollection' ? geometryFamily(g.geometries[0] ?? null) : null;
}

/** Names match across sides whatever their spacing, case or full-width punctuation (成都东站 = 成都东站 ). */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/[\s·•・()（）]/g, '').toLowerCase();
}

function countSide(items: readonly SideItem[]): SideCounts {
  const c: SideCounts = { total: items.length, point: 0, line: 0, area: 0, km2: 0, schematicKm2: 0 };
  for (const it of items) {
    const fam = geometryFamily(it.geometry);
    if (fam) c[fam]++;
    const k = km2(it.geometry);
    c.km2 += k;
    if (it.accuracy === 'schematic') c.schematicKm2 += k;
  }
  return c;
}

/**
 * What one side draws that the other does not, matched by name (a drawn alternative rarely shares ids
 * with the plan; its features carry the names a planner gave them). Unnamed items never match.
 */
export function diffSides(a: readonly SideItem[], b: readonly SideItem[]): SetDiff {
  const keysA = new Set(a.map((i) => nameKey(i.name)).filter(Boolean));
  const keysB = new Set(b.map((i) => nameKey(i.name)).filter(Boolean));
  // by name, unnamed last
  const order = (x: SideItem, y: SideItem) => Number(!x.name) - Number(!y.name) || x.name.localeCompare(y.name, 'zh') || x.id.localeCompare(y.id);
  const onlyA = a.filter((i) => !keysB.has(nameKey(i.name)) || !nameKey(i.name)).sort(order);
  const onlyB = b.filter((i) => !keysA.has(nameKey(i.name)) || !nameKey(i.name)).sort(order);
  const both = [...new Set(a.filter((i) => nameKey(i.name) && keysB.has(nameKey(i.name))).map((i) => i.name))].sort((x, y) => x.localeCompare(y, 'zh'));
  return { onlyA, onlyB, both, counts: { a: countSide(a), b: countSide(b) } };
}

/** How many names a sentence lists before "and n more". */
export const LIST_NAMES = 30;

/**
 * A set comparison in words for the list view: "only on the left (规划): n — names"; "only on the right…";
 * "on both sides: n". Names beyond `max` are counted by `more(n)` ("and 12 more"), not listed; an unnamed
 * item is `unnamed`.
 */
export function sideSentences(
  d: SetDiff,
  labels: { a: string; b: string },
  text: { sep: string; unnamed: string; more: (n: number) => string },
  max = LIST_NAMES,
): { key: 'compare.listOnlyA' | 'compare.listOnlyB' | 'compare.listBoth' | 'compare.listSameSides'; vars: Record<string, string | number> }[] {
  const list = (names: string[]) => names.slice(0, max).join(text.sep) + (names.length > max ? text.more(names.length - max) : '');
  const names = (rows: SideItem[]) => list(rows.map((r) => r.name || text.unnamed));
  const out: ReturnType<typeof sideSentences> = [];
  if (d.onlyA.length) out.push({ key: 'compare.listOnlyA', vars: { label: labels.a, n: d.onlyA.length, names: names(d.onlyA) } });
  if (d.onlyB.length) out.push({ key: 'compare.listOnlyB', vars: { label: labels.b, n: d.onlyB.length, names: names(d.onlyB) } });
  if (d.both.length) out.push({ key: 'compare.listBoth', vars: { n: d.both.length, names: list(d.both) } });
  if (!out.length) out.push({ key: 'compare.listSameSides', vars: { a: labels.a, b: labels.b } });
  return out;
}

const NAME_FIELDS = ['name', 'Name', 'NAME', '名称', 'zh', 'title', 'label'];

/**
 * A workspace layer's features as side items: a drawn feature's name in the UI's language, an imported one's
 * first name-like attribute (name, NAME, 名称 …); accuracy as the drawing or the analysis states it, else ''.
 */
export function layerItems(layer: UserLayer, lang: 'zh' | 'en'): SideItem[] {
  const layerAccuracy = layer.source.kind === 'analysis' ? layer.source.accuracy : '';
  return layer.features.map((f) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    let name: string;
    const n = p.name;
    if (n && typeof n === 'object' && 'zh' in n) {
      const loc = n as { zh: string; en?: string };
      name = localName(loc, lang);
    } else {
      const field = NAME_FIELDS.find((k) => typeof p[k] === 'string' && (p[k] as string).trim());
      name = field ? (p[field] as string).trim() : '';
    }
    const accuracy = typeof p.accuracy === 'string' ? p.accuracy : layerAccuracy;
    return { id: f.id, name, accuracy, geometry: f.geometry };
  });
}
