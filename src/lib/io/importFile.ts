// importFile: any supported file → WGS84 layers, with every conversion and problem reported.
import type { Feature, Geometry, Position } from 'geojson';
import { detectCrs, getCrs, inChinaBox, toWgs84, type CrsDef, type CrsDetection, type Position2 } from '../geo/crs';
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
import { firstOutOfRange, GeometryProblem, MAX_DEPTH, readGeometry, sanitiseProperties, type GeometryFixes } from './sanitise';
import { inEnglish, msg, plainMsg, type IoMsg, type IoVar } from './messages';
import { checkAlignment, DATUMS, type AlignmentReference } from './alignment';
import { guessLabelField } from './labelField';
import { ioNote } from './types';

/** Detailed messages of one kind per layer before they are summarised. */
const MAX_DETAILED = 20;
const SAMPLE_POSITIONS = 4_000;
const YIELD_EVERY = 2_000;

const fmtBytes = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`);

const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Where a feature is: file › layer › feature 3 (id "a"), or the format's own label (row 5). */
function featureWhere(file: string, layer: RawLayer, multiLayer: boolean, f: Pick<RawFeature, 'index' | 'id' | 'label'>): IoMsg {
  const who = f.label ?? msg('io.at.feature', { n: f.index });
  const place = msg(multiLayer ? 'io.at.inLayer' : 'io.at.inFile', { file, layer: layer.name, who });
  return f.id !== undefined ? msg('io.at.withId', { at: place, id: JSON.stringify(f.id) }) : place;
}

const layerWhere = (file: string, layer: string, multiLayer: boolean): IoVar => (multiLayer ? msg('io.at.layer', { file, layer }) : file);

function parseRaw(
  name: string,
  bytes: Uint8Array,
  options: ImportOptions,
  limits: ImportLimits,
  signal?: AbortSignal,
  parts?: ReadonlyMap<string, Uint8Array>,
): RawLayer[] | Promise<RawLayer[]> {
  const sniff = { ext: extensionOf(name), head: sniffHead(bytes) };
  const format = formatOf(name, bytes, sniff);
  if (!format?.import) {
    throw new ImportError('unknown-format', msg('io.err.unknownFormat', { file: name }));
  }
  return format.import({ name, bytes, options, limits, signal, parts, ...sniff });
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
        this.messages.push(ioNote(file, code, msg('io.warn.more', { at: msg('io.at.layer', { file, layer }), more: n - MAX_DETAILED, code, n }), { layer }));
      }
    }
  }
}

/** What an import gets besides the file: its sidecar parts, and the boundaries to check alignment against. */
export interface ImportExtras {
  /** Sidecar files picked with this one (a Shapefile's .dbf, .shx, .prj, .cpg), by name. */
  parts?: ReadonlyMap<string, Uint8Array>;
  /** Loads the bundled county boundaries (once); null when they cannot be had. */
  reference?: () => Promise<AlignmentReference | null>;
}

/** Readings of longitude/latitude the alignment check can tell apart. */
const ALIGNABLE = new Set(['EPSG:4326', 'EPSG:4490', 'GCJ-02', 'BD-09']);

function inChinaSample(geoms: Geometry[]): boolean {
  const pts = samplePositions(geoms).slice(0, 200);
  return pts.length > 0 && pts.filter((p) => inChinaBox(p[0], p[1])).length >= pts.length / 2;
}

const fid = (f: RawFeature) => ({ index: f.index, id: f.id, label: f.label ? inEnglish(f.label) : undefined });

/** "<where>: <detection reason>" from the catalog messages of the detection. */
function reasonAt(at: IoVar, detected: CrsDetection): IoMsg {
  const parts: IoMsg[] = detected.reasonMsgs?.length ? detected.reasonMsgs : [];
  return msg('io.at.reason', { at, reason: parts.length ? parts : detected.reason });
}

async function convertLayer(
  file: string,
  raw: RawLayer,
  multiLayer: boolean,
  options: ImportOptions,
  signal: AbortSignal | undefined,
  progress: (done: number) => void,
  reference: ImportExtras['reference'],
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
      const m = msg('io.reject.geometry', { at: where(f), problem: e.msg });
      rejected.push({ index: f.index, id: f.id, reason: inEnglish(m), reasonMsg: m, source: { geometry: f.geometry, properties: f.properties } });
      log.add(ioNote(file, e.code, m, { layer: raw.name, feature: fid(f) }));
    }
  }
  if (droppedZ) log.add(ioNote(file, 'z-dropped', msg('io.warn.zDropped', { at: msg('io.at.layer', { file, layer: raw.name }) }), { layer: raw.name }));

  // 2. coordinate system
  let detected: CrsDetection = raw.declaredCrs
    ? (() => {
        const crs = getCrs(raw.declaredCrs.id);
        return crs
          ? {
              crs,
              confidence: 'high' as const,
              reason: inEnglish(raw.declaredCrs.reason),
              reasonMsgs: [raw.declaredCrs.reason],
              swapAxes: false,
              alternatives: crs.id === 'EPSG:4326' ? ['GCJ-02', 'BD-09'] : [],
            }
          : detectCrs(raw.prj, samplePositions(valid.map((v) => v.geometry)));
      })()
    : detectCrs(raw.prj, samplePositions(valid.map((v) => v.geometry)));
  let used: CrsDef | null = detected.crs;
  let byUser = false;
  if (options.crs) {
    const chosen = getCrs(options.crs);
    if (!chosen) return ioNote(file, 'unknown-crs', msg('io.err.unknownCrs', { file, crs: options.crs }), { layer: raw.name });
    used = chosen;
    byUser = true;
  }
  if (!used) {
    const sample = samplePositions(valid.map((v) => v.geometry));
    const degreeSized = sample.length > 0 && sample.every((p) => Math.abs(p[0]) < 1000 && Math.abs(p[1]) < 1000);
    const impossible = sample.find((p) => Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90);
    if (valid.length === 0 && rejected.length > 0) used = null;
    else if (degreeSized && impossible) {
      const coord = JSON.stringify(impossible.slice(0, 2));
      return ioNote(file, 'impossible-coordinates', msg('io.err.impossibleCoordinates', { at: layerWhere(file, raw.name, multiLayer), coord }), { layer: raw.name });
    } else return ioNote(file, 'crs-unknown', reasonAt(layerWhere(file, raw.name, multiLayer), detected), { layer: raw.name });
  }
  // 2b. longitude/latitude in China: WGS84, GCJ-02 or BD-09? The bundled county boundaries decide when the
  // layer follows them; the finding is applied only where nothing else (user, .prj, the format) named the datum.
  let alignment: ImportedLayer['alignment'];
  const swap = options.swapAxes ?? detected.swapAxes;
  if (used && reference && !swap && ALIGNABLE.has(used.id) && valid.length > 0 && inChinaSample(valid.map((v) => v.geometry))) {
    const ref = await reference();
    if (ref) {
      const report = checkAlignment(valid.map((v) => ({ geometry: v.geometry, properties: v.raw.properties })), ref);
      const free = !byUser && !raw.declaredCrs && !raw.prj;
      const apply = free && report.datum !== null && report.datum !== 'EPSG:4326' && (report.confidence === 'high' || report.confidence === 'medium');
      if (apply) {
        used = getCrs(report.datum!)!;
        detected = {
          crs: used,
          confidence: report.confidence,
          reason: report.msgs.map(inEnglish).join(' '),
          reasonMsgs: [plainMsg('io.align.detectedBy')],
          swapAxes: false,
          alternatives: ['EPSG:4326', ...DATUMS.filter((d) => d !== used!.id && d !== 'EPSG:4326')],
        };
      }
      // The one-click alternative is the other reading: the best fit when it was not applied, else WGS84.
      const usedId = used.id === 'EPSG:4490' ? 'EPSG:4326' : used.id;
      const alternative = !apply && report.datum && report.datum !== usedId ? report.datum : report.alternative === usedId ? null : report.alternative;
      alignment = { ...report, alternative, applied: apply };
    }
  }
  if (!byUser && (detected.confidence === 'low' || detected.swapAxes)) {
    log.add(ioNote(file, 'crs-guess', reasonAt(layerWhere(file, raw.name, multiLayer), detected), { layer: raw.name }));
  }

  // 3. convert, range-check, ring check
  const features: Feature<Geometry, Record<string, unknown>>[] = [];
  let n = 0;
  for (const v of valid) {
    if (++n % YIELD_EVERY === 0) {
      progress(n);
      await yieldNow();
      if (signal?.aborted) throw new ImportError('cancelled', msg('io.err.cancelled', { file }));
    }
    const f = v.raw;
    let badSource: Position | null = null;
    const geometry = mapPositions(v.geometry, (p) => {
      const src: Position2 = swap ? [p[1], p[0]] : [p[0], p[1]];
      const out = used ? toWgs84(used, src) : src;
      if (!badSource && (!Number.isFinite(out[0]) || !Number.isFinite(out[1]) || Math.abs(out[0]) > 180 || Math.abs(out[1]) > 90)) badSource = p;
      return [out[0], out[1]];
    });
    const bad = badSource ?? firstOutOfRange(geometry);
    if (bad) {
      const m =
        used && used.kind === 'geographic'
          ? msg('io.reject.outOfRangeDeg', { at: where(f), coord: JSON.stringify(bad) })
          : msg('io.reject.outOfRangeConverted', { at: where(f), coord: JSON.stringify(bad), crs: used?.name ?? '—' });
      rejected.push({ index: f.index, id: f.id, reason: inEnglish(m), reasonMsg: m, source: { geometry: f.geometry, properties: f.properties } });
      log.add(ioNote(file, 'out-of-range', m, { layer: raw.name, feature: fid(f) }));
      continue;
    }
    if (v.fixes.closedRings > 0) {
      log.add(ioNote(file, 'ring-not-closed', msg('io.warn.ringNotClosed', { at: where(f), n: v.fixes.closedRings }), { layer: raw.name, feature: fid(f) }));
    }
    const kink = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon' ? selfIntersections(geometry).crossings[0] : undefined;
    if (kink) {
      const near = `[${kink[0].toFixed(6)}, ${kink[1].toFixed(6)}]`;
      log.add(ioNote(file, 'self-intersection', msg('io.warn.selfIntersection', { at: where(f), near }), { layer: raw.name, feature: fid(f) }));
    }
    const { properties, report } = sanitiseProperties(f.properties);
    if (report.droppedKeys.length) {
      const keys = report.droppedKeys.map((k) => JSON.stringify(k)).join(', ');
      log.add(ioNote(file, 'unsafe-key', msg('io.warn.unsafeKey', { at: where(f), keys }), { layer: raw.name, feature: fid(f) }));
    }
    const keyList = (keys: string[]) => [...new Set(keys.map((k) => k.split(/[.[]/)[0]))].map((k) => JSON.stringify(k)).join(', ');
    if (report.nestedKeys.length) {
      log.add(ioNote(file, 'nested-attribute', msg('io.warn.nested', { at: where(f), keys: keyList(report.nestedKeys), depth: MAX_DEPTH }), { layer: raw.name, feature: fid(f) }));
    }
    if (report.longKeys.length) {
      const size = fmtBytes(Math.max(...report.longKeys.map((k) => k.length)));
      log.add(ioNote(file, 'long-attribute', msg('io.warn.longValue', { at: where(f), keys: keyList(report.longKeys.map((k) => k.key)), size }), { layer: raw.name, feature: fid(f) }));
    }
    if (report.htmlKeys.length) {
      const keys = report.htmlKeys.map((k) => JSON.stringify(k)).join(', ');
      log.add(ioNote(file, 'html-in-attribute', msg('io.warn.htmlInAttribute', { at: where(f), keys }), { layer: raw.name, feature: fid(f) }));
    }
    const feature: Feature<Geometry, Record<string, unknown>> = { type: 'Feature', geometry, properties };
    if (f.id !== undefined) feature.id = f.id;
    features.push(feature);
  }
  log.summarise(file, raw.name);
  if (features.length === 0 && rejected.length > 0) {
    // the first problem without its "kept aside" tail: the whole file is refused
    const rm = rejected[0].reasonMsg;
    const first: IoVar = rm?.vars?.problem ?? rm ?? rejected[0].reason;
    return ioNote(file, 'no-valid-features', msg('io.err.noValidFeatures', { file, n: rejected.length, first }), { layer: raw.name });
  }
  return {
    name: raw.name,
    file,
    format: raw.format,
    features,
    crs: { detected, used: used?.id ?? null, usedName: used?.name ?? null, byUser },
    encoding: raw.encoding,
    ...(raw.zipNames ? { zipNames: raw.zipNames } : {}),
    ...(alignment ? { alignment } : {}),
    labelField: guessLabelField(features.map((f) => f.properties)),
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
  extras: ImportExtras = {},
): Promise<ImportResult> {
  const { parts, reference } = extras;
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const fail = (e: unknown): ImportResult => {
    if (e instanceof ImportError) return { layers: [], errors: [{ ...ioNote(name, e.code, e.msg), feature: e.feature }] };
    // A parser bug or a library choking on odd bytes: still a structured, named message (the library's own
    // words stay in the English log text only).
    const m = msg('io.err.unreadable', { file: name });
    return { layers: [], errors: [{ ...ioNote(name, 'unreadable', m), message: `${inEnglish(m)} (${(e as Error)?.message ?? String(e)})` }] };
  };
  try {
    if (bytes.length === 0) throw new ImportError('empty-file', msg('io.err.empty', { file: name }));
    if (bytes.length > limits.maxBytes) {
      throw new ImportError('file-too-large', msg('io.err.tooLarge', { file: name, size: fmtBytes(bytes.length), limit: fmtBytes(limits.maxBytes) }));
    }
    onProgress(0, 'reading');
    const rawLayers = await parseRaw(name, bytes, options, limits, signal, parts);
    if (signal?.aborted) throw new ImportError('cancelled', msg('io.err.cancelled', { file: name }));
    const total = rawLayers.reduce((s, l) => s + l.features.length, 0);
    if (total > limits.maxFeatures) {
      throw new ImportError('too-many-features', msg('io.err.tooManyFeatures', { file: name, n: total, limit: limits.maxFeatures }));
    }
    if (total === 0 && rawLayers.every((l) => l.rejected.length === 0)) {
      throw new ImportError('empty-file', msg('io.err.noFeatures', { file: name }));
    }
    onProgress(0.3, 'converting');
    const result: ImportResult = { layers: [], errors: [] };
    let before = 0;
    for (const raw of rawLayers) {
      const out = await convertLayer(
        name,
        raw,
        rawLayers.length > 1,
        options,
        signal,
        (done) => onProgress(0.3 + (0.7 * (before + done)) / Math.max(total, 1), 'converting'),
        reference,
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
