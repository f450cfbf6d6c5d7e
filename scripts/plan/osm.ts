// Look-ups in the OpenStreetMap extracts (data/raw/osm/, ODbL 1.0): station nodes by name, route relations by
// id, runways inside a box. Pure over already-parsed files; loadOsm() is the only IO. Used by the build
// (derive.ts) and by the tests that check located elements against their OSM source.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Position } from 'geojson';
import { OSM_FILES, type OsmFile } from '../../src/lib/plan/model.ts';

export type OsmData = Map<OsmFile, FeatureCollection>;

/** Read every OSM extract the model knows from <root>/data/raw/osm (missing files are left out). */
export function loadOsm(root: string): OsmData {
  const out: OsmData = new Map();
  for (const f of OSM_FILES) {
    const p = join(root, 'data/raw/osm', f);
    if (existsSync(p)) out.set(f, JSON.parse(readFileSync(p, 'utf8')) as FeatureCollection);
  }
  return out;
}

function fileOf(osm: OsmData, file: OsmFile): FeatureCollection {
  const fc = osm.get(file);
  if (!fc) throw new Error(`OSM extract data/raw/osm/${file} is not available`);
  return fc;
}

/** The one station node named `name` (optionally of this station type). Throws when none or several match. */
export function osmStation(osm: OsmData, file: OsmFile, name: string, station?: string): Position {
  const hits = fileOf(osm, file).features.filter(
    (f) => f.geometry?.type === 'Point' && f.properties?.name === name && (station === undefined || f.properties?.station === station),
  ) as Feature<Point>[];
  const what = `station "${name}"${station ? ` (${station})` : ''}`;
  if (hits.length === 0) throw new Error(`no OSM ${what} in ${file}`);
  if (hits.length > 1) throw new Error(`${hits.length} OSM nodes match ${what} in ${file}: add "station" to pick one`);
  return hits[0].geometry.coordinates;
}

/** The track of one route relation, as in the extract. */
export function osmRelation(osm: OsmData, file: OsmFile, relation: number): MultiLineString {
  const f = fileOf(osm, file).features.find((x) => x.properties?.osm_relation === relation);
  if (!f) throw new Error(`no OSM relation ${relation} in ${file}`);
  const g = f.geometry;
  if (g.type === 'LineString') return { type: 'MultiLineString', coordinates: [g.coordinates] };
  if (g.type !== 'MultiLineString') throw new Error(`OSM relation ${relation} is a ${g.type}, expected lines`);
  return g;
}

/** Every line of the file lying wholly inside the bbox [w, s, e, n], in file order. */
export function osmLinesIn(osm: OsmData, file: OsmFile, bbox: [number, number, number, number]): MultiLineString {
  const [w, s, e, n] = bbox;
  const inside = (p: Position) => p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n;
  const lines = fileOf(osm, file)
    .features.filter((f) => f.geometry?.type === 'LineString')
    .map((f) => (f.geometry as LineString).coordinates)
    .filter((c) => c.every(inside));
  if (lines.length === 0) throw new Error(`no OSM line of ${file} lies inside [${bbox.join(', ')}]`);
  return { type: 'MultiLineString', coordinates: lines };
}
