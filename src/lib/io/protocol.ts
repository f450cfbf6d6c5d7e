// Message protocol between the UI and the import worker. Pure: the worker and the client are thin
// wrappers around createImportHandler / createImportClient, which tests wire together in memory.
import { importFile as defaultImportFile } from './importFile';
import type { AlignmentReference } from './alignment';
import type { ImportOptions, ImportResult } from './types';

export type ImportRequest =
  | {
      type: 'import';
      jobId: number;
      name: string;
      bytes: ArrayBuffer;
      options?: ImportOptions;
      parts?: { name: string; bytes: ArrayBuffer }[];
      /** Where the bundled boundaries are (the page knows its base URL; the worker does not). */
      referenceUrl?: string;
    }
  | { type: 'cancel'; jobId: number };

export type ImportResponse =
  | { type: 'progress'; jobId: number; fraction: number; stage: string }
  | { type: 'result'; jobId: number; result: ImportResult }
  /** A slice of a layer's features, sent before the result so no single message is costly to receive. */
  | { type: 'features'; jobId: number; layer: number; features: ImportResult['layers'][number]['features'] }
  | { type: 'cancelled'; jobId: number }
  | { type: 'error'; jobId: number; message: string };

export function isImportRequest(x: unknown): x is ImportRequest {
  if (!x || typeof x !== 'object') return false;
  const m = x as Record<string, unknown>;
  if (typeof m.jobId !== 'number' || !Number.isFinite(m.jobId)) return false;
  if (m.type === 'cancel') return true;
  const partsOk =
    m.parts === undefined ||
    (Array.isArray(m.parts) && m.parts.every((p) => p && typeof p === 'object' && typeof (p as { name?: unknown }).name === 'string' && (p as { bytes?: unknown }).bytes instanceof ArrayBuffer));
  return m.type === 'import' && typeof m.name === 'string' && m.bytes instanceof ArrayBuffer && partsOk;
}

type Post = (msg: ImportResponse) => void;

/**
 * Features per message. Receiving a message (structured-clone deserialisation) runs on the UI thread in one
 * task; 2 000 point features take a few ms there, where one 260 000-feature result took 0.7 s.
 */
export const FEATURE_CHUNK = 2_000;
type ImportFn = typeof defaultImportFile;

/** Worker side: returns the onmessage handler. */
export function createImportHandler(
  post: Post,
  importFile: ImportFn = defaultImportFile,
  loadReference?: (url: string) => Promise<AlignmentReference | null>,
): (data: unknown) => Promise<void> {
  const running = new Map<number, AbortController>();
  return async (data: unknown) => {
    if (!isImportRequest(data)) {
      const jobId = typeof (data as { jobId?: unknown })?.jobId === 'number' ? (data as { jobId: number }).jobId : -1;
      post({ type: 'error', jobId, message: 'Malformed message to the import worker.' });
      return;
    }
    if (data.type === 'cancel') {
      running.get(data.jobId)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(data.jobId, controller);
    let last = -1;
    try {
      const result = await importFile(
        data.name,
        new Uint8Array(data.bytes),
        data.options ?? {},
        (fraction, stage) => {
          // At most ~100 progress messages per job.
          const pct = Math.floor(fraction * 100);
          if (pct === last && fraction < 1) return;
          last = pct;
          post({ type: 'progress', jobId: data.jobId, fraction, stage });
        },
        controller.signal,
        {
          parts: data.parts?.length ? new Map(data.parts.map((p) => [p.name, new Uint8Array(p.bytes)])) : undefined,
          reference: loadReference && typeof data.referenceUrl === 'string' ? () => loadReference(data.referenceUrl as string) : undefined,
        },
      );
      if (controller.signal.aborted || result.errors.some((e) => e.code === 'cancelled')) post({ type: 'cancelled', jobId: data.jobId });
      else {
        // Big layers go in slices; the result then carries those layers with empty feature lists.
        const layers = result.layers.map((l, i) => {
          if (l.features.length <= FEATURE_CHUNK) return l;
          for (let k = 0; k < l.features.length; k += FEATURE_CHUNK) {
            if (controller.signal.aborted) break;
            post({ type: 'features', jobId: data.jobId, layer: i, features: l.features.slice(k, k + FEATURE_CHUNK) });
          }
          return { ...l, features: [] };
        });
        if (controller.signal.aborted) post({ type: 'cancelled', jobId: data.jobId });
        else post({ type: 'result', jobId: data.jobId, result: { ...result, layers } });
      }
    } catch (e) {
      post({ type: 'error', jobId: data.jobId, message: `${data.name}: ${(e as Error)?.message ?? String(e)}` });
    } finally {
      running.delete(data.jobId);
    }
  };
}

export interface ImportJob {
  promise: Promise<ImportResult | null>;
  cancel: () => void;
}

export interface WorkerLike {
  postMessage(msg: ImportRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (e: { data: ImportResponse }) => void): void;
}

/** UI side: one client per worker; resolves null when cancelled. The bytes are transferred, not copied. */
export function createImportClient(worker: WorkerLike) {
  let next = 1;
  type Job = {
    resolve: (r: ImportResult | null) => void;
    reject: (e: Error) => void;
    onProgress?: (f: number, s: string) => void;
    slices: Map<number, ImportResult['layers'][number]['features'][]>;
  };
  const jobs = new Map<number, Job>();
  worker.addEventListener('message', (e) => {
    const msg = e.data;
    const job = jobs.get(msg.jobId);
    if (!job) return;
    if (msg.type === 'progress') job.onProgress?.(msg.fraction, msg.stage);
    else if (msg.type === 'features') {
      const list = job.slices.get(msg.layer) ?? [];
      list.push(msg.features);
      job.slices.set(msg.layer, list);
    } else {
      jobs.delete(msg.jobId);
      if (msg.type === 'result') {
        const layers = msg.result.layers.map((l, i) => {
          const slices = job.slices.get(i);
          return slices ? { ...l, features: l.features.concat(...slices) } : l;
        });
        job.resolve({ ...msg.result, layers });
      }
      else if (msg.type === 'cancelled') job.resolve(null);
      else job.reject(new Error(msg.message));
    }
  });
  return {
    importFile(
      name: string,
      bytes: ArrayBuffer,
      options?: ImportOptions,
      onProgress?: (f: number, s: string) => void,
      parts: { name: string; bytes: ArrayBuffer }[] = [],
      referenceUrl?: string,
    ): ImportJob {
      const jobId = next++;
      const promise = new Promise<ImportResult | null>((resolve, reject) => jobs.set(jobId, { resolve, reject, onProgress, slices: new Map() }));
      worker.postMessage({ type: 'import', jobId, name, bytes, options, ...(parts.length ? { parts } : {}), ...(referenceUrl ? { referenceUrl } : {}) }, [bytes, ...parts.map((p) => p.bytes)]);
      return { promise, cancel: () => worker.postMessage({ type: 'cancel', jobId }) };
    },
  };
}
