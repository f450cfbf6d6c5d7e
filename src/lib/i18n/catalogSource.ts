// Where the catalog's text comes from. As written: every area in both languages, with the code (Node, tests,
// `npm run dev`). A production build replaces this module (scripts/i18n/catalogPlugin.ts): nothing preloaded, and
// each language's texts are a chunk of their own that loadLanguageTable fetches.
import type { Lang, Messages } from './catalog.ts';
import { areas } from './areas.ts';

export const PRELOADED: Readonly<Record<string, Messages>> = areas;

/** `key → text` of one language; as written both are preloaded, so nothing is left to fetch. */
export function loadLanguageTable(lang: Lang): Promise<Record<string, string>> {
  return Promise.reject(new Error(`the ${lang} texts came with the code`));
}
