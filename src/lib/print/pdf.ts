// The printed sheet as PDF: the map as raster (rendered at the sheet's scale and dpi), everything else —
// frame, title, legend, scale bar, north arrow, grid labels, sources, review number — as vector lines and
// real text in the embedded fonts, so it prints sharp and can be searched and copied.
import { PDFDocument, rgb, LineCapStyle, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { Rect, SheetLayout } from './layout.ts';
import { drawSheet, type SheetBackend, type SheetText } from './sheet.ts';

export interface SheetImage {
  /** where on the page, mm from the top-left */
  rect: Rect;
  png: Uint8Array;
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

const MM = 72 / 25.4;

function color(c: string) {
  const n = parseInt(c.replace('#', '').slice(0, 6), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

class PdfBackend implements SheetBackend {
  private latinSet: Set<number>;
  constructor(
    private page: PDFPage,
    private latin: PDFFont,
    private cjk: PDFFont,
    private pageH: number,
  ) {
    this.latinSet = new Set(latin.getCharacterSet());
  }
  private x(mm: number) {
    return mm * MM;
  }
  private y(mm: number) {
    return (this.pageH - mm) * MM;
  }
  rect(r: Rect, o: { stroke?: string; width?: number; fill?: string; opacity?: number; dash?: number[] }) {
    this.page.drawRectangle({
      x: this.x(r.x),
      y: this.y(r.y + r.h),
      width: r.w * MM,
      height: r.h * MM,
      borderWidth: o.stroke ? (o.width ?? 0.5) : 0,
      borderColor: o.stroke ? color(o.stroke) : undefined,
      borderDashArray: o.dash,
      color: o.fill ? color(o.fill) : undefined,
      opacity: o.opacity,
    });
  }
  line(x1: number, y1: number, x2: number, y2: number, o: { color: string; width: number; dash?: number[] }) {
    this.page.drawLine({
      start: { x: this.x(x1), y: this.y(y1) },
      end: { x: this.x(x2), y: this.y(y2) },
      thickness: o.width,
      color: color(o.color),
      dashArray: o.dash,
      lineCap: LineCapStyle.Butt,
    });
  }
  circle(x: number, y: number, r: number, o: { fill: string; stroke?: string; width?: number; opacity?: number }) {
    this.page.drawCircle({
      x: this.x(x),
      y: this.y(y),
      size: r * MM,
      color: color(o.fill),
      opacity: o.opacity,
      borderColor: o.stroke ? color(o.stroke) : undefined,
      borderWidth: o.stroke ? (o.width ?? 0.5) : 0,
    });
  }
  polygon(points: [number, number][], fill: string) {
    const [x0, y0] = points[0];
    const d = points.map(([x, y], i) => `${i ? 'L' : 'M'} ${(x - x0) * MM} ${(y - y0) * MM}`).join(' ') + ' Z';
    this.page.drawSvgPath(d, { x: this.x(x0), y: this.y(y0), color: color(fill) });
  }
  text(s: string, x: number, y: number, size: number, c: string) {
    let px = this.x(x);
    for (const r of fontRuns(s, this.latinSet)) {
      const font = r.latin ? this.latin : this.cjk;
      this.page.drawText(r.text, { x: px, y: this.y(y), size, font, color: color(c) });
      px += font.widthOfTextAtSize(r.text, size);
    }
  }
  width(s: string, size: number) {
    let w = 0;
    for (const r of fontRuns(s, this.latinSet)) w += (r.latin ? this.latin : this.cjk).widthOfTextAtSize(r.text, size);
    return w / MM;
  }
}

export async function writeSheetPdf(layout: SheetLayout, text: SheetText, images: SheetImage[], fonts: SheetFonts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  // Embedded whole: the files are already subsets (scripts/fonts/print-font.py), and fontkit's glyph
  // subsetter drops most CJK glyphs of Droid Sans Fallback (the text copies but prints blank).
  const latin = await doc.embedFont(fonts.latin, { subset: false });
  const cjk = await doc.embedFont(fonts.cjk, { subset: false });
  const P = layout.page;
  const page = doc.addPage([P.w * MM, P.h * MM]);
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
    page.drawImage(png, { x: r.x * MM, y: (P.h - r.y - r.h) * MM, width: r.w * MM, height: r.h * MM });
  }
  drawSheet(new PdfBackend(page, latin, cjk, P.h), layout, text);
  return doc.save({ useObjectStreams: true });
}
