// The URL hash mirrors what a user would share. Pure parse/format; src/state/url.svelte.ts wires it.
// Format: #map=zoom/lat/lon[/bearing[/pitch]]&lang=en&panel=about

export interface View {
  lon: number;
  lat: number;
  zoom: number;
  bearing: number;
  pitch: number;
}

export interface HashState {
  view?: View;
  lang?: 'zh' | 'en';
  panel?: string;
  [key: string]: unknown;
}

const num = (s: string | undefined) => (s === undefined || s === '' ? NaN : Number(s));

export function parseView(value: string): View | undefined {
  const [z, lat, lon, b, p] = value.split('/').map(num);
  if (![z, lat, lon].every(Number.isFinite)) return undefined;
  if (z < 0 || z > 22 || lat < -85 || lat > 85 || lon < -180 || lon > 180) return undefined;
  return {
    zoom: z,
    lat,
    lon,
    bearing: Number.isFinite(b) ? ((((b + 180) % 360) + 360) % 360) - 180 : 0,
    pitch: Number.isFinite(p) ? Math.min(85, Math.max(0, p)) : 0,
  };
}

export function formatView(v: View): string {
  const parts = [v.zoom.toFixed(2), v.lat.toFixed(4), v.lon.toFixed(4)];
  if (Math.abs(v.bearing) >= 0.5 || v.pitch >= 0.5) parts.push(v.bearing.toFixed(0));
  if (v.pitch >= 0.5) parts.push(v.pitch.toFixed(0));
  return parts.join('/');
}

/** Parse "#map=…&lang=en&…" into typed fields; unknown keys are kept as strings. */
export function parseHash(hash: string): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: HashState = {};
  for (const [k, v] of params) {
    if (k === 'map') state.view = parseView(v);
    else if (k === 'lang') state.lang = v === 'en' ? 'en' : v === 'zh' ? 'zh' : undefined;
    else state[k] = v;
  }
  return state;
}

export function formatHash(state: HashState): string {
  const parts: string[] = [];
  if (state.view) parts.push(`map=${formatView(state.view)}`);
  for (const [k, v] of Object.entries(state)) {
    if (k === 'view' || v === undefined || v === '' || v === null) continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `#${parts.join('&')}` : '';
}

/** Keys whose value changes replace the entry (the camera, the opacity sliders). */
const REPLACE_ALWAYS = new Set(['map', 'op', 'cpos']);
/** Keys whose value changes replace the entry while the key stays (a year dragged, the next scene, another story). */
const REPLACE_WHILE_KEPT = new Set(['year', 'scene', 'story']);

/** Whether going from hash `prev` to `next` only moves along (camera, sliders): replace, not push. */
export function replacesEntry(prev: string, next: string): boolean {
  const a = new URLSearchParams(prev.replace(/^#/, ''));
  const b = new URLSearchParams(next.replace(/^#/, ''));
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(key) === b.get(key)) continue;
    if (REPLACE_ALWAYS.has(key)) continue;
    if (REPLACE_WHILE_KEPT.has(key) && a.has(key) && b.has(key)) continue;
    return false;
  }
  return true;
}
