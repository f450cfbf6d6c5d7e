// Workspace edits as reversible, serialisable operations. `applyOp(ws, op)` returns the next workspace and the
// op that undoes it; the input is never mutated (unchanged layers and features are shared).
import type { Geometry } from 'geojson';
import { countPositions } from '../geo/kernel';
import type { ImportResult } from '../io/types';
import type { PrintTemplate } from '../print/content.ts';
import { layersFromImport, type AnalysisPin, type ColorBy, type IdFn, type JsonValue, type LayerStyle, type UserLayer, type Workspace, type WorkspaceFeature } from './model';

/** A style change; `colorBy: null` removes colouring by a field. */
export type StylePatch = Partial<Omit<LayerStyle, 'colorBy'>> & { colorBy?: ColorBy | null };

export type Op =
  | { type: 'addLayer'; layer: UserLayer; index?: number }
  | { type: 'removeLayer'; layerId: string }
  | { type: 'moveLayer'; layerId: string; index: number }
  | { type: 'renameLayer'; layerId: string; name: string }
  | { type: 'setLayerVisible'; layerId: string; visible: boolean }
  | { type: 'setStyle'; layerId: string; style: StylePatch }
  | { type: 'addFeature'; layerId: string; feature: WorkspaceFeature; index?: number }
  | { type: 'updateFeature'; layerId: string; featureId: string; geometry?: Geometry; properties?: WorkspaceFeature['properties'] }
  | { type: 'removeFeature'; layerId: string; featureId: string }
  | { type: 'duplicateFeature'; layerId: string; featureId: string; newId: string }
  | { type: 'addPin'; pin: AnalysisPin; index?: number }
  | { type: 'removePin'; pinId: string }
  | { type: 'renameWorkspace'; name: string }
  | { type: 'addStory'; story: JsonValue; index?: number }
  | { type: 'updateStory'; index: number; story: JsonValue }
  | { type: 'removeStory'; index: number }
  | { type: 'setPrintTemplate'; template: PrintTemplate | null }
  | { type: 'batch'; ops: Op[] };

export interface Applied {
  next: Workspace;
  inverse: Op;
}

/** An edit that cannot apply (unknown id, duplicate id, index out of range). The workspace is unchanged. */
export class OpError extends Error {
  constructor(readonly op: Op['type'], message: string) {
    super(message);
    this.name = 'OpError';
  }
}

const insertAt = <T>(list: readonly T[], index: number, item: T): T[] => [...list.slice(0, index), item, ...list.slice(index)];
const removeAt = <T>(list: readonly T[], index: number): T[] => [...list.slice(0, index), ...list.slice(index + 1)];
const replaceAt = <T>(list: readonly T[], index: number, item: T): T[] => {
  const out = list.slice();
  out[index] = item;
  return out;
};

function checkIndex(op: Op['type'], index: number | undefined, max: number): number {
  if (index === undefined) return max;
  if (!Number.isInteger(index) || index < 0 || index > max) throw new OpError(op, `index ${index} is outside 0…${max}`);
  return index;
}

function layerIndex(ws: Workspace, op: Op['type'], layerId: string): number {
  const i = ws.layers.findIndex((l) => l.id === layerId);
  if (i < 0) throw new OpError(op, `no layer with id "${layerId}"`);
  return i;
}

function featureIndex(layer: UserLayer, op: Op['type'], featureId: string): number {
  const i = layer.features.findIndex((f) => f.id === featureId);
  if (i < 0) throw new OpError(op, `layer "${layer.name}" has no feature with id "${featureId}"`);
  return i;
}

function featureIdTaken(ws: Workspace, id: string): boolean {
  return ws.layers.some((l) => l.features.some((f) => f.id === id));
}

/** The first of `features` whose id the workspace already uses: one pass over each side, not one per pair. */
function firstTaken(ws: Workspace, features: WorkspaceFeature[]): WorkspaceFeature | undefined {
  if (!ws.layers.some((l) => l.features.length > 0)) return undefined;
  const taken = new Set<string>();
  for (const l of ws.layers) for (const f of l.features) taken.add(f.id);
  return features.find((f) => taken.has(f.id));
}

function withLayer(ws: Workspace, i: number, layer: UserLayer): Workspace {
  return { ...ws, layers: replaceAt(ws.layers, i, layer) };
}

