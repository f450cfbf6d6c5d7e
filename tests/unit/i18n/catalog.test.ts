// The catalog's contract: every key has a non-empty text in both languages with the same variables,
// and t() fills variables and plural forms.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogEntries, format, LANGS, slotNames, t, tOr } from '../../../src/lib/i18n/catalog.ts';

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

describe('text catalog', () => {
  const entries = catalogEntries();

  it('has the areas merged under their prefixes', () => {
    expect(entries.length).toBeGreaterThan(400);
    const areas = new Set(entries.map(([k]) => k.split('.')[0]));
    // every area file in messages/ is registered (an unregistered file's keys would silently not exist)
    const files = readdirSync(new URL('../../../src/lib/i18n/messages/', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
    expect(files.length).toBeGreaterThan(10);
    expect([...areas].sort()).toEqual(files.sort());
  });

  it('has a non-empty text in zh and en for every key', () => {
    const gaps = entries.filter(([, m]) => LANGS.some((lang) => !(m[lang] ?? '').trim())).map(([k]) => k);
    expect(gaps).toEqual([]);
  });

  it('uses the same {variables} in zh and en', () => {
    const mismatched = entries.filter(([, m]) => slotNames(m.zh).join() !== slotNames(m.en).join()).map(([k, m]) => `${k}: ${m.zh} | ${m.en}`);
    expect(mismatched).toEqual([]);
  });

  it('has Chinese in every zh text (an English copy is an untranslated string)', () => {
    const latinOnly = /^(CSV|GeoJSON|English)$/;
    const untranslated = entries.filter(([, m]) => !CJK.test(m.zh) && !latinOnly.test(m.zh)).map(([k]) => k);
    expect(untranslated).toEqual([]);
  });

  it('has no Chinese in en texts except quoted terms in parentheses', () => {
    // The search placeholder shows on purpose that a Chinese name can be typed.
    const quotesChinese = new Set(['search.placeholder', 'app.language']);
    const stray = entries.filter(([k, m]) => !quotesChinese.has(k) && CJK.test(m.en.replace(/[（(][^)）]*[)）]/g, ''))).map(([k, m]) => `${k}: ${m.en}`);
    expect(stray).toEqual([]);
  });

  it('fills variables and plural forms', () => {
    expect(t('search.noResults', 'en', { q: 'x' })).toBe('Nothing found for “x”');
    expect(t('search.noResults', 'zh', { q: '简阳' })).toBe('没有找到“简阳”');
    expect(t('search.count', 'en', { n: 1 })).toMatch(/^1 result;/);
    expect(t('search.count', 'en', { n: 3 })).toMatch(/^3 results;/);
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(slotNames('{n|# item|# items} of {total}')).toEqual(['n', 'total']);
  });

  it('shows a missing key rather than failing, and tOr falls back', () => {
    expect(t('nope.key' as never, 'zh')).toBe('nope.key');
    expect(tOr('plan.kind.unknownKind', 'en', 'unknownKind')).toBe('unknownKind');
    expect(tOr('plan.kind.hub', 'en', 'x')).toBe('Hub / station');
  });
});
