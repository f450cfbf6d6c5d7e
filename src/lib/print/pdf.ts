// The printed sheet as PDF: the map as raster tiles (rendered at the sheet's scale and dpi), everything
// else — frame, title, legend, scale bar, north arrow, grid labels, sources, review number — as vector
// lines and real text in the embedded font subset, so it prints sharp and can be searched and copied.
import { PDFDocument, rgb, type PDFFont, type PDFPage, LineCapStyle } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { Rect, SheetLayout } from './layout.ts';

export interface LegendItem {
  label: string;
  /** CSS hex colour #rrggbb */
  color: string;
  shape: 'fill' | 'line' | 'point';
  dashed?: boolean;
}

export interface GridLabel {
  /** position along the map window edge, mm from the window's left (lon) or top (lat) */
  at: number;
  text: string;
}

export interface SheetText {
  title: string;
  subtitle?: string;
  legendHeading: string;
  legend: LegendItem[];
  scaleHeading: string;
  /** "1:250,000" */
  scaleText: string;
  /** e.g. "scale true at 30°40′N (Web Mercator)" */
  scaleNote: string;
  /** scale bar length and its label ("25 km") */
  scaleBar: { mm: number; label: string };
  north: string;
  sourcesHeading: string;
  sources: string[];
  disclaimer: string;
  /** field label → value; an empty value prints a blank line to fill in by hand */
  fields: { label: string; value: string }[];
  grid?: { lon: GridLabel[]; lat: GridLabel[] };
  /** document metadata */
  meta: { title: string; subject: string; creator: string; lang: string; date: Date };
}

export interface SheetImage {
  /** where on the page, mm from the top-left */
  rect: Rect;
  png: Uint8Array;
}

const MM = 72 / 25.4;

