// Coordinates a planner types (WGS84 or GCJ-02 lon/lat, CGCS2000 Gauss–Krüger easting/northing)
// turned into WGS84, and the cursor's position shown back in GK. Pure: the form and the status line
// call these. GK zones are recognised from the numbers (a zone prefix on the easting: 13–23 are 6°
// zones, 25–45 are 3° zones); an easting without prefix takes the 3° zone nearest the map's centre
// unless one is chosen. The two GK numbers may come in either order: Chinese surveying writes X for
// the northing, GIS writes x for the easting, and the magnitudes tell them apart here.
import type { Msg } from '../i18n/catalog.ts';
import { fromWgs84, gaussKruger3, gaussKruger6, gcj02ToWgs84, toWgs84 } from './crs.ts';

export type TypedSystem = 'wgs84' | 'gcj02' | 'gk';
export const TYPED_SYSTEMS: readonly TypedSystem[] = ['wgs84', 'gcj02', 'gk'];

export type TypedResult = { ok: true; wgs84: [number, number]; crsId: string; swapped: boolean } | { ok: false; msg: Msg };

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s.trim().replace(/[,，\s]/g, '')));

/** The 3° central meridian nearest a longitude (…102, 105, 108…). */
export const nearestCm3 = (lon: number): number => Math.min(135, Math.max(75, Math.round(lon / 3) * 3));

/** A GK easting (with or without zone prefix) and northing, in either order. */
function gkParts(a: number, b: number): { e: number; n: number; swapped: boolean } | null {
  const isNorthing = (v: number) => v >= 1e6 && v < 1e7; // 0…10,000 km north of the equator (China: 2–6 M)
  const isEasting = (v: number) => (v > 0 && v < 1e6) || (v >= 13e6 && v < 46e6);
  if (isEasting(a) && isNorthing(b)) return { e: a, n: b, swapped: false };
  if (isNorthing(a) && isEasting(b)) return { e: b, n: a, swapped: true };
  return null;
}

/**
 * The two numbers of a typed coordinate: both boxes, or both in the first box separated by a comma,
 * semicolon or spaces ("104.0657, 30.6574", "3395123.4 35403456.7") with the second box empty.
 */
export function typedPair(first: string, second: string): [string, string] {
  if (second.trim() !== '') return [first, second];
  const parts = first.trim().split(/\s*[,，;；]\s*|\s+/).filter((x) => x !== '');
  return parts.length === 2 ? [parts[0], parts[1]] : [first, second];
}

/**
 * WGS84 of a typed coordinate. `first`/`second`: lon/lat for wgs84 and gcj02, easting/northing (either
 * order) for gk; both may be typed in `first` (see typedPair). `cm`: central meridian for an easting
 * without zone prefix (else nearest to `centreLon`). A refusal names the value and the problem.
 */
export function typedToWgs84(system: TypedSystem, first0: string, second0: string, opts: { cm?: number; centreLon?: number } = {}): TypedResult {
  const [first, second] = typedPair(first0, second0);
  if (first.trim() === '' || second.trim() === '') return { ok: false, msg: { key: first.trim() === '' && second.trim() === '' ? 'ops.typed.empty' : 'ops.typed.missing' } };
  const a = num(first), b = num(second);
  for (const [v, text] of [[a, first], [b, second]] as const) {
    if (!Number.isFinite(v)) return { ok: false, msg: { key: 'ops.typed.notNumber', vars: { value: text.trim() } } };
  }
  if (system !== 'gk') {
    if (a < -180 || a > 180) return { ok: false, msg: { key: 'ops.typed.lonRange', vars: { value: first.trim() } } };
    if (b < -90 || b > 90) return { ok: false, msg: { key: Math.abs(a) <= 90 && Math.abs(b) <= 180 ? 'ops.typed.latRangeSwapped' : 'ops.typed.latRange', vars: { value: second.trim() } } };
    if (system === 'wgs84') return { ok: true, wgs84: [a, b], crsId: 'EPSG:4326', swapped: false };
    return { ok: true, wgs84: gcj02ToWgs84([a, b]), crsId: 'GCJ-02', swapped: false };
  }
  const p = gkParts(a, b);
  if (!p) {
    // degrees typed with GK chosen: say so rather than only "not GK"
    if (Math.abs(a) <= 180 && Math.abs(b) <= 180) return { ok: false, msg: { key: 'ops.typed.gkDegrees' } };
    return { ok: false, msg: { key: 'ops.typed.gkRange' } };
  }
  const zone = Math.floor(p.e / 1e6);
  let crs;
  if (zone === 0) crs = gaussKruger3(opts.cm ?? nearestCm3(opts.centreLon ?? 104), false);
  else if (zone >= 13 && zone <= 23) crs = gaussKruger6(zone);
  else if (zone >= 25 && zone <= 45) crs = gaussKruger3(zone * 3, true);
  else return { ok: false, msg: { key: 'ops.typed.gkZone', vars: { zone } } };
  const [lon, lat] = toWgs84(crs, [p.e, p.n]);
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return { ok: false, msg: { key: 'ops.typed.gkRange' } };
  return { ok: true, wgs84: [lon, lat], crsId: crs.id, swapped: p.swapped };
}

/** A WGS84 position in the 3° GK zone nearest it, without prefix: { cm, e, n } in metres. */
export function gkOf([lon, lat]: [number, number]): { cm: number; e: number; n: number } {
  const cm = nearestCm3(lon);
  const [e, n] = fromWgs84(gaussKruger3(cm, false), [lon, lat]);
  return { cm, e, n };
}
