// The sheet PDF, read back by independent tools: pdf-lib for the page size, poppler (pdffonts, pdftotext,
// pdfimages; Debian poppler-utils, installed by .ci/run) for the embedded font, the text and the image size.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { encodePng } from '../../../scripts/png.ts';
import { mapRender, sheetLayout, scaleBar, scaleText } from '../../../src/lib/print/layout.ts';
import { writeSheetPdf } from '../../../src/lib/print/pdf.ts';
import { wrapText, type SheetText } from '../../../src/lib/print/sheet.ts';

const FONTS = {
  latin: readFileSync(new URL('../../../public/fonts/print-latin.ttf', import.meta.url)),
  cjk: readFileSync(new URL('../../../public/fonts/print-cjk.ttf', import.meta.url)),
};
const poppler = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdffonts') && existsSync('/usr/bin/pdfimages');

function text(): SheetText {
  const bar = scaleBar(250_000, 300);
  return {
    title: '成德眉资同城化规划示意图',
    subtitle: '成都都市圈 · 2035',
    legendHeading: '图例',
    legend: [
      { label: '城市群', color: '#e07b39', shape: 'fill' },
      { label: '高速铁路', color: '#2e5aac', shape: 'line' },
      { label: '规划轨道（示意）', color: '#2e5aac', shape: 'line', dashed: true },
      { label: '站点', color: '#222222', shape: 'point' },
    ],
    scaleHeading: '比例尺',
    scaleText: scaleText(250_000),
    scaleNote: '比例尺在图廓中心纬度 30°40′N 处准确（Web 墨卡托投影）',
    scaleBar: { mm: bar.mm, label: '10 公里' },
    north: '北',
    sourcesHeading: '资料来源',
    sources: ['《成都都市圈发展规划》', '© OpenStreetMap contributors, ODbL'],
    disclaimer: '示意位置（schematic）依据文件文字绘制，不代表准确位置。',
    fields: [
      { label: '审图号', value: '川S【2026】第001号' },
      { label: '编制单位', value: '' },
      { label: '日期', value: '2026-12-04' },
    ],
    meta: { title: '成德眉资同城化规划示意图', subject: 'Tongcheng Atlas print', creator: '同城图集', lang: 'zh-CN', date: new Date('2026-12-04T00:00:00Z') },
  };
}

async function sheet() {
  const layout = sheetLayout('A3', 'landscape');
  const r = mapRender(layout.map, 250_000, 300, 30.66);
  // a small stand-in image of the window's pixel size (the real one comes from the offscreen map)
  const w = r.px.w;
  const h = r.px.h;
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) rgba.set([230, 236, 240, 255], i * 4);
  const png = encodePng(w, h, rgba, 1);
  const bytes = await writeSheetPdf(layout, text(), [{ rect: layout.map, png }], FONTS);
  return { layout, r, bytes };
}

describe('sheet PDF', () => {
  it('A3 landscape page in millimetres', async () => {
    const { bytes } = await sheet();
    const doc = await PDFDocument.load(bytes);
    const page = doc.getPage(0);
    expect((page.getWidth() * 25.4) / 72).toBeCloseTo(420, 1);
    expect((page.getHeight() * 25.4) / 72).toBeCloseTo(297, 1);
    expect(doc.getTitle()).toBe('成德眉资同城化规划示意图');
  });

  it.skipIf(!poppler)('embeds the fonts (poppler-utils needed), the texts are real text, and the image has scale × dpi pixels', async () => {
    const { bytes, r } = await sheet();
    const dir = mkdtempSync(join(tmpdir(), 'sheet-'));
    const file = join(dir, 'sheet.pdf');
    writeFileSync(file, bytes);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    // name type encoding emb sub uni: the one font is embedded (emb) with a Unicode map (uni), so text copies
    for (const name of [/DejaVuSans/, /DroidSansFallback/]) {
      const row = fonts.split('\n').find((l) => name.test(l));
      expect(row, fonts).toBeDefined();
      const [emb, , uni] = row!.split(/\s+/).slice(-5, -2);
      expect([emb, uni]).toEqual(['yes', 'yes']);
    }
    // the shipped subsets travel whole, compressed: the sheet with its near-empty image stays under the font size
    expect(bytes.length).toBeLessThan(FONTS.cjk.length);
    const txt = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const s of ['成德眉资同城化规划示意图', '审图号', '川S【2026】第001号', '比例尺 1:250,000', '图例', '高速铁路', 'OpenStreetMap']) expect(txt).toContain(s);
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    const [, , , width, height] = images[0].trim().split(/\s+/);
    expect([Number(width), Number(height)]).toEqual([r.px.w, r.px.h]);
  });

  it('wraps CJK anywhere and Latin at spaces', () => {
    const m = (s: string) => s.length;
    expect(wrapText('一二三四五六', 4, m)).toEqual(['一二三四', '五六']);
    expect(wrapText('scale true at centre', 10, m)).toEqual(['scale true', 'at centre']);
  });
});
