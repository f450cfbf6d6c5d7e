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
} as const satisfies Messages;
