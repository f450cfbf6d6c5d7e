// Latin: only the latin subset (the app has no other scripts in Latin fonts). CJK: one weight; its
// unicode-range slices load on demand. Fewer @font-face rules = less CSS before the first frame.
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans-sc/400.css';
import './style/global.css';
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { registerServiceWorker } from './pwa/register.ts';

// index.html's boot shell (what a slow phone shows before this script) gives way to whichever app mounts.
document.querySelector('.boot-shell')?.remove();

// The presenter window (#presenter=1) needs no map: its own small page is ready at once (docs/hall.md).
if (/[#&]presenter=1(&|$)/.test(location.hash))
  void import('./ui/story/PresenterApp.svelte').then((m) => mount(m.default, { target: document.getElementById('app')! }));
// The phone remote (#remote=CODE, docs/remote.md) needs no map either.
else if (/[#&]remote=/.test(location.hash))
  void import('./ui/remote/RemoteApp.svelte').then((m) => mount(m.default, { target: document.getElementById('app')! }));
else mount(App, { target: document.getElementById('app')! });
registerServiceWorker();
