// The layer rules of eslint.config.js (docs/layout.md) fire where they should and nowhere else.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The layer-rule messages ESLint gives `code` as if it were the file `path`. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layer rules', { timeout: 30_000 }, () => {
  it.each([
    ['src/lib/plan/x.ts', "import { planColors } from '../../style/theme.ts';\nexport const c = planColors;"],
    ['src/lib/x.ts', "import { app } from '../state/app.svelte.ts';\nexport const a = app;"],
    ['src/lib/story/x.ts', "import { download } from '../../browser/download.ts';\nexport const d = download;"],
    ['src/lib/geo/x.ts', "import maplibregl from 'maplibre-gl';\nexport const m = maplibregl;"],
    ['src/lib/geo/x.ts', "import { Deck } from '@deck.gl/core';\nexport const d = Deck;"],
    ['src/lib/geo/x.ts', "import { untrack } from 'svelte';\nexport const u = untrack;"],
    ['src/lib/geo/x.ts', 'export const w = () => document.body;'],
    ['src/map/x.ts', "import { download } from '../ui/download.ts';\nexport const d = download;"],
    ['src/state/x.ts', "import { MapView } from '../map/mapView.ts';\nexport const m = MapView;"],
    ['src/state/x.ts', "import Legend from '../ui/Legend.svelte';\nexport const l = Legend;"],
  ])('%s: refuses %j', async (path, code) => {
    expect((await layerErrors(path, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['src/lib/plan/x.ts', "import { kernel } from '../geo/kernel.ts';\nexport const k = kernel;"],
    ['src/map/x.ts', "import { planColors } from '../style/theme.ts';\nexport const c = planColors;"],
    ['src/map/x.ts', "import { app } from '../state/app.svelte.ts';\nexport const a = app;"],
    ['src/ui/x.ts', "import { MapView } from '../map/mapView.ts';\nexport const m = MapView;"],
    ['src/state/x.ts', "import { download } from '../browser/download.ts';\nexport const d = download;"],
  ])('%s: allows %j', async (path, code) => {
    expect(await layerErrors(path, code)).toEqual([]);
  });
});
