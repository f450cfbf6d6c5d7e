import { describe, expect, it } from 'vitest';
import { checkinPoints, mergeCounts, elementOfPlace, parseCheckinCounts, parseStories, storiesForElement, storyPoints, type PublicStory } from '../../../src/lib/participation/places.ts';

const story = (over: Partial<PublicStory>): PublicStory => ({ id: 1, place: 'element:rail-a', text: 't', lon: null, lat: null, lang: 'zh', createdAt: '2026-12-04T10:00:00.000Z', ...over });
const anchorOf = (id: string): [number, number] | null => (id === 'rail-a' ? [104.5, 30.5] : null);

describe('visitors’ stories and check-in counts', () => {
  it('accepts the server’s answers and rejects a malformed one whole', () => {
    const ok = { items: [story({}), story({ id: 2, lon: 104, lat: 30 })] };
    expect(parseStories(ok)).toEqual(ok.items);
    expect(parseStories({ items: [story({ place: 'element:<b>' })] })).toBeNull();
    expect(parseStories({ items: [story({ lon: 104 })] })).toBeNull(); // lon without lat
    expect(parseStories({ items: [{ ...story({}), text: 5 }] })).toBeNull();
    expect(parseStories('<html>')).toBeNull();
    expect(parseCheckinCounts({ items: [{ place: 'element:rail-a', n: 3 }] })).toEqual([{ place: 'element:rail-a', n: 3 }]);
    expect(parseCheckinCounts({ items: [{ place: 'element:rail-a', n: -1 }] })).toBeNull();
    expect(parseCheckinCounts({ items: [{ place: 'nowhere', n: 1 }] })).toBeNull();
  });

  it('lists an element’s stories newest first', () => {
    const list = [story({ id: 1 }), story({ id: 3 }), story({ id: 2, place: 'element:other' })];
    expect(storiesForElement(list, 'rail-a').map((s) => s.id)).toEqual([3, 1]);
    expect(elementOfPlace('scene:chengdu/2')).toBeNull();
  });

  it('draws a story at its own position, else at its element’s anchor; scenes and unknown elements are unplaced', () => {
    const { points, unplaced } = storyPoints(
      [story({ id: 1, lon: 104.1, lat: 30.1 }), story({ id: 2 }), story({ id: 3, place: 'scene:s/1' }), story({ id: 4, place: 'element:gone' })],
      anchorOf,
    );
    expect(points.features.map((f) => [f.properties.id, f.geometry.coordinates])).toEqual([
      [1, [104.1, 30.1]],
      [2, [104.5, 30.5]],
    ]);
    expect(unplaced).toBe(2);
  });

  it('one badge per element place with its count (999+ above), busiest first; zero counts left out', () => {
    const r = checkinPoints(
      [{ place: 'element:rail-a', n: 1200 }, { place: 'scene:s/1', n: 4 }, { place: 'element:gone', n: 0 }],
      anchorOf,
    );
    expect(r.points.features.map((f) => f.properties)).toEqual([{ place: 'element:rail-a', elementId: 'rail-a', n: 1200, label: '999+' }]);
    expect(r.unplaced).toBe(1);
    expect(r.total).toBe(1204);
  });

  it('merges the per-place counts this browser heard with the server’s list: the larger is the newer', () => {
    expect(mergeCounts([{ place: 'element:a', n: 2 }, { place: 'element:b', n: 5 }], { 'element:a': 3, 'element:b': 4, 'element:c': 1, bogus: 9 })).toEqual([
      { place: 'element:a', n: 3 },
      { place: 'element:b', n: 5 },
      { place: 'element:c', n: 1 },
    ]);
    expect(mergeCounts(null, {})).toEqual([]);
  });
});
