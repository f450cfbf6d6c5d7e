// Workspace wiring on the map: user layers (workspace/layers.ts, styled by workspace/style.ts, deck.gl
// above a feature budget by workspace/deck.ts), drawing (workspace/drawing.ts), clicks on user features,
// and file drops anywhere.
import type { MapView } from './mapView.ts';
import { app, setPanel } from '../state/app.svelte.ts';
import { history, importFiles, initWorkspace, installUndoKeys, selectFeature, wsUi, flushSave } from '../state/workspace.svelte.ts';
import { startWorkspaceEffects } from './workspaceEffects.svelte.ts';
import { UserLayersOnMap } from './workspace/layers.ts';
import { WorkspaceDrawing } from './workspace/drawing.ts';
import { attachCursor } from './workspace/cursor.ts';
import { deckPointsWarm } from './workspace/deck.ts';
import { droppedFiles, pickedFiles } from '../browser/droppedFiles.ts';
import { attachTable } from './table.svelte.ts';

function installDrop(): void {
  const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
  });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e) || e.defaultPrevented) return;
    e.preventDefault();
    void dropFiles(e.dataTransfer!);
  });
}

/** Reads dropped or picked files and imports them; opens the workspace panel so the result shows. */
export async function dropFiles(dt: DataTransfer | FileList): Promise<void> {
  const files = 'items' in dt ? await droppedFiles(dt) : pickedFiles(dt);
  if (!files.length) return;
  if (app.panel !== 'workspace') {
    setPanel('workspace');
  }
  const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  await importFiles(read);
}

declare global {
  interface Window {
    /** Handle for browser tests; not an API. */
    __atlasWorkspace?: { history: typeof history; ui: typeof wsUi; flush: typeof flushSave; rendered: () => string[]; deckWarm: () => boolean };
  }
}

export function attachWorkspace(mapView: MapView): void {
  const layers = new UserLayersOnMap(mapView);
  const drawing = new WorkspaceDrawing(mapView);
  attachCursor(mapView);
  installUndoKeys();
  installDrop();
  mapView.on('click', (e) => {
    if (wsUi.drawMode !== 'idle') return;
    const hit = layers.featureAt(e.point);
    if (hit) {
      selectFeature(hit.layerId, hit.featureId);
      if (app.panel !== 'workspace') {
        setPanel('workspace');
      }
    }
  });
  startWorkspaceEffects(mapView, layers, drawing);
  attachTable(mapView);
  window.__atlasWorkspace = { history, ui: wsUi, flush: flushSave, rendered: () => layers.summary(), deckWarm: () => deckPointsWarm(mapView) };
  void initWorkspace();
}
