#!/usr/bin/python3
"""GDAL reference for the real-county overlap (issue 14): every pair of shipped counties that intersect (touching
included), how many overlap with area, and the sum of intersection areas, computed by GDAL's own tools
(ogr2ogr into a GeoPackage in the app's Albers projection, then ogrinfo -dialect SQLite with ST_Intersects /
ST_Intersection / ST_Area, i.e. GEOS through SpatiaLite) and GDAL's validity check (ST_IsValid).
The intersection of two counties that overlap a little is a GEOMETRYCOLLECTION (the sliver polygons plus the shared
border lines); SpatiaLite's ST_Area returns 0 for a collection, so the polygons are taken out first with
CollectionExtract(…, 3). Without that, GDAL reports the slivers as 0 km².

The counties are decoded from public/data/basemap.topo.json here in Python (scripts/pylib/topo.py), not with the
app's code. Writes tests/fixtures/basemap/gdal-county-overlap.json; tests/unit/basemap/gdal-overlap.test.ts compares
the app's overlap kernel with it. Needs Debian gdal-bin (ogr2ogr, ogrinfo). Run from the repo root:
    /usr/bin/python3 scripts/reference/gdal-county-overlap.py [--check]
--check recomputes and compares with the committed fixture instead of writing it (exit 1 on a difference).
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "pylib"))
from topo import decode  # noqa: E402

BASEMAP = "public/data/basemap.topo.json"
FIXTURE = "tests/fixtures/basemap/gdal-county-overlap.json"
# the same projection as src/lib/analysis/projection.ts (ALBERS_CHINA)
ALBERS = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +ellps=WGS84 +units=m +no_defs"
# below this an intersection counts as touching only (a shared border computed in floating point)
SLIVER_M2 = 1.0


def counties_geojson(topo):
    ring, _ = decode(topo)
    feats = []
    for g in topo["objects"]["counties"]["geometries"]:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        coords = [[ring(r) for r in p] for p in polys]
        adcode = (g.get("properties") or {}).get("adcode", g.get("id"))
        feats.append({"type": "Feature", "properties": {"adcode": str(adcode)},
                      "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return {"type": "FeatureCollection", "features": feats}


def ogrinfo_sql(gpkg, sql):
    r = subprocess.run(["ogrinfo", "-ro", "-q", gpkg, "-dialect", "SQLite", "-sql", sql],
                       capture_output=True, text=True, check=True)
    return r.stdout


def fields(out, name, cast):
    return [cast(v) for v in re.findall(rf"^\s*{name} \(\w+\) = (.*)$", out, re.M)]


def version():
    r = subprocess.run(["ogrinfo", "--version"], capture_output=True, text=True, check=True)
    return r.stdout.strip()


def measure():
    with open(os.path.join(ROOT, BASEMAP), "rb") as f:
        raw = f.read()
    topo = json.loads(raw)
    with tempfile.TemporaryDirectory(prefix="gdal-overlap-") as d:
        src, gpkg = os.path.join(d, "counties.geojson"), os.path.join(d, "c.gpkg")
        with open(src, "w", encoding="utf-8") as f:
            json.dump(counties_geojson(topo), f)
        subprocess.run(["ogr2ogr", "-f", "GPKG", gpkg, src, "-nln", "c", "-t_srs", ALBERS,
                        "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid"], check=True, capture_output=True)
        invalid = fields(ogrinfo_sql(gpkg, "SELECT adcode FROM c WHERE NOT ST_IsValid(geom) ORDER BY adcode"), "adcode", str)
        sql = (
            "SELECT a.adcode AS a, b.adcode AS b, printf('%.3f', COALESCE(ST_Area(CollectionExtract(ST_Intersection(a.geom, b.geom), 3)), 0)) AS m2 FROM c a "
            "JOIN rtree_c_geom r ON r.minx <= ST_MaxX(a.geom) AND r.maxx >= ST_MinX(a.geom) "
            "AND r.miny <= ST_MaxY(a.geom) AND r.maxy >= ST_MinY(a.geom) "
            "JOIN c b ON b.fid = r.id WHERE b.adcode > a.adcode AND ST_Intersects(a.geom, b.geom) ORDER BY a.adcode, b.adcode"
        )
        out = ogrinfo_sql(gpkg, sql)
    a, b, m2 = fields(out, "a", str), fields(out, "b", str), fields(out, "m2", float)  # m2 printed by SQLite: exact text
    if not (len(a) == len(b) == len(m2)) or not a:
        raise SystemExit(f"unexpected ogrinfo output ({len(a)}/{len(b)}/{len(m2)} values)")
    overlapping = {f"{x}/{y}": round(v, 1) for x, y, v in zip(a, b, m2) if v >= SLIVER_M2}
    return {
        "how": (
            "GDAL: ogr2ogr → GPKG in Albers (" + ALBERS + "), ogrinfo -dialect SQLite: pairs with ST_Intersects "
            "(touching included), ST_Area(CollectionExtract(ST_Intersection, 3)) per pair; ST_IsValid per county. Counties decoded from the "
            "shipped TopoJSON by scripts/pylib/topo.py. Made by scripts/reference/gdal-county-overlap.py."
        ),
        "gdal": version(),
        "basemap": BASEMAP,
        "basemapSha256": hashlib.sha256(raw).hexdigest(),
        "counties": len(topo["objects"]["counties"]["geometries"]),
        "invalid": invalid,
        "pairs": len(a),
        "sliverM2": SLIVER_M2,
        "overlappingPairs": len(overlapping),
        "areaKm2": round(sum(m2) / 1e6, 3),
        "overlapM2": overlapping,
    }


def main(argv):
    res = measure()
    path = os.path.join(ROOT, FIXTURE)
    if "--check" in argv:
        with open(path, encoding="utf-8") as f:
            old = json.load(f)
        same = {k: v for k, v in res.items() if k != "gdal"} == {k: v for k, v in old.items() if k != "gdal"}
        print(json.dumps({"same": same, "pairs": res["pairs"], "areaKm2": res["areaKm2"], "invalid": res["invalid"]}))
        return 0 if same else 1
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(res, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{FIXTURE}: {res['pairs']} pairs ({res['overlappingPairs']} ≥ {SLIVER_M2} m²), {res['areaKm2']} km², "
          f"{len(res['invalid'])} invalid counties ({res['gdal']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
