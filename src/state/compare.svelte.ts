// Compare: which two states the map shows side by side (or under a swipe divider). In the URL as
// `compare=year:2020,2035&cmode=swipe&cpos=0.5` (src/lib/compare/spec.ts).
import { clampPosition, formatCompare, parseCompare, type CompareMode, type CompareSpec } from '../lib/compare/spec.ts';
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
