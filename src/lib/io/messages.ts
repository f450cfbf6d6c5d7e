// Import/export messages as catalog keys, so the UI shows them in its language. A variable may itself be a
// message (a feature's place: file › layer › row 5), rendered in the same language.
import { sentenceGap, t, type Lang, type MessageKey, type Msg, type Vars } from '../i18n/catalog';

/** A list of messages reads as consecutive sentences. */
export type IoVar = string | number | IoMsg | readonly IoMsg[];
export interface IoMsg {
  key: MessageKey;
  vars?: Readonly<Record<string, IoVar>>;
}

export const msg = (key: MessageKey, vars?: Readonly<Record<string, IoVar>>): IoMsg => (vars ? { key, vars } : { key });

/** A message whose variables are plain values (fits the catalog's Msg, e.g. a CRS detection reason). */
export const plainMsg = (key: MessageKey, vars?: Vars): Msg => (vars ? { key, vars } : { key });

export function renderIo(m: IoMsg, lang: Lang): string {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.vars ?? {})) {
    vars[k] = Array.isArray(v) ? v.map((x: IoMsg) => renderIo(x, lang)).join(sentenceGap(lang)) : typeof v === 'object' ? renderIo(v as IoMsg, lang) : (v as string | number);
  }
  return t(m.key, lang, vars);
}

/** The English text (logs, tests, and the `message` field older callers read). */
export const inEnglish = (m: IoMsg): string => renderIo(m, 'en');

/** Shows a message in `lang` when it has a key, else its stored text. */
export function showIo(m: { msg?: IoMsg; message?: string; reason?: string }, lang: Lang): string {
  return m.msg ? renderIo(m.msg, lang) : (m.message ?? m.reason ?? '');
}
