import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importFile } from '../../../src/lib/io/importFile';
import { History } from '../../../src/lib/workspace/history';
import { counterIds, emptyDrawingLayer, emptyWorkspace, newDrawingProperties, type Workspace } from '../../../src/lib/workspace/model';
import { applyOp, importOp, mergeOp, OpError } from '../../../src/lib/workspace/ops';
import { fnv1a } from '../../../src/lib/workspace/checksum';
import { readWorkspaceFile } from '../../../src/lib/workspace/read';
import { exportWorkspaceFile, serializeWorkspace } from '../../../src/lib/workspace/serialise';
import {
  createAutosaver,
  DB_NAME,
  STORE_NAME,
  toStoreError,
  WorkspaceStore,
  type SaveResult,
  type SavedRecord,
} from '../../../src/lib/workspace/store';

const IO = join(__dirname, '..', '..', 'fixtures', 'io');
const WS_FIX = join(__dirname, '..', '..', 'fixtures', 'workspace');

let clock = 0;
const now = () => new Date(Date.UTC(2024, 5, 10, 8, 0, clock++)).toISOString();

async function openStore(): Promise<WorkspaceStore> {
  const r = await WorkspaceStore.open({ now });
  if (!r.ok) throw new Error(r.error.message.en);
  return r.store;
}

/** Every record as stored, for byte-for-byte comparisons. */
async function rawRecords(): Promise<Record<string, SavedRecord>> {
  const db = await openDB(DB_NAME);
  const all = (await db.getAll(STORE_NAME)) as SavedRecord[];
  db.close();
  return Object.fromEntries(all.map((r) => [r.slot, r]));
}

async function writeRaw(record: SavedRecord): Promise<void> {
  const db = await openDB(DB_NAME);
  await db.put(STORE_NAME, record);
  db.close();
}

function sample(name = '成德眉资 方案'): Workspace {
  const ws = emptyWorkspace('ws-1', name, '2024-06-10T00:00:00.000Z');
  const layer = emptyDrawingLayer('draw', '草图');
  layer.features = [
    {
      type: 'Feature',
      id: 'f1',
      geometry: { type: 'LineString', coordinates: [[104.06, 30.67], [104.55, 30.39]] },
      properties: { ...newDrawingProperties('corridor', { zh: '成资快速通道', en: 'Chengzi link' }), years: { target: 2027 } },
    },
  ];
  return { ...ws, layers: [layer], pins: [{ id: 'pin-1', type: 'distance', params: { a: 'f1' }, result: { km: 52.4 }, createdAt: '2024-06-10T00:00:00.000Z' }], stories: [{ draft: true }] };
}

const rename = (ws: Workspace, name: string) => applyOp(ws, { type: 'renameWorkspace', name }).next;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('save and load', () => {
  it('a fresh browser loads nothing; after a save, a new session (reload) loads the same workspace', async () => {
    const tab = await openStore();
    expect(await tab.load()).toEqual({ workspace: null, from: null, migratedFrom: null, problems: [] });
    const ws = sample();
    const saved = await tab.save(ws);
    expect(saved).toMatchObject({ ok: true, bytes: Buffer.byteLength(serializeWorkspace(ws)), revision: 1 });
    tab.close();

    const reloaded = await openStore(); // a killed tab leaves only what was committed
    const r = await reloaded.load();
    expect(r.from).toBe('latest');
    expect(r.problems).toEqual([]);
    expect(r.workspace).toEqual(ws);
  });

  it('keeps the previous save as a backup, and a replaced workspace apart', async () => {
    const tab = await openStore();
    await tab.load();
    const v1 = sample();
    const v2 = rename(v1, 'v2');
    await tab.save(v1);
    await tab.save(v2);
    let raw = await rawRecords();
    expect(raw.latest.text).toBe(serializeWorkspace(v2));
    expect(raw.backup.text).toBe(serializeWorkspace(v1));

    const other = { ...emptyWorkspace('ws-2', 'other', '2024-06-10T00:00:00.000Z') };
    await tab.save(other);
    raw = await rawRecords();
    expect(raw.latest.text).toBe(serializeWorkspace(other));
    expect(raw.replaced.text).toBe(serializeWorkspace(v2)); // opening another workspace does not lose this one
    expect(raw.backup.text).toBe(serializeWorkspace(v1));
    expect(await tab.recover('replaced')).toEqual({ ok: true, workspace: v2 });
  });

  it('migrates an old save on load', async () => {
    const text = readFileSync(join(WS_FIX, 'v0-prototype.json'), 'utf8');
    await (await openStore()).load(); // creates the database
    await writeRaw({ slot: 'latest', workspaceId: 'old', name: 'old', savedAt: '2024-06-10T06:13:20.000Z', revision: 3, bytes: text.length, checksum: fnv1a(text), text });
    const r = await (await openStore()).load();
    expect(r.migratedFrom).toBe(0);
    expect(r.workspace).toEqual(JSON.parse(readFileSync(join(WS_FIX, 'v0-prototype.migrated.json'), 'utf8')));
  });
});

