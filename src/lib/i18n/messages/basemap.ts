// Strings for the basemap switcher.
import type { Messages } from '../catalog.ts';

export const basemap = {
  basemapTitle: { zh: '底图', en: 'Basemap' },
  basemapChoice: { zh: '选择底图', en: 'Choose a basemap' },
  needsNetwork: { zh: '需联网', en: 'needs a network' },
  offlineNote: { zh: '默认，无需联网', en: 'default, works offline' },
  gcjNote: {
    zh: '瓦片为 GCJ-02 坐标：图上叠加要素仅在显示时偏移以对齐底图，数据与分析仍为 WGS84。',
    en: 'Tiles are in GCJ-02: overlays are shifted on screen to match; data and analysis stay WGS84.',
  },
  tiandituKey: { zh: '天地图密钥（tk）', en: 'Tianditu key (tk)' },
  tiandituKeyNote: {
    zh: '密钥只保存在本浏览器，不写入链接。',
    en: 'The key is stored in this browser only, never in the link.',
  },
  tiandituKeyGet: { zh: '申请密钥', en: 'Get a key' },
  keySave: { zh: '使用密钥', en: 'Use key' },
  keyMissing: { zh: '请先输入天地图密钥；当前显示离线底图。', en: 'Enter a Tianditu key first; the offline basemap is shown meanwhile.' },
  tilesFailed: {
    zh: '部分在线瓦片加载失败，请检查网络。',
    en: 'Some online tiles failed to load; check the network.',
  },
  basemapLayers: { zh: '底图图层', en: 'Basemap layers' },
  groupBoundaries: { zh: '行政边界', en: 'Boundaries' },
  groupRivers: { zh: '河流', en: 'Rivers' },
  groupLabels: { zh: '地名', en: 'Place names' },
} as const satisfies Messages;
