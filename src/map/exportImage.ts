// Map image export: renders the current view in an offscreen MapLibre map at the chosen pixel size (same
// centre and zoom, pixelRatio scaling so the extent matches the screen), then composes title, legend,
// scale bar, north arrow, attribution and the accuracy disclaimer on a 2D canvas. The workspace uses it
// as is; a story scene adds its texts, the legend of what it shows and its overlay labels.
import { download } from '../browser/download.ts';
import { Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import type { MapView } from './mapView.ts';
import type { Lang } from '../lib/i18n/catalog.ts';
import type { Workspace } from '../lib/workspace/model.ts';
import { t } from '../lib/i18n/catalog.ts';
import { planLabel } from '../lib/i18n/labels.ts';
import { SCHEMATIC_OUTLINE_DASH, type LegendEntries } from '../lib/plan/describe.ts';
import { colors, fonts, planColors } from '../style/theme.ts';
import { layerSpecs, legendEntries, usesDeck } from './workspace.ts';
import { exportLayers } from './overlayExport.ts';

export const MAX_IMAGE = { width: 3840, height: 2160 };

/** A story scene's texts: the title panel carries the story title above `title`, a band the caption. */
export interface SceneImageText {
  story: string;
  caption: string;
  /** the scene's sources line */
  sources: string;
  /** e.g. "2023年" when the scene shows a year */
  badge?: string;
}

export interface ImageOptions {
  width: number;
  height: number;
  title: string;
  lang: Lang;
  /** story scene texts (optional; the workspace export leaves it out) */
  scene?: SceneImageText;
  /** the legend of the plan symbols drawn (legendEntries of the view); default: every kind's colour */
  planLegend?: LegendEntries;
  /** labels the screen shows as DOM markers (not in the map style), drawn at their coordinates */
  labels?: { at: [number, number]; main: string; sub?: string }[];
  /** a small chart card at the top right (the scene's jurisdiction shares) */
  card?: { title: string; sub?: string; rows: { label: string; value: string; percent: number }[]; note?: string };
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
  // the app's own deck.gl drawings (corridor bands), below the labels as on screen
  const c = mapView.map.getCenter();
  const labelAt = style.layers.findIndex((l) => l.type === 'symbol');
  for (const extra of exportLayers({ zoom: mapView.map.getZoom(), lat: c.lat })) {
    Object.assign(style.sources, extra.sources);
    style.layers.splice(labelAt < 0 ? style.layers.length : labelAt, 0, ...extra.layers);
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
    // marker positions in the image: the offscreen map's CSS pixels times the pixel ratio
    const labels = (opts.labels ?? []).map((l) => {
      const p = map.project(l.at);
      return { ...l, x: p.x * ratio, y: p.y * ratio };
    });
    compose(ctx, W, H, ratio, ws, opts, metresPerPixel(center.lat, src.getZoom()) / ratio, src.getBearing(), labels);
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

type Swatch = { shape: 'rect' | 'area' | 'line' | 'point'; color: string; dash?: readonly number[] | null; schematic?: boolean };
type LegendRow = { label: string; head?: boolean; swatch?: Swatch };

/** Legend rows for the plan symbols drawn, like src/ui/Legend.svelte. */
export function planLegendRows(e: LegendEntries, lang: Lang): LegendRow[] {
  const rows: LegendRow[] = [];
  if (e.kinds.length) {
    rows.push({ label: t('plan.legendKinds', lang), head: true });
    for (const k of e.kinds) rows.push({ label: t(`plan.kind.${k.kind}`, lang), swatch: { shape: k.shapes[0] ?? 'area', color: planColors.kind[k.kind] } });
  }
  if (e.modes.length) {
    rows.push({ label: t('plan.legendModes', lang), head: true });
    for (const m of e.modes) rows.push({ label: t(`plan.mode.${m.mode}`, lang), swatch: { shape: 'line', color: planColors.mode[m.mode] } });
  }
  if (e.lines.length) {
    rows.push({ label: t('plan.legendLines', lang), head: true });
    const key = { existing: 'plan.lineExisting', underConstruction: 'plan.lineBuilding', future: 'plan.lineFuture' } as const;
    for (const l of e.lines) rows.push({ label: t(key[l.style], lang), swatch: { shape: 'line', color: colors.inkMuted, dash: l.dash } });
  }
  if (e.schematic.area || e.schematic.line || e.schematic.point) {
    rows.push({ label: t('plan.legendSchematic', lang), head: true });
    if (e.schematic.area) rows.push({ label: t('plan.legendSchematicArea', lang), swatch: { shape: 'area', color: colors.inkMuted, schematic: true } });
    if (e.schematic.line) rows.push({ label: t('plan.legendSchematicLine', lang), swatch: { shape: 'line', color: colors.inkMuted, schematic: true } });
    if (e.schematic.point) rows.push({ label: t('plan.legendSchematicPoint', lang), swatch: { shape: 'point', color: colors.inkMuted, schematic: true } });
  }
  return rows;
}

function drawSwatch(ctx: CanvasRenderingContext2D, sw: Swatch, x: number, y: number, s: number): void {
  const w = 22 * s, h = 11 * s;
  ctx.save();
  ctx.fillStyle = sw.color;
  ctx.strokeStyle = sw.color;
  if (sw.shape === 'rect') ctx.fillRect(x, y, 16 * s, h);
  else if (sw.shape === 'area') {
    ctx.globalAlpha = sw.schematic ? 0.12 : 0.2;
    ctx.fillRect(x, y, w, h);
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1.6 * s;
    if (sw.schematic) ctx.setLineDash(SCHEMATIC_OUTLINE_DASH.map((d) => d * 1.6 * s));
    ctx.strokeRect(x, y, w, h);
  } else if (sw.shape === 'line') {
    const lw = 3 * s;
    if (sw.schematic) {
      ctx.globalAlpha = 0.25;
      ctx.lineWidth = 9 * s;
      ctx.lineCap = 'round';
      ctx.beginPath();
      ctx.moveTo(x + 3 * s, y + h / 2);
      ctx.lineTo(x + w - 3 * s, y + h / 2);
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    ctx.lineWidth = lw;
    ctx.lineCap = sw.dash ? 'butt' : 'round';
    ctx.setLineDash(sw.dash ? sw.dash.map((d) => d * lw) : []);
    ctx.beginPath();
    ctx.moveTo(x + 2 * s, y + h / 2);
    ctx.lineTo(x + w - 2 * s, y + h / 2);
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.arc(x + w / 2, y + h / 2, 5 * s, 0, Math.PI * 2);
    ctx.fillStyle = sw.schematic ? '#ffffff' : sw.color;
    ctx.fill();
    ctx.lineWidth = (sw.schematic ? 2.2 : 1.2) * s;
    ctx.stroke();
  }
  ctx.restore();
}

function compose(
  ctx: CanvasRenderingContext2D,
  W: number,
  H: number,
  ratio: number,
  ws: Workspace,
  opts: ImageOptions,
  mPerPx: number,
  bearing: number,
  labels: { x: number; y: number; main: string; sub?: string }[] = [],
): void {
  // a scene image goes on slides: its legend, scale and disclaimer read from the back of the room
  const s = opts.scene ? ratio * 1.4 : ratio;
  const font = (px: number, weight = 400) => `${weight} ${px * s}px ${fonts.stack}`;
  const pad = 14 * s;
  ctx.textBaseline = 'top';
  const visible = ws.layers.filter((l) => l.visible && l.features.length);

  // Overlay labels first: the panels stay readable on top of them
  for (const l of labels) {
    ctx.font = font(14, 700);
    const w1 = ctx.measureText(l.main).width;
    ctx.font = font(11.5);
    const w2 = l.sub ? ctx.measureText(l.sub).width : 0;
    const bw = Math.max(w1, w2) + 16 * s, bh = (l.sub ? 40 : 24) * s;
    const bx = l.x - bw / 2, by = l.y - 12 * s - bh;
    // dark like the on-screen markers (src/ui/story/StoryPlayer.svelte)
    ctx.fillStyle = 'rgba(24,27,31,0.88)';
    ctx.beginPath();
    ctx.roundRect(bx, by, bw, bh, 6 * s);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = font(14, 700);
    ctx.textAlign = 'center';
    ctx.fillText(l.main, l.x, by + 5 * s);
    if (l.sub) {
      ctx.font = font(11.5);
      ctx.fillStyle = '#e6e9ec';
      ctx.fillText(l.sub, l.x, by + 23 * s);
    }
    ctx.textAlign = 'left';
  }

  // Scene: a title panel with the story above the scene title
  if (opts.scene) {
    const u = H / 1080;
    const sfont = (px: number, weight = 400) => `${weight} ${px * u}px ${fonts.stack}`;
    const maxW = Math.min(W * 0.62, W - 2 * pad - 90 * s);
    ctx.font = sfont(20, 600);
    const storyLine = opts.scene.badge ? `${opts.scene.story} · ${opts.scene.badge}` : opts.scene.story;
    const w1 = ctx.measureText(storyLine).width;
    ctx.font = sfont(40, 700);
    const w2 = ctx.measureText(opts.title).width;
    const pw = Math.min(maxW, Math.max(w1, w2)) + 40 * u;
    const ph = 104 * u;
    panel(ctx, pad, pad, pw, ph, s);
    ctx.fillStyle = colors.accent;
    ctx.fillRect(pad, pad + 8 * u, 6 * u, ph - 16 * u);
    ctx.fillStyle = '#5b636b';
    ctx.font = sfont(20, 600);
    ctx.fillText(storyLine, pad + 22 * u, pad + 16 * u, maxW);
    ctx.fillStyle = '#1f2328';
    ctx.font = sfont(40, 700);
    ctx.fillText(opts.title, pad + 22 * u, pad + 46 * u, maxW);
  } else if (opts.title.trim()) {
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
  ctx.fillText(t('app.north', opts.lang), 0, 7 * s);
  ctx.restore();
  ctx.textAlign = 'left';

  // Disclaimer strip along the bottom, with attribution at its right end
  ctx.font = font(10.5);
  const userPart = opts.scene && !visible.length ? '' : ` ${t('workspace.userDisclaimer', opts.lang)}`;
  const disclaimer = `${t('app.disclaimerTitle', opts.lang)}: ${t('app.disclaimer', opts.lang)}${userPart}`;
  const attribution = t('app.attribution', opts.lang).replace(/<[^>]*>/g, '');
  const lines = [...wrap(ctx, disclaimer, W - 2 * pad), ...wrap(ctx, attribution, W - 2 * pad)];
  const lh = 14 * s;
  const stripH = lines.length * lh + 12 * s;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillRect(0, H - stripH, W, stripH);
  ctx.fillStyle = '#3b4148';
  lines.forEach((l, i) => ctx.fillText(l, pad, H - stripH + 6 * s + i * lh));
  let bottom = H - stripH - pad;

  // Scene: caption and sources in a band above the disclaimer (where the player shows them)
  if (opts.scene) {
    const u = H / 1080;
    const bandPad = 18 * u;
    ctx.font = `400 ${28 * u}px ${fonts.stack}`;
    const cap = wrap(ctx, opts.scene.caption, W - 2 * pad - 2 * bandPad).slice(0, 4);
    ctx.font = `400 ${16 * u}px ${fonts.stack}`;
    const src = wrap(ctx, opts.scene.sources, W - 2 * pad - 2 * bandPad).slice(0, 2);
    const bandH = bandPad * 2 + cap.length * 38 * u + (src.length ? 8 * u + src.length * 22 * u : 0);
    const by = H - stripH - bandH;
    ctx.fillStyle = 'rgba(20,24,28,0.82)';
    ctx.fillRect(0, by, W, bandH);
    ctx.fillStyle = '#ffffff';
    ctx.font = `400 ${28 * u}px ${fonts.stack}`;
    cap.forEach((l, i) => ctx.fillText(l, pad + bandPad, by + bandPad + i * 38 * u));
    ctx.fillStyle = '#d7dbe0';
    ctx.font = `400 ${16 * u}px ${fonts.stack}`;
    src.forEach((l, i) => ctx.fillText(l, pad + bandPad, by + bandPad + cap.length * 38 * u + 8 * u + i * 22 * u));
    bottom = by - pad;
  }

  // Scene: the chart card at the top right, under the north arrow
  if (opts.card) {
    const c = opts.card;
    const cw = Math.min(300 * s, W * 0.3);
    const rh0 = 20 * s;
    const chH = (c.sub ? 48 : 32) * s + c.rows.length * rh0 + (c.note ? 20 * s : 0) + 8 * s;
    const cx = W - pad - cw, cy = pad + 64 * s;
    panel(ctx, cx, cy, cw, chH, s);
    ctx.fillStyle = '#1f2328';
    ctx.font = font(13, 700);
    ctx.fillText(c.title, cx + 10 * s, cy + 8 * s, cw - 20 * s);
    let y = cy + 28 * s;
    if (c.sub) {
      ctx.font = font(11);
      ctx.fillStyle = '#5b636b';
      ctx.fillText(c.sub, cx + 10 * s, y, cw - 20 * s);
      y += 18 * s;
    }
    for (const r of c.rows) {
      ctx.font = font(11.5);
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
      ctx.font = font(10.5);
      ctx.fillStyle = '#5b636b';
      ctx.fillText(c.note, cx + 10 * s, y + 2 * s, cw - 20 * s);
    }
  }

  // Scale bar
  const maxPx = Math.min(W * 0.2, 240 * s);
  const metres = niceLength(maxPx * mPerPx);
  const barPx = metres / mPerPx;
  const label = metres >= 1000 ? `${metres / 1000} ${t('app.unit.km', opts.lang)}` : `${metres} ${t('app.unit.m', opts.lang)}`;
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

  // Legend: the user's visible layers, then the plan symbols drawn (or every kind's colour)
  const rows: LegendRow[] = [];
  for (const l of visible) {
    const entries = legendEntries(l, opts.lang);
    if (entries.length === 1 && entries[0].label === l.name) rows.push({ label: l.name, swatch: { shape: 'rect', color: entries[0].color } });
    else {
      rows.push({ label: l.name, head: true });
      for (const e of entries) rows.push({ label: e.label, swatch: { shape: 'rect', color: e.color } });
    }
  }
  if (opts.planLegend && !opts.planLegend.empty) rows.push(...planLegendRows(opts.planLegend, opts.lang));
  else if (!opts.planLegend) {
    rows.push({ label: t('workspace.planElements', opts.lang), head: true });
    for (const [kind, color] of Object.entries(planColors.kind)) rows.push({ label: planLabel('kind', kind, opts.lang), swatch: { shape: 'rect', color } });
  }
  ctx.font = font(12);
  const rh = 18 * s;
  const maxRows = Math.max(3, Math.floor((bottom - pad - 80 * s) / rh));
  const shown = rows.slice(0, maxRows);
  if (!shown.length) return;
  const lw = Math.min(W * 0.35, Math.max(...shown.map((r) => ctx.measureText(r.label).width)) + 50 * s);
  const lhgt = (shown.length + 1) * rh + 10 * s;
  const lx = pad;
  const ly = bottom - lhgt;
  panel(ctx, lx, ly, lw, lhgt, s);
  ctx.fillStyle = '#1f2328';
  ctx.font = font(12.5, 600);
  ctx.fillText(t('workspace.legend', opts.lang), lx + 10 * s, ly + 6 * s);
  shown.forEach((r, i) => {
    const y = ly + 6 * s + (i + 1) * rh;
    ctx.font = font(12, r.head ? 600 : 400);
    const sw = r.swatch;
    if (sw) drawSwatch(ctx, sw, lx + 10 * s, y + 2 * s, s);
    ctx.fillStyle = '#1f2328';
    const tx = sw ? (sw.shape === 'rect' ? 32 : 38) : 10;
    ctx.fillText(r.label, lx + tx * s, y, lw - (tx + 8) * s);
  });
}

/** Renders and downloads the image as PNG. */
export async function downloadMapImage(mapView: MapView, ws: Workspace, opts: ImageOptions, fileName: string): Promise<{ width: number; height: number }> {
  const canvas = await renderMapImage(mapView, ws, opts);
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  download(fileName, blob, 'image/png');
  return { width: canvas.width, height: canvas.height };
}
