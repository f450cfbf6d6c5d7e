// Map image export: renders the current view in an offscreen MapLibre map at the chosen pixel size (same
// centre and zoom, pixelRatio scaling so the extent matches the screen), then composes title, legend,
// scale bar, north arrow, attribution and the accuracy disclaimer on a 2D canvas.
import { Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import type { MapView } from './mapView.ts';
import type { Lang } from '../lib/i18n/strings.ts';
import { t } from '../lib/i18n/strings.ts';
import { tw } from '../lib/i18n/workspace.ts';
import type { Workspace } from '../lib/workspace/model.ts';
import { fonts, planColors } from '../style/theme.ts';
import { layerSpecs, legendEntries, usesDeck } from './workspace.ts';

export const MAX_IMAGE = { width: 3840, height: 2160 };

export interface ImageOptions {
  width: number;
  height: number;
  title: string;
  lang: Lang;
}

/** Metres per CSS pixel at a latitude and zoom (MapLibre's 512 px tiles). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The longest 1/2/5×10ⁿ metres that fits in maxMetres. */
export function niceLength(maxMetres: number): number {
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  for (const m of [5, 2, 1]) if (m * p <= maxMetres) return m * p;
  return p;
}

function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  // CJK text breaks anywhere; Latin text at spaces.
  const tokens = text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [];
  let line = '';
  for (const tok of tokens) {
    if (ctx.measureText(line + tok).width > maxWidth && line) {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    } else line += tok;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

function exportStyle(mapView: MapView, ws: Workspace, lang: Lang): StyleSpecification {
  // JSON copy: source data may be a Svelte state proxy, which structuredClone refuses.
  const style = JSON.parse(JSON.stringify(mapView.map.getStyle())) as StyleSpecification;
  // terra-draw's working layers are not part of the map.
  style.layers = style.layers.filter((l) => !l.id.startsWith('td-'));
  for (const id of Object.keys(style.sources)) if (id.startsWith('td-')) delete style.sources[id];
  // Layers drawn by deck.gl on screen are drawn by MapLibre here (slower, but it is one frame).
  for (const layer of ws.layers) {
    if (!usesDeck(layer)) continue;
    const sourceId = `user-${layer.id}-export`;
    style.sources[sourceId] = {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: layer.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { ...(f.properties as object), __fid: f.id } })) },
    };
    style.layers.push(...layerSpecs({ ...layer, style: { ...layer.style, labelField: null } }, lang, sourceId));
  }
  return style;
}

/** Renders the map image; the caller downloads or inspects the canvas. */
export async function renderMapImage(mapView: MapView, ws: Workspace, opts: ImageOptions): Promise<HTMLCanvasElement> {
  const W = Math.max(200, Math.min(MAX_IMAGE.width, Math.round(opts.width)));
  const H = Math.max(200, Math.min(MAX_IMAGE.height, Math.round(opts.height)));
  const src = mapView.map;
  const screen = src.getContainer().getBoundingClientRect();
  // Scale so the image covers about the extent on screen.
  const ratio = Math.max(0.5, Math.min(W / Math.max(1, screen.width), H / Math.max(1, screen.height)));
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  Object.assign(container.style, { position: 'fixed', left: '-100000px', top: '0', width: `${W / ratio}px`, height: `${H / ratio}px` });
  document.body.append(container);
  const center = src.getCenter();
  const map = new MapLibreMap({
    container,
    style: exportStyle(mapView, ws, opts.lang),
    center,
    zoom: src.getZoom(),
    bearing: src.getBearing(),
    pitch: src.getPitch(),
    pixelRatio: ratio,
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    localIdeographFontFamily: `'${fonts.cjk}', 'Noto Sans CJK SC', sans-serif`,
    maxCanvasSize: [8192, 8192],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the map did not finish rendering in 60 s')), 60_000);
      map.once('idle', () => {
        clearTimeout(timer);
        resolve();
      });
      map.once('error', (e) => console.warn('export map', e.error));
    });
    const out = document.createElement('canvas');
    out.width = W;
    out.height = H;
    const ctx = out.getContext('2d')!;
    ctx.drawImage(map.getCanvas(), 0, 0, W, H);
    compose(ctx, W, H, ratio, ws, opts, metresPerPixel(center.lat, src.getZoom()) / ratio, src.getBearing());
    return out;
  } finally {
    map.remove();
    container.remove();
  }
}

function panel(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, s: number): void {
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.strokeStyle = '#d7dbe0';
  ctx.lineWidth = s;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 6 * s);
  ctx.fill();
  ctx.stroke();
}

