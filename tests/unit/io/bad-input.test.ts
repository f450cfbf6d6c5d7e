// Every bad-input class gets a message naming the file, the feature (where there is one) and the problem.
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/lib/io/importFile';
import { fixture } from './helpers';

const load = (name: string, options = {}) => importFile(name, fixture(`bad/${name}`), options);

describe('file-level problems', () => {
  it.each([
    ['malformed.geojson', 'bad-json', /^malformed\.geojson: malformed JSON at line 3, column \d+/],
    ['empty.geojson', 'empty-file', /^empty\.geojson: the file is empty/],
    ['empty-collection.geojson', 'empty-file', /^empty-collection\.geojson: no features/],
    ['not-geojson.json', 'not-geojson', /^not-geojson\.json: JSON but not GeoJSON/],
    ['not-kml.kml', 'not-kml', /^not-kml\.kml: XML but not KML \(root element is <gpx>\)/],
    ['xml-bomb.kml', 'xml-entities', /^xml-bomb\.kml: .*entities/],
    ['dbf-only.zip', 'shp-missing', /^dbf-only\.zip: holds places\.dbf but no \.shp/],
    ['zip-bomb.zip', 'zip-bomb', /^zip-bomb\.zip: entry "bomb\.shp" expands more than 200 times/],
    ['unknown-projected.geojson', 'crs-unknown', /^unknown-projected\.geojson: .*cannot be determined/],
  ])('%s → %s', async (name, code, message) => {
    const r = await load(name);
    expect(r.layers).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].code).toBe(code);
    expect(r.errors[0].file).toBe(name);
    expect(r.errors[0].message).toMatch(message);
  });

  it('oversized file is refused with both sizes named', async () => {
    const r = await load('oversized.geojson', { limits: { maxBytes: 64 * 1024 } });
    expect(r.errors[0]).toMatchObject({ code: 'file-too-large' });
    expect(r.errors[0].message).toMatch(/^oversized\.geojson: \d+ KiB is over the 64 KiB limit/);
  });

  it('too many features is refused', async () => {
    const r = await load('oversized.geojson', { limits: { maxFeatures: 100 } });
    expect(r.errors[0].message).toMatch(/^oversized\.geojson: 500 features is over the limit of 100/);
  });

  it('the zip bomb is also stopped by the total-size limit, before much is unpacked', async () => {
    const r = await load('zip-bomb.zip', { limits: { maxZipRatio: 1e9, maxUncompressedBytes: 4 * 1024 * 1024 } });
    expect(r.errors[0]).toMatchObject({ code: 'zip-too-large' });
    expect(r.errors[0].message).toMatch(/^zip-bomb\.zip: unpacking exceeds 4 MiB/);
  });
});

