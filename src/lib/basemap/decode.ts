// Decode the shipped basemap TopoJSON into GeoJSON collections (pure; no DOM, no map).
import { feature } from 'topojson-client';
import type { FeatureCollection, Geometry, Point } from 'geojson';
import type { Topology, GeometryCollection } from 'topojson-specification';

export type AdminLevel = 'province' | 'prefecture' | 'county';
export interface AdminProps {
  adcode: string;
  zh: string;
  en: string;
  level: AdminLevel;
  parent: string;
}
export interface RiverProps {
  rank: number;
  zh?: string;
  en?: string;
}

export interface Basemap {
  provinces: FeatureCollection<Geometry, AdminProps>;
  prefectures: FeatureCollection<Geometry, AdminProps>;
  counties: FeatureCollection<Geometry, AdminProps>;
  rivers: FeatureCollection<Geometry, RiverProps>;
  labels: FeatureCollection<Point, AdminProps>;
}

const OBJECTS = ['provinces', 'prefectures', 'counties', 'rivers', 'labels'] as const;

export function decodeBasemap(topology: Topology): Basemap {
  const out = {} as Record<(typeof OBJECTS)[number], FeatureCollection>;
  for (const name of OBJECTS) {
    const obj = topology.objects[name] as GeometryCollection | undefined;
    if (!obj) throw new Error(`basemap: object "${name}" is missing`);
    out[name] = feature(topology, obj) as FeatureCollection;
  }
  return out as unknown as Basemap;
}
