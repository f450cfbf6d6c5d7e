// The sheet on a 2D canvas (the print preview and the PNG output): the same drawSheet as the PDF, with the
// print fonts loaded as FontFaces under these family names so text measures as in the PDF.
import type { Rect } from './layout.ts';
import type { SheetBackend } from './sheet.ts';

export const PRINT_FONT_FAMILIES = { latin: 'TongchengPrintLatin', cjk: 'TongchengPrintCJK' } as const;

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export class CanvasBackend implements SheetBackend {
  /** px per mm and per pt at this resolution */
  private mm: number;
  private pt: number;
  constructor(
    private ctx: Ctx,
    dpi: number,
  ) {
    this.mm = dpi / 25.4;
    this.pt = dpi / 72;
  }
  private font(size: number) {
    this.ctx.font = `${size * this.pt}px '${PRINT_FONT_FAMILIES.latin}', '${PRINT_FONT_FAMILIES.cjk}', sans-serif`;
  }
  rect(r: Rect, o: { stroke?: string; width?: number; fill?: string; opacity?: number; dash?: number[] }) {
    const c = this.ctx;
    const [x, y, w, h] = [r.x * this.mm, r.y * this.mm, r.w * this.mm, r.h * this.mm];
    if (o.fill) {
      c.globalAlpha = o.opacity ?? 1;
      c.fillStyle = o.fill;
      c.fillRect(x, y, w, h);
      c.globalAlpha = 1;
    }
    if (o.stroke) {
      c.strokeStyle = o.stroke;
      c.lineWidth = (o.width ?? 0.5) * this.pt;
      c.setLineDash((o.dash ?? []).map((d) => d * this.pt));
      c.strokeRect(x, y, w, h);
      c.setLineDash([]);
    }
  }
  line(x1: number, y1: number, x2: number, y2: number, o: { color: string; width: number; dash?: number[] }) {
    const c = this.ctx;
    c.strokeStyle = o.color;
    c.lineWidth = o.width * this.pt;
    c.setLineDash((o.dash ?? []).map((d) => d * this.pt));
    c.beginPath();
    c.moveTo(x1 * this.mm, y1 * this.mm);
    c.lineTo(x2 * this.mm, y2 * this.mm);
    c.stroke();
    c.setLineDash([]);
  }
  circle(x: number, y: number, r: number, o: { fill: string; stroke?: string; width?: number; opacity?: number }) {
    const c = this.ctx;
    c.beginPath();
    c.arc(x * this.mm, y * this.mm, r * this.mm, 0, Math.PI * 2);
    c.globalAlpha = o.opacity ?? 1;
    c.fillStyle = o.fill;
    c.fill();
    c.globalAlpha = 1;
    if (o.stroke) {
      c.strokeStyle = o.stroke;
      c.lineWidth = (o.width ?? 0.5) * this.pt;
      c.stroke();
    }
  }
  polygon(points: [number, number][], fill: string) {
    const c = this.ctx;
    c.beginPath();
    points.forEach(([x, y], i) => (i ? c.lineTo(x * this.mm, y * this.mm) : c.moveTo(x * this.mm, y * this.mm)));
    c.closePath();
    c.fillStyle = fill;
    c.fill();
  }
  text(s: string, x: number, y: number, size: number, color: string) {
    this.font(size);
    this.ctx.fillStyle = color;
    this.ctx.textBaseline = 'alphabetic';
    this.ctx.fillText(s, x * this.mm, y * this.mm);
  }
  width(s: string, size: number) {
    this.font(size);
    return this.ctx.measureText(s).width / this.mm;
  }
}
