// Big-workspace paths: time-sliced serialisation and conversion must give exactly what the one-shot
// functions give, and a save stored in pieces must load, rotate and detect damage like a whole one.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { counterIds, emptyWorkspace, layersFromImport, layersFromImportAsync, type UserLayer, type Workspace } from '../../../src/lib/workspace/model';
import { fnv1a } from '../../../src/lib/workspace/checksum';
import { serializeWorkspace, serializeWorkspaceParts } from '../../../src/lib/workspace/serialise';
import { DB_NAME, STORE_NAME, WorkspaceStore, type SavedRecord } from '../../../src/lib/workspace/store';
import { createSlicer } from '../../../src/lib/workspace/slice';
import type { ImportResult } from '../../../src/lib/io/types';
import { workspace } from './arb';

let pauses = 0;
const pause = async () => {
  pauses++;
};

/** n points with Chinese and numeric attributes, as the CSV importer gives them. */
function pointsResult(n: number): ImportResult {
  const features = Array.from({ length: n }, (_, i) => ({
    type: 'Feature' as const,
    ...(i % 3 === 0 ? { id: i } : {}),
    geometry: { type: 'Point' as const, coordinates: [103 + (i % 100) * 0.01, 30 + Math.floor(i / 100) * 0.01] },
    properties: { 名称: `站点${i}`, v: i % 7, note: i % 5 ? null : 'x' },
  }));
  return {
    layers: [
      {
        name: 'points',
        file: 'points.csv',
        format: 'csv',
        crs: { detected: 'EPSG:4326', used: 'EPSG:4326', confidence: 'high', reason: 'test' },
        encoding: { detected: 'utf-8', used: 'utf-8', confidence: 'high', reason: 'test' },
        features,
        warnings: [],
        rejected: [],
      },
    ],
    errors: [],
  } as unknown as ImportResult;
}

function bigWorkspace(n: number, id = 'ws-big'): Workspace {
  const ws = emptyWorkspace(id, '大图层', '2024-06-10T08:00:00.000Z');
  return { ...ws, layers: layersFromImport(pointsResult(n), counterIds()) };
}

describe('time-sliced serialisation', () => {
  it('parts join to exactly serializeWorkspace, for random workspaces and chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(workspace, fc.integer({ min: 1, max: 7 }), async (ws, chunk) => {
        const parts = await serializeWorkspaceParts(ws, pause, chunk);
        expect(parts.join('')).toBe(serializeWorkspace(ws));
      }),
      { numRuns: 60 },
    );
  });

  it('a 20 000-feature layer: identical text in 500-feature parts, pausing as its 10 ms slices run out', async () => {
    const ws = bigWorkspace(20_000);
    pauses = 0;
    const slow = async () => {
      pauses++;
    };
    const t0 = performance.now();
    const parts = await serializeWorkspaceParts(ws, slow, 500);
    const ms = performance.now() - t0;
    expect(parts.join('')).toBe(serializeWorkspace(ws));
    // head, layer shell, 40 feature parts, layer close, pins and stories
    expect(parts.length).toBe(1 + 1 + 40 + 1 + 1);
    // The clock is checked after every part: work longer than two slices must have paused.
    if (ms > 25) expect(pauses).toBeGreaterThan(0);
    expect(pauses).toBeLessThanOrEqual(40);
  });

  it('createSlicer asks for a pause only after its budget', async () => {
    const slicer = createSlicer(pause, 0, 1);
    const start = performance.now();
    while (performance.now() - start < 2);
    expect(slicer.due()).toBe(true);
    const lazy = createSlicer(pause, 60_000, 1);
    expect(lazy.due()).toBe(false);
  });
});

describe('time-sliced import conversion', () => {
  it('layersFromImportAsync gives the same layers as layersFromImport', async () => {
    const result = pointsResult(5_000);
    const sync = layersFromImport(result, counterIds(), 2);
    const sliced = await layersFromImportAsync(result, counterIds(), 2, pause);
    expect(sliced).toEqual(sync);
    expect(sliced[0].features[3].sourceId).toBe(3);
    expect(sliced[0].features[4].sourceId).toBeUndefined();
  });
});

