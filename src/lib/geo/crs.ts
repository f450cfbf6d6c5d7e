// Coordinate reference systems used by Chinese planning data, all converted to and from WGS84.
// The app works in WGS84 only; these conversions run at the import/export edges.
//
// EPSG codes (checked against the EPSG registry, e.g. epsg.io/4522 "Also found with truncated false
// easting - see ... CM 102E (code 4543)"):
//   CGCS2000 / 3-degree Gauss-Kruger zone Z  (false easting Z*1e6+500000): EPSG 4513 (Z 25, CM 75E) … 4533 (Z 45)
//     Sichuan/Chongqing: 4522 zone 34 (CM 102E), 4523 zone 35 (CM 105E), 4524 zone 36 (CM 108E)
//   CGCS2000 / 3-degree Gauss-Kruger CM xxxE (false easting 500000):   EPSG 4534 (CM 75E) … 4554 (CM 135E)
//     Sichuan/Chongqing: 4543 (CM 102E), 4544 (CM 105E), 4545 (CM 108E)
//   CGCS2000 / 6-degree Gauss-Kruger zone Z (false easting Z*1e6+500000): EPSG 4491 (Z 13) … 4501 (Z 23)
// proj4 definitions follow the EPSG ones: +proj=tmerc +lat_0=0 +lon_0=CM +k=1 +x_0=FE +y_0=0 +ellps=GRS80 +units=m
// (CGCS2000's ellipsoid has a=6378137, 1/f=298.257222101, identical to GRS80).
import proj4 from 'proj4';
import { tm, type Msg } from '../i18n/catalog.ts';

import type { Position2 } from './gcj02.ts';
export type { Position2 };
export type CrsKind = 'geographic' | 'projected' | 'offset';

export interface CrsDef {
  /** 'EPSG:4326', 'EPSG:4490', 'GCJ-02', 'BD-09', 'EPSG:4544', … or 'PRJ' for a custom .prj. */
  id: string;
  name: string;
  nameZh: string;
  kind: CrsKind;
  epsg?: number;
  /** proj4 string or WKT for geographic/projected systems (absent for GCJ-02/BD-09). */
  proj4?: string;
  centralMeridian?: number;
  zonePrefix?: boolean;
  /** What this conversion does and how accurate it is, shown to the user. */
  note: string;
}

export const WGS84: CrsDef = {
  id: 'EPSG:4326',
  name: 'WGS 84',
  nameZh: 'WGS84 经纬度',
  kind: 'geographic',
  epsg: 4326,
  proj4: '+proj=longlat +datum=WGS84 +no_defs',
  note: 'No conversion.',
};

export const CGCS2000: CrsDef = {
  id: 'EPSG:4490',
  name: 'CGCS2000 geographic',
  nameZh: 'CGCS2000 经纬度',
  kind: 'geographic',
  epsg: 4490,
  proj4: '+proj=longlat +ellps=GRS80 +no_defs',
  note:
    'CGCS2000 and WGS84 (G1762) agree to a few centimetres in China; treated as identical (error < 0.1 m).',
};

export const GCJ02: CrsDef = {
  id: 'GCJ-02',
  name: 'GCJ-02 (Gaode/AMap, Tencent)',
  nameZh: 'GCJ-02 火星坐标（高德、腾讯）',
  kind: 'offset',
  note:
    'GCJ-02 offsets WGS84 by a few hundred metres inside China. The forward formula is public; the inverse is ' +
    'solved iteratively to < 1 mm against that formula. Outside the China box no offset is applied.',
};

export const BD09: CrsDef = {
  id: 'BD-09',
  name: 'BD-09 (Baidu)',
  nameZh: 'BD-09 百度坐标',
  kind: 'offset',
  note: 'BD-09 = GCJ-02 plus Baidu\'s further offset; both inverses are solved iteratively to < 1 mm.',
};

export const WEB_MERCATOR: CrsDef = {
  id: 'EPSG:3857',
  name: 'WGS 84 / Pseudo-Mercator',
  nameZh: 'Web 墨卡托',
  kind: 'projected',
  epsg: 3857,
  proj4:
    '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
  note: 'Spherical Web Mercator in metres; exact inverse.',
};

