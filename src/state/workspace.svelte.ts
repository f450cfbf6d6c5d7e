// Workspace state for the UI: the one undo/redo history, autosave to IndexedDB, import jobs with their
// reports (detected CRS/encoding, overrides), drawing mode and the selected user feature.
import { download } from '../browser/download.ts';
import type { Geometry } from 'geojson';
import { SvelteMap } from 'svelte/reactivity';
import { History } from '../lib/workspace/history.ts';
import { mergeOp, OpError, replaceOp, type Op } from '../lib/workspace/ops.ts';
import {
  emptyDrawingLayer,
  emptyWorkspace,
  isDrawingLayer,
  layerToGeoJson,
  layersFromImportAsync,
  newDrawingProperties,
  randomId,
  type DrawingProperties,
  type UserLayer,
  type Workspace,
  type WorkspaceFeature,
} from '../lib/workspace/model.ts';
import { readFailure, readWorkspaceFile } from '../lib/workspace/read.ts';
import { exportWorkspaceFile } from '../lib/workspace/serialise.ts';
import { WorkspaceStore, createAutosaver, requestPersistentStorage, storeError, type AutosaveStatus, type Autosaver, type StoreError } from '../lib/workspace/store.ts';
import type { ImportMessage, ImportOptions, ImportResult, ImportedLayer } from '../lib/io/types.ts';
import { msg as ioMsg, renderIo, showIo } from '../lib/io/messages.ts';
import { groupFiles } from '../lib/io/fileGroups.ts';
import { exportLayer, type ExportFormat } from '../lib/io/formats/index.ts';
import { bundleFiles, exportBaseName } from '../lib/io/output.ts';
import { runImport, type RunningImport } from './importClient.ts';
import { app, setPanel } from './app.svelte.ts';
import { t, tm } from '../lib/i18n/catalog.ts';
import { setTemplate } from './print.svelte.ts';
import type { PrintTemplate } from '../lib/print/content.ts';

export type DrawMode = 'idle' | 'point' | 'linestring' | 'polygon' | 'edit';

export interface ImportJobView {
  id: string;
  file: string;
  fraction: number;
  stage: string;
  cancel: () => void;
}

export interface LayerReport {
  layerId: string | null;
  name: string;
  features: number;
  crs: ImportedLayer['crs'];
  encoding: ImportedLayer['encoding'];
  zipNames?: ImportedLayer['zipNames'];
  alignment?: ImportedLayer['alignment'];
  warnings: ImportMessage[];
  rejected: number;
}

export interface ImportReport {
  id: string;
  file: string;
  ok: boolean;
  errors: ImportMessage[];
  layers: LayerReport[];
  options: ImportOptions;
  /** A CRS choice can fix this failure (no CRS could be detected). */
  crsFixable: boolean;
}

export interface Message {
  id: string;
  level: 'error' | 'warning' | 'info';
  text: string;
}

/** Kept aside so an override can re-run the import (the worker receives a transferred copy). */
const importBytes = new SvelteMap<string, { name: string; bytes: ArrayBuffer; parts?: { name: string; bytes: ArrayBuffer }[] }>();
const MAX_KEPT_BYTES = 64 * 1024 * 1024;

class WorkspaceUi {
  workspace = $state.raw<Workspace>(emptyWorkspace('ws-initial', '', new Date(0).toISOString()));
  ready = $state(false);
  canUndo = $state(false);
  canRedo = $state(false);
  undoLabel = $state<string | undefined>(undefined);
  redoLabel = $state<string | undefined>(undefined);
  save = $state<AutosaveStatus>({ state: 'idle' });
  /** Storage problem (quota, private mode, conflict); the workspace still works in memory. */
  storeError = $state<StoreError | null>(null);
  /** a workspace file opened over existing work, waiting for "merge or replace?" */
  pendingOpen = $state<{ name: string; workspace: Workspace } | null>(null);
  loadProblems = $state<StoreError[]>([]);
  jobs = $state<ImportJobView[]>([]);
  reports = $state<ImportReport[]>([]);
  messages = $state<Message[]>([]);
  selected = $state<{ layerId: string; featureId: string } | null>(null);
  drawMode = $state<DrawMode>('idle');
  /** Live length/area (m, m²) of the shape being drawn or edited. */
  live = $state<{ length: number; area: number } | null>(null);
  busy = $state<string | null>(null);
  /** The feature being reshaped in terra-draw (hidden from its layer meanwhile). */
  editingId = $state<string | null>(null);
}

export const wsUi = new WorkspaceUi();

