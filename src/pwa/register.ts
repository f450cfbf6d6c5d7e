// Registers the service worker generated at build time (scripts/pwa/): on the first visit it precaches
// what a phone needs before first use (app, stories and kiosk, data, the font slices the app's text
// needs); once that is done the page fetches the later set — print/PDF, analysis tools, drawing, the
// import and analysis workers (scripts/pwa/split.ts) — into the cache the worker serves them from, so a
// kiosk or briefing keeps working with no network. Production build only; browser tests of other
// features run without it (navigator.webdriver) unless they opt in via localStorage.
import { LATER_CACHE, PLAN_FILE } from './names.ts';

export interface OfflineStatus {
  /** 'ready' = a service worker is active, so its precache is complete (install succeeded). */
  state: 'registering' | 'ready' | 'failed';
  /** Entries in the precache once ready. */
  precached: number;
  /** The later set: 'ready' once every file of it is in its cache (after `state` is 'ready'). */
  later: 'waiting' | 'ready' | 'failed';
  laterCount: number;
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
    if (name.startsWith('tongcheng-atlas-') && !name.includes('precache') && !name.endsWith('-fonts') && name !== LATER_CACHE) await caches.delete(name);
  }
}

async function precacheCount(): Promise<number> {
  let n = 0;
  for (const name of await caches.keys()) {
    if (name.includes('precache')) n += (await (await caches.open(name)).keys()).length;
  }
  return n;
}

/** Fetch the later set into its cache and drop what an earlier build put there. */
async function cacheLater(): Promise<number> {
  const base = import.meta.env.BASE_URL;
  const plan = (await (await fetch(`${base}${PLAN_FILE}`)).json()) as { later: string[] };
  const wanted = new Set(plan.later.map((u) => new URL(`${base}${u}`, location.href).href));
  const cache = await caches.open(LATER_CACHE);
  const have = new Set<string>();
  for (const r of await cache.keys()) {
    if (wanted.has(r.url)) have.add(r.url);
    else await cache.delete(r);
  }
  // one at a time: it must not compete with what the resident is doing
  for (const url of wanted) if (!have.has(url)) await cache.add(url);
  return wanted.size;
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || optedOut()) return;
  const status: OfflineStatus = { state: 'registering', precached: 0, later: 'waiting', laterCount: 0 };
  window.__atlasOffline = status;
  const start = () =>
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`)
      .then(() => navigator.serviceWorker.ready)
      .then(async () => {
        await dropLegacyCaches();
        status.precached = await precacheCount();
        status.state = 'ready';
        status.laterCount = await cacheLater();
        status.later = 'ready';
      })
      .catch((e: unknown) => {
        if (status.state === 'ready') status.later = 'failed';
        else status.state = 'failed';
        status.error = String(e);
        console.warn('offline cache', e);
      });
  // after the first load: the precache download must not compete with the first map frame
  if (document.readyState === 'complete') void start();
  else window.addEventListener('load', () => void start(), { once: true });
}
