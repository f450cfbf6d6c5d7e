// Latin: only the latin subset (the app has no other scripts in Latin fonts). CJK: one weight; its
// unicode-range slices load on demand. Fewer @font-face rules = less CSS before the first frame.
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans-sc/400.css';
import './style/global.css';
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { registerServiceWorker } from './pwa/register.ts';

mount(App, { target: document.getElementById('app')! });
registerServiceWorker();
