// A printed planning sheet (图框) in millimetres: paper, frame, the map window and the panels around it, and
// how the map window maps to pixels at a scale and resolution. Pure: the map renderer and the PDF writer
// both read the same layout, so the preview, the raster and the vector text agree.

export const PAPERS = {
  A4: [210, 297],
  A3: [297, 420],
  A2: [420, 594],
  A1: [594, 841],
  A0: [841, 1189],
} as const satisfies Record<string, readonly [number, number]>;
export type Paper = keyof typeof PAPERS;
export const PAPER_NAMES = Object.keys(PAPERS) as Paper[];

export type Orientation = 'landscape' | 'portrait';

/** Scales a planning office prints at (1:n). */
export const SCALES = [10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000] as const;
export const DPIS = [150, 200, 300] as const;

/** Web Mercator: metres per CSS pixel at a latitude and MapLibre zoom (512 px tiles). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** CSS pixels are 1/96 inch: the map is laid out at 96 px per inch and drawn with pixelRatio dpi/96, so
 *  labels and strokes keep their on-screen size in millimetres (12 px ≈ 3.2 mm) whatever the dpi. */
export const CSS_DPI = 96;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SheetLayout {
  paper: Paper;
  orientation: Orientation;
  /** page size in mm */
  page: { w: number; h: number };
  /** the outer frame line (图框) */
  frame: Rect;
  /** title band at the top of the frame */
  titleBand: Rect;
  /** the map window (图廓) */
  map: Rect;
  /** the side panel: legend, scale, north arrow, sources, review number */
  panel: Rect;
  /** text size unit in pt, grows with the paper so an A0 reads from further away */
  pt: number;
}

/** All lengths in mm; y grows downwards from the top of the page (converted at the PDF edge). */
export function sheetLayout(paper: Paper, orientation: Orientation): SheetLayout {
  const [a, b] = PAPERS[paper];
  const page = orientation === 'landscape' ? { w: b, h: a } : { w: a, h: b };
  // Sizes grow with the paper's diagonal relative to A3, so an A0 is readable from further away.
  const k = Math.sqrt((page.w * page.h) / (297 * 420));
  const margin = Math.max(8, 10 * k);
  const frame = { x: margin, y: margin, w: page.w - 2 * margin, h: page.h - 2 * margin };
  const gap = 3 * k;
  const titleH = 16 * k;
  const titleBand = { x: frame.x + gap, y: frame.y + gap, w: frame.w - 2 * gap, h: titleH };
  const bodyY = titleBand.y + titleH + gap;
  const bodyH = frame.y + frame.h - gap - bodyY;
  // Landscape: panel at the right; portrait: panel below the map (a narrow sheet has no room at the side).
  if (orientation === 'landscape') {
    const panelW = Math.min(75 * k, frame.w * 0.28);
    const map = { x: frame.x + gap, y: bodyY, w: frame.w - 3 * gap - panelW, h: bodyH };
    const panel = { x: map.x + map.w + gap, y: bodyY, w: panelW, h: bodyH };
    return { paper, orientation, page, frame, titleBand, map, panel, pt: 9 * k };
  }
  const panelH = Math.min(62 * k, frame.h * 0.3);
  const map = { x: frame.x + gap, y: bodyY, w: frame.w - 2 * gap, h: bodyH - gap - panelH };
  const panel = { x: map.x, y: map.y + map.h + gap, w: map.w, h: panelH };
  return { paper, orientation, page, frame, titleBand, map, panel, pt: 9 * k };
}

export interface MapRender {
  /** scale denominator (1:n) */
  scale: number;
  dpi: number;
  /** MapLibre zoom that gives 1:n at the centre latitude with the map laid out in CSS px */
  zoom: number;
  /** the map window in CSS px (what the offscreen map is laid out at) */
  css: { w: number; h: number };
  /** the image in device pixels (css × dpi/96) */
  px: { w: number; h: number };
  pixelRatio: number;
  /** ground size of the window at the centre latitude, metres */
  ground: { w: number; h: number };
}

/** The zoom at which one CSS px on a 96-dpi sheet covers scale × 0.0254/96 m at `lat`. */
export function zoomForScale(scale: number, lat: number): number {
  const mpp = (scale * 0.0254) / CSS_DPI;
  return Math.log2((40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * mpp));
}

/** The scale (1:n) a zoom gives at `lat` on paper; inverse of zoomForScale. */
export function scaleForZoom(zoom: number, lat: number): number {
  return (metresPerPixel(lat, zoom) * CSS_DPI) / 0.0254;
}

export function mapRender(map: Rect, scale: number, dpi: number, lat: number): MapRender {
  const css = { w: Math.round((map.w / 25.4) * CSS_DPI), h: Math.round((map.h / 25.4) * CSS_DPI) };
  const pixelRatio = dpi / CSS_DPI;
  return {
    scale,
    dpi,
    zoom: zoomForScale(scale, lat),
    css,
    px: { w: Math.round(css.w * pixelRatio), h: Math.round(css.h * pixelRatio) },
    pixelRatio,
    ground: { w: (map.w / 1000) * scale, h: (map.h / 1000) * scale },
  };
}

