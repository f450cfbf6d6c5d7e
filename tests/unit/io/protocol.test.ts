import { describe, expect, it } from 'vitest';
import { createImportClient, createImportHandler, FEATURE_CHUNK, isImportRequest, type ImportRequest, type ImportResponse } from '../../../src/lib/io/protocol';
import { fixture } from './helpers';

/** In-memory worker: client ↔ handler through the same message shapes a Worker would carry. */
function wire() {
  const listeners: ((e: { data: ImportResponse }) => void)[] = [];
  const posted: ImportResponse[] = [];
  const handle = createImportHandler((msg) => {
    posted.push(msg);
    listeners.forEach((l) => l({ data: structuredClone(msg) }));
  });
  const worker = {
    postMessage: (msg: ImportRequest) => void handle(msg),
    addEventListener: (_: 'message', fn: (e: { data: ImportResponse }) => void) => listeners.push(fn),
  };
  return { client: createImportClient(worker), posted };
}

const buf = (rel: string) => {
  const b = fixture(rel);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

describe('import worker protocol', () => {
  it('validates requests', () => {
    expect(isImportRequest({ type: 'import', jobId: 1, name: 'a.csv', bytes: new ArrayBuffer(1) })).toBe(true);
    expect(isImportRequest({ type: 'cancel', jobId: 1 })).toBe(true);
    expect(isImportRequest({ type: 'import', jobId: 1, name: 'a.csv', bytes: 'nope' })).toBe(false);
    expect(isImportRequest({ type: 'import', name: 'a.csv', bytes: new ArrayBuffer(1) })).toBe(false);
    expect(isImportRequest(null)).toBe(false);
  });

  it('runs an import with progress and returns a structured-cloneable result', async () => {
    const { client, posted } = wire();
    const progress: number[] = [];
    const result = await client.importFile('shp-gk105.zip', buf('shp-gk105.zip'), {}, (f) => progress.push(f)).promise;
    expect(result?.layers.map((l) => l.name)).toEqual(['places_gk', 'zone_gk']);
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(1);
    expect(posted[posted.length - 1].type).toBe('result');
  });

  it('cancel resolves the job with null', async () => {
    const { client } = wire();
    // A big CSV so the conversion loop yields and sees the cancel.
    const rows = Array.from({ length: 20000 }, (_, i) => `p${i},${104 + (i % 1000) / 1e4},${30 + i / 1e6}`).join('\n');
    const bytes = new TextEncoder().encode(`name,lon,lat\n${rows}\n`).buffer as ArrayBuffer;
    const job = client.importFile('big.csv', bytes);
    setTimeout(job.cancel, 0);
    expect(await job.promise).toBeNull();
  });

  it('answers a malformed message with an error, not a crash', async () => {
    const posted: ImportResponse[] = [];
    const handle = createImportHandler((m) => posted.push(m));
    await handle({ type: 'import', jobId: 7, name: 3 });
    expect(posted).toEqual([{ type: 'error', jobId: 7, message: 'Malformed message to the import worker.' }]);
  });
});

describe('big results travel in slices', () => {
  it(`a layer over FEATURE_CHUNK features is sent as feature messages and reassembled in order`, async () => {
    const n = FEATURE_CHUNK * 2 + 123;
    const features = Array.from({ length: n }, (_, i) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [104 + i * 1e-5, 30] },
      properties: { i, 名称: `点${i}` },
    }));
    const small = [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [104, 31] }, properties: {} }];
    const layer = (name: string, fs: typeof features | typeof small) =>
      ({ name, file: 'x.csv', format: 'csv', crs: { used: 'EPSG:4326' }, encoding: null, features: fs, warnings: [], rejected: [] }) as never;
    const fake = async () => ({ layers: [layer('small', small), layer('big', features)], errors: [] });
    const listeners: ((e: { data: ImportResponse }) => void)[] = [];
    const posted: ImportResponse[] = [];
    const handle = createImportHandler((msg) => {
      posted.push(msg);
      listeners.forEach((l) => l({ data: structuredClone(msg) }));
    }, fake as never);
    const client = createImportClient({
      postMessage: (msg: ImportRequest) => void handle(msg),
      addEventListener: (_: 'message', fn: (e: { data: ImportResponse }) => void) => listeners.push(fn),
    });
    const result = await client.importFile('x.csv', new ArrayBuffer(1)).promise;
    const slices = posted.filter((m) => m.type === 'features');
    expect(slices.map((m) => (m.type === 'features' ? [m.layer, m.features.length] : null))).toEqual([
      [1, FEATURE_CHUNK],
      [1, FEATURE_CHUNK],
      [1, 123],
    ]);
    const final = posted.find((m) => m.type === 'result');
    expect(final?.type === 'result' && final.result.layers[1].features.length).toBe(0);
    expect(result!.layers[0].features).toEqual(small);
    expect(result!.layers[1].features).toEqual(features);
  });
});
