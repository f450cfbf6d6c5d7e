#!/usr/bin/python3
# GEOS reference for the workbench bench (scripts/bench/workbench.ts), on the same inputs it writes:
#   points-in-polygons: N points (float64 lon,lat pairs) counted per county with shapely.vectorized.contains
#     (GEOS prepared geometry per county over the points in its box; boundary points are not counted, see below);
#   dissolve: every county unioned per prefecture (shapely.ops.unary_union, GEOS cascaded union).
# Needs Debian python3-shapely (and numpy). Run: /usr/bin/python3 scripts/bench/geos-workbench.py counties.geojson points.f64
# prints one line of JSON with counts, areas and time_s per task (reading the files not included).
import json
import sys
import time

import numpy as np
from shapely import vectorized
from shapely.geometry import shape
from shapely.ops import unary_union


def main(counties_path, points_path):
    with open(counties_path, encoding='utf-8') as f:
        feats = json.load(f)['features']
    geoms = [shape(ft['geometry']) for ft in feats]
    xy = np.fromfile(points_path, dtype='<f8').reshape(-1, 2)
    x, y = xy[:, 0], xy[:, 1]

    t0 = time.perf_counter()
    counts = []
    hit = np.zeros(len(x), dtype=bool)
    for g in geoms:
        x0, y0, x1, y1 = g.bounds
        inbox = np.nonzero((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1))[0]
        inside = vectorized.contains(g, x[inbox], y[inbox])
        counts.append(int(inside.sum()))
        hit[inbox[inside]] = True
    pip_s = time.perf_counter() - t0

    t1 = time.perf_counter()
    groups = {}
    for ft, g in zip(feats, geoms):
        groups.setdefault(ft['properties']['parent'], []).append(g)
    areas = {k: unary_union(v).area for k, v in sorted(groups.items())}
    dissolve_s = time.perf_counter() - t1

    print(json.dumps({
        'pip': {'counts': counts, 'outside': int((~hit).sum()), 'time_s': round(pip_s, 3)},
        'dissolve': {'areas': areas, 'time_s': round(dissolve_s, 3)},
    }))


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit('usage: geos-workbench.py counties.geojson points.f64')
    main(sys.argv[1], sys.argv[2])
