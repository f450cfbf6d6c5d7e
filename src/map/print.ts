// Printing a sheet: plans the map window at the template's paper, scale and dpi around the current view,
// renders it in tiles with an offscreen map (mapViewPrint.ts), and writes the PDF (src/lib/print/pdf.ts)
// or a PNG of the whole sheet (the canvas backend). The preview uses the same plan at a low dpi.
import type { MapView } from './mapView.ts';
import type { Workspace } from '../lib/workspace/model.ts';
import type { Msg, Lang } from '../lib/i18n/catalog.ts';
import { fitScale, mapRender, sheetLayout, tileCenter, tiles, windowBounds, type MapRender, type SheetLayout, type Tile } from '../lib/print/layout.ts';
import { sheetText, type PrintTemplate } from '../lib/print/content.ts';
import { drawSheet } from '../lib/print/sheet.ts';
import { CanvasBackend, PRINT_FONT_FAMILIES } from '../lib/print/canvas.ts';
import { missingGlyphs } from '../lib/print/pdf.ts';
import { legendEntries } from '../lib/plan/describe.ts';
import { visibleFeatures, plan } from '../state/plan.svelte.ts';
import { printFinished, printProgress, printStarted } from '../state/print.svelte.ts';
import { wgs84ToDisplay } from './basemaps.ts';
import { renderTiles } from './mapViewPrint.ts';
import { exportStyle } from './exportImage.ts';
import { download } from '../browser/download.ts';
import type { Region } from '../lib/plan/model.ts';
import bbox from '@turf/bbox';
import { colors, planColors } from '../style/theme.ts';

const EMPTY_WS = { layers: [] } as unknown as Workspace;

export interface PrintJob {
  layout: SheetLayout;
  render: MapRender;
  /** WGS84 centre of the window */
  center: [number, number];
  /** WGS84 bounds of the window */
  bounds: [number, number, number, number];
  tiles: Tile[];
}

/** The sheet around the current view: fit uses the view's extent, a fixed scale keeps its centre. */
export function planPrint(view: MapView, tpl: PrintTemplate): PrintJob {
  const layout = sheetLayout(tpl.paper, tpl.orientation);
  const v = view.getView();
  const center: [number, number] = [v.lon, v.lat];
  let scale = tpl.scale;
  if (!scale) {
    const size = view.size();
    const mpp = (40075016.686 * Math.cos((v.lat * Math.PI) / 180)) / (512 * 2 ** v.zoom);
    scale = fitScale(layout.map, size.width * mpp, size.height * mpp);
  }
  const render = mapRender(layout.map, scale, tpl.dpi, v.lat);
  return { layout, render, center, bounds: windowBounds(center, render), tiles: tiles(render, 2048) };
}

let fonts: Promise<{ latin: Uint8Array; cjk: Uint8Array; sets: { latin: Set<number>; cjk: Set<number> } }> | null = null;

