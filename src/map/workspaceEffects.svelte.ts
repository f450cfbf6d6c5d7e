// Rune effects that keep the map in step with workspace state (runes need a .svelte.ts module).
import { app } from '../state/app.svelte.ts';
import { wsUi } from '../state/workspace.svelte.ts';
import { syncDrawMode, syncEditing, syncLayers, syncSelection, warmDeckPoints } from './workspace.ts';

export function startWorkspaceEffects(): void {
  $effect.root(() => {
    $effect(() => {
      const ws = wsUi.workspace;
      const mode = wsUi.drawMode;
      syncEditing(ws);
      syncLayers(ws, app.lang, mode === 'edit' ? wsUi.editingId : null);
    });
    $effect(() => {
      syncSelection(wsUi.workspace, wsUi.drawMode === 'edit' ? null : wsUi.selected);
    });
    $effect(() => {
      void syncDrawMode(wsUi.drawMode);
    });
    $effect(() => {
      // The workspace is where big files arrive: prepare deck.gl's point program while the user picks one.
      if (app.panel !== 'workspace') return;
      const idle = (globalThis as { requestIdleCallback?: (fn: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      if (idle) idle(() => void warmDeckPoints(), { timeout: 2000 });
      else setTimeout(() => void warmDeckPoints(), 500);
    });
  });
}
