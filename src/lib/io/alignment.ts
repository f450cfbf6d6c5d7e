// Alignment check and datum detection for layers in China: the same longitude/latitude numbers read as WGS84,
// GCJ-02 (Gaode/AMap, DataV, Tencent) or BD-09 (Baidu) land a few hundred metres apart, and the numbers alone
// cannot tell which. A layer that follows administrative boundaries can be told by comparing it with the
// bundled county boundaries (WGS84) under each reading: the right datum fits to tens of metres, the wrong ones
// to hundreds. DataV/AMap attribute names (adcode, acroutes, center, centroid, parent, level) are a further
// sign of GCJ-02. The conversions are the app's own (src/lib/geo/crs.ts).
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { BD09, GCJ02, toWgs84, WGS84, type Confidence, type Position2 } from '../geo/crs';
import { forEachPosition } from '../geo/kernel';
import { msg, type IoMsg } from './messages';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type Datum = 'EPSG:4326' | 'GCJ-02' | 'BD-09';
export const DATUMS: readonly Datum[] = ['EPSG:4326', 'GCJ-02', 'BD-09'];
const DEF = { 'EPSG:4326': WGS84, 'GCJ-02': GCJ02, 'BD-09': BD09 } as const;

export interface ReferenceUnit {
  adcode: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

/** The bundled boundaries as segments in a grid, for nearest-boundary distances. */
export interface AlignmentReference {
  units: Map<string, ReferenceUnit>;
  /** Unit names (zh) → adcode, for files that carry a name but no adcode. */
  byName: Map<string, string>;
  grid: Map<string, number[]>;
  /** Segment endpoints: x1, y1, x2, y2 per segment. */
  segs: Float64Array;
  /** Segments of each unit (indices into segs / 4). */
  unitSegs: Map<string, number[]>;
}

const CELL = 0.01; // degrees, ~1 km
/** Distances are capped here: a vertex farther than this from any boundary is simply "off". */
const CAP_M = 3000;
const SEARCH = Math.ceil(CAP_M / 1000 / (CELL * 111)) + 1;
const MAX_SAMPLES = 600;
const M_PER_DEG = 111_320;

const cellKey = (cx: number, cy: number) => `${cx},${cy}`;

export function buildReference(units: ReferenceUnit[]): AlignmentReference {
  const segList: number[] = [];
  const grid = new Map<string, number[]>();
  const unitSegs = new Map<string, number[]>();
  const byName = new Map<string, string>();
  const map = new Map<string, ReferenceUnit>();
  for (const u of units) {
    map.set(u.adcode, u);
    byName.set(u.name, u.adcode);
    const mine: number[] = [];
    const rings = u.geometry.type === 'Polygon' ? u.geometry.coordinates : u.geometry.coordinates.flat();
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = ring[i];
        const [x2, y2] = ring[i + 1];
        const s = segList.length / 4;
        segList.push(x1, y1, x2, y2);
        mine.push(s);
        // A segment is filed under every cell its bounding box touches (segments are short: ≲ 1 cell).
        for (let cx = Math.floor(Math.min(x1, x2) / CELL); cx <= Math.floor(Math.max(x1, x2) / CELL); cx++) {
          for (let cy = Math.floor(Math.min(y1, y2) / CELL); cy <= Math.floor(Math.max(y1, y2) / CELL); cy++) {
            const k = cellKey(cx, cy);
            const list = grid.get(k);
            if (list) list.push(s);
            else grid.set(k, [s]);
          }
        }
      }
    }
    unitSegs.set(u.adcode, mine);
  }
  return { units: map, byName, grid, segs: Float64Array.from(segList), unitSegs };
}

/** Metres from p to segment s, on a local equirectangular plane (good to < 1% over a few km). */
function segDistance(ref: AlignmentReference, s: number, p: Position2): number {
  const k = Math.cos((p[1] * Math.PI) / 180);
  const ax = (ref.segs[4 * s] - p[0]) * k;
  const ay = ref.segs[4 * s + 1] - p[1];
  const bx = (ref.segs[4 * s + 2] - p[0]) * k;
  const by = ref.segs[4 * s + 3] - p[1];
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
  return Math.hypot(ax + t * dx, ay + t * dy) * M_PER_DEG;
}