describe('damaged saves', () => {
  async function twoSaves() {
    const tab = await openStore();
    await tab.load();
    const good = sample();
    const newer = rename(good, 'newer');
    await tab.save(good);
    await tab.save(newer);
    tab.close();
    return { good, newer, raw: await rawRecords() };
  }

  it('a torn latest (checksum fails) falls back to the backup, reports it and sets the damaged copy aside', async () => {
    const { good, raw } = await twoSaves();
    const torn = { ...raw.latest, text: raw.latest.text.slice(0, 100) };
    await writeRaw(torn);

    const tab = await openStore();
    const r = await tab.load();
    expect(r.from).toBe('backup');
    expect(r.workspace).toEqual(good);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].code).toBe('corrupt');
    expect(r.problems[0].message.en).toBe(`The last save was damaged; the previous one (saved ${raw.backup.savedAt}) was restored. Changes made after it may be missing.`);
    expect(r.problems[0].detail).toContain('checksum');
    const after = await rawRecords();
    expect(after.quarantine.text).toBe(torn.text);
    expect(after.latest.text).toBe(raw.backup.text);

    // The next save rotates the restored good copy, never the damaged one, into the backup.
    const edited = rename(good, 'edited');
    expect((await tab.save(edited)).ok).toBe(true);
    const final = await rawRecords();
    expect(final.backup.text).toBe(serializeWorkspace(good));
    expect(final.quarantine.text).toBe(torn.text);
  });

  it('a latest that is intact but invalid (bad geometry written by a bug) also falls back', async () => {
    const { good, raw } = await twoSaves();
    const bad = raw.latest.text.replace('[104.55,30.39]', '[204.55,30.39]');
    expect(bad).not.toBe(raw.latest.text);
    await writeRaw({ ...raw.latest, text: bad, checksum: fnv1a(bad) });
    const r = await (await openStore()).load();
    expect(r.from).toBe('backup');
    expect(r.workspace).toEqual(good);
    expect(r.problems[0].detail).toMatch(/layer 0 "草图" \(id "draw"\) › feature 0 \(id "f1"\) › geometry\.coordinates\[1\]: coordinate \[204\.55, 30\.39\] is out of range/);
  });

  it('when both copies are damaged, nothing is loaded and the user is told', async () => {
    const { raw } = await twoSaves();
    await writeRaw({ ...raw.latest, checksum: 'deadbeef' });
    await writeRaw({ ...raw.backup, text: '{' , checksum: fnv1a('{') });
    const r = await (await openStore()).load();
    expect(r.workspace).toBeNull();
    expect(r.problems[0].code).toBe('corrupt');
    expect(r.problems[0].message.en).toMatch(/damaged and could not be restored; it has been kept aside/);
    expect((await rawRecords()).quarantine.text).toBe(raw.latest.text);
  });
});

