// Strings of the indicators panel and the accessible list view.
import type { Messages } from '../catalog.ts';

export const insight = {
  indicators: { zh: '规划指标', en: 'Plan figures' },
  indicatorsIntro: {
    zh: '来自原始文件的主要数据，每项注明年份与出处；展开可查看原文。',
    en: 'Headline figures from the source documents, each with its year and source; open one to read the original quote.',
  },
  close: { zh: '关闭', en: 'Close' },
  quote: { zh: '原文', en: 'Original text' },
  source: { zh: '出处', en: 'Source' },
  figuresCount: { zh: '{n} 项数据', en: '{n} figures' },
  otherRegion: { zh: '地区：{region}', en: 'Region: {region}' },
  'role.observed': { zh: '实际', en: 'Reported' },
  'role.target': { zh: '目标', en: 'Target' },
  'role.baseline': { zh: '现状（规划表述）', en: 'Baseline (plan statement)' },
  yearOf: { zh: '{year}年', en: '{year}' },
  casesTitle: { zh: '100 项探索实践案例（按领域）', en: 'The 100 practice cases by domain' },
  casesSummary: {
    zh: '9 组案例条形图，合计 {sum} 项：{list}。',
    en: 'Bar chart of 9 groups of cases, {sum} in all: {list}.',
  },
  casesSum: { zh: '合计 {sum} 项；8 个领域内 {named} 项', en: '{sum} in all; {named} in the 8 named domains' },
  casesDiscrepancy: { zh: '原文说“8个领域”，却列出 9 组', en: 'The source says "8 domains" but prints 9 groups' },
  notNamedDomain: { zh: '不在 8 个领域之内', en: 'not one of the 8 named domains' },
  domain: { zh: '领域', en: 'Domain' },
  count: { zh: '案例数', en: 'Cases' },
  dataTable: { zh: '数据表', en: 'Data table' },
  shareOf: { zh: '比例条（满格 = 100%）', en: 'Share bar (full = 100%)' },
  chartItem: { zh: '项目', en: 'Item' },
  chartValue: { zh: '数值', en: 'Value' },
  chartSummary: { zh: '条形图：{list}。', en: 'Bar chart: {list}.' },
  // list view
  listView: { zh: '列表视图', en: 'List view' },
  listIntro: {
    zh: '地图上显示的全部规划要素，可按名称筛选；按 Enter 选中并在地图上查看。',
    en: 'Every plan element shown on the map; filter by name, press Enter to select one and see it on the map.',
  },
  listFilter: { zh: '按名称筛选', en: 'Filter by name' },
  listFilterPlaceholder: { zh: '名称或编号', en: 'Name or id' },
  listCount: { zh: '显示 {shown} / {total} 个要素', en: 'Showing {shown} of {total} elements' },
  listEmpty: { zh: '没有符合条件的要素', en: 'No elements match' },
  listNone: { zh: '地图上没有显示规划要素', en: 'No plan elements are shown on the map' },
  listSelected: { zh: '已选中', en: 'selected' },
  listClose: { zh: '关闭列表', en: 'Close list' },
  inYear: { zh: '当年：{phase}', en: 'in the chosen year: {phase}' },
  caseCount: { zh: '{n}项', en: '{n}' },
} as const satisfies Messages;