function nearest(ref: AlignmentReference, p: Position2, only?: number[]): number {
  let best = CAP_M;
  if (only) {
    for (const s of only) best = Math.min(best, segDistance(ref, s, p));
    return best;
  }
  const cx = Math.floor(p[0] / CELL);
  const cy = Math.floor(p[1] / CELL);
  for (let dx = -SEARCH; dx <= SEARCH; dx++) {
    for (let dy = -SEARCH; dy <= SEARCH; dy++) {
      const list = ref.grid.get(cellKey(cx + dx, cy + dy));
      if (list) for (const s of list) best = Math.min(best, segDistance(ref, s, p));
    }
  }
  return best;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** Attribute names DataV GeoAtlas / AMap district exports carry. */
export const DATAV_KEYS = ['adcode', 'acroutes', 'center', 'centroid', 'parent', 'level', 'childrenNum', 'subFeatureIndex'] as const;

/** The DataV/AMap keys a layer's attributes carry (three or more, with adcode, make the fingerprint). */
export function datavFingerprint(properties: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const p of properties.slice(0, 50)) {
    if (!p || typeof p !== 'object') continue;
    for (const k of DATAV_KEYS) if (k in (p as object)) seen.add(k);
  }
  const keys = DATAV_KEYS.filter((k) => seen.has(k));
  return keys.includes('adcode') && keys.length >= 3 ? keys : [];
}

export interface AlignmentInput {
  /** Raw geometries, coordinates as written in the file (longitude/latitude in some datum). */
  geometry: Geometry;
  properties: unknown;
}

export interface AlignmentReport {
  /** The datum that fits; null when the layer cannot be compared or the fits do not decide. */
  datum: Datum | null;
  confidence: Confidence;
  /** Median distance (m) of the layer's sampled vertices to the bundled boundaries, per datum. */
  fits: { datum: Datum; medianM: number }[];
  /** How far the chosen reading moves the data from the numbers as written (m; 0 for WGS84). */
  shiftM: number;
  matchedBy: 'adcode' | 'name' | 'nearest' | null;
  /** Features matched to a bundled unit by adcode or name. */
  matched: number;
  samples: number;
  fingerprint: string[];
  /** The other reading the user can switch to with one click. */
  alternative: Datum | null;
  /** The finding, its numbers and why, as catalog messages. */
  msgs: IoMsg[];
}

const round = (m: number) => (m >= 100 ? Math.round(m / 10) * 10 : Math.round(m));
export const datumMsg = (d: Datum): IoMsg => DATUM_MSG[d];
const DATUM_MSG: Record<Datum, IoMsg> = {
  'EPSG:4326': msg('io.align.datum.wgs84'),
  'GCJ-02': msg('io.align.datum.gcj02'),
  'BD-09': msg('io.align.datum.bd09'),
};

function unitOf(ref: AlignmentReference, props: unknown): { adcode: string; by: 'adcode' | 'name' } | null {
  if (!props || typeof props !== 'object') return null;
  const p = props as Record<string, unknown>;
  const code = p.adcode ?? p.ADCODE ?? p.code;
  if ((typeof code === 'string' || typeof code === 'number') && ref.units.has(String(code))) return { adcode: String(code), by: 'adcode' };
  for (const k of ['name', 'NAME', '名称', 'zh']) {
    const v = p[k];
    if (typeof v === 'string' && ref.byName.has(v)) return { adcode: ref.byName.get(v)!, by: 'name' };
  }
  return null;
}

/**
 * Compares a layer with the bundled boundaries under WGS84, GCJ-02 and BD-09 and says which fits, how sure
 * that is and why. Pure: the reference is built once by the caller (the import worker).
 */
