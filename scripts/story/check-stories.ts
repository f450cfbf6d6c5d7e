// Validate every data/stories/*.json against the plan elements and the seed texts.
//   npx tsx scripts/story/check-stories.ts     prints `file › scene › field: message`, exits 1 on any
import { formatStoryIssue, loadStory, type StoryIssue } from '../../src/lib/story/validate.ts';
import { loadCatalog, loadFigureData, loadMediaFiles, loadSeeds, loadStoryFiles } from './catalog.ts';

export function checkStories(): { issues: StoryIssue[]; stories: number; scenes: number; seeds: number } {
  const elements = loadCatalog();
  const seedTexts = loadSeeds();
  const figures = loadFigureData();
  const mediaFiles = loadMediaFiles();
  const issues: StoryIssue[] = [];
  let stories = 0;
  let scenes = 0;
  for (const { file, raw, parseError } of loadStoryFiles()) {
    if (parseError) {
      issues.push({ file, scene: '(story)', field: '(json)', message: `not valid JSON: ${parseError}` });
      continue;
    }
    const r = loadStory(raw, file, { elements, seedTexts, figures, mediaFiles });
    issues.push(...r.issues);
    if (r.story) {
      stories++;
      scenes += r.story.scenes.length;
    }
  }
  return { issues, stories, scenes, seeds: Object.keys(seedTexts).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { issues, stories, scenes } = checkStories();
  for (const i of issues) console.error(formatStoryIssue(i));
  if (issues.length) {
    console.error(`${issues.length} problem(s) in data/stories`);
    process.exit(1);
  }
  console.log(`${stories} stories, ${scenes} scenes: valid`);
}
