// Seed-003 task content, loaded on first need (it is not part of the first map frame).
import type { PlanTask, TaskSection } from '../lib/plan/content.ts';
import { unitsIndex, type UnitEntry } from '../lib/plan/describe.ts';

export interface TaskContent {
  tasks: PlanTask[];
  sections: TaskSection[];
  aliases: Record<string, string>;
  units: Map<string, UnitEntry>;
}

let loading: Promise<TaskContent> | null = null;

export function loadTaskContent(): Promise<TaskContent> {
  loading ??= Promise.all([import('../../data/content/tasks-003.json'), import('../../data/content/task-links.json')]).then(
    ([t, l]) => {
      const data = t.default as unknown as { tasks: PlanTask[]; sections: TaskSection[] };
      return { tasks: data.tasks, sections: data.sections, aliases: l.default as Record<string, string>, units: unitsIndex(data.tasks) };
    },
  );
  return loading;
}
