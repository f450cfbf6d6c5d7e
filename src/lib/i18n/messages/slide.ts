// Text a projected slide shows besides the story's own words: the scene legend, the documents' real titles
// for the sources line (never the project's internal seed numbers), section wording in English.
import type { Messages } from '../catalog.ts';

export const slide = {
  legend: { zh: '图例', en: 'Legend' },
  highlighted: { zh: '重点', en: 'Highlighted' },
  sourcesLine: { zh: '出处：{list}', en: 'Sources: {list}' },
  sectionSeparator: { zh: '，', en: ' · ' },
  // a Chinese slide keeps the document's own numbering ("四(二)"); these render it in words
  'section.partPara': { zh: '第{part}部分第{para}条', en: 'section {part}({para})' },
  'section.partPoint': { zh: '{part}、{point}是', en: 'part {part}, point {point}' },
  'section.withTask': { zh: '{section} 任务{task}', en: '{section}, task {task}' },
  'section.furtherReading': { zh: '延伸阅读', en: 'further reading' },
  'section.resultsSoFar': { zh: '既有成效', en: 'results so far' },
  'section.background': { zh: '编制背景', en: 'background' },
  // the five source documents by their real titles (data/sources/README.md)
  'doc.000': { zh: '达州市自然资源和规划局《关于市五届人大七次会议第193号建议办理情况(B)的函》', en: 'Dazhou Natural Resources and Planning Bureau, reply to deputies’ proposal No. 193 (2025)' },
  'doc.001': { zh: '《在实践中丰富跨界创新和制度供给 成都都市圈100项探索实践案例发布》', en: 'Release of the Chengdu metropolitan area’s 100 practice cases (2024)' },
  'doc.002': { zh: '四川日报《推进体制机制创新为全国都市圈制度建设提供先行示范》', en: 'Sichuan Daily, “Institutional innovation as a pilot for China’s metropolitan areas” (2022)' },
  'doc.003': { zh: '《资阳市雁江区贯彻落实〈成都都市圈发展规划〉重点任务责任分工方案》', en: 'Yanjiang District (Ziyang) task assignments for the Chengdu Metropolitan Area Development Plan (2022)' },
  'doc.004': { zh: '《内江自贡同城化发展总体方案》', en: 'Master plan for Neijiang–Zigong integration (2021)' },
} as const satisfies Messages;
