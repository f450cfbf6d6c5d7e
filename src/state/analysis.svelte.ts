// Analysis state: the open section, the map tool that takes clicks, measure points, what the map
// shows for the current result, and pinned results. Results themselves live in the panel.
import type { Feature, Geometry } from 'geojson';
import { untrack } from 'svelte';

export type AnalysisTab = 'measure' | 'between' | 'claim' | 'overlap' | 'jurisdiction' | 'catchment' | 'nearest' | 'layers';
export const ANALYSIS_TABS: readonly AnalysisTab[] = ['measure', 'between', 'claim', 'overlap', 'jurisdiction', 'catchment', 'nearest', 'layers'];

/** What a click on the map does while the analysis panel is in charge of it. */
export type AnalysisTool = 'measure' | 'pickA' | 'pickB' | 'pickElement' | 'pickHub' | 'pickBuffer' | 'hubPoint' | 'nearestPoint';

/** How the map draws an overlay feature (src/map/analysis.ts styles by role). */
export type OverlayRole =
  | 'measure'
  | 'vertex'
  | 'centroidLine'
  | 'edgeLine'
  | 'element'
  | 'intersection'
  | 'ring'
  | 'hub'
  | 'point'
  | 'hit'
  | 'hitLine';

export interface OverlayProps {
  role: OverlayRole;
  /** label on the map, per language */
  zh?: string;
  en?: string;
  pinned?: boolean;
}
export type OverlayFeature = Feature<Geometry, OverlayProps>;

export interface Pin {
  id: string;
  title: { zh: string; en: string };
  features: OverlayFeature[];
}

export const analysis = $state<{
  tab: AnalysisTab;
  tool: AnalysisTool | null;
  measureMode: 'line' | 'area';
  measurePoints: [number, number][];
  /** label for the measured path or area, set when the worker answers */
  measureLabel: { zh: string; en: string } | null;
  /** elements picked on the map or in a list (plan ids) */
  a: string | null;
  b: string | null;
  element: string | null;
  hub: string | null;
  /** the element a buffer layer is made around */
  bufferOf: string | null;
  hubPoint: [number, number] | null;
  nearestPoint: [number, number] | null;
}>({
  tab: 'measure',
  tool: null,
  measureMode: 'line',
  measurePoints: [],
  measureLabel: null,
  a: null,
  b: null,
  element: null,
  hub: null,
  bufferOf: null,
  hubPoint: null,
  nearestPoint: null,
});

class OverlayState {
  /** each section's latest result drawing; the map shows the open section's */
  sections = $state.raw<Partial<Record<AnalysisTab, OverlayFeature[]>>>({});
  pins = $state.raw<Pin[]>([]);
}
export const overlay = new OverlayState();

export function setSectionOverlay(tab: AnalysisTab, features: OverlayFeature[]): void {
  // called from effects: reading the old value must not make them depend on what they write
  overlay.sections = { ...untrack(() => overlay.sections), [tab]: features };
}

let pinSeq = 0;
export function pinOverlay(title: { zh: string; en: string }, features: OverlayFeature[]): void {
  if (!features.length) return;
  overlay.pins = [...untrack(() => overlay.pins), { id: `pin-${++pinSeq}`, title, features: features.map((f) => ({ ...f, properties: { ...f.properties, pinned: true } })) }];
}

export function removePin(id: string): void {
  overlay.pins = overlay.pins.filter((p) => p.id !== id);
}

export function setTool(tool: AnalysisTool | null): void {
  analysis.tool = analysis.tool === tool ? null : tool;
}

/** Leave the current pointer tool (Escape, a pick made, the panel closed). */
export function endTool(): void {
  analysis.tool = null;
}

export function setTab(tab: AnalysisTab): void {
  analysis.tab = tab;
  analysis.tool = null;
}

export function setMeasureMode(mode: 'line' | 'area'): void {
  analysis.measureMode = mode;
}

export function addMeasurePoint(at: [number, number]): void {
  analysis.measurePoints = [...analysis.measurePoints, at];
}

export function undoMeasurePoint(): void {
  analysis.measurePoints = analysis.measurePoints.slice(0, -1);
}

export function setMeasureLabel(label: { zh: string; en: string } | null): void {
  analysis.measureLabel = label;
}

/** An element for one of the analysis slots; a hub element replaces a hub point. */
export function setPick(slot: 'a' | 'b' | 'element' | 'hub' | 'bufferOf', id: string | null): void {
  analysis[slot] = id;
  if (slot === 'hub') analysis.hubPoint = null;
}

/** A point clicked for the catchment: it replaces a hub element and ends the tool. */
export function setHubPoint(at: [number, number]): void {
  analysis.hubPoint = at;
  analysis.hub = null;
  analysis.tool = null;
}

export function setNearestPoint(at: [number, number]): void {
  analysis.nearestPoint = at;
}

/** What a pick tool's click chose: fills its slot and ends the tool. */
export function pickWithTool(tool: AnalysisTool, id: string): void {
  if (tool === 'pickA') setPick('a', id);
  else if (tool === 'pickB') setPick('b', id);
  else if (tool === 'pickElement') setPick('element', id);
  else if (tool === 'pickHub') setPick('hub', id);
  else if (tool === 'pickBuffer') setPick('bufferOf', id);
  analysis.tool = null;
}

export function clearMeasure(): void {
  analysis.measurePoints = [];
  analysis.measureLabel = null;
}

/** Runs `fn` whenever the state it reads changes (for map modules outside components). */
export function watchAnalysis(fn: () => void): () => void {
  return $effect.root(() => {
    $effect(fn);
  });
}
