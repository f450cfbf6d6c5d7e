// The shipped example of scene media (story format v3), made here from the project's own data, nothing copied:
//   npx tsx scripts/story/make-media.ts
// - data/stories/media/neijiang-zigong/two-cores-diagram.webp: the scene "双核一带三区" drawn from the plan bundles
//   and the basemap's county outlines (src/lib/story/thumbnail.ts), with a bilingual title and key, rendered to
//   WebP by Chromium (/usr/bin/chromium through Playwright; any SVG renderer would do);
// - data/stories/media/neijiang-zigong/two-cores-narration.ogg: the scene's Chinese caption read by the espeak-ng
//   speech synthesiser (voice cmn), encoded by oggenc (Debian: apt-get install espeak-ng vorbis-tools).
// Both are CC0-1.0 (made by this script; espeak-ng's output carries no rights of its authors). See docs/stories.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Story } from '../../src/lib/story/model.ts';
import { MEDIA_DIR } from '../../src/lib/story/media.ts';
import { sceneThumbnailSvg } from '../../src/lib/story/thumbnail.ts';
import { planColors } from '../../src/style/theme.ts';
import { loadThumbData, ROOT } from './catalog.ts';

const STORY = 'neijiang-zigong';
const SCENE = 'two-cores-one-belt-three-zones';

async function main(): Promise<void> {
  const story = JSON.parse(readFileSync(join(ROOT, `data/stories/${STORY}.json`), 'utf8')) as Story;
  const scene = story.scenes.find((s) => s.id === SCENE);
  if (!scene) throw new Error(`data/stories/${STORY}.json: no scene ${SCENE}`);
  const out = join(ROOT, MEDIA_DIR, STORY);
  mkdirSync(out, { recursive: true });

  // the diagram: the scene's elements over county outlines, a title and a key, 1280×720
  const data = loadThumbData();
  const svg = sceneThumbnailSvg(scene, data, { kindColor: (k) => (planColors.kind as Record<string, string>)[k] ?? planColors.fallback, highlight: planColors.highlight, land: '#f4efe6', outline: '#b9ad9a' }, { width: 1280 });
  const key = [
    [planColors.highlight, '重点：双核一带三区（品红边，示意）', 'Highlighted: the two cores, belt and three zones (magenta rim, schematic)'],
    [planColors.kind.urbanCluster, '城镇组团', 'Urban clusters'],
    [planColors.kind.pilotZone, '协同发展区', 'Cooperation zones'],
    [planColors.kind.corridor, '交通走廊', 'Corridors'],
  ];
  const html = `<!doctype html><meta charset="utf-8"><style>
    body{margin:0;width:1280px;height:720px;position:relative;font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif}
    .t{position:absolute;left:24px;top:18px;background:#fffffff0;padding:10px 16px;border-radius:6px;color:#222}
    .t b{display:block;font-size:30px}.t span{font-size:20px;color:#444}
    .k{position:absolute;left:24px;bottom:18px;background:#fffffff0;padding:8px 14px;border-radius:6px;font-size:18px;color:#222}
    .k i{display:inline-block;width:18px;height:18px;border-radius:3px;margin-right:8px;vertical-align:-3px}
    .c{position:absolute;right:16px;bottom:10px;font-size:14px;color:#555}
  </style>${svg}
  <div class="t"><b>内江–自贡：双核一带三区</b><span>Neijiang–Zigong: two cores, one belt, three zones</span></div>
  <div class="k">${key.map(([c, zh, en]) => `<div><i style="background:${c}"></i>${zh} · ${en}</div>`).join('')}</div>
  <div class="c">图：同城图集规划数据绘制，CC0 · Diagram from the atlas's plan data, CC0</div>`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.setContent(html);
    // PNG from the screen, then WebP (lossy, q 0.9) through a canvas: a fifth of the bytes in the kiosk's offline cache
    const png = (await page.screenshot()).toString('base64');
    const webp = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      c.getContext('2d')!.drawImage(img, 0, 0);
      return c.toDataURL('image/webp', 0.9);
    }, `data:image/png;base64,${png}`);
    writeFileSync(join(out, 'two-cores-diagram.webp'), Buffer.from(webp.slice(webp.indexOf(',') + 1), 'base64'));
  } finally {
    await browser.close();
  }

  // the narration: the scene's Chinese caption, synthesised, Ogg Vorbis mono
  const wav = join(tmpdir(), `narration-${process.pid}.wav`);
  execFileSync('espeak-ng', ['-v', 'cmn', '-s', '185', '-w', wav, scene.caption.zh]);
  execFileSync('oggenc', ['-Q', '-q', '0', '--resample', '16000', '--serial', '1', '-o', join(out, 'two-cores-narration.ogg'), wav]);
  rmSync(wav);
  console.log(`wrote ${MEDIA_DIR}/${STORY}/two-cores-diagram.webp and two-cores-narration.ogg`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
