// Applying a story scene to the map: camera (framed with MapView.cameraForBounds above the caption),
// visible regions and kinds, year, basemap groups and highlight; and giving the app's map back after.
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { BasemapGroup, CameraTarget, MapView } from '../mapView.ts';
import { PLAN_LAYER_IDS, PLAN_SOURCE } from '../planLayers.ts';
import type { Scene } from '../../lib/story/model.ts';
import { REGIONS, type Region } from '../../lib/plan/model.ts';
import { plan, setRegionVisible, setScope } from '../../state/plan.svelte.ts';
import { restoreAppFilters, showSceneFilters, showSceneYear } from '../../state/story.svelte.ts';
import { growthSteps } from '../../lib/story/growth.ts';
import { fonts, planColors } from '../../style/theme.ts';
import { sceneFitBBox, sceneVisibleIds } from './scenePlan.ts';
import { clearOverlays, drawOverlays, ensureOverlayLayers, type OverlayOptions } from './overlays.ts';
import { onCompareSide, type DecoratedSide } from '../compareSides.ts';
import type { Lang } from '../../lib/i18n/catalog.ts';
import { clearFrame, type Rect } from '../../lib/framing/clearFrame.ts';
import { tick } from 'svelte';

declare global {
  interface Window {
    /** Test and console handle for the story player; not an API. */
    __atlasStory?: { applied: string | null };
  }
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * How long the camera waits at most for a scene's shares card before it frames without it. The wait normally
 * ends when the overlays are drawn (the card is announced before that); this only guards a load that hangs. It
 * was 2.5 s: on a busy machine the card came later, the camera framed the subject under it, and the kiosk's
 * idle reset (card ready at once) framed it elsewhere — two cameras for one scene.
 */
const SHARES_WAIT_MS = 20_000;

/** The zoom the shipped stories were framed with at most (scripts/story/frame-stories.ts, frameBounds). */
const MAX_SCENE_ZOOM = 12;

/**
 * The panels over the map the subject must stay clear of, in the map's CSS px: those the player marks
 * `data-frame-avoid` (the caption band, the shares card), else the bottom `bottomInset` px; and the scene
 * pictures' column, `rightInset` px at the right (src/ui/story/SceneMedia.svelte).
 */
function panelRects(v: MapView, bottomInset: number, rightInset: number): Rect[] {
  const at = v.container.getBoundingClientRect();
  const { width, height } = v.size();
  const rects = [...document.querySelectorAll('[data-frame-avoid]')]
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0)
    .map((r) => ({ left: r.left - at.left, top: r.top - at.top, right: r.right - at.left, bottom: r.bottom - at.top }));
  if (!rects.length && bottomInset > 0) rects.push({ left: 0, top: height - bottomInset, right: width, bottom: height });
  if (rightInset > 0) rects.push({ left: width - Math.min(rightInset, width / 2), top: 0, right: width, bottom: height });
  return rects;
}

/**
 * Where the player puts the camera: the fit box framed as large as it can be, clear of the caption, the shares
 * card and the pictures by the padding (scaled from the 96 px of the 1080-px reference), pushed from whichever
 * side costs the least zoom (src/lib/framing/clearFrame.ts).
 */
function sceneCamera(v: MapView, scene: Scene, bottomInset = 0, rightInset = 0): CameraTarget | null {
  const box = scene.fit?.length ? sceneFitBBox(scene) : null;
  const bearing = scene.camera?.bearing ?? 0;
  const pitch = scene.camera?.pitch ?? 0;
  if (box) {
    const { width, height } = v.size();
    const base = Math.round((96 * height) / 1080);
    const { padding } = clearFrame({ width, height, base, obstacles: panelRects(v, bottomInset, rightInset), box, maxZoom: MAX_SCENE_ZOOM });
    // framed north up, as the reference cameras are; the scene's bearing and pitch are applied after
    const cam = v.cameraForBounds(box, { padding, maxZoom: MAX_SCENE_ZOOM });
    if (cam) return { ...cam, bearing, pitch };
  }
  const c = scene.camera;
  return c ? { center: [c.lon, c.lat], zoom: c.zoom, bearing, pitch } : null;
}

// ---------------------------------------------------------------- layers

const FILTERED = PLAN_LAYER_IDS.filter((id) => !id.startsWith('plan-selected'));
const HL_LAYERS = ['story-hl-casing', 'story-hl-line', 'story-hl-point', 'story-hl-label'] as const;
const IS_LINE: ExpressionSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
const NONE: ExpressionSpecification = ['in', ['get', 'id'], ['literal', []]];
const IS_POINT: ExpressionSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];
const NOT_POINT: ExpressionSpecification = ['!', IS_POINT];

