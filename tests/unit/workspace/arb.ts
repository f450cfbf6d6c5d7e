// fast-check generators for workspaces and for ops resolved against a current workspace.
import fc from 'fast-check';
import type { Geometry, Position } from 'geojson';
import { KINDS, STATUSES } from '../../../src/lib/plan/model';
import type { DrawingProperties, JsonValue, LayerStyle, UserLayer, Workspace, WorkspaceFeature } from '../../../src/lib/workspace/model';
import type { Op, StylePatch } from '../../../src/lib/workspace/ops';

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

export const position = fc.tuple(fc.double({ min: 97, max: 110, noNaN: true }), fc.double({ min: 26, max: 34, noNaN: true })) as fc.Arbitrary<Position>;

export const geometry: fc.Arbitrary<Geometry> = fc.oneof(
  position.map((p) => ({ type: 'Point', coordinates: p }) as Geometry),
  fc.array(position, { minLength: 2, maxLength: 5 }).map((c) => ({ type: 'LineString', coordinates: c }) as Geometry),
  fc.array(position, { minLength: 3, maxLength: 5 }).map((c) => ({ type: 'Polygon', coordinates: [[...c, c[0]]] }) as Geometry),
);

const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !UNSAFE.has(k));
const scalar: fc.Arbitrary<JsonValue> = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
export const json: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(key, tie('v'), { maxKeys: 3 }),
  ),
})).v;

export const importedProps = fc.dictionary(key, scalar, { maxKeys: 4 });

export const drawingProps: fc.Arbitrary<DrawingProperties> = fc.record({
  kind: fc.constantFrom(...KINDS),
  name: fc.record({ zh: fc.string({ maxLength: 6 }), en: fc.string({ maxLength: 6 }) }),
  status: fc.constantFrom(...STATUSES),
  years: fc.record({ target: fc.integer({ min: 2000, max: 2050 }) }, { requiredKeys: [] }),
  sources: fc.constant([]),
  accuracy: fc.constant('schematic' as const),
});

const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => '#' + n.toString(16).padStart(6, '0'));
export const style: fc.Arbitrary<LayerStyle> = fc.record(
  {
    color: hex,
    width: fc.integer({ min: 0, max: 20 }),
    fill: fc.option(hex, { nil: null }),
    opacity: fc.double({ min: 0, max: 1, noNaN: true }),
    labelField: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
    colorBy: fc.record({ field: fc.constantFrom('status', 'kind', '名称'), scheme: fc.constantFrom('categorical' as const, 'sequential' as const) }),
  },
  { requiredKeys: ['color', 'width', 'fill', 'opacity', 'labelField'] },
);

export const stylePatch: fc.Arbitrary<StylePatch> = fc.record(
  {
    color: hex,
    width: fc.integer({ min: 0, max: 20 }),
    fill: fc.option(hex, { nil: null }),
    opacity: fc.double({ min: 0, max: 1, noNaN: true }),
    labelField: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
    colorBy: fc.option(fc.record({ field: fc.constantFrom('status', 'kind', '名称'), scheme: fc.constantFrom('categorical' as const, 'sequential' as const) }), { nil: null }),
  },
  { requiredKeys: [] },
);

const layerShape = fc.record({
  name: fc.string({ maxLength: 8 }),
  drawing: fc.boolean(),
  geoms: fc.array(geometry, { maxLength: 4 }),
  drawingProps: fc.array(drawingProps, { minLength: 4, maxLength: 4 }),
  importedProps: fc.array(importedProps, { minLength: 4, maxLength: 4 }),
  sourceIds: fc.array(fc.option(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { nil: undefined }), { minLength: 4, maxLength: 4 }),
  style,
  visible: fc.boolean(),
});

type LayerShape = typeof layerShape extends fc.Arbitrary<infer T> ? T : never;

export function buildLayer(s: LayerShape, id: string): UserLayer {
  return {
    id,
    name: s.name,
    source: s.drawing ? { kind: 'drawing' } : { kind: 'import', file: `${id}.geojson`, format: 'geojson', crs: 'EPSG:4326', encoding: 'utf-8' },
    style: s.style,
    visible: s.visible,
    features: s.geoms.map((g, i) => {
      const f: WorkspaceFeature = { type: 'Feature', id: `${id}-f${i}`, geometry: g, properties: s.drawing ? s.drawingProps[i] : s.importedProps[i] };
      if (!s.drawing && s.sourceIds[i] !== undefined) f.sourceId = s.sourceIds[i];
      return f;
    }),
  };
}

