// The numbers a scene draws on the map (src/lib/story/figures.ts) and the validator rule that every one of
// them is named in the scene's caption or legend lines, in each language; the shipped stories keep to it.
/* eslint-disable @typescript-eslint/no-explicit-any -- the cases mutate JSON into arbitrary shapes */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Geometry, Polygon } from 'geojson';
import { buildJurisdictionIndex, type Jurisdiction } from '../../../src/lib/analysis/jurisdiction.ts';
import { geodesicDistance } from '../../../src/lib/geo/geodesic.ts';
import { formatFigure, sceneFigures, textNames, unexplainedFigures, type FigureData } from '../../../src/lib/story/figures.ts';
import { formatStoryIssue, validateStory, type ElementInfo, type StoryContext } from '../../../src/lib/story/validate.ts';
import { storyIssueLine } from '../../../src/lib/story/validate.ts';
import type { Scene, Story } from '../../../src/lib/story/model.ts';
import { loadCatalog, loadFigureData, loadSeeds } from '../../../scripts/story/catalog.ts';

const square = (lon: number, lat: number, d: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});
// two 0.1° squares overlapping by half, a line across two "counties", a point
const GEOMS: Record<string, Geometry> = {
  'cluster-a': square(104.8, 29.4, 0.1),
  'cluster-b': square(104.85, 29.4, 0.1),
  'axis-ab': { type: 'LineString', coordinates: [[104.81, 29.45], [104.99, 29.45]] },
};
const COUNTIES: Jurisdiction[] = [
  { adcode: '511002', zh: '市中区', en: 'Shizhong', level: 'county', geometry: square(104.7, 29.3, 0.2) },
  { adcode: '511011', zh: '东兴区', en: 'Dongxing', level: 'county', geometry: square(104.9, 29.3, 0.2) },
];
const data: FigureData = {
  geometry: (id) => GEOMS[id],
  jurisdictions: { county: buildJurisdictionIndex(COUNTIES), prefecture: buildJurisdictionIndex([]) },
};

const FILE = 'data/stories/minimal.json';
const fixture = (): Record<string, any> => JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/story/minimal.json'), 'utf8'));
const elements = new Map<string, ElementInfo>([
  ['cluster-a', { region: 'neijiang-zigong', kind: 'urbanCluster', geometry: 'polygon' }],
  ['cluster-b', { region: 'neijiang-zigong', kind: 'urbanCluster', geometry: 'polygon' }],
  ['axis-ab', { region: 'neijiang-zigong', kind: 'corridor', geometry: 'line' }],
]);
const ctx: StoryContext = { elements, figures: data };

describe('figures: what the map prints', () => {
  it('formats like the player: one decimal under 10, grouping by language', () => {
    expect(formatFigure(0, 'en')).toBe('0.0');
    expect(formatFigure(50.14, 'zh')).toBe('50.1');
    expect(formatFigure(26400.2, 'en', 0)).toBe('26,400');
    expect(formatFigure(26400.2, 'zh', 0)).toBe('26,400');
  });

  it('a text names a number only as a whole number, not inside a longer one', () => {
    expect(textNames('实测 50.1 公里', '50.1')).toBe(true);
    expect(textNames('measured 150.1 km', '50.1')).toBe(false);
    expect(textNames('measured 50.12 km', '50.1')).toBe(false);
    expect(textNames('26,400 km² in all', '26,400')).toBe(true);
    expect(textNames('2.64万平方公里', '26,400')).toBe(false);
    expect(textNames('0.0 km edge to edge', '0.0')).toBe(true);
  });

  it('computes distance core/edge, overlap area, shares total and label numbers from geometry', () => {
    const scene = fixture().scenes[0] as Scene;
    const f = sceneFigures(scene, data);
    const by = (w: string) => f.filter((x) => x.what === w);
    expect(by('label').map((x) => x.shown)).toEqual([{ zh: '28', en: '28' }]);
    // the squares' centres are 0.05° of longitude apart at ≈29.45°N (area-weighted centroids)
    const core = geodesicDistance([104.85, 29.45], [104.9, 29.45]) / 1000;
    expect(by('distanceCore')[0].value).toBeCloseTo(core, 1);
    expect(by('distanceEdge')[0].shown.en).toBe('0.0');
    // overlap: a 0.05° × 0.1° rectangle ≈ 4.85 km × 11.1 km
    expect(by('overlap')[0].value).toBeGreaterThan(50);
    expect(by('overlap')[0].value).toBeLessThan(56);
    // shares: the line's length over both counties (≈ 17.5 km)
    const total = by('sharesTotal')[0];
    expect(total.unit).toBe('km');
    expect(total.value).toBeCloseTo(geodesicDistance([104.81, 29.45], [104.99, 29.45]) / 1000, 0);
  });

  it('lists each figure the caption and legend of a language leave out, per language', () => {
    const scene = fixture().scenes[0] as Scene;
    const f = sceneFigures(scene, data);
    const missing = unexplainedFigures(scene, f);
    // 28 is in both captions; core, edge, overlap and total are in neither
    expect(missing.filter((m) => m.lang === 'zh').map((m) => m.figure.what).sort()).toEqual(['distanceCore', 'distanceEdge', 'overlap', 'sharesTotal']);
    const legend = [{ zh: f.filter((x) => x.what !== 'label').map((x) => x.shown.zh).join('、'), en: 'nothing here' }];
    const after = unexplainedFigures({ ...scene, legend }, f);
    expect(after.every((m) => m.lang === 'en')).toBe(true);
    expect(after).toHaveLength(4);
  });
});

