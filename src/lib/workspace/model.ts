// The user's workspace: imported layers, drawings, styles, analysis pins and stories in progress.
// Pure types, defaults and id helpers; no DOM, no IndexedDB. Serialisation lives in ./schema.ts.
import type { Geometry } from 'geojson';
import type { ImportFormat, ImportResult } from '../io/types';
import type { Accuracy, Kind, LocalizedText, SourceRef, Status } from '../plan/model';
import type { PrintTemplate } from '../print/content.ts';
import { createSlicer } from './slice';
import type { ClassMethod, RampName } from '../table/classify';

/** Bump when the saved shape changes and add a migration in ./schema.ts. */
export const WORKSPACE_VERSION = 2;

/** Marker written into saved and exported files so a stray JSON file is told apart. */
export const WORKSPACE_FORMAT = 'tongcheng-workspace';
export const WORKSPACE_FILE_EXTENSION = '.tongcheng.json';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ImportLayerSource {
  kind: 'import';
  /** File name the layer came from. */
  file: string;
  format: ImportFormat;
  /** CRS id the importer converted from ('EPSG:4544', 'GCJ-02', …); null when unknown. */
  crs: string | null;
  /** Text encoding the importer used ('gbk', 'utf-8'); null for formats without text tables. */
  encoding: string | null;
}

export interface DrawingLayerSource {
  kind: 'drawing';
}

/** Operations that make a layer from analysis (src/lib/analysis/layers.ts). */
export const ANALYSIS_OPS = ['buffer', 'pointsInPolygons', 'overlap', 'catchment', 'jurisdiction', 'clip', 'intersect', 'difference', 'dissolve', 'union', 'join'] as const;
export type AnalysisOp = (typeof ANALYSIS_OPS)[number];

/** A layer an analysis made: what made it, in words, and the least accurate input's accuracy. */
export interface AnalysisLayerSource {
  kind: 'analysis';
  op: AnalysisOp;
  /** e.g. "buffer 3 km of 成都东站 (located)" */
  provenance: LocalizedText;
  accuracy: Accuracy;
}

export type LayerSource = ImportLayerSource | DrawingLayerSource | AnalysisLayerSource;

/** A source a user can cite for a drawn element: a plan/gazetteer/web reference, or their own note. */
export type DrawingSourceRef = SourceRef | { type: 'user'; text: string; coordinates?: boolean };

export interface DrawingYears {
  opened?: number;
  started?: number;
  target?: number;
}

/** Properties of a drawn feature: the plan-element fields a user can fill in. */
export interface DrawingProperties {
  kind: Kind;
  name: LocalizedText;
  status: Status;
  years: DrawingYears;
  sources: DrawingSourceRef[];
  /** Drawings are 'schematic' unless a cited source supplied the coordinates. */
  accuracy: Accuracy;
  note?: LocalizedText;
}

/** Imported features keep their attributes as read (text, numbers, booleans, null, nested JSON). */
export type ImportedProperties = Record<string, JsonValue>;

export interface WorkspaceFeature<P = DrawingProperties | ImportedProperties> {
  type: 'Feature';
  /** Unique within the workspace; ops address features by it. */
  id: string;
  /** The id the feature had in the imported file, restored on export. */
  sourceId?: string | number;
  geometry: Geometry;
  properties: P;
}

export interface ColorBy {
  field: string;
  scheme: 'categorical' | 'sequential' | 'classed';
  /** classed choropleth (src/lib/table/classify.ts): how the breaks are found, how many classes, which ramp */
  method?: ClassMethod;
  classes?: number;
  ramp?: RampName;
}

export interface LayerStyle {
  /** Stroke / point colour, '#rrggbb'. */
  color: string;
  /** Stroke width in CSS pixels. */
  width: number;
  /** Polygon fill colour '#rrggbb', or null for outlines only. */
  fill: string | null;
  /** 0…1, applied to fills and strokes. */
  opacity: number;
  /** Property shown as a label, or null for none. */
  labelField: string | null;
  colorBy?: ColorBy;
}

export interface UserLayer {
  id: string;
  name: string;
  source: LayerSource;
  features: WorkspaceFeature[];
  style: LayerStyle;
  visible: boolean;
}

export interface AnalysisPin {
  id: string;
  /** Analysis kind, e.g. 'distance', 'overlap', 'buffer', 'stats'. */
  type: string;
  params: JsonValue;
  /** A short summary of the result (numbers, ids), not the full geometry. */
  result: JsonValue;
  /** ISO 8601. */
  createdAt: string;
}

export interface Workspace {
  version: typeof WORKSPACE_VERSION;
  id: string;
  name: string;
  /** ISO 8601; set when the workspace changes. */
  updatedAt: string;
  layers: UserLayer[];
  pins: AnalysisPin[];
  /** Stories in progress; opaque here, validated by the story model. Must be JSON. */
  stories: JsonValue[];
  /** The print template of the last sheet made with this workspace (v2); null before any. */
  print: PrintTemplate | null;
}

export const DEFAULT_STYLE: LayerStyle = {
  color: '#d9480f',
  width: 2,
  fill: '#d9480f',
  opacity: 0.6,
  labelField: null,
};

