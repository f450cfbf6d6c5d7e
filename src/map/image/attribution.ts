// The strip along the bottom: the accuracy disclaimer (and the user-data note) with the attribution line.
import type { Lang } from '../../lib/i18n/catalog.ts';
import { t } from '../../lib/i18n/catalog.ts';
import { font, wrap, type Frame } from './canvas.ts';

/** Draws the strip; returns its height. `userData`: the image shows the user's own layers. */
export function drawAttribution(f: Frame, lang: Lang, userData: boolean): number {
  const { ctx, W, H, s, pad } = f;
  ctx.font = font(f, 10.5);
  const userPart = userData ? ` ${t('workspace.userDisclaimer', lang)}` : '';
  const disclaimer = `${t('app.disclaimerTitle', lang)}: ${t('app.disclaimer', lang)}${userPart}`;
  const attribution = t('app.attribution', lang).replace(/<[^>]*>/g, '');
  const lines = [...wrap(ctx, disclaimer, W - 2 * pad), ...wrap(ctx, attribution, W - 2 * pad)];
  const lh = 14 * s;
  const stripH = lines.length * lh + 12 * s;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillRect(0, H - stripH, W, stripH);
  ctx.fillStyle = '#3b4148';
  lines.forEach((l, i) => ctx.fillText(l, pad, H - stripH + 6 * s + i * lh));
  return stripH;
}
