// Writing a workspace: canonical text (saved records in IndexedDB and exported `.tongcheng.json` files use the
// same text), the same text in time-sliced parts, and the exported file's name.
import { createSlicer } from './slice';
import { WORKSPACE_FILE_EXTENSION, WORKSPACE_FORMAT, type Workspace } from './model';

/** Canonical text of a workspace: fixed key order, compact. Equal workspaces give identical text. */
export function serializeWorkspace(ws: Workspace): string {
  return JSON.stringify({
    format: WORKSPACE_FORMAT,
    version: ws.version,
    id: ws.id,
    name: ws.name,
    updatedAt: ws.updatedAt,
    layers: ws.layers.map((l) => ({
      id: l.id,
      name: l.name,
      source: l.source,
      style: l.style,
      visible: l.visible,
      features: l.features,
    })),
    pins: ws.pins,
    stories: ws.stories,
    print: ws.print,
  });
}


/**
 * The text of `serializeWorkspace(ws)` as parts (their concatenation is identical), stringified `chunk`
 * features at a time in time slices with `pause()` between them, so saving a million-feature layer never
 * holds the UI thread in one long task.
 */
export async function serializeWorkspaceParts(ws: Workspace, pause?: () => Promise<void>, chunk = 500): Promise<string[]> {
  const slicer = createSlicer(pause, 10, 1);
  const head = JSON.stringify({ format: WORKSPACE_FORMAT, version: ws.version, id: ws.id, name: ws.name, updatedAt: ws.updatedAt });
  const parts: string[] = [`${head.slice(0, -1)},"layers":[`];
  for (const [i, l] of ws.layers.entries()) {
    const shell = JSON.stringify({ id: l.id, name: l.name, source: l.source, style: l.style, visible: l.visible, features: [] });
    // shell ends with `[]}`: open the array, add the features, close both.
    parts.push(`${i ? ',' : ''}${shell.slice(0, -2)}`);
    for (let k = 0; k < l.features.length; k += chunk) {
      const slice = JSON.stringify(l.features.slice(k, k + chunk));
      parts.push(`${k ? ',' : ''}${slice.slice(1, -1)}`);
      if (slicer.due()) await slicer.pause();
    }
    parts.push(']}');
  }
  parts.push(`],"pins":${JSON.stringify(ws.pins)},"stories":${JSON.stringify(ws.stories)},"print":${JSON.stringify(ws.print)}}`);
  return parts;
}

/** File name for an exported workspace: its name made safe for every file system. */
export function workspaceFileName(ws: Workspace): string {
  const base = ws.name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 80) || 'workspace';
  return base + WORKSPACE_FILE_EXTENSION;
}

export function exportWorkspaceFile(ws: Workspace): { fileName: string; text: string; bytes: Uint8Array } {
  const text = serializeWorkspace(ws);
  return { fileName: workspaceFileName(ws), text, bytes: new TextEncoder().encode(text) };
}
