// The URL hash format and the push/replace rule the URL module applies (src/state/url.svelte.ts).
import { describe, expect, it } from 'vitest';
import { formatHash, parseHash, replacesEntry } from '../../../src/lib/hash.ts';

describe('hash format', () => {
  it('round-trips the view, language and feature keys', () => {
    const h = '#map=9.50/30.6000/104.0600&lang=en&panel=story&story=chengdu&scene=s2';
    const s = parseHash(h);
    expect(s.view).toEqual({ zoom: 9.5, lat: 30.6, lon: 104.06, bearing: 0, pitch: 0 });
    expect(s.lang).toBe('en');
    expect(formatHash(s)).toBe(h);
  });

  it('drops a view out of range', () => {
    expect(parseHash('#map=9/95/104').view).toBeUndefined();
  });
});

describe('push or replace', () => {
  it('a camera move or an opacity drag replaces the entry', () => {
    expect(replacesEntry('#map=9.00/30.6000/104.0600&panel=about', '#map=10.00/30.7000/104.0600&panel=about')).toBe(true);
    expect(replacesEntry('#op=0.5', '#op=0.55')).toBe(true);
    expect(replacesEntry('', '#map=9.00/30.6000/104.0600')).toBe(true);
  });

  it('a year, scene or story stepped while its key stays replaces the entry', () => {
    expect(replacesEntry('#year=2020', '#year=2021')).toBe(true);
    expect(replacesEntry('#story=a&scene=s1', '#story=a&scene=s2')).toBe(true);
  });

  it('shareable changes push one', () => {
    expect(replacesEntry('#map=9.00/30.6000/104.0600', '#map=9.00/30.6000/104.0600&panel=about')).toBe(false);
    expect(replacesEntry('#lang=en', '')).toBe(false);
    expect(replacesEntry('#sel=a', '#sel=b')).toBe(false);
    expect(replacesEntry('', '#year=2025')).toBe(false);
    expect(replacesEntry('#story=a', '#story=a&scene=s1')).toBe(false);
    // a camera move together with a new panel still pushes
    expect(replacesEntry('#map=9.00/30.6000/104.0600', '#map=10.00/30.6000/104.0600&panel=story')).toBe(false);
  });
});
