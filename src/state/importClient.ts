// Import worker client: one worker, jobs with progress; cancel asks the worker, and if it is stuck in a
// parse that cannot yield (JSON.parse of a huge file) the worker is terminated so the cancel is immediate.
import { createImportClient } from '../lib/io/protocol.ts';
import type { ImportOptions, ImportResult } from '../lib/io/types.ts';

export interface RunningImport {
  promise: Promise<ImportResult | null>;
  cancel: () => void;
}

let worker: Worker | null = null;
let client: ReturnType<typeof createImportClient> | null = null;
/** Resolvers of jobs on the current worker, so a terminate settles them all as cancelled. */
const live = new Set<(r: ImportResult | null) => void>();

function ensure() {
  if (!worker || !client) {
    worker = new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' });
    client = createImportClient(worker);
  }
  return client;
}

function terminate(): void {
  worker?.terminate();
  worker = null;
  client = null;
  for (const resolve of [...live]) resolve(null);
  live.clear();
}

/** Runs one import in the worker. The bytes are transferred (the caller keeps its own copy if needed). */
export function runImport(
  name: string,
  bytes: ArrayBuffer,
  options: ImportOptions,
  onProgress: (fraction: number, stage: string) => void,
  parts: { name: string; bytes: ArrayBuffer }[] = [],
): RunningImport {
  let settle!: (r: ImportResult | null) => void;
  let fail!: (e: Error) => void;
  let done = false;
  const promise = new Promise<ImportResult | null>((resolve, reject) => {
    settle = (r) => {
      if (done) return;
      done = true;
      live.delete(settle);
      resolve(r);
    };
    fail = (e) => {
      if (done) return;
      done = true;
      live.delete(settle);
      reject(e);
    };
  });
  live.add(settle);
  // The bundled county boundaries, for the alignment check (the worker fetches them once).
  const referenceUrl = new URL('data/basemap.topo.json', document.baseURI).href;
  const job = ensure().importFile(name, bytes, options, onProgress, parts, referenceUrl);
  job.promise.then(settle, fail);
  return {
    promise,
    cancel: () => {
      if (done) return;
      job.cancel();
      // The worker honours a cancel between batches; a long parse step cannot, so stop it outright.
      setTimeout(() => {
        if (!done) terminate();
      }, 400);
    },
  };
}