/** CGCS2000 3° Gauss–Krüger zone by central meridian (75…135, step 3), with or without the zone prefix. */
export function gaussKruger3(cm: number, zonePrefix: boolean): CrsDef {
  if (!Number.isInteger(cm) || cm < 75 || cm > 135 || cm % 3 !== 0) {
    throw new RangeError(`no CGCS2000 3-degree Gauss-Kruger zone has central meridian ${cm}`);
  }
  const zone = cm / 3;
  const fe = zonePrefix ? zone * 1e6 + 500000 : 500000;
  const epsg = zonePrefix ? 4513 + (zone - 25) : 4534 + (zone - 25);
  return {
    id: `EPSG:${epsg}`,
    name: zonePrefix
      ? `CGCS2000 / 3-degree Gauss-Kruger zone ${zone} (CM ${cm}°E, x with zone prefix)`
      : `CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E`,
    nameZh: zonePrefix ? `CGCS2000 3度带 第${zone}带（中央经线${cm}°，带号）` : `CGCS2000 3度带 中央经线${cm}°（无带号）`,
    kind: 'projected',
    epsg,
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${fe} +y_0=0 +ellps=GRS80 +units=m +no_defs`,
    centralMeridian: cm,
    zonePrefix,
    note:
      'Transverse Mercator (proj4 extended series, sub-millimetre within the zone) on the CGCS2000 ellipsoid; ' +
      'CGCS2000 treated as WGS84 (< 0.1 m).',
  };
}

/** CGCS2000 6° Gauss–Krüger zone 13…23 with zone prefix (EPSG 4491…4501). */
export function gaussKruger6(zone: number): CrsDef {
  if (!Number.isInteger(zone) || zone < 13 || zone > 23) throw new RangeError(`no 6-degree zone ${zone}`);
  const cm = zone * 6 - 3;
  return {
    id: `EPSG:${4491 + zone - 13}`,
    name: `CGCS2000 / Gauss-Kruger zone ${zone} (6-degree, CM ${cm}°E)`,
    nameZh: `CGCS2000 6度带 第${zone}带（中央经线${cm}°）`,
    kind: 'projected',
    epsg: 4491 + zone - 13,
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${zone * 1e6 + 500000} +y_0=0 +ellps=GRS80 +units=m +no_defs`,
    centralMeridian: cm,
    zonePrefix: true,
    note: 'Transverse Mercator on the CGCS2000 ellipsoid; CGCS2000 treated as WGS84 (< 0.1 m).',
  };
}

/** The systems offered to users in Sichuan and Chongqing, in menu order. */
export const CRS_CHOICES: readonly CrsDef[] = [
  WGS84,
  CGCS2000,
  GCJ02,
  BD09,
  gaussKruger3(102, false),
  gaussKruger3(105, false),
  gaussKruger3(108, false),
  gaussKruger3(102, true),
  gaussKruger3(105, true),
  gaussKruger3(108, true),
  WEB_MERCATOR,
];

const ALIASES: Record<string, string> = {
  WGS84: 'EPSG:4326',
  'EPSG:4326': 'EPSG:4326',
  CGCS2000: 'EPSG:4490',
  'EPSG:4490': 'EPSG:4490',
  GCJ02: 'GCJ-02',
  'GCJ-02': 'GCJ-02',
  AMAP: 'GCJ-02',
  BD09: 'BD-09',
  'BD-09': 'BD-09',
  BAIDU: 'BD-09',
  'EPSG:3857': 'EPSG:3857',
  'EPSG:900913': 'EPSG:3857',
};

/** Look up a CRS by id or common alias ('EPSG:4544', 'GCJ02', 'wgs84'…); undefined when unknown. */
export function getCrs(id: string): CrsDef | undefined {
  const key = ALIASES[id.trim().toUpperCase()] ?? id.trim().toUpperCase();
  const fixed = [WGS84, CGCS2000, GCJ02, BD09, WEB_MERCATOR].find((c) => c.id === key);
  if (fixed) return fixed;
  const m = /^EPSG:(\d+)$/.exec(key);
  if (!m) return undefined;
  const code = Number(m[1]);
  if (code >= 4513 && code <= 4533) return gaussKruger3((code - 4513 + 25) * 3, true);
  if (code >= 4534 && code <= 4554) return gaussKruger3((code - 4534 + 25) * 3, false);
  if (code >= 4491 && code <= 4501) return gaussKruger6(code - 4491 + 13);
  return undefined;
}

