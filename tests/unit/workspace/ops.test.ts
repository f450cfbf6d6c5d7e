import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyDrawingLayer, emptyWorkspace, newDrawingProperties, type Workspace } from '../../../src/lib/workspace/model';
import { applyOp, mergeOp, OpError, replaceOp, type Op } from '../../../src/lib/workspace/ops';
import { validateWorkspace } from '../../../src/lib/workspace/validate';
import { deepFreeze, opSeed, resolveOp, workspace } from './arb';

const clone = <T>(v: T): T => structuredClone(v);

describe('ops: apply then undo is the identity', () => {
  it('holds for every op kind on random workspaces, and never mutates the input', () => {
    fc.assert(
      fc.property(workspace, fc.array(opSeed, { minLength: 1, maxLength: 12 }), (start, seeds) => {
        let ws = start;
        for (const seed of seeds) {
          const op = resolveOp(ws, seed);
          if (!op) continue;
          const before = clone(ws);
          deepFreeze(ws);
          const { next, inverse } = applyOp(ws, op);
          expect(ws).toEqual(before); // frozen, and still equal: nothing was written to the input
          expect(applyOp(next, inverse).next).toEqual(before);
          // Redo: applying the same op again to the undone state gives the same result.
          expect(applyOp(applyOp(next, inverse).next, op).next).toEqual(next);
          // Every result is still a valid workspace (ids unique, geometries well formed).
          expect(validateWorkspace(next, 'w')).toEqual([]);
          ws = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('undoing a whole sequence in reverse returns the start', () => {
    fc.assert(
      fc.property(workspace, fc.array(opSeed, { maxLength: 20 }), (start, seeds) => {
        let ws = start;
        const inverses: Op[] = [];
        for (const seed of seeds) {
          const op = resolveOp(ws, seed);
          if (!op) continue;
          const r = applyOp(ws, op);
          ws = r.next;
          inverses.push(r.inverse);
        }
        for (const inv of inverses.reverse()) ws = applyOp(ws, inv).next;
        expect(ws).toEqual(start);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ops: concrete behaviour', () => {
  const base = (): Workspace => {
    const ws = emptyWorkspace('ws-1', '方案', '2024-01-01T00:00:00Z');
    const layer = emptyDrawingLayer('draw', 'Sketch');
    layer.features = [
      { type: 'Feature', id: 'a', geometry: { type: 'Point', coordinates: [104.06, 30.67] }, properties: newDrawingProperties('hub', { zh: '站', en: 'Station' }) },
      { type: 'Feature', id: 'b', geometry: { type: 'Point', coordinates: [104.1, 30.7] }, properties: newDrawingProperties('town', { zh: '镇', en: 'Town' }) },
    ];
    return { ...ws, layers: [layer] };
  };

  it('removeFeature puts the feature back at its index on undo', () => {
    const ws = base();
    const { next, inverse } = applyOp(ws, { type: 'removeFeature', layerId: 'draw', featureId: 'a' });
    expect(next.layers[0].features.map((f) => f.id)).toEqual(['b']);
    expect(inverse).toEqual({ type: 'addFeature', layerId: 'draw', feature: ws.layers[0].features[0], index: 0 });
    expect(applyOp(next, inverse).next.layers[0].features.map((f) => f.id)).toEqual(['a', 'b']);
  });

  it('duplicateFeature inserts a deep copy after the original, without the source id', () => {
    const ws = base();
    ws.layers[0].features[0].sourceId = 17;
    const { next } = applyOp(ws, { type: 'duplicateFeature', layerId: 'draw', featureId: 'a', newId: 'a2' });
    const [a, a2] = next.layers[0].features;
    expect(a2.id).toBe('a2');
    expect(a2.sourceId).toBeUndefined();
    expect(a2.geometry).toEqual(a.geometry);
    expect(a2.geometry).not.toBe(a.geometry);
    expect(next.layers[0].features.map((f) => f.id)).toEqual(['a', 'a2', 'b']);
  });

  it('setStyle can add and remove colorBy, and undo restores exactly', () => {
    const ws = base();
    const r1 = applyOp(ws, { type: 'setStyle', layerId: 'draw', style: { colorBy: { field: 'status', scheme: 'categorical' }, width: 5 } });
    expect(r1.next.layers[0].style.colorBy).toEqual({ field: 'status', scheme: 'categorical' });
    expect(r1.inverse).toEqual({ type: 'setStyle', layerId: 'draw', style: { colorBy: null, width: 2 } });
    const back = applyOp(r1.next, r1.inverse).next;
    expect('colorBy' in back.layers[0].style).toBe(false);
    expect(back).toEqual(ws);
  });

  it('unchanged layers are shared, not copied', () => {
    const ws = { ...base(), layers: [...base().layers, emptyDrawingLayer('other', 'Other')] };
    const { next } = applyOp(ws, { type: 'renameLayer', layerId: 'draw', name: 'x' });
    expect(next.layers[1]).toBe(ws.layers[1]);
  });

  it.each<[string, Op, RegExp]>([
    ['unknown layer', { type: 'renameLayer', layerId: 'nope', name: 'x' }, /no layer with id "nope"/],
    ['unknown feature', { type: 'removeFeature', layerId: 'draw', featureId: 'zz' }, /no feature with id "zz"/],
    ['duplicate feature id', { type: 'duplicateFeature', layerId: 'draw', featureId: 'a', newId: 'b' }, /feature with id "b" exists/],
    ['duplicate layer id', { type: 'addLayer', layer: emptyDrawingLayer('draw', 'again') }, /layer with id "draw" exists/],
    ['index out of range', { type: 'moveLayer', layerId: 'draw', index: 3 }, /index 3 is outside 0…0/],
    ['no story', { type: 'removeStory', index: 0 }, /outside/],
  ])('refuses %s with an OpError', (_name, op, message) => {
    const ws = deepFreeze(base());
    expect(() => applyOp(ws, op)).toThrow(OpError);
    expect(() => applyOp(ws, op)).toThrow(message);
  });

  it('a batch is all or nothing: a failing step throws and the input is untouched', () => {
    const ws = deepFreeze(base());
    const snapshot = clone(ws);
    const batch: Op = {
      type: 'batch',
      ops: [
        { type: 'renameWorkspace', name: 'changed' },
        { type: 'removeFeature', layerId: 'draw', featureId: 'a' },
        { type: 'removeFeature', layerId: 'draw', featureId: 'a' }, // already gone
      ],
    };
    expect(() => applyOp(ws, batch)).toThrow(/no feature with id "a"/);
    expect(ws).toEqual(snapshot);
  });

  it('mergeOp renames colliding ids so nothing is overwritten, and is one undoable op', () => {
    const into = base();
    const from = base();
    from.pins = [{ id: 'pin-1', type: 'distance', params: { a: 'a' }, result: { km: 3.2 }, createdAt: '2024-01-01T00:00:00Z' }];
    from.stories = [{ title: 'x' }];
    let n = 0;
    const op = mergeOp(into, from, (p) => `${p}-m${++n}`);
    const { next, inverse } = applyOp(into, op);
    expect(next.layers.map((l) => l.id)).toEqual(['draw', 'layer-m1']);
    expect(next.layers[1].features.map((f) => f.id)).toEqual(['feature-m2', 'feature-m3']);
    expect(next.layers[1].features[0].geometry).toEqual(from.layers[0].features[0].geometry);
    expect(next.pins.map((p) => p.id)).toEqual(['pin-1']);
    expect(next.stories).toEqual([{ title: 'x' }]);
    expect(validateWorkspace(next, 'w')).toEqual([]);
    expect(applyOp(next, inverse).next).toEqual(into);
  });

  it('replaceOp makes the workspace the opened one, and one undo brings the old work back', () => {
    fc.assert(
      fc.property(workspace, workspace, (cur, opened) => {
        const { next, inverse } = applyOp(cur, replaceOp(cur, opened));
        expect(next.name).toBe(opened.name);
        expect(next.layers).toEqual(opened.layers);
        expect(next.pins).toEqual(opened.pins);
        expect(next.stories).toEqual(opened.stories);
        expect(applyOp(next, inverse).next).toEqual(cur);
      }),
      { numRuns: 60 },
    );
  });
});