/** The scale that fits a ground extent (metres, at the centre latitude) into the map window, rounded up to a
 *  "nice" denominator (1, 1.5, 2, 2.5, 3, 4, 5, 7.5 × 10ⁿ) so the sheet states a round scale. */
export function fitScale(map: Rect, groundW: number, groundH: number): number {
  const need = Math.max(groundW / (map.w / 1000), groundH / (map.h / 1000));
  const p = 10 ** Math.floor(Math.log10(need));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10]) if (m * p >= need) return m * p;
  return 10 * p;
}

export interface Tile {
  /** offset of the tile in the CSS-px map window */
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Splits the window into tiles whose device-pixel size stays under `maxPx` (GPU drawing-buffer limits
 *  are 4096–16384 px; software GL is slower with large buffers). */
export function tiles(r: MapRender, maxPx = 2048): Tile[] {
  const maxCss = Math.floor(maxPx / r.pixelRatio);
  const cols = Math.ceil(r.css.w / maxCss);
  const rows = Math.ceil(r.css.h / maxCss);
  const out: Tile[] = [];
  for (let j = 0; j < rows; j++)
    for (let i = 0; i < cols; i++) {
      const x = Math.round((i * r.css.w) / cols);
      const y = Math.round((j * r.css.h) / rows);
      out.push({ x, y, w: Math.round(((i + 1) * r.css.w) / cols) - x, h: Math.round(((j + 1) * r.css.h) / rows) - y });
    }
  return out;
}

/** The longest 1/2/5×10ⁿ metres that fits in maxMetres. */
export function niceLength(maxMetres: number): number {
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  for (const m of [5, 2, 1]) if (m * p <= maxMetres) return m * p;
  return p;
}

/** Scale bar: a round ground length at most a quarter of the window, and its length on paper in mm. */
export function scaleBar(scale: number, mapWidthMm: number): { metres: number; mm: number } {
  const metres = niceLength(((mapWidthMm / 4) * scale) / 1000);
  return { metres, mm: (metres * 1000) / scale };
}

/** "1:250,000" the way Chinese sheets write it (thousands with commas). */
export function scaleText(scale: number): string {
  return `1:${Math.round(scale).toLocaleString('en-US')}`;
}

/** Grid tick values (degrees) inside [lo, hi] at a round step giving about `count` ticks. */
export function gridTicks(lo: number, hi: number, count = 5): { step: number; values: number[] } {
  const raw = (hi - lo) / count;
  const steps = [1 / 60, 2 / 60, 5 / 60, 10 / 60, 15 / 60, 20 / 60, 30 / 60, 1, 2, 5];
  const step = steps.find((s) => s >= raw) ?? 10;
  const values: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) values.push(Number(v.toFixed(6)));
  return { step, values };
}

/** 104°30′E / 30°40′N, as grid labels print. */
export function dms(value: number, axis: 'lon' | 'lat'): string {
  const hemi = axis === 'lon' ? (value >= 0 ? 'E' : 'W') : value >= 0 ? 'N' : 'S';
  const total = Math.round(Math.abs(value) * 60);
  const d = Math.floor(total / 60);
  const m = total % 60;
  return `${d}°${m ? `${String(m).padStart(2, '0')}′` : ''}${hemi}`;
}

/** Web Mercator world pixels (MapLibre's 512 px tiles) at a zoom. */
function toWorld([lon, lat]: [number, number], zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const y = Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  return [((lon + 180) / 360) * size, (0.5 - y / (2 * Math.PI)) * size];
}

function fromWorld([x, y]: [number, number], zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const lon = (x / size) * 360 - 180;
  const lat = (Math.atan(Math.exp((0.5 - y / size) * 2 * Math.PI)) * 360) / Math.PI - 90;
  return [lon, lat];
}

/** The centre of a tile of the window, for a map centred on `center` (no bearing: sheets are north-up). */
export function tileCenter(center: [number, number], r: MapRender, t: Tile): [number, number] {
  const [cx, cy] = toWorld(center, r.zoom);
  return fromWorld([cx + t.x + t.w / 2 - r.css.w / 2, cy + t.y + t.h / 2 - r.css.h / 2], r.zoom);
}

/** The window's geographic bounds [west, south, east, north]. */
export function windowBounds(center: [number, number], r: MapRender): [number, number, number, number] {
  const [cx, cy] = toWorld(center, r.zoom);
  const [w, n] = fromWorld([cx - r.css.w / 2, cy - r.css.h / 2], r.zoom);
  const [e, s] = fromWorld([cx + r.css.w / 2, cy + r.css.h / 2], r.zoom);
  return [w, s, e, n];
}