/** A CRS from a .prj that is not one of ours; proj4 reads the WKT. Throws when proj4 cannot. */
export function crsFromPrj(wkt: string): CrsDef {
  const conv = proj4(wkt, 'EPSG:4326');
  const geographic = /^\s*GEOGCS/i.test(wkt);
  // proj4 must actually invert something sensible.
  conv.forward([0, 0]);
  const nameMatch = /^\s*(?:PROJCS|GEOGCS)\s*\[\s*"([^"]*)"/i.exec(wkt);
  const datumNote = /xian|beijing|1954|1980/i.test(wkt)
    ? ' Datum Beijing 1954 / Xian 1980: no datum shift applied, positions may be off by tens of metres.'
    : '';
  return {
    id: 'PRJ',
    name: nameMatch ? nameMatch[1] : 'Custom .prj',
    nameZh: nameMatch ? nameMatch[1] : '自定义 .prj',
    kind: geographic ? 'geographic' : 'projected',
    proj4: wkt,
    note: `Converted by proj4 from the .prj definition.${datumNote}`,
  };
}

// GCJ-02 / BD-09: their own module (src/lib/geo/gcj02.ts) so the map's online basemaps shift without proj4
export { inChinaBox, wgs84ToGcj02, gcj02ToWgs84, gcj02ToBd09, bd09ToGcj02 } from './gcj02.ts';
import { wgs84ToGcj02, gcj02ToWgs84, gcj02ToBd09, bd09ToGcj02 } from './gcj02.ts';

// --- generic transforms ---
type Converter = { toWgs84: (p: Position2) => Position2; fromWgs84: (p: Position2) => Position2 };
const converterCache = new Map<string, Converter>();

function converterFor(crs: CrsDef): Converter {
  const key = crs.id === 'PRJ' ? `PRJ:${crs.proj4}` : crs.id;
  const cached = converterCache.get(key);
  if (cached) return cached;
  let conv: Converter;
  if (crs.id === WGS84.id || crs.id === CGCS2000.id) {
    conv = { toWgs84: (p) => [p[0], p[1]], fromWgs84: (p) => [p[0], p[1]] };
  } else if (crs.id === GCJ02.id) {
    conv = { toWgs84: gcj02ToWgs84, fromWgs84: wgs84ToGcj02 };
  } else if (crs.id === BD09.id) {
    conv = {
      toWgs84: (p) => gcj02ToWgs84(bd09ToGcj02(p)),
      fromWgs84: (p) => gcj02ToBd09(wgs84ToGcj02(p)),
    };
  } else if (crs.proj4) {
    const pj = proj4(crs.proj4, WGS84.proj4 as string);
    conv = {
      toWgs84: (p) => pj.forward([p[0], p[1]]) as Position2,
      fromWgs84: (p) => pj.inverse([p[0], p[1]]) as Position2,
    };
  } else {
    throw new Error(`no conversion known for ${crs.id}`);
  }
  if (converterCache.size > 64) converterCache.clear();
  converterCache.set(key, conv);
  return conv;
}

export function toWgs84(crs: CrsDef, p: Position2): Position2 {
  return converterFor(crs).toWgs84(p);
}

export function fromWgs84(crs: CrsDef, p: Position2): Position2 {
  return converterFor(crs).fromWgs84(p);
}

// --- detection ---
export type Confidence = 'high' | 'medium' | 'low' | 'none';

export interface CrsDetection {
  crs: CrsDef | null;
  confidence: Confidence;
  /** Plain-language reason (English, for logs and tests). */
  reason: string;
  /** The same reason as catalog messages, rendered in the user's language by the UI. */
  reasonMsgs?: Msg[];
  /** Coordinates are [northing, easting] or [lat, lon] and must be swapped before conversion. */
  swapAxes: boolean;
  /** Other systems the same numbers could be in; the user picks if the guess is wrong. */
  alternatives: string[];
}

const num = (re: RegExp, wkt: string): number | undefined => {
  const m = re.exec(wkt);
  return m ? Number(m[1]) : undefined;
};

