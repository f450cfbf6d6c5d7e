// A story scene's parts of the image: its overlay labels where the screen shows them as markers, the
// caption band with the sources, and the chart card (jurisdiction shares) at the top right.
import { fonts } from '../../style/theme.ts';
import { font, panel, wrap, type Frame } from './canvas.ts';

export interface ImageLabel {
  x: number;
  y: number;
  main: string;
  sub?: string;
}

export interface ImageCard {
  title: string;
  sub?: string;
  rows: { label: string; value: string; percent: number }[];
  note?: string;
}

/** Dark label boxes like the on-screen markers (src/ui/story/StoryPlayer.svelte), bottom-centred on their point. */
export function drawLabels(f: Frame, labels: readonly ImageLabel[]): void {
  const { ctx, s } = f;
  for (const l of labels) {
    ctx.font = font(f, 14, 700);
    const w1 = ctx.measureText(l.main).width;
    ctx.font = font(f, 11.5);
    const w2 = l.sub ? ctx.measureText(l.sub).width : 0;
    const bw = Math.max(w1, w2) + 16 * s, bh = (l.sub ? 40 : 24) * s;
    const bx = l.x - bw / 2, by = l.y - 12 * s - bh;
    ctx.fillStyle = 'rgba(24,27,31,0.88)';
    ctx.beginPath();
    ctx.roundRect(bx, by, bw, bh, 6 * s);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = font(f, 14, 700);
    ctx.textAlign = 'center';
    ctx.fillText(l.main, l.x, by + 5 * s);
    if (l.sub) {
      ctx.font = font(f, 11.5);
      ctx.fillStyle = '#e6e9ec';
      ctx.fillText(l.sub, l.x, by + 23 * s);
    }
    ctx.textAlign = 'left';
  }
}

/** The caption and sources in a band whose bottom is `bottom` (where the player shows them); returns its top. */
export function drawCaptionBand(f: Frame, caption: string, sources: string, bottom: number): number {
  const { ctx, W, H, pad } = f;
  const u = H / 1080;
  const bandPad = 18 * u;
  ctx.font = `400 ${28 * u}px ${fonts.stack}`;
  const cap = wrap(ctx, caption, W - 2 * pad - 2 * bandPad).slice(0, 4);
  ctx.font = `400 ${16 * u}px ${fonts.stack}`;
  const src = wrap(ctx, sources, W - 2 * pad - 2 * bandPad).slice(0, 2);
  const bandH = bandPad * 2 + cap.length * 38 * u + (src.length ? 8 * u + src.length * 22 * u : 0);
  const by = bottom - bandH;
  ctx.fillStyle = 'rgba(20,24,28,0.82)';
  ctx.fillRect(0, by, W, bandH);
  ctx.fillStyle = '#ffffff';
  ctx.font = `400 ${28 * u}px ${fonts.stack}`;
  cap.forEach((l, i) => ctx.fillText(l, pad + bandPad, by + bandPad + i * 38 * u));
  ctx.fillStyle = '#d7dbe0';
  ctx.font = `400 ${16 * u}px ${fonts.stack}`;
  src.forEach((l, i) => ctx.fillText(l, pad + bandPad, by + bandPad + cap.length * 38 * u + 8 * u + i * 22 * u));
  return by;
}

/** The chart card at the top right, under the north arrow. */
export function drawCard(f: Frame, c: ImageCard): void {
  const { ctx, W, s, pad } = f;
  const cw = Math.min(300 * s, W * 0.3);
  const rh0 = 20 * s;
  const chH = (c.sub ? 48 : 32) * s + c.rows.length * rh0 + (c.note ? 20 * s : 0) + 8 * s;
  const cx = W - pad - cw, cy = pad + 64 * s;
  panel(f, cx, cy, cw, chH);
  ctx.fillStyle = '#1f2328';
  ctx.font = font(f, 13, 700);
  ctx.fillText(c.title, cx + 10 * s, cy + 8 * s, cw - 20 * s);
  let y = cy + 28 * s;
  if (c.sub) {
    ctx.font = font(f, 11);
    ctx.fillStyle = '#5b636b';
    ctx.fillText(c.sub, cx + 10 * s, y, cw - 20 * s);
    y += 18 * s;
  }
  for (const r of c.rows) {
    ctx.font = font(f, 11.5);
    ctx.fillStyle = '#1f2328';
    ctx.fillText(r.label, cx + 10 * s, y + 2 * s, 90 * s);
    ctx.fillStyle = '#e6e9ec';
    const bx = cx + 106 * s, bw = cw - 170 * s;
    ctx.fillRect(bx, y + 4 * s, bw, 10 * s);
    ctx.fillStyle = '#1f4e9c';
    ctx.fillRect(bx, y + 4 * s, (bw * Math.min(100, r.percent)) / 100, 10 * s);
    ctx.fillStyle = '#1f2328';
    ctx.textAlign = 'right';
    ctx.fillText(r.value, cx + cw - 10 * s, y + 2 * s);
    ctx.textAlign = 'left';
    y += rh0;
  }
  if (c.note) {
    ctx.font = font(f, 10.5);
    ctx.fillStyle = '#5b636b';
    ctx.fillText(c.note, cx + 10 * s, y + 2 * s, cw - 20 * s);
  }
}

/** A compare scene's two halves: the divider (swipe) or the seam (side by side) and each side's name above it. */
export interface ImageCompare {
  mode: 'swipe' | 'sideBySide';
  /** x of the divider in image pixels */
  split: number;
  /** each side's name as on screen ("左：2020 年", "右：2025 年") */
  labels: [string, string];
}

/** The divider and the side names, dark badges like the screen's (src/ui/compare/CompareView.svelte), below the title panel. */
export function drawCompareSides(f: Frame, c: ImageCompare): void {
  const { ctx, W, H } = f;
  const u = H / 1080;
  // the divider: ink with a white edge, as on screen
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(c.split - 2.5 * u, 0, 5 * u, H);
  ctx.fillStyle = '#1f2328';
  ctx.fillRect(c.split - 1.5 * u, 0, 3 * u, H);
  ctx.font = `600 ${30 * u}px ${fonts.stack}`;
  // drawn before compose() sets it: without it the names sit on their baseline, above their badges
  ctx.textBaseline = 'top';
  const y = f.pad + 124 * u;
  const bh = 48 * u, px = 14 * u, gap = 28 * u;
  c.labels.forEach((label, i) => {
    const bw = Math.min(ctx.measureText(label).width + 2 * px, (c.mode === 'swipe' ? (i === 0 ? c.split : W - c.split) : W / 2) - 2 * gap);
    // swipe: each name beside the divider on its own side; side by side: centred over its half
    const x = c.mode === 'swipe' ? (i === 0 ? c.split - gap - bw : c.split + gap) : (i === 0 ? W / 4 : (3 * W) / 4) - bw / 2;
    ctx.fillStyle = 'rgba(24,27,31,0.9)';
    ctx.beginPath();
    ctx.roundRect(x, y, bw, bh, 8 * u);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.fillText(label, x + px, y + 8 * u, bw - 2 * px);
  });
}
