// Messages of import: coordinate-system detection (made in the import worker as { key, vars }).
import type { Messages } from '../catalog.ts';

export const io = {
  'crs.prjNames': { zh: '.prj 文件指明坐标系为 {name}。', en: 'The .prj file names {name}.' },
  'crs.prjCustom': {
    zh: '.prj 文件定义了“{name}”，不是内置的中国坐标系；由 proj4 转换。',
    en: 'The .prj file defines "{name}", which is not one of the Chinese systems built in; proj4 converts it.',
  },
  'crs.prjUnreadable': { zh: '.prj 文件无法读取。', en: 'The .prj file could not be read.' },
  'crs.noCoords': { zh: '没有可判断的坐标。', en: 'No coordinates to look at.' },
  'crs.degChina': {
    zh: '坐标为中国范围内的经纬度。仅凭数字无法区分 WGS84、CGCS2000、GCJ-02（高德）与 BD-09（百度），已按 WGS84 处理；如数据来自高德或百度地图，请选择 GCJ-02 或 BD-09。',
    en: 'Coordinates are longitude/latitude in China. Numbers alone cannot tell WGS84, CGCS2000, GCJ-02 (Gaode/AMap) or BD-09 (Baidu) apart; assumed WGS84. Choose GCJ-02 or BD-09 if the data came from those maps.',
  },
  'crs.degChinaSwapped': {
    zh: '坐标像是按 [纬度, 经度] 顺序书写的中国经纬度；已交换为 [经度, 纬度] 并按 WGS84 处理。',
    en: 'Coordinates look like latitude/longitude in China written in [lat, lon] order; swapped to [lon, lat] and assumed WGS84.',
  },
  'crs.degWorld': { zh: '坐标为中国以外的经纬度；已按 WGS84 处理。', en: 'Coordinates are longitude/latitude outside China; assumed WGS84.' },
  'crs.gk3': {
    zh: '坐标为带带号 {zone} 的米制坐标（中央经线 {cm}°E），没有 .prj；已按 {name} 处理。如数据为西安 1980 或北京 1954 坐标系，将偏差数十米。',
    en: 'Coordinates are metres with zone prefix {zone} (central meridian {cm}°E) and no .prj; assumed {name}. If the data are Xian 1980 or Beijing 1954 they will be off by tens of metres.',
  },
  'crs.gk6': {
    zh: '坐标为带号 {zone} 的米制坐标，符合 6 度带；已按 {name} 处理。',
    en: 'Coordinates are metres with prefix {zone}, which fits a 6-degree zone; assumed {name}.',
  },
  'crs.gkPlain': {
    zh: '投影坐标（米），没有 .prj 也没有带号：无法从数字判断分带。已按 CGCS2000 3 度带中央经线 105°E（成渝地区）处理；川西请选中央经线 102°E，渝东请选 108°E。',
    en: 'Projected coordinates in metres with no .prj and no zone prefix: the zone cannot be told from the numbers. Assumed CGCS2000 3-degree Gauss-Kruger CM 105°E (Chengdu–Chongqing); choose CM 102°E for western Sichuan or CM 108°E for eastern Chongqing.',
  },
  'crs.swapped': {
    zh: '坐标按测量习惯写作 X = 北坐标、Y = 东坐标，已交换。',
    en: 'Written as X = northing, Y = easting (surveying order); swapped.',
  },
  'crs.mercator': {
    zh: '坐标为中国范围内的 Web 墨卡托米制坐标，没有 .prj；已按 EPSG:3857 处理。',
    en: 'Coordinates are metres in the Web Mercator range for China and there is no .prj; assumed EPSG:3857.',
  },
  'crs.unknown': {
    zh: '坐标既不是经纬度，也不在中国高斯-克吕格或 Web 墨卡托的米制范围内，且没有 .prj：无法判断坐标系。请添加 .prj 或选择坐标系。',
    en: 'Coordinates are neither longitude/latitude nor metres in a Chinese Gauss-Kruger or Web Mercator range, and there is no .prj: the coordinate system cannot be determined. Add the .prj or choose the system.',
  },
  'crs.share': {
    zh: '（抽样点中有 {off} / {total} 个不符合，请检查。）',
    en: '({off} of {total} sampled points do not fit; check them.)',
  },
} as const satisfies Messages;
