#!/usr/bin/python3
# GEOS reference for tests/unit/analysis/overlap.test.ts: area of each county ∩ its own prefecture.
# Needs Debian python3-shapely python3-pyproj. Run from the repo root:
#   npx tsx scripts/bench/overlap.ts --dump-units /tmp && /usr/bin/python3 scripts/bench/make-geos-county-fixture.py /tmp
import json, sys
from shapely.geometry import shape
from shapely.ops import transform
from shapely.validation import make_valid
import pyproj
aea = pyproj.Transformer.from_crs('EPSG:4326', '+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +ellps=WGS84 +units=m', always_xy=True)
d = sys.argv[1]
c = json.load(open(f'{d}/counties.json'))
p = {u['adcode']: u for u in json.load(open(f'{d}/prefectures.json'))}
raw = lambda u: transform(aea.transform, shape(u['geometry']))
P = {k: make_valid(raw(v)) for k, v in p.items()}
Pok = {k: abs(P[k].area - raw(v).area) <= 1e-9 * raw(v).area for k, v in p.items()}
out = {}
for u in c:
    r = raw(u); a = make_valid(r)
    if abs(a.area - r.area) > 1e-9 * r.area or not Pok[u["parent"]]: continue  # make_valid changed it: no common reading
    out[u['adcode']] = round(a.intersection(P[u['parent']]).area, 3)
fx = 'tests/fixtures/analysis/out/geos-overlap.json'
d = json.load(open(fx)); d.pop('basemapCountyOutsideOwnPrefecture', None)
d['basemapCountyInOwnPrefectureM2'] = {'how': 'shapely 1.8.5 / GEOS: area(make_valid(county) ∩ make_valid(prefecture)) in Albers (+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +ellps=WGS84), m², for public/data/basemap.topo.json of 2026-12-04 (GEOS-valid counties, scripts/basemap/repair.ts); counties that make_valid changes (or whose prefecture it changes) are left out', **out}
json.dump(d, open(fx, 'w'), ensure_ascii=False, indent=1)
print(f'{len(out)} of {len(c)} counties written to {fx}')
