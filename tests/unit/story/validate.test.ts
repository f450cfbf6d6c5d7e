// The story validator: a minimal valid story passes, and each class of bad scene or story is rejected
// with a `file › scene › field: message` error naming the place.
/* eslint-disable @typescript-eslint/no-explicit-any -- the cases mutate JSON into arbitrary bad shapes */
import { describe, expect, it } from 'vitest';
import {
  formatStoryIssue,
  loadStory,
  storyIssueLine,
  migrateStory,
  validateStory,
  type StoryContext,
  type StoryIssue,
} from '../../../src/lib/story/validate.ts';
import { FILE, elements, fixture } from './minimalStory.ts';

const seedTexts = { '004': '两市中心城区直线距离仅28公里,是全省……培育发展内自都市绵延带,依托连接两市交通廊道' };
const ctx: StoryContext = { elements, seedTexts };

/** Validate the fixture after `mutate`; return the issues as formatted strings. */
function issuesAfter(mutate: (s: Record<string, any>) => void, file = FILE): string[] {
  const s = fixture();
  mutate(s);
  return validateStory(s, file, ctx).map(formatStoryIssue);
}
const scene0 = (s: Record<string, any>) => s.scenes[0];

describe('validateStory: the minimal story', () => {
  it('is valid (and notes.en may quote Chinese document names)', () => {
    expect(validateStory(fixture(), FILE, ctx)).toEqual([]);
    const r = loadStory(fixture(), FILE, ctx);
    expect(r.issues).toEqual([]);
    expect(r.story?.scenes.map((s) => s.id)).toEqual(['two-cores', 'belt']);
  });

  it('formats issues as file › scene › field: message', () => {
    const i: StoryIssue = { file: 'data/stories/x.json', scene: 'intro', field: 'camera.zoom', message: 'bad' };
    expect(formatStoryIssue(i)).toBe('data/stories/x.json › intro › camera.zoom: bad');
  });
});

