// Hostile inputs that used to get through quietly (issue 13, item 8): each now gets a clear message naming
// the file, the feature and the problem, and nothing the file holds is lost or run.
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/lib/io/importFile';
import { renderIo } from '../../../src/lib/io/messages';
import { attributeText, SHOWN_CHARS, stringifyDeep } from '../../../src/lib/io/sanitise';

const bytes = (text: string) => new TextEncoder().encode(text);
const point = (props: string) => `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[104.06,30.65]},"properties":${props}}]}`;

describe('hostile inputs', () => {
  it('a Feature without geometry is refused, not imported as an empty layer', async () => {
    const r = await importFile('nogeom.geojson', bytes('{"type":"Feature","properties":{"name":"a"},"geometry":null}'));
    expect(r.layers).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'no-valid-features', file: 'nogeom.geojson' });
    expect(r.errors[0].message).toBe('nogeom.geojson: none of its 1 features could be imported (e.g. has no geometry); nothing imported.');
    expect(renderIo(r.errors[0].msg!, 'zh')).toBe('nogeom.geojson：1 个要素都无法导入（例如 没有几何）；未导入任何内容。');
  });

  it('20,000-deep nested properties are kept as JSON text, with a warning', async () => {
    const depth = 20_000;
    const r = await importFile('deep.geojson', bytes(point(`{"name":"deep one","deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`)));
    expect(r.errors).toEqual([]);
    const f = r.layers[0].features[0];
    expect(f.properties.name).toBe('deep one');
    const kept = f.properties.deep as Record<string, unknown>;
    // eight levels stay objects, the rest is the exact JSON of what was below
    let inner: unknown = kept;
    for (let i = 0; i < 8; i++) inner = (inner as Record<string, unknown>).a;
    expect(typeof inner).toBe('string');
    expect((inner as string).length).toBe(`${'{"a":'.repeat(depth - 8)}1${'}'.repeat(depth - 8)}`.length);
    const w = r.layers[0].warnings.find((m) => m.code === 'nested-attribute');
    expect(w?.message).toBe('deep.geojson › feature 0: attribute(s) "deep" nested more than 8 levels deep; kept as JSON text.');
  });

  it('a 2 MB attribute is kept whole, warned about, and shown shortened', async () => {
    const big = 'x'.repeat(2_000_000);
    const r = await importFile('big.geojson', bytes(point(`{"note":"${big}"}`)));
    const f = r.layers[0].features[0];
    expect(f.properties.note).toBe(big);
    const w = r.layers[0].warnings.find((m) => m.code === 'long-attribute');
    expect(w?.message).toMatch(/^big\.geojson › feature 0: attribute\(s\) "note" very long \(1\.9 MiB\); kept whole and exported/);
    const shown = attributeText(f.properties.note);
    expect(shown).toMatchObject({ shortened: true, length: 2_000_000 });
    expect(shown.text.length).toBe(SHOWN_CHARS);
    expect(attributeText('短')).toEqual({ text: '短', length: 1, shortened: false });
  });

  it('a KML NetworkLink is named and not followed; the file’s own placemarks import', async () => {
    const kml = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <NetworkLink><name>remote</name><Link><href>http://example.com/a.kml</href></Link></NetworkLink>
      <Placemark><name>天府广场</name><Point><coordinates>104.0657,30.6574</coordinates></Point></Placemark></Document></kml>`;
    const r = await importFile('links.kml', bytes(kml));
    expect(r.errors).toEqual([]);
    const l = r.layers[0];
    expect(l.name).toBe('links');
    expect(l.features.map((f) => f.properties.name)).toEqual(['天府广场']);
    expect(l.rejected).toEqual([]);
    const w = l.warnings.find((m) => m.code === 'kml-network-link');
    expect(w?.message).toBe('links.kml: network link(s) "remote (http://example.com/a.kml)" not followed (the atlas never fetches links found in files); only the file’s own features were imported.');
  });

  it('longitude 504 / latitude 95 is called impossible, not an unknown coordinate system', async () => {
    const r = await importFile('impossible.geojson', bytes('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[504,95]},"properties":{}}]}'));
    expect(r.layers).toEqual([]);
    expect(r.errors[0]).toMatchObject({ code: 'impossible-coordinates', file: 'impossible.geojson' });
    expect(r.errors[0].message).toMatch(/^impossible\.geojson: coordinates such as \[504,95\] are neither valid longitude\/latitude/);
  });

  it('stringifyDeep writes what JSON.stringify writes', () => {
    const values: unknown[] = [{ a: [1, 'x', null, { b: true, c: [] }], d: {}, 'e"': 'q"', u: undefined }, [], {}, 'str', 5.5, [[[]]], [undefined], { 中: '文' }];
    for (const v of values) expect(stringifyDeep(v)).toBe(JSON.stringify(v));
  });
});
