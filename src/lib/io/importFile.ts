// importFile: any supported file → WGS84 layers, with every conversion and problem reported.
import type { Feature, Geometry, Position } from 'geojson';
import { detectCrs, getCrs, toWgs84, type CrsDef, type CrsDetection, type Position2 } from '../geo/crs';
import { extensionOf, formatOf, sniffHead } from './formats/index';
import {
  DEFAULT_LIMITS,
  ImportError,
  type ImportedLayer,
  type ImportLimits,
  type ImportMessage,
  type ImportOptions,
  type ImportResult,
  type ProgressFn,
  type RawFeature,
  type RawLayer,
  type RejectedFeature,
} from './types';
import { forEachPosition, mapPositions, selfIntersections } from '../geo/kernel';
import { firstOutOfRange, GeometryProblem, readGeometry, sanitiseProperties, type GeometryFixes } from './sanitise';

/** Detailed messages of one kind per layer before they are summarised. */
const MAX_DETAILED = 20;
const SAMPLE_POSITIONS = 4_000;
const YIELD_EVERY = 2_000;

const fmtBytes = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`);

const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function featureWhere(file: string, layer: RawLayer, multiLayer: boolean, f: Pick<RawFeature, 'index' | 'id' | 'label'>): string {
  const who = f.label ?? `feature ${f.index}`;
  const id = f.id !== undefined ? ` (id ${JSON.stringify(f.id)})` : '';
  return `${file}${multiLayer ? ` › ${layer.name}` : ''} › ${who}${id}`;
}

function parseRaw(name: string, bytes: Uint8Array, options: ImportOptions, limits: ImportLimits, signal?: AbortSignal): RawLayer[] {
  const sniff = { ext: extensionOf(name), head: sniffHead(bytes) };
  const format = formatOf(name, bytes, sniff);
  if (!format?.import) {
    throw new ImportError(
      'unknown-format',
      `${name}: format not recognised. Accepted: GeoJSON, TopoJSON, KML, KMZ, zipped Shapefile, CSV/TSV.`,
    );
  }
  return format.import({ name, bytes, options, limits, signal, ...sniff });
}

function samplePositions(geoms: Geometry[]): Position[] {
  const all: Position[] = [];
  let total = 0;
  for (const g of geoms) forEachPosition(g, () => total++);
  const step = Math.max(1, Math.floor(total / SAMPLE_POSITIONS));
  let i = 0;
  for (const g of geoms) {
    forEachPosition(g, (p) => {
      if (i++ % step === 0) all.push(p);
    });
  }
  return all;
}

class MessageLog {
  readonly messages: ImportMessage[] = [];
  private counts = new Map<string, number>();
  add(m: ImportMessage) {
    const n = (this.counts.get(m.code) ?? 0) + 1;
    this.counts.set(m.code, n);
    if (n <= MAX_DETAILED) this.messages.push(m);
  }
  summarise(file: string, layer: string) {
    for (const [code, n] of this.counts) {
      if (n > MAX_DETAILED) {
        this.messages.push({ file, layer, code, message: `${file} › ${layer}: ${n - MAX_DETAILED} more "${code}" messages not listed (${n} in all).` });
      }
    }
  }
}

async function convertLayer(
  file: string,
  raw: RawLayer,
  multiLayer: boolean,
  options: ImportOptions,
  signal: AbortSignal | undefined,
  progress: (done: number) => void,
): Promise<ImportedLayer | ImportMessage> {
  const log = new MessageLog();
  raw.warnings.forEach((w) => log.add(w));
  const rejected: RejectedFeature[] = [...raw.rejected];
  const where = (f: RawFeature) => featureWhere(file, raw, multiLayer, f);

  // 1. structure
  const valid: { raw: RawFeature; geometry: Geometry; fixes: GeometryFixes }[] = [];
  let droppedZ = false;
  for (const f of raw.features) {
    const fixes: GeometryFixes = { closedRings: 0, droppedZ: false };
    try {
      valid.push({ raw: f, geometry: readGeometry(f.geometry, fixes), fixes });
      droppedZ ||= fixes.droppedZ;
    } catch (e) {
      if (!(e instanceof GeometryProblem)) throw e;
      const reason = `${where(f)}: ${e.message}; kept aside, not imported.`;
      rejected.push({ index: f.index, id: f.id, reason, source: { geometry: f.geometry, properties: f.properties } });
      log.add({ file, layer: raw.name, feature: { index: f.index, id: f.id, label: f.label }, code: e.code, message: reason });
    }
  }
  if (droppedZ) log.add({ file, layer: raw.name, code: 'z-dropped', message: `${file} › ${raw.name}: heights (Z values) were dropped; the map is 2D.` });

  // 2. coordinate system
  const detected: CrsDetection = raw.declaredCrs
    ? (() => {
        const crs = getCrs(raw.declaredCrs.id);
        return crs
          ? { crs, confidence: 'high' as const, reason: raw.declaredCrs.reason, swapAxes: false, alternatives: crs.id === 'EPSG:4326' ? ['GCJ-02', 'BD-09'] : [] }
          : detectCrs(raw.prj, samplePositions(valid.map((v) => v.geometry)));
      })()
    : detectCrs(raw.prj, samplePositions(valid.map((v) => v.geometry)));
  let used: CrsDef | null = detected.crs;
  let byUser = false;
  if (options.crs) {
    const chosen = getCrs(options.crs);
    if (!chosen) return { file, layer: raw.name, code: 'unknown-crs', message: `${file}: the coordinate system "${options.crs}" is not supported.` };
    used = chosen;
    byUser = true;
  }
  if (!used) {
    if (valid.length === 0 && rejected.length > 0) used = null;
    else return { file, layer: raw.name, code: 'crs-unknown', message: `${file}${multiLayer ? ` › ${raw.name}` : ''}: ${detected.reason}` };
  }
  const swap = options.swapAxes ?? detected.swapAxes;
  if (!byUser && (detected.confidence === 'low' || detected.swapAxes)) {
    log.add({ file, layer: raw.name, code: 'crs-guess', message: `${file}${multiLayer ? ` › ${raw.name}` : ''}: ${detected.reason}` });
  }

  // 3. convert, range-check, ring check
  const features: Feature<Geometry, Record<string, unknown>>[] = [];
  let n = 0;
  for (const v of valid) {
    if (++n % YIELD_EVERY === 0) {
      progress(n);
      await yieldNow();
      if (signal?.aborted) throw new ImportError('cancelled', `${file}: import cancelled.`);
    }
    const f = v.raw;
    const fid = { index: f.index, id: f.id, label: f.label };
    let badSource: Position | null = null;
    const geometry = mapPositions(v.geometry, (p) => {
      const src: Position2 = swap ? [p[1], p[0]] : [p[0], p[1]];
      const out = used ? toWgs84(used, src) : src;
      if (!badSource && (!Number.isFinite(out[0]) || !Number.isFinite(out[1]) || Math.abs(out[0]) > 180 || Math.abs(out[1]) > 90)) badSource = p;
      return [out[0], out[1]];
    });
    const bad = badSource ?? firstOutOfRange(geometry);
    if (bad) {
      const reason =
        `${where(f)}: coordinate ${JSON.stringify(bad)} is out of range` +
        (used && used.kind === 'geographic' ? ' (longitude −180…180, latitude −90…90)' : ` after conversion from ${used?.name}`) +
        '; kept aside, not imported.';
      rejected.push({ index: f.index, id: f.id, reason, source: { geometry: f.geometry, properties: f.properties } });
      log.add({ file, layer: raw.name, feature: fid, code: 'out-of-range', message: reason });
      continue;
    }
    if (v.fixes.closedRings > 0) {
      log.add({
        file,
        layer: raw.name,
        feature: fid,
        code: 'ring-not-closed',
        message: `${where(f)}: ${v.fixes.closedRings} polygon ring(s) not closed; closed by repeating the first point.`,
      });
    }
    const kink = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon' ? selfIntersections(geometry).crossings[0] : undefined;
    if (kink) {
      log.add({
        file,
        layer: raw.name,
        feature: fid,
        code: 'self-intersection',
        message: `${where(f)}: polygon ring crosses itself near [${kink[0].toFixed(6)}, ${kink[1].toFixed(6)}]; imported as is, but its area and overlaps may be wrong.`,
      });
    }
    const { properties, report } = sanitiseProperties(f.properties);
    if (report.droppedKeys.length) {
      log.add({
        file,
        layer: raw.name,
        feature: fid,
        code: 'unsafe-key',
        message: `${where(f)}: attribute name(s) ${report.droppedKeys.map((k) => JSON.stringify(k)).join(', ')} dropped (reserved in JavaScript).`,
      });
    }
    if (report.htmlKeys.length) {
      log.add({
        file,
        layer: raw.name,
        feature: fid,
        code: 'html-in-attribute',
        message: `${where(f)}: attribute(s) ${report.htmlKeys.map((k) => JSON.stringify(k)).join(', ')} contain HTML or script; kept as plain text, never run.`,
      });
    }
    const feature: Feature<Geometry, Record<string, unknown>> = { type: 'Feature', geometry, properties };
    if (f.id !== undefined) feature.id = f.id;
    features.push(feature);
  }
  log.summarise(file, raw.name);
  return {
    name: raw.name,
    file,
    format: raw.format,
    features,
    crs: { detected, used: used?.id ?? null, usedName: used?.name ?? null, byUser },
    encoding: raw.encoding,
    warnings: log.messages,
    rejected,
  };
}

/**
 * Import one file. Never throws for bad input: problems come back as `errors` (the file or a layer could
 * not be imported) or per-layer `warnings`/`rejected` (features fixed or kept aside, each named).
 */
export async function importFile(
  name: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
  onProgress: ProgressFn = () => {},
  signal?: AbortSignal,
): Promise<ImportResult> {
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const fail = (e: unknown): ImportResult => {
    if (e instanceof ImportError) return { layers: [], errors: [{ file: name, code: e.code, message: e.message, feature: e.feature }] };
    // A parser bug or a library choking on odd bytes: still a structured, named message.
    return { layers: [], errors: [{ file: name, code: 'unreadable', message: `${name}: the file could not be read (${(e as Error)?.message ?? String(e)}); nothing imported.` }] };
  };
  try {
    if (bytes.length === 0) throw new ImportError('empty-file', `${name}: the file is empty; nothing imported.`);
    if (bytes.length > limits.maxBytes) {
      throw new ImportError(
        'file-too-large',
        `${name}: ${fmtBytes(bytes.length)} is over the ${fmtBytes(limits.maxBytes)} limit; split or simplify it first.`,
      );
    }
    onProgress(0, 'reading');
    const rawLayers = parseRaw(name, bytes, options, limits, signal);
    if (signal?.aborted) throw new ImportError('cancelled', `${name}: import cancelled.`);
    const total = rawLayers.reduce((s, l) => s + l.features.length, 0);
    if (total > limits.maxFeatures) {
      throw new ImportError('too-many-features', `${name}: ${total} features is over the limit of ${limits.maxFeatures}; split the file first.`);
    }
    if (total === 0 && rawLayers.every((l) => l.rejected.length === 0)) {
      throw new ImportError('empty-file', `${name}: no features in the file; nothing imported.`);
    }
    onProgress(0.3, 'converting');
    const result: ImportResult = { layers: [], errors: [] };
    let before = 0;
    for (const raw of rawLayers) {
      const out = await convertLayer(name, raw, rawLayers.length > 1, options, signal, (done) =>
        onProgress(0.3 + (0.7 * (before + done)) / Math.max(total, 1), 'converting'),
      );
      before += raw.features.length;
      if ('features' in out) result.layers.push(out);
      else result.errors.push(out);
    }
    onProgress(1, 'done');
    return result;
  } catch (e) {
    return fail(e);
  }
}