/** Distinct default colours for new layers (colour-blind-safe Okabe–Ito order). */
export const LAYER_PALETTE = ['#d55e00', '#0072b2', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7a5c00', '#000000'];

export type IdFn = (prefix: string) => string;

/** Random ids; tests pass a counter instead. */
export const randomId: IdFn = (prefix) => `${prefix}-${globalThis.crypto.randomUUID()}`;

/** A deterministic id source: 'layer-1', 'layer-2', … per prefix. */
export function counterIds(): IdFn {
  const next = new Map<string, number>();
  return (prefix) => {
    const n = (next.get(prefix) ?? 0) + 1;
    next.set(prefix, n);
    return `${prefix}-${n}`;
  };
}

export function emptyWorkspace(id: string, name: string, now: string): Workspace {
  return { version: WORKSPACE_VERSION, id, name, updatedAt: now, layers: [], pins: [], stories: [], print: null };
}

export function styleForIndex(i: number): LayerStyle {
  const c = LAYER_PALETTE[i % LAYER_PALETTE.length];
  return { ...DEFAULT_STYLE, color: c, fill: c };
}

export function emptyDrawingLayer(id: string, name: string, styleIndex = 0): UserLayer {
  return { id, name, source: { kind: 'drawing' }, features: [], style: styleForIndex(styleIndex), visible: true };
}

export function isDrawingLayer(layer: UserLayer): layer is UserLayer & { features: WorkspaceFeature<DrawingProperties>[] } {
  return layer.source.kind === 'drawing';
}

/** Properties for a new drawn feature: schematic until the user cites a source with coordinates. */
export function newDrawingProperties(kind: Kind, name: LocalizedText): DrawingProperties {
  return { kind, name, status: 'proposed', years: {}, sources: [], accuracy: 'schematic' };
}

/**
 * Turns a successful import into workspace layers. Pure: the caller adds them with one `addLayers` op, so a
 * failed or cancelled import (no layers, or errors) never touches the workspace.
 */
export function layersFromImport(result: ImportResult, makeId: IdFn, firstStyleIndex = 0): UserLayer[] {
  return result.layers.map((l, i) => {
    const layer = importedLayerShell(l, makeId('layer'), firstStyleIndex + i);
    layer.features = l.features.map((f, j) => toWorkspaceFeature(f, layer.id, j));
    return layer;
  });
}

/**
 * The same layers as `layersFromImport`, converted in time slices with `pause()` between them, so a
 * million-feature import never holds the UI thread in one long task.
 */
export async function layersFromImportAsync(result: ImportResult, makeId: IdFn, firstStyleIndex: number, pause?: () => Promise<void>): Promise<UserLayer[]> {
  const slicer = createSlicer(pause);
  const out: UserLayer[] = [];
  for (const [i, l] of result.layers.entries()) {
    const layer = importedLayerShell(l, makeId('layer'), firstStyleIndex + i);
    const features: WorkspaceFeature[] = new Array(l.features.length);
    for (let j = 0; j < l.features.length; j++) {
      if (slicer.due()) await slicer.pause();
      features[j] = toWorkspaceFeature(l.features[j], layer.id, j);
    }
    layer.features = features;
    out.push(layer);
  }
  return out;
}

function importedLayerShell(l: ImportResult['layers'][number], layerId: string, styleIndex: number): UserLayer {
  return {
    id: layerId,
    name: l.name,
    source: { kind: 'import', file: l.file, format: l.format, crs: l.crs.used, encoding: l.encoding?.used ?? null },
    features: [],
    style: { ...importedStyleForIndex(styleIndex), labelField: l.labelField ?? null },
    visible: true,
  };
}

/**
 * Imported layers: colours outside the plan palette (src/style/theme.ts: no orange, red, purple, blue or green
 * a plan element uses), outlines first, light fill (fill 0.2, line 0.7 after the map's opacity rules).
 */
export const IMPORT_PALETTE = ['#d6008f', '#00a3b4', '#7cb518', '#8a6d00', '#5c5c8a', '#ff5ca8'];
export function importedStyleForIndex(i: number): LayerStyle {
  const c = IMPORT_PALETTE[i % IMPORT_PALETTE.length];
  return { ...DEFAULT_STYLE, color: c, fill: c, opacity: 0.4 };
}

function toWorkspaceFeature(f: ImportResult['layers'][number]['features'][number], layerId: string, j: number): WorkspaceFeature {
  const wf: WorkspaceFeature = { type: 'Feature', id: `${layerId}-f${j}`, geometry: f.geometry, properties: (f.properties ?? {}) as ImportedProperties };
  if (f.id !== undefined) wf.sourceId = f.id;
  return wf;
}

/** GeoJSON features for export: imported features get their original ids back. */
export function layerToGeoJson(layer: UserLayer): { type: 'Feature'; id?: string | number; geometry: Geometry; properties: Record<string, unknown> }[] {
  return layer.features.map((f) => ({
    type: 'Feature',
    id: layer.source.kind === 'import' ? f.sourceId : f.id,
    geometry: f.geometry,
    properties: f.properties as unknown as Record<string, unknown>,
  }));
}
