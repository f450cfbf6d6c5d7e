#!/usr/bin/python3
"""Independent reference for points-in-polygons: plan hubs and stations counted per county and per
prefecture with shapely (GEOS), decoding the shipped TopoJSON here in Python (not with the app's
code). Writes tests/fixtures/workbench/stations-per-unit.json; the unit and browser tests compare
the app's counts with it. Run: /usr/bin/python3 scripts/reference/points-in-polygons.py
"""
import json
import os
import sys

from shapely.geometry import MultiPolygon, Point, Polygon

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pylib"))
from topo import decode  # noqa: E402


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return json.load(f)


def decoder(topo):
    """shapely geometry of a TopoJSON object."""
    ring, point = decode(topo)

    def geometry(g):
        t = g["type"]
        if t == "Polygon":
            rs = [ring(r) for r in g["arcs"]]
            return Polygon(rs[0], rs[1:])
        if t == "MultiPolygon":
            return MultiPolygon([(lambda rs: (rs[0], rs[1:]))([ring(r) for r in p]) for p in g["arcs"]])
        if t == "Point":
            return Point(point(g["coordinates"]))
        if t == "MultiPoint":
            return [Point(point(c)) for c in g["coordinates"]]
        return None

    return geometry


def main():
    basemap = read("public/data/basemap.topo.json")
    plan = read("public/data/plan/map.topo.json")
    geom_b = decoder(basemap)
    geom_p = decoder(plan)
    hubs = []
    for g in plan["objects"]["elements"]["geometries"]:
        p = g.get("properties", {})
        if p.get("kind") == "hub" and g["type"] == "Point":
            hubs.append((p["id"], p["accuracy"], geom_p(g)))
    out = {
        "generator": "scripts/reference/points-in-polygons.py (shapely %s, GEOS covers)" % __import__("shapely").__version__,
        "points": "plan elements of kind hub with Point geometry",
        "hubs": len(hubs),
        "hubsLocated": sum(1 for h in hubs if h[1] == "located"),
    }
    for level in ("counties", "prefectures"):
        units = [(g["properties"]["adcode"], geom_b(g)) for g in basemap["objects"][level]["geometries"]]
        # a unit whose TopoJSON polygon GEOS finds invalid (one prefecture outline) is made valid first
        polys = [u[1] if u[1].is_valid else u[1].buffer(0) for u in units]
        for name, only_located in (("all", False), ("located", True)):
            counts = {}
            outside = 0
            for _id, acc, pt in hubs:
                if only_located and acc != "located":
                    continue
                hit = [units[i][0] for i in range(len(units)) if polys[i].covers(pt)]  # 221 × 50: brute force
                if not hit:
                    outside += 1
                for code in hit:
                    counts[code] = counts.get(code, 0) + 1
            out["%s_%s" % (level, name)] = {"counts": dict(sorted(counts.items())), "outside": outside}
    dest = os.path.join(ROOT, "tests/fixtures/workbench/stations-per-unit.json")
    with open(dest, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(dest, ROOT), "hubs", len(hubs), file=sys.stderr)


if __name__ == "__main__":
    main()
