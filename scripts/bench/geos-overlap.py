#!/usr/bin/python3
# GEOS reference for the overlap bench (scripts/bench/overlap.ts) and tests/fixtures/analysis/out/geos-overlap.json:
# every pair of polygons that intersect (touching included) and the sum of their intersection areas, in the same
# Albers equal-area projection as src/lib/analysis/projection.ts. Needs Debian python3-shapely python3-pyproj.
#   npx tsx scripts/bench/make-polygons.ts 1000 > /tmp/p.geojson && /usr/bin/python3 scripts/bench/geos-overlap.py /tmp/p.geojson
# prints one line of JSON: {"n": …, "pairs": …, "area_km2": …, "time_s": …}; time_s covers projection, index and pairs
# (not reading the file), like the "ours" figure of the bench.
import json
import sys
import time
import warnings

import pyproj
from shapely.geometry import shape
from shapely.ops import transform
from shapely.strtree import STRtree

warnings.filterwarnings('ignore', message='STRtree will be changed')  # shapely 1.8 on Debian 12

ALBERS = '+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +ellps=WGS84 +units=m'


def main(path):
    with open(path, encoding='utf-8') as f:
        features = json.load(f)['features']
    t0 = time.perf_counter()
    aea = pyproj.Transformer.from_crs('EPSG:4326', ALBERS, always_xy=True)
    geoms = [transform(aea.transform, shape(ft['geometry'])) for ft in features]
    # shapely 1.8's STRtree returns geometries, 2.x returns indices: map either back to the input index.
    index_of = {id(g): i for i, g in enumerate(geoms)}
    tree = STRtree(geoms)
    pairs = 0
    area_m2 = 0.0
    for i, a in enumerate(geoms):
        for hit in tree.query(a):
            j = index_of[id(hit)] if hasattr(hit, 'geom_type') else int(hit)
            if j <= i:
                continue
            b = geoms[j]
            if not a.intersects(b):
                continue
            pairs += 1
            area_m2 += a.intersection(b).area
    seconds = time.perf_counter() - t0
    print(json.dumps({'n': len(geoms), 'pairs': pairs, 'area_km2': round(area_m2 / 1e6, 3), 'time_s': round(seconds, 3)}))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: geos-overlap.py polygons.geojson')
    main(sys.argv[1])
