// The link preview image (og:image / twitter:image, 1200×630) drawn at build time from the plan bundle
// itself — areas, corridors and points in the theme's colours on the land colour, with the app's red band —
// so a shared link shows the plan, not a screenshot that goes stale. No text (no font rasteriser here: the
// og:title carries the words), no network. Written by the Vite plugin (scripts/pwa/plugin.ts).
import type { Feature, Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { encodePng } from '../png.ts';
import { colors, planColors } from '../../src/style/theme.ts';

export const PREVIEW_FILE = 'og-preview.png';
export const PREVIEW = { w: 1200, h: 630 } as const;

const rgb = (h: string): [number, number, number] => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16)) as [number, number, number];

interface Props {
  kind: string;
  mode?: string;
}

/** The plan bundle (public/data/plan/map.topo.json) drawn into an RGBA PNG of PREVIEW's size. */
export function drawPreview(topo: Topology): Buffer {
  const { w, h } = PREVIEW;
  const px = new Uint8Array(w * h * 4);
  const put = (x: number, y: number, c: [number, number, number], a: number) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    const o = (y * w + x) * 4;
    for (let k = 0; k < 3; k++) px[o + k] = Math.round(px[o + k] * (1 - a) + c[k] * a);
    px[o + 3] = 255;
  };
  const land = rgb(colors.land);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) put(x, y, land, 1);
  // the app's red band on the left, like the icon
  const accent = rgb(colors.accent);
  for (let y = 0; y < h; y++) for (let x = 0; x < 24; x++) put(x, y, accent, 1);

  const features = (feature(topo, topo.objects.elements as GeometryCollection).features as Feature<Geometry, Props>[]).filter((f) => f.geometry);
  // frame the plan's extent with a margin, equirectangular scaled by cos(latitude)
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const each = (g: Geometry, fn: (p: Position) => void): void => {
    if (g.type === 'Point') fn(g.coordinates);
    else if (g.type === 'LineString' || g.type === 'MultiPoint') g.coordinates.forEach(fn);
    else if (g.type === 'Polygon' || g.type === 'MultiLineString') g.coordinates.flat().forEach(fn);
    else if (g.type === 'MultiPolygon') g.coordinates.flat(2).forEach(fn);
  };
  for (const f of features) each(f.geometry, ([x, y]) => ((x0 = Math.min(x0, x)), (y0 = Math.min(y0, y)), (x1 = Math.max(x1, x)), (y1 = Math.max(y1, y))));
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const margin = 40;
  const s = Math.min((w - 24 - 2 * margin) / ((x1 - x0) * k), (h - 2 * margin) / (y1 - y0));
  const ox = 24 + (w - 24 - (x1 - x0) * k * s) / 2;
  const oy = (h - (y1 - y0) * s) / 2;
  const at = ([x, y]: Position): [number, number] => [ox + (x - x0) * k * s, oy + (y1 - y) * s];

  const colourOf = (p: Props) => rgb((p.kind === 'corridor' && p.mode && planColors.mode[p.mode as keyof typeof planColors.mode]) || planColors.kind[p.kind as keyof typeof planColors.kind] || colors.inkMuted);

  // areas: even-odd scanline fill, light
  const fillRings = (rings: Position[][], c: [number, number, number]) => {
    const pts = rings.map((r) => r.map(at));
    const ys = pts.flat().map((p) => p[1]);
    for (let y = Math.max(0, Math.floor(Math.min(...ys))); y <= Math.min(h - 1, Math.ceil(Math.max(...ys))); y++) {
      const xs: number[] = [];
      for (const r of pts)
        for (let i = 0; i < r.length - 1; i++) {
          const [ax, ay] = r[i], [bx, by] = r[i + 1];
          if (ay <= y + 0.5 !== by <= y + 0.5) xs.push(ax + ((y + 0.5 - ay) / (by - ay)) * (bx - ax));
        }
      xs.sort((a, b) => a - b);
      for (let i = 0; i + 1 < xs.length; i += 2) for (let x = Math.round(xs[i]); x < Math.round(xs[i + 1]); x++) put(x, y, c, 0.22);
    }
  };
  const line = (coords: Position[], c: [number, number, number], width: number) => {
    const r = width / 2;
    for (let i = 0; i < coords.length - 1; i++) {
      const [ax, ay] = at(coords[i]), [bx, by] = at(coords[i + 1]);
      const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay)));
      for (let j = 0; j <= n; j++) {
        const cx = ax + ((bx - ax) * j) / n, cy = ay + ((by - ay) * j) / n;
        for (let dy = -Math.ceil(r); dy <= Math.ceil(r); dy++) for (let dx = -Math.ceil(r); dx <= Math.ceil(r); dx++) if (dx * dx + dy * dy <= r * r) put(Math.round(cx + dx), Math.round(cy + dy), c, 0.9);
      }
    }
  };
  const dot = (p: Position, c: [number, number, number]) => {
    const [cx, cy] = at(p);
    for (let dy = -6; dy <= 6; dy++) for (let dx = -6; dx <= 6; dx++) if (dx * dx + dy * dy <= 36) put(Math.round(cx + dx), Math.round(cy + dy), dx * dx + dy * dy <= 16 ? c : [255, 255, 255], 1);
  };
  for (const f of features) {
    const c = colourOf(f.properties);
    if (f.geometry.type === 'Polygon') fillRings(f.geometry.coordinates, c);
    else if (f.geometry.type === 'MultiPolygon') for (const poly of f.geometry.coordinates) fillRings(poly, c);
  }
  for (const f of features) {
    const c = colourOf(f.properties);
    if (f.geometry.type === 'Polygon') for (const r of f.geometry.coordinates) line(r, c, 1.5);
    else if (f.geometry.type === 'MultiPolygon') for (const poly of f.geometry.coordinates) for (const r of poly) line(r, c, 1.5);
  }
  for (const f of features) {
    const c = colourOf(f.properties);
    if (f.geometry.type === 'LineString') line(f.geometry.coordinates, c, 4);
    else if (f.geometry.type === 'MultiLineString') for (const l of f.geometry.coordinates) line(l, c, 4);
  }
  for (const f of features) if (f.geometry.type === 'Point') dot(f.geometry.coordinates, colourOf(f.properties));
  return encodePng(w, h, px, 9);
}
