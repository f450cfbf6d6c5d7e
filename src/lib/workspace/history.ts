// One transaction log for every workspace change, with undo/redo, grouping (a drag is one entry) and limits.
import { applyOp, opWeight, type Op } from './ops';
import type { Workspace } from './model';

export interface HistoryEntry {
  label: string;
  forward: Op;
  inverse: Op;
  weight: number;
  coalesceKey?: string;
}

export interface HistoryOptions {
  /** Most undo entries kept (oldest dropped first). */
  maxEntries?: number;
  /** Most positions held by undo entries together, so a few huge imports cannot exhaust memory. */
  maxWeight?: number;
  /** When given, every change (undo and redo too) sets `updatedAt` to now(). */
  now?: () => string;
}

export interface ApplyOptions {
  label?: string;
  /** Consecutive applies with the same key merge into one entry (typing a name, nudging with arrows). */
  coalesceKey?: string;
}

export const DEFAULT_HISTORY_LIMITS = { maxEntries: 200, maxWeight: 2_000_000 };

type FeatureUpdate = Extract<Op, { type: 'updateFeature' }>;

/** Flattens batches and merges consecutive updates of the same feature (later fields win). */
export function squash(ops: Op[]): Op[] {
  const out: Op[] = [];
  const push = (op: Op) => {
    if (op.type === 'batch') return op.ops.forEach(push);
    const last = out[out.length - 1];
    if (op.type === 'updateFeature' && last?.type === 'updateFeature' && last.layerId === op.layerId && last.featureId === op.featureId) {
      const merged: FeatureUpdate = { ...last };
      if (op.geometry !== undefined) merged.geometry = op.geometry;
      if (op.properties !== undefined) merged.properties = op.properties;
      out[out.length - 1] = merged;
      return;
    }
    out.push(op);
  };
  ops.forEach(push);
  return out;
}

const asOne = (ops: Op[]): Op => (ops.length === 1 ? ops[0] : { type: 'batch', ops });

export class History {
  #state: Workspace;
  #undo: HistoryEntry[] = [];
  #redo: HistoryEntry[] = [];
  #weight = 0;
  #lastKey: string | undefined;
  #group: { label: string; forward: Op[]; inverse: Op[]; before: Workspace } | null = null;
  #listeners = new Set<(ws: Workspace) => void>();
  readonly #maxEntries: number;
  readonly #maxWeight: number;
  readonly #now?: () => string;

  constructor(initial: Workspace, options: HistoryOptions = {}) {
    this.#state = initial;
    this.#maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_HISTORY_LIMITS.maxEntries);
    this.#maxWeight = options.maxWeight ?? DEFAULT_HISTORY_LIMITS.maxWeight;
    this.#now = options.now;
  }

  get state(): Workspace {
    return this.#state;
  }
  get canUndo(): boolean {
    return this.#undo.length > 0 || (this.#group?.forward.length ?? 0) > 0;
  }
  get canRedo(): boolean {
    return this.#redo.length > 0 && !this.#group;
  }
  get undoLabel(): string | undefined {
    return this.#group?.label ?? this.#undo[this.#undo.length - 1]?.label;
  }
  get redoLabel(): string | undefined {
    return this.#redo[this.#redo.length - 1]?.label;
  }
  get inGroup(): boolean {
    return this.#group !== null;
  }
  /** Undo entries, oldest first (read-only view for a history panel). */
  get entries(): readonly HistoryEntry[] {
    return this.#undo;
  }

  subscribe(fn: (ws: Workspace) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Applies an op and records it. Throws OpError (state unchanged) when the op cannot apply. */
  apply(op: Op, options: ApplyOptions = {}): Workspace {
    const { next, inverse } = applyOp(this.#state, op);
    const label = options.label ?? op.type;
    if (this.#group) {
      this.#group.forward.push(op);
      this.#group.inverse.push(inverse);
    } else {
      const top = this.#undo[this.#undo.length - 1];
      if (options.coalesceKey !== undefined && top && top.coalesceKey === options.coalesceKey && this.#lastKey === options.coalesceKey) {
        this.#undo.pop();
        this.#weight -= top.weight;
        this.#push({
          label: top.label,
          forward: asOne(squash([top.forward, op])),
          inverse: asOne(squash([inverse, top.inverse])),
          weight: 0,
          coalesceKey: top.coalesceKey,
        });
      } else {
        this.#push({ label, forward: op, inverse, weight: 0, coalesceKey: options.coalesceKey });
      }
      this.#redo = [];
      this.#lastKey = options.coalesceKey;
    }
    this.#set(next);
    return this.#state;
  }

  /** Starts a group: later applies show at once but become one entry at endGroup (a drag, a multi-step tool). */
  beginGroup(label: string): void {
    if (this.#group) this.endGroup();
    this.#group = { label, forward: [], inverse: [], before: this.#state };
    this.#lastKey = undefined;
  }

  endGroup(): void {
    const g = this.#group;
    if (!g) return;
    this.#group = null;
    if (g.forward.length === 0) return;
    this.#push({ label: g.label, forward: asOne(squash(g.forward)), inverse: asOne(squash(g.inverse.slice().reverse())), weight: 0 });
    this.#redo = [];
    // The state is unchanged but canRedo/undoLabel are not: tell listeners.
    for (const fn of this.#listeners) fn(this.#state);
  }

  /** Abandons a group (Esc during a drag): the workspace returns to exactly what it was before beginGroup. */
  cancelGroup(): void {
    const g = this.#group;
    if (!g) return;
    this.#group = null;
    if (g.forward.length > 0) this.#set(g.before, false);
  }

  undo(): boolean {
    if (this.#group) this.endGroup();
    const entry = this.#undo.pop();
    if (!entry) return false;
    this.#weight -= entry.weight;
    const next = applyOp(this.#state, entry.inverse).next;
    // Move the entry before notifying, so listeners read the new canUndo/canRedo.
    this.#redo.push(entry);
    this.#lastKey = undefined;
    this.#set(next);
    return true;
  }

  redo(): boolean {
    if (this.#group) return false;
    const entry = this.#redo.pop();
    if (!entry) return false;
    const next = applyOp(this.#state, entry.forward).next;
    this.#undo.push(entry);
    this.#weight += entry.weight;
    this.#lastKey = undefined;
    this.#set(next);
    return true;
  }

  /** Replaces the workspace (after loading or opening a file) and clears the log. */
  reset(ws: Workspace): void {
    this.#group = null;
    this.#undo = [];
    this.#redo = [];
    this.#weight = 0;
    this.#lastKey = undefined;
    this.#set(ws, false);
  }

  #push(entry: HistoryEntry): void {
    entry.weight = opWeight(entry.forward) + opWeight(entry.inverse);
    this.#undo.push(entry);
    this.#weight += entry.weight;
    // Keep at least the newest entry, however heavy, so the last change can always be undone.
    while (this.#undo.length > 1 && (this.#undo.length > this.#maxEntries || this.#weight > this.#maxWeight)) {
      this.#weight -= this.#undo.shift()!.weight;
    }
  }

  #set(ws: Workspace, stamp = true): void {
    this.#state = stamp && this.#now ? { ...ws, updatedAt: this.#now() } : ws;
    for (const fn of this.#listeners) fn(this.#state);
  }
}
