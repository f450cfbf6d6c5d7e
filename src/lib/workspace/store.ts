// IndexedDB persistence of the workspace (the only module here that touches storage), plus the pure error
// mapping and a debounced autosaver. Records hold the canonical text from ./schema.ts and a checksum, so a
// damaged save is detected and the previous one is used instead.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LocalizedText } from '../plan/model';
import type { Workspace } from './model';
import { createSlicer, yieldTurn } from './slice';
import { fnv1a, fnv1aStep, FNV_OFFSET, fnvHex } from './checksum';
import { parseWorkspace } from './read';
import { serializeWorkspaceParts } from './serialise';
import { utf8Length } from './sizes';
import { formatIssue } from './validate';
import { both } from '../i18n/catalog';

export const DB_NAME = 'tongcheng-atlas';
export const DB_VERSION = 1;
export const STORE_NAME = 'workspace';

/**
 * latest: the current save. backup: the save before it (same workspace). replaced: the last save of a
 * workspace that another one replaced (opening a file). quarantine: a damaged save set aside on load.
 */
export type Slot = 'latest' | 'backup' | 'replaced' | 'quarantine';

export interface SavedRecord {
  slot: Slot;
  workspaceId: string;
  name: string;
  /** ISO 8601 time of the write. */
  savedAt: string;
  /** Increases by one per save; tells a save from another tab apart. */
  revision: number;
  bytes: number;
  /** fnv1a(text): detects a torn or altered record. */
  checksum: string;
  /** The saved text; '' when it is stored in pieces (see `pieces`). */
  text: string;
  /**
   * A big save is stored as `count` piece records `piece:<id>:<i>` (text slices in order), each written by its
   * own short put, so no single structured clone of 100 MB runs on the UI thread. Pieces are shared when a
   * save rotates to backup and deleted once no slot refers to them.
   */
  pieces?: { id: string; count: number };
}

/** One slice of a pieced save's text. */
export interface PieceRecord {
  slot: `piece:${string}`;
  text: string;
}

interface AtlasDB extends DBSchema {
  workspace: { key: string; value: SavedRecord | PieceRecord };
}

const SLOTS: Slot[] = ['latest', 'backup', 'replaced', 'quarantine'];
const pieceKey = (id: string, i: number): PieceRecord['slot'] => `piece:${id}:${i}`;

/** Saves longer than this (UTF-16 code units) are stored in pieces of about this size. */
export const PIECE_CHARS = 128 * 1024;

// ---------------------------------------------------------------------------------------------------------
// Errors: pure mapping from whatever the browser threw to a message the user can act on.

export type StoreErrorCode = 'quota' | 'unavailable' | 'blocked' | 'newer-version' | 'corrupt' | 'conflict' | 'unknown';

export interface StoreError {
  code: StoreErrorCode;
  message: LocalizedText;
  /** The browser's own error name and text, for a details line or a bug report. */
  detail?: string;
}

const message = (code: StoreErrorCode): LocalizedText => both(`storage.${code}`);

export function storeError(code: StoreErrorCode, detail?: string): StoreError {
  return detail === undefined ? { code, message: message(code) } : { code, message: message(code), detail };
}

/** A damaged latest save replaced by the backup: says from when the restored copy is. */
export function restoredFromBackup(savedAt: string, detail: string): StoreError {
  return {
    code: 'corrupt',
    message: both('storage.restored', { savedAt }),
    detail,
  };
}

/** Maps an exception or DOMException from IndexedDB (or its absence) to a StoreError. */
export function toStoreError(e: unknown, during: 'open' | 'save' | 'load'): StoreError {
  const name = typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
  const text = typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : String(e);
  const detail = name ? `${name}: ${text}` : text;
  // Firefox before 2020 used NS_ERROR_DOM_QUOTA_REACHED; some engines report code 22.
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || (e as { code?: unknown })?.code === 22) return storeError('quota', detail);
  if (name === 'VersionError') return storeError('newer-version', detail);
  if (during === 'open' && ['InvalidStateError', 'SecurityError', 'UnknownError', 'NotAllowedError', 'NotSupportedError'].includes(name))
    return storeError('unavailable', detail);
  // Safari may close the connection when storage is cleared or the tab is backgrounded in private mode.
  if (name === 'InvalidStateError' && /closing|closed/i.test(text)) return storeError('unavailable', detail);
  return storeError('unknown', detail);
}

