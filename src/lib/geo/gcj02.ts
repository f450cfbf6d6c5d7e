// GCJ-02 (the offset Chinese web maps use) and BD-09 (Baidu's), to and from WGS84. Kept apart from crs.ts
// (proj4, Gauss–Krüger) because the map itself needs these for online basemaps on first load, proj4 only on import.
export type Position2 = [number, number];

// public formulas; Krasovsky constants
const GCJ_A = 6378245.0;
const GCJ_EE = 0.006693421622965943;
const BD_K = (Math.PI * 3000.0) / 180.0;

export function inChinaBox(lon: number, lat: number): boolean {
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

function gcjDelta(lon: number, lat: number): Position2 {
  const x = lon - 105.0;
  const y = lat - 35.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLat += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  let dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLon += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLon += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLon += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - GCJ_EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((GCJ_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [dLon, dLat];
}

export function wgs84ToGcj02([lon, lat]: Position2): Position2 {
  if (!inChinaBox(lon, lat)) return [lon, lat];
  const [dLon, dLat] = gcjDelta(lon, lat);
  return [lon + dLon, lat + dLat];
}

// Fixed-point inverse: both forward maps are identity plus a slowly varying shift, so this converges
// in a handful of steps; 1e-11° is about 1 micrometre.
function invert(forward: (p: Position2) => Position2, target: Position2): Position2 {
  let [lon, lat] = target;
  for (let i = 0; i < 40; i++) {
    const [fLon, fLat] = forward([lon, lat]);
    const dLon = fLon - target[0];
    const dLat = fLat - target[1];
    lon -= dLon;
    lat -= dLat;
    if (Math.abs(dLon) < 1e-11 && Math.abs(dLat) < 1e-11) break;
  }
  return [lon, lat];
}

export function gcj02ToWgs84(p: Position2): Position2 {
  if (!inChinaBox(p[0], p[1])) return [p[0], p[1]];
  return invert(wgs84ToGcj02, p);
}

export function gcj02ToBd09([lon, lat]: Position2): Position2 {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * BD_K);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * BD_K);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

export function bd09ToGcj02(p: Position2): Position2 {
  return invert(gcj02ToBd09, p);
}

