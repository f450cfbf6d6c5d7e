// Parsers never throw an unstructured exception: random bytes, truncated and mutated fixtures all come
// back as an ImportResult whose errors name the file.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importFile } from '../../../src/lib/io/importFile';
import { fixture } from './helpers';

const NAMES = ['x.geojson', 'x.topojson', 'x.kml', 'x.kmz', 'x.zip', 'x.shp', 'x.csv', 'x.tsv', 'x.bin'];
const FIXTURES = ['plan.geojson', 'plan.topojson', 'plan.kml', 'plan.kmz', 'shp-gbk.zip', 'shp-gk105.zip', 'points-lonlat.csv', 'bd09.csv'];

async function expectStructured(name: string, bytes: Uint8Array) {
  const r = await importFile(name, bytes, { limits: { maxUncompressedBytes: 8 * 1024 * 1024 } });
  expect(Array.isArray(r.layers)).toBe(true);
  for (const e of r.errors) {
    expect(typeof e.code).toBe('string');
    expect(e.message.startsWith(`${name}`)).toBe(true);
  }
  for (const l of r.layers) {
    for (const f of l.features) expect(badCoordinates(f.geometry), `${name} › ${String(f.id)}`).toEqual([]);
  }
}

/** Every coordinate value that is not a finite number (NaN, ±Infinity, null, a string…), walked directly:
 *  JSON.stringify would turn NaN and Infinity into null and hide them. */
function badCoordinates(g: unknown): unknown[] {
  const bad: unknown[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c)) for (const x of c) walk(x);
    else if (typeof c !== 'number' || !Number.isFinite(c)) bad.push(c);
  };
  if (g === null || g === undefined) return bad;
  const geom = g as { type?: string; coordinates?: unknown; geometries?: unknown[] };
  if (geom.type === 'GeometryCollection') for (const x of geom.geometries ?? []) bad.push(...badCoordinates(x));
  else walk(geom.coordinates);
  return bad;
}

describe('robustness', () => {
  it('the coordinate check catches NaN, Infinity and null', () => {
    expect(badCoordinates({ type: 'Point', coordinates: [104, 30] })).toEqual([]);
    expect(badCoordinates({ type: 'LineString', coordinates: [[104, NaN], [Infinity, 30], [null, 1]] })).toEqual([NaN, Infinity, null]);
    expect(badCoordinates({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [-Infinity, 0] }] })).toEqual([-Infinity]);
  });

  it('random bytes under every extension', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.uint8Array({ minLength: 0, maxLength: 600 }), async (name, bytes) => {
        await expectStructured(name, bytes);
      }),
      { numRuns: 400 },
    );
  });

  it('random bytes behind a valid zip / shapefile / JSON prefix', async () => {
    const prefixes = [
      new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
      new Uint8Array([0, 0, 0x27, 0x0a, ...new Array(96).fill(0)]),
      new TextEncoder().encode('{"type":"FeatureCollection","features":['),
      new TextEncoder().encode('{"type":"Topology","arcs":[[[0,0]]],"objects":{"a":'),
      new TextEncoder().encode('<kml><Placemark><Point><coordinates>'),
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 400 }), async (prefix, name, tail) => {
        const b = new Uint8Array(prefix.length + tail.length);
        b.set(prefix);
        b.set(tail, prefix.length);
        await expectStructured(name, b);
      }),
      { numRuns: 300 },
    );
  });

  it('truncated and byte-flipped fixtures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIXTURES), fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 6 }), async (file, cut, flips) => {
        const src = fixture(file);
        const b = src.slice(0, Math.floor(src.length * cut));
        for (const [i, v] of flips) if (b.length) b[i % b.length] = v;
        await expectStructured(file, b);
      }),
      { numRuns: 300 },
    );
  });
});
