// Frame a lon/lat box in a viewport the way MapLibre's fitBounds does (Web Mercator, 512-px tiles,
// north up). Used to write a scene's reference camera from its `fit` elements.
import type { Camera } from './model.ts';

export type BBox = [west: number, south: number, east: number, north: number];

export interface Viewport {
  width: number;
  height: number;
  /** pixels kept clear on every side */
  padding: number;
}

/** The reference screen the shipped stories are framed for (a 16:9 exhibition display). */
export const REFERENCE_VIEWPORT: Viewport = { width: 1920, height: 1080, padding: 96 };

const TILE = 512;
const mercX = (lon: number) => (lon + 180) / 360;
const mercY = (lat: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
const unmercY = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/** Camera (north up, no pitch) that fits `bbox` inside the padded viewport; zoom capped at `maxZoom`. */
export function frameBounds(bbox: BBox, vp: Viewport = REFERENCE_VIEWPORT, maxZoom = 12): Camera {
  const [w, s, e, n] = bbox;
  const x0 = mercX(w), x1 = mercX(e), y0 = mercY(n), y1 = mercY(s);
  const dx = Math.max((x1 - x0) * TILE, 1e-9);
  const dy = Math.max((y1 - y0) * TILE, 1e-9);
  const zoom = Math.min(maxZoom, Math.log2(Math.min((vp.width - 2 * vp.padding) / dx, (vp.height - 2 * vp.padding) / dy)));
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  return { lon: cx * 360 - 180, lat: unmercY(cy), zoom, bearing: 0, pitch: 0 };
}

/** Screen position (px from the top-left) of a lon/lat under a north-up, unpitched camera. */
export function project(lon: number, lat: number, cam: Camera, vp: Viewport): [number, number] {
  const scale = TILE * 2 ** cam.zoom;
  return [vp.width / 2 + (mercX(lon) - mercX(cam.lon)) * scale, vp.height / 2 + (mercY(lat) - mercY(cam.lat)) * scale];
}

/** Union of boxes. */
export function unionBBox(boxes: readonly BBox[]): BBox | null {
  if (boxes.length === 0) return null;
  return boxes.reduce<BBox>((u, b) => [Math.min(u[0], b[0]), Math.min(u[1], b[1]), Math.max(u[2], b[2]), Math.max(u[3], b[3])], [Infinity, Infinity, -Infinity, -Infinity]);
}
