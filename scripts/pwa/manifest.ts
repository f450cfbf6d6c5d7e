// The web app manifest, written at build time so its colours come from src/style/theme.ts.
import { colors } from '../../src/style/theme.ts';
import { ICONS } from './icons.ts';

export const MANIFEST_FILE = 'manifest.webmanifest';
export const THEME_COLOR = colors.accent;

export function webManifest(): string {
  return JSON.stringify(
    {
      name: '同城图集 · Tongcheng Atlas',
      short_name: '同城图集',
      description: '四川同城化规划交互地图 · Interactive map of Sichuan’s metropolitan-integration plans',
      lang: 'zh-CN',
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: THEME_COLOR,
      background_color: colors.panel,
      icons: ICONS.filter((i) => i.purpose !== 'apple').map((i) => ({ src: `icons/${i.file}`, sizes: `${i.size}x${i.size}`, type: 'image/png', purpose: i.purpose })),
    },
    null,
    2,
  );
}
