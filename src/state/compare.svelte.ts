// Compare: which two states the map shows side by side (or under a swipe divider). In the URL as
// `compare=year:2020,2035&cmode=swipe&cpos=0.5` (src/lib/compare/spec.ts).
import { clampPosition, formatCompare, parseCompare, sideLayers, sideShowsPlan, type CompareMode, type CompareSpec } from '../lib/compare/spec.ts';
import type { UserLayer, Workspace } from '../lib/workspace/model.ts';
import { registerHashKey } from './url.svelte.ts';

export const compareState = $state<{ spec: CompareSpec | null; mode: CompareMode; position: number; panel: boolean }>({
  spec: null,
  mode: 'swipe',
  position: 0.5,
  panel: false,
});

export function startCompare(spec: CompareSpec): void {
  compareState.spec = spec;
  compareState.panel = true;
}

export function endCompare(): void {
  compareState.spec = null;
  compareState.panel = false;
}

/** The main map is side A: whether it draws the plan (not when a layer comparison's left side is a workspace layer). */
export function mainShowsPlan(): boolean {
  return sideShowsPlan(compareState.spec, 'a');
}

const shownCopies = new WeakMap<UserLayer, UserLayer>();

/**
 * The workspace as a side of a layer comparison draws it: only the layer that side names, shown even when
 * hidden in the workspace panel (each side shows what it names); the whole workspace otherwise. The copies
 * are kept per layer object, so the map redraws a layer only when it changed.
 */
export function sideWorkspace(ws: Workspace, which: 'a' | 'b', spec: CompareSpec | null = compareState.spec): Workspace {
  const ids = sideLayers(spec, which);
  if (!ids) return ws;
  const layers = ws.layers
    .filter((l) => ids.includes(l.id))
    .map((l) => {
      if (l.visible) return l;
      let copy = shownCopies.get(l);
      if (!copy) shownCopies.set(l, (copy = { ...l, visible: true }));
      return copy;
    });
  return { ...ws, layers };
}

export function setCompareMode(mode: CompareMode): void {
  compareState.mode = mode;
}

export function setComparePosition(p: number): void {
  compareState.position = clampPosition(p);
}

export function setComparePanel(open: boolean): void {
  compareState.panel = open;
}

registerHashKey(
  'compare',
  () => (compareState.spec ? formatCompare(compareState.spec) : undefined),
  (v) => (compareState.spec = parseCompare(v) ?? null),
);
registerHashKey(
  'cmode',
  () => (compareState.spec && compareState.mode !== 'swipe' ? compareState.mode : undefined),
  (v) => (compareState.mode = v === 'sideBySide' ? 'sideBySide' : 'swipe'),
);
registerHashKey(
  'cpos',
  () => (compareState.spec && compareState.mode === 'swipe' && compareState.position !== 0.5 ? compareState.position.toFixed(2) : undefined),
  (v) => (compareState.position = clampPosition(v === undefined ? 0.5 : Number(v))),
);
