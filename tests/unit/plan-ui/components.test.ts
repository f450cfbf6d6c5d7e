// Server-rendered markup of the explore components: what a reader gets before any script runs.
// (Focus, Escape and play timing are browser behaviour, covered by Playwright once wired.)
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'svelte/server';
import InfoCard from '../../../src/ui/InfoCard.svelte';
import Legend from '../../../src/ui/Legend.svelte';
import TimeSlider from '../../../src/ui/TimeSlider.svelte';
import UnitFilter from '../../../src/ui/UnitFilter.svelte';
import { describeElement, legendEntries, unitsIndex } from '../../../src/lib/plan/describe.ts';
import type { PlanProperties } from '../../../src/lib/plan/model.ts';
import type { PlanTask } from '../../../src/lib/plan/content.ts';
import { ROOT } from '../content/helpers.ts';

const fx = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/plan-ui/elements.json'), 'utf8')) as { elements: PlanProperties[]; tasks: PlanTask[] };
const byId = new Map(fx.elements.map((e) => [e.id, e]));
const noop = () => {};
const count = (html: string, needle: string | RegExp) => (html.match(new RegExp(needle, 'g')) ?? []).length;

describe('InfoCard', () => {
  it('shows the schematic badge, quoted seed sources, tasks with units and related links', () => {
    const model = describeElement(byId.get('rail-fixture-hsr')!, { tasks: fx.tasks, elementsById: byId, lang: 'en' });
    const { body } = render(InfoCard, { props: { model, lang: 'en', onselect: noop, onclose: noop } });
    expect(body).toMatch(/class="badge[^"]*"[^>]*>schematic<\/span>/);
    expect(count(body, '<blockquote')).toBe(1 + model.tasks.length); // one seed quote + one excerpt per task
    expect(body).toContain('Yanjiang District (Ziyang) task assignments');
    expect(body).toContain('part 二(五), task 14');
    expect(body).toContain('486.4 km');
    expect(body).toContain('区发展改革局');
    expect(body).toContain('data-related="station-fixture-a"');
    expect(body).not.toContain('data-related="station-missing"'); // unknown id is not a link
    expect(body).toMatch(/<h2[^>]*tabindex="-1"/);
  });

  it('has no schematic badge for a located element', () => {
    const model = describeElement(byId.get('station-fixture-a')!, { tasks: fx.tasks, elementsById: byId, lang: 'zh' });
    const { body } = render(InfoCard, { props: { model, lang: 'zh', onselect: noop, onclose: noop } });
    expect(body).not.toContain('示意 / schematic');
    expect(body).toContain('位置取自此处');
  });
});

describe('Legend', () => {
  it('draws each present entry with the map’s dash pattern and schematic marks', () => {
    const entries = legendEntries([
      { kind: 'corridor', mode: 'expressway', status: 'underConstruction', accuracy: 'schematic', geometry: 'LineString' },
      { kind: 'hub', status: 'existing', accuracy: 'schematic', geometry: 'Point' },
    ]);
    const { body } = render(Legend, { props: { entries, lang: 'en' } });
    expect(body).toContain('data-legend-mode="expressway"');
    expect(body).toContain('data-legend-line="underConstruction"');
    expect(body).not.toContain('data-legend-line="existing"');
    expect(body).toContain('stroke-dasharray="12 4.5"'); // [4, 1.5] × 3 px
    expect(body).toContain('data-legend-schematic="point"');
    expect(body).toContain('data-legend-schematic="line"');
    expect(body).not.toContain('data-legend-schematic="area"');
    expect(body).toMatch(/<circle[^>]*fill="#ffffff"/);
  });

  it('says so when nothing is on screen', () => {
    const { body } = render(Legend, { props: { entries: legendEntries([]), lang: 'zh' } });
    expect(body).toContain('当前视图中没有规划要素');
  });
});

describe('TimeSlider', () => {
  it('renders a 2015–2035 range with 2025 and 2035 marked, a play button and the counts', () => {
    const { body } = render(TimeSlider, {
      props: { year: 2025, lang: 'en', onchange: noop, counts: { existing: 3, underConstruction: 2, planned: 1, expected: 0, hidden: 0 } },
    });
    expect(body).toMatch(/type="range"[^>]*min="2015"[^>]*max="2035"|min="2015"[^>]*max="2035"[^>]*type="range"/);
    expect(body).toMatch(/class="tick[^"]*mark[^"]*"[^>]*>2025</);
    expect(body).toMatch(/class="tick[^"]*mark[^"]*"[^>]*>2035</);
    expect(body).toMatch(/class="tick(?![^"]*mark)[^"]*"[^>]*>2015</);
    expect(body).toContain('aria-label="Play through the years"');
    expect(body).toContain('Year 2025: 3 existing, 2 under construction, 1 planned');
  });
});

describe('UnitFilter', () => {
  it('lists units with counts and summarises the selected one', () => {
    const units = unitsIndex(fx.tasks);
    const { body } = render(UnitFilter, { props: { units, value: '区交通运输局', lang: 'en', onchange: noop } });
    expect(count(body, '<option')).toBe(units.size + 1);
    expect(body).toContain('区交通运输局 (1/1)');
    expect(body).toContain('leads 1 elements / co-responsible for 1');
    expect(body).toContain('tasks: leads 2, co-responsible for 1');
  });
});
