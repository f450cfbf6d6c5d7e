#!/usr/bin/python3
"""Independent reference for typed Gauss-Kruger coordinates: PROJ (pyproj), not the app's proj4js, projects a few
WGS84 places into CGCS2000 GK zones (3° with and without zone prefix, 6°). Writes tests/fixtures/workbench/gk-points.json;
tests/unit/geo/typed.test.ts and tests/browser/workbench.spec.ts type these eastings/northings and require the WGS84
position back within 1 m. CGCS2000 is taken as WGS84 (< 0.1 m), as the app does.
Run: /usr/bin/python3 scripts/reference/gk-points.py
"""
import json
import os

import pyproj

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
PLACES = {"天府广场": (104.0657, 30.6574), "成都东站": (104.13892, 30.631308), "达州站": (107.468, 31.2093)}
# EPSG: 4543/4544/4545 3° CM 102/105/108 without prefix; 4522/4523/4524 the same with zone prefix 34/35/36; 4496 6° zone 18 (CM 105)
ZONES = {4543: ("3° CM 102", 102), 4544: ("3° CM 105", 105), 4545: ("3° CM 108", 108), 4523: ("3° zone 35 (prefix)", 105), 4524: ("3° zone 36 (prefix)", 108), 4496: ("6° zone 18 (prefix)", 105)}


def main():
    rows = []
    for name, (lon, lat) in PLACES.items():
        for epsg, (zone, cm) in ZONES.items():
            if abs(lon - cm) > 3:  # a place far outside a zone is not typed in it
                continue
            e, n = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:%d" % epsg, always_xy=True).transform(lon, lat)
            rows.append({"place": name, "lon": lon, "lat": lat, "epsg": epsg, "zone": zone, "easting": round(e, 3), "northing": round(n, 3)})
    out = {"generator": "scripts/reference/gk-points.py (pyproj %s, PROJ %s)" % (pyproj.__version__, pyproj.proj_version_str), "points": rows}
    dest = os.path.join(ROOT, "tests/fixtures/workbench/gk-points.json")
    with open(dest, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
