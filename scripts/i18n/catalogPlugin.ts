// Production builds: the text catalog one language at a time (issue 11, a light first load). The app's
// src/lib/i18n/catalogSource.ts is replaced by a module that preloads nothing and fetches `virtual:catalog/<lang>`,
// a chunk holding that language's `key → text` only; src/main.ts awaits the UI's language before mounting and
// loads the other after. index.html preloads the default language's chunk with the entry. Dev and tests keep the
// source module (both languages with the code); so do workers (their own plugin list).
import type { Plugin } from 'vite';
import { areas } from '../../src/lib/i18n/areas.ts';
import { DEFAULT_LANG, LANGS, type Lang, type Messages } from '../../src/lib/i18n/catalog.ts';

/** One language's texts under their full keys (`area.name`), as the chunk for that language holds them. */
export function languageTable(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [area, messages] of Object.entries(areas as Readonly<Record<string, Messages>>)) {
    for (const [name, message] of Object.entries(messages)) out[`${area}.${name}`] = message[lang];
  }
  return out;
}

const SOURCE = /\/src\/lib\/i18n\/catalogSource\.ts$/;
const SPLIT_SOURCE = '\0catalog-source';
const PREFIX = 'virtual:catalog/';

export function catalogByLanguage(): Plugin {
  return {
    name: 'tongcheng-catalog-by-language',
    apply: 'build',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (id.startsWith(PREFIX)) return `\0${id}`;
      if (!id.includes('catalogSource')) return null;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      return resolved && SOURCE.test(resolved.id) ? SPLIT_SOURCE : null;
    },
    load(id) {
      if (id === SPLIT_SOURCE)
        return [
          'export const PRELOADED = {};',
          'export function loadLanguageTable(lang) {',
          `  return (lang === 'en' ? import('${PREFIX}en') : import('${PREFIX}zh')).then((m) => m.default);`,
          '}',
        ].join('\n');
      if (id.startsWith(`\0${PREFIX}`)) {
        const lang = id.slice(PREFIX.length + 1) as Lang;
        if (!LANGS.includes(lang)) this.error(`${id}: no such language`);
        // JSON.parse of one string: quicker to parse than an object literal of ~1,000 keys
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(languageTable(lang)))});`;
      }
      return null;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.facadeModuleId === `\0${PREFIX}${DEFAULT_LANG}`);
        if (!chunk) return [];
        // fetched with the entry, not after it: main.ts waits for it before the app mounts
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `./${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}
