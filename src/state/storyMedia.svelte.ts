// Scene media in the app: the shipped files (data/stories/media/<story>/<file>, emitted by Vite as hashed assets,
// so the service worker's precache carries them and a kiosk plays them offline), the narration's mute switch and
// whether the browser's autoplay policy held it back.
import type { MediaFileInfo } from '../lib/story/validate.ts';

const shipped = import.meta.glob('../../data/stories/media/*/*.{png,jpg,jpeg,webp,mp3,ogg,oga,m4a}', {
  eager: true,
  query: '?url',
  import: 'default',
}) as Record<string, string>;

/** `<story>/<file>` → the built URL. */
const SHIPPED_MEDIA = new Map(Object.entries(shipped).map(([path, url]) => [path.replace(/^.*\/data\/stories\/media\//, ''), url]));

/** The URL a scene's media `src` plays from: a shipped file's built URL, an embedded data URL as it is, else null. */
export function mediaUrl(src: string): string | null {
  if (src.startsWith('data:')) return src;
  return SHIPPED_MEDIA.get(src) ?? null;
}

const SHIPPED_FILES: ReadonlyMap<string, MediaFileInfo> = new Map([...SHIPPED_MEDIA.keys()].map((k) => [k, {}]));
/** The shipped files by name, for the validator in the authoring panel (names only: check-stories.ts checked the bytes). */
export const shippedMediaFiles = (): ReadonlyMap<string, MediaFileInfo> => SHIPPED_FILES;

const MUTE_KEY = 'tongcheng-atlas.narration-muted';
function loadMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export const narration = $state<{
  /** the presenter or hall muted narration (kept in this browser) */
  muted: boolean;
  /** the browser refused to start audio without a user gesture (autoplay policy) */
  blocked: boolean;
}>({ muted: loadMuted(), blocked: false });

export function setMuted(on: boolean): void {
  narration.muted = on;
  try {
    localStorage.setItem(MUTE_KEY, on ? '1' : '0');
  } catch {
    // storage blocked: muted for this session
  }
}
