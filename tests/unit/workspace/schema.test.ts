import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyWorkspace, WORKSPACE_VERSION } from '../../../src/lib/workspace/model';
import { fnv1a } from '../../../src/lib/workspace/checksum';
import { firstJsonError } from '../../../src/lib/workspace/jsonError';
import { parseWorkspace, readFailure, readWorkspaceFile } from '../../../src/lib/workspace/read';
import { exportWorkspaceFile, serializeWorkspace, workspaceFileName } from '../../../src/lib/workspace/serialise';
import { measureWorkspace, utf8Length } from '../../../src/lib/workspace/sizes';
import { formatIssue, issueLine, validateWorkspace } from '../../../src/lib/workspace/validate';
import { workspace } from './arb';

const FIX = join(__dirname, '..', '..', 'fixtures', 'workspace');
const fixture = (name: string) => readFileSync(join(FIX, name), 'utf8');

describe('serialisation round trip', () => {
  it('parse(serialize(ws)) equals ws, and re-serialising is byte-identical', () => {
    fc.assert(
      fc.property(workspace, (ws) => {
        const text = serializeWorkspace(ws);
        const r = parseWorkspace(text, 'w.tongcheng.json');
        if (!r.ok) throw new Error(r.message);
        expect(r.migratedFrom).toBeNull();
        expect(r.workspace).toEqual(ws);
        expect(serializeWorkspace(r.workspace)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('export → import as bytes gives the same workspace (Chinese text, numbers, nested JSON)', () => {
    fc.assert(
      fc.property(workspace, (ws) => {
        const file = exportWorkspaceFile(ws);
        expect(file.fileName.endsWith('.tongcheng.json')).toBe(true);
        const r = readWorkspaceFile(file.fileName, file.bytes);
        if (!r.ok) throw new Error(r.message);
        expect(r.workspace).toEqual(ws);
      }),
      { numRuns: 100 },
    );
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const ws = emptyWorkspace('ws', '成都', '2024-01-01T00:00:00Z');
    const r = parseWorkspace('\ufeff' + serializeWorkspace(ws), 'bom.json');
    expect(r.ok && r.workspace).toEqual(ws);
  });

  it('file names are safe on every file system', () => {
    const ws = emptyWorkspace('ws', 'a/b:c*?"<>|\u0001 成都 ', '2024-01-01T00:00:00Z');
    expect(workspaceFileName(ws)).toBe('a_b_c_ 成都.tongcheng.json');
    expect(workspaceFileName({ ...ws, name: ' .. ' })).toBe('workspace.tongcheng.json');
  });
});

describe('migrations', () => {
  it('migrates the v0 prototype fixture (through v1) to the hand-checked golden', () => {
    const r = parseWorkspace(fixture('v0-prototype.json'), 'old.json');
    if (!r.ok) throw new Error(r.message);
    expect(r.migratedFrom).toBe(0);
    expect(r.workspace.version).toBe(WORKSPACE_VERSION);
    expect(r.workspace).toEqual(JSON.parse(fixture('v0-prototype.migrated.json')));
  });

  it('v1 → v2: a v1 file opens with no print template; a v2 file keeps its template; a bad one is named', () => {
    const v2 = { format: 'tongcheng-workspace', ...JSON.parse(fixture('v0-prototype.migrated.json')) };
    const { print: _none, ...v1 } = { ...v2, version: 1 };
    const r1 = parseWorkspace(JSON.stringify(v1), 'v1.json');
    if (!r1.ok) throw new Error(r1.message);
    expect(r1.migratedFrom).toBe(1);
    expect(r1.workspace.print).toBeNull();
    const template = { paper: 'A1', orientation: 'portrait', scale: 50_000, dpi: 200, title: '简阳城区', subtitle: '', reviewNo: '川S【2026】1号', office: '规划院', grid: false };
    const r2 = parseWorkspace(JSON.stringify({ ...v2, print: template }), 'v2.json');
    if (!r2.ok) throw new Error(r2.message);
    expect(r2.migratedFrom).toBeNull();
    expect(r2.workspace.print).toEqual(template);
    // written back and read again: the same template
    const again = parseWorkspace(serializeWorkspace(r2.workspace), 'again.json');
    expect(again.ok && again.workspace.print).toEqual(template);
    const bad = parseWorkspace(JSON.stringify({ ...v2, print: { ...template, dpi: 72 } }), 'bad.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('bad.json › print: is not a valid print template');
  });

  it('reports a v0 file whose layer lacks its collection, naming the layer', () => {
    const v0 = JSON.parse(fixture('v0-prototype.json'));
    delete v0.layers[1].geojson;
    const r = parseWorkspace(JSON.stringify(v0), 'old.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatIssue(r.issues[0])).toBe('old.json › layer 1 "stations" (id "l2") › geojson: must be a FeatureCollection');
  });

  it('refuses a file from a newer version without touching anything', () => {
    const r = parseWorkspace(JSON.stringify({ format: 'tongcheng-workspace', version: 7 }), 'new.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('new.json › version: is 7, made by a newer version of the atlas (this one reads up to 2); update the app to open it. new.json was not opened; nothing was changed.');
  });

  it('fnv1a matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
    expect(fnv1a('foobar')).toBe('bf9cf968');
  });
});

describe('strict validation with clear messages', () => {
  it('lists every problem of the bad fixture, naming file, layer, feature and field', () => {
    const r = parseWorkspace(fixture('bad-v1.tongcheng.json'), 'bad.tongcheng.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.issues.map(formatIssue);
    expect(lines).toEqual([
      'bad.tongcheng.json › extra: is not a known field',
      'bad.tongcheng.json › updatedAt: must be an ISO 8601 date and time',
      'bad.tongcheng.json › layer 0 "Roads" (id "roads") › source.format: must be one of geojson, topojson, kml, kmz, shapefile, csv, xlsx, dxf (found "dwg")',
      'bad.tongcheng.json › layer 0 "Roads" (id "roads") › style.color: must be a colour like #d55e00',
      'bad.tongcheng.json › layer 0 "Roads" (id "roads") › style.opacity: must be a number from 0 to 1',
      'bad.tongcheng.json › layer 0 "Roads" (id "roads") › feature 1 (id "r1") › geometry.coordinates: must be a list of at least 2 positions',
      'bad.tongcheng.json › layer 0 "Roads" (id "roads") › feature 2 (id "r2") › geometry.coordinates: coordinate [200, 95] is out of range (longitude −180…180, latitude −90…90)',
      'bad.tongcheng.json › layer 0 "Roads" (id "roads") › feature 2 (id "r2") › properties.__proto__: is an unsafe key',
      'bad.tongcheng.json › layer 1 "草图" (id "sketch") › feature 0 (id "r0") › id: is used by another feature',
      'bad.tongcheng.json › layer 1 "草图" (id "sketch") › feature 0 (id "r0") › geometry.coordinates[0]: ring is not closed (first and last positions differ)',
      'bad.tongcheng.json › layer 1 "草图" (id "sketch") › feature 0 (id "r0") › properties.accuracy: located requires a cited source with "coordinates": true; otherwise the drawing is schematic',
      'bad.tongcheng.json › layer 1 "草图" (id "sketch") › feature 1 (id "s1") › properties.kind: must be one of urbanCluster, industrialBelt, pilotZone, corridor, hub, park, eco, town (found "station")',
      'bad.tongcheng.json › layer 1 "草图" (id "sketch") › feature 1 (id "s1") › properties.name: must be {zh, en} text',
      'bad.tongcheng.json › layer 1 "草图" (id "sketch") › feature 1 (id "s1") › properties.years.target: must be a year between 1800 and 2200',
      'bad.tongcheng.json › layer 1 "草图" (id "sketch") › feature 1 (id "s1") › properties.sources[0].url: must be an http(s) address',
      'bad.tongcheng.json › layer 1 "草图" (id "sketch") › feature 1 (id "s1") › properties.accuracy: a drawing is not official boundary data; use schematic, or located with a cited source',
      'bad.tongcheng.json › pins[0].result: is missing',
    ]);
    expect(r.message).toBe(`${lines[0]} (and 16 more problems). bad.tongcheng.json was not opened; nothing was changed.`);
  });

  it('names the line and column of malformed JSON', () => {
    const r = parseWorkspace('{\n  "version": 1,\n  "name": oops\n}', 'm.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^m\.json: malformed JSON at line 3, column 11\. m\.json was not opened/);
  });

  it.each([
    ['empty', '', 'e.json: the file is empty'],
    ['not an object', '[1,2]', 'e.json: is not a workspace (expected a JSON object)'],
    ['another format', '{"format":"geojson","version":1}', 'e.json › format: is "geojson", not a tongcheng-workspace file'],
    ['no version', '{"type":"FeatureCollection","features":[]}', 'e.json › version: is missing or not a whole number'],
  ])('refuses %s', (_n, text, start) => {
    const r = parseWorkspace(text, 'e.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.startsWith(start)).toBe(true);
  });

  it('refuses bytes that are not UTF-8', () => {
    const r = readWorkspaceFile('gbk.json', new Uint8Array([0x7b, 0xb3, 0xc9, 0xb6, 0xbc, 0x7d])); // {成都} in GBK
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^gbk\.json: is not UTF-8 text/);
  });

  it('stops listing after 50 problems and says so', () => {
    const ws = emptyWorkspace('ws', 'w', '2024-01-01T00:00:00Z');
    const pins = Array.from({ length: 80 }, (_, i) => ({ id: `p${i}`, type: '', params: null, result: null, createdAt: '2024-01-01T00:00:00Z' }));
    const issues = validateWorkspace({ ...ws, pins }, 'w');
    expect(issues).toHaveLength(50);
    const r = parseWorkspace(JSON.stringify({ format: 'tongcheng-workspace', ...ws, pins }), 'w');
    if (!r.ok) expect(r.message).toContain('(and at least 49 more problems)');
  });
});

describe('size accounting', () => {
  it('utf8Length agrees with Node Buffer.byteLength on any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) }), (a, b) => {
        const s = a + b + a;
        expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
    );
  });

  it('workspace bytes equal the saved text size; per-layer figures count features and positions', () => {
    const ws = JSON.parse(fixture('v0-prototype.migrated.json'));
    const size = measureWorkspace(ws);
    expect(size.bytes).toBe(Buffer.byteLength(serializeWorkspace(ws), 'utf8'));
    expect(size.layers.map((l) => [l.id, l.features, l.positions])).toEqual([
      ['l1', 2, 3],
      ['l2', 0, 0],
      ['drawings-559fed03', 1, 4],
    ]);
    expect(size.layers[0].bytes).toBe(Buffer.byteLength(JSON.stringify(ws.layers[0])));
  });
});

describe('firstJsonError', () => {
  it('is null exactly when JSON.parse accepts the text', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', '}', ',', 'x', '"', '\u0001', ']'), (json, cut, junk) => {
        const text = json.slice(0, cut % (json.length + 1)) + junk;
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(firstJsonError(text) === null).toBe(valid);
        expect(firstJsonError(json)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

describe('messages in the user language', () => {
  it('every problem is a catalog message, rendered in Chinese for the zh UI and in English for scripts', () => {
    const r = parseWorkspace(fixture('bad-v1.tongcheng.json'), 'bad.tongcheng.json');
    if (r.ok) throw new Error('the bad fixture was accepted');
    expect(r.issues.every((i) => i.msg !== undefined)).toBe(true);
    expect(issueLine(r.issues[2], 'zh')).toBe('bad.tongcheng.json › 图层 0「Roads」（id “roads”） › source.format：必须是 geojson, topojson, kml, kmz, shapefile, csv, xlsx, dxf 之一（实际为 "dwg"）');
    expect(issueLine(r.issues[2], 'en')).toBe(formatIssue(r.issues[2]));
    expect(readFailure('bad.tongcheng.json', r.issues, 'zh')).toMatch(/（另有 16 个问题）。未打开 bad\.tongcheng\.json，没有任何更改。$/);
    expect(readFailure('bad.tongcheng.json', r.issues, 'en')).toBe(r.message);
  });

  it('the read failures before validation are catalog messages too', () => {
    const cases: [string, string][] = [
      ['', 'e.json：文件为空'],
      ['{\n  "name": oops\n}', 'e.json：JSON 格式错误，位于第 2 行第 11 列'],
      ['{"format":"tongcheng-workspace","version":7}', 'e.json › version：为 7，由更新版本的图集生成（本版本最多读取 2）；请更新应用后再打开'],
      ['{"id":"x"}', 'e.json › version：缺失或不是整数，无法作为工作区读取'],
    ];
    for (const [text, zh] of cases) {
      const r = parseWorkspace(text, 'e.json');
      if (r.ok) throw new Error(`accepted: ${text}`);
      expect(readFailure('e.json', r.issues, 'zh')).toBe(`${zh}。未打开 e.json，没有任何更改。`);
    }
  });
});
