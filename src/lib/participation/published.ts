// Published suggestions (GET /api/suggestions.geojson) for the card, the map layer and the planner layer.
// Element-only suggestions have no geometry of their own: they are counted on their element's anchor point.
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import pointOnFeature from '@turf/point-on-feature';
import { CATEGORIES, type Category } from './schema.ts';

export interface PublishedProps {
  id: number;
  category: Category;
  text: string;
  elementId: string | null;
  exact: boolean;
  lang: string;
  reply: string | null;
  repliedAt: string | null;
  createdAt: string | null;
}
export type PublishedFeature = Feature<Point | null, PublishedProps>;
export interface PublishedCollection {
  type: 'FeatureCollection';
  features: PublishedFeature[];
}

/** Checks the server's answer has the shape the app reads; anything else is rejected whole. */
export function parsePublished(raw: unknown): PublishedCollection | null {
  const fc = raw as PublishedCollection;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) return null;
  const ok = fc.features.every((f) => {
    const p = f?.properties;
    if (!p || typeof p.id !== 'number' || typeof p.text !== 'string' || !(CATEGORIES as readonly string[]).includes(p.category)) return false;
    if (f.geometry === null) return typeof p.elementId === 'string';
    const c = f.geometry?.coordinates;
    return f.geometry?.type === 'Point' && Array.isArray(c) && Number.isFinite(c[0]) && Number.isFinite(c[1]);
  });
  return ok ? fc : null;
}

/** A point to draw an element's suggestions at: a point on the element (inside an area, on a line). */
export function elementAnchor(geometry: Geometry | null | undefined): [number, number] | null {
  if (!geometry) return null;
  if (geometry.type === 'Point') return geometry.coordinates.slice(0, 2) as [number, number];
  try {
    return pointOnFeature({ type: 'Feature', geometry, properties: {} }).geometry.coordinates.slice(0, 2) as [number, number];
  } catch {
    return null;
  }
}

/** The published suggestions about one element, newest first. */
export function forElement(fc: PublishedCollection | null, elementId: string): PublishedProps[] {
  if (!fc) return [];
  return fc.features
    .map((f) => f.properties)
    .filter((p) => p.elementId === elementId)
    .sort((a, b) => b.id - a.id);
}

export type CategoryCounts = Record<Category, number>;
export function countByCategory(list: readonly PublishedProps[]): CategoryCounts {
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as CategoryCounts;
  for (const p of list) out[p.category]++;
  return out;
}

export interface LayerProps {
  id: number;
  category: Category;
  elementId: string | null;
  /** placed on its element's anchor (it has no pin of its own) */
  onElement: boolean;
}

/**
 * One point per published suggestion: its own pin, or its element's anchor. A suggestion with neither (its
 * element unknown to this app) is left out and counted in `unplaced`.
 */
export function layerPoints(
  fc: PublishedCollection | null,
  anchorOf: (elementId: string) => [number, number] | null,
): { points: FeatureCollection<Point, LayerProps>; unplaced: number } {
  const features: Feature<Point, LayerProps>[] = [];
  let unplaced = 0;
  for (const f of fc?.features ?? []) {
    const p = f.properties;
    const at = f.geometry ? (f.geometry.coordinates.slice(0, 2) as [number, number]) : p.elementId ? anchorOf(p.elementId) : null;
    if (!at) {
      unplaced++;
      continue;
    }
    features.push({
      type: 'Feature',
      id: p.id,
      geometry: { type: 'Point', coordinates: at },
      properties: { id: p.id, category: p.category, elementId: p.elementId, onElement: !f.geometry },
    });
  }
  return { points: { type: 'FeatureCollection', features }, unplaced };
}

export interface PlannerFilter {
  /** empty = all */
  categories: readonly Category[];
  /** '' = all */
  elementId: string;
  /** YYYY-MM-DD, inclusive; '' = open */
  from: string;
  to: string;
}
export const NO_FILTER: PlannerFilter = { categories: [], elementId: '', from: '', to: '' };

export function matchesFilter(p: PublishedProps, f: PlannerFilter): boolean {
  if (f.categories.length && !f.categories.includes(p.category)) return false;
  if (f.elementId && p.elementId !== f.elementId) return false;
  const day = (p.createdAt ?? '').slice(0, 10);
  if (f.from && (!day || day < f.from)) return false;
  if (f.to && (!day || day > f.to)) return false;
  return true;
}