/** The print fonts (public/fonts, cached by the service worker at first use), also as canvas FontFaces. */
function printFonts() {
  fonts ??= (async () => {
    const base = import.meta.env.BASE_URL;
    const get = async (name: string) => {
      const res = await fetch(`${base}fonts/${name}`);
      if (!res.ok) throw new Error(`fonts/${name}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    };
    const [latin, cjk] = await Promise.all([get('print-latin.ttf'), get('print-cjk.ttf')]);
    const faces = [new FontFace(PRINT_FONT_FAMILIES.latin, latin.slice().buffer), new FontFace(PRINT_FONT_FAMILIES.cjk, cjk.slice().buffer)];
    for (const f of faces) document.fonts.add(await f.load());
    // the fonts' character sets read straight from their cmaps (no throwaway PDF to embed them in)
    const fontkit = (await import('@pdf-lib/fontkit')).default;
    const sets = {
      latin: new Set(fontkit.create(latin).characterSet),
      cjk: new Set(fontkit.create(cjk).characterSet),
    };
    return { latin, cjk, sets };
  })();
  fonts.catch(() => (fonts = null));
  return fonts;
}

/** Characters of the typed texts the print fonts cannot draw. */
export async function missingPrintGlyphs(tpl: PrintTemplate): Promise<string[]> {
  const { sets } = await printFonts();
  return missingGlyphs(tpl.title + tpl.subtitle + tpl.reviewNo + tpl.office, sets.latin, sets.cjk);
}

/** The legend of what the window shows: visible elements whose extent meets the window. */
function windowLegend(bounds: [number, number, number, number]) {
  const [w, s, e, n] = bounds;
  const inWindow = visibleFeatures().filter((f) => {
    const [fw, fs, fe, fn] = bbox(f);
    return fw <= e && fe >= w && fs <= n && fn >= s;
  });
  const regions = [...new Set(inWindow.map((f) => f.properties.region))] as Region[];
  const osm = inWindow.some((f) => f.properties.accuracy === 'located');
  return { entries: legendEntries(inWindow.map((f) => ({ ...f.properties, geometry: f.geometry.type }))), regions: regions.length ? regions : (plan.visible as Region[]), osm };
}

function textFor(job: PrintJob, tpl: PrintTemplate, lang: Lang) {
  const { entries, regions, osm } = windowLegend(job.bounds);
  return sheetText({
    template: tpl,
    layout: job.layout,
    render: job.render,
    lang,
    legend: entries,
    colors: { kind: planColors.kind, mode: planColors.mode, muted: colors.inkMuted },
    regions,
    osm,
    bounds: job.bounds,
    centerLat: job.center[1],
    date: new Date(),
  });
}

async function renderMap(view: MapView, ws: Workspace | null, job: PrintJob, lang: Lang, render: MapRender, onTile?: (i: number, n: number) => void) {
  const displayCenter = wgs84ToDisplay(job.center);
  const ts = render === job.render ? job.tiles : tiles(render, 2048);
  return renderTiles({
    style: exportStyle(view, ws ?? EMPTY_WS, lang),
    zoom: render.zoom,
    pixelRatio: render.pixelRatio,
    tiles: ts.map((t) => ({ ...t, center: tileCenter(displayCenter, render, t) })),
    onTile,
  });
}

/** The whole sheet drawn on a canvas at `dpi` (preview and PNG). */
async function sheetCanvas(canvas: HTMLCanvasElement, view: MapView, ws: Workspace | null, job: PrintJob, tpl: PrintTemplate, lang: Lang, dpi: number, onTile?: (i: number, n: number) => void) {
  await printFonts();
  const render = dpi === job.render.dpi ? job.render : mapRender(job.layout.map, job.render.scale, dpi, job.center[1]);
  const parts = await renderMap(view, ws, job, lang, render, onTile);
  const k = dpi / 25.4;
  canvas.width = Math.round(job.layout.page.w * k);
  canvas.height = Math.round(job.layout.page.h * k);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const { map } = job.layout;
  const sx = (map.w * k) / render.css.w;
  const sy = (map.h * k) / render.css.h;
  for (const p of parts) ctx.drawImage(p.canvas, map.x * k + p.tile.x * sx, map.y * k + p.tile.y * sy, p.tile.w * sx, p.tile.h * sy);
  drawSheet(new CanvasBackend(ctx, dpi), job.layout, textFor(job, tpl, lang));
}

/** A low-resolution sheet for the dialog: the same layout, map extent and texts as the output. */
export async function drawPreview(canvas: HTMLCanvasElement, view: MapView, job: PrintJob, tpl: PrintTemplate, lang: Lang): Promise<void> {
  const dpi = Math.max(20, Math.min(60, 640 / (job.layout.page.w / 25.4)));
  const off = document.createElement('canvas');
  await sheetCanvas(off, view, await currentWorkspace(), job, tpl, lang, dpi);
  canvas.width = off.width;
  canvas.height = off.height;
  canvas.getContext('2d')!.drawImage(off, 0, 0);
}

async function currentWorkspace(): Promise<Workspace | null> {
  const { wsUi } = await import('../state/workspace.svelte.ts');
  return wsUi.workspace;
}

function fileName(tpl: PrintTemplate, job: PrintJob, ext: string, title: string): string {
  const safe = title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
  return `${safe}_${tpl.paper}_1-${Math.round(job.render.scale)}_${tpl.dpi}dpi.${ext}`;
}

/** Renders and saves the sheet; progress and the outcome go to the print state (shown by the dialog). */
export async function runPrint(view: MapView, tpl: PrintTemplate, lang: Lang, format: 'pdf' | 'png'): Promise<Uint8Array | null> {
  printStarted();
  try {
    const job = planPrint(view, tpl);
    const ws = await currentWorkspace();
    const text = textFor(job, tpl, lang);
    const progress = (i: number, n: number) => printProgress({ key: 'print.rendering', vars: { i: i + 1, n } } satisfies Msg);
    let bytes: Uint8Array;
    if (format === 'pdf') {
      const f = await printFonts();
      const parts = await renderMap(view, ws, job, lang, job.render, progress);
      printProgress({ key: 'print.writing' });
      const { map } = job.layout;
      const images = await Promise.all(
        parts.map(async (p) => ({
          rect: {
            x: map.x + (p.tile.x / job.render.css.w) * map.w,
            y: map.y + (p.tile.y / job.render.css.h) * map.h,
            w: (p.tile.w / job.render.css.w) * map.w,
            h: (p.tile.h / job.render.css.h) * map.h,
          },
          png: await pngBytes(p.canvas),
        })),
      );
      const { writeSheetPdf } = await import('../lib/print/pdf.ts');
      bytes = await writeSheetPdf(job.layout, text, images, { latin: f.latin, cjk: f.cjk });
    } else {
      const canvas = document.createElement('canvas');
      await sheetCanvas(canvas, view, ws, job, tpl, lang, tpl.dpi, progress);
      bytes = await pngBytes(canvas);
    }
    const file = fileName(tpl, job, format, text.title);
    download(file, new Blob([bytes.slice().buffer], { type: format === 'pdf' ? 'application/pdf' : 'image/png' }), format === 'pdf' ? 'application/pdf' : 'image/png');
    printFinished({ ok: { key: 'print.done', vars: { file } } });
    return bytes;
  } catch (e) {
    printFinished({ error: { key: 'print.failed', vars: { reason: e instanceof Error ? e.message : String(e) } } });
    return null;
  }
}

function pngBytes(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? b.arrayBuffer().then((a) => resolve(new Uint8Array(a)), reject) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
