// Test helpers: fixture loading and independent reference formulas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIX = join(__dirname, '..', '..', 'fixtures', 'io');
export const fixture = (rel: string) => new Uint8Array(readFileSync(join(FIX, rel)));
export const truth = JSON.parse(readFileSync(join(FIX, 'truth.json'), 'utf8')) as {
  places: { name: string; en: string; lonlat: [number, number] }[];
};

/** Haversine distance in metres (mean Earth radius): an independent check, good to ~0.5% at these scales. */
export function metres(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Transverse Mercator forward by the Krüger n-series (4 terms; sub-millimetre within a 3° zone), written
 * from the textbook formula and independent of proj4. CGCS2000 ellipsoid.
 */
export function krugerForward(lon: number, lat: number, cm: number, falseEasting: number): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const n = f / (2 - f);
  const A = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const alpha = [
    n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16 + (41 * n ** 4) / 180,
    (13 * n ** 2) / 48 - (3 * n ** 3) / 5 + (557 * n ** 4) / 1440,
    (61 * n ** 3) / 240 - (103 * n ** 4) / 140,
    (49561 * n ** 4) / 161280,
  ];
  const rad = Math.PI / 180;
  const phi = lat * rad;
  const lam = (lon - cm) * rad;
  const c = (2 * Math.sqrt(n)) / (1 + n);
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - c * Math.atanh(c * Math.sin(phi)));
  const xi = Math.atan2(t, Math.cos(lam));
  const eta = Math.atanh(Math.sin(lam) / Math.sqrt(1 + t * t));
  let E = eta;
  let N = xi;
  alpha.forEach((al, j) => {
    const k = 2 * (j + 1);
    E += al * Math.cos(k * xi) * Math.sinh(k * eta);
    N += al * Math.sin(k * xi) * Math.cosh(k * eta);
  });
  return [falseEasting + A * E, A * N];
}
