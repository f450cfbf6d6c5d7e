// Geodesic measurement on the WGS84 ellipsoid (GeographicLib, Karney 2013) and unit formatting.
// Every figure carries the method that produced it, so the UI can show it beside the number.
import * as geographiclib from 'geographiclib-geodesic';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { both } from '../i18n/catalog.ts';

// The package is CommonJS: Node's ESM loader exposes it as `default`, bundlers as named exports.
type GeographicLib = typeof geographiclib;
const lib: GeographicLib = (geographiclib as unknown as { default?: GeographicLib }).default ?? geographiclib;
export const Geodesic = lib.Geodesic;
const geod = Geodesic.WGS84;

export type Locale = 'zh' | 'en';

export const GEODESIC_METHOD = both('method.geodesic');

/** Geodesic distance in metres between two [lon, lat] positions. */
export function geodesicDistance(a: Position, b: Position): number {
  return geod.Inverse(a[1], a[0], b[1], b[0], Geodesic.DISTANCE).s12 ?? NaN;
}

/** Geodesic length in metres of a path of [lon, lat] positions. */
export function pathLength(coords: readonly Position[]): number {
  let s = 0;
  for (let i = 1; i < coords.length; i++) s += geodesicDistance(coords[i - 1], coords[i]);
  return s;
}

/** Length in metres of a LineString/MultiLineString; for polygons, the perimeter of all rings. */
export function geodesicLength(g: Geometry): number {
  switch (g.type) {
    case 'LineString':
      return pathLength(g.coordinates);
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.reduce((s, l) => s + pathLength(l), 0);
    case 'MultiPolygon':
      return g.coordinates.reduce((s, p) => s + p.reduce((t, l) => t + pathLength(l), 0), 0);
    case 'GeometryCollection':
      return g.geometries.reduce((s, x) => s + geodesicLength(x), 0);
    default:
      return 0;
  }
}

/** Unsigned geodesic area in m² enclosed by one ring, whatever its winding. */
export function ringArea(ring: readonly Position[]): number {
  const p = geod.Polygon(false);
  const n = ring.length > 1 && samePos(ring[0], ring[ring.length - 1]) ? ring.length - 1 : ring.length;
  if (n < 3) return 0;
  for (let i = 0; i < n; i++) p.AddPoint(ring[i][1], ring[i][0]);
  // sign=true keeps small clockwise rings small (sign=false would return the ellipsoid's complement).
  return Math.abs(p.Compute(false, true).area ?? 0);
}

function samePos(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function polygonArea(rings: readonly Position[][]): number {
  if (rings.length === 0) return 0;
  let a = ringArea(rings[0]);
  for (let i = 1; i < rings.length; i++) a -= ringArea(rings[i]);
  return Math.max(0, a);
}

/** Geodesic area in m² of a Polygon/MultiPolygon (holes subtracted); 0 for other geometry types. */
export function geodesicArea(g: Geometry): number {
  switch (g.type) {
    case 'Polygon':
      return polygonArea(g.coordinates);
    case 'MultiPolygon':
      return g.coordinates.reduce((s, p) => s + polygonArea(p), 0);
    case 'GeometryCollection':
      return g.geometries.reduce((s, x) => s + geodesicArea(x), 0);
    default:
      return 0;
  }
}

export type Areal = Polygon | MultiPolygon;

// ---- units -----------------------------------------------------------------------------------

export type LengthUnit = 'm' | 'km';
export type AreaUnit = 'm2' | 'ha' | 'mu' | 'km2';

/** 1 亩 = 1/15 公顷 = 666.67 m² (市制). */
export const M2_PER_MU = 10000 / 15;
const M2_PER: Record<AreaUnit, number> = { m2: 1, ha: 10000, mu: M2_PER_MU, km2: 1e6 };

const UNIT_LABEL = Object.fromEntries(
  (['m', 'km', 'm2', 'ha', 'mu', 'km2'] as const).map((u) => [u, both(`method.unit.${u}`)]),
) as Record<LengthUnit | AreaUnit, Record<Locale, string>>;

export interface Formatted<U extends string> {
  /** the number in `unit`, rounded as shown */
  value: number;
  unit: U;
  /** unit as written in the locale */
  unitLabel: string;
  /** e.g. "38.1 km" / "38.1 公里" */
  text: string;
  method: string;
}

function digitsFor(v: number): number {
  const a = Math.abs(v);
  if (a === 0) return 0;
  if (a < 10) return 2;
  if (a < 100) return 1;
  return 0;
}

function fmt(value: number, digits: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function build<U extends LengthUnit | AreaUnit>(
  v: number,
  unit: U,
  locale: Locale,
  method: string,
): Formatted<U> {
  if (!Number.isFinite(v)) throw new RangeError(`Cannot format a non-finite measurement (${v})`);
  const d = digitsFor(v);
  const label = UNIT_LABEL[unit][locale];
  return { value: round(v, d), unit, unitLabel: label, text: `${fmt(v, d, locale)} ${label}`, method };
}

/** Length in metres → m below 1 km, else km; 3 significant figures at least. */
export function formatLength(
  metres: number,
  locale: Locale = 'en',
  opts: { unit?: LengthUnit; method?: string } = {},
): Formatted<LengthUnit> {
  const unit: LengthUnit = opts.unit ?? (Math.abs(metres) < 1000 ? 'm' : 'km');
  const method = opts.method ?? GEODESIC_METHOD[locale];
  return build(unit === 'km' ? metres / 1000 : metres, unit, locale, method);
}

/**
 * Area in m² → m² below 1 ha, 公顷/ha below 1 km², else km². Pass unit 'mu' for 亩 (zh planners'
 * unit for land parcels) or any fixed unit.
 */
export function formatArea(
  m2: number,
  locale: Locale = 'en',
  opts: { unit?: AreaUnit; method?: string } = {},
): Formatted<AreaUnit> {
  const a = Math.abs(m2);
  const unit: AreaUnit = opts.unit ?? (a < 1e4 ? 'm2' : a < 1e6 ? 'ha' : 'km2');
  const method = opts.method ?? GEODESIC_METHOD[locale];
  return build(m2 / M2_PER[unit], unit, locale, method);
}
