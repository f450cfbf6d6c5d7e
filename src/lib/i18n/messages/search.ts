// Text for the search box and its results.
import type { Messages } from '../catalog.ts';

export const search = {
  label: { zh: '搜索地点与规划要素', en: 'Search places and plan elements' },
  placeholder: { zh: '搜索：简阳、jianyang、jy…', en: 'Search: Jianyang, 简阳, jy…' },
  loading: { zh: '正在加载地名和规划要素…', en: 'Loading place names and plan elements…' },
  cancel: { zh: '取消', en: 'Cancel' },
  noResults: { zh: '没有找到“{q}”', en: 'Nothing found for “{q}”' },
  count: { zh: '{n} 个结果，用上下方向键选择', en: '{n|# result|# results}; use the arrow keys to choose' },
  noGeometry: { zh: '无独立边界，显示其所在区县', en: 'No geometry — showing its county' },
  clear: { zh: '清除', en: 'Clear' },
  'type.element': { zh: '规划要素', en: 'Plan element' },
  'type.prefecture': { zh: '市州', en: 'Prefecture' },
  'type.county': { zh: '区县', en: 'County' },
  'type.town': { zh: '乡镇街道', en: 'Township' },
  municipality: { zh: '直辖市', en: 'Municipality' },
  noBoundary: {
    zh: '{name}没有边界数据，地图显示其所在的{county}',
    en: '{name} has no boundary here; the map shows its county ({county})',
  },
} as const satisfies Messages;
