// The one text catalog: every visible string of the interface, zh and en, under a typed key
// `area.name` (e.g. 'workspace.import.badJson'). Area message files live in ./messages/; see docs/i18n.md.
import { app } from './messages/app.ts';
import { analysis } from './messages/analysis.ts';
import { basemap } from './messages/basemap.ts';
import { claim } from './messages/claim.ts';
import { compare } from './messages/compare.ts';
import { file } from './messages/file.ts';
import { insight } from './messages/insight.ts';
import { io } from './messages/io.ts';
import { kiosk } from './messages/kiosk.ts';
import { method } from './messages/method.ts';
import { participation } from './messages/participation.ts';
import { plan } from './messages/plan.ts';
import { place } from './messages/place.ts';
import { presenter } from './messages/presenter.ts';
import { print } from './messages/print.ts';
import { remote } from './messages/remote.ts';
import { search } from './messages/search.ts';
import { slide } from './messages/slide.ts';
import { storage } from './messages/storage.ts';
import { story } from './messages/story.ts';
import { table as tableArea } from './messages/table.ts';
import { ops } from './messages/ops.ts';
import { workspace } from './messages/workspace.ts';

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

const areas = { app, analysis, basemap, claim, compare, file, insight, io, kiosk, method, ops, participation, plan, place, presenter, print, remote, search, slide, storage, story, table: tableArea, workspace } as const;
type Areas = typeof areas;

export type MessageKey = { [A in keyof Areas]: `${A}.${keyof Areas[A] & string}` }[keyof Areas];
export type Vars = Readonly<Record<string, string | number>>;

/** A message to show later, in whatever language the UI has then (workers and validators produce these). */
export interface Msg {
  key: MessageKey;
  vars?: Vars;
}

const table = new Map<string, Message>();
for (const [area, messages] of Object.entries(areas)) {
  for (const [name, message] of Object.entries(messages as Messages)) table.set(`${area}.${name}`, message);
}

/** Every entry of the catalog (for the parity test and docs). */
export function catalogEntries(): [string, Message][] {
  return [...table.entries()];
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
  const entry = table.get(key);
  return entry ? format(entry[lang], vars) : key;
}

/** Look up a key built at run time from data (a stage, a kind); `fallback` shows when the catalog lacks it. */
export function tOr(key: string, lang: Lang, fallback: string, vars?: Vars): string {
  const entry = table.get(key);
  return entry ? format(entry[lang], vars) : fallback;
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
  return { zh: t(key, 'zh', vars), en: t(key, 'en', vars) };
}