interface Saved {
  regions: Region[];
  filters: Map<string, FilterSpecification | undefined>;
  basemap: Map<string, string>;
}
let saved: Saved | null = null;
let token = 0;
/** a growth scene's pending year steps */
let growthTimers: ReturnType<typeof setTimeout>[] = [];

function stopGrowth(): void {
  for (const t of growthTimers) clearTimeout(t);
  growthTimers = [];
}

/** A growth scene: the slider's year from A to B once the camera has arrived (reduced motion: A, then B). */
function runGrowth(scene: Scene, current: () => boolean): void {
  if (!scene.growth) return;
  for (const step of growthSteps(scene.growth, scene.durationSec, reducedMotion()))
    growthTimers.push(setTimeout(() => current() && showSceneYear(step.year), step.atMs));
}

function planLayersReady(v: MapView): Promise<void> {
  return new Promise((resolve) => {
    const ok = () => v.hasLayer('plan-area-fill') && plan.features.length > 0;
    if (ok()) return resolve();
    const stops: (() => void)[] = [];
    const check = () => {
      if (!ok()) return;
      for (const stop of stops) stop();
      resolve();
    };
    stops.push(v.on('styledata', check), v.on('idle', check));
  });
}

/**
 * The highlight layers, drawn from the plan source above the overlays: a magenta band (planColors.highlight,
 * a hue no kind uses) with a white rim on each side of the element, leaving a gap so the element's own colour
 * and dash (mode, phase) stay visible; points get a magenta ring.
 */