const now = () => new Date().toISOString();
export const history = new History(wsUi.workspace, { now });
let store: WorkspaceStore | null = null;
let autosaver: Autosaver | null = null;

function refresh(ws: Workspace): void {
  wsUi.workspace = ws;
  wsUi.canUndo = history.canUndo;
  wsUi.canRedo = history.canRedo;
  wsUi.undoLabel = history.undoLabel;
  wsUi.redoLabel = history.redoLabel;
  // A selection that an undo removed is dropped.
  const sel = wsUi.selected;
  if (sel && !findFeature(ws, sel.layerId, sel.featureId)) wsUi.selected = null;
}
history.subscribe(refresh);

// The print template travels with the workspace (v2): a loaded, opened or undone template becomes the
// dialog's; a sheet made records its template (recordPrintTemplate).
let printSeen: string | null = null;
history.subscribe((ws) => {
  const key = ws.print ? JSON.stringify(ws.print) : null;
  if (key === printSeen) return;
  printSeen = key;
  if (ws.print) setTemplate(ws.print);
});

/** A sheet was made with this template: keep it in the workspace (one undo entry when it changed). */
export function recordPrintTemplate(template: PrintTemplate): void {
  const key = JSON.stringify(template);
  if (key === JSON.stringify(history.state.print)) return;
  printSeen = key;
  apply({ type: 'setPrintTemplate', template: { ...template } }, { label: t('print.templateKept', app.lang) });
}

export function say(level: Message['level'], text: string): void {
  wsUi.messages = [...wsUi.messages.slice(-29), { id: randomId('msg'), level, text }];
}

export function clearMessages(): void {
  wsUi.messages = [];
}

let initStarted = false;

/** Opens the store, restores the last save and starts autosaving. Safe to call more than once. */
export async function initWorkspace(): Promise<void> {
  if (initStarted) return;
  initStarted = true;
  const fresh = () => emptyWorkspace(randomId('ws'), t('workspace.defaultName', app.lang), now());
  const opened = await WorkspaceStore.open({
    onClosed: (e) => {
      wsUi.storeError = e;
      store = null;
    },
  });
  if (!opened.ok) {
    wsUi.storeError = opened.error;
    history.reset(fresh());
  } else {
    store = opened.store;
    const loaded = await store.load();
    wsUi.loadProblems = loaded.problems;
    history.reset(loaded.workspace ?? fresh());
    autosaver = createAutosaver((ws) => (store ? store.save(ws) : Promise.resolve({ ok: false, error: storeError('unavailable') })), {
      onStatus: (s) => {
        wsUi.save = s;
        wsUi.storeError = s.state === 'error' ? s.error : null;
      },
    });
    history.subscribe((ws) => autosaver?.schedule(ws));
    const flush = () => void autosaver?.flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
  }
  wsUi.ready = true;
}

/** Writes pending changes now (tests, before opening another workspace). */
export async function flushSave(): Promise<AutosaveStatus | null> {
  return autosaver ? autosaver.flush() : null;
}

/** Applies one change through the history; a change that cannot apply is reported and changes nothing. */
export function apply(op: Op, options: { label?: string; coalesceKey?: string } = {}): boolean {
  try {
    history.apply(op, options);
    return true;
  } catch (e) {
    if (e instanceof OpError) {
      say('error', e.message);
      return false;
    }
    throw e;
  }
}

export function undo(): void {
  history.undo();
}
export function redo(): void {
  history.redo();
}

// ---------------------------------------------------------------------------------------------------------
// Lookups

export function findLayer(ws: Workspace, layerId: string): UserLayer | undefined {
  return ws.layers.find((l) => l.id === layerId);
}

export function findFeature(ws: Workspace, layerId: string, featureId: string): WorkspaceFeature | undefined {
  return findLayer(ws, layerId)?.features.find((f) => f.id === featureId);
}

export function selectFeature(layerId: string | null, featureId?: string): void {
  wsUi.selected = layerId && featureId ? { layerId, featureId } : null;
}

/** Every user feature in the shape analysis takes: id, name, geometry, where it came from. */
export function analysisCandidates(): { id: string; layerId: string; name: string; geometry: Geometry; accuracy: string }[] {
  const out: { id: string; layerId: string; name: string; geometry: Geometry; accuracy: string }[] = [];
  for (const l of wsUi.workspace.layers) {
    if (!l.visible) continue;
    for (const f of l.features) {
      const p = f.properties as Record<string, unknown>;
      const drawn = isDrawingLayer(l) ? (p as unknown as DrawingProperties) : null;
      const name = drawn ? drawn.name[app.lang] || drawn.name.zh || drawn.name.en : String(p[l.style.labelField ?? ''] ?? p.name ?? p.名称 ?? f.id);
      // a layer an analysis made keeps the accuracy it was made with
      const accuracy = drawn?.accuracy ?? (l.source.kind === 'analysis' ? `analysis:${l.source.accuracy}` : 'imported');
      out.push({ id: f.id, layerId: l.id, name: `${l.name} › ${name}`, geometry: f.geometry, accuracy });
    }
  }
  return out;
}

