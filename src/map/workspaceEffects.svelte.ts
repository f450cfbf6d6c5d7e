// Rune effects that keep one map in step with workspace state (runes need a .svelte.ts module).
import { app } from '../state/app.svelte.ts';
import { wsUi } from '../state/workspace.svelte.ts';
import { basemapState } from '../state/basemaps.svelte.ts';
import { sideWorkspace } from '../state/compare.svelte.ts';
import type { MapView } from './mapView.ts';
import type { UserLayersOnMap } from './workspace/layers.ts';
import type { WorkspaceDrawing } from './workspace/drawing.ts';
import { warmDeckPoints } from './workspace/deck.ts';

export function startWorkspaceEffects(view: MapView, layers: UserLayersOnMap, drawing: WorkspaceDrawing): void {
  $effect.root(() => {
    $effect(() => {
      const ws = wsUi.workspace;
      const mode = wsUi.drawMode;
      void basemapState.shown; // a GCJ-02 basemap shifts deck.gl layers
      drawing.syncEditing(ws);
      // in a layer comparison the main map is the left side: only the layer it names
      layers.sync(sideWorkspace(ws, 'a'), app.lang, mode === 'edit' ? wsUi.editingId : null);
    });
    $effect(() => {
      layers.syncSelection(wsUi.workspace, wsUi.drawMode === 'edit' ? null : wsUi.selected);
    });
    $effect(() => {
      void drawing.syncMode(wsUi.drawMode);
    });
    $effect(() => {
      // The workspace is where big files arrive: prepare deck.gl's point program while the user picks one.
      if (app.panel !== 'workspace') return;
      const idle = (globalThis as { requestIdleCallback?: (fn: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      if (idle) idle(() => void warmDeckPoints(view), { timeout: 2000 });
      else setTimeout(() => void warmDeckPoints(view), 500);
    });
  });
}
