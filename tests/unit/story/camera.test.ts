// Framing a box the way MapLibre's fitBounds does.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frameBounds, project, unionBBox, type BBox } from '../../../src/lib/story/camera.ts';

describe('frameBounds', () => {
  it('matches Web Mercator definitions: the whole world fills a 512-px square at zoom 0', () => {
    const cam = frameBounds([-180, -85.0511287798, 180, 85.0511287798], { width: 512, height: 512, padding: 0 }, 22);
    expect(cam.zoom).toBeCloseTo(0, 9);
    expect(cam.lon).toBeCloseTo(0, 9);
    expect(cam.lat).toBeCloseTo(0, 9);
    // 1/4 of the world's width in 512 px is zoom 2
    expect(frameBounds([0, -10, 90, 10], { width: 512, height: 4096, padding: 0 }, 22).zoom).toBeCloseTo(2, 9);
  });

  it('keeps the box inside the padded viewport and touches the padding on one side', () => {
    const vp = { width: 1920, height: 1080, padding: 96 };
    fc.assert(
      fc.property(
        fc.double({ min: 98, max: 108, noNaN: true }),
        fc.double({ min: 27, max: 33, noNaN: true }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        (w, s, dw, dh) => {
          const box: BBox = [w, s, w + dw, s + dh];
          const cam = frameBounds(box, vp, 22);
          const [x0, y0] = project(box[0], box[3], cam, vp); // top-left
          const [x1, y1] = project(box[2], box[1], cam, vp); // bottom-right
          const eps = 1e-6;
          expect(x0).toBeGreaterThanOrEqual(vp.padding - eps);
          expect(y0).toBeGreaterThanOrEqual(vp.padding - eps);
          expect(x1).toBeLessThanOrEqual(vp.width - vp.padding + eps);
          expect(y1).toBeLessThanOrEqual(vp.height - vp.padding + eps);
          const tight = Math.abs(x0 - vp.padding) < 1e-6 || Math.abs(y0 - vp.padding) < 1e-6;
          expect(tight).toBe(true);
          // centred
          expect((x0 + x1) / 2).toBeCloseTo(vp.width / 2, 6);
          expect((y0 + y1) / 2).toBeCloseTo(vp.height / 2, 6);
        },
      ),
    );
  });

  it('caps the zoom for a single point', () => {
    const cam = frameBounds([104.44, 30.32, 104.44, 30.32], undefined, 12);
    expect(cam).toMatchObject({ zoom: 12, bearing: 0, pitch: 0 });
    expect(cam.lon).toBeCloseTo(104.44, 9);
    expect(cam.lat).toBeCloseTo(30.32, 9);
  });
});

describe('unionBBox', () => {
  it('unions boxes and returns null for none', () => {
    expect(unionBBox([[1, 2, 3, 4], [0, 3, 2, 5]])).toEqual([0, 2, 3, 5]);
    expect(unionBBox([])).toBeNull();
  });
});