export function applyOp(ws: Workspace, op: Op): Applied {
  switch (op.type) {
    case 'addLayer': {
      if (ws.layers.some((l) => l.id === op.layer.id)) throw new OpError(op.type, `a layer with id "${op.layer.id}" exists`);
      const dup = firstTaken(ws, op.layer.features);
      if (dup) throw new OpError(op.type, `a feature with id "${dup.id}" exists`);
      const index = checkIndex(op.type, op.index, ws.layers.length);
      return { next: { ...ws, layers: insertAt(ws.layers, index, op.layer) }, inverse: { type: 'removeLayer', layerId: op.layer.id } };
    }
    case 'removeLayer': {
      const i = layerIndex(ws, op.type, op.layerId);
      return { next: { ...ws, layers: removeAt(ws.layers, i) }, inverse: { type: 'addLayer', layer: ws.layers[i], index: i } };
    }
    case 'moveLayer': {
      const i = layerIndex(ws, op.type, op.layerId);
      const to = checkIndex(op.type, op.index, ws.layers.length - 1);
      const rest = removeAt(ws.layers, i);
      return { next: { ...ws, layers: insertAt(rest, to, ws.layers[i]) }, inverse: { type: 'moveLayer', layerId: op.layerId, index: i } };
    }
    case 'renameLayer': {
      const i = layerIndex(ws, op.type, op.layerId);
      const old = ws.layers[i];
      return { next: withLayer(ws, i, { ...old, name: op.name }), inverse: { type: 'renameLayer', layerId: op.layerId, name: old.name } };
    }
    case 'setLayerVisible': {
      const i = layerIndex(ws, op.type, op.layerId);
      const old = ws.layers[i];
      return {
        next: withLayer(ws, i, { ...old, visible: op.visible }),
        inverse: { type: 'setLayerVisible', layerId: op.layerId, visible: old.visible },
      };
    }
    case 'setStyle': {
      const i = layerIndex(ws, op.type, op.layerId);
      const old = ws.layers[i];
      const style: LayerStyle = { ...old.style };
      const back: StylePatch = {};
      for (const key of Object.keys(op.style) as (keyof StylePatch)[]) {
        const value = op.style[key];
        if (value === undefined) continue;
        if (key === 'colorBy') {
          back.colorBy = old.style.colorBy ?? null;
          if (value === null) delete style.colorBy;
          else style.colorBy = value as ColorBy;
        } else {
          (back as Record<string, unknown>)[key] = old.style[key];
          (style as unknown as Record<string, unknown>)[key] = value;
        }
      }
      return { next: withLayer(ws, i, { ...old, style }), inverse: { type: 'setStyle', layerId: op.layerId, style: back } };
    }
    case 'addFeature': {
      const i = layerIndex(ws, op.type, op.layerId);
      if (featureIdTaken(ws, op.feature.id)) throw new OpError(op.type, `a feature with id "${op.feature.id}" exists`);
      const layer = ws.layers[i];
      const index = checkIndex(op.type, op.index, layer.features.length);
      return {
        next: withLayer(ws, i, { ...layer, features: insertAt(layer.features, index, op.feature) }),
        inverse: { type: 'removeFeature', layerId: op.layerId, featureId: op.feature.id },
      };
    }
    case 'updateFeature': {
      const i = layerIndex(ws, op.type, op.layerId);
      const layer = ws.layers[i];
      const j = featureIndex(layer, op.type, op.featureId);
      const old = layer.features[j];
      const inverse: Op = { type: 'updateFeature', layerId: op.layerId, featureId: op.featureId };
      const next: WorkspaceFeature = { ...old };
      if (op.geometry !== undefined) {
        inverse.geometry = old.geometry;
        next.geometry = op.geometry;
      }
      if (op.properties !== undefined) {
        inverse.properties = old.properties;
        next.properties = op.properties;
      }
      return { next: withLayer(ws, i, { ...layer, features: replaceAt(layer.features, j, next) }), inverse };
    }
    case 'removeFeature': {
      const i = layerIndex(ws, op.type, op.layerId);
      const layer = ws.layers[i];
      const j = featureIndex(layer, op.type, op.featureId);
      return {
        next: withLayer(ws, i, { ...layer, features: removeAt(layer.features, j) }),
        inverse: { type: 'addFeature', layerId: op.layerId, feature: layer.features[j], index: j },
      };
    }
    case 'duplicateFeature': {
      const i = layerIndex(ws, op.type, op.layerId);
      const layer = ws.layers[i];
      const j = featureIndex(layer, op.type, op.featureId);
      if (featureIdTaken(ws, op.newId)) throw new OpError(op.type, `a feature with id "${op.newId}" exists`);
      // A copy is a new feature: it does not inherit the source file's id.
      const { sourceId: _sourceId, ...rest } = layer.features[j];
      const copy: WorkspaceFeature = { ...structuredClone(rest), id: op.newId };
      return {
        next: withLayer(ws, i, { ...layer, features: insertAt(layer.features, j + 1, copy) }),
        inverse: { type: 'removeFeature', layerId: op.layerId, featureId: op.newId },
      };
    }
    case 'addPin': {
      if (ws.pins.some((p) => p.id === op.pin.id)) throw new OpError(op.type, `a pin with id "${op.pin.id}" exists`);
      const index = checkIndex(op.type, op.index, ws.pins.length);
      return { next: { ...ws, pins: insertAt(ws.pins, index, op.pin) }, inverse: { type: 'removePin', pinId: op.pin.id } };
    }
    case 'removePin': {
      const i = ws.pins.findIndex((p) => p.id === op.pinId);
      if (i < 0) throw new OpError(op.type, `no pin with id "${op.pinId}"`);
      return { next: { ...ws, pins: removeAt(ws.pins, i) }, inverse: { type: 'addPin', pin: ws.pins[i], index: i } };
    }
    case 'renameWorkspace':
      return { next: { ...ws, name: op.name }, inverse: { type: 'renameWorkspace', name: ws.name } };
    case 'addStory': {
      const index = checkIndex(op.type, op.index, ws.stories.length);
      return { next: { ...ws, stories: insertAt(ws.stories, index, op.story) }, inverse: { type: 'removeStory', index } };
    }
    case 'updateStory': {
      const index = checkIndex(op.type, op.index, ws.stories.length - 1);
      return {
        next: { ...ws, stories: replaceAt(ws.stories, index, op.story) },
        inverse: { type: 'updateStory', index, story: ws.stories[index] },
      };
    }
    case 'removeStory': {
      const index = checkIndex(op.type, op.index, ws.stories.length - 1);
      return { next: { ...ws, stories: removeAt(ws.stories, index) }, inverse: { type: 'addStory', story: ws.stories[index], index } };
    }
    case 'setPrintTemplate':
      return { next: { ...ws, print: op.template }, inverse: { type: 'setPrintTemplate', template: ws.print } };
    case 'batch': {
      // All or nothing: a failing step throws before the caller sees any of the batch.
      let state = ws;
      const inverses: Op[] = [];
      for (const step of op.ops) {
        const r = applyOp(state, step);
        state = r.next;
        inverses.push(r.inverse);
      }
      return { next: state, inverse: { type: 'batch', ops: inverses.reverse() } };
    }
  }
}

