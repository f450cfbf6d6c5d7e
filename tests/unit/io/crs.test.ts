import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import gcoord from 'gcoord';
import {
  BD09,
  CGCS2000,
  detectCrs,
  fromWgs84,
  gaussKruger3,
  GCJ02,
  getCrs,
  matchPrj,
  toWgs84,
  WGS84,
} from '../../../src/lib/geo/crs';
import { krugerForward, metres } from './helpers';

// Inside mainland China, away from the box edges where GCJ-02 switches off.
const china = fc.tuple(fc.double({ min: 74, max: 134, noNaN: true }), fc.double({ min: 18, max: 53, noNaN: true }));
const sichuan = fc.tuple(fc.double({ min: 97.4, max: 110.2, noNaN: true }), fc.double({ min: 26, max: 34.3, noNaN: true }));

describe('EPSG registry', () => {
  it('uses the EPSG codes for CGCS2000 3° zones in Sichuan and Chongqing', () => {
    // EPSG registry: 4543/4544/4545 = "3-degree Gauss-Kruger CM 102E/105E/108E"; 4522/4523/4524 = zones 34/35/36.
    expect([102, 105, 108].map((cm) => gaussKruger3(cm, false).epsg)).toEqual([4543, 4544, 4545]);
    expect([102, 105, 108].map((cm) => gaussKruger3(cm, true).epsg)).toEqual([4522, 4523, 4524]);
    expect(gaussKruger3(105, true).proj4).toContain('+x_0=35500000');
    expect(gaussKruger3(114, false).epsg).toBe(4547); // widely used for Guangdong; anchors the numbering
    expect(getCrs('EPSG:4544')?.centralMeridian).toBe(105);
    expect(getCrs('gcj02')).toBe(GCJ02);
    expect(getCrs('EPSG:9999')).toBeUndefined();
  });

  it('agrees with an independent Krüger-series Transverse Mercator to 1 mm across Sichuan', () => {
    fc.assert(
      fc.property(sichuan, ([lon, lat]) => {
        const cm = Math.round(lon / 3) * 3;
        const ours = fromWgs84(gaussKruger3(cm, true), [lon, lat]);
        const ref = krugerForward(lon, lat, cm, (cm / 3) * 1e6 + 500000);
        expect(Math.hypot(ours[0] - ref[0], ours[1] - ref[1])).toBeLessThan(0.001);
      }),
      { numRuns: 300 },
    );
  });

  it('GK forward/inverse round trip < 1 mm (property)', () => {
    fc.assert(
      fc.property(sichuan, fc.constantFrom(102, 105, 108), fc.boolean(), ([lon, lat], cm, prefix) => {
        const crs = gaussKruger3(cm, prefix);
        const xy = fromWgs84(crs, [lon, lat]);
        const back = toWgs84(crs, xy);
        const again = fromWgs84(crs, back);
        expect(Math.hypot(again[0] - xy[0], again[1] - xy[1])).toBeLessThan(0.001);
        expect(metres(back, [lon, lat])).toBeLessThan(0.001);
      }),
      { numRuns: 300 },
    );
  });
});

describe('GCJ-02 and BD-09', () => {
  it('forward matches gcoord and the offset is tens to hundreds of metres', () => {
    fc.assert(
      fc.property(china, (p) => {
        const ours = fromWgs84(GCJ02, p);
        const ref = gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number];
        expect(metres(ours, ref)).toBeLessThan(0.001);
        const bdOurs = fromWgs84(BD09, p);
        const bdRef = gcoord.transform(p, gcoord.WGS84, gcoord.BD09) as [number, number];
        expect(metres(bdOurs, bdRef)).toBeLessThan(0.001);
        expect(metres(ours, p)).toBeGreaterThan(10);
        expect(metres(ours, p)).toBeLessThan(1200);
      }),
      { numRuns: 300 },
    );
  });

  it('WGS84 → GCJ-02 → WGS84 round trip < 1 m inside China (measured < 1 mm)', () => {
    let worst = 0;
    fc.assert(
      fc.property(china, (p) => {
        const back = toWgs84(GCJ02, fromWgs84(GCJ02, p));
        worst = Math.max(worst, metres(back, p));
        expect(metres(back, p)).toBeLessThan(1);
        const bdBack = toWgs84(BD09, fromWgs84(BD09, p));
        expect(metres(bdBack, p)).toBeLessThan(1);
      }),
      { numRuns: 500 },
    );
    expect(worst).toBeLessThan(0.001);
  });

  it('applies no offset outside China', () => {
    expect(fromWgs84(GCJ02, [2.35, 48.85])).toEqual([2.35, 48.85]);
    expect(toWgs84(GCJ02, [2.35, 48.85])).toEqual([2.35, 48.85]);
  });
});