describe('feature-level problems keep the rest and lose nothing', () => {
  it('wrong or missing geometry: each bad feature named and kept aside', async () => {
    const r = await load('bad-geometry.geojson');
    const l = r.layers[0];
    expect(l.features.map((f) => f.id)).toEqual(['ok']);
    expect(l.rejected.map((x) => [x.index, x.id])).toEqual([
      [1, 'no-geom'],
      [2, 'wrong-type'],
      [3, 'string-coords'],
      [4, 'short-line'],
    ]);
    const reasons = l.rejected.map((x) => x.reason);
    expect(reasons[0]).toBe('bad-geometry.geojson › feature 1 (id "no-geom"): has no geometry; kept aside, not imported.');
    expect(reasons[1]).toMatch(/feature 2 \(id "wrong-type"\): .*unknown type "Circle"/);
    expect(reasons[2]).toMatch(/feature 3 \(id "string-coords"\): .*not a pair of finite numbers/);
    expect(reasons[3]).toMatch(/feature 4 \(id "short-line"\): .*1 position\(s\), needs at least 2/);
    expect((l.rejected[0].source as { properties: unknown }).properties).toEqual({ name: 'missing' });
  });

  it('unclosed ring is closed with a warning; self-intersection warned; degenerate ring kept aside', async () => {
    const l = (await load('rings.geojson')).layers[0];
    expect(l.features.map((f) => f.id)).toEqual(['unclosed', 'bowtie']);
    const ring = (l.features[0].geometry as GeoJSON.Polygon).coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    const msg = (code: string) => l.warnings.filter((w) => w.code === code).map((w) => w.message);
    expect(msg('ring-not-closed')).toEqual(['rings.geojson › feature 0 (id "unclosed"): 1 polygon ring(s) not closed; closed by repeating the first point.']);
    expect(msg('self-intersection')[0]).toMatch(/^rings\.geojson › feature 1 \(id "bowtie"\): polygon ring crosses itself near \[104\.100000, 30\.100000\]/);
    expect(l.rejected[0].reason).toMatch(/feature 2 \(id "two-points"\): .*ring 0 has fewer than 3 distinct positions/);
  });

  it('coordinates out of range: that feature kept aside, with the coordinate named', async () => {
    const l = (await load('out-of-range.geojson')).layers[0];
    expect(l.features.map((f) => f.id)).toEqual(['a', 'b']);
    expect(l.rejected[0].reason).toBe(
      'out-of-range.geojson › feature 2 (id "far"): coordinate [200,95] is out of range (longitude −180…180, latitude −90…90); kept aside, not imported.',
    );
  });

  it('projected coordinates without .prj: imported with a low-confidence guess that says so', async () => {
    const l = (await load('projected-no-prj.zip')).layers[0];
    expect(l.crs.used).toBe('EPSG:4544');
    expect(l.crs.detected.confidence).toBe('low');
    expect(l.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['no-prj', 'crs-guess']));
    expect(l.warnings.find((w) => w.code === 'crs-guess')?.message).toMatch(/^projected-no-prj\.zip: .*no \.prj.*CM 105/);
    // The user's choice overrides the guess.
    const chosen = (await load('projected-no-prj.zip', { crs: 'EPSG:4543' })).layers[0];
    expect(chosen.crs).toMatchObject({ used: 'EPSG:4543', byUser: true });
  });

  it('.shp without .dbf: shapes imported, missing attributes named', async () => {
    const l = (await load('shp-no-dbf.zip')).layers[0];
    expect(l.features).toHaveLength(3);
    expect(l.warnings.find((w) => w.code === 'shp-no-dbf')?.message).toBe('shp-no-dbf.zip › places.shp has no .dbf beside it: shapes imported without attributes.');
  });

  it('mismatched record counts: named, and the shape without a record keeps empty attributes', async () => {
    const l = (await load('record-mismatch.zip')).layers[0];
    expect(l.features).toHaveLength(3);
    expect(l.features[2].properties).toEqual({});
    expect(l.warnings.find((w) => w.code === 'record-count-mismatch')?.message).toBe(
      'record-mismatch.zip › places: the .shp has 3 shapes but the .dbf has 2 records; shape 2 has no attributes.',
    );
  });

  it('__proto__ / constructor keys are dropped, nothing is polluted', async () => {
    const l = (await load('proto-keys.geojson')).layers[0];
    const props = l.features[0].properties;
    expect(Object.keys(props)).toEqual(['name', 'nested']);
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(props.nested).toEqual({ keep: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(l.warnings.find((w) => w.code === 'unsafe-key')?.message).toBe(
      'proto-keys.geojson › feature 0 (id "p"): attribute name(s) "__proto__", "constructor", "nested.__proto__" dropped (reserved in JavaScript).',
    );
  });

  it('HTML/script in attributes stays plain text and is flagged', async () => {
    const l = (await load('html-attrs.geojson')).layers[0];
    expect(l.features[0].properties.note).toBe('<script>alert(1)</script>');
    expect(l.warnings.find((w) => w.code === 'html-in-attribute')?.message).toMatch(/feature 0 \(id "h"\): attribute\(s\) "name", "note" contain HTML or script; kept as plain text/);
  });

  it('CSV: a row with a non-numeric coordinate is named by row; formula text survives as text', async () => {
    const l = (await load('formula.csv')).layers[0];
    expect(l.features.map((f) => f.properties.name)).toEqual(['=HYPERLINK("http://x","y")', '@SUM(A1)']);
    expect(l.rejected[0].reason).toBe('formula.csv › row 4: lon value "abc" is not a number; row kept aside, not imported.');
  });
});