/** One op adding every layer of an import (one undo entry). */
export function addLayersOp(layers: UserLayer[], index?: number): Op {
  return { type: 'batch', ops: layers.map((layer, k) => ({ type: 'addLayer', layer, index: index === undefined ? undefined : index + k })) };
}

/**
 * Merges another workspace's layers, pins and stories into `into` as one op. Ids that collide are renamed
 * with `makeId`, so nothing in either workspace is overwritten.
 */
export function mergeOp(into: Workspace, from: Workspace, makeId: (prefix: string) => string): Op {
  const layerIds = new Set(into.layers.map((l) => l.id));
  const featureIds = new Set(into.layers.flatMap((l) => l.features.map((f) => f.id)));
  const pinIds = new Set(into.pins.map((p) => p.id));
  const fresh = (taken: Set<string>, id: string, prefix: string) => {
    let out = id;
    while (taken.has(out)) out = makeId(prefix);
    taken.add(out);
    return out;
  };
  const ops: Op[] = [];
  for (const layer of from.layers) {
    const id = fresh(layerIds, layer.id, 'layer');
    const features = layer.features.map((f) => {
      const fid = fresh(featureIds, f.id, 'feature');
      return fid === f.id ? f : { ...f, id: fid };
    });
    ops.push({ type: 'addLayer', layer: { ...layer, id, features } });
  }
  for (const pin of from.pins) {
    const id = fresh(pinIds, pin.id, 'pin');
    ops.push({ type: 'addPin', pin: id === pin.id ? pin : { ...pin, id } });
  }
  for (const story of from.stories) ops.push({ type: 'addStory', story });
  // the open workspace's print template stays; one it lacks comes with the merged file
  if (into.print === null && from.print !== null) ops.push({ type: 'setPrintTemplate', template: from.print });
  return { type: 'batch', ops };
}

/** Replaces everything in `cur` by `next` as one op (so one undo brings the old work back). */
export function replaceOp(cur: Workspace, next: Workspace): Op {
  const ops: Op[] = [
    ...cur.layers.map((l): Op => ({ type: 'removeLayer', layerId: l.id })),
    ...cur.pins.map((p): Op => ({ type: 'removePin', pinId: p.id })),
    // from the end, so each index still points at its story
    ...cur.stories.map((_, i): Op => ({ type: 'removeStory', index: cur.stories.length - 1 - i })),
    { type: 'renameWorkspace', name: next.name },
    ...next.layers.map((layer): Op => ({ type: 'addLayer', layer })),
    ...next.pins.map((pin): Op => ({ type: 'addPin', pin })),
    ...next.stories.map((story): Op => ({ type: 'addStory', story })),
    { type: 'setPrintTemplate', template: next.print },
  ];
  return { type: 'batch', ops };
}

/** Positions an op carries, as a cheap measure of the memory its history entry holds. */
export function opWeight(op: Op): number {
  switch (op.type) {
    case 'addLayer':
      return 1 + op.layer.features.reduce((n, f) => n + 1 + countPositions(f.geometry), 0);
    case 'addFeature':
      return 1 + countPositions(op.feature.geometry);
    case 'updateFeature':
      return 1 + countPositions(op.geometry);
    case 'batch':
      return op.ops.reduce((n, o) => n + opWeight(o), 0);
    default:
      return 1;
  }
}

/**
 * The op that adds a finished import, or null when there is nothing to add (file errors, a cancel, no
 * layers). Building it never touches the workspace, so a failed import leaves it exactly as it was.
 */
export function importOp(result: ImportResult, makeId: IdFn, firstStyleIndex = 0): Op | null {
  if (result.errors.length > 0 || result.layers.length === 0) return null;
  return addLayersOp(layersFromImport(result, makeId, firstStyleIndex));
}
