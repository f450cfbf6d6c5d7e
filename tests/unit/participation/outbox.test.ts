import { describe, expect, it } from 'vitest';
import { newEntry, outcomeOf, phoneUrl, placeKeyFor, retryDelay, sendable, type OutboxEntry } from '../../../src/lib/participation/outbox.ts';

describe('the kiosk outbox rules', () => {
  it('makes a check-in and a story body carrying the client id and time', () => {
    expect(newEntry('checkin', 'abcdef123456', '2026-12-04T10:00:00.000Z', { place: 'element:a', text: 'ignored' }).body).toEqual({
      clientId: 'abcdef123456', place: 'element:a', clientAt: '2026-12-04T10:00:00.000Z',
    });
    expect(newEntry('story', 'abcdef123456', '2026-12-04T10:00:00.000Z', { place: 'scene:s/1', text: '故事', lang: 'en' }).body).toMatchObject({ text: '故事', lang: 'en' });
  });

  it('retries when there is no answer, a 408/429 or a 5xx; drops to refused on another 4xx; done on 200/201', () => {
    expect([null, 408, 429, 500, 503].map(outcomeOf)).toEqual(['retry', 'retry', 'retry', 'retry', 'retry']);
    expect([400, 403, 404, 413, 415].map(outcomeOf)).toEqual(['refused', 'refused', 'refused', 'refused', 'refused']);
    expect([200, 201].map(outcomeOf)).toEqual(['sent', 'sent']);
  });

  it('backs off 2, 4, 8 s and then every 15 s', () => {
    expect([1, 2, 3, 4, 10].map(retryDelay)).toEqual([2000, 4000, 8000, 15000, 15000]);
  });

  it('sends waiting entries oldest first, never refused ones', () => {
    const e = (id: string, at: string, state: OutboxEntry['state'] = 'waiting'): OutboxEntry => ({ ...newEntry('checkin', id, at, { place: 'element:a' }), state });
    expect(sendable([e('c', '2026-12-04T10:02:00Z'), e('a', '2026-12-04T10:01:00Z'), e('b', '2026-12-04T10:00:00Z', 'refused')]).map((x) => x.id)).toEqual(['a', 'c']);
  });

  it('names the scene played, else the element, and links the phone to the same place', () => {
    expect(placeKeyFor({ storyId: 'east', sceneId: 'hub', elementId: 'x' })).toBe('scene:east/hub');
    expect(placeKeyFor({ storyId: null, sceneId: null, elementId: 'road-chengzi-avenue' })).toBe('element:road-chengzi-avenue');
    expect(placeKeyFor({ storyId: null, sceneId: null, elementId: null })).toBeNull();
    expect(phoneUrl('https://atlas.example/app/?a=1#hall=1&sel=x', 'element:road-chengzi-avenue')).toBe('https://atlas.example/app/?a=1#sel=road-chengzi-avenue');
    expect(phoneUrl('https://atlas.example/#hall=1', 'scene:east/hub')).toBe('https://atlas.example/#story=east&scene=hub');
  });
});
