// Issue 11: the card a resident reads is in the UI's language and free of working vocabulary. Every
// shipped element (the built bundle the app loads, with its geometry) is rendered in zh and en and its
// visible text — plus tooltips — is scanned for file names, gazetteer row ids, seed numbers and element ids.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { Topology } from 'topojson-specification';
import InfoCard from '../../../src/ui/InfoCard.svelte';
import { describeElement } from '../../../src/lib/plan/describe.ts';
import { decodePlanBundle, type PlanIndex } from '../../../src/lib/plan/bundle.ts';
import { JARGON, plainText, SEED_DOCUMENTS } from '../../../src/lib/plan/plain.ts';
import type { PlanTask, TasksFile } from '../../../src/lib/plan/content.ts';
import { readJson } from '../content/helpers.ts';

const index = readJson<PlanIndex>('public/data/plan/index.json');
const elements = index.regions.flatMap((r) => decodePlanBundle(readJson<Topology>(`public/data/${r.file}`)));
const tasksFile = readJson<TasksFile>('data/content/tasks-003.json');
const aliases = readJson<Record<string, string>>('data/content/task-links.json');
const byId = new Map(elements.map((e) => [e.properties.id, e]));
const ids = [...byId.keys()];

/** What a reader sees: text content and title attributes, tags and other attributes dropped. */
function visibleText(html: string): string {
  const titles = [...html.matchAll(/\stitle="([^"]*)"/g)].map((m) => m[1]);
  const text = html.replace(/<!--.*?-->/g, '').replace(/<[^>]+>/g, ' ');
  return `${text} ${titles.join(' ')}`.replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

function cardText(id: string, lang: 'zh' | 'en'): string {
  const model = describeElement(byId.get(id)!, {
    tasks: tasksFile.tasks as PlanTask[], sections: tasksFile.sections, aliases, elementsById: byId, lang,
  });
  return visibleText(render(InfoCard, { props: { model, lang, onselect: () => {}, onclose: () => {} } }).body);
}

describe('plain-language card on every shipped element', () => {
  it('the bundle has the elements the index counts', () => {
    expect(elements.length).toBe(index.count);
    expect(elements.length).toBeGreaterThan(200);
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`${lang}: no file names, row ids, seed numbers or element ids in any card`, () => {
      const offences: string[] = [];
      for (const id of ids) {
        const text = cardText(id, lang);
        for (const re of JARGON) {
          const m = re.exec(text);
          if (m) offences.push(`${id}: ${re} → “…${text.slice(Math.max(0, m.index - 30), m.index + 30)}…”`);
        }
        const leaked = ids.find((other) => text.includes(other));
        if (leaked) offences.push(`${id}: shows the id ${leaked}`);
      }
      expect(offences).toEqual([]);
    });
  }

  it('zh: a seed source shows the document title; an OSM one says OpenStreetMap (ODbL); accuracy in words', () => {
    const withSeed = elements.find((e) => e.properties.sources.some((s) => s.type === 'seed' && s.seed === '004'))!;
    expect(cardText(withSeed.properties.id, 'zh')).toContain('《内江自贡同城化发展总体方案》');
    const osm = elements.find((e) => e.properties.sources.some((s) => s.type === 'osm') && e.properties.accuracy === 'located')!;
    const osmText = cardText(osm.properties.id, 'zh');
    expect(osmText).toContain('OpenStreetMap（ODbL）');
    expect(osmText).toContain('位置有出处 — 坐标来自OpenStreetMap（ODbL）');
    const point = elements.find((e) => e.properties.accuracy === 'schematic' && e.geometry?.type === 'Point')!;
    expect(cardText(point.properties.id, 'zh')).toContain('位置示意 — 资料只说明大致在哪里');
    // no English sentence of the data's working notes in the Chinese card
    expect(cardText(point.properties.id, 'zh')).not.toMatch(/label point|schematic, placed/);
  });

  it('plainText drops row ids and names the gazetteer for what it is', () => {
    expect(plainText('自贡牛佛港 (china.com.cn, 2020-06; cited by gazetteer NZ-085)', 'zh')).toBe('自贡牛佛港 (china.com.cn, 2020-06)');
    expect(plainText('州河为中心城区干流(DZ-020),归入“三河”为推断', 'zh')).toBe('州河为中心城区干流,归入“三河”为推断');
    expect(plainText('要素依据地名表 AP01（外部来源）。', 'zh')).toBe('要素依据项目整理的公开资料（外部来源）。');
    expect(plainText("The seeds do not name it; the element rests on gazetteer row AP01.", 'en')).toBe('The plan documents do not name it; the element rests on our compiled public sources.');
    expect(Object.keys(SEED_DOCUMENTS)).toEqual(['000', '001', '002', '003', '004']);
  });
});
