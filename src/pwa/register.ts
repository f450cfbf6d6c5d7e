// Registers the service worker generated at build time (scripts/pwa/): on the first visit it precaches
// the whole app — every lazy chunk, worker, data file and the font slices the app's text needs — so a
// kiosk or briefing keeps working with no network. Production build only; browser tests of other
// features run without it (navigator.webdriver) unless they opt in via localStorage.

export interface OfflineStatus {
  /** 'ready' = a service worker is active, so its precache is complete (install succeeded). */
  state: 'registering' | 'ready' | 'failed';
  /** Entries in the precache once ready. */
  precached: number;
  error?: string;
}

declare global {
  interface Window {
    /** Test and console handle for the offline cache; not an API. */
    __atlasOffline?: OfflineStatus;
  }
}

export const SW_OPT_IN_KEY = 'tongcheng-atlas.sw';

function optedOut(): boolean {
  if (!navigator.webdriver) return false;
  try {
    return localStorage.getItem(SW_OPT_IN_KEY) !== '1';
  } catch {
    return true;
  }
}

/** Caches of the earlier hand-written worker ('tongcheng-atlas-<build>'): nothing reads them any more. */
async function dropLegacyCaches(): Promise<void> {
  for (const name of await caches.keys()) {
    if (name.startsWith('tongcheng-atlas-') && !name.includes('precache') && !name.endsWith('-fonts')) await caches.delete(name);
  }
}

async function precacheCount(): Promise<number> {
  let n = 0;
  for (const name of await caches.keys()) {
    if (name.includes('precache')) n += (await (await caches.open(name)).keys()).length;
  }
  return n;
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || optedOut()) return;
  const status: OfflineStatus = { state: 'registering', precached: 0 };
  window.__atlasOffline = status;
  const start = () =>
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`)
      .then(() => navigator.serviceWorker.ready)
      .then(async () => {
        await dropLegacyCaches();
        status.precached = await precacheCount();
        status.state = 'ready';
      })
      .catch((e: unknown) => {
        status.state = 'failed';
        status.error = String(e);
        console.warn('offline cache', e);
      });
  // after the first load: the precache download must not compete with the first map frame
  if (document.readyState === 'complete') void start();
  else window.addEventListener('load', () => void start(), { once: true });
}