/** Match a .prj (OGC or Esri WKT) to one of our systems; null when it is not one of them. */
export function matchPrj(wkt: string): CrsDef | null {
  const text = wkt.replace(/\s+/g, ' ');
  const authority = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(text);
  if (authority) {
    const byCode = getCrs(`EPSG:${authority[1]}`);
    if (byCode) return byCode;
  }
  const isChina2000 = /China[ _]?2000|CGCS[ _]?2000|China Geodetic Coordinate System 2000/i.test(text);
  if (/^\s*GEOGCS/i.test(text)) {
    if (isChina2000) return CGCS2000;
    if (/WGS[ _]?(19)?84/i.test(text)) return WGS84;
    return null;
  }
  if (!/^\s*PROJCS/i.test(text)) return null;
  if (/Mercator_Auxiliary_Sphere|Pseudo[- ]Mercator|Popular Visualisation/i.test(text)) return WEB_MERCATOR;
  if (!isChina2000 || !/Transverse_Mercator|Gauss_Kruger/i.test(text)) return null;
  const cm = num(/central_meridian"\s*,\s*(-?[\d.]+)/i, text);
  const fe = num(/false_easting"\s*,\s*(-?[\d.]+)/i, text) ?? 0;
  const k = num(/scale_factor"\s*,\s*(-?[\d.]+)/i, text) ?? 1;
  const lat0 = num(/latitude_of_origin"\s*,\s*(-?[\d.]+)/i, text) ?? 0;
  if (cm === undefined || k !== 1 || lat0 !== 0 || !Number.isInteger(cm)) return null;
  if (cm % 3 === 0 && cm >= 75 && cm <= 135) {
    if (fe === 500000) return gaussKruger3(cm, false);
    if (fe === (cm / 3) * 1e6 + 500000) return gaussKruger3(cm, true);
  }
  if ((cm + 3) % 6 === 0 && fe === ((cm + 3) / 6) * 1e6 + 500000) {
    const zone = (cm + 3) / 6;
    if (zone >= 13 && zone <= 23) return gaussKruger6(zone);
  }
  return null;
}

type PointClass =
  | 'deg-china'
  | 'deg-china-swapped'
  | 'deg-world'
  | 'gk3-prefixed'
  | 'gk6-prefixed'
  | 'gk-plain'
  | 'gk3-prefixed-swapped'
  | 'gk6-prefixed-swapped'
  | 'gk-plain-swapped'
  | 'mercator'
  | 'unknown';

const isNorthing = (v: number) => v >= 1.0e6 && v <= 6.2e6; // China spans ~2.0e6 (Hainan) to ~5.9e6 m
const isPlainEasting = (v: number) => v >= 1.0e5 && v <= 9.0e5;
const prefixedZone = (v: number): number | null => {
  const zone = Math.floor(v / 1e6);
  const rest = v - zone * 1e6;
  return rest >= 1.0e5 && rest <= 9.0e5 ? zone : null;
};

function classify(x: number, y: number): { cls: PointClass; zone?: number } {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return { cls: 'unknown' };
  if (Math.abs(x) <= 180 && Math.abs(y) <= 180) {
    if (x >= 73 && x <= 136 && y >= 3 && y <= 54) return { cls: 'deg-china' };
    if (y >= 73 && y <= 136 && x >= 3 && x <= 54) return { cls: 'deg-china-swapped' };
    if (Math.abs(y) <= 90) return { cls: 'deg-world' };
    return { cls: 'unknown' };
  }
  const zx = prefixedZone(x);
  if (zx !== null && isNorthing(y)) {
    if (zx >= 25 && zx <= 45) return { cls: 'gk3-prefixed', zone: zx };
    if (zx >= 13 && zx <= 23) return { cls: 'gk6-prefixed', zone: zx };
  }
  if (isPlainEasting(x) && isNorthing(y)) return { cls: 'gk-plain' };
  const zy = prefixedZone(y);
  if (zy !== null && isNorthing(x)) {
    if (zy >= 25 && zy <= 45) return { cls: 'gk3-prefixed-swapped', zone: zy };
    if (zy >= 13 && zy <= 23) return { cls: 'gk6-prefixed-swapped', zone: zy };
  }
  if (isPlainEasting(y) && isNorthing(x)) return { cls: 'gk-plain-swapped' };
  if (x >= 7.5e6 && x <= 1.6e7 && y >= 0 && y <= 8e6) return { cls: 'mercator' };
  return { cls: 'unknown' };
}

const DEGREE_ALTERNATIVES = [CGCS2000.id, GCJ02.id, BD09.id];
const SICHUAN_ZONES = [gaussKruger3(102, false).id, gaussKruger3(105, false).id, gaussKruger3(108, false).id];

/**
 * Decide the CRS of some data from its .prj (if any) and a sample of its raw coordinates.
 * A .prj we recognise wins; otherwise the coordinate ranges decide, with a confidence that says how
 * much the numbers alone can tell (degrees cannot tell WGS84 from GCJ-02 or BD-09).
 */
/** A reason as catalog messages, with its English text for logs and tests. */
function because(msgs: Msg[]): { reason: string; reasonMsgs: Msg[] } {
  return { reason: msgs.map((m) => tm(m, 'en')).join(' '), reasonMsgs: msgs };
}

export function detectCrs(prj: string | undefined, sampleCoords: ReadonlyArray<ArrayLike<number>>): CrsDetection {
  if (prj && prj.trim()) {
    const matched = matchPrj(prj);
    if (matched) {
      return {
        crs: matched,
        confidence: 'high',
        ...because([{ key: 'io.crs.prjNames', vars: { id: matched.id } }]),
        swapAxes: false,
        alternatives: [],
      };
    }
    try {
      const custom = crsFromPrj(prj);
      return {
        crs: custom,
        confidence: 'medium',
        ...because([{ key: 'io.crs.prjCustom', vars: { name: custom.name } }]),
        swapAxes: false,
        alternatives: [],
      };
    } catch {
      // fall through to ranges, saying the .prj was unreadable
      const byRange = detectCrs(undefined, sampleCoords);
      return { ...byRange, ...because([{ key: 'io.crs.prjUnreadable' }, ...(byRange.reasonMsgs ?? [])]) };
    }
  }
  const counts = new Map<string, number>();
  let total = 0;
  for (const c of sampleCoords) {
    const { cls, zone } = classify(c[0], c[1]);
    const key = zone !== undefined ? `${cls}:${zone}` : cls;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  }
  if (total === 0) {
    return { crs: null, confidence: 'none', ...because([{ key: 'io.crs.noCoords' }]), swapAxes: false, alternatives: [] };
  }
  const [topKey, topCount] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  const [cls, zoneText] = topKey.split(':') as [PointClass, string | undefined];
  const zone = zoneText === undefined ? undefined : Number(zoneText);
  const agree = topCount === total;
  const share: Msg[] = agree ? [] : [{ key: 'io.crs.share', vars: { off: total - topCount, total } }];
  const swapNote = (swapped: boolean): Msg[] => (swapped ? [{ key: 'io.crs.swapped' }] : []);
  const demote = (c: Confidence): Confidence => (agree ? c : c === 'high' ? 'medium' : 'low');
  switch (cls) {
    case 'deg-china':
      return {
        crs: WGS84,
        confidence: demote('medium'),
        ...because([{ key: 'io.crs.degChina' }, ...share]),
        swapAxes: false,
        alternatives: DEGREE_ALTERNATIVES,
      };
    case 'deg-china-swapped':
      return {
        crs: WGS84,
        confidence: demote('medium'),
        ...because([{ key: 'io.crs.degChinaSwapped' }, ...share]),
        swapAxes: true,
        alternatives: DEGREE_ALTERNATIVES,
      };
    case 'deg-world':
      return {
        crs: WGS84,
        confidence: demote('medium'),
        ...because([{ key: 'io.crs.degWorld' }, ...share]),
        swapAxes: false,
        alternatives: [],
      };
    case 'gk3-prefixed':
    case 'gk3-prefixed-swapped': {
      const crs = gaussKruger3((zone as number) * 3, true);
      const swapped = cls.endsWith('swapped');
      return {
        crs,
        confidence: demote('medium'),
        ...because([{ key: 'io.crs.gk3', vars: { zone: zone as number, cm: (zone as number) * 3, id: crs.id } }, ...swapNote(swapped), ...share]),
        swapAxes: swapped,
        alternatives: [],
      };
    }
    case 'gk6-prefixed':
    case 'gk6-prefixed-swapped': {
      const crs = gaussKruger6(zone as number);
      const swapped = cls.endsWith('swapped');
      return {
        crs,
        confidence: demote('low'),
        ...because([{ key: 'io.crs.gk6', vars: { zone: zone as number, cm: (zone as number) * 6 - 3, id: crs.id } }, ...swapNote(swapped), ...share]),
        swapAxes: swapped,
        alternatives: [],
      };
    }
    case 'gk-plain':
    case 'gk-plain-swapped': {
      const crs = gaussKruger3(105, false);
      const swapped = cls.endsWith('swapped');
      return {
        crs,
        confidence: 'low',
        ...because([{ key: 'io.crs.gkPlain' }, ...swapNote(swapped), ...share]),
        swapAxes: swapped,
        alternatives: SICHUAN_ZONES.filter((id) => id !== crs.id),
      };
    }
    case 'mercator':
      return {
        crs: WEB_MERCATOR,
        confidence: demote('low'),
        ...because([{ key: 'io.crs.mercator' }, ...share]),
        swapAxes: false,
        alternatives: [],
      };
    default:
      return {
        crs: null,
        confidence: 'none',
        ...because([{ key: 'io.crs.unknown' }]),
        swapAxes: false,
        alternatives: [],
      };
  }
}
