// The production build's catalog one language at a time (scripts/i18n/catalogPlugin.ts): each language's chunk
// holds every key of the catalog with that language's text, so t() finds the same texts as with both at once.
import { describe, expect, it } from 'vitest';
import { languageTable } from '../../../scripts/i18n/catalogPlugin.ts';
import { both, catalogEntries, LANGS, t, type MessageKey } from '../../../src/lib/i18n/catalog.ts';

describe('catalog by language', () => {
  const keys = catalogEntries().map(([k]) => k).sort();

  it.each(LANGS)('the %s chunk has every key of the catalog and its text in that language', (lang) => {
    const table = languageTable(lang);
    expect(Object.keys(table).sort()).toEqual(keys);
    // without variables t() leaves the {slots} as they are: the very text
    const differs = Object.entries(table).filter(([k, text]) => t(k as MessageKey, lang) !== text);
    expect(differs.map(([k]) => k)).toEqual([]);
    expect(table['app.appTitle']).toBe(t('app.appTitle', lang));
  });

  it('both() reads each language when shown, and survives a copy to a worker or JSON', () => {
    const m = both('search.municipality');
    expect({ ...m }).toEqual({ zh: t('search.municipality', 'zh'), en: t('search.municipality', 'en') });
    expect(JSON.parse(JSON.stringify(m))).toEqual({ zh: '直辖市', en: 'Municipality' });
    expect(structuredClone(m)).toEqual({ zh: '直辖市', en: 'Municipality' });
  });
});
