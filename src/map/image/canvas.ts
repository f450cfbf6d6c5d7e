// What every part of the map image draws with: the canvas, its size, the scale of type and spacing.
import { wrapText } from '../../lib/print/sheet.ts';
import { fonts } from '../../style/theme.ts';

export interface Frame {
  ctx: CanvasRenderingContext2D;
  /** image width and height in pixels */
  W: number;
  H: number;
  /** pixels per CSS pixel of type and spacing (larger for a scene image: slides are read from afar) */
  s: number;
  /** the margin along the edges */
  pad: number;
}

export function frame(ctx: CanvasRenderingContext2D, W: number, H: number, s: number): Frame {
  return { ctx, W, H, s, pad: 14 * s };
}

/** The app's font at `px` CSS pixels, scaled. */
export function font(f: Frame, px: number, weight = 400): string {
  return `${weight} ${px * f.s}px ${fonts.stack}`;
}

/** A white rounded panel behind a part. */
export function panel(f: Frame, x: number, y: number, w: number, h: number): void {
  const { ctx, s } = f;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.strokeStyle = '#d7dbe0';
  ctx.lineWidth = s;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 6 * s);
  ctx.fill();
  ctx.stroke();
}

/** Lines of `text` no wider than maxWidth in the current font: CJK breaks anywhere, Latin at spaces. */
export function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  return wrapText(text, maxWidth, (s) => ctx.measureText(s).width);
}
