// Scene media (story format v3): file types by their bytes, the caps, the messages naming story, scene and file,
// the shipped example, and the QR link.
/* eslint-disable @typescript-eslint/no-explicit-any -- the cases mutate JSON into arbitrary bad shapes */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { captionCues, cueAt, dataUrlBytes, MEDIA_LIMITS, oggSeconds, parseDataUrl, sceneShareUrl, sniffMedia, toDataUrl } from '../../../src/lib/story/media.ts';
import { formatStoryIssue, storyIssueLine, validateStory, type MediaFileInfo, type StoryContext } from '../../../src/lib/story/validate.ts';
import { loadMediaFiles } from '../../../scripts/story/catalog.ts';
import { FILE, elements, fixture } from './minimalStory.ts';

const ROOT = join(import.meta.dirname, '../../..');

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const OGG = new Uint8Array([...'OggS'].map((c) => c.charCodeAt(0)).concat(new Array(12).fill(0)));
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const HTML = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const text = (zh: string, en: string) => ({ zh, en });
const image = (src: string) => ({ src, alt: text('示意图', 'A diagram'), credit: text('同城图集', 'Tongcheng Atlas'), licence: 'CC0-1.0' });
const narration = (src: string) => ({ src, credit: text('同城图集', 'Tongcheng Atlas'), licence: 'CC0-1.0' });
const files = new Map<string, MediaFileInfo>([
  ['minimal/diagram.png', { size: 2000, head: PNG }],
  ['minimal/voice.ogg', { size: 9000, head: OGG, seconds: 12.4 }],
  ['minimal/renamed.png', { size: 300, head: SVG.subarray(0, 16) }],
  ['minimal/huge.png', { size: 5 * 1024 * 1024, head: PNG }],
]);
const ctx: StoryContext = { elements, mediaFiles: files };

function issuesWith(media: unknown, opts: { ctx?: StoryContext; scene?: (s: any) => void } = {}): string[] {
  const s = fixture();
  // the fixture's first scene has a shares chart, which pictures may not sit beside (tested on its own below)
  s.scenes[0].overlays = s.scenes[0].overlays.filter((o: any) => o.type !== 'jurisdictionShares');
  s.scenes[0].media = media;
  opts.scene?.(s.scenes[0]);
  return validateStory(s, FILE, opts.ctx ?? ctx).map(formatStoryIssue);
}