// ---------------------------------------------------------------------------------------------------------
// The store

export type SaveResult =
  | { ok: true; savedAt: string; bytes: number; revision: number }
  | { ok: false; error: StoreError };

export interface LoadOutcome {
  /** null when nothing usable is saved (a first visit, or every copy damaged). */
  workspace: Workspace | null;
  from: 'latest' | 'backup' | null;
  /** Version the save was written in when it was migrated on load. */
  migratedFrom: number | null;
  /** Reported to the user: a damaged save, a restored backup. Empty on a clean load. */
  problems: StoreError[];
}

export interface StoreOptions {
  name?: string;
  now?: () => string;
  /** Called when another tab upgrades the database or the browser closes it; saving stops working. */
  onClosed?: (error: StoreError) => void;
  /** Awaited between slices of a big save (default: a browser turn), so the UI keeps answering. */
  pause?: () => Promise<void>;
  /** Piece size for big saves (tests use a small one). */
  pieceChars?: number;
}

/**
 * Text parts of a save → its checksum, UTF-8 size and the text: whole when short, else in pieces of about
 * `pieceChars`, hashing part by part in time slices.
 */
async function digestParts(parts: string[], pause: () => Promise<void>, pieceChars: number): Promise<{ text: string; pieces: string[] | null; checksum: string; bytes: number }> {
  const slicer = createSlicer(pause, 10, 1);
  let h = FNV_OFFSET;
  let bytes = 0;
  let total = 0;
  for (const p of parts) {
    h = fnv1aStep(h, p);
    bytes += utf8Length(p);
    total += p.length;
    if (slicer.due()) await slicer.pause();
  }
  if (total <= pieceChars) return { text: parts.join(''), pieces: null, checksum: fnvHex(h), bytes };
  const pieces: string[] = [];
  let group: string[] = [];
  let size = 0;
  for (const p of parts) {
    group.push(p);
    if ((size += p.length) >= pieceChars) {
      pieces.push(group.join(''));
      group = [];
      size = 0;
    }
  }
  if (group.length) pieces.push(group.join(''));
  return { text: '', pieces, checksum: fnvHex(h), bytes };
}

type Store = { get(key: string): Promise<SavedRecord | PieceRecord | undefined> };

/** A head record with its full text (pieces read and joined); a missing piece leaves the text short. */
async function withText(store: Store, r: SavedRecord | undefined): Promise<SavedRecord | undefined> {
  if (!r?.pieces) return r;
  const texts: string[] = [];
  for (let i = 0; i < r.pieces.count; i++) {
    const piece = await store.get(pieceKey(r.pieces.id, i));
    if (piece && typeof piece.text === 'string') texts.push(piece.text);
  }
  return { ...r, text: texts.join('') };
}

function isIntact(r: SavedRecord | undefined): r is SavedRecord {
  return !!r && typeof r.text === 'string' && r.checksum === fnv1a(r.text);
}

/** Reads a record: checksum, then parse, migrate and validate. */
function readRecord(r: SavedRecord): { ok: true; workspace: Workspace; migratedFrom: number | null } | { ok: false; why: string } {
  const slot = r.slot;
  if (!isIntact(r)) return { ok: false, why: `the ${slot} save fails its checksum (torn or altered write)` };
  const read = parseWorkspace(r.text, `saved workspace (${r.slot})`);
  if (!read.ok) return { ok: false, why: read.issues.slice(0, 3).map(formatIssue).join('; ') };
  return { ok: true, workspace: read.workspace, migratedFrom: read.migratedFrom };
}

