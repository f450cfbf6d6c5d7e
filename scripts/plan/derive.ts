// Geometry specs → WGS84 geometries, computed from the decoded basemap. Pure: no IO.
import type { Feature, Geometry, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { feature, mesh } from 'topojson-client';
import { dissolve } from '../../src/lib/geo/dissolve.ts';
import buffer from '@turf/buffer';
import centroid from '@turf/centroid';
import intersect from '@turf/intersect';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import union from '@turf/union';
import { featureCollection, feature as turfFeature } from '@turf/helpers';
import type { AuthoredElement, GeometrySpec, PlanElement, PointRef } from '../../src/lib/plan/model.ts';
import { osmLinesIn, osmRelation, osmStation, type OsmData } from './osm.ts';
import { gcj02ToWgs84 as crsGcj02ToWgs84 } from '../../src/lib/geo/crs.ts';

/** The parts of the basemap topology the derivations need. */
export interface Basemap {
  topology: Topology;
  /** topology geometry objects of the `counties` object, by adcode */
  counties: Map<string, GeometryObject>;
  /** label point (schematic county seat) by adcode */
  labels: Map<string, Position>;
  rivers: Feature<LineString | MultiLineString>[];
}

export class DeriveError extends Error {
  constructor(
    readonly id: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const adcodeOf = (g: { id?: string | number; properties?: Record<string, unknown> | null }): string =>
  String((g.properties?.adcode as string | undefined) ?? g.id);

/** Index a basemap topology (objects counties, labels, rivers; labels and rivers optional). */
export function loadBasemap(topology: Topology): Basemap {
  const obj = topology.objects.counties as GeometryCollection | undefined;
  if (!obj || obj.type !== 'GeometryCollection') throw new Error('basemap has no `counties` GeometryCollection');
  const counties = new Map<string, GeometryObject>();
  for (const g of obj.geometries) counties.set(adcodeOf(g as never), g);
  const labels = new Map<string, Position>();
  if (topology.objects.labels) {
    const fc = feature(topology, topology.objects.labels as GeometryCollection);
    for (const f of fc.features) if (f.geometry?.type === 'Point') labels.set(adcodeOf(f as never), f.geometry.coordinates);
  }
  const rivers: Feature<LineString | MultiLineString>[] = [];
  if (topology.objects.rivers) {
    const fc = feature(topology, topology.objects.rivers as GeometryCollection);
    for (const f of fc.features)
      if (f.geometry?.type === 'LineString' || f.geometry?.type === 'MultiLineString') rivers.push(f as Feature<LineString | MultiLineString>);
  }
  return { topology, counties, labels, rivers };
}

/** Convert a GCJ-02 lon/lat to WGS84 with the app's one implementation (src/lib/geo/crs.ts). */
export function gcj02ToWgs84(p: [number, number]): [number, number] {
  return crsGcj02ToWgs84(p);
}

interface Ctx {
  basemap: Basemap;
  /** the OpenStreetMap extracts (data/raw/osm); needed only by specs that use them */
  osm?: OsmData;
  id: string;
  /** geometry of another element (derived on demand) */
  resolve: (ref: string) => Geometry;
}

function countyObjects(ctx: Ctx, field: string, adcodes: string[]): GeometryObject[] {
  return adcodes.map((c, i) => {
    const g = ctx.basemap.counties.get(c);
    if (!g) throw new DeriveError(ctx.id, `${field}[${i}]`, `adcode ${c} is not a county of the basemap`);
    return g;
  });
}

/** Union of counties: their shared borders use identical vertices, so cancelling shared edges is exact.
 * (topojson's merge() leaves open or missing rings on this basemap where borders touch themselves.) */
function mergeCounties(ctx: Ctx, field: string, adcodes: string[]): MultiPolygon {
  const parts = countyObjects(ctx, field, adcodes).map((g) => {
    const geom = (feature(ctx.basemap.topology, g as never) as unknown as Feature<Polygon | MultiPolygon>).geometry;
    return geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  });
  return { type: 'MultiPolygon', coordinates: dissolve(parts, { minRingKm2: 2 }) };
}

/** Exact union of counties through their shared arcs. */
export function unionOfCounties(basemap: Basemap, adcodes: string[], id = '(test)', field = 'adcodes'): MultiPolygon {
  const ctx: Ctx = { basemap, id, resolve: () => { throw new Error('no refs'); } };
  return mergeCounties(ctx, field, adcodes);
}

/** The shared border of county sets a and b, as lines. Empty coordinates when they do not touch. */
export function sharedBorder(basemap: Basemap, a: string[], b: string[]): MultiLineString {
  const A = new Set(a);
  const B = new Set(b);
  const obj = basemap.topology.objects.counties as GeometryCollection;
  const code = (g: GeometryObject) => adcodeOf(g as never);
  return mesh(basemap.topology, obj, (x, y) => x !== y && ((A.has(code(x)) && B.has(code(y))) || (B.has(code(x)) && A.has(code(y)))));
}

const key = (p: Position) => `${p[0]},${p[1]}`;

/** The border point the listed counties share (e.g. a tripoint); for two counties, the shared vertex nearest the mean of all shared vertices. */
export function junctionPoint(basemap: Basemap, adcodes: string[], id = '(test)', field = 'junction'): Position {
  const ctx: Ctx = { basemap, id, resolve: () => { throw new Error('no refs'); } };
  countyObjects(ctx, field, adcodes);
  let common = new Map<string, Position>();
  for (const [n, c] of adcodes.entries()) {
    const f = feature(basemap.topology, basemap.counties.get(c)!) as Feature<Polygon | MultiPolygon>;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const here = new Map<string, Position>();
    for (const poly of polys) for (const ring of poly) for (const p of ring) here.set(key(p), p);
    common = n === 0 ? here : new Map([...common].filter(([k]) => here.has(k)));
  }
  const pts = [...common.values()];
  if (pts.length === 0) throw new DeriveError(id, field, `counties ${adcodes.join(', ')} share no border point`);
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  let best = pts[0];
  let bd = Infinity;
  for (const p of pts.sort((p, q) => p[0] - q[0] || p[1] - q[1])) {
    const d = (p[0] - mx) ** 2 + (p[1] - my) ** 2;
    if (d < bd) [best, bd] = [p, d];
  }
  return best;
}

function clipToCounties(ctx: Ctx, field: string, g: Polygon | MultiPolygon, adcodes: string[]): Polygon | MultiPolygon {
  const clip = mergeCounties(ctx, field, adcodes);
  const out = intersect(featureCollection([turfFeature(g), turfFeature(clip)]));
  if (!out) throw new DeriveError(ctx.id, field, 'the shape does not overlap the clip counties');
  return out.geometry;
}

function bufferKm(ctx: Ctx, field: string, g: Geometry, km: number): Polygon | MultiPolygon {
  const b = buffer(turfFeature(g), km, { units: 'kilometers', steps: 16 });
  if (!b) throw new DeriveError(ctx.id, field, 'buffer produced nothing');
  return b.geometry;
}

/** Insert vertices so no step exceeds `step` degrees (clipping then cuts within ~0.5 km of the boundary). */
function densify(line: Position[], step = 0.005): Position[] {
  const out: Position[] = [];
  line.forEach((p, i) => {
    if (i > 0) {
      const q = line[i - 1];
      const n = Math.ceil(Math.max(Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1])) / step);
      for (let k = 1; k < n; k++) out.push([q[0] + ((p[0] - q[0]) * k) / n, q[1] + ((p[1] - q[1]) * k) / n]);
    }
    out.push(p);
  });
  return out;
}

/** Keep the runs of (densified) vertices inside the polygon: fine for schematic river corridors. */
function clipLines(lines: Position[][], poly: MultiPolygon): Position[][] {
  const out: Position[][] = [];
  for (const line of lines.map((l) => densify(l))) {
    let run: Position[] = [];
    for (const p of line) {
      if (booleanPointInPolygon(p, poly)) run.push(p);
      else {
        if (run.length >= 2) out.push(run);
        run = [];
      }
    }
    if (run.length >= 2) out.push(run);
  }
  return out;
}

function pointOf(ctx: Ctx, field: string, at: PointRef): Position {
  if ('county' in at) {
    const p = ctx.basemap.labels.get(at.county);
    if (!p) throw new DeriveError(ctx.id, `${field}.county`, `no label point for county ${at.county}`);
    return p;
  }
  if ('lonlat' in at) return at.datum === 'gcj02' ? gcj02ToWgs84(at.lonlat) : [at.lonlat[0], at.lonlat[1]];
  if ('junction' in at) return junctionPoint(ctx.basemap, at.junction, ctx.id, `${field}.junction`);
  if ('osm' in at) return osmSpec(ctx, `${field}.osm`, () => osmStation(ctx.osm!, at.osm, at.name, at.station));
  const g = ctx.resolve(at.ref);
  if (g.type === 'Point') return g.coordinates;
  return centroid(turfFeature(g)).geometry.coordinates;
}

function osmSpec<T>(ctx: Ctx, field: string, read: () => T): T {
  if (!ctx.osm) throw new DeriveError(ctx.id, field, 'the OSM extracts (data/raw/osm) were not loaded');
  try {
    return read();
  } catch (e) {
    throw new DeriveError(ctx.id, field, (e as Error).message);
  }
}

/** Compute one geometry spec. Throws DeriveError naming the element and field. */
export function deriveGeometry(spec: GeometrySpec, ctx: Ctx, field = 'geometry'): Geometry {
  if (!('derive' in spec)) return spec;
  switch (spec.derive) {
    case 'counties':
      return mergeCounties(ctx, `${field}.adcodes`, spec.adcodes);
    case 'borderBuffer': {
      countyObjects(ctx, `${field}.a`, spec.a);
      countyObjects(ctx, `${field}.b`, spec.b);
      const border = sharedBorder(ctx.basemap, spec.a, spec.b);
      if (border.coordinates.length === 0) throw new DeriveError(ctx.id, field, `counties ${spec.a.join(',')} and ${spec.b.join(',')} share no border`);
      return clipToCounties(ctx, field, bufferKm(ctx, field, border, spec.km), [...spec.a, ...spec.b]);
    }
    case 'point':
      return { type: 'Point', coordinates: pointOf(ctx, `${field}.at`, spec.at) };
    case 'line':
      return { type: 'LineString', coordinates: spec.through.map((p, i) => pointOf(ctx, `${field}.through[${i}]`, p)) };
    case 'buffer': {
      const b = bufferKm(ctx, field, deriveGeometry(spec.of, ctx, `${field}.of`), spec.km);
      return spec.clipTo ? clipToCounties(ctx, `${field}.clipTo`, b, spec.clipTo) : b;
    }
    case 'river': {
      const parts = ctx.basemap.rivers.filter((f) => f.properties?.zh === spec.name);
      if (parts.length === 0) throw new DeriveError(ctx.id, `${field}.name`, `the basemap has no river named ${spec.name}`);
      let lines = parts.flatMap((f) => (f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates));
      if (spec.clipTo) lines = clipLines(lines, mergeCounties(ctx, `${field}.clipTo`, spec.clipTo));
      if (lines.length === 0) throw new DeriveError(ctx.id, `${field}.clipTo`, `${spec.name} does not run through the clip counties`);
      return { type: 'MultiLineString', coordinates: lines };
    }
    case 'ref':
      return ctx.resolve(spec.id);
    case 'osm':
      return osmSpec(ctx, field, () =>
        spec.relation !== undefined ? osmRelation(ctx.osm!, spec.file, spec.relation) : osmLinesIn(ctx.osm!, spec.file, spec.bbox!),
      );
    case 'union': {
      const parts = spec.of.map((x, i) => {
        const g = deriveGeometry(x, ctx, `${field}.of[${i}]`);
        if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new DeriveError(ctx.id, `${field}.of[${i}]`, `union needs areas, got a ${g.type}`);
        return turfFeature(g);
      });
      const u = union(featureCollection(parts));
      if (!u) throw new DeriveError(ctx.id, field, 'union produced nothing');
      return u.geometry;
    }
  }
}

/** Derive every element, resolving refs in dependency order. Errors are collected, not thrown. */
export function deriveAll(
  elements: AuthoredElement[],
  basemap: Basemap,
  osm?: OsmData,
): { features: PlanElement[]; errors: DeriveError[] } {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const done = new Map<string, Geometry>();
  const active = new Set<string>();
  const errors: DeriveError[] = [];
  const failed = new Set<string>();

  const compute = (id: string): Geometry => {
    const hit = done.get(id);
    if (hit) return hit;
    const el = byId.get(id);
    if (!el) throw new DeriveError(id, 'geometry', `no element has id "${id}"`);
    if (failed.has(id)) throw new DeriveError(id, 'geometry', 'its geometry could not be derived');
    if (active.has(id)) throw new DeriveError(id, 'geometry', 'circular ref');
    active.add(id);
    try {
      const g = deriveGeometry(el.geometry, { basemap, osm, id, resolve: compute });
      done.set(id, g);
      return g;
    } finally {
      active.delete(id);
    }
  };

  const features: PlanElement[] = [];
  for (const el of elements) {
    try {
      const geometry = compute(el.id);
      const { geometry: _spec, ...props } = el;
      void _spec;
      features.push({ type: 'Feature', id: el.id, properties: props, geometry });
    } catch (e) {
      failed.add(el.id);
      const d = e instanceof DeriveError ? e : new DeriveError(el.id, 'geometry', (e as Error).message);
      errors.push(d.id === el.id ? d : new DeriveError(el.id, 'geometry', `refers to ${d.id}, which failed: ${d.message}`));
    }
  }
  return { features, errors };
}