describe('detectCrs', () => {
  const zy: [number, number] = [104.6275, 30.1289];
  it('a CGCS2000 GK .prj wins, Esri and OGC style', () => {
    const esri =
      'PROJCS["CGCS2000_3_Degree_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const d = detectCrs(esri, [[464105, 3334461]]);
    expect(d.crs?.id).toBe('EPSG:4544');
    expect(d.confidence).toBe('high');
    const zone = esri.replace('500000.0', '36500000.0').replace('Central_Meridian",105.0', 'Central_Meridian",108.0');
    expect(matchPrj(zone)?.id).toBe('EPSG:4524');
    const ogc =
      'PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 34",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",102],PARAMETER["scale_factor",1],PARAMETER["false_easting",34500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","4522"]]';
    expect(matchPrj(ogc)?.id).toBe('EPSG:4522');
    expect(matchPrj('GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]]]')).toBe(CGCS2000);
  });

  it('an unknown but valid .prj goes through proj4 with medium confidence', () => {
    const utm48 =
      'PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const d = detectCrs(utm48, []);
    expect(d.crs?.id).toBe('PRJ');
    expect(d.confidence).toBe('medium');
    // UTM 48N of Ziyang, by the Krüger reference with k0 = 0.9996 on WGS84 (close enough to CGCS2000 here).
    const ref = krugerForward(zy[0], zy[1], 105, 500000);
    const utm: [number, number] = [500000 + (ref[0] - 500000) * 0.9996, ref[1] * 0.9996];
    expect(metres(toWgs84(d.crs!, utm), zy)).toBeLessThan(1);
  });

  it('tells degrees, swapped degrees, prefixed/plain GK, swapped GK and Web Mercator from ranges', () => {
    const gk105 = fromWgs84(gaussKruger3(105, false), zy);
    const gk35 = fromWgs84(gaussKruger3(105, true), zy);
    expect(detectCrs(undefined, [zy])).toMatchObject({ crs: WGS84, confidence: 'medium', swapAxes: false });
    expect(detectCrs(undefined, [zy]).alternatives).toEqual(expect.arrayContaining(['GCJ-02', 'BD-09']));
    expect(detectCrs(undefined, [[zy[1], zy[0]]])).toMatchObject({ crs: WGS84, swapAxes: true });
    expect(detectCrs(undefined, [gk35]).crs?.id).toBe('EPSG:4523');
    expect(detectCrs(undefined, [[gk35[1], gk35[0]]])).toMatchObject({ swapAxes: true });
    expect(detectCrs(undefined, [[gk35[1], gk35[0]]]).crs?.id).toBe('EPSG:4523');
    const plain = detectCrs(undefined, [gk105]);
    expect(plain).toMatchObject({ confidence: 'low' });
    expect(plain.crs?.id).toBe('EPSG:4544');
    expect(plain.alternatives).toEqual(['EPSG:4543', 'EPSG:4545']);
    expect(detectCrs(undefined, [[11647000, 3520000]]).crs?.id).toBe('EPSG:3857');
    expect(detectCrs(undefined, [[98765432.1, 12345.6]])).toMatchObject({ crs: null, confidence: 'none' });
  });

  it('lowers confidence when sampled points disagree', () => {
    const d = detectCrs(undefined, [zy, zy, zy, [200, 95]]);
    expect(d.confidence).toBe('low');
    expect(d.reason).toMatch(/1 of 4/);
  });
});
