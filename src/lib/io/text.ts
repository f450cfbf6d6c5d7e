// Text decoding for CSV/GeoJSON/DBF: Chinese files are often GBK, so detect instead of assuming UTF-8.
import { ImportError, type EncodingInfo } from './types';
import { msg } from './messages';

export const ENCODING_CHOICES = ['utf-8', 'gbk', 'gb18030', 'big5', 'utf-16le'];

/** Normalise a .cpg / user label to a WHATWG encoding label, or null when TextDecoder does not know it. */
export function normaliseEncoding(label: string): string | null {
  let l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (/^(ansi\s*)?936$|^cp936$|^ms936$/.test(l)) l = 'gbk';
  else if (/^(ansi\s*)?65001$|^utf8$/.test(l)) l = 'utf-8';
  else if (/^(ansi\s*)?950$/.test(l)) l = 'big5';
  else if (/^(ansi\s*)?125\d$/.test(l)) l = `windows-${l.replace(/\D/g, '')}`;
  else if (/^88591$|^iso88591$/.test(l)) l = 'iso-8859-1';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

/** True when the bytes are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function decodeText(bytes: Uint8Array, file: string, override?: string): { text: string; encoding: EncodingInfo } {
  if (override) {
    const enc = normaliseEncoding(override);
    if (!enc) throw new ImportError('bad-encoding', msg('io.err.badEncoding', { file, encoding: override }));
    return {
      text: new TextDecoder(enc).decode(bytes),
      encoding: { used: enc, source: 'option', alternatives: ENCODING_CHOICES.filter((e) => e !== enc) },
    };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {
      text: new TextDecoder('utf-8').decode(bytes.subarray(3)),
      encoding: { used: 'utf-8', source: 'bom', alternatives: ['gbk'] },
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const enc = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: new TextDecoder(enc).decode(bytes.subarray(2)), encoding: { used: enc, source: 'bom', alternatives: [] } };
  }
  if (isUtf8(bytes)) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: { used: 'utf-8', source: 'utf8-valid', alternatives: ['gbk'] } };
  }
  return {
    text: new TextDecoder('gbk').decode(bytes),
    encoding: { used: 'gbk', source: 'fallback', alternatives: ['utf-8', 'gb18030', 'big5'] },
  };
}
