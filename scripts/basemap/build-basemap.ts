// Builds public/data/basemap.topo.json: counties, prefectures and provinces (merged from counties),
// rivers and label points, WGS84, simplified and quantized. Deterministic: same input → same bytes.
import { readFileSync } from 'node:fs';
import { topology } from 'topojson-server';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import { feature, quantize } from 'topojson-client';
import { dissolve } from '../../src/lib/geo/dissolve.ts';
import centroid from '@turf/centroid';
import pointOnFeature from '@turf/point-on-feature';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Point, Position } from 'geojson';
import type { Objects, Topology } from 'topojson-specification';
import { type CleanStats, type RawCounty, cleanPolygons, loadCounties, loadDivision, countyFeature } from './counties.ts';
import { type SnapStats, snapToSichuan } from './snap.ts';
import { englishName } from './names.ts';
import { buildRivers } from './rivers.ts';
import { type RepairStats, repairTopology } from './repair.ts';

/** Quantization grid: 1e5 steps over the extent (~13 m), finer than the source's 1/1024° grid. */
export const QUANTIZATION = 1e5;
/** Simplification threshold, spherical triangle area in km² (median border error ~14 m, p95 ~100 m). */
export const SIMPLIFY_KM2 = 0.05;
const EARTH_KM = 6371.0088;
/** Rings left by gaps/overlaps between counties when dissolving them into prefectures and provinces. */
export const MIN_RING_KM2 = 2;

export interface BasemapReport {
  counties: number;
  prefectures: number;
  provinces: number;
  rivers: number;
  namedRivers: string[];
  clean: CleanStats;
  snap: SnapStats;
  repair: RepairStats;
  bytes: number;
}

type Level = 'province' | 'prefecture' | 'county';
export interface AdminProps {
  adcode: string;
  zh: string;
  en: string;
  level: Level;
  parent: string;
}

const round = (p: Position): Position => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];

function labelPointOf(f: Feature<MultiPolygon>): Position {
  const c = centroid(f).geometry.coordinates;
  return booleanPointInPolygon(c, f) ? c : pointOnFeature(f).geometry.coordinates;
}

export function buildBasemap(root: string): { json: string; report: BasemapReport } {
  const division = loadDivision();
  const clean: CleanStats = { duplicatePoints: 0, unclosedRings: 0, reversedRings: 0, slivers: 0, sliverKm2: 0 };
  const all = loadCounties(division, clean);
  const sichuan = all.filter((c) => c.adcode.startsWith('51'));
  const snap: SnapStats = { runs: 0, snappedVertices: 0 };
  const chongqing = snapToSichuan(sichuan, all.filter((c) => c.adcode.startsWith('50')), snap).map(
    (c): RawCounty => ({ ...c, polygons: cleanPolygons(c.polygons, { ...clean }) }),
  );
  const counties = [...sichuan, ...chongqing];

  const parentOf = (adcode: string) => (adcode.startsWith('50') ? '500000' : `${adcode.slice(0, 4)}00`);
  const countyProps = (c: RawCounty): AdminProps => {
    const zh = division.counties.get(c.adcode)!;
    return { adcode: c.adcode, zh, en: englishName(zh, 'county'), level: 'county', parent: parentOf(c.adcode) };
  };

  const rivers = buildRivers(
    readFileSync(`${root}/data/raw/wdbii-rivers.txt`, 'utf8'),
    JSON.parse(readFileSync(`${root}/data/basemap/river-waypoints.json`, 'utf8')),
  );

  const countyFeatures = counties.map((c) => ({ ...countyFeature(c), properties: countyProps(c) }));
  const unitFeature = (adcode: string, zh: string, en: string, level: Level, parent: string, members: RawCounty[]) => ({
    type: 'Feature' as const,
    id: adcode,
    properties: { adcode, zh, en, level, parent } satisfies AdminProps,
    geometry: { type: 'MultiPolygon' as const, coordinates: dissolve(members.map((m) => m.polygons), { minRingKm2: MIN_RING_KM2 }) },
  });
  const prefectureCodes = [...new Set(counties.map((c) => parentOf(c.adcode)))].sort();
  const prefectures = prefectureCodes.map((code) =>
    code === '500000'
      ? unitFeature(code, division.provinces.get(code)!, 'Chongqing Municipality', 'prefecture', '500000', chongqing)
      : unitFeature(code, division.prefectures.get(code)!, englishName(division.prefectures.get(code)!, 'prefecture'), 'prefecture', '510000',
          counties.filter((c) => parentOf(c.adcode) === code)),
  );
  const provinces = ['500000', '510000'].map((code) =>
    unitFeature(code, division.provinces.get(code)!, englishName(division.provinces.get(code)!, 'province'), 'province', '',
      code === '500000' ? chongqing : sichuan),
  );

  // One topology: counties, prefectures and provinces share arcs because their vertices are identical.
  const topo = topology(
    {
      provinces: { type: 'FeatureCollection', features: provinces } as FeatureCollection,
      prefectures: { type: 'FeatureCollection', features: prefectures } as FeatureCollection,
      counties: { type: 'FeatureCollection', features: countyFeatures } as FeatureCollection,
      rivers: rivers as FeatureCollection,
    },
  ) as Topology;

  // Label points: the source's own point per county (near the seat); a point inside each prefecture.
  const labelGeoms = [
    ...counties.map((c) => {
      const at = c.labelPoint ?? labelPointOf(countyFeature(c));
      return { type: 'Point' as const, coordinates: round(at), id: c.adcode, properties: countyProps(c) };
    }),
    ...prefectures.map((p) => ({ type: 'Point' as const, coordinates: round(labelPointOf(p)), id: p.id, properties: p.properties })),
  ];
  const simplified = simplify(
    presimplify(topo as Topology<Objects<object>>, sphericalTriangleArea),
    SIMPLIFY_KM2 / (EARTH_KM * EARTH_KM),
  ) as Topology;
  // presimplify stores weights as a third coordinate; drop them.
  simplified.arcs = simplified.arcs.map((arc) => arc.map((p) => [p[0], p[1]]));
  delete simplified.transform;
  simplified.objects.labels = { type: 'GeometryCollection', geometries: labelGeoms };

  const quantized = quantize(simplified as Topology<Objects<object>>, QUANTIZATION);
  // GEOS-valid polygons: spikes, collapsed arcs and self-touching rings fixed on the shared arcs
  const repair = repairTopology(quantized as Topology, ['provinces', 'prefectures', 'counties']);
  // Stable key order for a byte-identical build.
  const ordered: Topology = {
    type: 'Topology',
    bbox: quantized.bbox,
    transform: quantized.transform,
    objects: {
      provinces: quantized.objects.provinces,
      prefectures: quantized.objects.prefectures,
      counties: quantized.objects.counties,
      rivers: quantized.objects.rivers,
      labels: quantized.objects.labels,
    },
    arcs: quantized.arcs,
  };
  const json = JSON.stringify(ordered);
  const riverFeatures = (feature(ordered, ordered.objects.rivers) as FeatureCollection).features;
  return {
    json,
    report: {
      counties: counties.length,
      prefectures: prefectures.length,
      provinces: provinces.length,
      rivers: riverFeatures.length,
      namedRivers: riverFeatures.map((f) => f.properties?.zh).filter(Boolean).sort(),
      clean,
      snap,
      repair,
      bytes: json.length,
    },
  };
}

export type { Point };
