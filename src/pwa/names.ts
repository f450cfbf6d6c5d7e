// Names the build's service worker (scripts/pwa/) and the page (register.ts) must agree on.

/** Cache-name prefix; the page removes caches of the earlier hand-written worker (same prefix, no 'workbox'). */
export const CACHE_ID = 'tongcheng-atlas';
/** The later set's cache: filled by the page after the first load, served from by the worker. */
export const LATER_CACHE = `${CACHE_ID}-later`;
/** The build's split into install and later sets (scripts/pwa/split.ts), in the build's root. */
export const PLAN_FILE = 'precache-plan.json';