export class WorkspaceStore {
  readonly #db: IDBPDatabase<AtlasDB>;
  readonly #now: () => string;
  readonly #pause: () => Promise<void>;
  readonly #pieceChars: number;
  /** Revision this tab last loaded or wrote; undefined until load(). */
  #revision: number | undefined;
  /** Checksum of the record this tab last wrote or verified: a latest that matches it needs no re-hash. */
  #verified: string | undefined;

  private constructor(db: IDBPDatabase<AtlasDB>, now: () => string, pause: () => Promise<void>, pieceChars: number) {
    this.#db = db;
    this.#now = now;
    this.#pause = pause;
    this.#pieceChars = pieceChars;
  }

  /** Opens the database. Private mode and disabled storage come back as an 'unavailable' error, not a throw. */
  static async open(options: StoreOptions = {}): Promise<{ ok: true; store: WorkspaceStore } | { ok: false; error: StoreError }> {
    if (typeof indexedDB === 'undefined' || indexedDB === null) return { ok: false, error: storeError('unavailable', 'indexedDB is not available') };
    let blocked = false;
    try {
      const db = await openDB<AtlasDB>(options.name ?? DB_NAME, DB_VERSION, {
        upgrade(db) {
          if (!db.objectStoreNames.contains(STORE_NAME)) db.createObjectStore(STORE_NAME, { keyPath: 'slot' });
        },
        blocked() {
          blocked = true;
        },
        blocking() {
          // A newer version in another tab wants to upgrade: step aside rather than block it.
          db.close();
          options.onClosed?.(storeError('blocked', 'closed for a newer version in another tab'));
        },
        terminated() {
          options.onClosed?.(storeError('unavailable', 'the browser closed the database'));
        },
      });
      return { ok: true, store: new WorkspaceStore(db, options.now ?? (() => new Date().toISOString()), options.pause ?? yieldTurn, options.pieceChars ?? PIECE_CHARS) };
    } catch (e) {
      return { ok: false, error: blocked ? storeError('blocked', String(e)) : toStoreError(e, 'open') };
    }
  }

  close(): void {
    this.#db.close();
  }

