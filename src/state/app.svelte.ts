// App-wide state: language, open panel, current view. Components read these; the URL hash mirrors them.
import { ensureLanguage, languageLoaded, type Lang } from '../lib/i18n/catalog.ts';
import type { View } from '../lib/hash.ts';

const LANG_KEY = 'tongcheng-atlas.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage can be blocked (private mode); fall back to the default
  }
  return 'zh';
}

export const app = $state<{
  lang: Lang;
  panel: string | null;
  view: View | null;
  status: 'loading' | 'ready' | 'error';
  error: string;
  /** #embed=1: no chrome, read-only, for news pages */
  embed: boolean;
  /** analysis and workspace modules loaded (after the first map frame) */
  toolsReady: boolean;
}>({
  toolsReady: false,
  embed: false,
  lang: initialLang(),
  panel: null,
  view: null,
  status: 'loading',
  error: '',
});

export function setLang(lang: Lang): void {
  // a production build fetches the other language's texts after the first render: switch once they are here
  if (!languageLoaded(lang)) {
    ensureLanguage(lang).then(
      () => setLang(lang),
      (e: unknown) => console.warn(`texts (${lang})`, e),
    );
    return;
  }
  app.lang = lang;
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not persisted; the hash still carries it
  }
}

export function togglePanel(name: string): void {
  app.panel = app.panel === name ? null : name;
}

export function setPanel(name: string | null): void {
  app.panel = name;
}

/** The map's camera (the hash's `map=`); set by the map as it moves. */
export function setView(view: View): void {
  app.view = view;
}

export function setEmbed(on: boolean): void {
  app.embed = on;
}

export function mapReady(): void {
  app.status = 'ready';
}

export function mapFailed(message: string): void {
  app.status = 'error';
  app.error = message;
}

/** Analysis, workspace and story modules have loaded (after the first map frame). */
export function toolsLoaded(): void {
  app.toolsReady = true;
}
