import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { pwa } from './scripts/pwa/plugin.ts';
import { catalogByLanguage } from './scripts/i18n/catalogPlugin.ts';

export default defineConfig({
  plugins: [catalogByLanguage(), svelte(), pwa()],
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2500,
  },
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