  /**
   * Loads the latest save; if it is damaged, restores the backup, sets the damaged copy aside in
   * 'quarantine' and reports it. Never throws.
   */
  async load(): Promise<LoadOutcome> {
    let latest: SavedRecord | undefined;
    let backup: SavedRecord | undefined;
    try {
      const tx = this.#db.transaction(STORE_NAME, 'readonly');
      const heads = await Promise.all([tx.store.get('latest'), tx.store.get('backup')]);
      latest = await withText(tx.store, heads[0] as SavedRecord | undefined);
      backup = await withText(tx.store, heads[1] as SavedRecord | undefined);
      await tx.done;
    } catch (e) {
      return { workspace: null, from: null, migratedFrom: null, problems: [toStoreError(e, 'load')] };
    }
    if (!latest) {
      this.#revision = 0;
      return { workspace: null, from: null, migratedFrom: null, problems: [] };
    }
    this.#revision = latest.revision;
    const first = readRecord(latest);
    if (first.ok) this.#verified = latest.checksum;
    if (first.ok) return { workspace: first.workspace, from: 'latest', migratedFrom: first.migratedFrom, problems: [] };

    const second = backup ? readRecord(backup) : ({ ok: false, why: 'there is no backup' } as const);
    const problems: StoreError[] = [];
    // Set the damaged copy aside and, when the backup is good, make it the latest again so the next
    // save rotates a good copy into the backup slot.
    try {
      const tx = this.#db.transaction(STORE_NAME, 'readwrite');
      const done = tx.done;
      done.catch(() => {});
      await tx.store.put({ ...latest, slot: 'quarantine', text: latest.pieces ? '' : latest.text });
      if (second.ok && backup) {
        this.#revision = latest.revision + 1;
        await tx.store.put({ ...backup, slot: 'latest', revision: this.#revision, text: backup.pieces ? '' : backup.text });
        this.#verified = backup.checksum;
      }
      await done;
    } catch (e) {
      problems.push(toStoreError(e, 'save'));
      this.#revision = latest.revision;
    }
    if (second.ok && backup) {
      problems.unshift(restoredFromBackup(backup.savedAt, first.why));
      return { workspace: second.workspace, from: 'backup', migratedFrom: second.migratedFrom, problems };
    }
    problems.unshift(storeError('corrupt', `${first.why}; backup: ${second.ok ? '' : second.why}`));
    return { workspace: null, from: null, migratedFrom: null, problems };
  }

  /**
   * Writes the whole workspace in one transaction: the previous save moves to 'backup' (or 'replaced' when
   * it was another workspace) and the new one becomes 'latest'. On any failure nothing changes.
   * Refuses ('conflict') when another tab saved since this one loaded, unless `force`.
   */
  async save(ws: Workspace, options: { force?: boolean } = {}): Promise<SaveResult> {
    let digest: Awaited<ReturnType<typeof digestParts>>;
    try {
      digest = await digestParts(await serializeWorkspaceParts(ws, this.#pause), this.#pause, this.#pieceChars);
    } catch (e) {
      return { ok: false, error: storeError('unknown', `serialising: ${String(e)}`) };
    }
    const record: SavedRecord = {
      slot: 'latest',
      workspaceId: ws.id,
      name: ws.name,
      savedAt: this.#now(),
      revision: 0,
      bytes: digest.bytes,
      checksum: digest.checksum,
      text: digest.text,
    };
    if (digest.pieces) record.pieces = { id: `${ws.id}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, count: digest.pieces.length };
    let tx;
    try {
      tx = this.#db.transaction(STORE_NAME, 'readwrite');
    } catch (e) {
      return { ok: false, error: toStoreError(e, 'save') };
    }
    const done = tx.done;
    done.catch(() => {});
    try {
      const prevHead = (await tx.store.get('latest')) as SavedRecord | undefined;
      // A record this tab wrote or verified is known intact; only a foreign one is read in full and re-hashed.
      const known = !!prevHead && prevHead.checksum === this.#verified && prevHead.revision === this.#revision;
      const prev = known ? prevHead : await withText(tx.store, prevHead);
      if (prev && !options.force && prev.revision !== this.#revision) {
        tx.abort();
        return {
          ok: false,
          error: storeError('conflict', `saved revision ${prev.revision} (${prev.savedAt}), this tab has ${this.#revision ?? 'not loaded'}`),
        };
      }
      record.revision = (prev?.revision ?? 0) + 1;
      // A damaged latest is not rotated, so it cannot overwrite a good backup.
      if (prev && prevHead && (known || isIntact(prev))) await tx.store.put({ ...prevHead, slot: prev.workspaceId === ws.id ? 'backup' : 'replaced' });
      // Pieces first, one short put each; the head that refers to them last.
      if (digest.pieces && record.pieces) for (const [i, text] of digest.pieces.entries()) await tx.store.put({ slot: pieceKey(record.pieces.id, i), text });
      await tx.store.put(record);
      await this.#dropUnusedPieces(tx.store);
      await done;
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // already aborted by the failing request
      }
      const err = await done.then(
        () => e,
        (txError) => (isQuota(e) ? e : txError ?? e),
      );
      return { ok: false, error: toStoreError(err, 'save') };
    }
    this.#revision = record.revision;
    this.#verified = record.checksum;
    return { ok: true, savedAt: record.savedAt, bytes: record.bytes, revision: record.revision };
  }

  /** Deletes piece records that no slot refers to (after a rotation dropped the old backup, say). */
  async #dropUnusedPieces(store: Store & { getAllKeys(): Promise<string[]>; delete(key: string): Promise<void> }): Promise<void> {
    const keys = await store.getAllKeys();
    if (!keys.some((k) => k.startsWith('piece:'))) return;
    const used = new Set<string>();
    for (const slot of SLOTS) {
      const r = (await store.get(slot)) as SavedRecord | undefined;
      if (r?.pieces) used.add(r.pieces.id);
    }
    for (const k of keys) {
      if (!k.startsWith('piece:')) continue;
      const id = k.slice(6, k.lastIndexOf(':'));
      if (!used.has(id)) await store.delete(k);
    }
  }

  /** The raw record in a slot, its text joined from pieces (to offer a damaged or replaced save for download). */
  async readSlot(slot: Slot): Promise<SavedRecord | undefined> {
    const tx = this.#db.transaction(STORE_NAME, 'readonly');
    const r = await withText(tx.store, (await tx.store.get(slot)) as SavedRecord | undefined);
    await tx.done;
    return r;
  }

  /** Opens a non-latest slot as a workspace ('replaced', 'backup'); the caller decides what to do with it. */
  async recover(slot: Slot): Promise<{ ok: true; workspace: Workspace } | { ok: false; why: string }> {
    const r = await this.readSlot(slot);
    if (!r) return { ok: false, why: `nothing saved in ${slot}` };
    const read = readRecord(r);
    return read.ok ? { ok: true, workspace: read.workspace } : read;
  }
}

function isQuota(e: unknown): boolean {
  return toStoreError(e, 'save').code === 'quota';
}

/** Asks the browser not to evict our storage under pressure (a no-op where unsupported). */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
  try {
    return (await storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Autosave

export type AutosaveStatus =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved'; savedAt: string; bytes: number }
  | { state: 'error'; error: StoreError };

export interface AutosaveOptions {
  /** Quiet time after the last change before saving. */
  delayMs?: number;
  /** Longest a change waits while edits keep coming (a long drag). */
  maxDelayMs?: number;
  onStatus?: (status: AutosaveStatus) => void;
}

export interface Autosaver {
  /** Call after every change with the new workspace. */
  schedule(ws: Workspace): void;
  /** Saves now (page hidden, before unload); resolves when everything scheduled is written or failed. */
  flush(): Promise<AutosaveStatus>;
  readonly status: AutosaveStatus;
  dispose(): void;
}

/**
 * Debounces saves and never runs two at once; a change arriving mid-save is saved right after. After an
 * error the pending workspace is kept and retried on the next change or flush.
 */
export function createAutosaver(save: (ws: Workspace) => Promise<SaveResult>, options: AutosaveOptions = {}): Autosaver {
  const delay = options.delayMs ?? 800;
  const maxDelay = options.maxDelayMs ?? 5000;
  let pending: Workspace | null = null;
  let lastSaved: Workspace | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPendingAt = 0;
  let running: Promise<void> | null = null;
  let status: AutosaveStatus = { state: 'idle' };
  let disposed = false;

  const setStatus = (s: AutosaveStatus) => {
    status = s;
    options.onStatus?.(s);
  };

  const run = async (): Promise<void> => {
    while (pending && !disposed) {
      const ws = pending;
      pending = null;
      if (ws === lastSaved) continue;
      setStatus({ state: 'saving' });
      const r = await save(ws);
      if (r.ok) {
        lastSaved = ws;
        setStatus({ state: 'saved', savedAt: r.savedAt, bytes: r.bytes });
      } else {
        pending ??= ws;
        setStatus({ state: 'error', error: r.error });
        return;
      }
    }
  };

  const start = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    schedule(ws) {
      if (disposed) return;
      const now = Date.now();
      if (!pending || !timer) firstPendingAt = now;
      pending = ws;
      if (status.state !== 'saving' && status.state !== 'error') setStatus({ state: 'pending' });
      if (timer) clearTimeout(timer);
      const wait = Math.max(0, Math.min(delay, firstPendingAt + maxDelay - now));
      timer = setTimeout(() => {
        timer = null;
        void (running ?? Promise.resolve()).then(start);
      }, wait);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
      if (pending) await start();
      return status;
    },
    get status() {
      return status;
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
