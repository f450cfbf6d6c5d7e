// Interface text of result and attribute tables: accuracy badges and filters (workbench).
import type { Messages } from '../catalog.ts';

export const table = {
  accuracy: { zh: '精度', en: 'Accuracy' },
  'acc.boundary': { zh: '边界', en: 'boundary' },
  'acc.located': { zh: '定位', en: 'located' },
  'acc.schematic': { zh: '示意', en: 'schematic' },
  'acc.title': {
    zh: '本行取最不精确的输入：边界（官方行政区划）、定位（有出处坐标）、示意（按规划文字绘制）',
    en: 'This row takes its least accurate input: boundary (official units), located (sourced coordinates), schematic (drawn from the wording)',
  },
  'derived-boundary': { zh: '分析生成（边界）', en: 'made by analysis (boundary)' },
  'derived-located': { zh: '分析生成（有出处坐标）', en: 'made by analysis (located)' },
  'derived-schematic': { zh: '分析生成（示意）', en: 'made by analysis (schematic)' },
  hideSchematic: { zh: '隐藏示意行', en: 'Hide schematic rows' },
  hiddenSchematic: { zh: '已隐藏 {n} 行示意结果', en: '{n|# schematic row|# schematic rows} hidden' },
  approxNote: {
    zh: '“≈”：涉及示意几何的距离已取整（10 公里内取 0.5 公里，以上取整公里），示意位置可能偏差数公里。',
    en: '“≈”: distances involving schematic geometry are rounded (to 0.5 km under 10 km, whole km above); a schematic position can be kilometres off.',
  },
  minArea: { zh: '最小重叠面积', en: 'Minimum overlap area' },
  minAreaNote: {
    zh: '小于 {min} km² 的重叠多为边界画法不同造成的碎片，默认隐藏（已隐藏 {n} 对）。',
    en: 'Overlaps under {min} km² are mostly slivers of differently drawn borders and are hidden by default ({n|# pair|# pairs} hidden).',
  },
  exportShown: { zh: 'CSV 导出当前显示的行。', en: 'CSV exports the rows shown.' },
} as const satisfies Messages;
