// The install/later split of the service worker's precache (scripts/pwa/split.ts), on a small chunk graph.
import { describe, expect, it } from 'vitest';
import { precachePlan, splitChunks, type ChunkInfo } from '../../../scripts/pwa/split.ts';

const chunk = (fileName: string, moduleIds: string[], imports: string[] = [], dynamicImports: string[] = [], isEntry = false): ChunkInfo => ({
  fileName,
  isEntry,
  imports,
  dynamicImports,
  moduleIds,
});

const graph: ChunkInfo[] = [
  chunk('index.js', ['/app/src/main.ts'], ['maplibre.js'], ['StoryPanel.js', 'PrintPanel.js', 'AnalysisPanel.js'], true),
  chunk('maplibre.js', ['/app/node_modules/maplibre-gl/dist/maplibre-gl.js']),
  chunk('StoryPanel.js', ['/app/src/ui/story/StoryPanel.svelte'], ['shared.js']),
  chunk('PrintPanel.js', ['/app/src/ui/print/PrintPanel.svelte'], ['shared.js'], ['print.js']),
  chunk('print.js', ['/app/src/map/print.ts'], [], ['fontkit.js']),
  chunk('fontkit.js', ['/app/node_modules/@pdf-lib/fontkit/dist/fontkit.es.js']),
  chunk('AnalysisPanel.js', ['/app/src/ui/analysis/AnalysisPanel.svelte'], [], ['AnalysisTools.js']),
  chunk('AnalysisTools.js', ['/app/src/ui/analysis/AnalysisTools.svelte'], ['shared.js']),
  chunk('shared.js', ['/app/src/lib/plan/model.ts', '\0rolldown/runtime']),
];

describe('precache split', () => {
  it('keeps what an entry reaches without opening a tool; print, PDF and the analysis tools wait', () => {
    const { first, later } = splitChunks(graph);
    expect([...first].sort()).toEqual(['AnalysisPanel.js', 'StoryPanel.js', 'index.js', 'maplibre.js', 'shared.js']);
    expect([...later].sort()).toEqual(['AnalysisTools.js', 'PrintPanel.js', 'fontkit.js', 'print.js']);
  });

  it('a chunk a first chunk imports statically is first even when a tool also uses it', () => {
    // shared.js is imported by PrintPanel (later) and StoryPanel (first)
    expect(splitChunks(graph).first.has('shared.js')).toBe(true);
  });

  it('the tools’ workers wait, MapLibre’s does not; library-only chunks are named for the font scan', () => {
    const plan = precachePlan(graph, ['assets/import.worker-Ab12Cd34.js', 'assets/analysis.worker-Xy_9-zzz.js', 'assets/maplibre-gl-worker-Q1w2E3r4.mjs', 'data/places.json']);
    expect(plan.later).toContain('assets/import.worker-Ab12Cd34.js');
    expect(plan.later).toContain('assets/analysis.worker-Xy_9-zzz.js');
    expect(plan.later).not.toContain('assets/maplibre-gl-worker-Q1w2E3r4.mjs');
    expect(plan.libraryOnly).toEqual(['fontkit.js', 'maplibre.js']);
  });
});
