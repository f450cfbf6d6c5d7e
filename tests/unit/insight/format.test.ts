import { describe, expect, it } from 'vitest';
import { formatFigure, indicatorFigure } from '../../../src/lib/insight/format.ts';
import type { Indicator } from '../../../src/lib/plan/content.ts';
import { barLayout, shareLength } from '../../../src/lib/insight/chart.ts';

describe('formatFigure', () => {
  // expected strings worked out by hand from the Chinese magnitudes (万 = 1e4, 亿 = 1e8, 万亿 = 1e12)
  const cases: [number, string, 'zh' | 'en', string | undefined, string][] = [
    [2.78, '万亿元', 'zh', undefined, '2.78万亿元'],
    [2.78, '万亿元', 'en', undefined, '2.78 trillion yuan'],
    [2300, '亿元', 'en', 'over', 'over 230 billion yuan'],
    [2300, '亿元', 'zh', 'over', '超2300亿元'],
    [23.7, '亿元', 'en', undefined, '2.37 billion yuan'],
    [4200, '亿元', 'en', 'over', 'over 420 billion yuan'],
    [60, '万人次/日', 'en', 'over', 'over 600,000 trips a day'],
    [611, '万人次', 'en', 'over', 'over 6.11 million person-times'],
    [541.8, '万人次', 'en', undefined, '5.418 million person-times'],
    [30.07, '万个', 'en', undefined, '300,700'],
    [12.46, '万个', 'en', undefined, '124,600'],
    [17, '万亩', 'en', 'over', 'over 170,000 mu'],
    [46.3, '%', 'en', undefined, '46.3%'],
    [46.3, '%', 'zh', undefined, '46.3%'],
    [90, '%', 'zh', 'atLeast', '90%以上'],
    [90, '%', 'en', 'atLeast', 'at least 90%'],
    [1551, '家', 'en', undefined, '1,551'],
    [1551, '家', 'zh', undefined, '1551家'],
    [3000, '家', 'zh', 'nearly', '近3000家'],
    [28, 'km', 'zh', undefined, '28 km'],
    [0.1, '百分点', 'en', undefined, '0.1 percentage points'],
    [136, '对/日', 'en', undefined, '136 pairs a day'],
    // 余 inside the figure, 折 fares, years (issue 14's remaining seed figures)
    [5600, '名', 'zh', 'odd', '5600余名'],
    [5600, '名', 'en', 'odd', 'more than 5,600'],
    [12, '万次', 'zh', 'odd', '12万余次'],
    [12, '万次', 'en', 'odd', 'more than 120,000 times'],
    [1.2, '万件', 'en', 'odd', 'more than 12,000'],
    [8.5, '折', 'en', undefined, '85% of the fare'],
    [7, '折', 'zh', undefined, '7折'],
    [60, '周岁', 'en', 'atLeast', 'at least 60 years of age'],
    [2035, '年', 'en', undefined, '2035'],
    [2035, '年', 'zh', undefined, '2035年'],
  ];
  for (const [value, unit, lang, q, expected] of cases) {
    it(`${value} ${unit} (${lang}${q ? `, ${q}` : ''}) → ${expected}`, () => {
      expect(formatFigure(value, unit, lang, q as never).text).toBe(expected);
    });
  }

  it('keeps the number and the unit apart for the big-number display', () => {
    const f = formatFigure(2.78, '万亿元', 'en');
    expect([f.number, f.unit]).toEqual(['2.78', 'trillion yuan']);
    const z = formatFigure(3000, '家', 'zh', 'nearly');
    expect([z.prefix, z.number, z.unit, z.suffix]).toEqual(['近', '3000', '家', '']);
  });

  it('shows a figure the seed prints in its own form exactly so in Chinese, and spelled out in English', () => {
    const ind = { value: 0.5, unit: '小时', printed: '半小时' } as Indicator;
    expect(indicatorFigure(ind, 'zh')).toMatchObject({ number: '半', unit: '小时', text: '半小时' });
    expect(indicatorFigure(ind, 'en').text).toBe('0.5 h');
    const odd = { value: 1.2, unit: '万件', qualifier: 'odd', printed: '1.2万余件' } as Indicator;
    expect([indicatorFigure(odd, 'zh').number, indicatorFigure(odd, 'zh').unit]).toEqual(['1.2', '万余件']);
  });

  it('prints an unknown unit as given', () => {
    expect(formatFigure(5, '吨', 'en').text).toBe('5 吨');
  });
});

describe('chart scales', () => {
  it('draws bars in proportion, the largest full width', () => {
    const l = barLayout([14, 7, 0, 28], 280, 30);
    expect(l.map((b) => b.length)).toEqual([140, 70, 0, 280]);
    expect(l.map((b) => b.y)).toEqual([0, 30, 60, 90]);
  });
  it('draws nothing when all values are zero, and clamps shares', () => {
    expect(barLayout([0, 0], 100, 10).map((b) => b.length)).toEqual([0, 0]);
    expect(shareLength(0.463, 200)).toBeCloseTo(92.6, 10);
    expect(shareLength(1.2, 200)).toBe(200);
    expect(shareLength(-1, 200)).toBe(0);
  });
});