describe('validateStory rejects each class of bad scene', () => {
  const cases: [string, (s: Record<string, any>) => void, RegExp][] = [
    ['no camera and no fit', (s) => { delete scene0(s).camera; }, /› two-cores › camera: a scene needs a camera or fit/],
    ['empty fit', (s) => { scene0(s).fit = []; }, /› two-cores › fit: expected a non-empty array/],
    ['fit names an unknown element', (s) => { s.scenes[1].fit = ['axis-zz']; }, /› belt › fit\[0\]: no plan element has id "axis-zz"/],
    ['camera outside the study area', (s) => { scene0(s).camera.lon = 120; }, /› two-cores › camera: centre 120, 29.49 is outside the study area/],
    ['camera lon/lat swapped', (s) => { Object.assign(scene0(s).camera, { lon: 29.49, lat: 104.93 }); }, /lon and lat look swapped/],
    ['zoom out of range', (s) => { scene0(s).camera.zoom = 25; }, /› two-cores › camera\.zoom: expected 3–18, got 25/],
    ['pitch out of range', (s) => { scene0(s).camera.pitch = 90; }, /› two-cores › camera\.pitch: expected 0–85/],
    ['bearing out of range', (s) => { scene0(s).camera.bearing = 270; }, /› two-cores › camera\.bearing/],
    ['unknown camera field', (s) => { scene0(s).camera.roll = 3; }, /› two-cores › camera\.roll: unknown field/],
    ['unknown scene field (typo)', (s) => { scene0(s).hilight = []; }, /› two-cores › hilight: unknown field \(typo\?\)/],
    ['scene id not kebab-case', (s) => { scene0(s).id = 'Two Cores'; }, /› Two Cores › id: expected a kebab-case scene id/],
    ['scene without id is named by position', (s) => { delete s.scenes[1].id; }, /› #2 › id: expected a kebab-case scene id/],
    ['duplicate scene id', (s) => { s.scenes[1].id = 'two-cores'; }, /› two-cores › id: duplicate scene id/],
    ['missing English caption', (s) => { delete scene0(s).caption.en; }, /› two-cores › caption\.en: required/],
    ['Chinese in the English caption', (s) => { scene0(s).caption.en = '28公里'; }, /› two-cores › caption\.en: contains Chinese characters/],
    ['no Chinese in the zh caption (swapped)', (s) => { scene0(s).caption.zh = 'Two cores'; }, /› two-cores › caption\.zh: has no Chinese characters/],
    ['caption too long to read aloud', (s) => { scene0(s).caption.zh = '很'.repeat(120); }, /› two-cores › caption\.zh: 120 characters; keep it under 90/],
    ['missing notes', (s) => { delete scene0(s).notes; }, /› two-cores › notes: expected \{zh, en\}/],
    ['highlight of an unknown element', (s) => { scene0(s).highlight.push('cluster-x'); }, /› two-cores › highlight\[2\]: no plan element has id "cluster-x"/],
    ['highlight listed twice', (s) => { scene0(s).highlight.push('cluster-a'); }, /› two-cores › highlight\[2\]: "cluster-a" is listed twice/],
    ['highlight hidden by layers.regions', (s) => { scene0(s).highlight.push('belt-d'); }, /highlight\[2\]: "belt-d" is in region chengdu-metro, which layers\.regions does not show/],
    ['highlight hidden by layers.kinds', (s) => { scene0(s).highlight.push('hub-c'); }, /highlight\[2\]: "hub-c" is a hub, which layers\.kinds does not show/],
    ['unknown region', (s) => { scene0(s).layers.regions = ['chengdu']; }, /› two-cores › layers\.regions\[0\]: expected one of/],
    ['empty regions', (s) => { scene0(s).layers.regions = []; }, /› two-cores › layers\.regions: expected a non-empty array/],
    ['unknown kind', (s) => { scene0(s).layers.kinds.push('airport'); }, /› two-cores › layers\.kinds\[2\]: expected one of/],
    ['basemap flag not boolean', (s) => { scene0(s).layers.basemap.rivers = 'yes'; }, /› two-cores › layers\.basemap\.rivers: expected true or false/],
    ['year out of range', (s) => { scene0(s).year = 20211; }, /› two-cores › year: expected a year 1900–2100/],
    ['unknown overlay type', (s) => { scene0(s).overlays.push({ type: 'buffer', element: 'cluster-a' }); }, /› two-cores › overlays\[3\]\.type: expected one of distance, jurisdictionShares, overlap/],
    ['distance to itself', (s) => { scene0(s).overlays[0].to = 'cluster-a'; }, /› two-cores › overlays\[0\]\.to: a distance needs two different elements/],
    ['distance to an unknown element', (s) => { scene0(s).overlays[0].from = 'cluster-q'; }, /overlays\[0\]\.from: no plan element has id "cluster-q"/],
    ['distance label in one language', (s) => { scene0(s).overlays[0].label = { zh: '28公里' }; }, /overlays\[0\]\.label\.en: required/],
    ['overlap of a line', (s) => { scene0(s).overlays[1].b = 'axis-ab'; }, /› two-cores › overlays\[1\]\.b: "axis-ab" is a line: an overlap needs two areas/],
    ['shares of a point', (s) => { scene0(s).layers.kinds.push('hub'); scene0(s).overlays[2].element = 'hub-c'; }, /overlays\[2\]\.element: "hub-c" is a point: shares need a line or an area/],
    ['shares at an unknown level', (s) => { scene0(s).overlays[2].level = 'province'; }, /overlays\[2\]\.level: expected county or prefecture/],
    ['overlay element hidden by layers', (s) => { scene0(s).overlays[1].b = 'belt-d'; }, /overlays\[1\]\.b: "belt-d" is in region chengdu-metro/],
    ['duration too short', (s) => { scene0(s).durationSec = 2; }, /› two-cores › durationSec: expected 5–120 seconds, got 2/],
    ['duration missing', (s) => { delete scene0(s).durationSec; }, /› two-cores › durationSec: expected 5–120 seconds, got undefined/],
    ['no sources', (s) => { scene0(s).sources = []; }, /› two-cores › sources: every scene cites at least one seed section/],
    ['unknown seed', (s) => { scene0(s).sources[0].seed = '007'; }, /› two-cores › sources\[0\]\.seed: expected one of 000, 001, 002, 003, 004/],
    ['missing section', (s) => { scene0(s).sources[0].section = ' '; }, /› two-cores › sources\[0\]\.section: required/],
    ['quote not in the seed', (s) => { scene0(s).sources[0].quote = '直线距离仅30公里'; }, /› two-cores › sources\[0\]\.quote: quote not found verbatim in seed 004: "直线距离仅30公里"/],
    ['quote with a changed comma (not verbatim)', (s) => { scene0(s).sources[0].quote = '28公里，是全省'; }, /sources\[0\]\.quote: quote not found verbatim/],
    ['quote too long', (s) => { scene0(s).sources[0].quote = '两'.repeat(201); }, /sources\[0\]\.quote: quote is longer than 200 characters/],
    ['scene not an object', (s) => { s.scenes[1] = 'belt'; }, /› #2 › \(scene\): expected an object/],
  ];
  it.each(cases)('%s', (_name, mutate, expected) => {
    const issues = issuesAfter(mutate);
    expect(issues.some((i) => expected.test(i)), issues.join('\n') || '(no issues)').toBe(true);
  });
});

describe('validateStory rejects bad stories', () => {
  it('checks the story-level fields', () => {
    expect(issuesAfter((s) => { s.id = 'other'; })).toContain(`${FILE} › (story) › id: id "other" does not match the file name "minimal.json"`);
    expect(issuesAfter((s) => { s.region = 'sichuan'; })[0]).toMatch(/› \(story\) › region: expected one of/);
    expect(issuesAfter((s) => { s.scenes = []; })).toContain(`${FILE} › (story) › scenes: expected a non-empty array of scenes`);
    expect(issuesAfter((s) => { s.author = 'x'; })).toContain(`${FILE} › (story) › author: unknown field (typo?)`);
    expect(issuesAfter((s) => { delete s.summary.zh; })).toContain(`${FILE} › (story) › summary.zh: required: a non-empty string`);
  });

  it('reports every problem, not just the first', () => {
    const issues = issuesAfter((s) => {
      scene0(s).durationSec = 0;
      s.scenes[1].fit = ['nope'];
    });
    expect(issues).toHaveLength(2);
  });
});

describe('migrateStory', () => {
  it('passes a current file through unchanged', () => {
    const raw = fixture();
    expect(migrateStory(raw, FILE).data).toBe(raw);
  });

  it('rejects a missing, non-integer or newer version', () => {
    expect(migrateStory({ id: 'x' }, FILE).issues.map(formatStoryIssue)).toEqual([
      `${FILE} › (story) › version: expected a positive integer story-format version, got undefined`,
    ]);
    expect(migrateStory({ version: 1.5 }, FILE).data).toBeNull();
    expect(migrateStory({ version: 9 }, FILE).issues[0].message).toBe('version 9 is newer than this code supports (3)');
    expect(migrateStory([], FILE).issues[0].field).toBe('(root)');
  });

  it('runs the migration chain step by step up to the current version', () => {
    // a made-up history: v1 called scenes "slides", v2 called durationSec "seconds"
    const migrations = {
      1: (s: Record<string, unknown>) => {
        const { slides, ...rest } = s;
        return { ...rest, scenes: slides };
      },
      2: (s: Record<string, unknown>) => ({
        ...s,
        scenes: (s.scenes as Record<string, unknown>[]).map(({ seconds, ...sc }) => ({ ...sc, durationSec: seconds })),
      }),
    };
    const v1 = { version: 1, id: 'x', slides: [{ id: 'a', seconds: 14 }] };
    const r = migrateStory(v1, FILE, migrations, 3);
    expect(r.issues).toEqual([]);
    expect(r.data).toEqual({ version: 3, id: 'x', scenes: [{ id: 'a', durationSec: 14 }] });
    expect(migrateStory({ version: 2, scenes: [{ seconds: 5 }] }, FILE, migrations, 3).data?.scenes).toEqual([{ durationSec: 5 }]);
    // a gap in the chain is reported, not skipped
    expect(migrateStory(v1, FILE, { 1: migrations[1] }, 3).issues[0].message).toBe('no migration from version 2 to 3');
  });

  it('brings a version-1 story (before compare and growth scenes) and a version-2 story (before media) to version 3, meaning the same', () => {
    const v1 = { ...fixture(), version: 1 };
    const r = migrateStory(v1, FILE);
    expect(r.issues).toEqual([]);
    expect(r.data).toEqual({ ...fixture(), version: 3 });
    expect(migrateStory({ ...fixture(), version: 2 }, FILE).data).toEqual({ ...fixture(), version: 3 });
    expect(loadStory(v1, FILE, ctx).issues).toEqual([]);
    // a v1 file that already used a v2 field is judged as v2 (nothing is dropped silently)
    const early: Record<string, any> = { ...fixture(), version: 1 };
    early.scenes[1].growth = { from: 2020, to: 2020 };
    expect(loadStory(early, FILE, ctx).issues.map(formatStoryIssue)).toContain(`${FILE} › belt › growth.to: both years are 2020: a comparison or growth needs two different years`);
  });

  it('loadStory returns no story when there are issues', () => {
    const bad = fixture();
    bad.scenes[0].durationSec = 500;
    const r = loadStory(bad, FILE, ctx);
    expect(r.story).toBeNull();
    expect(r.issues).toHaveLength(1);
  });
});

describe('compare and growth scenes (v2)', () => {
  // belt: highlight axis-ab, no overlays; its caption is rewritten to name the years it shows
  const changeScene = (s: Record<string, any>, field: 'compare' | 'growth', value: Record<string, unknown>) => {
    const sc = s.scenes[1];
    delete sc.year;
    sc[field] = value;
    sc.caption = { zh: '2020年到2035年：内自都市绵延带从规划到建设。', en: 'From 2020 to 2035: the belt goes from plan to works.' };
  };
  it('accepts a compare scene and a growth scene whose captions name both years', () => {
    for (const [field, value] of [['compare', { by: 'year', a: 2020, b: 2035, mode: 'sideBySide', position: 0.4 }], ['growth', { from: 2020, to: 2035, seconds: 8 }]] as const)
      expect(issuesAfter((s) => changeScene(s, field, value))).toEqual([]);
  });
  const cases: [string, (s: Record<string, any>) => void, string][] = [
    ['compare years off the time slider', (s) => changeScene(s, 'compare', { by: 'year', a: 2010, b: 2035 }), 'belt › compare.a: expected a year on the time slider, 2015–2035, got 2010'],
    ['compare of one year', (s) => changeScene(s, 'compare', { by: 'year', a: 2035, b: 2035 }), 'belt › compare.b: both years are 2035'],
    ['compare by something unknown', (s) => changeScene(s, 'compare', { by: 'region', a: 2020, b: 2035 }), 'belt › compare.by: expected one of year, got "region"'],
    ['compare with an unknown mode', (s) => changeScene(s, 'compare', { by: 'year', a: 2020, b: 2035, mode: 'spyglass' }), 'belt › compare.mode: expected one of swipe, sideBySide'],
    ['compare divider at the edge', (s) => changeScene(s, 'compare', { by: 'year', a: 2020, b: 2035, position: 1 }), 'belt › compare.position: expected 0.1–0.9, got 1'],
    ['compare typo', (s) => changeScene(s, 'compare', { by: 'year', a: 2020, b: 2035, postion: 0.3 }), 'belt › compare.postion: unknown field'],
    ['compare with a fixed year', (s) => { changeScene(s, 'compare', { by: 'year', a: 2020, b: 2035 }); s.scenes[1].year = 2021; }, 'belt › year: a scene with compare has no year'],
    ['compare with overlays', (s) => { changeScene(s, 'compare', { by: 'year', a: 2020, b: 2035 }); s.scenes[1].overlays = [{ type: 'distance', from: 'cluster-a', to: 'cluster-b' }]; }, 'belt › overlays: a compare scene draws no overlays'],
    ['compare and growth at once', (s) => { changeScene(s, 'compare', { by: 'year', a: 2020, b: 2035 }); s.scenes[1].growth = { from: 2020, to: 2035 }; }, 'belt › growth: a scene cannot be both'],
    ['growth run longer than the scene', (s) => changeScene(s, 'growth', { from: 2020, to: 2035, seconds: 60 }), 'belt › growth.seconds: expected 2–12 seconds (within the scene’s time), got 60'],
    ['growth to the same year', (s) => changeScene(s, 'growth', { from: 2020, to: 2020 }), 'belt › growth.to: both years are 2020'],
    ['growth without its end year in the English caption', (s) => { changeScene(s, 'growth', { from: 2020, to: 2030 }); }, 'belt › growth: the map shows 2030, which the caption or legend (zh) does not name'],
    ['compare years only as part of a longer number', (s) => { changeScene(s, 'compare', { by: 'year', a: 2020, b: 2035 }); s.scenes[1].caption.en = 'Plan 120201 and 20350.'; }, 'belt › compare: the map shows 2020, 2035, which the caption or legend (en) does not name'],
  ];
  it.each(cases)('%s', (_name, mutate, expected) => {
    const issues = issuesAfter(mutate);
    expect(issues.some((i) => i.includes(expected)), issues.join('\n') || '(no issues)').toBe(true);
  });
  it('a legend line may name the years instead of the caption', () => {
    const issues = issuesAfter((s) => {
      changeScene(s, 'growth', { from: 2020, to: 2030 });
      s.scenes[1].legend = [{ zh: '右上角的年份从2020年走到2030年。', en: 'The year at the top right runs from 2020 to 2030.' }];
    });
    expect(issues).toEqual([]);
  });
});

describe('messages in the user language', () => {
  it('every issue is a catalog message: Chinese in the zh UI, the same English for scripts', () => {
    const issues = validateStory({ ...fixture(), author: 'x', scenes: [{ ...fixture().scenes[0], durationSec: 2 }] }, FILE, ctx);
    expect(issues.every((i) => i.msg !== undefined)).toBe(true);
    expect(issues.map((i) => storyIssueLine(i, 'zh'))).toEqual([
      `${FILE} › （故事） › author：未知字段（拼写错误？）`,
      `${FILE} › two-cores › durationSec：应为 5–120 秒，实际为 2`,
    ]);
    expect(issues.map((i) => storyIssueLine(i, 'en'))).toEqual(issues.map(formatStoryIssue));
    const newer = migrateStory({ version: 9 }, FILE).issues;
    expect(storyIssueLine(newer[0], 'zh')).toBe(`${FILE} › （故事） › version：版本 9 比本程序支持的版本（3）新`);
  });
});

describe('validateStory refuses script links anywhere in the file', () => {
  it.each([
    ['a javascript: link in an unknown field', (s: Record<string, any>) => { scene0(s).link = 'javascript:alert(1)'; }, '(story) › scenes[0].link: holds a script link (javascript:)'],
    ['a javascript: link inside a caption', (s: Record<string, any>) => { scene0(s).caption.en = '<a href="JavaScript:alert(1)">more</a>'; }, '(story) › scenes[0].caption.en: holds a script link (javascript:)'],
    ['a data:text/html URL', (s: Record<string, any>) => { s.summary.en = 'see data:text/html;base64,PHNjcmlwdD4='; }, '(story) › summary.en: holds a script link (data:text/html)'],
    ['a tab hidden inside the scheme', (s: Record<string, any>) => { scene0(s).notes = { zh: '说明', en: 'java\tscript:x' }; }, '(story) › scenes[0].notes.en: holds a script link (javascript:)'],
  ])('%s', (_name, mutate, expected) => {
    const lines = issuesAfter(mutate);
    expect(lines.some((l) => l.includes(expected))).toBe(true);
    const s = fixture();
    mutate(s);
    expect(loadStory(s, FILE, ctx).story).toBeNull();
  });

  it('says so in Chinese in the zh UI', () => {
    const s = fixture();
    scene0(s).link = 'javascript:alert(1)';
    const i = validateStory(s, FILE, ctx).find((x) => x.field === 'scenes[0].link')!;
    expect(storyIssueLine(i, 'zh')).toBe(`${FILE} › （故事） › scenes[0].link：含脚本链接（javascript:）；故事文件从不运行代码，整个文件未导入`);
  });
});
