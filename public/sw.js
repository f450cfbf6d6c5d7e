// Offline cache for Tongcheng Atlas (kiosks and briefings without network). Static file: it cannot know
// the build's hashed asset names, so it caches at run time:
//  - pages: network first (a new build is seen at once), the cached page when offline;
//  - /assets/ (hashed, immutable): cache first;
//  - everything else same-origin (data, favicon): stale-while-revalidate.
// One cache per build, named from the page's entry script; a new build's page drops the old cache.
// The app posts {type:'warm', urls} after its first load: what that load fetched before this worker
// controlled the page, plus every font file its stylesheets name.
const PREFIX = 'tongcheng-atlas-';
const NET_TIMEOUT_MS = 5000;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

async function cacheNames() {
  return (await caches.keys()).filter((k) => k.startsWith(PREFIX));
}

const UNKNOWN = `${PREFIX}unknown`;

/**
 * The build's cache. Requests that arrive before the page named its build go to an interim cache; a
 * concurrent request can re-create that interim cache after cacheForPage dropped it, so the build's
 * cache always wins when both exist (a race seen in CI: an offline reload found no page).
 */
async function currentCache() {
  const names = await cacheNames();
  const builds = names.filter((n) => n !== UNKNOWN);
  return caches.open(builds[builds.length - 1] ?? UNKNOWN);
}

/** The cache for the build a page belongs to; older builds' caches are deleted. */
async function cacheForPage(html) {
  const m = /assets\/index-([\w-]+)\.js/.exec(html);
  const name = m ? `${PREFIX}${m[1]}` : UNKNOWN;
  const cache = await caches.open(name);
  for (const old of await cacheNames()) {
    if (old === name) continue;
    // what was cached before the build was known belongs to it: keep it
    if (old === UNKNOWN) {
      const interim = await caches.open(old);
      for (const req of await interim.keys()) {
        if (!(await cache.match(req))) {
          const res = await interim.match(req);
          if (res) await cache.put(req, res);
        }
      }
    }
    await caches.delete(old);
  }
  return cache;
}

function timeout(p, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then((v) => (clearTimeout(t), resolve(v)), (e) => (clearTimeout(t), reject(e)));
  });
}

async function networkFirst(req) {
  try {
    const res = await timeout(fetch(req), NET_TIMEOUT_MS);
    if (res.ok) {
      const cache = await cacheForPage(await res.clone().text());
      await cache.put(req.url, res.clone());
    }
    return res;
  } catch (e) {
    const root = new URL('./', self.registration.scope).href;
    // newest build first, then any of ours: an offline reload must find a page if one was ever cached
    const cache = await currentCache();
    const hit =
      (await cache.match(req.url)) ??
      (await cache.match(root)) ??
      (await caches.match(req.url)) ??
      (await caches.match(root));
    if (hit) return hit;
    throw e;
  }
}

async function cacheFirst(req) {
  const cache = await currentCache();
  const hit = await cache.match(req.url);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req.url, res.clone());
  return res;
}

async function staleWhileRevalidate(req, event) {
  const cache = await currentCache();
  const hit = await cache.match(req.url);
  const update = fetch(req)
    .then(async (res) => {
      if (res.ok) await cache.put(req.url, res.clone());
      return res;
    })
    .catch(() => null);
  if (hit) {
    event.waitUntil(update);
    return hit;
  }
  const res = await update;
  return res ?? Response.error();
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || req.headers.has('range')) return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate' || url.pathname.endsWith('/') || url.pathname.endsWith('.html')) event.respondWith(networkFirst(req));
  else if (url.pathname.includes('/assets/')) event.respondWith(cacheFirst(req));
  else if (!url.pathname.endsWith('/sw.js')) event.respondWith(staleWhileRevalidate(req, event));
});

async function warm(urls) {
  const page = urls.find((u) => new URL(u).pathname.endsWith('/') || u.endsWith('.html'));
  let cache;
  if (page) {
    try {
      const res = await fetch(page);
      cache = await cacheForPage(await res.clone().text());
      if (res.ok) await cache.put(page, res);
    } catch {
      cache = await currentCache();
    }
  } else cache = await currentCache();
  const all = new Set(urls.filter((u) => new URL(u).origin === self.location.origin));
  let fonts = 0;
  for (const u of [...all]) {
    if (!new URL(u).pathname.endsWith('.css')) continue;
    try {
      const css = await ((await cache.match(u)) ?? (await fetch(u))).text();
      for (const m of css.matchAll(/url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/g)) {
        all.add(new URL(m[1], u).href);
        fonts++;
      }
    } catch {
      // a stylesheet that fails here is fetched again on the next warm
    }
  }
  let cached = 0, failed = 0;
  await Promise.all(
    [...all].map(async (u) => {
      if (u === page) return void cached++;
      try {
        if (await cache.match(u)) return void cached++;
        const res = await fetch(u);
        if (!res.ok) return void failed++;
        await cache.put(u, res);
        cached++;
      } catch {
        failed++;
      }
    }),
  );
  return { cached, failed, fonts };
}

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'warm' && Array.isArray(event.data.urls)) {
    event.waitUntil(warm(event.data.urls).then((r) => event.ports[0] && event.ports[0].postMessage(r)));
  }
});
