// MapView's offscreen image (a companion of mapView.ts, the only other module that holds a MapLibre map):
// the current view rendered by a second, hidden map at the chosen pixel size, copied onto a plain canvas.
import { Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import { fonts } from '../style/theme.ts';

export interface OffscreenRequest {
  width: number;
  height: number;
  /** the style to draw (usually MapView.styleCopy() with export-only changes) */
  style: StyleSpecification;
  /** positions whose image pixels the caller needs (labels drawn on top) */
  points?: readonly [number, number][];
}

export interface OffscreenImage {
  /** width×height, the map only */
  canvas: HTMLCanvasElement;
  /** image pixels per CSS pixel of the offscreen map */
  ratio: number;
  /** `points` in image pixels */
  points: { x: number; y: number }[];
  /** the view drawn */
  center: { lng: number; lat: number };
  zoom: number;
  bearing: number;
}

export async function renderOffscreen(src: MapLibreMap, req: OffscreenRequest): Promise<OffscreenImage> {
  const W = req.width;
  const H = req.height;
  const screen = src.getContainer().getBoundingClientRect();
  // Scale so the image covers about the extent on screen.
  const ratio = Math.max(0.5, Math.min(W / Math.max(1, screen.width), H / Math.max(1, screen.height)));
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  Object.assign(container.style, { position: 'fixed', left: '-100000px', top: '0', width: `${W / ratio}px`, height: `${H / ratio}px` });
  document.body.append(container);
  const center = src.getCenter();
  const zoom = src.getZoom();
  const bearing = src.getBearing();
  const map = new MapLibreMap({
    container,
    style: req.style,
    center,
    zoom,
    bearing,
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
    const canvas = document.createElement('canvas');
    canvas.width = W;
    canvas.height = H;
    canvas.getContext('2d')!.drawImage(map.getCanvas(), 0, 0, W, H);
    // positions in the image: the offscreen map's CSS pixels times the pixel ratio
    const points = (req.points ?? []).map((at) => {
      const p = map.project(at);
      return { x: p.x * ratio, y: p.y * ratio };
    });
    return { canvas, ratio, points, center: { lng: center.lng, lat: center.lat }, zoom, bearing };
  } finally {
    map.remove();
    container.remove();
  }
}