describe('validateStory: numbers on the map must be in the words', () => {
  const legendFor = (s: Record<string, any>) => {
    const f = sceneFigures(s.scenes[0], data).filter((x) => x.what !== 'label');
    return [
      { zh: `实测：${f.map((x) => x.shown.zh).join('、')}（示意范围）。`, en: `Measured: ${f.map((x) => x.shown.en).join(', ')} (schematic extents).` },
    ];
  };

  it('rejects a scene whose overlay shows a number its caption and legend do not name, in each language', () => {
    const issues = validateStory(fixture(), FILE, ctx);
    const lines = issues.map(formatStoryIssue);
    expect(lines.some((l) => /› two-cores › overlays\[0\]: the map shows a measured centre-to-centre distance of [\d.]+ km that the zh caption/.test(l))).toBe(true);
    expect(lines.some((l) => /› two-cores › overlays\[1\]: the map shows an overlap of [\d.]+ km² that the en caption/.test(l))).toBe(true);
    expect(lines.some((l) => /› two-cores › overlays\[2\]: the shares chart shows a total of [\d.]+ km that the zh caption/.test(l))).toBe(true);
    // the message is in the catalog, so the authoring panel shows it in Chinese too
    expect(storyIssueLine(issues[0], 'zh')).toMatch(/地图上显示实测中心间距离 [\d.]+ 公里/);
  });

  it('accepts the scene once a legend line names every figure (and without geometry the rule is skipped)', () => {
    const s = fixture();
    s.scenes[0].legend = legendFor(s);
    expect(validateStory(s, FILE, ctx).map(formatStoryIssue)).toEqual([]);
    expect(validateStory(fixture(), FILE, { elements }).map(formatStoryIssue)).toEqual([]);
  });

  it('names the one language that lacks the figure', () => {
    const s = fixture();
    s.scenes[0].legend = legendFor(s);
    s.scenes[0].legend[0].en = 'Measured on the drawn shapes (schematic).';
    const lines = validateStory(s, FILE, ctx).map(formatStoryIssue);
    expect(lines.length).toBe(4);
    expect(lines.every((l) => l.includes('the en caption'))).toBe(true);
  });

  it('checks legend lines: array of {zh, en}, at most four, within length, English without Chinese', () => {
    const bad = (legend: unknown) => {
      const s = fixture();
      s.scenes[1].legend = legend;
      return validateStory(s, FILE, { elements }).map(formatStoryIssue);
    };
    expect(bad('text')).toEqual([`${FILE} › belt › legend: expected an array of {zh, en} lines (at most 4)`]);
    expect(bad(Array(5).fill({ zh: '说明', en: 'note' }))[0]).toMatch(/at most 4/);
    expect(bad([{ zh: '说明' }])[0]).toMatch(/› belt › legend\[0\]\.en: required/);
    expect(bad([{ zh: '说明', en: '说明' }])[0]).toMatch(/legend\[0\]\.en: contains Chinese/);
    expect(bad([{ zh: '长'.repeat(71), en: 'x' }])[0]).toMatch(/legend\[0\]\.zh: 71 characters/);
  });
});

describe('the shipped stories: every map number is explained', () => {
  const catalog = loadCatalog();
  const figures = loadFigureData();
  const stories: Story[] = ['chengdu-metro', 'neijiang-zigong', 'dazhou'].map(
    (id) => JSON.parse(readFileSync(join(import.meta.dirname, `../../../data/stories/${id}.json`), 'utf8')) as Story,
  );
  const full: StoryContext = { elements: catalog, seedTexts: loadSeeds(), figures };

  it('all pass, and the scenes with overlays do draw numbers (the rule has something to check)', () => {
    for (const s of stories) expect(validateStory(s, `data/stories/${s.id}.json`, full).map(formatStoryIssue)).toEqual([]);
    const drawn = stories.flatMap((s) => s.scenes.flatMap((sc) => sceneFigures(sc, figures)));
    expect(drawn.length).toBeGreaterThanOrEqual(13);
    // the figures the issue found unexplained are among them
    const shown = new Set(drawn.map((f) => f.shown.zh));
    for (const n of ['50.1', '417', '303']) expect(shown.has(n), n).toBe(true);
  });

  it('the 28 km scene fails without its legend lines', () => {
    const nz = structuredClone(stories.find((s) => s.id === 'neijiang-zigong')!);
    const sc = nz.scenes.find((x) => x.id === '28-km')!;
    expect(sc.legend?.length).toBeGreaterThan(0);
    delete sc.legend;
    const lines = validateStory(nz, 'data/stories/neijiang-zigong.json', full).map(formatStoryIssue);
    expect(lines.some((l) => l.includes('› 28-km › overlays[0]: the map shows a measured centre-to-centre distance of 50.1 km'))).toBe(true);
  });
});
