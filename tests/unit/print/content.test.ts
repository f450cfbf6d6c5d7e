import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE, sheetText, type SheetInputs } from '../../../src/lib/print/content.ts';
import { mapRender, sheetLayout, windowBounds } from '../../../src/lib/print/layout.ts';
import { legendEntries } from '../../../src/lib/plan/describe.ts';
import { KINDS, CORRIDOR_MODES } from '../../../src/lib/plan/model.ts';

const colors = {
  kind: Object.fromEntries(KINDS.map((k) => [k, '#112233'])) as never,
  mode: Object.fromEntries(CORRIDOR_MODES.map((m) => [m, '#445566'])) as never,
  muted: '#777777',
};

function inputs(over: Partial<SheetInputs> = {}): SheetInputs {
  const layout = sheetLayout('A3', 'landscape');
  const render = mapRender(layout.map, 250_000, 300, 30.6);
  const legend = legendEntries([
    { id: 'a', kind: 'hub', status: 'existing', accuracy: 'located', geometry: 'Point' },
    { id: 'b', kind: 'corridor', mode: 'highSpeedRail', status: 'planned', accuracy: 'schematic', geometry: 'LineString' },
  ] as never);
  return {
    template: { ...DEFAULT_TEMPLATE, reviewNo: ' 川S(2026)001 ', office: '' },
    layout,
    render,
    lang: 'zh',
    legend,
    colors,
    regions: ['neijiang-zigong'],
    osm: true,
    bounds: windowBounds([104.6, 29.5], render),
    centerLat: 29.5,
    date: new Date('2026-12-04T08:00:00Z'),
    ...over,
  };
}

describe('sheet texts', () => {
  it('legend: only what is drawn, in the theme colours passed in', () => {
    const s = sheetText(inputs());
    const labels = s.legend.map((l) => l.label);
    // a located hub point, a schematic planned HSR line: kind, mode, the line's status style, the schematic mark
    expect(labels).toEqual(['枢纽/站点', '高速/城际铁路', '短虚线：尚未建设', '模糊光晕 = 示意走向']);
    expect(s.legend.map((l) => [l.shape, l.color, !!l.dashed])).toEqual([
      ['point', '#112233', false],
      ['line', '#445566', false],
      ['line', '#777777', true],
      ['line', '#777777', true],
    ]);
  });
  it('sources: the documents of the regions shown, by title, with the OSM licence; fields trimmed; default title', () => {
    const s = sheetText(inputs());
    expect(s.sources[0]).toContain('OpenStreetMap contributors, ODbL');
    expect(s.sources.join(' ')).toContain('《内江自贡同城化发展总体方案》');
    expect(s.sources.join(' ')).toContain('OpenStreetMap contributors, ODbL');
    expect(s.sources.join(' ')).not.toContain('成都都市圈100项');
    expect(s.fields).toEqual([
      { label: '审图号', value: '川S(2026)001' },
      { label: '编制单位', value: '' },
      { label: '日期', value: '2026-12-04' },
    ]);
    expect(s.title).toBe('同城化规划示意图');
    expect(s.scaleText).toBe('1:250,000');
    expect(s.scaleNote).toContain('29°30′N');
  });
  it('English sheet in English', () => {
    const s = sheetText(inputs({ lang: 'en' }));
    expect(s.legendHeading).toBe('Legend');
    expect(s.sources.join(' ')).toContain('Master plan for Neijiang–Zigong integration');
    expect(s.fields[0].label).toBe('Map review no.');
  });
  it('grid labels fall inside the window, at increasing positions', () => {
    const s = sheetText(inputs());
    const { map } = sheetLayout('A3', 'landscape');
    expect(s.grid!.lon.length).toBeGreaterThan(1);
    for (const g of s.grid!.lon) {
      expect(g.at).toBeGreaterThan(0);
      expect(g.at).toBeLessThan(map.w);
    }
    // latitudes ascend, so their positions from the window's top descend (north is up)
    const at = s.grid!.lat.map((g) => g.at);
    expect([...at].sort((a, b) => b - a)).toEqual(at);
    expect(sheetText(inputs({ template: { ...DEFAULT_TEMPLATE, grid: false } })).grid).toBeUndefined();
  });
});
