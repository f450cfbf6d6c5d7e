// MapView's print companion (with mapView.ts and mapViewImage.ts, the modules that hold a MapLibre map):
// renders a print window tile by tile in one hidden map — north-up, at the sheet's zoom and pixel ratio —
// and hands back each tile as a plain canvas. One map for all tiles: the style is parsed and the data
// tiled once; only the camera and, at the edges, the size change.
import { Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import { fonts } from '../style/theme.ts';
import type { Tile } from '../lib/print/layout.ts';

export interface TileJob {
  style: StyleSpecification;
  zoom: number;
  pixelRatio: number;
  /** tiles of the window in CSS px, each with its centre (display datum) */
  tiles: (Tile & { center: [number, number] })[];
  onTile?: (i: number, n: number) => void;
}

export interface RenderedTile {
  tile: Tile;
  canvas: HTMLCanvasElement;
}

function idle(map: MapLibreMap): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the map did not finish rendering a tile in 90 s')), 90_000);
    map.once('idle', () => {
      clearTimeout(timer);
      resolve();
    });
    map.triggerRepaint();
  });
}

export async function renderTiles(job: TileJob): Promise<RenderedTile[]> {
  const first = job.tiles[0];
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  const size = (t: Tile) => Object.assign(container.style, { width: `${t.w}px`, height: `${t.h}px` });
  Object.assign(container.style, { position: 'fixed', left: '-100000px', top: '0' });
  size(first);
  document.body.append(container);
  const map = new MapLibreMap({
    container,
    style: job.style,
    center: first.center,
    zoom: job.zoom,
    pixelRatio: job.pixelRatio,
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    // the sheet's zoom may lie beyond the app's limits (1:10,000 on a large sheet)
    minZoom: 0,
    maxZoom: 22,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    localIdeographFontFamily: `'${fonts.cjk}', 'Noto Sans CJK SC', sans-serif`,
    maxCanvasSize: [4096, 4096],
  });
  map.on('error', (e) => console.warn('print map', e.error));
  try {
    await new Promise<void>((resolve) => (map.loaded() ? resolve() : map.once('load', () => resolve())));
    const out: RenderedTile[] = [];
    let current = { w: first.w, h: first.h };
    for (const [i, t] of job.tiles.entries()) {
      job.onTile?.(i, job.tiles.length);
      if (t.w !== current.w || t.h !== current.h) {
        size(t);
        map.resize();
        current = { w: t.w, h: t.h };
      }
      map.jumpTo({ center: t.center, zoom: job.zoom, bearing: 0, pitch: 0 });
      await idle(map);
      const src = map.getCanvas();
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(t.w * job.pixelRatio);
      canvas.height = Math.round(t.h * job.pixelRatio);
      canvas.getContext('2d')!.drawImage(src, 0, 0, canvas.width, canvas.height);
      out.push({ tile: t, canvas });
    }
    return out;
  } finally {
    map.remove();
    container.remove();
  }
}
