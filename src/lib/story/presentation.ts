// The presentation scale: on a big screen map text, strokes and markers grow with the screen, so a county
// label is at least 1/60 of the screen height (the 5 m reading rule, docs/stories.md) at 1080p and 4K alike.
// Pure: it computes factors and rewrites MapLibre paint/layout values; src/map/mapView.ts applies them.

/** A county label must be at least this fraction of the screen height. */
export const LABEL_SCREEN_FRACTION = 1 / 60;
/** The smallest county label size of the basemap style (src/style/theme.ts type.countyLabel − 1 at zoom 7). */
export const MIN_COUNTY_LABEL_PX = 11;
/** Strokes and markers: the app's sizes suit a 900-px-high window; they grow in proportion above that. */
const GEOMETRY_REFERENCE_PX = 900;

export interface PresentationScale {
  /** factor on text sizes and halos */
  text: number;
  /** factor on line widths, gaps, offsets, blur and circle radii and strokes */
  geometry: number;
}

/** Factors for a map `heightPx` CSS pixels high (never below 1: a small window keeps the app's sizes). */
export function presentationScale(heightPx: number): PresentationScale {
  const h = Number.isFinite(heightPx) && heightPx > 0 ? heightPx : 0;
  return {
    text: Math.max(1, (h * LABEL_SCREEN_FRACTION) / MIN_COUNTY_LABEL_PX),
    geometry: Math.max(1, h / GEOMETRY_REFERENCE_PX),
  };
}

export const NO_SCALE: PresentationScale = { text: 1, geometry: 1 };

/** The properties a presentation scale multiplies, by which factor. Dashes are in line widths and follow. */
export const SCALED_PROPERTIES: Readonly<Record<string, { kind: 'layout' | 'paint'; by: keyof PresentationScale }>> = {
  'text-size': { kind: 'layout', by: 'text' },
  'text-halo-width': { kind: 'paint', by: 'text' },
  'text-halo-blur': { kind: 'paint', by: 'text' },
  'icon-size': { kind: 'layout', by: 'text' },
  'line-width': { kind: 'paint', by: 'geometry' },
  'line-gap-width': { kind: 'paint', by: 'geometry' },
  'line-offset': { kind: 'paint', by: 'geometry' },
  'line-blur': { kind: 'paint', by: 'geometry' },
  'circle-radius': { kind: 'paint', by: 'geometry' },
  'circle-stroke-width': { kind: 'paint', by: 'geometry' },
  'circle-blur': { kind: 'paint', by: 'geometry' },
};

type Value = unknown;
const isZoomCurve = (v: Value): v is unknown[] =>
  Array.isArray(v) && (v[0] === 'interpolate' || v[0] === 'step') && Array.isArray(v[v[0] === 'step' ? 1 : 2]) && (v[v[0] === 'step' ? 1 : 2] as unknown[])[0] === 'zoom';

/**
 * `value` times `k`, as a style value MapLibre accepts: a number stays a number; a zoom curve
 * (interpolate/step over ["zoom"], which must stay at the top) has each stop's output multiplied; any other
 * expression is wrapped in ["*", value, k].
 */
export function scaleStyleValue(value: Value, k: number): Value {
  if (k === 1 || value === undefined || value === null) return value;
  if (typeof value === 'number') return Math.round(value * k * 1000) / 1000;
  if (!Array.isArray(value)) return value;
  if (isZoomCurve(value)) {
    const out = [...value];
    if (value[0] === 'step') {
      // ['step', ['zoom'], out0, z1, out1, …]
      for (let i = 2; i < out.length; i += 2) out[i] = scaleStyleValue(out[i], k);
    } else {
      // ['interpolate', curve, ['zoom'], z1, out1, z2, out2, …]
      for (let i = 4; i < out.length; i += 2) out[i] = scaleStyleValue(out[i], k);
    }
    return out;
  }
  return ['*', value, k];
}

/**
 * deck.gl overlays under a presentation scale: pixel sizes (widths and radii in pixel units, and every
 * min/max pixel clamp) times `geometry`; sizes in metres stay geographic. Returns only the props to change.
 */
export function scaleOverlayProps(props: Readonly<Record<string, unknown>>, geometry: number): Record<string, number> {
  const out: Record<string, number> = {};
  if (!(geometry > 0) || geometry === 1) return out;
  const mul = (k: string) => {
    const v = props[k];
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v * geometry;
  };
  for (const k of ['widthMinPixels', 'widthMaxPixels', 'radiusMinPixels', 'radiusMaxPixels', 'lineWidthMinPixels', 'lineWidthMaxPixels']) mul(k);
  const scaleOf = (units: string, scale: string) => {
    if (props[units] === 'pixels') out[scale] = (typeof props[scale] === 'number' ? (props[scale] as number) : 1) * geometry;
  };
  scaleOf('widthUnits', 'widthScale');
  scaleOf('radiusUnits', 'radiusScale');
  scaleOf('lineWidthUnits', 'lineWidthScale');
  return out;
}