/** The published collection narrowed to what the filter keeps (the map layer draws this). */
export function filterCollection(fc: PublishedCollection | null, filter: PlannerFilter): PublishedCollection | null {
  if (!fc) return null;
  const all = !filter.categories.length && !filter.elementId && !filter.from && !filter.to;
  return all ? fc : { type: 'FeatureCollection', features: fc.features.filter((f) => matchesFilter(f.properties, filter)) };
}

/** Suggestions the filter keeps, as points with every public field (for a workspace layer and its export). */
export function plannerFeatures(
  fc: PublishedCollection | null,
  filter: PlannerFilter,
  anchorOf: (elementId: string) => [number, number] | null,
): { features: Feature<Point, Record<string, string | number | boolean | null>>[]; unplaced: number } {
  const kept: PublishedCollection = { type: 'FeatureCollection', features: (fc?.features ?? []).filter((f) => matchesFilter(f.properties, filter)) };
  const byId = new Map(kept.features.map((f) => [f.properties.id, f.properties]));
  const { points, unplaced } = layerPoints(kept, anchorOf);
  return {
    unplaced,
    features: points.features.map((pt) => {
      const p = byId.get(pt.properties.id)!;
      return {
        type: 'Feature',
        geometry: pt.geometry,
        properties: {
          suggestion_id: p.id,
          category: p.category,
          text: p.text,
          element_id: p.elementId,
          position: pt.properties.onElement ? 'element' : p.exact ? 'exact' : 'rounded',
          reply: p.reply,
          created_at: p.createdAt,
        },
      };
    }),
  };
}

/** Counts per element id (element-only and pinned suggestions that name an element), largest first. */
export function countsPerElement(list: readonly { elementId: string | null }[]): [string, number][] {
  const m = new Map<string, number>();
  for (const p of list) if (p.elementId) m.set(p.elementId, (m.get(p.elementId) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export interface Unit {
  id: string;
  name: { zh: string; en: string };
  geometry: Polygon | MultiPolygon;
}

/** Counts per county (or any set of areas) of the points; a point outside every unit counts as `outside`. */
export function countsPerUnit(points: readonly Feature<Point>[], units: readonly Unit[]): { counts: { unit: Unit; n: number }[]; outside: number } {
  const n = new Map<string, number>();
  let outside = 0;
  for (const pt of points) {
    const u = units.find((x) => booleanPointInPolygon(pt.geometry.coordinates, x.geometry));
    if (u) n.set(u.id, (n.get(u.id) ?? 0) + 1);
    else outside++;
  }
  const counts = units.filter((u) => n.has(u.id)).map((unit) => ({ unit, n: n.get(unit.id)! }));
  counts.sort((a, b) => b.n - a.n || a.unit.id.localeCompare(b.unit.id));
  return { counts, outside };
}

/** anchorOf for layerPoints/plannerFeatures from the plan's features (anchors computed once per element). */
export function anchorLookup(features: readonly { geometry: Geometry | null; properties: { id: string } }[]): (id: string) => [number, number] | null {
  const geometry = new Map(features.map((f) => [f.properties.id, f.geometry]));
  const cache = new Map<string, [number, number] | null>();
  return (id) => {
    if (!cache.has(id)) cache.set(id, elementAnchor(geometry.get(id)));
    return cache.get(id)!;
  };
}

/** The workspace layer a planner adds: the filtered suggestions as points, named by what was kept. */
export function suggestionsLayer(a: {
  id: string;
  name: string;
  features: Feature<Point, Record<string, string | number | boolean | null>>[];
  makeId: (prefix: string) => string;
  style: { color: string; width: number; fill: string | null; opacity: number; labelField: string | null };
  /** ISO date of the download (the layer is a copy: it does not follow later moderation) */
  fetchedAt: string;
}) {
  return {
    id: a.id,
    name: a.name,
    source: { kind: 'import' as const, file: `api/suggestions.geojson@${a.fetchedAt.slice(0, 10)}`, format: 'geojson' as const, crs: null, encoding: null },
    features: a.features.map((f) => ({ type: 'Feature' as const, id: a.makeId('feature'), geometry: f.geometry, properties: f.properties })),
    style: { ...a.style, colorBy: { field: 'category', scheme: 'categorical' as const } },
    visible: true,
  };
}
