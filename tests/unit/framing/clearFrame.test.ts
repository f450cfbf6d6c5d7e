import { describe, expect, it } from 'vitest';
import { clearFrame, framedRect, intersects, type LonLatBox, type Rect } from '../../../src/lib/framing/clearFrame.ts';
import { frameBounds, project } from '../../../src/lib/story/camera.ts';

const W = 1920, H = 1080, BASE = 96;
const caption: Rect = { left: 0, top: 810, right: W, bottom: H };
// the shares card: right 2.2vw, top 11vh, 34vw wide
const card: Rect = { left: W - 42 - 653, top: 119, right: W - 42, bottom: 119 + 420 };
// a wide box (Chengdu–Ziyang) and a tall one
const wide: LonLatBox = [103.9, 30.2, 105.0, 30.5];
const tall: LonLatBox = [104.3, 29.6, 104.6, 31.0];

describe('clearFrame', () => {
  it('with the caption alone, keeps the box above it and base px away, as the caption-only framing did', () => {
    const f = clearFrame({ width: W, height: H, base: BASE, obstacles: [caption], box: wide, maxZoom: 12 });
    expect(f.clear).toBe(true);
    expect(f.padding).toEqual({ top: 96, right: 96, bottom: H - 810 + 96, left: 96 });
    expect(f.rect.bottom).toBeLessThanOrEqual(810 - 96 + 1e-6);
    // the same zoom as frameBounds on the area above the caption (an independent Mercator fit)
    const ref = frameBounds(wide, { width: W, height: 810, padding: 96 });
    expect(f.zoom).toBeCloseTo(Math.min(12, ref.zoom), 6);
  });

  it('the box on screen matches an independent projection of its corners', () => {
    const f = framedRect(W, H, { top: 96, right: 96, bottom: 366, left: 96 }, wide, 12)!;
    const cam = frameBounds(wide, { width: W - 192, height: H - 96 - 366, padding: 0 });
    const [x0, y0] = project(wide[0], wide[3], cam, { width: W - 192, height: H - 462, padding: 0 });
    expect(f.rect.left).toBeCloseTo(96 + x0, 3);
    expect(f.rect.top).toBeCloseTo(96 + y0, 3);
  });

  it('a card the subject would lie under is kept off by the side that costs the least zoom', () => {
    const plain = clearFrame({ width: W, height: H, base: BASE, obstacles: [caption], box: wide, maxZoom: 12 });
    expect(intersects(plain.rect, card)).toBe(true); // the situation of 内自 › metro-belt: the box runs under the card
    const f = clearFrame({ width: W, height: H, base: BASE, obstacles: [caption, card], box: wide, maxZoom: 12 });
    expect(f.clear).toBe(true);
    expect(intersects(f.rect, card)).toBe(false);
    expect(intersects(f.rect, caption)).toBe(false);
    expect(f.zoom).toBeLessThanOrEqual(plain.zoom);
    // every other padding that also keeps clear frames it smaller or equal (brute force over a grid)
    for (let right = 96; right <= 1200; right += 24)
      for (let top = 96; top <= 700; top += 24) {
        const g = framedRect(W, H, { top, right, bottom: H - 810 + 96, left: 96 }, wide, 12);
        if (!g) continue;
        const grown = { left: g.rect.left - 96, right: g.rect.right + 96, top: g.rect.top - 96, bottom: g.rect.bottom + 96 };
        if (!intersects(grown, card)) expect(g.zoom).toBeLessThanOrEqual(f.zoom + 1e-9);
      }
  });

  it('a tall subject keeps its zoom: pushed from the right it still fills the height', () => {
    const plain = clearFrame({ width: W, height: H, base: BASE, obstacles: [caption], box: tall, maxZoom: 12 });
    const f = clearFrame({ width: W, height: H, base: BASE, obstacles: [caption, card], box: tall, maxZoom: 12 });
    expect(f.zoom).toBeCloseTo(plain.zoom, 9);
    expect(f.rect.right).toBeLessThanOrEqual(card.left - 96 + 1e-6);
  });

  it('a card the subject misses anyway changes nothing', () => {
    const small: LonLatBox = [104.0, 30.6, 104.1, 30.7];
    const farLeft: Rect = { left: 0, top: 0, right: 200, bottom: 150 };
    const a = clearFrame({ width: W, height: H, base: BASE, obstacles: [caption], box: small, maxZoom: 12 });
    const b = clearFrame({ width: W, height: H, base: BASE, obstacles: [caption, farLeft], box: small, maxZoom: 12 });
    expect(b).toEqual(a);
  });

  it('panels outside the map or empty are ignored; no room at all falls back to the caption framing', () => {
    const off: Rect = { left: W + 10, top: 0, right: W + 300, bottom: 200 };
    const a = clearFrame({ width: W, height: H, base: BASE, obstacles: [caption, off, { left: 5, top: 5, right: 5, bottom: 5 }], box: wide, maxZoom: 12 });
    expect(a.clear).toBe(true);
    const huge: Rect = { left: 0, top: 0, right: W, bottom: 900 };
    const f = clearFrame({ width: W, height: H, base: BASE, obstacles: [huge, caption], box: wide, maxZoom: 12 });
    expect(f.clear).toBe(false);
    expect(Number.isFinite(f.zoom)).toBe(true);
  });
});