describe('pieced saves', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  const open = async () => {
    const r = await WorkspaceStore.open({ pause, pieceChars: 4096 });
    if (!r.ok) throw new Error(r.error.message.en);
    return r.store;
  };
  const raw = async () => {
    const db = await openDB(DB_NAME);
    const all = (await db.getAll(STORE_NAME)) as (SavedRecord | { slot: string; text: string })[];
    db.close();
    return all;
  };
  const pieceText = (all: { slot: string; text: string }[], r: SavedRecord) =>
    Array.from({ length: r.pieces!.count }, (_, i) => all.find((x) => x.slot === `piece:${r.pieces!.id}:${i}`)!.text).join('');

  it('a big save is stored in pieces whose text is the canonical one, and loads back identical', async () => {
    // 2 000 features: four 500-feature parts, each past the 4 096-character piece size.
    const ws = bigWorkspace(2000);
    const store = await open();
    await store.load();
    const saved = await store.save(ws);
    expect(saved.ok).toBe(true);
    const all = await raw();
    const latest = all.find((r) => r.slot === 'latest') as SavedRecord;
    expect(latest.text).toBe('');
    expect(latest.pieces!.count).toBeGreaterThan(3);
    const text = serializeWorkspace(ws);
    expect(pieceText(all, latest)).toBe(text);
    expect(latest.checksum).toBe(fnv1a(text));
    store.close();
    const again = await open();
    const loaded = await again.load();
    expect(loaded.problems).toEqual([]);
    expect(serializeWorkspace(loaded.workspace!)).toBe(text);
  });

  it('rotation keeps the backup readable and drops pieces nothing refers to', async () => {
    const store = await open();
    await store.load();
    const v1 = bigWorkspace(200);
    const v2: Workspace = { ...v1, name: 'v2', layers: [{ ...v1.layers[0], name: 'renamed' } as UserLayer] };
    const v3: Workspace = { ...v2, name: 'v3' };
    for (const ws of [v1, v2, v3]) expect((await store.save(ws)).ok).toBe(true);
    const all = await raw();
    const latest = all.find((r) => r.slot === 'latest') as SavedRecord;
    const backup = all.find((r) => r.slot === 'backup') as SavedRecord;
    expect(pieceText(all, latest)).toBe(serializeWorkspace(v3));
    expect(pieceText(all, backup)).toBe(serializeWorkspace(v2));
    // v1's pieces are gone: only latest's and backup's remain.
    const ids = new Set(all.filter((r) => r.slot.startsWith('piece:')).map((r) => r.slot.slice(6, r.slot.lastIndexOf(':'))));
    expect([...ids].sort()).toEqual([latest.pieces!.id, backup.pieces!.id].sort());
    expect((await store.readSlot('backup'))!.text).toBe(serializeWorkspace(v2));
  });

  it('a damaged piece fails the checksum: the backup is restored and the damage reported', async () => {
    const store = await open();
    await store.load();
    const v1 = bigWorkspace(2000);
    const v2: Workspace = { ...v1, name: 'v2' };
    await store.save(v1);
    await store.save(v2);
    store.close();
    const all = await raw();
    const latest = all.find((r) => r.slot === 'latest') as SavedRecord;
    const db = await openDB(DB_NAME);
    const key = `piece:${latest.pieces!.id}:1`;
    const piece = (await db.get(STORE_NAME, key)) as { slot: string; text: string };
    expect(piece.text).toContain('站点');
    await db.put(STORE_NAME, { ...piece, text: piece.text.replace('站点', '站台') });
    db.close();
    const again = await open();
    const loaded = await again.load();
    expect(loaded.from).toBe('backup');
    expect(loaded.workspace!.name).toBe('大图层');
    expect(loaded.problems[0].code).toBe('corrupt');
    // The damaged save is kept aside with its pieces, readable for a bug report.
    expect((await again.readSlot('quarantine'))!.text).toContain('站台');
  });
});
