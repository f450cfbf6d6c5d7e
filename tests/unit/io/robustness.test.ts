// Parsers never throw an unstructured exception: random bytes, truncated and mutated fixtures all come
// back as an ImportResult whose errors name the file.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importFile } from '../../../src/lib/io/import/index';
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
    for (const f of l.features) {
      const flat = JSON.stringify(f.geometry).match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? [];
      expect(flat.every((n) => Number.isFinite(Number(n)))).toBe(true);
    }
  }
}

describe('robustness', () => {
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
