// The main thread's side of the analysis worker: one worker, typed jobs, progress and cancel.
// All heavy work runs in src/workers/analysis.worker.ts (a shell over src/lib/analysis/dispatch.ts).
import type { Topology } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AnalysisKind, AnalysisRequest, AnalysisResponse, AnalysisResultMap, AnalysisErrorInfo, UnitRef } from '../lib/analysis/protocol.ts';
import { dataVersion } from '../lib/analysis/user-inputs.ts';
import type { Jurisdiction } from '../lib/analysis/jurisdiction.ts';
import type { GeometryIssue } from '../lib/analysis/validate-geometry.ts';
import { decodeBasemap, type AdminProps, type Basemap } from '../lib/basemap/decode.ts';

type Req = Exclude<AnalysisRequest, { type: 'cancel' }>;
type NoId<T> = T extends unknown ? Omit<T, 'jobId'> : never;

export class AnalysisError extends Error {
  constructor(public info: AnalysisErrorInfo) {
    super(info.message);
    this.name = info.name;
  }
}

export interface Job<K extends AnalysisKind> {
  id: string;
  promise: Promise<{ result: AnalysisResultMap[K]; ms: number }>;
  cancel: () => void;
}

interface Pending {
  resolve: (v: { result: unknown; ms: number }) => void;
  reject: (e: Error) => void;
  onProgress?: (done: number, total: number) => void;
}

let worker: Worker | null = null;
const pending = new Map<string, Pending>();
let seq = 0;

function ensureWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../workers/analysis.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (e: MessageEvent<AnalysisResponse>) => {
    const msg = e.data;
    const p = pending.get(msg.jobId);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.done, msg.total);
      return;
    }
    pending.delete(msg.jobId);
    if (msg.type === 'result') p.resolve({ result: msg.result, ms: msg.ms });
    else if (msg.type === 'cancelled') p.reject(Object.assign(new Error('Analysis cancelled'), { name: 'AbortError' }));
    else p.reject(new AnalysisError(msg.error));
  });
  worker.addEventListener('error', (e) => {
    for (const [, p] of pending) p.reject(new Error(`analysis worker: ${e.message}`));
    pending.clear();
  });
  return worker;
}

/** Starts a job in the worker. `cancel` asks the worker to stop; the promise then rejects with AbortError. */
export function runAnalysis<R extends NoId<Req>>(
  req: R,
  onProgress?: (done: number, total: number) => void,
): Job<R['type'] & AnalysisKind> {
  const w = ensureWorker();
  const id = `${req.type}-${++seq}`;
  const promise = new Promise<{ result: AnalysisResultMap[R['type'] & AnalysisKind]; ms: number }>((resolve, reject) => {
    pending.set(id, { resolve: resolve as Pending['resolve'], reject, onProgress });
  });
  const msg = { ...req, jobId: id } as AnalysisRequest;
  try {
    w.postMessage(msg);
  } catch {
    // reactive state proxies cannot be cloned; a JSON copy of the (GeoJSON) request can
    w.postMessage(JSON.parse(JSON.stringify(msg)) as AnalysisRequest);
  }
  return { id, promise, cancel: () => w.postMessage({ type: 'cancel', jobId: id } satisfies AnalysisRequest) };
}

/**
 * Runs a job over a list of features; features the worker rejects as invalid (e.g. a boundary that
 * crosses itself) are left out and the job is run again. The left-out issues come back with the result.
 */
export async function runSkippingInvalid<R extends NoId<Req>>(
  make: (skip: ReadonlySet<string>) => R,
  onJob?: (job: Job<R['type'] & AnalysisKind>) => void,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ result: AnalysisResultMap[R['type'] & AnalysisKind]; ms: number; skipped: GeometryIssue[] }> {
  const skip = new Set<string>();
  const skipped: GeometryIssue[] = [];
  for (;;) {
    if (signal?.aborted) throw Object.assign(new Error('Analysis cancelled'), { name: 'AbortError' });
    const job = runAnalysis(make(skip), onProgress);
    signal?.addEventListener('abort', job.cancel, { once: true });
    onJob?.(job);
    try {
      return { ...(await job.promise), skipped };
    } catch (e) {
      const issues = e instanceof AnalysisError ? (e.info.issues ?? []) : [];
      const fresh = issues.filter((i) => !skip.has(i.feature));
      // only features of the list can be skipped; a bad hub or point stops the job
      if (!fresh.length || fresh.some((i) => ['hub', 'point', 'a', 'b', 'geometry'].includes(i.feature))) throw e;
      for (const i of fresh) {
        skip.add(i.feature);
        skipped.push(i);
      }
    }
  }
}

// --- the basemap's counties and prefectures, as analysis inputs ---

let basemapP: Promise<Basemap & { version: string }> | null = null;
/** The shipped basemap, decoded once (the browser has it cached from the map's start). */
export function basemapData(): Promise<Basemap & { version: string }> {
  basemapP ??= fetch(`${import.meta.env.BASE_URL}data/basemap.topo.json`)
    .then((r) => {
      if (!r.ok) throw new Error(`basemap.topo.json: HTTP ${r.status}`);
      return r.text();
    })
    .then((text) => ({ ...decodeBasemap(JSON.parse(text) as Topology), version: dataVersion(text) }));
  return basemapP;
}

export type UnitLevel = 'county' | 'prefecture';

/** Counties or prefectures as features with id = adcode (for overlaps, catchments). */
export async function unitFeatures(level: UnitLevel): Promise<Feature<Polygon | MultiPolygon, AdminProps>[]> {
  const b = await basemapData();
  const fc = level === 'county' ? b.counties : b.prefectures;
  return fc.features
    .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
    .map((f) => ({ ...f, id: f.properties.adcode })) as Feature<Polygon | MultiPolygon, AdminProps>[];
}

const unitsSent = new Map<UnitLevel, Promise<GeometryIssue[]>>();
/**
 * Sends one level's units to the worker once (it validates and projects them there and keeps
 * them, keyed by the data version). Units it rejects (重庆市 as one unit crosses itself) are left
 * out; their issues are returned.
 */
export function ensureUnits(level: UnitLevel): Promise<GeometryIssue[]> {
  let p = unitsSent.get(level);
  if (!p) {
    p = (async () => {
      const version = (await basemapData()).version;
      const units: Jurisdiction[] = (await unitFeatures(level)).map((f) => ({ ...f.properties, level, geometry: f.geometry }));
      const r = await runSkippingInvalid((skip) => ({ type: 'setJurisdictions' as const, level, version, units: units.filter((u) => !skip.has(u.adcode)) }));
      return r.skipped;
    })();
    unitsSent.set(level, p);
    p.catch(() => unitsSent.delete(level));
  }
  return p;
}

/** Both levels, for per-jurisdiction statistics. */
export async function ensureJurisdictions(): Promise<GeometryIssue[]> {
  return [...(await ensureUnits('county')), ...(await ensureUnits('prefecture'))];
}

/**
 * One level's units as references to the worker's held copy (no geometry sent, no re-validation),
 * with their names; the units the worker left out come back as `skipped`.
 */
export async function unitRefs(level: UnitLevel): Promise<{ units: Array<{ ref: UnitRef; name: { zh: string; en: string } }>; skipped: GeometryIssue[] }> {
  const skipped = await ensureUnits(level);
  const out = new Set(skipped.map((i) => i.feature));
  const units = (await unitFeatures(level))
    .filter((f) => !out.has(f.properties.adcode))
    .map((f) => ({ ref: { unit: level, adcode: f.properties.adcode }, name: { zh: f.properties.zh, en: f.properties.en } }));
  return { units, skipped };
}
