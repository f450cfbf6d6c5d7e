// What the story scripts and tests need from the rest of the repo: the plan element catalogue
// (data/plan/*.json; geometry type and extent from the committed bundles in public/data/plan), the seed texts
// and the story files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import bbox from '@turf/bbox';
import type { Topology } from 'topojson-specification';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { buildJurisdictionIndex, type Jurisdiction } from '../../src/lib/analysis/jurisdiction.ts';
import { decodeBasemap } from '../../src/lib/basemap/decode.ts';
import type { FigureData } from '../../src/lib/story/figures.ts';
import { decodePlanBundle } from '../../src/lib/plan/bundle.ts';
import type { Kind, Region } from '../../src/lib/plan/model.ts';
import type { BBox } from '../../src/lib/story/camera.ts';
import type { ElementInfo, MediaFileInfo } from '../../src/lib/story/validate.ts';
import { MEDIA_DIR, oggSeconds } from '../../src/lib/story/media.ts';
import type { ThumbData, ThumbElement } from '../../src/lib/story/thumbnail.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SEEDS_DIR = resolve(ROOT, 'data/sources/seeds');

export interface CatalogEntry extends ElementInfo {
  bbox?: BBox;
}

const GEOM: Record<string, ElementInfo['geometry']> = {
  Point: 'point', MultiPoint: 'point', LineString: 'line', MultiLineString: 'line', Polygon: 'polygon', MultiPolygon: 'polygon',
};

/** Every authored element (id → region, kind), with geometry type and bbox from public/data/plan. */
export function loadCatalog(root = ROOT): Map<string, CatalogEntry> {
  const out = new Map<string, CatalogEntry>();
  const planDir = join(root, 'data/plan');
  for (const f of readdirSync(planDir).filter((n) => n.endsWith('.json')).sort()) {
    const data = JSON.parse(readFileSync(join(planDir, f), 'utf8')) as { elements: { id: string; region: Region; kind: Kind }[] };
    for (const e of data.elements) out.set(e.id, { region: e.region, kind: e.kind });
  }
  // The built bundles are committed (npm run data rebuilds them); without them no scene can be framed.
  const bundleDir = join(root, 'public/data/plan');
  if (!existsSync(bundleDir)) throw new Error(`plan bundles not found: ${bundleDir} (run npm run data)`);
  for (const f of readdirSync(bundleDir).filter((n) => n.endsWith('.topo.json') && n !== 'map.topo.json').sort()) {
    let topo: Topology;
    try {
      topo = JSON.parse(readFileSync(join(bundleDir, f), 'utf8')) as Topology;
    } catch (e) {
      throw new Error(`public/data/plan/${f}: not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    if (!topo.objects?.elements) continue;
    for (const e of decodePlanBundle(topo)) {
      const entry = out.get(e.properties.id);
      if (!entry || !e.geometry) continue;
      entry.geometry = GEOM[e.geometry.type];
      entry.bbox = bbox(e) as BBox;
    }
  }
  return out;
}

/** seed prefix → text. The seeds are part of the repo: a missing folder is an error naming it. */
export function loadSeeds(dir = SEEDS_DIR): Record<string, string> {
  if (!existsSync(dir)) throw new Error(`seed texts not found: ${dir} (they are committed under data/sources/seeds)`);
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) {
    const m = /^(\d{3})_.*\.txt$/.exec(f);
    if (m) out[m[1]] = readFileSync(join(dir, f), 'utf8');
  }
  return out;
}

/** data/stories/*.json as {file (repo-relative), raw (parsed or a parse error)}. */
export function loadStoryFiles(root = ROOT): { file: string; raw: unknown; parseError?: string }[] {
  const dir = join(root, 'data/stories');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => {
      const file = `data/stories/${n}`;
      try {
        return { file, raw: JSON.parse(readFileSync(join(dir, n), 'utf8')) as unknown };
      } catch (e) {
        return { file, raw: null, parseError: (e as Error).message };
      }
    });
}

/**
 * What the validator needs to compute a scene's map numbers without a map: element geometries from the
 * committed plan bundles and the county/prefecture units of public/data/basemap.topo.json (as the player loads them).
 */
export function loadFigureData(root = ROOT): FigureData {
  const geoms = new Map<string, Geometry>();
  const bundleDir = join(root, 'public/data/plan');
  for (const f of readdirSync(bundleDir).filter((n) => n.endsWith('.topo.json') && n !== 'map.topo.json').sort()) {
    const topo = JSON.parse(readFileSync(join(bundleDir, f), 'utf8')) as Topology;
    if (!topo.objects?.elements) continue;
    for (const e of decodePlanBundle(topo)) if (e.geometry) geoms.set(e.properties.id, e.geometry);
  }
  const basemapFile = join(root, 'public/data/basemap.topo.json');
  if (!existsSync(basemapFile)) throw new Error(`basemap not found: ${basemapFile} (run npm run data)`);
  const b = decodeBasemap(JSON.parse(readFileSync(basemapFile, 'utf8')) as Topology);
  const units = (fc: { features: { properties: Omit<Jurisdiction, 'geometry'>; geometry: Geometry }[] }): Jurisdiction[] =>
    fc.features
      .filter((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')
      .map((f) => ({ ...f.properties, geometry: f.geometry as Polygon | MultiPolygon }));
  return {
    geometry: (id) => geoms.get(id),
    jurisdictions: { county: buildJurisdictionIndex(units(b.counties)), prefecture: buildJurisdictionIndex(units(b.prefectures)) },
  };
}

/**
 * data/stories/media/<story>/<file> as `<story>/<file>` → size, first bytes and (Ogg) length: the validator checks
 * that every file a scene names exists and is what its name says.
 */
export function loadMediaFiles(root = ROOT): Map<string, MediaFileInfo> {
  const out = new Map<string, MediaFileInfo>();
  const dir = join(root, MEDIA_DIR);
  if (!existsSync(dir)) return out;
  for (const story of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()))
    for (const f of readdirSync(join(dir, story.name), { withFileTypes: true }).filter((d) => d.isFile())) {
      const body = new Uint8Array(readFileSync(join(dir, story.name, f.name)));
      out.set(`${story.name}/${f.name}`, { size: body.length, head: body.subarray(0, 16), seconds: oggSeconds(body) });
    }
  return out;
}

/** Plan elements and county outlines of the committed bundles, for thumbnails. */
export function loadThumbData(root = ROOT): ThumbData {
  const elements = new Map<string, ThumbElement>();
  const dir = join(root, 'public/data/plan');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.topo.json') && n !== 'map.topo.json').sort()) {
    const topo = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Topology;
    for (const e of decodePlanBundle(topo))
      if (e.geometry) elements.set(e.properties.id, { id: e.properties.id, kind: e.properties.kind, region: e.properties.region, geometry: e.geometry as Geometry });
  }
  const b = decodeBasemap(JSON.parse(readFileSync(join(root, 'public/data/basemap.topo.json'), 'utf8')) as Topology);
  return { outlines: b.counties.features.map((f) => f.geometry), elements };
}

