// Zip entry names: the UTF-8 flag (general-purpose bit 11) when set; otherwise the archive's bytes are in the
// zipping machine's code page — UTF-8 from Linux/macOS zip, GBK from Chinese Windows Explorer or WinRAR,
// CP437 by the original PKZIP convention. fflate decodes unflagged names as Latin-1, which is how
// "成都市" turns into "³É¶¼ÊÐ"; we read the central directory and decode the raw bytes ourselves.

export type ZipNameEncoding = 'utf-8-flag' | 'ascii' | 'utf-8' | 'gbk' | 'cp437';

export interface ZipNameInfo {
  /** How the names were read: the flag, or the code page chosen for the unflagged names. */
  encoding: ZipNameEncoding;
  /** fflate's name → the name as the user wrote it. */
  decode(fflateName: string): string;
}

// CP437 0x80–0xFF (IBM PC): TextDecoder does not know it.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

export function decodeCp437(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  return s;
}

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const latin1Bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const strict = (enc: string, bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder(enc, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
};

interface CdEntry {
  utf8Flag: boolean;
  raw: Uint8Array;
}

/** Entry names from the central directory, or null when it cannot be found (then fflate's names are used). */
function centralDirectory(bytes: Uint8Array): CdEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let o = view.getUint32(eocd + 16, true);
  const out: CdEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (o + 46 > bytes.length || view.getUint32(o, true) !== 0x02014b50) return null;
    const flags = view.getUint16(o + 8, true);
    const nameLen = view.getUint16(o + 28, true);
    const extraLen = view.getUint16(o + 30, true);
    const commentLen = view.getUint16(o + 32, true);
    if (o + 46 + nameLen > bytes.length) return null;
    out.push({ utf8Flag: (flags & 0x800) !== 0, raw: bytes.subarray(o + 46, o + 46 + nameLen) });
    o += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** One code page for all unflagged names of an archive (one machine zipped them). */
function chooseCodePage(names: Uint8Array[]): Exclude<ZipNameEncoding, 'utf-8-flag'> {
  const nonAscii = names.filter((b) => b.some((x) => x >= 0x80));
  if (nonAscii.length === 0) return 'ascii';
  if (nonAscii.every((b) => strict('utf-8', b) !== null)) return 'utf-8';
  if (nonAscii.every((b) => strict('gbk', b) !== null)) return 'gbk';
  return 'cp437';
}

function decodeWith(enc: ZipNameEncoding, raw: Uint8Array): string {
  if (enc === 'cp437') return decodeCp437(raw);
  if (enc === 'gbk') return new TextDecoder('gbk').decode(raw);
  return new TextDecoder('utf-8').decode(raw);
}

export function zipNameDecoder(bytes: Uint8Array, override?: 'utf-8' | 'gbk' | 'cp437'): ZipNameInfo {
  const cd = centralDirectory(bytes);
  // Raw bytes of each unflagged name, keyed by fflate's Latin-1 reading of them.
  const unflagged = new Map<string, Uint8Array>();
  let anyFlagged = false;
  if (cd) {
    for (const e of cd) {
      if (e.utf8Flag) anyFlagged = true;
      else unflagged.set(latin1(e.raw), e.raw);
    }
  }
  const rawOf = (name: string): Uint8Array | null => {
    if (cd) return unflagged.get(name) ?? null;
    // No central directory: a name with a character above U+00FF was decoded as UTF-8 (flagged).
    return [...name].every((c) => c.charCodeAt(0) <= 0xff) ? latin1Bytes(name) : null;
  };
  const page = override ?? chooseCodePage([...unflagged.values()]);
  const encoding: ZipNameEncoding = unflagged.size === 0 && anyFlagged ? 'utf-8-flag' : page;
  return {
    encoding,
    decode: (name) => {
      const raw = rawOf(name);
      return raw ? decodeWith(page, raw) : name;
    },
  };
}
