// Every shipped county polygon is OGC-valid for GEOS (issue 14: the bench's county overlay failed with
// "side location conflict"). scripts/basemap/check-valid.py reads public/data/basemap.topo.json with shapely.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');
const PY = '/usr/bin/python3';
const hasShapely = spawnSync(PY, ['-c', 'import shapely'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasShapely)('basemap polygons are GEOS-valid (needs Debian python3-shapely)', () => {
  it('every county and prefecture polygon passes shapely is_valid, except the one known Chongqing outline crossing', () => {
    const r = spawnSync(PY, [join(ROOT, 'scripts/basemap/check-valid.py'), join(ROOT, 'public/data/basemap.topo.json')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { checked: number; invalid: Array<[string, string, string]> };
    expect(out.checked).toBe(221 + 22 + 2);
    expect(out.invalid.filter(([level]) => level === 'counties')).toEqual([]);
    // Left: Chongqing's dissolved outline (prefecture 500000 = province 500000) crosses itself once where two of
    // its arcs cross after simplification; no county uses those arcs (README, basemap pipeline step 9).
    expect(out.invalid.map(([level, code, why]) => `${level} ${code} ${why.split('[')[0]}`)).toEqual([
      'prefectures 500000 Self-intersection',
      'provinces 500000 Self-intersection',
    ]);
  });
});
