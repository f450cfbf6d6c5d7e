// Comparing two states of the map: what each side shows and how the comparison is written in the URL
// (`#compare=year:2020,2035&cmode=sideBySide&cpos=0.40`). What changed between the sides: ./diff.ts.
import { TIMELINE } from '../plan/timeline.ts';

/** What the two sides differ by. Years use the time slider's rules (src/lib/plan/timeline.ts). */
export type CompareSpec =
  | { by: 'year'; a: number; b: number }
  | { by: 'basemap'; a: string; b: string }
  | { by: 'layer'; a: 'plan'; b: string };

export type CompareMode = 'swipe' | 'sideBySide';
export const COMPARE_MODES: readonly CompareMode[] = ['swipe', 'sideBySide'];

const ID = /^[\w.-]{1,80}$/;

/** "year:2020,2035" → spec; anything else (bad year, unknown kind) → undefined, never a throw. */
export function parseCompare(value: string | undefined): CompareSpec | undefined {
  if (!value) return undefined;
  const m = /^(year|basemap|layer):([^,]+),([^,]+)$/.exec(value);
  if (!m) return undefined;
  const [, by, a, b] = m;
  if (by === 'year') {
    const ya = Number(a);
    const yb = Number(b);
    const ok = (y: number) => Number.isInteger(y) && y >= TIMELINE.min && y <= TIMELINE.max;
    return ok(ya) && ok(yb) && ya !== yb ? { by, a: ya, b: yb } : undefined;
  }
  if (!ID.test(a) || !ID.test(b) || a === b) return undefined;
  if (by === 'basemap') return { by, a, b };
  return a === 'plan' ? { by: 'layer', a: 'plan', b } : undefined;
}

export function formatCompare(spec: CompareSpec): string {
  return `${spec.by}:${spec.a},${spec.b}`;
}

/** Divider position 0–1 (share of the width shown by side A). */
export function clampPosition(p: number): number {
  return Number.isFinite(p) ? Math.min(0.98, Math.max(0.02, p)) : 0.5;
}

/** Keyboard steps of the divider: arrows 2 %, PageUp/Down 10 %, Home/End to the edges. */
export function stepPosition(p: number, key: string): number | undefined {
  const steps: Record<string, number> = { ArrowLeft: -0.02, ArrowRight: 0.02, ArrowDown: -0.02, ArrowUp: 0.02, PageDown: -0.1, PageUp: 0.1 };
  if (key === 'Home') return clampPosition(0);
  if (key === 'End') return clampPosition(1);
  return key in steps ? clampPosition(p + steps[key]) : undefined;
}

