// Framing a scene's subject clear of the panels on top of the map (the caption band, the shares card, a QR
// panel): which padding to give MapLibre's cameraForBounds so the framed box lands beside every panel, as
// large as it can be. Pure: screen rectangles in, padding out; Web Mercator with 512-px tiles as MapLibre.

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** lon/lat box: west, south, east, north */
export type LonLatBox = [number, number, number, number];

export interface ClearFrameInput {
  /** the map's size in CSS px */
  width: number;
  height: number;
  /** padding kept on every side, and between the subject and a panel */
  base: number;
  /** panels over the map, in the map's CSS px (clipped to it; empty ones are ignored) */
  obstacles: readonly Rect[];
  box: LonLatBox;
  maxZoom: number;
}

export interface ClearFrame {
  padding: Padding;
  zoom: number;
  /** where the box lands on screen under this padding (north up) */
  rect: Rect;
  /** false when no padding keeps the box off every panel (too little room): the caption-only framing then */
  clear: boolean;
}

const TILE = 512;
const mercX = (lon: number) => ((lon + 180) / 360) * TILE;
const mercY = (lat: number) => {
  const s = Math.sin((Math.min(85, Math.max(-85, lat)) * Math.PI) / 180);
  return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * TILE;
};

export function intersects(a: Rect, b: Rect, tolerance = 0.5): boolean {
  return a.left < b.right - tolerance && b.left < a.right - tolerance && a.top < b.bottom - tolerance && b.top < a.bottom - tolerance;
}

/** How a panel can be kept off the subject: ignored (the subject misses it anyway) or pushed from a side. */
type Option = { side: keyof Padding; value: number } | null;

function optionsFor(o: Rect, W: number, H: number, gap: number): Option[] {
  const out: Option[] = [null];
  // a band across most of the screen (the caption) can only be kept off from above or below
  if (o.right - o.left < 0.6 * W) {
    if ((o.left + o.right) / 2 > W / 2) out.push({ side: 'right', value: W - o.left + gap });
    else out.push({ side: 'left', value: o.right + gap });
  }
  if (o.bottom - o.top < 0.6 * H) {
    if ((o.top + o.bottom) / 2 > H / 2) out.push({ side: 'bottom', value: H - o.top + gap });
    else out.push({ side: 'top', value: o.bottom + gap });
  }
  return out;
}

/** The box's size in px at zoom 0. */
function worldSize(box: LonLatBox): { dx: number; dy: number } {
  const [w, s, e, n] = box;
  return { dx: Math.max(mercX(e) - mercX(w), 1e-9), dy: Math.max(mercY(s) - mercY(n), 1e-9) };
}

/** Where the box lands (and at which zoom) under a padding, as cameraForBounds frames it: centred in the rest. */
export function framedRect(W: number, H: number, p: Padding, box: LonLatBox, maxZoom: number): { zoom: number; rect: Rect } | null {
  const aw = W - p.left - p.right, ah = H - p.top - p.bottom;
  if (aw < 40 || ah < 40) return null;
  const { dx, dy } = worldSize(box);
  const zoom = Math.min(maxZoom, Math.log2(Math.min(aw / dx, ah / dy)));
  const bw = dx * 2 ** zoom, bh = dy * 2 ** zoom;
  const cx = p.left + aw / 2, cy = p.top + ah / 2;
  return { zoom, rect: { left: cx - bw / 2, right: cx + bw / 2, top: cy - bh / 2, bottom: cy + bh / 2 } };
}

/**
 * The padding that frames `box` largest while keeping it (and `base` px around it) off every obstacle: each
 * obstacle is left alone if the subject misses it, or pushed from the nearer side horizontally or vertically;
 * every combination is tried (a handful of panels: at most 3^n, n ≤ 5). Ties keep the fewer pushes.
 */
export function clearFrame(input: ClearFrameInput): ClearFrame {
  const { width: W, height: H, base, box, maxZoom } = input;
  const obstacles = input.obstacles
    .map((o) => ({ left: Math.max(0, o.left), top: Math.max(0, o.top), right: Math.min(W, o.right), bottom: Math.min(H, o.bottom) }))
    .filter((o) => o.right - o.left > 1 && o.bottom - o.top > 1)
    .slice(0, 5);
  const basePad: Padding = { top: base, right: base, bottom: base, left: base };
  // the subject with its margin must miss the panels it is not pushed from
  const grown = (r: Rect): Rect => ({ left: r.left - base, top: r.top - base, right: r.right + base, bottom: r.bottom + base });
  const opts = obstacles.map((o) => optionsFor(o, W, H, base));
  let best: (ClearFrame & { pushes: number }) | null = null;
  let fallback: ClearFrame | null = null;
  const combos = opts.reduce<Option[][]>((acc, os) => acc.flatMap((c) => os.map((o) => [...c, o])), [[]]);
  for (const combo of combos) {
    const p = { ...basePad };
    for (const o of combo) if (o) p[o.side] = Math.max(p[o.side], o.value);
    const f = framedRect(W, H, p, box, maxZoom);
    if (!f) continue;
    const pushes = combo.filter(Boolean).length;
    // the caption-only framing (every panel pushed vertically where it can be) if nothing is clear
    if (!fallback && combo.every((o, i) => o === opts[i][opts[i].length - 1])) fallback = { padding: p, ...f, clear: false };
    const clear = obstacles.every((o, i) => combo[i] !== null || !intersects(grown(f.rect), o));
    if (!clear) continue;
    if (!best || f.zoom > best.zoom + 1e-9 || (Math.abs(f.zoom - best.zoom) <= 1e-9 && pushes < best.pushes)) best = { padding: p, ...f, clear: true, pushes };
  }
  if (best) return { padding: best.padding, zoom: best.zoom, rect: best.rect, clear: true };
  return fallback ?? { padding: basePad, ...(framedRect(W, H, basePad, box, maxZoom) ?? { zoom: maxZoom, rect: { left: 0, top: 0, right: 0, bottom: 0 } }), clear: false };
}
