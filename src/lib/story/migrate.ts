// Story files from older versions of the format, brought to the current one (STORY_DATA_VERSION). Kept apart
// from ./validate.ts so the player can migrate the stories kept in this browser without the validator.
import { migrateVersioned } from '../versioned.ts';
import type { Obj } from '../validation.ts';
import { STORY_DATA_VERSION } from './model.ts';
import type { StoryIssue } from './validate.ts';

export type StoryMigration = (story: Obj) => Obj;
/**
 * STORY_MIGRATIONS[n] turns a version-n story into a version-(n+1) story (the walk sets `version`).
 * 1 → 2: compare and growth scenes are new optional fields; a v1 scene means the same in v2.
 * 2 → 3: scene `media` and the story's `publicUrl` are new optional fields; a v2 story means the same in v3.
 */
export const STORY_MIGRATIONS: Readonly<Record<number, StoryMigration>> = {
  1: (story) => ({ ...story }),
  2: (story) => ({ ...story }),
};

/**
 * Bring a story file to `current` (STORY_DATA_VERSION) through `migrations`. Returns the migrated object
 * (not yet validated) or issues when the version is missing, newer than this code, or has no migration.
 */
export function migrateStory(
  raw: unknown,
  file: string,
  migrations: Readonly<Record<number, StoryMigration>> = STORY_MIGRATIONS,
  current: number = STORY_DATA_VERSION,
): { data: Obj | null; issues: StoryIssue[] } {
  const out = migrateVersioned<StoryIssue>(raw, {
    current,
    migrations,
    what: 'story-format',
    shape: '{version, id, title, summary, region, scenes}',
    issue: (field, message, m) => ({ file, scene: '(story)', field, message, msg: m }),
  });
  return 'data' in out ? { data: out.data, issues: [] } : { data: null, issues: out.issues };
}

