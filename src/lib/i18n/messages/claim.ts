// The documented-distance check (e.g. 内自 "28 km"): what our data says beside the plan's figure, and why they differ.
import type { Messages } from '../catalog.ts';

export const claim = {
  base: {
    zh: '文件称 {doc} 公里；按本图数据，{a}与{b}的中心到中心为 {cores}，最近边界之间为 {edges}（WGS84 椭球大地线）。',
    en: 'The plan says {doc} km; in our data {a} to {b} is {cores} core to core and {edges} between the nearest edges (geodesic on WGS84).',
  },
  matchesCores: { zh: '文件数字与中心到中心距离一致。', en: 'The documented figure agrees with the core-to-core distance.' },
  betweenEdgesAndCores: {
    zh: '文件数字介于两者之间：它很可能量的是两个规划中心城区内某些参考点之间（规划城区相向扩展），既不是市政府到市政府，也不是建成区边缘到边缘。',
    en: 'The documented figure lies between the two: it most likely measures between reference points inside the two planned central urban areas, which grow towards each other, not city hall to city hall nor built-up edge to edge.',
  },
  belowEdges: {
    zh: '文件数字比本图最近边界距离还短：文件所指的中心城区范围大于本图所用几何（例如规划范围而非建成区）。',
    en: 'The documented figure is shorter than even our nearest-edge distance: the plan’s central urban areas are larger than the geometries used here (e.g. planned rather than built-up extent).',
  },
  aboveCores: {
    zh: '文件数字比中心到中心距离还长：它可能是道路距离，或量自其他参考点。',
    en: 'The documented figure is longer than core to core: it may be a road distance or measured from other reference points.',
  },
  pointsShorter: {
    zh: '两者都是点，文件数字更短：它不是这两点之间的距离，很可能量自规划中心城区内相向扩展的参考点。',
    en: 'Both are points and the documented figure is shorter: it is not the distance between these two points, most likely it measures between reference points of the planned central urban areas, which grow towards each other.',
  },
  pointsLonger: {
    zh: '两者都是点，文件数字更长：它可能是道路距离，或量自其他参考点。',
    en: 'Both are points and the documented figure is longer: it may be a road distance or measured from other reference points.',
  },
  'short.matchesCores': { zh: '与中心距离一致', en: 'matches core to core' },
  'short.betweenEdgesAndCores': { zh: '介于边界距离与中心距离之间', en: 'between nearest edges and core to core' },
  'short.belowEdges': { zh: '短于最近边界距离', en: 'shorter than nearest edges' },
  'short.aboveCores': { zh: '长于中心距离', en: 'longer than core to core' },
  neijiangCentre: { zh: '内江中心城区', en: 'Neijiang centre' },
  zigongCentre: { zh: '自贡中心城区', en: 'Zigong centre' },
  lineLabel: { zh: '{km}（文件：{doc} 公里）', en: '{km} (documented: {doc} km)' },
  pinTitle: { zh: '{doc} 公里核对', en: '{doc} km check' },
} satisfies Messages;
