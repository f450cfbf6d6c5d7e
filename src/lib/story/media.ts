// Scene media (story format v3): images and one narration audio per scene. Pure: no DOM, no IO. The file
// types are judged by their first bytes (magic numbers), never by a name or a declared MIME type alone, so a
// renamed SVG or HTML page is refused; only raster images and plain audio are allowed (nothing that can run
// script). Shipped files live in data/stories/media/<story>/<file>; an imported story embeds its own as data
// URLs within the caps below.

import { DEFAULT_LANG } from '../i18n/catalog.ts';

/** The raster image and audio types a scene may carry, by their MIME type. */
export const MEDIA_TYPES = {
  'image/png': { kind: 'image', ext: ['png'] },
  'image/jpeg': { kind: 'image', ext: ['jpg', 'jpeg'] },
  'image/webp': { kind: 'image', ext: ['webp'] },
  'audio/mpeg': { kind: 'audio', ext: ['mp3'] },
  'audio/ogg': { kind: 'audio', ext: ['ogg', 'oga'] },
  'audio/mp4': { kind: 'audio', ext: ['m4a'] },
} as const;
export type MediaType = keyof typeof MEDIA_TYPES;
export type MediaKind = 'image' | 'audio';

export const MEDIA_LIMITS = {
  imagesPerScene: 4,
  /** a shipped file (precached for the kiosk: keep the offline cache small) */
  imageBytes: 1024 * 1024,
  audioBytes: 3 * 1024 * 1024,
  /** a file embedded in an imported story (kept in localStorage, base64 grows it by a third) */
  embeddedImageBytes: 512 * 1024,
  embeddedAudioBytes: 1024 * 1024,
  /** every embedded file of one story together */
  embeddedStoryBytes: 2 * 1024 * 1024,
  creditZh: 60,
  creditEn: 160,
  altZh: 120,
  altEn: 300,
} as const;

/** Where a shipped story's files live (repo) and under which prefix `src` names them. */
export const MEDIA_DIR = 'data/stories/media';
/** A shipped file's `src`: `<story>/<file>` (lower case, no folders below, no `..`). */
export const MEDIA_PATH_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9][a-z0-9_-]*\.(png|jpe?g|webp|mp3|ogg|oga|m4a)$/;

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/** The media type of a file's first bytes (≥ 12 needed), or null for anything else (SVG, HTML, WAV, …). */
export function sniffMedia(b: Uint8Array): MediaType | null {
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  if (b.length >= 4 && ascii(b, 0, 4) === 'OggS') return 'audio/ogg';
  if (b.length >= 3 && ascii(b, 0, 3) === 'ID3') return 'audio/mpeg';
  // an MPEG audio frame header: 11 sync bits, layer not reserved
  if (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x06) !== 0) return 'audio/mpeg';
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp' && /^(M4A |M4B |mp4[12]|isom|iso[2-6]|dash)$/.test(ascii(b, 8, 4))) return 'audio/mp4';
  return null;
}

/** The MIME type a file name's extension says, or null. */
export function typeOfName(name: string): MediaType | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (!ext) return null;
  for (const [type, info] of Object.entries(MEDIA_TYPES)) if ((info.ext as readonly string[]).includes(ext)) return type as MediaType;
  return null;
}

export const kindOf = (type: MediaType): MediaKind => MEDIA_TYPES[type].kind;

export interface DataUrl {
  /** the declared MIME type, lower case (may be anything: the caller checks it) */
  type: string;
  bytes: Uint8Array;
}

/** `data:<type>;base64,<…>` → its bytes; null when it is not a base64 data URL. */
export function parseDataUrl(src: string): DataUrl | null {
  const m = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)(?:;[a-z0-9=.+-]+)*;base64,([A-Za-z0-9+/=\s]*)$/i.exec(src);
  if (!m) return null;
  try {
    const bin = atob(m[2]!.replace(/\s+/g, ''));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return { type: m[1]!.toLowerCase(), bytes };
  } catch {
    return null;
  }
}

/** Bytes → `data:<type>;base64,…` (the authoring panel embeds a picked file). */
export function toDataUrl(type: MediaType, bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${type};base64,${btoa(bin)}`;
}

/** Decoded size of a base64 data URL without decoding it (for the per-story cap). */
export function dataUrlBytes(src: string): number {
  const b64 = src.slice(src.indexOf(',') + 1).replace(/\s+/g, '');
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}

/**
 * Length in seconds of an Ogg Vorbis or Opus file: the granule position of its last page over the sample rate
 * (Opus: 48 kHz, less the pre-skip). null for anything else or a damaged file; the player then measures it.
 */
export function oggSeconds(b: Uint8Array): number | null {
  if (sniffMedia(b) !== 'audio/ogg' || b.length < 64) return null;
  const head = b.subarray(28, 28 + 19);
  let rate: number;
  let skip = 0;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (head[0] === 1 && ascii(head, 1, 6) === 'vorbis') rate = dv.getUint32(28 + 12, true);
  else if (ascii(head, 0, 8) === 'OpusHead') {
    rate = 48000;
    skip = dv.getUint16(28 + 10, true);
  } else return null;
  for (let i = b.length - 27; i >= 0; i--) {
    if (b[i] !== 0x4f || ascii(b, i, 4) !== 'OggS') continue;
    const granule = Number(dv.getBigUint64(i + 6, true));
    return rate > 0 && granule > 0 ? Math.max(0, granule - skip) / rate : null;
  }
  return null;
}

/**
 * The link a scene's QR code opens: the public base URL (the app's address on the hall's public server, e.g.
 * `https://atlas.example.org/`) with the scene's deep link. Returns null when `base` is not an http(s) URL.
 */
export function sceneShareUrl(base: string, storyId: string, sceneId: string, lang: 'zh' | 'en'): string | null {
  let u: URL;
  try {
    u = new URL(base);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  u.hash = `story=${encodeURIComponent(storyId)}&scene=${encodeURIComponent(sceneId)}${lang === DEFAULT_LANG ? '' : `&lang=${lang}`}`;
  return u.href;
}

export interface SubtitleCue {
  text: string;
  /** seconds into the narration */
  start: number;
  end: number;
}

/**
 * The caption as subtitles for a narration of `seconds`: split after each sentence or clause mark (。！？；： and
 * . ! ? ; followed by a space), each part timed in proportion to its length. The parts joined give the caption back.
 */
export function captionCues(caption: string, seconds: number): SubtitleCue[] {
  const parts = caption.match(/[^。！？；：]+[。！？；：]+|.+?[.!?;:](?=\s|$)\s*|.+$/gsu)?.filter((p) => p.length) ?? [];
  const total = parts.reduce((n, p) => n + [...p.trim()].length, 0) || 1;
  let at = 0;
  return parts.map((text) => {
    const start = at;
    at += (seconds * [...text.trim()].length) / total;
    return { text, start, end: at };
  });
}

/** The cue showing at `t` seconds (the last one once the narration ran past its end). */
export function cueAt(cues: readonly SubtitleCue[], t: number): number {
  const i = cues.findIndex((c) => t < c.end);
  return i < 0 ? cues.length - 1 : i;
}
