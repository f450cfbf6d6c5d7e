// Chinese names through zips (UTF-8 flag, else UTF-8/GBK/CP437 by the bytes) and Shapefile parts picked as
// loose files (grouped by base name; missing sidecars named).
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { rawZip } from '../../../scripts/fixtures/rawZip';
import { encodeGbk } from '../../../scripts/fixtures/writers';
import { groupFiles } from '../../../src/lib/io/fileGroups';
import { importFile } from '../../../src/lib/io/importFile';
import { renderIo } from '../../../src/lib/io/messages';
import { decodeCp437, zipNameDecoder } from '../../../src/lib/io/zipNames';
import { fixture } from './helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** The places Shapefile of the GBK fixture, re-zipped under the name `base` written with `encode`. */
function rezip(base: string, encode: (s: string) => Uint8Array, utf8Flag = false): Uint8Array {
  const parts = unzipSync(fixture('shp-gbk.zip'));
  return rawZip(Object.entries(parts).map(([n, data]) => ({ name: encode(n.replace('places', base)), data, utf8Flag })));
}

describe('zip entry names', () => {
  it('GBK names without the UTF-8 flag (Windows Explorer) read as GBK, and the layer is named in Chinese', async () => {
    const zip = rezip('成都市', encodeGbk);
    expect(zipNameDecoder(zip).encoding).toBe('gbk');
    const r = await importFile('行政区.zip', zip);
    expect(r.errors).toEqual([]);
    expect(r.layers[0].name).toBe('成都市');
    expect(r.layers[0].zipNames).toBe('gbk');
  });

  it('UTF-8 names without the flag (Linux zip) read as UTF-8; with the flag as flagged', async () => {
    expect(zipNameDecoder(rezip('成都市', utf8)).encoding).toBe('utf-8');
    expect((await importFile('a.zip', rezip('成都市', utf8))).layers[0].name).toBe('成都市');
    expect(zipNameDecoder(rezip('成都市', utf8, true)).encoding).toBe('utf-8-flag');
    expect((await importFile('a.zip', rezip('成都市', utf8, true))).layers[0].name).toBe('成都市');
  });

  it('names that are neither UTF-8 nor GBK fall back to CP437, and plain names are ASCII', async () => {
    // 0x82 then "." is not a GBK pair: CP437 é.
    const zip = rezip('Caf\u0082', (s) => Uint8Array.from(s, (c) => c.charCodeAt(0)));
    expect(zipNameDecoder(zip).encoding).toBe('cp437');
    expect((await importFile('a.zip', zip)).layers[0].name).toBe('Café');
    expect(decodeCp437(Uint8Array.of(0x43, 0x82))).toBe('Cé');
    expect(zipNameDecoder(fixture('shp-gbk.zip')).encoding).toMatch(/ascii|utf-8-flag/);
  });
});

const files = Object.entries(unzipSync(fixture('shp-gbk.zip'))).map(([n, bytes]) => ({ name: n.replace('places', '站点'), bytes }));

describe('Shapefile parts picked as loose files', () => {

  it('groups parts by base name; other files stand alone; parts without .shp are named', () => {
    const g = groupFiles([...files, { name: 'plan.geojson', bytes: new Uint8Array() }, { name: 'roads.DBF', bytes: new Uint8Array() }, { name: 'roads.prj', bytes: new Uint8Array() }]);
    expect(g.groups.map((x) => [x.main.name, x.parts.map((p) => p.name).sort()])).toEqual([
      ['站点.shp', ['站点.cpg', '站点.dbf', '站点.prj', '站点.shx']],
      ['plan.geojson', []],
    ]);
    expect(g.orphans.map((o) => [o.base, o.files.map((f) => f.name)])).toEqual([['roads', ['roads.DBF', 'roads.prj']]]);
  });

  it('a .shp with its .dbf/.prj/.cpg imports with attributes and the .prj CRS', async () => {
    const [main] = groupFiles(files).groups;
    const r = await importFile(main.main.name, main.main.bytes, {}, undefined, undefined, { parts: new Map(main.parts.map((p) => [p.name, p.bytes])) });
    expect(r.errors).toEqual([]);
    const l = r.layers[0];
    expect(l.name).toBe('站点');
    expect(l.encoding).toMatchObject({ used: 'gbk', source: 'cpg' });
    expect(l.features[0].properties['名称']).toMatch(/\p{Script=Han}/u);
    expect(l.crs.detected.confidence).toBe('high');
    expect(l.warnings.map((w) => w.code)).not.toContain('shp-no-dbf');
  });

  it('missing .dbf, .shx and .prj are each named', async () => {
    const shp = files.find((f) => f.name.endsWith('.shp'))!;
    const r = await importFile(shp.name, shp.bytes, {}, undefined, undefined, { parts: new Map() });
    const codes = r.layers[0].warnings.map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['shp-no-dbf', 'no-prj', 'no-shx']));
    const zh = r.layers[0].warnings.map((w) => renderIo(w.msg!, 'zh')).join('\n');
    expect(zh).toMatch(/站点\.shp 旁边没有 \.dbf/);
    expect(zh).toMatch(/站点：没有 \.shx/);
    expect(zh).toMatch(/站点：没有 \.prj/);
  });
});

describe('label field', () => {
  it('is guessed from common names, Chinese first, and only when it names most features', async () => {
    const { guessLabelField } = await import('../../../src/lib/io/labelField');
    expect(guessLabelField([{ id: 1, 站名: '简阳站' }, { id: 2, 站名: '资阳北' }])).toBe('站名');
    expect(guessLabelField([{ NAME: 'A', 名称: '甲' }])).toBe('名称');
    expect(guessLabelField([{ Name: 'A' }])).toBe('Name');
    expect(guessLabelField([{ stop_name: 'A' }])).toBe('stop_name');
    expect(guessLabelField([{ name: '' }, { name: '' }, { name: 'x' }])).toBeNull();
    expect(guessLabelField([{ code: 3 }])).toBeNull();
    const r = await importFile('站点.shp', files.find((f) => f.name.endsWith('.shp'))!.bytes, {}, undefined, undefined, {
      parts: new Map(files.filter((f) => !f.name.endsWith('.shp')).map((f) => [f.name, f.bytes])),
    });
    expect(r.layers[0].labelField).toBe('名称');
  });
});