function compose(ctx: CanvasRenderingContext2D, W: number, H: number, s: number, ws: Workspace, opts: ImageOptions, mPerPx: number, bearing: number): void {
  const font = (px: number, weight = 400) => `${weight} ${px * s}px ${fonts.stack}`;
  const pad = 14 * s;
  ctx.textBaseline = 'top';

  // Title
  if (opts.title.trim()) {
    ctx.font = font(22, 600);
    const tw0 = Math.min(W - 2 * pad - 60 * s, ctx.measureText(opts.title).width);
    panel(ctx, pad, pad, tw0 + 24 * s, 40 * s, s);
    ctx.fillStyle = '#1f2328';
    ctx.fillText(opts.title, pad + 12 * s, pad + 8 * s, W - 2 * pad - 84 * s);
  }

  // North arrow (rotates with the map)
  const nx = W - pad - 22 * s;
  const ny = pad + 30 * s;
  ctx.save();
  ctx.translate(nx, ny);
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
  ctx.font = font(11, 600);
  ctx.textAlign = 'center';
  ctx.fillText(opts.lang === 'zh' ? '北' : 'N', 0, 7 * s);
  ctx.restore();
  ctx.textAlign = 'left';

  // Disclaimer strip along the bottom, with attribution at its right end
  ctx.font = font(10.5);
  const disclaimer = `${t('disclaimerTitle', opts.lang)}: ${t('disclaimer', opts.lang)} ${tw('userDisclaimer', opts.lang)}`;
  const attribution = t('attribution', opts.lang).replace(/<[^>]*>/g, '');
  const lines = [...wrap(ctx, disclaimer, W - 2 * pad), ...wrap(ctx, attribution, W - 2 * pad)];
  const lh = 14 * s;
  const stripH = lines.length * lh + 12 * s;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillRect(0, H - stripH, W, stripH);
  ctx.fillStyle = '#3b4148';
  lines.forEach((l, i) => ctx.fillText(l, pad, H - stripH + 6 * s + i * lh));
  const bottom = H - stripH - pad;

  // Scale bar
  const maxPx = Math.min(W * 0.2, 240 * s);
  const metres = niceLength(maxPx * mPerPx);
  const barPx = metres / mPerPx;
  const label = metres >= 1000 ? `${metres / 1000} ${opts.lang === 'zh' ? '公里' : 'km'}` : `${metres} ${opts.lang === 'zh' ? '米' : 'm'}`;
  const sx = W - pad - barPx - 16 * s;
  const sy = bottom - 30 * s;
  panel(ctx, sx - 8 * s, sy - 6 * s, barPx + 32 * s, 36 * s, s);
  ctx.fillStyle = '#1f2328';
  ctx.fillRect(sx, sy + 14 * s, barPx / 2, 5 * s);
  ctx.strokeStyle = '#1f2328';
  ctx.lineWidth = 1.5 * s;
  ctx.strokeRect(sx, sy + 14 * s, barPx, 5 * s);
  ctx.font = font(11);
  ctx.fillText('0', sx, sy);
  ctx.textAlign = 'right';
  ctx.fillText(label, sx + barPx + 8 * s, sy);
  ctx.textAlign = 'left';

  // Legend: the user's visible layers, then plan element kinds
  const rows: { label: string; color: string; head?: boolean }[] = [];
  const visible = ws.layers.filter((l) => l.visible && l.features.length);
  for (const l of visible) {
    const entries = legendEntries(l, opts.lang);
    if (entries.length === 1 && entries[0].label === l.name) rows.push({ label: l.name, color: entries[0].color });
    else {
      rows.push({ label: l.name, color: '', head: true });
      for (const e of entries) rows.push(e);
    }
  }
  rows.push({ label: tw('planElements', opts.lang), color: '', head: true });
  for (const [kind, color] of Object.entries(planColors.kind)) rows.push({ label: tw(`kind_${kind}`, opts.lang), color });
  ctx.font = font(12);
  const rh = 18 * s;
  const maxRows = Math.max(3, Math.floor((bottom - pad - 80 * s) / rh));
  const shown = rows.slice(0, maxRows);
  const lw = Math.min(W * 0.35, Math.max(...shown.map((r) => ctx.measureText(r.label).width)) + 44 * s);
  const lhgt = (shown.length + 1) * rh + 10 * s;
  const lx = pad;
  const ly = bottom - lhgt;
  panel(ctx, lx, ly, lw, lhgt, s);
  ctx.fillStyle = '#1f2328';
  ctx.font = font(12.5, 600);
  ctx.fillText(tw('legend', opts.lang), lx + 10 * s, ly + 6 * s);
  shown.forEach((r, i) => {
    const y = ly + 6 * s + (i + 1) * rh;
    ctx.font = font(12, r.head ? 600 : 400);
    if (r.color) {
      ctx.fillStyle = r.color;
      ctx.fillRect(lx + 10 * s, y + 2 * s, 16 * s, 11 * s);
    }
    ctx.fillStyle = '#1f2328';
    ctx.fillText(r.label, lx + (r.color ? 32 : 10) * s, y, lw - 40 * s);
  });
}

/** Renders and downloads the image as PNG. */
export async function downloadMapImage(mapView: MapView, ws: Workspace, opts: ImageOptions, fileName: string): Promise<{ width: number; height: number }> {
  const canvas = await renderMapImage(mapView, ws, opts);
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { width: canvas.width, height: canvas.height };
}
