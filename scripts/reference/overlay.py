#!/usr/bin/python3
"""Independent reference for the overlay operations that make layers (clip, intersect, difference,
dissolve, union): shapely (GEOS) on the shipped TopoJSON, decoded here in Python (not with the app's
code). Writes tests/fixtures/workbench/overlay-reference.json: the inputs (ids, and the clip mask's
coordinates) and, per operation, the result features with their planar lon/lat areas (degrees²);
tests/unit/analysis/overlay.test.ts runs the app's operations on the same inputs and requires the same
features and areas within 0.1 %. Run: /usr/bin/python3 scripts/reference/overlay.py
"""
import json
import math
import os
import sys

from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.ops import unary_union

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pylib"))
from topo import decode  # noqa: E402

# 成德眉资: the prefectures of the Chengdu metropolitan area (成都, 德阳, 眉山, 资阳)
CHENGDU_METRO = ["510100", "510600", "511400", "512000"]
# 成都东站 and 天府广场 (WGS84); the mask is two overlapping 48-gons around them
CENTRES = [(104.1389, 30.6313, 0.25), (104.0657, 30.6574, 0.18)]
AREAL = ("Polygon", "MultiPolygon")


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return json.load(f)


def decoder(topo):
    ring, _point = decode(topo)

    def geometry(g):
        # a ring quantization collapsed to under 4 positions makes the feature invalid (left out)
        if any(len(ring(r)) < 4 for p in (g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]) for r in p):
            return None
        if g["type"] == "Polygon":
            rs = [ring(r) for r in g["arcs"]]
            return Polygon(rs[0], rs[1:])
        if g["type"] == "MultiPolygon":
            return MultiPolygon([(lambda rs: (rs[0], rs[1:]))([ring(r) for r in p]) for p in g["arcs"]])
        return None

    return geometry


def circle(lon, lat, r, n=48):
    pts = [(round(lon + r * math.cos(2 * math.pi * i / n), 6), round(lat + r * math.sin(2 * math.pi * i / n), 6)) for i in range(n)]
    return Polygon(pts + [pts[0]])


def parts(g):
    """Only the areal parts of a GEOS result (an intersection may add lines and points where borders touch)."""
    if g.is_empty:
        return None
    if g.geom_type == "Polygon":
        return g if g.area > 0 else None
    polys = [p for p in getattr(g, "geoms", []) if p.geom_type == "Polygon" and p.area > 0]
    polys += [q for p in getattr(g, "geoms", []) if p.geom_type == "MultiPolygon" for q in p.geoms if q.area > 0]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def row(key, g):
    return {"key": key, "area": g.area, "parts": 1 if g.geom_type == "Polygon" else len(g.geoms)}


def main():
    basemap = read("public/data/basemap.topo.json")
    plan = read("public/data/plan/map.topo.json")
    gb, gp = decoder(basemap), decoder(plan)
    counties = [(g["properties"]["adcode"], g["properties"]["parent"], gb(g)) for g in basemap["objects"]["counties"]["geometries"] if g["type"] in AREAL]
    prefectures = [(g["properties"]["adcode"], gb(g)) for g in basemap["objects"]["prefectures"]["geometries"] if g["type"] in AREAL]
    elements = [(g["properties"]["id"], gp(g)) for g in plan["objects"]["elements"]["geometries"] if g["type"] in AREAL]
    # only inputs GEOS finds valid take part (the app's validator leaves invalid ones out too)
    counties = [c for c in counties if c[2] is not None and c[2].is_valid]
    prefectures = [p for p in prefectures if p[1] is not None and p[1].is_valid]
    elements = sorted([e for e in elements if e[1] is not None and e[1].is_valid], key=lambda e: e[0])
    metro_counties = [c for c in counties if c[1] in CHENGDU_METRO]
    metro_prefectures = [p for p in prefectures if p[0] in CHENGDU_METRO]
    masks = [circle(*c) for c in CENTRES]
    mask = unary_union(masks)

    out = {
        "generator": "scripts/reference/overlay.py (shapely %s / GEOS); areas are planar lon/lat degrees²" % __import__("shapely").__version__,
        "inputs": {
            "metroCounties": [c[0] for c in metro_counties],
            "metroPrefectures": [p[0] for p in metro_prefectures],
            "counties": [c[0] for c in counties],
            "elements": [e[0] for e in elements],
            "masks": [mapping(m)["coordinates"] for m in masks],
        },
    }

    # clip: 成德眉资 counties cut to the mask
    clip = []
    for code, _parent, g in metro_counties:
        r = parts(g.intersection(mask))
        if r is not None:
            clip.append(row(code, r))
    out["clip"] = clip

    # intersect: plan polygons × 成德眉资 prefectures, every pair that shares area
    inter = []
    for eid, e in elements:
        for code, p in metro_prefectures:
            if not e.intersects(p):
                continue
            r = parts(e.intersection(p))
            if r is not None:
                inter.append(row("%s|%s" % (eid, code), r))
    out["intersect"] = inter

    # difference: 成德眉资 prefectures less every plan polygon
    every = unary_union([e[1] for e in elements])
    out["difference"] = [row(code, r) for code, p in metro_prefectures for r in [parts(p.difference(every))] if r is not None]

    # dissolve: every county by its prefecture (parent)
    groups = {}
    for code, parent, g in counties:
        groups.setdefault(parent, []).append(g)
    out["dissolve"] = [dict(row(parent, parts(unary_union(gs))), count=len(gs)) for parent, gs in sorted(groups.items())]

    # union: every plan polygon in one
    out["union"] = [dict(row("all", parts(every)), count=len(elements))]

    dest = os.path.join(ROOT, "tests/fixtures/workbench/overlay-reference.json")
    with open(dest, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(dest, ROOT), {k: len(v) for k, v in out.items() if isinstance(v, list)}, file=sys.stderr)


if __name__ == "__main__":
    main()
