// Labels for plan-element fields and the explore UI (info card, legend, year slider, unit filter).
import type { Lang } from './strings.ts';
import type { Accuracy, CorridorMode, Kind, Status } from '../plan/model.ts';
import type { Phase } from '../plan/timeline.ts';

type L = { zh: string; en: string };

export const kindLabels: Record<Kind, L> = {
  urbanCluster: { zh: '城市组团', en: 'Urban cluster' },
  industrialBelt: { zh: '产业带', en: 'Industrial belt' },
  pilotZone: { zh: '试点/新区', en: 'Pilot zone / new area' },
  corridor: { zh: '通道', en: 'Corridor' },
  hub: { zh: '枢纽/站点', en: 'Hub / station' },
  park: { zh: '园区', en: 'Park' },
  eco: { zh: '生态', en: 'Ecological' },
  town: { zh: '镇/街道', en: 'Town' },
};

export const modeLabels: Record<CorridorMode, L> = {
  highSpeedRail: { zh: '高速/城际铁路', en: 'High-speed / intercity rail' },
  rail: { zh: '普速铁路', en: 'Railway' },
  suburbanRail: { zh: '市域(郊)铁路', en: 'Suburban rail' },
  metro: { zh: '城市轨道交通', en: 'Metro' },
  expressway: { zh: '高速公路', en: 'Expressway' },
  arterial: { zh: '快速路/干线', en: 'Arterial road' },
  axis: { zh: '发展轴', en: 'Development axis' },
  innovation: { zh: '科创/开放走廊', en: 'Innovation corridor' },
  river: { zh: '河流廊道', en: 'River corridor' },
};

/** Finer labels for the commonest `subkind` values; others are spelled out from the key in English. */
export const subkindLabels: Record<string, L> = {
  station: { zh: '车站', en: 'station' },
  airport: { zh: '机场', en: 'airport' },
  logisticsPort: { zh: '物流港', en: 'logistics port' },
  river: { zh: '河流', en: 'river' },
  reservoir: { zh: '水库', en: 'reservoir' },
  mountain: { zh: '山体', en: 'mountain' },
  waterProject: { zh: '水利工程', en: 'water project' },
  borderPilot: { zh: '交界地带融合发展试点', en: 'border-area integration pilot' },
  newArea: { zh: '新区', en: 'new area' },
  cluster: { zh: '组团', en: 'cluster' },
  centralCity: { zh: '中心城区', en: 'central city' },
  mainCity: { zh: '主城区', en: 'main city' },
  agriculture: { zh: '农业园区', en: 'agricultural park' },
  strongTownPilot: { zh: '强镇试点', en: 'strong-town pilot' },
  cooperationPark: { zh: '合作园区', en: 'cooperation park' },
};

/** Label of a subkind; undefined in Chinese when there is no translation (the kind label suffices). */
export function subkindLabel(subkind: string, lang: Lang): string | undefined {
  const known = subkindLabels[subkind];
  if (known) return known[lang];
  return lang === 'en' ? subkind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : undefined;
}

export const statusLabels: Record<Status, L> = {
  existing: { zh: '已建成', en: 'Existing' },
  underConstruction: { zh: '在建', en: 'Under construction' },
  planned: { zh: '规划', en: 'Planned' },
  proposed: { zh: '拟建/提出', en: 'Proposed' },
  study: { zh: '研究中', en: 'Under study' },
};

export const accuracyLabels: Record<Accuracy, L> = {
  boundary: { zh: '边界', en: 'Boundary' },
  located: { zh: '定位', en: 'Located' },
  schematic: { zh: '示意', en: 'Schematic' },
};

export const accuracyExplanations: Record<Accuracy, L> = {
  boundary: {
    zh: '形状即所列行政区的边界（来自行政区划数据，非权威界线）。',
    en: 'The shape is the boundary of the administrative units listed (from admin-division data; not an authoritative boundary).',
  },
  located: {
    zh: '位置来自有出处的坐标（见来源中标注“提供坐标”的一条）。',
    en: "The position comes from sourced coordinates (see the source marked 'gives the coordinates').",
  },
  schematic: {
    zh: '依规划文字示意绘制，并非实际走向或范围；绘制依据见“依据”。',
    en: "Drawn from the plan's wording, not a surveyed alignment or extent; see 'Basis' for how.",
  },
};

export const phaseLabels: Record<Phase, L> = {
  existing: { zh: '已建成', en: 'Existing' },
  underConstruction: { zh: '在建', en: 'Under construction' },
  planned: { zh: '规划中', en: 'Planned' },
  hidden: { zh: '尚未出现', en: 'Not yet shown' },
};

export const confidenceLabels: Record<'high' | 'medium' | 'low', L> = {
  high: { zh: '高', en: 'high' },
  medium: { zh: '中', en: 'medium' },
  low: { zh: '低', en: 'low' },
};