describe('storage errors are reported, and leave the stored data as it was', () => {
  it('storage full: the save is refused with "storage full" and both records are byte-identical', async () => {
    const tab = await openStore();
    await tab.load();
    await tab.save(sample());
    await tab.save(rename(sample(), 'second'));
    const before = await rawRecords();

    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      // The backup rotation succeeds; the big write of the new latest hits the quota.
      if ((value as SavedRecord).slot === 'latest') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    const r = await tab.save(rename(sample(), 'third'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('quota');
    expect(r.error.message.en).toMatch(/^Storage full: your latest changes are not saved\. Export your work/);
    expect(r.error.message.zh).toMatch(/^存储空间已满/);
    expect(await rawRecords()).toEqual(before); // the backup rotation was rolled back too

    vi.restoreAllMocks();
    expect((await tab.save(rename(sample(), 'third'))).ok).toBe(true); // space freed: saving resumes
  });

  it('no IndexedDB (private mode, storage disabled): "cannot save in this browser mode; export your work"', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error simulating a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      const r = await WorkspaceStore.open();
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('unavailable');
        expect(r.error.message.en).toBe('Cannot save in this browser mode (private browsing or storage turned off); export your work to keep it.');
      }
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('opening refused by the browser (SecurityError, Firefox private InvalidStateError) is "unavailable"', async () => {
    for (const name of ['SecurityError', 'InvalidStateError']) {
      vi.spyOn(globalThis.indexedDB, 'open').mockImplementation(() => {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', name);
      });
      const r = await WorkspaceStore.open();
      expect(r.ok === false && r.error.code).toBe('unavailable');
      vi.restoreAllMocks();
    }
  });

  it.each([
    [new DOMException('x', 'QuotaExceededError'), 'save', 'quota'],
    [{ name: 'NS_ERROR_DOM_QUOTA_REACHED', message: 'old Firefox' }, 'save', 'quota'],
    [new DOMException('x', 'VersionError'), 'open', 'newer-version'],
    [new DOMException('x', 'UnknownError'), 'open', 'unavailable'],
    [new DOMException('The database connection is closing.', 'InvalidStateError'), 'save', 'unavailable'],
    [new DOMException('x', 'AbortError'), 'save', 'unknown'],
    [new Error('boom'), 'load', 'unknown'],
  ] as const)('toStoreError(%s, %s) → %s', (e, during, code) => {
    const err = toStoreError(e, during);
    expect(err.code).toBe(code);
    expect(err.message.en.length).toBeGreaterThan(20);
    expect(err.message.zh.length).toBeGreaterThan(5);
  });

  it('another tab saved since this one loaded: "conflict", unless forced', async () => {
    const a = await openStore();
    const b = await openStore();
    await a.load();
    await b.load();
    expect((await a.save(sample('from A'))).ok).toBe(true);
    const r = await b.save(sample('from B'));
    expect(r.ok === false && r.error.code).toBe('conflict');
    expect((await rawRecords()).latest.text).toBe(serializeWorkspace(sample('from A')));
    expect((await b.save(sample('from B'), { force: true })).ok).toBe(true);
  });
});

describe('a failed or cancelled import leaves the workspace exactly as it was', () => {
  async function session() {
    const store = await openStore();
    await store.load();
    const history = new History(sample());
    const autosaver = createAutosaver((ws) => store.save(ws), { delayMs: 0 });
    history.subscribe((ws) => autosaver.schedule(ws));
    expect((await store.save(history.state)).ok).toBe(true);
    return { store, history, autosaver, before: await rawRecords(), state: history.state };
  }

  it('for a malformed file, a cancelled import, and layers that cannot be added', async () => {
    const { history, autosaver, before, state } = await session();
    const ids = counterIds();

    const malformed = await importFile('malformed.geojson', new Uint8Array(readFileSync(join(IO, 'bad', 'malformed.geojson'))));
    expect(malformed.errors[0].code).toBe('bad-json');
    expect(importOp(malformed, ids)).toBeNull();

    const abort = new AbortController();
    abort.abort();
    const cancelled = await importFile('plan.geojson', new Uint8Array(readFileSync(join(IO, 'plan.geojson'))), {}, () => {}, abort.signal);
    expect(cancelled.errors.map((e) => e.code)).toEqual(['cancelled']);
    expect(importOp(cancelled, ids)).toBeNull();

    // A good import whose second layer clashes with an existing id: the batch throws, nothing is added.
    const good = await importFile('plan.geojson', new Uint8Array(readFileSync(join(IO, 'plan.geojson'))));
    expect(good.layers.length).toBeGreaterThan(0);
    const clash = importOp({ ...good, layers: [good.layers[0], good.layers[0]] }, () => 'draw');
    expect(() => history.apply(clash!)).toThrow(OpError);

    // A workspace file that fails validation is not merged, not even in part.
    const bad = readWorkspaceFile('bad.tongcheng.json', readFileSync(join(WS_FIX, 'bad-v1.tongcheng.json')));
    expect(bad.ok).toBe(false);

    await autosaver.flush();
    expect(history.state).toBe(state);
    expect(history.canUndo).toBe(false);
    expect(await rawRecords()).toEqual(before);
  });

  it('a successful import is one undoable entry, autosaved, and survives a reload', async () => {
    const { history, autosaver } = await session();
    const result = await importFile('plan.geojson', new Uint8Array(readFileSync(join(IO, 'plan.geojson'))));
    history.apply(importOp(result, counterIds(), 1)!, { label: 'Import plan.geojson' });
    expect((await autosaver.flush()).state).toBe('saved');
    const layer = history.state.layers[1];
    expect(layer.source).toEqual({ kind: 'import', file: 'plan.geojson', format: 'geojson', crs: 'EPSG:4326', encoding: result.layers[0].encoding?.used ?? null });
    expect(layer.features).toHaveLength(result.layers[0].features.length);
    expect(layer.features.map((f) => f.sourceId)).toEqual(result.layers[0].features.map((f) => f.id));

    const reloaded = await (await openStore()).load();
    expect(reloaded.workspace).toEqual(history.state);

    history.undo();
    await autosaver.flush();
    expect((await (await openStore()).load()).workspace).toEqual(sample());
  });
});

describe('export to one file and import on another machine', () => {
  it('export → import into a fresh browser → identical workspace', async () => {
    const a = await openStore();
    await a.load();
    const ws = sample();
    await a.save(ws);
    const loaded = (await a.load()).workspace!;
    const file = exportWorkspaceFile(loaded);

    globalThis.indexedDB = new IDBFactory(); // another machine
    const b = await openStore();
    expect((await b.load()).workspace).toBeNull();
    const read = readWorkspaceFile(file.fileName, file.bytes);
    if (!read.ok) throw new Error(read.message);
    await b.save(read.workspace);
    expect((await (await openStore()).load()).workspace).toEqual(ws);
    expect((await rawRecords()).latest.text).toBe(file.text);
  });

  it('merging an exported file into an existing workspace is one op, and undo removes all of it', () => {
    const here = sample();
    const read = readWorkspaceFile('x.tongcheng.json', exportWorkspaceFile(sample('there')).bytes);
    if (!read.ok) throw new Error(read.message);
    const h = new History(here);
    h.apply(mergeOp(here, read.workspace, counterIds()), { label: 'Merge x.tongcheng.json' });
    expect(h.state.layers).toHaveLength(2);
    expect(h.state.pins).toHaveLength(2);
    h.undo();
    expect(h.state).toEqual(here);
  });
});

describe('autosaver', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const ws = (n: number) => emptyWorkspace('ws', `v${n}`, '2024-01-01T00:00:00Z');

  it('debounces a burst of changes into one save of the last state', async () => {
    const saved: string[] = [];
    const a = createAutosaver(async (w) => (saved.push(w.name), { ok: true, savedAt: 't', bytes: 1, revision: 1 }), { delayMs: 800 });
    for (let i = 1; i <= 5; i++) {
      a.schedule(ws(i));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(800);
    expect(saved).toEqual(['v5']);
  });

  it('saves at least every maxDelayMs during continuous edits (a long drag)', async () => {
    const saved: string[] = [];
    const a = createAutosaver(async (w) => (saved.push(w.name), { ok: true, savedAt: 't', bytes: 1, revision: 1 }), { delayMs: 800, maxDelayMs: 2000 });
    for (let i = 1; i <= 30; i++) {
      a.schedule(ws(i));
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(saved.length).toBeGreaterThanOrEqual(2);
    await a.flush();
    expect(saved[saved.length - 1]).toBe('v30');
  });

  it('never runs two saves at once; a change during a save is saved right after', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const saved: string[] = [];
    const a = createAutosaver(async (w) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 500));
      inFlight--;
      saved.push(w.name);
      return { ok: true, savedAt: 't', bytes: 1, revision: 1 };
    }, { delayMs: 10 });
    a.schedule(ws(1));
    await vi.advanceTimersByTimeAsync(100); // save of v1 running
    a.schedule(ws(2));
    await vi.advanceTimersByTimeAsync(2000);
    expect(saved).toEqual(['v1', 'v2']);
    expect(maxInFlight).toBe(1);
  });

  it('reports an error, keeps the change and retries on flush', async () => {
    const statuses: string[] = [];
    let fail = true;
    const saved: string[] = [];
    const a = createAutosaver(
      async (w): Promise<SaveResult> => {
        if (fail) return { ok: false, error: toStoreError(new DOMException('x', 'QuotaExceededError'), 'save') };
        saved.push(w.name);
        return { ok: true, savedAt: 't', bytes: 1, revision: 1 };
      },
      { delayMs: 10, onStatus: (s) => statuses.push(s.state) },
    );
    a.schedule(ws(1));
    await vi.advanceTimersByTimeAsync(50);
    expect(a.status.state === 'error' && a.status.error.code).toBe('quota');
    fail = false;
    expect((await a.flush()).state).toBe('saved');
    expect(saved).toEqual(['v1']);
    expect(statuses).toEqual(['pending', 'saving', 'error', 'saving', 'saved']);
  });
});
