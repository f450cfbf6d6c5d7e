import { describe, expect, it } from 'vitest';
import { chineseNumeral, linkTask, parseTasks, parseUnits } from '../../../scripts/plan/parse-tasks.ts';
import { validateTasks, type TasksFile } from '../../../src/lib/plan/content.ts';
import { planIds, readJson, seedText } from './helpers.ts';

const seed = seedText('003');
const aliases = readJson<Record<string, string>>('data/content/task-links.json');
const parsed = parseTasks(seed, aliases);
const committed = readJson<TasksFile>('data/content/tasks-003.json');

describe('chineseNumeral', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['二十三', 23],
    ['三十三', 33],
  ])('%s → %i', (s, n) => expect(chineseNumeral(s)).toBe(n));
  it('rejects non-numerals', () => expect(() => chineseNumeral('一a')).toThrow());
});

describe('parseUnits', () => {
  it('splits lead and co-units at the first comma outside brackets and drops the bracketed remark', () => {
    const u = parseUnits('区发展改革局、区工管委(逗号前为牵头单位,下同),区投资促进局、城东新区管委会');
    expect(u.lead).toEqual(['区发展改革局', '区工管委']);
    expect(u.co).toEqual(['区投资促进局', '城东新区管委会']);
    expect(u.andOthers).toBe(false);
  });
  it('treats a line without a comma as all lead units', () => {
    expect(parseUnits('区卫生健康局、区教育和体育局')).toMatchObject({ lead: ['区卫生健康局', '区教育和体育局'], co: [] });
  });
  it('records a trailing 等 without keeping it in the unit name', () => {
    const u = parseUnits('区发展改革局,区农业农村局等');
    expect(u.co).toEqual(['区农业农村局']);
    expect(u.andOthers).toBe(true);
  });
});

describe('seed 003 task list', () => {
  it('finds exactly 86 tasks numbered 1..86 without gaps', () => {
    expect(parsed.tasks.map((t) => t.number)).toEqual(Array.from({ length: 86 }, (_, i) => i + 1));
  });
  it('finds 9 chapters and 33 sections', () => {
    expect(parsed.chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(parsed.sections.map((s) => s.number)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
  });
  it('gives every task at least one lead unit and a text found verbatim in the seed', () => {
    for (const t of parsed.tasks) {
      expect(t.units.lead.length, `task ${t.number}`).toBeGreaterThan(0);
      expect(seed.includes(t.text), `task ${t.number}`).toBe(true);
    }
  });

  // Expected headings read off the seed by hand; the check locates them in the raw text independently.
  const cases: [number, string, string, string][] = [
    [1, '一、优化都市圈发展布局', '(一)促进大中小城市和小城镇协调发展', '(二)构建“两轴”打造“三带”'],
    [10, '一、优化都市圈发展布局', '(三)加快交界地带融合发展', '(四)提升国际门户枢纽能级'],
    [14, '二、加速推进基础设施同城同网', '(五)构建都市圈立体交通体系', '(六)统筹市政设施规划建设'],
    [33, '四、共建现代高端产业集聚区', '(十一)培育高能级制造业生态圈', '(十二)共筑现代服务业高地'],
    [64, '七、推进生态环境共保共治', '(二十三)优化生态空间网络', '(二十四)加强环境污染联防联控联治'],
    [86, '九、规划实施保障措施', '(三十三)统筹推进实施', '主办:'],
  ];
  it.each(cases)('task %i sits under %s %s', (n, chapterHeading, sectionHeading, nextHeading) => {
    const t = parsed.tasks[n - 1];
    const at = seed.indexOf(t.text);
    expect(seed.indexOf(chapterHeading)).toBeGreaterThanOrEqual(0);
    expect(seed.indexOf(sectionHeading)).toBeLessThan(at);
    expect(seed.indexOf(chapterHeading)).toBeLessThan(seed.indexOf(sectionHeading));
    expect(seed.indexOf(nextHeading, seed.indexOf(sectionHeading))).toBeGreaterThan(at);
    const chapter = parsed.chapters.find((c) => c.number === t.chapter)!;
    const section = parsed.sections.find((s) => s.number === t.section)!;
    expect(`${chapter.numeral}、${chapter.title}`).toBe(chapterHeading);
    expect(`${section.numeral}${section.title}`).toBe(sectionHeading);
  });

  it('reads the lead units of task 3 and the co-units of task 43 as printed', () => {
    expect(parsed.tasks[2].units.lead).toEqual(['区发展改革局', '区同城化发展工作局', '区经济科技信息化局', '区工管委']);
    expect(parsed.tasks[42].units.co).toContain('区卫健局');
    expect(parsed.tasks[42].units.lead).toEqual(['区经济科技信息化局']);
  });
});

describe('data/content/tasks-003.json', () => {
  it('is what the parser produces from the seed (rerun scripts/plan/parse-tasks.ts if not)', () => {
    const { file: _file, ...rest } = committed;
    expect(rest).toEqual(parsed);
  });
  it('passes the content validator, links included', () => {
    expect(validateTasks(committed, 'tasks-003.json', planIds())).toEqual([]);
  });
  it('links only to element ids that exist in data/plan/*.json', () => {
    const ids = planIds();
    const missing = committed.tasks.flatMap((t) => t.links.filter((id) => !ids.has(id)).map((id) => `task ${t.number}: ${id}`));
    expect(missing).toEqual([]);
    for (const id of Object.values(aliases)) expect(ids.has(id), id).toBe(true);
  });
  it('links task 14 to the rail lines it names', () => {
    const t14 = committed.tasks[13];
    expect(t14.links).toEqual(linkTask(t14.text, aliases));
    expect(t14.links).toContain('rail-chengzi-yibin-hsr');
  });
});

describe('validateTasks', () => {
  it('reports a gap in the numbering and a task without lead units', () => {
    const bad = structuredClone(committed);
    bad.tasks.splice(4, 1);
    bad.tasks[0].units.lead = [];
    const issues = validateTasks(bad);
    expect(issues.some((i) => i.at === 'tasks[4].number')).toBe(true);
    expect(issues.some((i) => i.at === 'tasks[0].units.lead')).toBe(true);
  });
  it('reports a link to an unknown element', () => {
    const bad = structuredClone(committed);
    bad.tasks[0].links = ['rail-nowhere'];
    expect(validateTasks(bad, 'x', planIds())).toEqual([{ file: 'x', at: 'tasks[0].links', problem: "unknown element id 'rail-nowhere'" }]);
  });
  it('reports a task whose chapter does not match its section', () => {
    const bad = structuredClone(committed);
    bad.tasks[0].chapter = 2;
    expect(validateTasks(bad).map((i) => i.at)).toEqual(['tasks[0].chapter']);
  });
});

describe('linkTask', () => {
  const table = { 东西城市轴线: 'axis-x', 东西城市轴线资阳段: 'road-x', 沱江: 'eco-river', 沱江绿色发展轴: 'corridor-axis' };
  it('ignores an alias found only inside a longer alias', () => {
    expect(linkTask('开工建设东西城市轴线资阳段等', table)).toEqual(['road-x']);
    expect(linkTask('构建沱江绿色发展轴', table)).toEqual(['corridor-axis']);
  });
  it('keeps it when it also occurs on its own, ordered by first occurrence', () => {
    expect(linkTask('构建沱江绿色发展轴,修复沱江流域', table)).toEqual(['corridor-axis', 'eco-river']);
    expect(linkTask('完善东西城市轴线,建设东西城市轴线资阳段', table)).toEqual(['axis-x', 'road-x']);
  });
});
