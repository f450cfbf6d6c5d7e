// Sharing a place or an element: the page title a shared link carries, and the order of ways to share
// (the system share sheet where there is one, else the link copied, shown as text and as a QR code).
// Pure; no DOM.
import { t, type Lang } from '../i18n/catalog.ts';

/** "施家镇 · 同城图集" while something is chosen; the app's own title otherwise. */
export function pageTitle(subject: string | undefined, lang: Lang): string {
  return subject ? `${subject} · ${t('app.appTitle', lang)}` : `${t('app.appTitle', lang)} · ${t('app.appSubtitle', lang)}`;
}

export type ShareWay = 'system' | 'fallback';

/**
 * The system sheet when the browser has `navigator.share` and can share this URL; otherwise (desktop
 * browsers, WeChat's built-in browser) the fallback panel: the link copied, long-press-able, and a QR code.
 */
export function shareWay(nav: { share?: unknown; canShare?: (data: { url: string }) => boolean }, url: string): ShareWay {
  if (typeof nav.share !== 'function') return 'fallback';
  if (typeof nav.canShare === 'function' && !nav.canShare({ url })) return 'fallback';
  return 'system';
}
