// Map image export: MapView renders the current view offscreen at the chosen pixel size (same centre and
// zoom, pixelRatio scaling so the extent matches the screen), then the parts in src/map/image/ are drawn
// on top: title, north arrow, attribution strip, scale bar, legend (and a scene's labels, caption, card).
// The workspace uses it as is; a story scene adds its texts, the legend of what it shows and its labels.
import { download } from '../browser/download.ts';
import type { StyleSpecification } from 'maplibre-gl';
import type { MapView } from './mapView.ts';
import type { Lang } from '../lib/i18n/catalog.ts';
import type { Workspace } from '../lib/workspace/model.ts';
import type { LegendEntries } from '../lib/plan/describe.ts';
import { layerSpecs, usesDeck } from './workspace/style.ts';
import { exportLayers } from './overlayExport.ts';
import { frame, type Frame } from './image/canvas.ts';
import { drawTitle } from './image/title.ts';
import { drawNorthArrow, drawScaleBar, metresPerPixel } from './image/scaleBar.ts';
import { drawAttribution } from './image/attribution.ts';
import { drawLegend, legendRows } from './image/legend.ts';
import { drawCaptionBand, drawCard, drawCompareSides, drawLabels, type ImageCard, type ImageLabel } from './image/scene.ts';
import type { ExportLayers } from './overlayExport.ts';


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
  card?: ImageCard;
  /** a compare scene: the second map drawn as the screen shows it (right of the divider, or the right half) */
  compare?: CompareImage;
}

/** The compare view's second side for the image. */
export interface CompareImage {
  view: MapView;
  /** the workspace as side B draws it (sideWorkspace) */
  ws: Workspace;
  /** side B's deck.gl drawings as MapLibre layers */
  extras: ExportLayers[];
  mode: 'swipe' | 'sideBySide';
  /** share of the width showing side A (swipe) */
  position: number;
  labels: [string, string];
}

export function exportStyle(mapView: MapView, ws: Workspace, lang: Lang, extras?: ExportLayers[]): StyleSpecification {
  const style = mapView.styleCopy();
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
  const v = mapView.getView();
  const labelAt = style.layers.findIndex((l) => l.type === 'symbol');
  for (const extra of extras ?? exportLayers({ zoom: v.zoom, lat: v.lat })) {
    Object.assign(style.sources, extra.sources);
    style.layers.splice(labelAt < 0 ? style.layers.length : labelAt, 0, ...extra.layers);
  }
  return style;
}

/** Renders the map image; the caller downloads or inspects the canvas. */
export async function renderMapImage(mapView: MapView, ws: Workspace, opts: ImageOptions): Promise<HTMLCanvasElement> {
  const W = Math.max(200, Math.min(MAX_IMAGE.width, Math.round(opts.width)));
  const H = Math.max(200, Math.min(MAX_IMAGE.height, Math.round(opts.height)));
  const labels = opts.labels ?? [];
  const c = opts.compare;
  // side by side: each map renders its half of the image (its own half of the screen)
  const aWidth = c?.mode === 'sideBySide' ? Math.round(W / 2) : W;
  const img = await mapView.renderImage({ width: aWidth, height: H, style: exportStyle(mapView, ws, opts.lang), points: labels.map((l) => l.at) });
  const at = labels.map((l, i) => ({ ...l, ...img.points[i] }));
  const mPerPx = metresPerPixel(img.center.lat, img.zoom) / img.ratio;
  const canvas = c ? await withSideB(img.canvas, W, H, c, opts.lang) : img.canvas;
  // a scene image goes on slides: its legend, scale and disclaimer read from the back of the room
  const f = frame(canvas.getContext('2d')!, W, H, opts.scene ? img.ratio * 1.4 : img.ratio);
  if (c) drawCompareSides(f, { mode: c.mode, split: c.mode === 'sideBySide' ? aWidth : Math.round(W * c.position), labels: c.labels });
  compose(f, ws, opts, mPerPx, img.bearing, at);
  return canvas;
}

/** Side A's image with side B over it as the screen shows it: right of the swipe divider, or the right half. */
async function withSideB(a: HTMLCanvasElement, W: number, H: number, c: CompareImage, lang: Lang): Promise<HTMLCanvasElement> {
  const beside = c.mode === 'sideBySide';
  const bWidth = beside ? W - a.width : W;
  const b = await c.view.renderImage({ width: bWidth, height: H, style: exportStyle(c.view, c.ws, lang, c.extras) });
  const out = document.createElement('canvas');
  out.width = W;
  out.height = H;
  const ctx = out.getContext('2d')!;
  ctx.drawImage(a, 0, 0);
  if (beside) ctx.drawImage(b.canvas, a.width, 0);
  else {
    const split = Math.round(W * c.position);
    ctx.drawImage(b.canvas, split, 0, W - split, H, split, 0, W - split, H);
  }
  return out;
}

/** The parts on top of the map, in drawing order; each part below keeps clear of those drawn before it. */
function compose(f: Frame, ws: Workspace, opts: ImageOptions, mPerPx: number, bearing: number, labels: ImageLabel[]): void {
  f.ctx.textBaseline = 'top';
  const visible = ws.layers.filter((l) => l.visible && l.features.length);
  // overlay labels first: the panels stay readable on top of them
  drawLabels(f, labels);
  drawTitle(f, opts.scene ? { title: opts.title, story: opts.scene.story, badge: opts.scene.badge } : { title: opts.title });
  drawNorthArrow(f, bearing, opts.lang);
  const stripH = drawAttribution(f, opts.lang, !opts.scene || visible.length > 0);
  let bottom = f.H - stripH - f.pad;
  if (opts.scene) bottom = drawCaptionBand(f, opts.scene.caption, opts.scene.sources, f.H - stripH) - f.pad;
  if (opts.card) drawCard(f, opts.card);
  drawScaleBar(f, mPerPx, bottom, opts.lang);
  drawLegend(f, legendRows(visible, opts.planLegend, opts.lang), bottom, opts.lang);
}

/** Renders and downloads the image as PNG. */
export async function downloadMapImage(mapView: MapView, ws: Workspace, opts: ImageOptions, fileName: string): Promise<{ width: number; height: number }> {
  const canvas = await renderMapImage(mapView, ws, opts);
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  download(fileName, blob, 'image/png');
  return { width: canvas.width, height: canvas.height };
}
