// Equal-area projection for overlap areas: Albers conic for China on WGS84. Equal-area on the
// ellipsoid itself, so planar areas in it are true areas up to how edges are drawn (straight in
// the projection vs geodesic); tests measure that difference against GeographicLib.
import proj4 from 'proj4';
import { both } from '../i18n/catalog.ts';
import type { Position } from 'geojson';

// proj4 2.22 returns NaN for aea unless +x_0/+y_0 are given explicitly.
export const ALBERS_CHINA =
  '+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs';

export const OVERLAP_METHOD = both('method.overlap');

const albers = proj4('EPSG:4326', ALBERS_CHINA);

export function toAlbers(p: Position): [number, number] {
  const r = albers.forward([p[0], p[1]]);
  return [r[0], r[1]];
}

export function fromAlbers(p: Position): [number, number] {
  const r = albers.inverse([p[0], p[1]]);
  return [r[0], r[1]];
}
