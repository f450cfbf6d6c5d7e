// Rune effects that keep the map in step with workspace state (runes need a .svelte.ts module).
import { app } from '../state/app.svelte.ts';
import { wsUi } from '../state/workspace.svelte.ts';
import { syncDrawMode, syncEditing, syncLayers, syncSelection } from './workspace.ts';

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
  });
}