/** Adds a layer an analysis made (buffer, counts, a saved result): one undo entry, selected, announced. */
export function addAnalysisLayer(layer: UserLayer): boolean {
  if (!apply({ type: 'addLayer', layer }, { label: layer.name })) return false;
  say('info', t('ops.saved', app.lang, { name: layer.name }));
  return true;
}

/** The style slot the next new layer takes (distinct colours in order). */
export function nextLayerStyleIndex(): number {
  return history.state.layers.length;
}

// ---------------------------------------------------------------------------------------------------------
// Import

const WORKSPACE_FILE = /\.tongcheng\.json$/i;

function layerReports(result: ImportResult, layerIds: (string | null)[]): LayerReport[] {
  return result.layers.map((l, i) => ({
    layerId: layerIds[i] ?? null,
    name: l.name,
    features: l.features.length,
    crs: l.crs,
    encoding: l.encoding,
    zipNames: l.zipNames,
    alignment: l.alignment,
    warnings: l.warnings,
    rejected: l.rejected.length,
  }));
}

async function runOne(name: string, bytes: ArrayBuffer, options: ImportOptions, parts: { name: string; bytes: ArrayBuffer }[] = []): Promise<ImportResult | null> {
  const id = randomId('job');
  let job: RunningImport | null = null;
  const view: ImportJobView = { id, file: name, fraction: 0, stage: 'sending', cancel: () => job?.cancel() };
  wsUi.jobs = [...wsUi.jobs, view];
  const update = (fraction: number, stage: string) => {
    wsUi.jobs = wsUi.jobs.map((j) => (j.id === id ? { ...j, fraction, stage } : j));
  };
  try {
    job = runImport(name, bytes, options, update, parts);
    return await job.promise;
  } catch (e) {
    return { layers: [], errors: [{ file: name, code: 'worker', message: (e as Error).message, msg: ioMsg('io.err.worker', { file: name }) }] };
  } finally {
    wsUi.jobs = wsUi.jobs.filter((j) => j.id !== id);
  }
}

/** Imports files (drop or picker). Workspace files are opened instead. Each file is one undo entry. */
export async function importFiles(files: { name: string; bytes: ArrayBuffer }[]): Promise<void> {
  // A Shapefile's parts picked together (.shp .shx .dbf .prj .cpg) are one import, matched by base name.
  const { groups, orphans } = groupFiles(files);
  for (const o of orphans) {
    const m = ioMsg('io.shp.partsWithoutShp', { base: o.base, files: o.files.map((f) => f.name).join(', ') });
    say('error', renderIo(m, app.lang));
  }
  for (const { main: f, parts } of groups) {
    if (WORKSPACE_FILE.test(f.name)) {
      openWorkspaceBytes(f.name, new Uint8Array(f.bytes));
      continue;
    }
    const reportId = randomId('import');
    const size = f.bytes.byteLength + parts.reduce((n, p) => n + p.bytes.byteLength, 0);
    if (size <= MAX_KEPT_BYTES) importBytes.set(reportId, { name: f.name, bytes: f.bytes.slice(0), parts: parts.map((p) => ({ name: p.name, bytes: p.bytes.slice(0) })) });
    const result = await runOne(f.name, f.bytes, {}, parts);
    await finishImport(reportId, f.name, result, {}, null);
  }
}