/** UI text for the explore features. */
export const planUi = {
  cardLabel: { zh: '要素信息', en: 'Element details' },
  kind: { zh: '类型', en: 'Kind' },
  mode: { zh: '方式', en: 'Mode' },
  status: { zh: '状态', en: 'Status' },
  years: { zh: '年份', en: 'Years' },
  opened: { zh: '建成', en: 'opened' },
  started: { zh: '开工', en: 'started' },
  target: { zh: '目标', en: 'target' },
  phaseIn: { zh: '{year}年', en: 'In {year}' },
  metrics: { zh: '指标', en: 'Figures' },
  accuracy: { zh: '精度', en: 'Accuracy' },
  basis: { zh: '依据', en: 'Basis' },
  note: { zh: '说明', en: 'Note' },
  sources: { zh: '来源', en: 'Sources' },
  tasks: { zh: '雁江区任务分工（003）', en: 'Yanjiang district tasks (seed 003)' },
  task: { zh: '任务', en: 'Task' },
  lead: { zh: '牵头单位', en: 'Lead' },
  co: { zh: '配合单位', en: 'Co-responsible' },
  andOthers: { zh: '等', en: 'and others' },
  related: { zh: '相关要素', en: 'Related elements' },
  schematicBadge: { zh: '示意', en: 'schematic' },
  gazetteerRow: { zh: '地名表 {file} 第 {row} 条', en: 'gazetteer {file} row {row}' },
  confidence: { zh: '可信度', en: 'confidence' },
  givesCoordinates: { zh: '提供坐标', en: 'gives the coordinates' },
  sourceRef: { zh: '来源 {n}', en: 'source {n}' },
  fullText: { zh: '全文', en: 'Full text' },
  legend: { zh: '图例', en: 'Legend' },
  legendEmpty: { zh: '当前视图中没有规划要素', en: 'No plan elements in view' },
  legendKinds: { zh: '要素类型（颜色）', en: 'Kinds (colour)' },
  legendModes: { zh: '通道方式（颜色）', en: 'Corridor modes (colour)' },
  legendLines: { zh: '线型 = 状态', en: 'Line style = status' },
  legendSchematic: { zh: '示意几何', en: 'Schematic geometry' },
  legendSchematicArea: { zh: '虚线边框 = 示意范围', en: 'Dashed outline = schematic extent' },
  legendSchematicPoint: { zh: '空心点 = 示意位置', en: 'Hollow point = schematic position' },
  legendSchematicLine: { zh: '模糊光晕 = 示意走向', en: 'Soft halo = schematic alignment' },
  legendFirmArea: { zh: '实线边框 = 行政边界或有出处', en: 'Solid outline = admin boundary or sourced' },
  legendFirmPoint: { zh: '实心点 = 有出处的坐标', en: 'Filled point = sourced coordinates' },
  legendCorridorDrawing: { zh: '通道画法', en: 'Corridor drawing' },
  legendPulses: { zh: '流动光点 = 该年已运营的铁路（动画，不代表班次或方向）', en: 'Moving pulses = rail in service that year (animation; not timetable or direction)' },
  legendBands: { zh: '宽色带 = 发展轴/走廊（示意范围，约 9 km 宽）', en: 'Wide band = development axis / corridor (schematic, ~9 km wide)' },
  flowToggle: { zh: '铁路动态光点', en: 'Animated rail pulses' },
  opacityByKind: { zh: '分类不透明度', en: 'Opacity by kind' },
  opacityOf: { zh: '{kind}不透明度', en: '{kind} opacity' },
  lineExisting: { zh: '实线：已建成', en: 'Solid: existing' },
  lineBuilding: { zh: '长虚线：在建', en: 'Long dash: under construction' },
  lineFuture: { zh: '短虚线：尚未建设', en: 'Short dash: not yet built' },
  year: { zh: '年份', en: 'Year' },
  yearSlider: { zh: '按年份查看', en: 'Show the plan in year' },
  play: { zh: '播放年份动画', en: 'Play through the years' },
  pause: { zh: '暂停', en: 'Pause' },
  yearAnnounce: { zh: '{year}年', en: 'Year {year}' },
  yearCounts: {
    zh: '已建成 {existing}，在建 {underConstruction}，规划 {planned}',
    en: '{existing} existing, {underConstruction} under construction, {planned} planned',
  },
  unitFilter: { zh: '按责任单位筛选', en: 'Filter by responsible unit' },
  unitAll: { zh: '全部单位', en: 'All units' },
  unitCounts: {
    zh: '牵头 {lead} 个要素 / 配合 {co} 个',
    en: 'leads {lead} elements / co-responsible for {co}',
  },
  unitTasks: { zh: '任务：牵头 {lead} 项，配合 {co} 项', en: 'tasks: leads {lead}, co-responsible for {co}' },
  unitPrinted: { zh: '原文亦作 {names}', en: 'also printed as {names}' },
} as const satisfies Record<string, L>;

export type PlanUiKey = keyof typeof planUi;

/** Look up a UI string and fill `{name}` slots. */
export function pt(key: PlanUiKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return planUi[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function label<K extends string>(table: Record<K, L>, key: K, lang: Lang): string {
  return table[key]?.[lang] ?? key;
}
