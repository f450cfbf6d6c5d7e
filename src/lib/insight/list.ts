// The accessible list view: the features on the map as groups by kind, with a name filter. Pure.
import type { Lang } from '../i18n/catalog.ts';
import { planLabel, regionLabel } from '../i18n/labels.ts';
import { KINDS, type Accuracy, type Kind, type Status } from '../plan/model.ts';
import { phaseOfStatus, type Phase } from '../plan/timeline.ts';
import type { MapProps } from '../plan/bundle.ts';
import { intlLocale, otherLang } from '../i18n/catalog.ts';

export type ListFeatureProps = MapProps & { phase?: string };

export interface ListItem {
  id: string;
  name: string;
  /** the name in the other language */
  other: string;
  kind: string;
  status: string;
  /** the year slider's phase, when it differs from what the status implies */
  phase?: string;
  accuracy: { key: string; label: string; schematic: boolean };
  region: string;
}

export interface ListGroup {
  kind: string;
  label: string;
  items: ListItem[];
}

export interface ListModel {
  groups: ListGroup[];
  /** distinct elements before the text filter */
  total: number;
  /** after it */
  shown: number;
}

/** Lower-case, full-width folded, no spaces: "Chengdu  East" and "chengdueast" match. */
export function normalize(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s·・\-–—_]+/g, '');
}

export function matches(p: Pick<MapProps, 'id' | 'zh' | 'en'>, query: string): boolean {
  const q = normalize(query);
  if (!q) return true;
  return [p.zh, p.en, p.id].some((s) => normalize(s).includes(q));
}

const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);

/**
 * One entry per element id (a feature split into parts is listed once), hidden-phase features left
 * out, grouped by kind in model order, sorted by name in `lang`.
 */
export function listModel(features: Iterable<ListFeatureProps>, lang: Lang, query = ''): ListModel {
  const seen = new Map<string, ListFeatureProps>();
  for (const p of features) if (p.phase !== 'hidden' && !seen.has(p.id)) seen.set(p.id, p);
  const collator = new Intl.Collator(intlLocale(lang), { numeric: true });
  const byKind = new Map<string, ListItem[]>();
  let shown = 0;
  for (const p of seen.values()) {
    if (!matches(p, query)) continue;
    shown++;
    const statusPhase = phaseOfStatus(p.status);
    const item: ListItem = {
      id: p.id,
      name: p[lang] || p.zh,
      other: p[otherLang(lang)],
      kind: p.kind,
      status: planLabel('status', p.status as Status, lang),
      phase: p.phase && p.phase !== statusPhase ? planLabel('phase', p.phase as Phase, lang) : undefined,
      accuracy: { key: p.accuracy, label: planLabel('accuracy', p.accuracy as Accuracy, lang), schematic: p.accuracy === 'schematic' },
      region: regionLabel(p.region, lang),
    };
    if (!byKind.has(p.kind)) byKind.set(p.kind, []);
    byKind.get(p.kind)!.push(item);
  }
  const order = [...KINDS, ...[...byKind.keys()].filter((k) => !isKind(k)).sort()];
  const groups = order
    .filter((k) => byKind.has(k))
    .map((k) => ({
      kind: k,
      label: isKind(k) ? planLabel('kind', k, lang) : k,
      items: byKind.get(k)!.sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id)),
    }));
  return { groups, total: seen.size, shown };
}