export function checkAlignment(layer: readonly AlignmentInput[], ref: AlignmentReference): AlignmentReport {
  const fingerprint = datavFingerprint(layer.map((f) => f.properties));
  const base = { fingerprint, matched: 0, samples: 0, shiftM: 0, fits: [] as AlignmentReport['fits'], matchedBy: null, alternative: null };
  // Vertices of lines and polygon rings, with the unit each feature names (if any).
  const verts: { p: Position; unit: string | null }[] = [];
  let matched = 0;
  let byName = 0;
  let total = 0;
  for (const f of layer) {
    if (f.geometry.type === 'Point' || f.geometry.type === 'MultiPoint') continue;
    const u = unitOf(ref, f.properties);
    if (u) {
      matched++;
      if (u.by === 'name') byName++;
    }
    forEachPosition(f.geometry, (p) => {
      total++;
      verts.push({ p, unit: u?.adcode ?? null });
    });
  }
  if (verts.length === 0) {
    return { ...base, datum: null, confidence: 'none', msgs: [msg('io.align.pointsOnly')] };
  }
  const step = Math.max(1, Math.floor(total / MAX_SAMPLES));
  const sample = verts.filter((_, i) => i % step === 0);
  const fits = DATUMS.map((datum) => {
    const ds = sample.map(({ p, unit }) => {
      const q = datum === 'EPSG:4326' ? (p as Position2) : toWgs84(DEF[datum], [p[0], p[1]]);
      return nearest(ref, q, unit ? ref.unitSegs.get(unit) : undefined);
    });
    return { datum, medianM: median(ds) };
  });
  const sorted = [...fits].sort((a, b) => a.medianM - b.medianM);
  const [best, second] = sorted;
  const matchedBy = matched > 0 ? (byName === matched ? 'name' : 'adcode') : 'nearest';
  const why: IoMsg[] = [
    matched > 0
      ? msg(matchedBy === 'name' ? 'io.align.why.name' : 'io.align.why.adcode', { n: matched, total: layer.length, samples: sample.length })
      : msg('io.align.why.nearest', { samples: sample.length }),
  ];
  if (fingerprint.length) why.push(msg('io.align.why.fingerprint', { keys: fingerprint.map((k) => `"${k}"`).join(', ') }));
  const common = { ...base, fits, matched, matchedBy: matchedBy as AlignmentReport['matchedBy'], samples: sample.length };
  const fitVars = { w: round(fits[0].medianM), g: round(fits[1].medianM), b: round(fits[2].medianM) };
  if (best.medianM > 500) {
    return { ...common, datum: null, confidence: 'none', msgs: [msg('io.align.offBoundaries', fitVars), ...why] };
  }
  const ratio = best.medianM / Math.max(second.medianM, 1);
  let confidence: Confidence = best.medianM <= 120 && ratio <= 0.3 ? 'high' : ratio <= 0.6 ? 'medium' : 'low';
  if (fingerprint.length && best.datum === 'GCJ-02' && confidence === 'medium') confidence = 'high';
  if (confidence === 'low') {
    return { ...common, datum: null, confidence, msgs: [msg('io.align.unclear', fitVars), ...why] };
  }
  const shifts = sample.slice(0, 50).map(({ p }) => {
    const q = best.datum === 'EPSG:4326' ? p : toWgs84(DEF[best.datum], [p[0], p[1]]);
    return Math.hypot((q[0] - p[0]) * Math.cos((p[1] * Math.PI) / 180), q[1] - p[1]) * M_PER_DEG;
  });
  const shiftM = shifts.reduce((a, b) => a + b, 0) / shifts.length;
  const verdict =
    best.datum === 'EPSG:4326'
      ? msg('io.align.fitsWgs84', { fit: round(best.medianM), other: round(second.medianM), otherDatum: DATUM_MSG[second.datum] })
      : msg('io.align.looksShifted', { datum: DATUM_MSG[best.datum], shift: round(shiftM), fit: round(best.medianM), other: round(fits[0].medianM) });
  const level = msg(`io.align.level.${confidence}` as 'io.align.level.high');
  return {
    ...common,
    datum: best.datum,
    confidence,
    shiftM,
    alternative: best.datum === 'EPSG:4326' ? second.datum : 'EPSG:4326',
    msgs: [verdict, msg('io.align.sure', { level, ratio: Math.round(1 / Math.max(ratio, 0.01)) }), ...why],
  };
}

/** The reference from the shipped basemap TopoJSON (public/data/basemap.topo.json): its counties. */
export function referenceFromBasemap(topology: Topology): AlignmentReference | null {
  const obj = topology.objects?.counties as GeometryCollection | undefined;
  if (!obj) return null;
  const fc = feature(topology, obj) as unknown as GeoJSON.FeatureCollection<Geometry, { adcode?: string; zh?: string }>;
  const units: ReferenceUnit[] = [];
  for (const f of fc.features) {
    if (!f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') || !f.properties?.adcode) continue;
    units.push({ adcode: f.properties.adcode, name: f.properties.zh ?? '', geometry: f.geometry });
  }
  return units.length ? buildReference(units) : null;
}
