// Draws the app icons (two linked city rings, white on the accent red of src/style/theme.ts) as PNGs
// into public/icons/. Run: npx tsx scripts/pwa/icons.ts (output is committed; rerun after a colour change).
// 4×4 supersampling for smooth edges; PNGs written by scripts/png.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { encodePng } from '../png.ts';
import { colors } from '../../src/style/theme.ts';

const hex = (h: string) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));

/**
 * One icon. `bleed`: the red fills the square (maskable, Apple touch); otherwise a rounded square with
 * transparent corners. `scale`: the rings' size (maskable keeps them inside the 80 % safe circle).
 */
export function drawIcon(size: number, opts: { bleed: boolean; scale: number }): Buffer {
  const red = hex(colors.accent);
  const px = new Uint8Array(size * size * 4);
  const S = 4;
  const rings = [
    [0.5 - 0.13 * opts.scale, 0.5],
    [0.5 + 0.13 * opts.scale, 0.5],
  ];
  const r = 0.2 * opts.scale, w = 0.035 * opts.scale;
  const inBody = (x: number, y: number) => {
    if (opts.bleed) return true;
    const m = 0.04, rad = 0.2; // margin and corner radius
    const cx = Math.min(Math.max(x, m + rad), 1 - m - rad), cy = Math.min(Math.max(y, m + rad), 1 - m - rad);
    return x >= m && x <= 1 - m && y >= m && y <= 1 - m && Math.hypot(x - cx, y - cy) <= rad;
  };
  for (let py = 0; py < size; py++)
    for (let pxl = 0; pxl < size; pxl++) {
      let body = 0, ring = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const x = (pxl + (sx + 0.5) / S) / size, y = (py + (sy + 0.5) / S) / size;
          if (!inBody(x, y)) continue;
          body++;
          if (rings.some(([cx, cy]) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w)) ring++;
        }
      const n = S * S, a = body / n, t = body ? ring / body : 0;
      const o = (py * size + pxl) * 4;
      for (let k = 0; k < 3; k++) px[o + k] = Math.round(red[k] * (1 - t) + 255 * t);
      px[o + 3] = Math.round(a * 255);
    }
  return encodePng(size, size, px, 9);
}

export const ICONS = [
  { file: 'icon-192.png', size: 192, bleed: false, scale: 1, purpose: 'any' },
  { file: 'icon-512.png', size: 512, bleed: false, scale: 1, purpose: 'any' },
  { file: 'icon-maskable-512.png', size: 512, bleed: true, scale: 0.8, purpose: 'maskable' },
  { file: 'apple-touch-icon.png', size: 180, bleed: true, scale: 0.9, purpose: 'apple' },
] as const;

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('public/icons', { recursive: true });
  for (const i of ICONS) writeFileSync(`public/icons/${i.file}`, drawIcon(i.size, i));
  console.log(`wrote ${ICONS.length} icons to public/icons/`);
}