describe('sniffMedia: the type is the bytes, not the name', () => {
  it('knows PNG, JPEG, WebP, Ogg, MP3 (ID3 and a bare frame) and M4A', () => {
    expect(sniffMedia(PNG)).toBe('image/png');
    expect(sniffMedia(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMedia(new Uint8Array([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBPVP8 ')]))).toBe('image/webp');
    expect(sniffMedia(OGG)).toBe('audio/ogg');
    expect(sniffMedia(new Uint8Array([...ascii('ID3'), 4, 0]))).toBe('audio/mpeg');
    expect(sniffMedia(new Uint8Array([0xff, 0xfb, 0x90, 0x00]))).toBe('audio/mpeg');
    expect(sniffMedia(new Uint8Array([0, 0, 0, 0x20, ...ascii('ftypM4A '), 0, 0]))).toBe('audio/mp4');
  });
  it('refuses SVG, HTML, WAV (RIFF but not WebP) and empty files', () => {
    expect(sniffMedia(SVG)).toBeNull();
    expect(sniffMedia(HTML)).toBeNull();
    expect(sniffMedia(new Uint8Array([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WAVEfmt ')]))).toBeNull();
    expect(sniffMedia(new Uint8Array())).toBeNull();
  });
  it('data URLs round-trip and their size is known without decoding', () => {
    const url = toDataUrl('image/png', PNG);
    expect(parseDataUrl(url)).toEqual({ type: 'image/png', bytes: PNG });
    expect(dataUrlBytes(url)).toBe(PNG.length);
    expect(parseDataUrl('data:image/png,notbase64')).toBeNull();
  });
});

describe('validateStory: scene media (v3)', () => {
  it('a scene with a shipped image and narration passes', () => {
    expect(issuesWith({ images: [image('minimal/diagram.png')], narration: { ...narration('minimal/voice.ogg'), lang: 'zh' } })).toEqual([]);
  });

  it('a missing file is an error naming the story file, the scene and the file', () => {
    expect(issuesWith({ images: [image('minimal/gone.png')] })).toEqual([`${FILE} › two-cores › media.images[0].src: media file data/stories/media/minimal/gone.png not found`]);
    const zh = validateStory({ ...fixture(), scenes: [{ ...fixture().scenes[0], media: { images: [image('minimal/gone.png')] } }] }, FILE, ctx)[0]!;
    expect(storyIssueLine(zh, 'zh')).toContain('找不到媒体文件 data/stories/media/minimal/gone.png');
  });

  it('missing alt text, credit or licence is an error', () => {
    const { alt: _a, ...noAlt } = image('minimal/diagram.png');
    const noCredit = { ...image('minimal/diagram.png'), credit: { zh: '同城图集' } };
    const { licence: _l, ...noLicence } = narration('minimal/voice.ogg');
    const out = issuesWith({ images: [noAlt, noCredit], narration: noLicence });
    expect(out).toEqual([
      expect.stringContaining('media.images[0].alt: missing alt text'),
      expect.stringContaining('media.images[1].credit: missing credit'),
      expect.stringContaining('media.narration.licence: missing licence'),
    ]);
  });

  it('a shipped file whose bytes are not what its name says (a renamed SVG) is refused', () => {
    expect(issuesWith({ images: [image('minimal/renamed.png')] })).toEqual([
      expect.stringMatching(/media\.images\[0\]\.src: the content of data\/stories\/media\/minimal\/renamed\.png is not image\/png \(its first bytes are 3c 73 76 67.*never SVG, HTML/),
    ]);
  });

  it('no SVG, HTML or other types, by name or embedded; audio where an image belongs is refused', () => {
    const out = issuesWith({
      images: [image('minimal/plan.svg'), image(`data:image/svg+xml;base64,${btoa(String.fromCharCode(...SVG))}`), image('minimal/voice.ogg')],
      narration: narration(`data:text/html;base64,${btoa(String.fromCharCode(...HTML))}`),
    });
    expect(out).toContain(`${FILE} › (story) › scenes[0].media.narration.src: holds a script link (data:text/html); story files never run code, so the file was not imported`);
    expect(out).toContain(`${FILE} › two-cores › media.images[0].src: expected a shipped file "<story>/<file>.png|jpg|webp|mp3|ogg|m4a" or a base64 data URL, got "minimal/plan.svg"`);
    expect(out).toContain(`${FILE} › two-cores › media.images[1].src: expected an image here (png, jpg, webp), got image/svg+xml`);
    expect(out).toContain(`${FILE} › two-cores › media.images[2].src: expected an image here (png, jpg, webp), got minimal/voice.ogg`);
    expect(out).toContain(`${FILE} › two-cores › media.narration.src: expected audio here (mp3, ogg, m4a), got text/html`);
  });

  it('an embedded file must be what it declares, within its cap; a story within its total', () => {
    const lying = `data:image/png;base64,${btoa(String.fromCharCode(...HTML))}`;
    expect(issuesWith({ images: [image(lying)] })).toEqual([expect.stringContaining('media.images[0].src: the content of data:image/png is not image/png (its first bytes are 3c 21 64 6f')]);
    expect(issuesWith({ images: [image(toDataUrl('image/png', PNG))], narration: narration(toDataUrl('audio/ogg', OGG)) })).toEqual([]);
    const big = new Uint8Array(MEDIA_LIMITS.embeddedImageBytes + 1);
    big.set(PNG);
    expect(issuesWith({ images: [image(toDataUrl('image/png', big))] })).toEqual([expect.stringContaining('media.images[0].src: data:image/png is 513 KB, the limit is 512 KB')]);
    const s = fixture();
    const audio = new Uint8Array(MEDIA_LIMITS.embeddedAudioBytes - 10);
    audio.set(OGG);
    for (const sc of s.scenes) sc.media = { narration: narration(toDataUrl('audio/ogg', audio)) };
    const three = { ...s, scenes: [...s.scenes, { ...s.scenes[0], id: 'again' }] };
    expect(validateStory(three, FILE, ctx).map(formatStoryIssue)).toContain(`${FILE} › (story) › scenes: the embedded media add up to 3072 KB, the limit per story is 2048 KB`);
  });

  it('a shipped file over its cap, too many images, narration longer than the scene', () => {
    expect(issuesWith({ images: [image('minimal/huge.png')] })).toEqual([expect.stringContaining('huge.png is 5120 KB, the limit is 1024 KB')]);
    expect(issuesWith({ images: new Array(5).fill(image('minimal/diagram.png')) })).toEqual([expect.stringContaining('media.images: expected an array of images (at most 4)')]);
    expect(issuesWith({ narration: narration('minimal/voice.ogg') }, { scene: (sc) => (sc.durationSec = 10) })).toEqual([
      `${FILE} › two-cores › media.narration.src: the narration is 13 s long, longer than the scene’s 10 s: set durationSec to at least 13`,
    ]);
  });

  it('pictures and a shares chart do not share a scene (both take the right of the screen)', () => {
    const out = issuesWith({ images: [image('minimal/diagram.png')] }, { scene: (sc) => sc.overlays.push({ type: 'jurisdictionShares', element: 'axis-ab' }) });
    expect(out).toContain(`${FILE} › two-cores › media.images: a scene with pictures cannot also show a shares chart (both take the right of the screen): move the shares to another scene`);
  });

  it('publicUrl must be an http(s) URL', () => {
    const s = { ...fixture(), publicUrl: 'javascript:alert(1)' };
    expect(validateStory(s, FILE, ctx).map(formatStoryIssue)).toContain(`${FILE} › (story) › publicUrl: expected an http(s) URL (the public address visitors’ phones open), got "javascript:alert(1)"`);
    expect(validateStory({ ...fixture(), publicUrl: 'https://atlas.example.org/' }, FILE, ctx)).toEqual([]);
  });
});

describe('the shipped example (scripts/story/make-media.ts)', () => {
  const shipped = loadMediaFiles();
  it('is a real WebP image and an Ogg narration shorter than its scene', () => {
    const png = shipped.get('neijiang-zigong/two-cores-diagram.webp');
    const ogg = shipped.get('neijiang-zigong/two-cores-narration.ogg');
    expect(png && sniffMedia(png.head!)).toBe('image/webp');
    expect(ogg && sniffMedia(ogg.head!)).toBe('audio/ogg');
    const story = JSON.parse(readFileSync(join(ROOT, 'data/stories/neijiang-zigong.json'), 'utf8'));
    const scene = story.scenes.find((s: any) => s.media?.narration);
    expect(ogg!.seconds).toBeGreaterThan(5);
    expect(ogg!.seconds).toBeLessThanOrEqual(scene.durationSec);
    expect(oggSeconds(new Uint8Array(readFileSync(join(ROOT, 'data/stories/media/neijiang-zigong/two-cores-narration.ogg'))))).toBeCloseTo(ogg!.seconds!, 6);
  });
});

describe('sceneShareUrl: the QR link', () => {
  it('puts the scene deep link on the public base URL', () => {
    expect(sceneShareUrl('https://atlas.example.org/hall/', 'neijiang-zigong', '28-km', 'zh')).toBe('https://atlas.example.org/hall/#story=neijiang-zigong&scene=28-km');
    expect(sceneShareUrl('https://atlas.example.org/?x=1#old', 'a', 'b', 'en')).toBe('https://atlas.example.org/?x=1#story=a&scene=b&lang=en');
    expect(sceneShareUrl('ftp://x/', 'a', 'b', 'zh')).toBeNull();
    expect(sceneShareUrl('not a url', 'a', 'b', 'zh')).toBeNull();
  });
});

describe('captionCues: the caption as subtitles', () => {
  it('splits at sentence and clause marks, timed by length, and gives the caption back', () => {
    const zh = '2021年的方案为内江、自贡规划“双核一带三区”：两个中心城区、一条都市绵延带和三个协同发展区。';
    const cues = captionCues(zh, 15);
    expect(cues.map((c) => c.text).join('')).toBe(zh);
    expect(cues).toHaveLength(2);
    expect(cues[0]!.start).toBe(0);
    expect(cues.at(-1)!.end).toBeCloseTo(15, 9);
    expect(cueAt(cues, 0)).toBe(0);
    expect(cueAt(cues, 14.9)).toBe(1);
    expect(cueAt(cues, 99)).toBe(1);
    const en = 'The plan says 28 km. It does not say between which points; we measured 50.1 km.';
    expect(captionCues(en, 10).map((c) => c.text)).toEqual(['The plan says 28 km. ', 'It does not say between which points; ', 'we measured 50.1 km.']);
  });
});
