// Parses seed 003 (雁江区 task-division plan) into data/content/tasks-003.json: 9 chapters,
// 33 sections, 86 numbered tasks with lead and co-operating units, plus links to plan elements
// found through the authored alias table data/content/task-links.json.
// Usage: npx tsx scripts/plan/parse-tasks.ts [seedsDir]   (default data/sources/seeds)
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONTENT_DATA_VERSION,
  type PlanTask,
  type ResponsibleUnits,
  type TaskChapter,
  type TaskSection,
  type TasksFile,
} from '../../src/lib/plan/content.ts';

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十 → 10, 十三 → 13, 二十 → 20, 三十三 → 33 */
export function chineseNumeral(s: string): number {
  if (!/^[一二三四五六七八九十]+$/.test(s)) throw new Error(`not a Chinese numeral: ${s}`);
  const ten = s.indexOf('十');
  if (ten < 0) return DIGITS[s] ?? NaN;
  const tens = ten === 0 ? 1 : DIGITS[s.slice(0, ten)];
  const ones = ten === s.length - 1 ? 0 : DIGITS[s.slice(ten + 1)];
  return tens * 10 + ones;
}

/** Splits a 责任单位 line: units before the first comma outside brackets lead, the rest co-operate. */
export function parseUnits(raw: string): ResponsibleUnits {
  let depth = 0;
  let cut = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '(' || c === '（') depth++;
    else if (c === ')' || c === '）') depth = Math.max(0, depth - 1);
    else if ((c === ',' || c === '，') && depth === 0) {
      cut = i;
      break;
    }
  }
  // Bracketed remarks such as (逗号前为牵头单位,下同) are notes, not units.
  const strip = (s: string) => s.replace(/[(（][^)）]*[)）]/g, '');
  const head = strip(cut < 0 ? raw : raw.slice(0, cut));
  const tail = cut < 0 ? '' : strip(raw.slice(cut + 1));
  let andOthers = false;
  const split = (s: string) =>
    s
      .split(/[、,，]/)
      .map((u) => u.trim())
      .filter((u) => u.length > 0)
      .map((u) => {
        if (u.endsWith('等') && u.length > 1) {
          andOthers = true;
          return u.slice(0, -1);
        }
        return u;
      });
  const lead = split(head);
  const co = split(tail);
  return { raw, lead, co, andOthers };
}

/**
 * Element ids whose alias occurs in `text`, in order of first occurrence (ties by id). An occurrence
 * inside a longer alias's occurrence does not count: 东西城市轴线资阳段 names the road, not the axis.
 */
export function linkTask(text: string, aliases: Record<string, string>): string[] {
  const hits: { at: number; end: number; id: string }[] = [];
  for (const [alias, id] of Object.entries(aliases)) {
    if (!alias) continue;
    for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) hits.push({ at, end: at + alias.length, id });
  }
  const kept = hits.filter((h) => !hits.some((o) => o !== h && o.at <= h.at && o.end >= h.end && o.end - o.at > h.end - h.at));
  const firstAt = new Map<string, number>();
  for (const h of kept) if (!firstAt.has(h.id) || h.at < (firstAt.get(h.id) as number)) firstAt.set(h.id, h.at);
  return [...firstAt.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}

const CHAPTER_RE = /^([一二三四五六七八九十]+)、(.+)$/;
const SECTION_RE = /^[(（]([一二三四五六七八九十]+)[)）](.+)$/;
const TASK_RE = /^(\d{1,3})\.?(?=\D)(.+)$/;
const UNITS_RE = /^责任单位[:：](.*)$/;

export function parseTasks(text: string, aliases: Record<string, string> = {}): Omit<TasksFile, 'file'> {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/[\u00a0\u3000]/g, ' ').trim());
  const chapters: TaskChapter[] = [];
  const sections: TaskSection[] = [];
  const tasks: PlanTask[] = [];
  let title = '';
  let issued = '';
  let open: { number: number; parts: string[] } | null = null;
  let started = false;

  for (const line of lines) {
    if (!title) {
      const m = /^(.+)重点任务责任分工方案$/.exec(line);
      if (m && line.startsWith('资阳市雁江区贯彻落实')) title = line;
    }
    if (!issued) {
      const m = /发布时间[:：](\d{4}-\d{2}-\d{2})/.exec(line);
      if (m) issued = m[1];
    }
    if (!line) continue;
    const ch = CHAPTER_RE.exec(line);
    if (ch && (started || ch[1] === '一')) {
      started = true;
      chapters.push({ number: chineseNumeral(ch[1]), numeral: ch[1], title: ch[2].trim() });
      continue;
    }
    if (!started) continue;
    const sec = SECTION_RE.exec(line);
    if (sec) {
      const chapter = chapters[chapters.length - 1];
      sections.push({ number: chineseNumeral(sec[1]), numeral: `(${sec[1]})`, title: sec[2].trim(), chapter: chapter.number });
      continue;
    }
    const units = UNITS_RE.exec(line);
    if (units) {
      if (!open) throw new Error(`责任单位 line without a task: ${line}`);
      const body = open.parts.join('');
      tasks.push({
        number: open.number,
        chapter: chapters[chapters.length - 1].number,
        section: sections[sections.length - 1].number,
        text: body,
        units: parseUnits(units[1].trim()),
        links: linkTask(body, aliases),
      });
      open = null;
      continue;
    }
    const task = TASK_RE.exec(line);
    if (task && !open && sections.length > 0) {
      open = { number: Number(task[1]), parts: [task[2].trim()] };
      continue;
    }
    if (open) open.parts.push(line); // a task paragraph broken over lines
    // anything else after the last task (site footer) is ignored
  }
  if (open) throw new Error(`task ${open.number} has no 责任单位 line`);
  return { version: CONTENT_DATA_VERSION, seed: '003', title, issued, chapters, sections, tasks };
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const seedsDir = resolve(root, process.argv[2] ?? 'data/sources/seeds');
  const file = readdirSync(seedsDir).find((f) => /^003_.*\.txt$/.test(f));
  if (!file) throw new Error(`no 003_*.txt in ${seedsDir}`);
  const aliases = JSON.parse(readFileSync(join(root, 'data/content/task-links.json'), 'utf8')) as Record<string, string>;
  const parsed = parseTasks(readFileSync(join(seedsDir, file), 'utf8'), aliases);
  const out: TasksFile = { ...parsed, file };
  const ordered = { version: out.version, seed: out.seed, file: out.file, title: out.title, issued: out.issued, chapters: out.chapters, sections: out.sections, tasks: out.tasks };
  const target = join(root, 'data/content/tasks-003.json');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(ordered, null, 2) + '\n');
  const linked = out.tasks.filter((t) => t.links.length > 0).length;
  console.log(`tasks-003.json: ${out.tasks.length} tasks, ${out.sections.length} sections, ${out.chapters.length} chapters, ${linked} tasks linked`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