function ensureHighlightLayers(v: MapView): void {
  if (v.hasLayer('story-hl-casing')) return;
  const width = (a: number, b: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 5, a, 11, b];
  const gap = width(3, 6);
  const lineLayout = { 'line-join': 'round', 'line-cap': 'round' } as const;
  v.addLayer({ id: 'story-hl-casing', type: 'line', source: PLAN_SOURCE, filter: ['all', NOT_POINT, NONE], layout: lineLayout, paint: { 'line-color': '#ffffff', 'line-width': width(4, 6), 'line-gap-width': gap, 'line-opacity': 0.95 } });
  v.addLayer({ id: 'story-hl-line', type: 'line', source: PLAN_SOURCE, filter: ['all', NOT_POINT, NONE], layout: lineLayout, paint: { 'line-color': planColors.highlight, 'line-width': width(2, 3.5), 'line-gap-width': gap } });
  v.addLayer({ id: 'story-hl-point', type: 'circle', source: PLAN_SOURCE, filter: ['all', IS_POINT, NONE], paint: { 'circle-radius': width(8, 12), 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': planColors.highlight, 'circle-stroke-width': 4 } });
  // highlighted lines carry their names just beside them, dark on a white halo (areas and points have the plan's own labels)
  v.addLayer({
    id: 'story-hl-label', type: 'symbol', source: PLAN_SOURCE, filter: ['all', IS_LINE, NONE],
    layout: { 'symbol-placement': 'line', 'text-field': ['get', 'zh'], 'text-font': [fonts.latin], 'text-size': width(12, 15), 'text-offset': [0, -1.1], 'symbol-spacing': 400, 'text-max-angle': 30, 'text-padding': 4 },
    paint: { 'text-color': '#1f2328', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
  });
}

function idFilter(ids: readonly string[]): ExpressionSpecification {
  return ['in', ['get', 'id'], ['literal', [...ids]]];
}

/** Shows the scene's highlight (rims, rings, line names in `lang`) on a map whose highlight layers exist. */
function showHighlight(v: MapView, highlight: readonly string[], lang: Lang): void {
  const hl = idFilter(highlight);
  v.setFilter('story-hl-casing', ['all', NOT_POINT, hl]);
  v.setFilter('story-hl-line', ['all', NOT_POINT, hl]);
  v.setFilter('story-hl-point', ['all', IS_POINT, hl]);
  v.setFilter('story-hl-label', ['all', IS_LINE, hl]);
  v.setLayout('story-hl-label', 'text-field', ['get', lang]);
}

// A compare scene highlights on both sides: the compare view's second map (side B) gets the same highlight
// layers over its own plan source, whenever it opens and whenever its plan is redrawn.
let sideWatch: (() => void) | null = null;
let decorated: DecoratedSide | null = null;

function undecorate(): void {
  if (decorated) {
    decorated.setDecoration(null);
    for (const id of HL_LAYERS) decorated.view.setFilter(id, NONE);
  }
  decorated = null;
}

function highlightSideB(scene: Scene | null, lang: Lang): void {
  sideWatch?.();
  sideWatch = null;
  if (!scene?.compare) return undecorate();
  sideWatch = onCompareSide((side) => {
    if (side !== decorated) undecorate();
    decorated = side;
    side?.setDecoration((bv) => {
      ensureHighlightLayers(bv);
      showHighlight(bv, scene.highlight, lang);
      // the scene's basemap groups (e.g. no rivers) on this side too
      const bm = scene.layers.basemap ?? { boundaries: true, rivers: true, labels: true };
      for (const g of ['boundaries', 'rivers', 'labels'] as const) bv.setBasemapGroupVisible(g, bm[g]);
    });
  });
}

const BASEMAP_PROBE: Record<BasemapGroup, string> = { boundaries: 'county-line', rivers: 'river-line', labels: 'county-label' };

export interface ApplyOptions extends OverlayOptions {
  /** px at the bottom covered by the caption */
  bottomInset: number;
  /** px at the right covered by the scene's media panel */
  rightInset?: number;
  animate: boolean;
}

/** Apply a scene to the map `v` (the app's, from useMap()); resolves when the camera has arrived (overlays may still be computing). */
export async function applyScene(v: MapView | null, scene: Scene, opts: ApplyOptions): Promise<void> {
  if (!v) return;
  const my = ++token;
  stopGrowth();
  await planLayersReady(v);
  if (my !== token) return;
  // the year restyles the plan by phase through the app's time slider (visibleFeatures)
  showSceneFilters(scene);
  saved ??= {
    regions: [...plan.visible],
    filters: new Map(FILTERED.map((id) => [id, v.getFilter(id)])),
    basemap: new Map(
      (['boundaries', 'rivers', 'labels'] as BasemapGroup[]).flatMap((g) => {
        const id = BASEMAP_PROBE[g];
        return v.hasLayer(id) ? [[g, String(v.getLayout(id, 'visibility') ?? 'visible')] as [string, string]] : [];
      }),
    ),
  };
  // regions through the app's own state (the layer panel stays truthful); kinds and year by filter
  for (const r of REGIONS) if (plan.visible.includes(r) !== scene.layers.regions.includes(r)) setRegionVisible(r, scene.layers.regions.includes(r));
  const ids = sceneVisibleIds(scene);
  setScope(ids); // deck.gl corridor drawing follows the scene too
  for (const id of FILTERED) {
    if (!v.hasLayer(id)) continue;
    const orig = saved.filters.get(id);
    v.setFilter(id, (orig ? ['all', orig, idFilter(ids)] : idFilter(ids)) as FilterSpecification);
  }
  const bm = scene.layers.basemap ?? { boundaries: true, rivers: true, labels: true };
  for (const g of ['boundaries', 'rivers', 'labels'] as const) v.setBasemapGroupVisible(g, bm[g]);

  ensureOverlayLayers(v);
  ensureHighlightLayers(v);
  // big screens: map text, strokes and markers grow with the screen (a county label ≥ 1/60 of its height)
  v.setPresentationMode(true);
  showHighlight(v, scene.highlight, opts.lang);
  highlightSideB(scene, opts.lang);

  clearOverlays(v);
  opts.onShares?.(null);
  // a shares card is framed around: the camera waits (at most SHARES_WAIT_MS) until the player shows it
  let sharesShown = () => {};
  const shown = new Promise<void>((resolve) => (sharesShown = resolve));
  const overlays = drawOverlays(v, scene, { ...opts, onShares: (c) => (opts.onShares?.(c), c && sharesShown()) }, () => my === token);
  if (scene.overlays.some((o) => o.type === 'jurisdictionShares')) {
    let waited: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([shown, overlays, new Promise((r) => (waited = setTimeout(r, SHARES_WAIT_MS)))]);
    clearTimeout(waited);
  }
  await tick(); // the player has drawn this scene's panels (and removed the last one's)
  if (my !== token) return;
  const cam = sceneCamera(v, scene, opts.bottomInset, opts.rightInset);
  const arrived = cam ? v.moveTo(cam, { animate: opts.animate && !reducedMotion() }) : Promise.resolve();
  await arrived;
  if (my !== token) return;
  runGrowth(scene, () => my === token);
  if (window.__atlasStory) window.__atlasStory.applied = scene.id;
}

/** Stop applying scenes and give the map back as the app had it. */
export function clearScene(v: MapView | null): void {
  token++;
  stopGrowth();
  if (!v) return;
  clearOverlays(v);
  v.setPresentationMode(false);
  for (const id of HL_LAYERS) v.setFilter(id, NONE);
  highlightSideB(null, 'zh');
  setScope(null);
  if (saved) {
    for (const [id, f] of saved.filters) v.setFilter(id, f ?? null);
    for (const [g, vis] of saved.basemap) v.setBasemapGroupVisible(g as BasemapGroup, vis !== 'none');
    for (const r of REGIONS) if (plan.visible.includes(r) !== saved.regions.includes(r)) setRegionVisible(r, saved.regions.includes(r));
    saved = null;
  }
  restoreAppFilters();
  if (window.__atlasStory) window.__atlasStory.applied = null;
}