async function finishImport(reportId: string, name: string, result: ImportResult | null, options: ImportOptions, replacing: string[] | null): Promise<void> {
  if (!result) {
    say('info', `${name}: ${t('workspace.cancelled', app.lang)}`);
    return;
  }
  let layerIds: (string | null)[] = [];
  let ok = false;
  if (result.errors.length === 0 && result.layers.length > 0) {
    const layers = await layersFromImportAsync(result, randomId, history.state.layers.length);
    // Read the workspace after the conversion: the user may have changed it meanwhile.
    const ws = history.state;
    // Re-import: the new layers take the old ones' place, in one undo entry.
    const existing = (replacing ?? []).filter((id) => findLayer(ws, id));
    const at = existing.length ? ws.layers.findIndex((l) => l.id === existing[0]) : ws.layers.length;
    if (existing.length) {
      layers.forEach((l, i) => (l.style = findLayer(ws, existing[Math.min(i, existing.length - 1)])!.style));
    }
    const ops: Op[] = [
      ...existing.map((layerId): Op => ({ type: 'removeLayer', layerId })),
      ...layers.map((layer, k): Op => ({ type: 'addLayer', layer, index: Math.min(at, ws.layers.length - existing.length) + k })),
    ];
    ok = apply({ type: 'batch', ops }, { label: `${t('workspace.imported', app.lang)} ${name}` });
    if (ok) {
      layerIds = layers.map((l) => l.id);
      void requestPersistentStorage();
      wsUi.selected = null;
    }
  } else {
    say('error', `${result.errors.map((e) => showIo(e, app.lang)).join(' ')} ${result.layers.length ? t('workspace.failedNothingChanged', app.lang) : ''}`.trim());
  }
  const report: ImportReport = {
    id: reportId,
    file: name,
    ok,
    errors: result.errors,
    layers: layerReports(result, layerIds),
    options,
    crsFixable: result.errors.some((e) => e.code === 'crs-unknown'),
  };
  wsUi.reports = [report, ...wsUi.reports.filter((r) => r.id !== reportId)].slice(0, 8);
  if (!importBytes.has(reportId)) return;
  if (!ok && !report.crsFixable) importBytes.delete(reportId);
}

/** Re-runs an import with the user's CRS and/or encoding; the result replaces the layers it made. */
export async function reimport(reportId: string, override: ImportOptions): Promise<void> {
  const kept = importBytes.get(reportId);
  const report = wsUi.reports.find((r) => r.id === reportId);
  if (!kept || !report) return;
  const options = { ...report.options, ...override };
  const result = await runOne(kept.name, kept.bytes.slice(0), options, (kept.parts ?? []).map((p) => ({ name: p.name, bytes: p.bytes.slice(0) })));
  const replacing = report.layers.map((l) => l.layerId).filter((x): x is string => !!x);
  await finishImport(reportId, kept.name, result, options, replacing);
}

export function canReimport(reportId: string): boolean {
  return importBytes.has(reportId);
}

// ---------------------------------------------------------------------------------------------------------
// Workspace files

/**
 * Opens an exported workspace: an empty workspace simply becomes it; otherwise the user is asked whether
 * to merge it in or replace the current work (both one undo entry), see resolveOpen.
 */
export function openWorkspaceBytes(name: string, bytes: Uint8Array): void {
  const read = readWorkspaceFile(name, bytes);
  if (!read.ok) {
    say('error', readFailure(name, read.issues, app.lang));
    return;
  }
  const cur = history.state;
  if (cur.layers.length === 0 && cur.pins.length === 0 && cur.stories.length === 0) {
    history.reset(read.workspace);
    autosaver?.schedule(read.workspace);
    say('info', `${t('workspace.workspaceOpened', app.lang)}: ${read.workspace.name}`);
  } else {
    wsUi.pendingOpen = { name, workspace: read.workspace };
    setPanel('workspace');
  }
}

/** The answer to "merge or replace?" for a workspace file opened over existing work. */
export function resolveOpen(choice: 'merge' | 'replace' | 'cancel'): void {
  const p = wsUi.pendingOpen;
  wsUi.pendingOpen = null;
  if (!p || choice === 'cancel') return;
  const label = `${t('workspace.openWorkspace', app.lang)} ${p.name}`;
  if (choice === 'merge') {
    if (apply(mergeOp(history.state, p.workspace, randomId), { label })) say('info', `${p.name}: ${t('workspace.workspaceMerged', app.lang)}`);
  } else if (apply(replaceOp(history.state, p.workspace), { label })) {
    say('info', `${p.name}: ${t('workspace.workspaceReplaced', app.lang)}`);
  }
}

export function exportWorkspace(): void {
  const { fileName, text } = exportWorkspaceFile(history.state);
  download(fileName, text, 'application/json');
}

