// The image's title at the top left: a scene's panel (story above the scene title), else the plain title.
import { colors, fonts } from '../../style/theme.ts';
import { font, panel, type Frame } from './canvas.ts';

interface TitleText {
  title: string;
  /** a story scene: the story's title (with the year badge) above `title` */
  story?: string;
  badge?: string;
}

export function drawTitle(f: Frame, text: TitleText): void {
  const { ctx, W, H, s, pad } = f;
  if (text.story !== undefined) {
    const u = H / 1080;
    const sfont = (px: number, weight = 400) => `${weight} ${px * u}px ${fonts.stack}`;
    const maxW = Math.min(W * 0.62, W - 2 * pad - 90 * s);
    ctx.font = sfont(20, 600);
    const storyLine = text.badge ? `${text.story} · ${text.badge}` : text.story;
    const w1 = ctx.measureText(storyLine).width;
    ctx.font = sfont(40, 700);
    const w2 = ctx.measureText(text.title).width;
    const pw = Math.min(maxW, Math.max(w1, w2)) + 40 * u;
    const ph = 104 * u;
    panel(f, pad, pad, pw, ph);
    ctx.fillStyle = colors.accent;
    ctx.fillRect(pad, pad + 8 * u, 6 * u, ph - 16 * u);
    ctx.fillStyle = '#5b636b';
    ctx.font = sfont(20, 600);
    ctx.fillText(storyLine, pad + 22 * u, pad + 16 * u, maxW);
    ctx.fillStyle = '#1f2328';
    ctx.font = sfont(40, 700);
    ctx.fillText(text.title, pad + 22 * u, pad + 46 * u, maxW);
  } else if (text.title.trim()) {
    ctx.font = font(f, 22, 600);
    const tw0 = Math.min(W - 2 * pad - 60 * s, ctx.measureText(text.title).width);
    panel(f, pad, pad, tw0 + 24 * s, 40 * s);
    ctx.fillStyle = '#1f2328';
    ctx.fillText(text.title, pad + 12 * s, pad + 8 * s, W - 2 * pad - 84 * s);
  }
}
