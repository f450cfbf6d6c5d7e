// A scene drawn without a map: county outlines and the scene's plan elements (highlighted ones in the highlight
// colour) inside the scene camera's view, as a small SVG. The presenter window shows the current and next scene
// this way (it never loads MapLibre), and scripts/story/make-media.ts renders a scene diagram from it. Pure.
import type { Geometry, Position } from 'geojson';
import { frameBounds, project, REFERENCE_VIEWPORT, unionBBox, type BBox } from './camera.ts';
import type { Camera, Scene } from './model.ts';

export interface ThumbElement {
  id: string;
  kind: string;
  region: string;
  geometry: Geometry;
}

export interface ThumbData {
  /** county (or prefecture) outlines */
  outlines: readonly Geometry[];
  elements: ReadonlyMap<string, ThumbElement>;
}

export interface ThumbStyle {
  kindColor: (kind: string) => string;
  highlight: string;
  /** background and outline colours */
  land: string;
  outline: string;
}

const W = REFERENCE_VIEWPORT.width;
const H = REFERENCE_VIEWPORT.height;

function bboxOf(g: Geometry): BBox | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const walk = (c: unknown): void => {
    if (typeof (c as Position)[0] === 'number') {
      const [x, y] = c as Position;
      w = Math.min(w, x!); e = Math.max(e, x!); s = Math.min(s, y!); n = Math.max(n, y!);
    } else (c as unknown[]).forEach(walk);
  };
  if (g.type === 'GeometryCollection') g.geometries.forEach((x) => { const b = bboxOf(x); if (b) walk([[b[0], b[1]], [b[2], b[3]]]); });
  else walk(g.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** The camera a thumbnail uses: the scene's own (its 1920×1080 reference framing), else one fitted to its `fit` elements. */
export function thumbCamera(scene: Pick<Scene, 'camera' | 'fit'>, data: ThumbData): Camera | null {
  if (scene.camera) return { ...scene.camera, bearing: 0, pitch: 0 };
  const boxes = (scene.fit ?? []).flatMap((id) => {
    const el = data.elements.get(id);
    const b = el ? bboxOf(el.geometry) : null;
    return b ? [b] : [];
  });
  const u = unionBBox(boxes);
  return u ? frameBounds(u) : null;
}

/** An SVG path of a geometry's lines and rings in the reference viewport (1 px steps dropped; null when off screen). */
function pathOf(g: Geometry, cam: Camera, closed: boolean): string | null {
  const parts: string[] = [];
  let anyInside = false;
  const line = (coords: Position[], close: boolean) => {
    let d = '';
    let last: [number, number] | null = null;
    for (const c of coords) {
      const [x, y] = project(c[0]!, c[1]!, cam, REFERENCE_VIEWPORT);
      if (last && Math.abs(x - last[0]) < 1.5 && Math.abs(y - last[1]) < 1.5) continue;
      if (x > -W && x < 2 * W && y > -H && y < 2 * H) anyInside ||= x >= 0 && x <= W && y >= 0 && y <= H;
      d += `${d ? 'L' : 'M'}${Math.round(x)} ${Math.round(y)}`;
      last = [x, y];
    }
    if (d) parts.push(d + (close ? 'Z' : ''));
  };
  const walk = (geom: Geometry) => {
    switch (geom.type) {
      case 'LineString': return line(geom.coordinates, false);
      case 'MultiLineString': return geom.coordinates.forEach((l) => line(l, false));
      case 'Polygon': return geom.coordinates.forEach((r) => line(r, closed));
      case 'MultiPolygon': return geom.coordinates.forEach((p) => p.forEach((r) => line(r, closed)));
      case 'GeometryCollection': return geom.geometries.forEach(walk);
      default: return;
    }
  };
  walk(g);
  return anyInside && parts.length ? parts.join('') : null;
}

function pointsOf(g: Geometry): Position[] {
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'MultiPoint') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(pointsOf);
  return [];
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Which plan elements the scene shows: its regions and kinds; highlighted ones always. */
function shown(scene: Pick<Scene, 'layers' | 'highlight'>, data: ThumbData): { el: ThumbElement; hl: boolean }[] {
  const hl = new Set(scene.highlight);
  const regions = new Set<string>(scene.layers.regions);
  const kinds = scene.layers.kinds ? new Set<string>(scene.layers.kinds) : null;
  const out: { el: ThumbElement; hl: boolean }[] = [];
  for (const el of data.elements.values())
    if (hl.has(el.id) || (regions.has(el.region) && (!kinds || kinds.has(el.kind)))) out.push({ el, hl: hl.has(el.id) });
  // highlighted last, so they are drawn on top
  return out.sort((a, b) => Number(a.hl) - Number(b.hl));
}

/**
 * The scene as an SVG (viewBox 1920×1080, drawn at `width`): land, county outlines, the scene's elements by kind
 * colour, highlighted ones thick in the highlight colour. `label` becomes its <title>.
 */
export function sceneThumbnailSvg(
  scene: Pick<Scene, 'camera' | 'fit' | 'layers' | 'highlight'>,
  data: ThumbData,
  style: ThumbStyle,
  opts: { width?: number; label?: string } = {},
): string {
  const width = opts.width ?? 320;
  const height = Math.round((width * H) / W);
  const cam = thumbCamera(scene, data);
  const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${width}" height="${height}" role="img">`
    + (opts.label ? `<title>${esc(opts.label)}</title>` : '')
    + `<rect width="${W}" height="${H}" fill="${style.land}"/>`;
  if (!cam) return `${head}</svg>`;
  const body: string[] = [];
  const outlines = data.outlines.map((g) => pathOf(g, cam, true)).filter((d): d is string => !!d);
  if (outlines.length) body.push(`<path d="${outlines.join('')}" fill="none" stroke="${style.outline}" stroke-width="3"/>`);
  for (const { el, hl } of shown(scene, data)) {
    const color = hl ? style.highlight : style.kindColor(el.kind);
    const g = el.geometry;
    if (g.type === 'Point' || g.type === 'MultiPoint') {
      for (const p of pointsOf(g)) {
        const [x, y] = project(p[0]!, p[1]!, cam, REFERENCE_VIEWPORT);
        if (x < 0 || x > W || y < 0 || y > H) continue;
        body.push(`<circle cx="${Math.round(x)}" cy="${Math.round(y)}" r="${hl ? 22 : 12}" fill="${color}" stroke="#fff" stroke-width="4"/>`);
      }
      continue;
    }
    const area = g.type === 'Polygon' || g.type === 'MultiPolygon';
    const d = pathOf(g, cam, area);
    if (!d) continue;
    // an area keeps its kind's fill (a highlighted pilot zone and a cluster stay apart) inside the highlight rim
    body.push(
      area
        ? `<path d="${d}" fill="${style.kindColor(el.kind)}" fill-opacity="${hl ? 0.5 : 0.22}" stroke="${color}" stroke-width="${hl ? 9 : 4}" data-id="${esc(el.id)}"/>`
        : `<path d="${d}" fill="none" stroke="${color}" stroke-width="${hl ? 16 : 7}" stroke-linecap="round" stroke-linejoin="round" data-id="${esc(el.id)}"/>`,
    );
  }
  return `${head}${body.join('')}</svg>`;
}
