// Deterministic synthetic plan polygons for the overlap bench and the GEOS reference fixture
// (tests/fixtures/analysis/out/geos-overlap.json): N star-shaped polygons (8–24 vertices, radius 2–12 km) over the Sichuan basin,
// from a fixed linear congruential generator so every run sees the same input.
// Usage: npx tsx scripts/bench/make-polygons.ts N > polygons.geojson
import type { FeatureCollection, Polygon } from 'geojson';
import { pathToFileURL } from 'node:url';

export function makePolygons(n: number, seed = 42): FeatureCollection<Polygon, { id: number }> {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const features: FeatureCollection<Polygon, { id: number }>['features'] = [];
  for (let i = 0; i < n; i++) {
    const cx = 102.8 + rnd() * 5.2, cy = 28.6 + rnd() * 3.6, r = 2 + rnd() * 10, k = 8 + Math.floor(rnd() * 17);
    const ring: [number, number][] = [];
    for (let v = 0; v < k; v++) {
      const a = (2 * Math.PI * v) / k, rr = r * (0.6 + 0.4 * rnd());
      const dx = (rr / (111.32 * Math.cos((cy * Math.PI) / 180))) * Math.cos(a);
      const dy = (rr / 110.57) * Math.sin(a);
      ring.push([+(cx + dx).toFixed(6), +(cy + dy).toFixed(6)]);
    }
    ring.push(ring[0]);
    features.push({ type: 'Feature', properties: { id: i }, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  return { type: 'FeatureCollection', features };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(JSON.stringify(makePolygons(Number(process.argv[2]) || 5000)));
}
