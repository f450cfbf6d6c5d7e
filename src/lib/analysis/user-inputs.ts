// The user's own features (imported layers, drawings) as analysis inputs beside plan elements:
// ids that cannot clash with plan ids or adcodes, honest accuracy labels, overlap groups per layer,
// and picking one on the map. Pure: the UI passes in what it has.
import type { Geometry, Position } from 'geojson';
import { pointInRings } from '../geo/kernel.ts';
import { tOr, type Lang } from '../i18n/catalog.ts';

/** What the workspace offers (src/state/workspace.svelte.ts analysisCandidates()). */
export interface UserCandidate {
  id: string;
  layerId: string;
  /** "layer › feature" */
  name: string;
  geometry: Geometry;
  /** 'imported', or a drawing's own accuracy ('schematic' | 'located') */
  accuracy: string;
}

/** User features are addressed as `ws:<feature id>` in pickers, results and exports. */
export const USER_PREFIX = 'ws:';
export const userKey = (featureId: string): string => USER_PREFIX + featureId;
export const isUserKey = (key: string | null | undefined): key is string => !!key && key.startsWith(USER_PREFIX);
/** Overlap groups of user layers are `user:<layer id>`. */
export const USER_GROUP = 'user:';
export const userGroupKey = (layerId: string): string => USER_GROUP + layerId;

export type UserAccuracy = 'imported' | 'drawn-schematic' | 'drawn-located' | 'derived-boundary' | 'derived-located' | 'derived-schematic';

/** A user feature's accuracy as exported: imported data, drawn (schematic unless sourced), or made by an analysis. */
export function userAccuracy(accuracy: string): UserAccuracy {
  if (accuracy === 'imported') return 'imported';
  if (accuracy.startsWith('analysis:')) {
    const a = accuracy.slice('analysis:'.length);
    return a === 'boundary' ? 'derived-boundary' : a === 'located' ? 'derived-located' : 'derived-schematic';
  }
  return accuracy === 'located' ? 'drawn-located' : 'drawn-schematic';
}

const ACCURACY_CODES = new Set(['imported', 'drawn-schematic', 'drawn-located', 'boundary', 'located', 'schematic']);

export function accuracyText(code: string, lang: Lang): string {
  if (code.startsWith('derived-')) return tOr(`table.${code}`, lang, code);
  return ACCURACY_CODES.has(code) ? tOr(`method.accuracy.${code}`, lang, code) : code;
}

export const isArealGeometry = (g: Geometry | null | undefined): boolean => !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');

export interface UserLayerGroup {
  layerId: string;
  name: string;
  /** the layer's polygon features (others take no part in overlaps) */
  features: UserCandidate[];
  /** features of the layer that are not polygons */
  other: number;
}

/** One overlap group per user layer that has polygons, in the layers' order. */
export function userLayerGroups(candidates: readonly UserCandidate[], layers: ReadonlyArray<{ id: string; name: string }>): UserLayerGroup[] {
  return layers
    .map((l) => {
      const mine = candidates.filter((c) => c.layerId === l.id);
      const features = mine.filter((c) => isArealGeometry(c.geometry));
      return { layerId: l.id, name: l.name, features, other: mine.length - features.length };
    })
    .filter((g) => g.features.length > 0);
}

/** A short stable fingerprint of shipped data (FNV-1a over the text, with its length). */
export function dataVersion(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length.toString(36)}-${(h >>> 0).toString(36)}`;
}

type Project = (p: Position) => [number, number];

function segDist(px: number, py: number, a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / len2)) : 0;
  return Math.hypot(px - (a[0] + t * dx), py - (a[1] + t * dy));
}

/**
 * The user feature under a click: a point or line within `tolPx` screen pixels (nearest wins),
 * else the last-listed polygon holding the click (lon/lat `at`). `project` maps lon/lat to pixels.
 */
export function pickUserFeature(
  candidates: readonly UserCandidate[], click: [number, number], at: Position, project: Project, tolPx = 6,
): { feature: UserCandidate; how: 'near' | 'inside' } | null {
  let best: UserCandidate | null = null, bestD = tolPx;
  const near = (c: UserCandidate, d: number) => {
    if (d <= bestD) {
      best = c;
      bestD = d;
    }
  };
  const visit = (c: UserCandidate, g: Geometry): void => {
    switch (g.type) {
      case 'Point':
        return near(c, Math.hypot(...sub(project(g.coordinates), click)));
      case 'MultiPoint':
        return g.coordinates.forEach((p) => near(c, Math.hypot(...sub(project(p), click))));
      case 'LineString':
      case 'MultiLineString':
        for (const line of g.type === 'LineString' ? [g.coordinates] : g.coordinates) {
          const px = line.map(project);
          for (let i = 0; i + 1 < px.length; i++) near(c, segDist(click[0], click[1], px[i], px[i + 1]));
        }
        return;
      case 'GeometryCollection':
        return g.geometries.forEach((x) => visit(c, x));
      default:
        return;
    }
  };
  for (const c of candidates) visit(c, c.geometry);
  if (best) return { feature: best, how: 'near' };
  for (let k = candidates.length - 1; k >= 0; k--) {
    const g = candidates[k].geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    if (polys.some((p) => pointInRings(p, at))) return { feature: candidates[k], how: 'inside' };
  }
  return null;
}

const sub = (a: [number, number], b: [number, number]): [number, number] => [a[0] - b[0], a[1] - b[1]];