export function exportUserLayer(layerId: string, format: ExportFormat, crs: string): string | null {
  const layer = findLayer(history.state, layerId);
  if (!layer) return null;
  try {
    const base = exportBaseName(layer.name, crs);
    const out = exportLayer(layerToGeoJson(layer), format, { name: base, crs: crs === 'EPSG:4326' ? undefined : crs });
    if (out.files.length > 1) {
      const zip = bundleFiles(out.files, base);
      download(zip.name, new Blob([zip.bytes as Uint8Array<ArrayBuffer>], { type: zip.mime }), zip.mime);
    } else for (const file of out.files) download(file.name, file.content, file.mime);
    return out.crsNoteMsg ? tm(out.crsNoteMsg, app.lang) : out.crsNote;
  } catch (e) {
    say('error', `${layer.name}: ${(e as Error).message}`);
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Drawing

/** The drawing layer new shapes go to: the selected one if it is a drawing layer, else the last, else a new one. */
export function addDrawnFeature(geometry: Geometry): string | null {
  const ws = history.state;
  const sel = wsUi.selected && findLayer(ws, wsUi.selected.layerId);
  const target = sel && isDrawingLayer(sel) ? sel : [...ws.layers].reverse().find(isDrawingLayer);
  const count = ws.layers.reduce((n, l) => n + (isDrawingLayer(l) ? l.features.length : 0), 0);
  const kind = geometry.type === 'Point' ? 'hub' : geometry.type === 'LineString' ? 'corridor' : 'urbanCluster';
  const name = `${t('workspace.newFeatureName', 'zh')} ${count + 1}`;
  const feature: WorkspaceFeature = {
    type: 'Feature',
    id: randomId('feature'),
    geometry,
    properties: newDrawingProperties(kind, { zh: name, en: `${t('workspace.newFeatureName', 'en')} ${count + 1}` }),
  };
  const ops: Op[] = [];
  let layerId = target?.id;
  if (!layerId) {
    const layer = emptyDrawingLayer(randomId('layer'), t('workspace.drawingsLayer', app.lang), ws.layers.length);
    ops.push({ type: 'addLayer', layer });
    layerId = layer.id;
  }
  ops.push({ type: 'addFeature', layerId, feature });
  const label = `${t('workspace.drawTitle', app.lang)} ${geometry.type}`;
  if (!apply(ops.length === 1 ? ops[0] : { type: 'batch', ops }, { label })) return null;
  wsUi.selected = { layerId, featureId: feature.id };
  return feature.id;
}

export function updateGeometry(layerId: string, featureId: string, geometry: Geometry): void {
  apply({ type: 'updateFeature', layerId, featureId, geometry }, { label: t('workspace.editGeometry', app.lang) });
}

export function updateDrawingProperties(layerId: string, featureId: string, properties: DrawingProperties, field: string): void {
  apply({ type: 'updateFeature', layerId, featureId, properties }, { label: `${t('workspace.featureTitle', app.lang)}: ${field}`, coalesceKey: `props:${featureId}:${field}` });
}

export function duplicateSelected(): void {
  const sel = wsUi.selected;
  if (!sel) return;
  const newId = randomId('feature');
  if (apply({ type: 'duplicateFeature', layerId: sel.layerId, featureId: sel.featureId, newId }, { label: t('workspace.duplicate', app.lang) }))
    wsUi.selected = { layerId: sel.layerId, featureId: newId };
}

export function deleteSelected(): void {
  const sel = wsUi.selected;
  if (!sel) return;
  if (apply({ type: 'removeFeature', layerId: sel.layerId, featureId: sel.featureId }, { label: t('workspace.deleteFeature', app.lang) })) wsUi.selected = null;
}

// ---------------------------------------------------------------------------------------------------------
// Keyboard: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo, only when focus is not in a text field.

export function isTextTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  return t instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(t.type);
}

let keysInstalled = false;
export function installUndoKeys(): void {
  if (keysInstalled) return;
  keysInstalled = true;
  window.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextTarget(e.target)) return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) {
      e.preventDefault();
      undo();
    } else if ((k === 'z' && e.shiftKey) || k === 'y') {
      e.preventDefault();
      redo();
    }
  });
}

/** True while a drawing tool is active: the app's plain map click should then do nothing. */
export function isWorkspaceToolActive(): boolean {
  return wsUi.drawMode !== 'idle';
}

/** The drawing tool: point, line, polygon, edit (reshape the selected feature) or idle. */
export function setDrawMode(mode: DrawMode): void {
  wsUi.drawMode = mode;
}

/** Pressing a tool's button again leaves it. */
export function toggleDrawMode(mode: DrawMode): void {
  wsUi.drawMode = wsUi.drawMode === mode ? 'idle' : mode;
}

/** Live length/area of the shape being drawn or edited (null: nothing in progress). */
export function setLiveMeasure(live: { length: number; area: number } | null): void {
  wsUi.live = live;
}

/** The feature terra-draw is reshaping (hidden from its layer meanwhile). */
export function setEditingFeature(featureId: string | null): void {
  wsUi.editingId = featureId;
}
