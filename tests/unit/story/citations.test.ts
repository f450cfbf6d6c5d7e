// Sources on slides by the documents' real titles (src/lib/story/citations.ts), and no internal identifier in
// any text a shipped scene shows or the presenter reads: title, caption, legend lines, sources line, notes.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Story } from '../../../src/lib/story/model.ts';
import { chineseNumber, citationsText, documentTitle, INTERNAL_ID, sceneSourcesText, sectionText } from '../../../src/lib/story/citations.ts';
import { LANGS } from '../../../src/lib/i18n/catalog.ts';
import { STORY_SEEDS } from '../../../src/lib/story/model.ts';

const stories: Story[] = ['chengdu-metro', 'neijiang-zigong', 'dazhou'].map(
  (id) => JSON.parse(readFileSync(join(import.meta.dirname, `../../../data/stories/${id}.json`), 'utf8')) as Story,
);
const README = readFileSync(join(import.meta.dirname, '../../../data/sources/README.md'), 'utf8');

describe('citations: the documents by their titles', () => {
  it('reads Chinese numerals', () => {
    expect(['一', '四', '十', '十二', '二十', '二十三'].map(chineseNumber)).toEqual([1, 4, 10, 12, 20, 23]);
    expect(chineseNumber('甲')).toBeNull();
    expect(chineseNumber('')).toBeNull();
  });

  it('renders sections in the slide language: numbering and task, or the heading', () => {
    expect(sectionText('§四(二) 推进基础设施同城共网', 'zh')).toBe('四(二)');
    expect(sectionText('§四(二) 推进基础设施同城共网', 'en')).toBe('section 4(2)');
    expect(sectionText('§二(五) 任务14', 'zh')).toBe('二(五) 任务14');
    expect(sectionText('§二(五) 任务14', 'en')).toBe('section 2(5), task 14');
    expect(sectionText('一、三是 市区“一盘棋”统筹推进中心城区规划编制', 'en')).toBe('part 1, point 3');
    expect(sectionText('延伸阅读·产业协作更加紧密', 'zh')).toBe('延伸阅读·产业协作更加紧密');
    expect(sectionText('延伸阅读·产业协作更加紧密', 'en')).toBe('further reading');
    // a heading the code does not know: the English line names the document alone, never Chinese
    expect(sectionText('某个标题', 'en')).toBe('');
  });

  it('gives each document its real title (the one data/sources/README.md lists) in both languages', () => {
    for (const seed of STORY_SEEDS) {
      const zh = documentTitle(seed, 'zh');
      const inner = /《(.+)》/.exec(zh)?.[1];
      expect(inner, seed).toBeDefined();
      expect(README.includes(inner!), `${seed}: ${inner}`).toBe(true);
      expect(documentTitle(seed, 'en')).not.toMatch(/\p{Script=Han}/u);
      expect(documentTitle(seed, 'zh'), 'no publisher/date tail on a slide').not.toMatch(/）$/);
    }
    expect(citationsText([{ seed: '004', section: '§四(二) 推进基础设施同城共网', quote: 'x' }], 'zh')).toBe('《内江自贡同城化发展总体方案》四(二)');
  });

  it('names each document once, with its sections in citation order', () => {
    const line = citationsText(
      [
        { seed: '004', section: '§四(二) 推进基础设施同城共网', quote: 'a' },
        { seed: '004', section: '§四(二) 推进基础设施同城共网', quote: 'b' },
        { seed: '004', section: '§三(三) 发展目标', quote: 'c' },
        { seed: '003', section: '§二(五) 任务14', quote: 'd' },
      ],
      'en',
    );
    expect(line).toBe('Neijiang–Zigong Integrated Development Master Plan, section 4(2) · section 3(3); Yanjiang District (Ziyang) task assignments for the Chengdu Metropolitan Area Development Plan, section 2(5), task 14');
  });
});

describe('no internal identifiers on slides or in presenter notes', () => {
  it('the pattern catches what the issue found ("文件001", "seed 003 §二(五) 任务14", "种子004", gazetteer rows)', () => {
    for (const bad of ['出处: 文件001 延伸阅读', 'seed 003 §二(五) 任务14', '种子004 §二(一)', '地名表 OT01', 'gazetteer NZ-002', 'DZ-041'])
      expect(INTERNAL_ID.test(bad), bad).toBe(true);
    expect(INTERNAL_ID.test('《内江自贡同城化发展总体方案》四(二)')).toBe(false);
  });

  it('every shipped scene: title, caption, legend lines and sources line in both languages', () => {
    let n = 0;
    for (const s of stories)
      for (const sc of s.scenes)
        for (const lang of LANGS) {
          const shown = [s.title[lang], sc.title[lang], sc.caption[lang], ...(sc.legend ?? []).map((l) => l[lang]), sceneSourcesText(sc, lang)];
          for (const text of shown) {
            expect(text.match(INTERNAL_ID)?.[0], `${s.id} › ${sc.id} (${lang}): ${text}`).toBeUndefined();
            n++;
          }
          // the sources line names a real title
          for (const c of sc.sources) expect(sceneSourcesText(sc, lang)).toContain(documentTitle(c.seed, lang));
          if (lang === 'zh') expect(sceneSourcesText(sc, lang)).toMatch(/《.+》/);
          if (lang === 'en') expect(sceneSourcesText(sc, lang)).not.toMatch(/\p{Script=Han}/u);
        }
    expect(n).toBeGreaterThan(200);
  });

  it('presenter notes name documents, not seed numbers', () => {
    for (const s of stories)
      for (const sc of s.scenes)
        for (const lang of LANGS) expect(sc.notes[lang].match(/(?:文件|种子|seeds?)\s*0\d\d/i)?.[0], `${s.id} › ${sc.id} notes (${lang})`).toBeUndefined();
  });
});
