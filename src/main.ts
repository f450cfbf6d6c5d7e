// Latin: only the latin subset (the app has no other scripts in Latin fonts). CJK: one weight; its
// unicode-range slices load on demand. Fewer @font-face rules = less CSS before the first frame.
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans-sc/400.css';
import './style/global.css';
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { registerServiceWorker } from './pwa/register.ts';
import { app } from './state/app.svelte.ts';
import { ensureLanguage, otherLang } from './lib/i18n/catalog.ts';
import { parseHash } from './lib/hash.ts';

// The UI's language of the text catalog before anything renders (a link's lang= too); the other language after
// the map's first frame (src/map/bootstrap.svelte.ts), or after mounting for the pages without a map (a production
// build splits them, scripts/i18n/catalogPlugin.ts; index.html preloads the default one).
const linkLang = parseHash(location.hash).lang;
void Promise.all([ensureLanguage(app.lang), linkLang ? ensureLanguage(linkLang) : null]).then(start, (e: unknown) => {
  console.error('texts', e);
  start();
});

function start(): void {
  // index.html's boot shell (what a slow phone shows before this script) gives way to whichever app mounts.
  document.querySelector('.boot-shell')?.remove();
  const target = document.getElementById('app')!;
  const withoutMap = (m: { default: typeof App }) => {
    mount(m.default, { target });
    void ensureLanguage(otherLang(linkLang ?? app.lang)).catch((e: unknown) => console.warn('texts', e));
  };
  // The presenter window (#presenter=1) needs no map: its own small page is ready at once (docs/hall.md).
  if (/[#&]presenter=1(&|$)/.test(location.hash)) void import('./ui/story/PresenterApp.svelte').then(withoutMap);
  // The phone remote (#remote=CODE, docs/remote.md) needs no map either.
  else if (/[#&]remote=/.test(location.hash)) void import('./ui/remote/RemoteApp.svelte').then(withoutMap);
  else mount(App, { target });
}
registerServiceWorker();