export const workspace: fc.Arbitrary<Workspace> = fc
  .record({
    name: fc.string({ maxLength: 10 }),
    layers: fc.array(layerShape, { maxLength: 4 }),
    pins: fc.array(fc.record({ type: fc.constantFrom('distance', 'overlap', 'buffer'), params: json, result: json }), { maxLength: 3 }),
    stories: fc.array(json, { maxLength: 3 }),
    print: fc.option(
      fc.record({
        paper: fc.constantFrom('A4', 'A3', 'A2', 'A1', 'A0'),
        orientation: fc.constantFrom('landscape', 'portrait'),
        scale: fc.constantFrom(0, 10_000, 250_000),
        dpi: fc.constantFrom(150, 200, 300),
        title: fc.string({ maxLength: 20 }),
        subtitle: fc.string({ maxLength: 20 }),
        reviewNo: fc.string({ maxLength: 10 }),
        office: fc.string({ maxLength: 10 }),
        grid: fc.boolean(),
      }),
      { nil: null },
    ),
  })
  .map(({ name, layers, pins, stories, print }) => ({
    version: 2 as const,
    id: 'ws-test',
    name,
    updatedAt: '2024-06-10T06:13:20.000Z',
    layers: layers.map((l, i) => buildLayer(l, `layer-${i}`)),
    pins: pins.map((p, i) => ({ id: `pin-${i}`, ...p, createdAt: '2024-06-10T06:00:00.000Z' })),
    stories,
    print,
  }));

/** A random recipe that becomes a concrete op against whatever workspace it meets. */
export const opSeed = fc.record({
  kind: fc.constantFrom(
    'addLayer', 'removeLayer', 'moveLayer', 'renameLayer', 'setLayerVisible', 'setStyle', 'addFeature', 'updateFeature',
    'removeFeature', 'duplicateFeature', 'addPin', 'removePin', 'renameWorkspace', 'addStory', 'updateStory', 'removeStory', 'batch',
  ),
  a: fc.nat(),
  b: fc.nat(),
  name: fc.string({ maxLength: 6 }),
  geometry,
  props: drawingProps,
  style: stylePatch,
  layer: layerShape,
  story: json,
  geomOnly: fc.boolean(),
});
export type OpSeed = typeof opSeed extends fc.Arbitrary<infer T> ? T : never;

let fresh = 0;
/** Resolves a seed against ws; null when it does not apply (e.g. no layers to remove). */
export function resolveOp(ws: Workspace, s: OpSeed): Op | null {
  const layer = ws.layers.length ? ws.layers[s.a % ws.layers.length] : undefined;
  const feature = layer?.features.length ? layer.features[s.b % layer.features.length] : undefined;
  const uid = () => `new-${++fresh}`;
  switch (s.kind) {
    case 'addLayer':
      return { type: 'addLayer', layer: buildLayer(s.layer, uid()), index: s.b % (ws.layers.length + 1) };
    case 'removeLayer':
      return layer ? { type: 'removeLayer', layerId: layer.id } : null;
    case 'moveLayer':
      return layer ? { type: 'moveLayer', layerId: layer.id, index: s.b % ws.layers.length } : null;
    case 'renameLayer':
      return layer ? { type: 'renameLayer', layerId: layer.id, name: s.name } : null;
    case 'setLayerVisible':
      return layer ? { type: 'setLayerVisible', layerId: layer.id, visible: s.b % 2 === 0 } : null;
    case 'setStyle':
      return layer ? { type: 'setStyle', layerId: layer.id, style: s.style } : null;
    case 'addFeature':
      return layer
        ? { type: 'addFeature', layerId: layer.id, feature: { type: 'Feature', id: uid(), geometry: s.geometry, properties: s.props }, index: s.b % (layer.features.length + 1) }
        : null;
    case 'updateFeature':
      if (!layer || !feature) return null;
      return s.geomOnly
        ? { type: 'updateFeature', layerId: layer.id, featureId: feature.id, geometry: s.geometry }
        : { type: 'updateFeature', layerId: layer.id, featureId: feature.id, geometry: s.geometry, properties: s.props };
    case 'removeFeature':
      return layer && feature ? { type: 'removeFeature', layerId: layer.id, featureId: feature.id } : null;
    case 'duplicateFeature':
      return layer && feature ? { type: 'duplicateFeature', layerId: layer.id, featureId: feature.id, newId: uid() } : null;
    case 'addPin':
      return { type: 'addPin', pin: { id: uid(), type: 'distance', params: s.story, result: null, createdAt: '2024-01-01T00:00:00Z' }, index: s.b % (ws.pins.length + 1) };
    case 'removePin':
      return ws.pins.length ? { type: 'removePin', pinId: ws.pins[s.a % ws.pins.length].id } : null;
    case 'renameWorkspace':
      return { type: 'renameWorkspace', name: s.name };
    case 'addStory':
      return { type: 'addStory', story: s.story, index: s.b % (ws.stories.length + 1) };
    case 'updateStory':
      return ws.stories.length ? { type: 'updateStory', index: s.a % ws.stories.length, story: s.story } : null;
    case 'removeStory':
      return ws.stories.length ? { type: 'removeStory', index: s.a % ws.stories.length } : null;
    case 'batch': {
      // Rename then restyle then add a feature: a small composite edit.
      const ops: Op[] = [{ type: 'renameWorkspace', name: s.name }];
      if (layer) ops.push({ type: 'setStyle', layerId: layer.id, style: s.style });
      if (layer) ops.push({ type: 'addFeature', layerId: layer.id, feature: { type: 'Feature', id: uid(), geometry: s.geometry, properties: s.props } });
      return { type: 'batch', ops };
    }
  }
  return null;
}

export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
