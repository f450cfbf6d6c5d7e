// Text for the search box and its results.
import type { Lang } from './strings.ts';

type L = { zh: string; en: string };

export const searchStrings = {
  label: { zh: '搜索地点与规划要素', en: 'Search places and plan elements' },
  placeholder: { zh: '搜索：简阳、jianyang、jy…', en: 'Search: Jianyang, 简阳, jy…' },
  loading: { zh: '正在加载地名…', en: 'Loading place names…' },
  noResults: { zh: '没有找到“{q}”', en: 'Nothing found for “{q}”' },
  count: { zh: '{n} 个结果，用上下方向键选择', en: '{n} results; use the arrow keys to choose' },
  noGeometry: { zh: '无独立边界，显示其所在区县', en: 'No geometry — showing its county' },
  clear: { zh: '清除', en: 'Clear' },
  'type.element': { zh: '规划要素', en: 'Plan element' },
  'type.prefecture': { zh: '市州', en: 'Prefecture' },
  'type.county': { zh: '区县', en: 'County' },
  'type.town': { zh: '乡镇街道', en: 'Township' },
  municipality: { zh: '直辖市', en: 'Municipality' },
} as const satisfies Record<string, L>;

export type SearchStringKey = keyof typeof searchStrings;

/** Look up a search string and fill `{name}` slots. */
export function st(key: SearchStringKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return searchStrings[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

// Same wording as the plan panel's kind labels; kept here so the search index needs no UI module.
const KIND: Record<string, L> = {
  urbanCluster: { zh: '城市组团', en: 'Urban cluster' },
  industrialBelt: { zh: '产业带', en: 'Industrial belt' },
  pilotZone: { zh: '试点/新区', en: 'Pilot zone / new area' },
  corridor: { zh: '通道', en: 'Corridor' },
  hub: { zh: '枢纽/站点', en: 'Hub / station' },
  park: { zh: '园区', en: 'Park' },
  eco: { zh: '生态', en: 'Ecological' },
  town: { zh: '镇/街道', en: 'Town' },
};

export function kindLabel(kind: string): L {
  return KIND[kind] ?? { zh: kind, en: kind };
}
