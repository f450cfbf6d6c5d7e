// The plan-element model: what every spatial element of the source plans is.
// Pure types and constants; no DOM, no map. Validation lives in ./validate.ts.
import type { Feature, Geometry } from 'geojson';

/** Bump when the shape of PlanElement changes; ./validate.ts migrates older files. */
export const PLAN_DATA_VERSION = 1;

export const KINDS = [
  'urbanCluster', // 城市组团, 中心城区, 组团
  'industrialBelt', // 产业带
  'pilotZone', // 交界地带融合发展试点, 合作园区, 综合试验区, 新区
  'corridor', // rail line, expressway, arterial, development axis, sci-tech corridor
  'hub', // station, airport, logistics port
  'park', // industrial / agricultural platform
  'eco', // forest park, river corridor, reservoir, mountain
  'town', // a named town (镇/街道) the plans mention
] as const;
export type Kind = (typeof KINDS)[number];

/** Only for kind === 'corridor'. */
export const CORRIDOR_MODES = [
  'highSpeedRail', // 高铁 / 客专 / 城际
  'rail', // conventional railway
  'suburbanRail', // 市域(郊)铁路 S-lines
  'metro', // 地铁 / 轨道交通
  'expressway', // 高速公路
  'arterial', // 快速路 / 大道 / 干线
  'axis', // development axis (发展轴 / 绵延带)
  'innovation', // sci-tech / open corridor (科创走廊 / 协同开放走廊)
  'river', // river corridor used as a development or green axis
] as const;
export type CorridorMode = (typeof CORRIDOR_MODES)[number];

export const REGIONS = ['chengdu-metro', 'neijiang-zigong', 'dazhou', 'wandakai'] as const;
export type Region = (typeof REGIONS)[number];

export const STATUSES = ['existing', 'underConstruction', 'planned', 'proposed', 'study'] as const;
export type Status = (typeof STATUSES)[number];

/** boundary: from official admin data; located: sourced coordinates; schematic: drawn from wording. */
export const ACCURACIES = ['boundary', 'located', 'schematic'] as const;
export type Accuracy = (typeof ACCURACIES)[number];

export interface LocalizedText {
  zh: string;
  en: string;
}

/** OpenStreetMap extracts under data/raw/osm/ (see its README.md for origin and vintage); ODbL 1.0. */
export const OSM_FILES = [
  'railway_stations_sichuan_cq_osm20250208.geojson', // station nodes: name, station = train | subway
  'runways_chengdu_dazhou_osm20250214.geojson', // aeroway=runway lines
  'chengdu_metro_osm_relations.geojson', // metro route relations (osm_relation, ref, name)
] as const;
export type OsmFile = (typeof OSM_FILES)[number];
export const OSM_LICENCE = 'ODbL-1.0';
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors, ODbL';

/**
 * Where a fact comes from. A seed citation names the seed file prefix ("003") and section
 * ("§二(五) task 14"); a gazetteer citation names the CSV file and row id; a web citation a URL.
 */
export type SourceRef =
  | { type: 'seed'; seed: '000' | '001' | '002' | '003' | '004'; section: string; quote: string }
  | {
      type: 'gazetteer';
      file: 'chengdu_metro.csv' | 'neizi_dazhou.csv';
      row: string;
      confidence: 'high' | 'medium' | 'low';
      /** true when this row supplied the element's coordinates (required for accuracy 'located') */
      coordinates?: boolean;
      note?: string;
    }
  | { type: 'web'; url: string; title: string; coordinates?: boolean; note?: string }
  /** an OpenStreetMap feature: the extract file and how the feature is found there (node name, relation id, bbox) */
  | { type: 'osm'; file: OsmFile; feature: string; licence: typeof OSM_LICENCE; coordinates?: boolean; note?: string };

export interface Metric {
  /** machine key, e.g. 'length', 'area', 'gdpTarget', 'population', 'stations' */
  key: string;
  label: LocalizedText;
  value: number;
  /** e.g. 'km', 'km²', '万人', '亿元', 'pairs/day' */
  unit: string;
  year?: number;
  /** index into the element's sources array */
  source: number;
}

export interface PlanProperties {
  id: string; // stable, readable, kebab-case, e.g. 'belt-chengzi-linkong'
  kind: Kind;
  mode?: CorridorMode; // required when kind === 'corridor'
  /** finer label for display, e.g. 'station', 'airport', 'reservoir', 'newArea', 'borderPilot' */
  subkind?: string;
  name: LocalizedText;
  region: Region;
  status: Status;
  opened?: number; // year it opened / was set up (existing)
  target?: number; // year it is due / targeted
  started?: number; // year construction started
  metrics: Metric[];
  sources: SourceRef[];
  accuracy: Accuracy;
  basis: string; // how the geometry was made
  related: string[]; // ids
  /** adcodes of counties the element is tied to by its sources (used for search and stats) */
  counties?: string[];
  note?: LocalizedText;
}

export type PlanElement = Feature<Geometry, PlanProperties> & { id?: string };

// ---- Authored source format (data/plan/*.json); see docs/data-model.md ----

/** A point a geometry spec can refer to. */
export type PointRef =
  | { county: string } // the basemap's label point of that county (schematic)
  | { lonlat: [number, number]; datum: 'wgs84' | 'gcj02' }
  | { ref: string } // another element's point, or its centroid
  | { junction: string[] } // the point where the listed counties' borders meet (schematic)
  | { osm: OsmFile; name: string; station?: 'train' | 'subway' }; // the one OSM station node with this name

/** How the build derives an element's geometry from the basemap, or a literal WGS84 geometry. */
export type GeometrySpec =
  | { derive: 'counties'; adcodes: string[] }
  | { derive: 'borderBuffer'; a: string[]; b: string[]; km: number }
  | { derive: 'point'; at: PointRef }
  | { derive: 'line'; through: PointRef[] }
  | { derive: 'buffer'; of: GeometrySpec; km: number; clipTo?: string[] }
  | { derive: 'river'; name: string; clipTo?: string[] }
  | { derive: 'ref'; id: string } // another element's derived geometry
  | { derive: 'union'; of: GeometrySpec[] } // union of polygonal specs (e.g. the parts of a pilot zone)
  /** OSM geometry read from the extract: a route relation's track, or every runway inside a bbox [w, s, e, n] */
  | { derive: 'osm'; file: OsmFile; relation?: number; bbox?: [number, number, number, number] }
  | Geometry;

/** One element as authored: PlanProperties plus a geometry spec. */
export type AuthoredElement = PlanProperties & { geometry: GeometrySpec };

/** A file under data/plan/. */
export interface PlanSourceFile {
  version: typeof PLAN_DATA_VERSION;
  region: Region;
  elements: AuthoredElement[];
}

/** Prefixes an id may start with (one per family of elements; see docs/data-model.md). */
export const ID_PREFIXES = [
  'belt', 'cluster', 'pilot', 'rail', 'road', 'axis', 'corridor', 'hub', 'station', 'park', 'eco', 'town',
] as const;
