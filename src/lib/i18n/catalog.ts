// The one text catalog: every visible string of the interface, zh and en, under a typed key
// `area.name` (e.g. 'workspace.import.badJson'). Area message files live in ./messages/; see docs/i18n.md.
import type { Areas } from './areas.ts';
import { PRELOADED, loadLanguageTable } from './catalogSource.ts';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
/** The language a visitor sees first (and the one the URL leaves out). */
export const DEFAULT_LANG: Lang = 'zh';

const OTHER: Record<Lang, Lang> = { zh: 'en', en: 'zh' };
const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };
const INTL_LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

export const otherLang = (lang: Lang): Lang => OTHER[lang];
/** The `lang` attribute for text in `lang` (screen readers and fonts pick it up). */
export const htmlLang = (lang: Lang): string => HTML_LANG[lang];
/** The locale for Intl number formatting and sorting. */
export const intlLocale = (lang: Lang): string => INTL_LOCALE[lang];
const SENTENCE_GAP: Record<Lang, string> = { zh: '', en: ' ' };
/** What goes between two sentences: nothing after a Chinese full stop, a space in English. */
export const sentenceGap = (lang: Lang): string => SENTENCE_GAP[lang];

/** One message in both languages. `{name}` is a variable; `{n|one|other}` picks a plural form by n. */
export type Message = Readonly<Record<Lang, string>>;
export type Messages = Readonly<Record<string, Message>>;


export type MessageKey = { [A in keyof Areas]: `${A}.${keyof Areas[A] & string}` }[keyof Areas];
export type Vars = Readonly<Record<string, string | number>>;

/** A message to show later, in whatever language the UI has then (workers and validators produce these). */
export interface Msg {
  key: MessageKey;
  vars?: Vars;
}

// Each language's half of the catalog. As written (Node, tests, `npm run dev`) both come with the areas at once;
// a production build loads the UI's language before the app mounts and the other one after it
// (scripts/i18n/catalogPlugin.ts, docs/i18n.md), so a phone downloads one language's text before first use.
const table = new Map<string, Partial<Record<Lang, string>>>();
const loaded = new Set<Lang>();

function addLanguage(lang: Lang, texts: Readonly<Record<string, string>>): void {
  for (const [key, text] of Object.entries(texts)) {
    const entry = table.get(key) ?? {};
    entry[lang] = text;
    table.set(key, entry);
  }
  loaded.add(lang);
}

for (const lang of LANGS) {
  const texts: Record<string, string> = {};
  for (const [area, messages] of Object.entries(PRELOADED)) {
    for (const [name, message] of Object.entries(messages)) texts[`${area}.${name}`] = message[lang];
  }
  if (Object.keys(texts).length) addLanguage(lang, texts);
}

const loading = new Map<Lang, Promise<void>>();
/** Whether `lang`'s texts are here (t() in that language shows text, not keys). */
export const languageLoaded = (lang: Lang): boolean => loaded.has(lang);
/** Fetch `lang`'s half of the catalog once (nothing to do where both came with the code). */
export function ensureLanguage(lang: Lang): Promise<void> {
  if (loaded.has(lang)) return Promise.resolve();
  let p = loading.get(lang);
  if (!p) {
    p = loadLanguageTable(lang).then((texts) => addLanguage(lang, texts));
    p.catch(() => loading.delete(lang));
    loading.set(lang, p);
  }
  return p;
}

/** Every entry of the catalog (for the parity test and docs; both languages where both are loaded). */
export function catalogEntries(): [string, Message][] {
  return [...table.entries()] as [string, Message][];
}

export function isMessageKey(key: string): key is MessageKey {
  return table.has(key);
}

const SLOT = /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;

/** Fill `{name}` slots; `{n|one|other}` becomes `one` when n is 1, else `other` (a `#` in it stands for n). */
export function format(text: string, vars: Vars = {}): string {
  return text.replace(SLOT, (slot, name: string, one?: string, other?: string) => {
    if (!(name in vars)) return slot;
    const v = vars[name];
    if (one === undefined || other === undefined) return String(v);
    return (Number(v) === 1 ? one : other).replace(/#/g, String(v));
  });
}

/** The variables a message text uses (for the parity test). */
export function slotNames(text: string): string[] {
  return [...text.matchAll(SLOT)].map((m) => m[1]).sort();
}

/** Look a key up in `lang` and fill its variables. An unknown key shows itself, so a gap is visible. */
export function t(key: MessageKey, lang: Lang, vars?: Vars): string {
  const text = table.get(key)?.[lang];
  return text !== undefined ? format(text, vars) : key;
}

/** Look up a key built at run time from data (a stage, a kind); `fallback` shows when the catalog lacks it. */
export function tOr(key: string, lang: Lang, fallback: string, vars?: Vars): string {
  const text = table.get(key)?.[lang];
  return text !== undefined ? format(text, vars) : fallback;
}

/** Render a deferred message. */
export function tm(msg: Msg, lang: Lang): string {
  return t(msg.key, lang, msg.vars);
}

/** Pick the localized form of a data name ({zh, en}: place, element, workspace layer…); en falls back to zh. */
export function localName(name: { zh: string; en?: string } | undefined, lang: Lang): string {
  if (!name) return '';
  if (lang === 'en') return name.en || name.zh;
  return name.zh || name.en || '';
}

/** A key in both languages, for indexes that search zh and en at once. */
export function both(key: MessageKey, vars?: Vars): Message {
  // read when shown, not when made: a module may call this before the other language's half has arrived
  return {
    get zh() {
      return t(key, 'zh', vars);
    },
    get en() {
      return t(key, 'en', vars);
    },
  };
}
