// What an element's card shows, loaded on demand (its full feature from the region bundle and the seed tasks):
// one loader for the info card and the kiosk's visitor card.
import { plan } from '../state/plan.svelte.ts';
import { loadTaskContent } from '../state/content.ts';
import { loadRegionElements } from './planData.ts';
import { describeElement, type CardModel } from '../lib/plan/describe.ts';
import type { Region } from '../lib/plan/model.ts';
import type { Lang } from '../lib/i18n/catalog.ts';

/** The card of element `id`, or null when it is not (or not yet) in the plan. Reads plan state before its first await, so an effect calling it re-runs when the plan loads. */
export async function loadCardModel(id: string, lang: Lang, when: { year?: number; expected?: boolean } = {}): Promise<CardModel | null> {
  const index = plan.index;
  const flat = plan.features.find((f) => f.properties.id === id);
  if (!index || !flat) return null;
  const [elements, content] = await Promise.all([loadRegionElements(index, flat.properties.region as Region), loadTaskContent()]);
  const el = elements.find((e) => e.properties.id === id);
  if (!el) return null;
  const elementsById = new Map(plan.features.map((f) => [f.properties.id, { name: { zh: f.properties.zh, en: f.properties.en } }]));
  return describeElement(el, { tasks: content.tasks, sections: content.sections, aliases: content.aliases, elementsById, lang, ...when });
}
