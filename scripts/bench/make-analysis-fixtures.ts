// Golden outputs for tests/unit/analysis from the independent reference only: GeographicLib's
// Geodesic.WGS84 Inverse and PolygonArea called directly here (never src/lib code).
// Run: npx tsx scripts/bench/make-analysis-fixtures.ts
import { readFileSync, writeFileSync } from 'node:fs';
import geographiclib from 'geographiclib-geodesic';
import type { FeatureCollection, Position } from 'geojson';

const geod = geographiclib.Geodesic.WGS84;
const fc = JSON.parse(readFileSync('tests/fixtures/analysis/in/shapes.geojson', 'utf8')) as FeatureCollection;
const dist = (a: Position, b: Position) => geod.Inverse(a[1], a[0], b[1], b[0]).s12 as number;
const ring = (r: Position[]) => {
  const p = geod.Polygon(false);
  for (const q of r.slice(0, -1)) p.AddPoint(q[1], q[0]);
  return Math.abs(p.Compute(false, true).area as number);
};
const path = (l: Position[]) => l.slice(1).reduce((s, q, i) => s + dist(l[i], q), 0);
const out: Record<string, { lengthM?: number; areaM2?: number; perimeterM?: number }> = {};
for (const f of fc.features) {
  const g = f.geometry;
  const id = String(f.id);
  if (g.type === 'LineString') out[id] = { lengthM: path(g.coordinates) };
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    out[id] = {
      areaM2: polys.reduce((s, p) => s + ring(p[0]) - p.slice(1).reduce((t, h) => t + ring(h), 0), 0),
      perimeterM: polys.flat().reduce((s, r) => s + path(r), 0),
    };
  }
}
const pts = Object.fromEntries(fc.features.filter((f) => f.geometry.type === 'Point').map((f) => [String(f.id), (f.geometry as { coordinates: Position }).coordinates]));
const result = {
  how: 'npx tsx scripts/bench/make-analysis-fixtures.ts (GeographicLib Geodesic.WGS84 Inverse / PolygonArea, called directly)',
  measures: out,
  distances: { 'neijiang-gov|zigong-gov': dist(pts['neijiang-gov'], pts['zigong-gov']) },
};
writeFileSync('tests/fixtures/analysis/out/measures.json', JSON.stringify(result, null, 2) + '\n');
