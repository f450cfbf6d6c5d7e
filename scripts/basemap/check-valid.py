#!/usr/bin/python3
# GEOS check of the shipped basemap: every county, prefecture and province polygon is OGC-valid (shapely
# is_valid). Reads the TopoJSON itself (no topojson library): arcs are delta-encoded on the quantization grid.
# Needs Debian python3-shapely. Run from the repo root:
#   /usr/bin/python3 scripts/basemap/check-valid.py [public/data/basemap.topo.json]
# prints one line of JSON {"checked": n, "invalid": [[object, adcode, reason], …]}; exit status 1 when any is invalid.
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'pylib'))
from topo import decode  # noqa: E402

from shapely.geometry import MultiPolygon, Polygon
from shapely.validation import explain_validity


def main(path):
    with open(path, encoding='utf-8') as f:
        topo = json.load(f)
    ring, _ = decode(topo)

    checked = 0
    invalid = []
    for name in ('counties', 'prefectures', 'provinces'):
        for g in topo['objects'][name]['geometries']:
            polys = [g['arcs']] if g['type'] == 'Polygon' else g['arcs']
            geom = MultiPolygon([Polygon(ring(p[0]), [ring(h) for h in p[1:]]) for p in polys])
            checked += 1
            if not geom.is_valid:
                invalid.append([name, g.get('properties', {}).get('adcode', g.get('id')), explain_validity(geom)])
    print(json.dumps({'checked': checked, 'invalid': invalid}, ensure_ascii=False))
    return 1 if invalid else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'public/data/basemap.topo.json'))
