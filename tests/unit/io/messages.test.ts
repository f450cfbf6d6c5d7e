// Every message an import produces is a catalog message, so the zh UI shows it in Chinese: file, feature and
// problem named, no English sentence left (file names and format names such as GeoJSON stay as they are).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/lib/io/importFile';
import { renderIo } from '../../../src/lib/io/messages';
import type { ImportMessage, ImportResult } from '../../../src/lib/io/types';
import { FIX, fixture } from './helpers';

const CJK = /[\p{Script=Han}]/u;
/** Three Latin words in a row is an English sentence (format names stand alone). */
const ENGLISH_RUN = /[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/;

function allMessages(r: ImportResult): { m: ImportMessage | { msg?: ImportMessage['msg']; message: string }; file: string }[] {
  const out: { m: ImportMessage | { msg?: ImportMessage['msg']; message: string }; file: string }[] = [];
  for (const e of r.errors) out.push({ m: e, file: e.file });
  for (const l of r.layers) {
    for (const w of l.warnings) out.push({ m: w, file: l.file });
    for (const x of l.rejected) out.push({ m: { msg: x.reasonMsg, message: x.reason }, file: l.file });
  }
  return out;
}

const cases: [string, Record<string, unknown>][] = [
  ...readdirSync(join(FIX, 'bad')).map((f): [string, Record<string, unknown>] => [`bad/${f}`, {}]),
  ['bad/oversized.geojson', { limits: { maxBytes: 64 * 1024 } }],
  ['bad/oversized.geojson', { limits: { maxFeatures: 100 } }],
  ['shp-gbk-nocpg.zip', {}],
  ['points-gk-xy.csv', {}],
];

describe('import messages in the UI language', () => {
  it.each(cases)('%s %j: every message has a key and reads in Chinese', async (rel, options) => {
    const name = rel.replace(/^bad\//, '');
    const r = await importFile(name, fixture(rel), options);
    const msgs = allMessages(r);
    for (const { m, file } of msgs) {
      expect(m.msg, m.message).toBeDefined();
      const en = renderIo(m.msg!, 'en');
      expect(en).toBe(m.message.replace(/ \([^)]*\)$/, '') === en ? en : m.message);
      const zh = renderIo(m.msg!, 'zh');
      expect(zh).toContain(file);
      expect(zh).toMatch(CJK);
      // Quoted values, file names and JSON snippets are data, not sentences.
      const prose = zh.replaceAll(file, '').replace(/"[^"]*"|“[^”]*”|\{[^}]*\}|\[[^\]]*\]|<[^>]*>/g, '');
      expect(prose, zh).not.toMatch(ENGLISH_RUN);
    }
  });

  it('names the feature and the problem in Chinese', async () => {
    const r = await importFile('bad-geometry.geojson', fixture('bad/bad-geometry.geojson'));
    const zh = r.layers[0].rejected.map((x) => renderIo(x.reasonMsg!, 'zh'));
    expect(zh[0]).toBe('bad-geometry.geojson 中的第 1 个要素（id "no-geom"）：没有几何；已另存，未导入。');
    expect(zh[2]).toMatch(/第 3 个要素（id "string-coords"）：几何（Point）.*不是一对有限数值/);
  });

  it('a library crash still reads as a sentence in the UI language', async () => {
    // A TopoJSON whose arc index points nowhere: topojson-client throws a TypeError inside.
    const broken = { type: 'Topology', arcs: [], objects: { a: { type: 'LineString', arcs: [5] } } };
    const r = await importFile('broken.topojson', new TextEncoder().encode(JSON.stringify(broken)));
    expect(r.errors).toHaveLength(1);
    const zh = renderIo(r.errors[0].msg!, 'zh');
    expect(zh).toMatch(/^broken\.topojson：/);
    expect(zh).not.toMatch(/Cannot read|undefined/);
  });
});
