// Where malformed JSON breaks: line and column, or the end of the text (V8 names the offset only for some errors).
import type { Msg } from '../i18n/catalog.ts';

/** The "malformed JSON …" message for `text` that JSON.parse refused with `e`. */
export function malformedJson(text: string, e: unknown): Msg {
  // V8 names the offset for some errors only; otherwise find it with a small scanner.
  const m = /position (\d+)/.exec(String((e as Error)?.message));
  const pos = m ? Number(m[1]) : firstJsonError(text);
  if (pos === null) return { key: 'file.ws.malformed' };
  if (pos >= text.length) return { key: 'file.ws.malformedEnd' };
  const before = text.slice(0, pos);
  return { key: 'file.ws.malformedAt', vars: { line: before.split('\n').length, column: pos - before.lastIndexOf('\n') } };
}

/** Offset of the first syntax error in JSON text, or null if it scans as valid. */
export function firstJsonError(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num) return void (i += num[0].length);
    fail();
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (at) {
    if (typeof at === 'number') return at;
    throw at;
  }
}
