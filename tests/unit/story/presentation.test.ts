// The presentation scale (src/lib/story/presentation.ts): factors from the screen height that make a county
// label ≥ 1/60 of it, and style values multiplied the way MapLibre accepts (zoom curves stay on top).
import { describe, expect, it } from 'vitest';
import { LABEL_SCREEN_FRACTION, MIN_COUNTY_LABEL_PX, presentationScale, scaleOverlayProps, scaleStyleValue } from '../../../src/lib/story/presentation.ts';
import { type } from '../../../src/style/theme.ts';

describe('presentationScale', () => {
  it('makes the smallest county label 1/60 of the height at 1080 and 2160 px', () => {
    for (const h of [1080, 2160]) expect(MIN_COUNTY_LABEL_PX * presentationScale(h).text).toBeCloseTo(h * LABEL_SCREEN_FRACTION, 6);
    expect(presentationScale(2160).text).toBeCloseTo(2 * presentationScale(1080).text, 6);
    expect(presentationScale(2160).geometry).toBeCloseTo(2.4, 6);
  });

  it('never shrinks a small window, and survives a zero or bad height', () => {
    expect(presentationScale(600)).toEqual({ text: 1, geometry: 1 });
    expect(presentationScale(0)).toEqual({ text: 1, geometry: 1 });
    expect(presentationScale(Number.NaN)).toEqual({ text: 1, geometry: 1 });
  });

  it('uses the basemap style’s real smallest county label size', () => {
    expect(MIN_COUNTY_LABEL_PX).toBe(type.countyLabel - 1);
  });
});

describe('scaleStyleValue', () => {
  it('multiplies numbers and leaves a factor of 1 alone', () => {
    expect(scaleStyleValue(12, 1.5)).toBe(18);
    const v = ['interpolate', ['linear'], ['zoom'], 7, 11, 10, 14];
    expect(scaleStyleValue(v, 1)).toBe(v);
  });

  it('keeps a zoom interpolate at the top and scales each stop, nested expressions wrapped', () => {
    expect(scaleStyleValue(['interpolate', ['linear'], ['zoom'], 7, 11, 10, 14], 2)).toEqual(['interpolate', ['linear'], ['zoom'], 7, 22, 10, 28]);
    const caseStop = ['case', ['==', ['get', 'mode'], 'arterial'], 0.7, 1.4];
    expect(scaleStyleValue(['interpolate', ['linear'], ['zoom'], 5, caseStop, 10, 4], 2)).toEqual(['interpolate', ['linear'], ['zoom'], 5, ['*', caseStop, 2], 10, 8]);
    expect(scaleStyleValue(['step', ['zoom'], 1, 8, 2], 3)).toEqual(['step', ['zoom'], 3, 8, 6]);
  });

  it('wraps an expression that does not depend on zoom, and leaves non-numbers alone', () => {
    expect(scaleStyleValue(['get', 'w'], 2)).toEqual(['*', ['get', 'w'], 2]);
    expect(scaleStyleValue(undefined, 2)).toBeUndefined();
    expect(scaleStyleValue('x', 2)).toBe('x');
  });
});

describe('deck.gl overlays under the presentation scale', () => {
  it('pixel widths and every pixel clamp grow; metre widths stay geographic', () => {
    // the corridor pulses: 3 px wide, at least 2 px
    expect(scaleOverlayProps({ widthUnits: 'pixels', widthScale: 1, widthMinPixels: 2, widthMaxPixels: Number.MAX_SAFE_INTEGER * 2 }, 2)).toEqual({
      widthScale: 2,
      widthMinPixels: 4,
      widthMaxPixels: Number.MAX_SAFE_INTEGER * 4,
    });
    // the corridor bands: 9 km wide in metres, clamped in pixels
    expect(scaleOverlayProps({ widthUnits: 'meters', widthScale: 1, widthMinPixels: 6, widthMaxPixels: 60 }, 2.4)).toEqual({ widthMinPixels: 6 * 2.4, widthMaxPixels: 60 * 2.4 });
    // imported points in pixel radii
    expect(scaleOverlayProps({ radiusUnits: 'pixels', radiusMinPixels: 1.5, lineWidthUnits: 'pixels', lineWidthMinPixels: 0 }, 2)).toEqual({
      radiusScale: 2,
      radiusMinPixels: 3,
      lineWidthScale: 2,
      lineWidthMinPixels: 0,
    });
    expect(scaleOverlayProps({ widthUnits: 'pixels', widthMinPixels: 2 }, 1)).toEqual({});
    expect(scaleOverlayProps({ widthUnits: 'pixels', widthMinPixels: 2 }, Number.NaN)).toEqual({});
  });
});
