// The minimal valid story (tests/fixtures/story/minimal.json) and the plan elements it names, shared by the
// validator's and the media's tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementInfo } from '../../../src/lib/story/validate.ts';

export const FILE = 'data/stories/minimal.json';

/** A fresh copy each call: the cases mutate it into bad shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON shapes
export const fixture = (): Record<string, any> => JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/story/minimal.json'), 'utf8'));

export const elements = new Map<string, ElementInfo>([
  ['cluster-a', { region: 'neijiang-zigong', kind: 'urbanCluster', geometry: 'polygon' }],
  ['cluster-b', { region: 'neijiang-zigong', kind: 'urbanCluster', geometry: 'polygon' }],
  ['axis-ab', { region: 'neijiang-zigong', kind: 'corridor', geometry: 'line' }],
  ['hub-c', { region: 'neijiang-zigong', kind: 'hub', geometry: 'point' }],
  ['belt-d', { region: 'chengdu-metro', kind: 'industrialBelt', geometry: 'polygon' }],
]);
