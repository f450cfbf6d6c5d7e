import { describe, expect, it } from 'vitest';
import {
  countByCategory,
  countsPerElement,
  countsPerUnit,
  elementAnchor,
  forElement,
  layerPoints,
  matchesFilter,
  parsePublished,
  plannerFeatures,
  NO_FILTER,
  type PublishedCollection,
  type PublishedProps,
} from '../../../src/lib/participation/published.ts';
import { pinFields, pinPreview } from '../../../src/lib/participation/pin.ts';

const props = (over: Partial<PublishedProps>): PublishedProps => ({
  id: 1, category: 'idea', text: 't', elementId: null, exact: false, lang: 'zh', reply: null, repliedAt: null, createdAt: '2026-12-01T10:00:00.000Z', ...over,
});
const fc: PublishedCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [104.066, 30.659] }, properties: props({ id: 1, category: 'concern', elementId: 'rail-a' }) },
    { type: 'Feature', geometry: null, properties: props({ id: 2, category: 'support', elementId: 'rail-a', reply: '谢谢', createdAt: '2026-12-03T08:00:00.000Z' }) },
    { type: 'Feature', geometry: null, properties: props({ id: 3, elementId: 'unknown-el' }) },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [105.0, 29.5] }, properties: props({ id: 4, category: 'question' }) },
  ],
};
const anchors: Record<string, [number, number]> = { 'rail-a': [104.5, 30.5] };
const anchorOf = (id: string) => anchors[id] ?? null;

describe('published suggestions', () => {
  it('accepts the server shape and rejects a malformed answer whole', () => {
    expect(parsePublished(fc)).toBe(fc);
    expect(parsePublished({ type: 'FeatureCollection', features: [{ geometry: null, properties: props({ elementId: null }) }] })).toBeNull();
    expect(parsePublished({ type: 'FeatureCollection', features: [{ geometry: null, properties: { ...props({ elementId: 'a' }), category: 'spam' } }] })).toBeNull();
    expect(parsePublished('<html>')).toBeNull();
  });

  it('lists an element’s suggestions newest first and counts them by category', () => {
    const list = forElement(fc, 'rail-a');
    expect(list.map((p) => p.id)).toEqual([2, 1]);
    expect(countByCategory(list)).toEqual({ support: 1, concern: 1, question: 0, idea: 0 });
  });

  it('places element-only suggestions on their element’s anchor and counts the unplaceable', () => {
    const { points, unplaced } = layerPoints(fc, anchorOf);
    expect(unplaced).toBe(1);
    expect(points.features.map((f) => [f.properties.id, f.geometry.coordinates, f.properties.onElement])).toEqual([
      [1, [104.066, 30.659], false],
      [2, [104.5, 30.5], true],
      [4, [105.0, 29.5], false],
    ]);
  });

  it('filters by category, element and date (inclusive days)', () => {
    expect(matchesFilter(fc.features[1].properties, { ...NO_FILTER, categories: ['support'] })).toBe(true);
    expect(matchesFilter(fc.features[0].properties, { ...NO_FILTER, categories: ['support'] })).toBe(false);
    const { features } = plannerFeatures(fc, { categories: [], elementId: 'rail-a', from: '2026-12-02', to: '2026-12-03' }, anchorOf);
    expect(features).toHaveLength(1);
    expect(features[0].properties).toMatchObject({ suggestion_id: 2, category: 'support', position: 'element', reply: '谢谢', element_id: 'rail-a' });
  });

  it('counts per element and per area', () => {
    expect(countsPerElement(fc.features.map((f) => f.properties))).toEqual([
      ['rail-a', 2],
      ['unknown-el', 1],
    ]);
    const square = (x: number, y: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });
    const units = [
      { id: '510104', name: { zh: '锦江区', en: 'Jinjiang' }, geometry: square(104, 30) },
      { id: '511000', name: { zh: '内江', en: 'Neijiang' }, geometry: square(105, 29) },
    ];
    const { points } = layerPoints(fc, anchorOf);
    const r = countsPerUnit(points.features, units);
    expect(r.counts.map((c) => [c.unit.id, c.n])).toEqual([
      ['510104', 2],
      ['511000', 1],
    ]);
    expect(r.outside).toBe(0);
  });

  it('anchors a line on the line and an area inside it', () => {
    const line = elementAnchor({ type: 'LineString', coordinates: [[104, 30], [104.2, 30], [104.4, 30]] })!;
    expect(line[1]).toBeCloseTo(30);
    expect(line[0]).toBeGreaterThanOrEqual(104);
    expect(line[0]).toBeLessThanOrEqual(104.4);
    expect(elementAnchor({ type: 'Point', coordinates: [104, 30, 5] })).toEqual([104, 30]);
    expect(elementAnchor(null)).toBeNull();
  });

  it('pins nowhere, on the element or where picked on the map, and says whether exact', () => {
    expect(pinFields('none', true, [1, 2], [3, 4])).toEqual({});
    expect(pinFields('element', false, [1, 2], [3, 4])).toEqual({ lon: 1, lat: 2, exact: false });
    expect(pinFields('map', true, [1, 2], [3, 4])).toEqual({ lon: 3, lat: 4, exact: true });
    expect(pinFields('map', false, [1, 2], null)).toEqual({});
    expect(pinFields('element', false, null, [3, 4])).toEqual({});
  });

  it('previews a pin as the server will keep it: ~100 m (3 decimals) or exact (6)', () => {
    expect(pinPreview([104.0657391, 30.6594612], false)).toBe('104.066, 30.659');
    expect(pinPreview([104.0657391, 30.6594612], true)).toBe('104.065739, 30.659461');
  });
});