function hex(c: string) {
  const n = parseInt(c.replace('#', '').slice(0, 6), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

const INK = rgb(0.1, 0.1, 0.12);
const GREY = rgb(0.38, 0.38, 0.42);

/** Breaks text into lines no wider than `width` pt: CJK anywhere, Latin at spaces. */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const tokens = text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    if (line && measure((line + tok).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    } else line += tok;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** The sheet's two embedded fonts: Latin (DejaVu Sans subset) and CJK (Droid Sans Fallback subset), used
 *  run by run since neither has the other's glyphs. */
export interface SheetFonts {
  latin: Uint8Array;
  cjk: Uint8Array;
}

/** Splits text into runs that one font can draw: Latin where the Latin font has the glyph, else CJK. */
export function fontRuns(text: string, latin: ReadonlySet<number>): { latin: boolean; text: string }[] {
  const runs: { latin: boolean; text: string }[] = [];
  for (const ch of text) {
    const isLatin = latin.has(ch.codePointAt(0)!);
    const last = runs[runs.length - 1];
    if (last && last.latin === isLatin) last.text += ch;
    else runs.push({ latin: isLatin, text: ch });
  }
  return runs;
}

/** Characters neither font has (they would print as empty boxes): the UI warns before printing. */
export function missingGlyphs(text: string, latin: ReadonlySet<number>, cjk: ReadonlySet<number>): string[] {
  return [...new Set([...text])].filter((c) => c.trim() && !latin.has(c.codePointAt(0)!) && !cjk.has(c.codePointAt(0)!));
}

class Sheet {
  private latinSet: Set<number>;
  constructor(
    private page: PDFPage,
    private latin: PDFFont,
    private cjk: PDFFont,
    private pageH: number,
  ) {
    this.latinSet = new Set(latin.getCharacterSet());
  }
  private measure(s: string, size: number): number {
    let w = 0;
    for (const r of fontRuns(s, this.latinSet)) w += (r.latin ? this.latin : this.cjk).widthOfTextAtSize(r.text, size);
    return w;
  }
  /** mm (top-left origin) → pt (bottom-left origin) */
  x(mm: number) {
    return mm * MM;
  }
  y(mm: number) {
    return (this.pageH - mm) * MM;
  }
  rect(r: Rect, width: number, color = INK, fill?: ReturnType<typeof rgb>) {
    this.page.drawRectangle({
      x: this.x(r.x),
      y: this.y(r.y + r.h),
      width: r.w * MM,
      height: r.h * MM,
      borderWidth: width,
      borderColor: color,
      color: fill,
    });
  }
  line(x1: number, y1: number, x2: number, y2: number, width: number, color = INK, dash?: number[]) {
    this.page.drawLine({
      start: { x: this.x(x1), y: this.y(y1) },
      end: { x: this.x(x2), y: this.y(y2) },
      thickness: width,
      color,
      dashArray: dash,
      lineCap: LineCapStyle.Butt,
    });
  }
  /** text with its baseline at y mm */
  text(s: string, x: number, y: number, size: number, color = INK) {
    let px = this.x(x);
    for (const r of fontRuns(s, this.latinSet)) {
      const font = r.latin ? this.latin : this.cjk;
      this.page.drawText(r.text, { x: px, y: this.y(y), size, font, color });
      px += font.widthOfTextAtSize(r.text, size);
    }
  }
  width(s: string, size: number) {
    return this.measure(s, size) / MM;
  }
  /** wrapped paragraph; returns the y below it */
  para(s: string, x: number, y: number, w: number, size: number, color = INK, maxY = Infinity): number {
    const lead = (size * 1.35) / MM;
    for (const l of wrapText(s, w * MM, (t) => this.measure(t, size))) {
      if (y + lead > maxY) break;
      y += lead;
      this.text(l, x, y - lead * 0.25, size, color);
    }
    return y;
  }
}

export async function writeSheetPdf(layout: SheetLayout, text: SheetText, images: SheetImage[], fonts: SheetFonts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  // Embedded whole: the files are already subsets (scripts/fonts/print-font.py), and fontkit's glyph
  // subsetter drops most CJK glyphs of Droid Sans Fallback (the text copies but prints blank).
  const latin = await doc.embedFont(fonts.latin, { subset: false });
  const cjk = await doc.embedFont(fonts.cjk, { subset: false });
  const { page: P, frame, titleBand, map, panel, pt } = layout;
  const page = doc.addPage([P.w * MM, P.h * MM]);
  const s = new Sheet(page, latin, cjk, P.h);
  doc.setTitle(text.meta.title);
  doc.setSubject(text.meta.subject);
  doc.setCreator(text.meta.creator);
  doc.setProducer('Tongcheng Atlas (pdf-lib)');
  doc.setLanguage(text.meta.lang);
  doc.setCreationDate(text.meta.date);
  doc.setModificationDate(text.meta.date);

  for (const img of images) {
    const png = await doc.embedPng(img.png);
    const r = img.rect;
    page.drawImage(png, { x: s.x(r.x), y: s.y(r.y + r.h), width: r.w * MM, height: r.h * MM });
  }

  // Frame: a heavy outer line and a thin inner one, as a 图框 has.
  s.rect(frame, 1.6);
  s.rect({ x: frame.x + 1, y: frame.y + 1, w: frame.w - 2, h: frame.h - 2 }, 0.4);
  s.rect(map, 0.8);

  // Title band
  const titleSize = pt * 2;
  s.text(text.title, titleBand.x + (titleBand.w - s.width(text.title, titleSize)) / 2, titleBand.y + titleBand.h * 0.55, titleSize);
  if (text.subtitle) {
    const sub = pt * 1.05;
    s.text(text.subtitle, titleBand.x + (titleBand.w - s.width(text.subtitle, sub)) / 2, titleBand.y + titleBand.h * 0.92, sub, GREY);
  }

  // Grid labels outside the map window's edges, with short ticks inside it.
  if (text.grid) {
    const tick = 2.2;
    const size = pt * 0.7;
    const lh = size / MM;
    // labels sit inside the window on a white patch, next to their tick (the frame leaves no margin)
    const label = (t: string, x: number, y: number) => {
      const w = s.width(t, size);
      s.rect({ x: x - 0.4, y: y - lh * 0.95, w: w + 0.8, h: lh * 1.2 }, 0, rgb(1, 1, 1), rgb(1, 1, 1));
      s.text(t, x, y, size, INK);
    };
    for (const g of text.grid.lon) {
      const x = map.x + g.at;
      s.line(x, map.y, x, map.y + tick, 0.5);
      s.line(x, map.y + map.h - tick, x, map.y + map.h, 0.5);
      label(g.text, x - s.width(g.text, size) / 2, map.y + map.h - tick - 0.6);
    }
    for (const g of text.grid.lat) {
      const y = map.y + g.at;
      s.line(map.x, y, map.x + tick, y, 0.5);
      s.line(map.x + map.w - tick, y, map.x + map.w, y, 0.5);
      label(g.text, map.x + tick + 0.6, y + lh * 0.35);
    }
  }

  // North arrow, top-left inside the map window on a white disc so it reads over any basemap.
  const na = { x: map.x + 8 * (pt / 9), y: map.y + 10 * (pt / 9), r: 5 * (pt / 9) };
  page.drawCircle({ x: s.x(na.x), y: s.y(na.y), size: na.r * 1.45 * MM, color: rgb(1, 1, 1), opacity: 0.85 });
  page.drawSvgPath(`M 0 ${-na.r * MM} L ${na.r * 0.5 * MM} ${na.r * 0.7 * MM} L 0 ${na.r * 0.35 * MM} L ${-na.r * 0.5 * MM} ${na.r * 0.7 * MM} Z`, {
    x: s.x(na.x),
    y: s.y(na.y),
    color: INK,
  });
  s.text(text.north, na.x - s.width(text.north, pt) / 2, na.y - na.r - 0.8, pt);

  // Side panel
  const pad = 2.5 * (pt / 9);
  const px = panel.x + pad;
  const pw = panel.w - 2 * pad;
  const bottom = panel.y + panel.h - pad;
  s.rect(panel, 0.5);
  let y = panel.y + pad;
  const head = (label: string) => {
    y += (pt * 1.2) / MM + 1;
    s.text(label, px, y, pt * 1.15);
    y += 1.5;
  };
  const landscape = layout.orientation === 'landscape';
  // Portrait: the panel is a band below the map: legend on the left half, the rest on the right.
  const colW = landscape ? pw : pw / 2 - pad;
  head(text.legendHeading);
  const row = (pt * 1.45) / MM;
  const sw = 8 * (pt / 9);
  const legendBottom = landscape ? bottom - 62 * (pt / 9) : bottom;
  let col = 0;
  const colTop = y;
  for (const item of text.legend) {
    if (y + row > legendBottom) {
      // next column in portrait, or a stated cut in landscape
      if (landscape || col > 0) {
        s.text('…', px, y + row * 0.8, pt);
        break;
      }
      col++;
      y = colTop;
    }
    const lx = px + col * (colW / 2);
    const cy = y + row / 2;
    const c = hex(item.color);
    if (item.shape === 'fill') page.drawRectangle({ x: s.x(lx), y: s.y(cy + row * 0.3), width: sw * MM, height: row * 0.6 * MM, color: c, opacity: 0.35, borderColor: c, borderWidth: 0.8, borderDashArray: item.dashed ? [2, 1.5] : undefined });
    else if (item.shape === 'line') s.line(lx, cy, lx + sw, cy, 1.6, c, item.dashed ? [3, 2] : undefined);
    else page.drawCircle({ x: s.x(lx + sw / 2), y: s.y(cy), size: row * 0.28 * MM, color: c, borderColor: rgb(1, 1, 1), borderWidth: 0.6 });
    const maxW = (landscape ? colW : colW / 2) - sw - 2;
    let label = item.label;
    while (label.length > 1 && s.width(label, pt * 0.9) > maxW) label = label.slice(0, -2) + '…';
    s.text(label, lx + sw + 1.5, cy + (pt * 0.32) / MM, pt * 0.9);
    y += row;
  }

  // Scale, sources, fields: below the legend (landscape) or in the right half (portrait).
  let bx = px;
  let bw = pw;
  if (landscape) y = Math.max(y + 2, legendBottom + 2);
  else {
    bx = px + colW + 2 * pad;
    bw = pw - colW - 2 * pad;
    y = panel.y + pad;
  }
  y += (pt * 1.1) / MM;
  s.text(`${text.scaleHeading} ${text.scaleText}`, bx, y, pt * 1.1);
  // scale bar: alternating black/white halves, label at the end
  y += 3;
  const bar = Math.min(text.scaleBar.mm, bw - 12);
  const barH = 1.6 * (pt / 9);
  for (let i = 0; i < 4; i++) {
    s.rect({ x: bx + (i * bar) / 4, y, w: bar / 4, h: barH }, 0.4, INK, i % 2 ? rgb(1, 1, 1) : INK);
  }
  s.text('0', bx - 0.5, y + barH + (pt * 0.8) / MM + 0.4, pt * 0.75);
  s.text(text.scaleBar.label, bx + bar - s.width(text.scaleBar.label, pt * 0.75) / 2, y + barH + (pt * 0.8) / MM + 0.4, pt * 0.75);
  y += barH + (pt * 0.8) / MM + 1;
  y = s.para(text.scaleNote, bx, y, bw, pt * 0.72, GREY, bottom);
  y += 1.5;
  s.text(text.sourcesHeading, bx, y + (pt * 0.95) / MM, pt * 0.95);
  y += (pt * 0.95) / MM + 0.5;
  for (const src of text.sources) y = s.para(src, bx, y, bw, pt * 0.72, GREY, bottom);
  y = s.para(text.disclaimer, bx, y + 1, bw, pt * 0.72, GREY, bottom);
  // fields (审图号, 编制单位, 日期) as a small table at the bottom of the panel
  const fh = (pt * 1.5) / MM;
  let fy = bottom - fh * text.fields.length;
  s.line(bx, fy, bx + bw, fy, 0.5);
  for (const f of text.fields) {
    s.text(f.label, bx + 0.8, fy + fh * 0.7, pt * 0.85);
    const vx = bx + Math.max(18, s.width(f.label, pt * 0.85) + 3);
    if (f.value) s.text(f.value, vx, fy + fh * 0.7, pt * 0.85);
    fy += fh;
    s.line(bx, fy, bx + bw, fy, 0.3, GREY);
  }
  return doc.save({ useObjectStreams: true });
}
