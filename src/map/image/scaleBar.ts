// The scale bar (bottom right, above the bottom parts) and the north arrow (top right, turned with the map).
import type { Lang } from '../../lib/i18n/catalog.ts';
import { t } from '../../lib/i18n/catalog.ts';
import { font, panel, type Frame } from './canvas.ts';

// one scale maths for the image export and the printed sheet
import { metresPerPixel, niceLength } from '../../lib/print/layout.ts';
export { metresPerPixel };

/** `mPerPx`: metres per image pixel; `bottom`: the lowest y the bar may reach. */
export function drawScaleBar(f: Frame, mPerPx: number, bottom: number, lang: Lang): void {
  const { ctx, W, s, pad } = f;
  const maxPx = Math.min(W * 0.2, 240 * s);
  const metres = niceLength(maxPx * mPerPx);
  const barPx = metres / mPerPx;
  const label = metres >= 1000 ? `${metres / 1000} ${t('app.unit.km', lang)}` : `${metres} ${t('app.unit.m', lang)}`;
  const sx = W - pad - barPx - 16 * s;
  const sy = bottom - 30 * s;
  panel(f, sx - 8 * s, sy - 6 * s, barPx + 32 * s, 36 * s);
  ctx.fillStyle = '#1f2328';
  ctx.fillRect(sx, sy + 14 * s, barPx / 2, 5 * s);
  ctx.strokeStyle = '#1f2328';
  ctx.lineWidth = 1.5 * s;
  ctx.strokeRect(sx, sy + 14 * s, barPx, 5 * s);
  ctx.font = font(f, 11);
  ctx.fillText('0', sx, sy);
  ctx.textAlign = 'right';
  ctx.fillText(label, sx + barPx + 8 * s, sy);
  ctx.textAlign = 'left';
}

export function drawNorthArrow(f: Frame, bearing: number, lang: Lang): void {
  const { ctx, W, s, pad } = f;
  ctx.save();
  ctx.translate(W - pad - 22 * s, pad + 30 * s);
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.beginPath();
  ctx.arc(0, 0, 22 * s, 0, Math.PI * 2);
  ctx.fill();
  ctx.rotate((-bearing * Math.PI) / 180);
  ctx.fillStyle = '#b8322a';
  ctx.beginPath();
  ctx.moveTo(0, -16 * s);
  ctx.lineTo(7 * s, 6 * s);
  ctx.lineTo(0, 2 * s);
  ctx.lineTo(-7 * s, 6 * s);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#1f2328';
  ctx.font = font(f, 11, 600);
  ctx.textAlign = 'center';
  ctx.fillText(t('app.north', lang), 0, 7 * s);
  ctx.restore();
  ctx.textAlign = 'left';
}
