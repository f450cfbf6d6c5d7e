// Comparing two states of the map: what each side shows and how the comparison is written in the URL
// (`#compare=year:2020,2035&cmode=sideBySide&cpos=0.40`). What changed between the sides: ./diff.ts.
import { TIMELINE } from '../plan/timeline.ts';
import { REGIONS, type Region } from '../plan/model.ts';

/** A layer side: the plan, or a workspace layer by its id (a drawn or imported alternative). */
export const PLAN_SIDE = 'plan';

/**
 * What the two sides differ by. Years use the time slider's rules (src/lib/plan/timeline.ts); `layer`
 * sides are the plan (`plan`) or a workspace layer id, each side drawing only what it names; `region`
 * sides are the plan filtered to one region each.
 */
export type CompareSpec =
  | { by: 'year'; a: number; b: number }
  | { by: 'basemap'; a: string; b: string }
  | { by: 'layer'; a: string; b: string }
  | { by: 'region'; a: Region; b: Region };

/** Short region names in the URL (`region:chengdu,neizi`); the full ids are read too. */
export const REGION_CODES: Record<Region, string> = {
  'chengdu-metro': 'chengdu',
  'neijiang-zigong': 'neizi',
  dazhou: 'dazhou',
  wandakai: 'wandakai',
};

export function regionOfCode(code: string): Region | undefined {
  return REGIONS.find((r) => r === code || REGION_CODES[r] === code);
}

export type CompareMode = 'swipe' | 'sideBySide';
export const COMPARE_MODES: readonly CompareMode[] = ['swipe', 'sideBySide'];

const ID = /^[\w.-]{1,80}$/;

/** "year:2020,2035" → spec; anything else (bad year, unknown kind) → undefined, never a throw. */
export function parseCompare(value: string | undefined): CompareSpec | undefined {
  if (!value) return undefined;
  const m = /^(year|basemap|layer|region):([^,]+),([^,]+)$/.exec(value);
  if (!m) return undefined;
  const [, by, a, b] = m;
  if (by === 'year') {
    const ya = Number(a);
    const yb = Number(b);
    const ok = (y: number) => Number.isInteger(y) && y >= TIMELINE.min && y <= TIMELINE.max;
    return ok(ya) && ok(yb) && ya !== yb ? { by, a: ya, b: yb } : undefined;
  }
  if (by === 'region') {
    const ra = regionOfCode(a);
    const rb = regionOfCode(b);
    return ra && rb && ra !== rb ? { by, a: ra, b: rb } : undefined;
  }
  if (!ID.test(a) || !ID.test(b) || a === b) return undefined;
  return by === 'basemap' ? { by, a, b } : { by: 'layer', a, b };
}

export function formatCompare(spec: CompareSpec): string {
  if (spec.by === 'region') return `region:${REGION_CODES[spec.a]},${REGION_CODES[spec.b]}`;
  return `${spec.by}:${spec.a},${spec.b}`;
}

/** A layer comparison's side that is a workspace layer (not the plan): its id, else null. */
export function layerOfSide(spec: CompareSpec | null | undefined, which: 'a' | 'b'): string | null {
  if (spec?.by !== 'layer') return null;
  const v = spec[which];
  return v === PLAN_SIDE ? null : v;
}

/** Whether a side draws the plan: every kind of comparison does, except a layer side naming a workspace layer. */
export function sideShowsPlan(spec: CompareSpec | null | undefined, which: 'a' | 'b'): boolean {
  return spec?.by !== 'layer' || spec[which] === PLAN_SIDE;
}

/**
 * Which workspace layers a side draws: all of them outside a layer comparison (null), in one the layer it
 * names only (none for the plan side), so each side shows what it names.
 */
export function sideLayers(spec: CompareSpec | null | undefined, which: 'a' | 'b'): string[] | null {
  if (spec?.by !== 'layer') return null;
  const id = layerOfSide(spec, which);
  return id ? [id] : [];
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

