import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { History, squash } from '../../../src/lib/workspace/history';
import { emptyDrawingLayer, emptyWorkspace, newDrawingProperties, type Workspace } from '../../../src/lib/workspace/model';
import { OpError, type Op } from '../../../src/lib/workspace/ops';
import { opSeed, resolveOp, workspace, type OpSeed } from './arb';

type Action = { t: 'apply'; seed: OpSeed } | { t: 'undo' } | { t: 'redo' };
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: opSeed.map((seed) => ({ t: 'apply' as const, seed })) },
  { weight: 1, arbitrary: fc.constant({ t: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'redo' as const }) },
);

describe('history: undo/redo agree with a list-of-snapshots model', () => {
  it('for random sequences of apply, undo and redo', () => {
    fc.assert(
      fc.property(workspace, fc.array(action, { maxLength: 30 }), (start, actions) => {
        const h = new History(start, { maxEntries: 1000 });
        // Reference: every state kept; a cursor moves back and forth; a new edit cuts the future off.
        let states: Workspace[] = [start];
        let cursor = 0;
        for (const a of actions) {
          if (a.t === 'apply') {
            const op = resolveOp(h.state, a.seed);
            if (!op) continue;
            h.apply(op);
            states = [...states.slice(0, cursor + 1), structuredClone(h.state)];
            cursor++;
          } else if (a.t === 'undo') {
            expect(h.undo()).toBe(cursor > 0);
            if (cursor > 0) cursor--;
          } else {
            expect(h.redo()).toBe(cursor < states.length - 1);
            if (cursor < states.length - 1) cursor++;
          }
          expect(h.state).toEqual(states[cursor]);
          expect(h.canUndo).toBe(cursor > 0);
          expect(h.canRedo).toBe(cursor < states.length - 1);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('history: grouping, coalescing, limits', () => {
  const withPoint = (): Workspace => {
    const layer = emptyDrawingLayer('draw', 'Sketch');
    layer.features = [{ type: 'Feature', id: 'p', geometry: { type: 'Point', coordinates: [104, 30] }, properties: newDrawingProperties('hub', { zh: '站', en: 'Station' }) }];
    return { ...emptyWorkspace('ws', 'w', '2024-01-01T00:00:00Z'), layers: [layer] };
  };
  const move = (x: number): Op => ({ type: 'updateFeature', layerId: 'draw', featureId: 'p', geometry: { type: 'Point', coordinates: [104 + x / 100, 30] } });

  it('a drag of 50 moves is one entry holding one update each way', () => {
    const start = withPoint();
    const h = new History(start);
    h.beginGroup('Move point');
    for (let i = 1; i <= 50; i++) h.apply(move(i));
    expect(h.state.layers[0].features[0].geometry).toEqual({ type: 'Point', coordinates: [104.5, 30] }); // live while dragging
    h.endGroup();
    expect(h.entries).toHaveLength(1);
    expect(h.entries[0].label).toBe('Move point');
    expect(h.entries[0].forward).toEqual(move(50));
    expect(h.entries[0].inverse).toEqual({ type: 'updateFeature', layerId: 'draw', featureId: 'p', geometry: { type: 'Point', coordinates: [104, 30] } });
    h.undo();
    expect(h.state).toEqual(start);
    h.redo();
    expect(h.state.layers[0].features[0].geometry).toEqual({ type: 'Point', coordinates: [104.5, 30] });
  });

  it('cancelGroup (Esc during a drag) returns the very same workspace object and records nothing', () => {
    const start = withPoint();
    const h = new History(start);
    h.beginGroup('Move');
    h.apply(move(1));
    h.apply(move(2));
    h.cancelGroup();
    expect(h.state).toBe(start);
    expect(h.canUndo).toBe(false);
  });

  it('a failing op inside a group leaves the group and the state as they were', () => {
    const h = new History(withPoint());
    h.beginGroup('Edit');
    h.apply(move(1));
    const mid = h.state;
    expect(() => h.apply({ type: 'removeFeature', layerId: 'draw', featureId: 'missing' })).toThrow(OpError);
    expect(h.state).toBe(mid);
    h.endGroup();
    expect(h.entries).toHaveLength(1);
  });

  it('coalesces consecutive edits with the same key (typing a name) into one entry', () => {
    const start = withPoint();
    const h = new History(start);
    for (const name of ['S', 'Sk', 'Ske', 'Sketch 2']) h.apply({ type: 'renameLayer', layerId: 'draw', name }, { coalesceKey: 'rename:draw', label: 'Rename layer' });
    h.apply({ type: 'setLayerVisible', layerId: 'draw', visible: false });
    expect(h.entries.map((e) => e.label)).toEqual(['Rename layer', 'setLayerVisible']);
    h.undo();
    h.undo();
    expect(h.state).toEqual(start);
    // After an undo the same key starts a new entry instead of merging into an old one.
    h.redo();
    h.apply({ type: 'renameLayer', layerId: 'draw', name: 'Other' }, { coalesceKey: 'rename:draw' });
    expect(h.entries).toHaveLength(2);
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const start = withPoint();
    const h = new History(start, { maxEntries: 3 });
    const states: Workspace[] = [start];
    for (let i = 1; i <= 5; i++) states.push(h.apply(move(i)));
    let undone = 0;
    while (h.undo()) undone++;
    expect(undone).toBe(3);
    expect(h.state).toEqual(states[2]);
  });

  it('drops old entries past the weight budget but always keeps the newest', () => {
    const h = new History(withPoint(), { maxWeight: 100 });
    h.apply(move(1));
    const big = emptyDrawingLayer('big', 'Big');
    big.features = [{ type: 'Feature', id: 'line', geometry: { type: 'LineString', coordinates: Array.from({ length: 500 }, (_, i) => [104 + i / 1000, 30]) }, properties: newDrawingProperties('corridor', { zh: '', en: '' }) }];
    h.apply({ type: 'addLayer', layer: big });
    expect(h.entries).toHaveLength(1);
    expect(h.undo()).toBe(true);
    expect(h.state.layers.map((l) => l.id)).toEqual(['draw']);
  });

  it('stamps updatedAt with the injected clock on every change, undo included', () => {
    let t = 0;
    const h = new History(withPoint(), { now: () => `2024-01-01T00:00:0${++t}Z` });
    h.apply(move(1));
    expect(h.state.updatedAt).toBe('2024-01-01T00:00:01Z');
    h.undo();
    expect(h.state.updatedAt).toBe('2024-01-01T00:00:02Z');
  });

  it('subscribers read up-to-date canUndo/canRedo/labels (undo, redo and the end of a group)', () => {
    const h = new History(withPoint());
    const seen: [boolean, boolean, string | undefined][] = [];
    h.subscribe(() => seen.push([h.canUndo, h.canRedo, h.undoLabel]));
    h.apply(move(1), { label: 'move' });
    h.undo();
    h.redo();
    h.beginGroup('drag');
    h.apply(move(2));
    h.endGroup();
    expect(seen).toEqual([
      [true, false, 'move'],
      [false, true, undefined],
      [true, false, 'move'],
      [true, false, 'drag'],
      [true, false, 'drag'],
    ]);
  });

  it('notifies subscribers with each new state', () => {
    const h = new History(withPoint());
    const seen: Workspace[] = [];
    const off = h.subscribe((ws) => seen.push(ws));
    h.apply(move(1));
    h.undo();
    off();
    h.redo();
    expect(seen).toHaveLength(2);
  });

  it('squash flattens batches and merges consecutive updates of one feature, later fields winning', () => {
    const geomA = { type: 'Point' as const, coordinates: [1, 1] };
    const geomB = { type: 'Point' as const, coordinates: [2, 2] };
    const props = newDrawingProperties('hub', { zh: 'a', en: 'a' });
    expect(
      squash([
        { type: 'batch', ops: [{ type: 'updateFeature', layerId: 'l', featureId: 'f', geometry: geomA }] },
        { type: 'updateFeature', layerId: 'l', featureId: 'f', properties: props },
        { type: 'updateFeature', layerId: 'l', featureId: 'f', geometry: geomB },
        { type: 'updateFeature', layerId: 'l', featureId: 'g', geometry: geomB },
      ]),
    ).toEqual([
      { type: 'updateFeature', layerId: 'l', featureId: 'f', geometry: geomB, properties: props },
      { type: 'updateFeature', layerId: 'l', featureId: 'g', geometry: geomB },
    ]);
  });
});
