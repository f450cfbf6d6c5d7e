// Zipped Shapefiles (.shp + .dbf + .prj + .cpg), read with shpjs's parsers. We unzip ourselves (bounded)
// and keep coordinates raw so the CRS step can detect and report what it did.
import { inEnglish, msg } from '../messages';
import { parseDbf, parseShp } from 'shpjs';
import { isUtf8, normaliseEncoding, ENCODING_CHOICES } from '../text';
import { isZip, unzipBounded } from '../zip';
import { parseCsv } from './csv';
import type { ZipNameInfo } from '../zipNames';
import { ImportError, ioNote, type FileFormat, type EncodingInfo, type ImportLimits, type ImportMessage, type RawFeature, type RawLayer } from '../types';

// dBASE language driver ids that name a Chinese code page (ESRI's LDID table).
const LDID: Record<number, string> = { 0x4d: 'gbk', 0x7a: 'gbk', 0x4f: 'big5', 0x78: 'big5' };

function dbfEncoding(dbf: Uint8Array, cpg: string | undefined, override: string | undefined, file: string): EncodingInfo {
  const alternatives = (used: string) => ENCODING_CHOICES.filter((e) => e !== used);
  if (override) {
    const enc = normaliseEncoding(override);
    if (!enc) throw new ImportError('bad-encoding', msg('io.err.badEncoding', { file, encoding: override }));
    return { used: enc, source: 'option', alternatives: alternatives(enc) };
  }
  if (cpg && cpg.trim()) {
    const enc = normaliseEncoding(cpg);
    if (enc) return { used: enc, source: 'cpg', alternatives: alternatives(enc) };
  }
  const ldid = LDID[dbf[29]];
  if (ldid) return { used: ldid, source: 'dbf-language-id', alternatives: alternatives(ldid) };
  // Field names (11 bytes per 32-byte descriptor) and the records must all be valid UTF-8 to call it UTF-8;
  // the descriptors' binary lengths are skipped because a length of 0x80+ is not text.
  const headerLen = dbf.length >= 10 ? dbf[8] | (dbf[9] << 8) : 0;
  const names: number[] = [];
  for (let o = 32; o + 32 <= Math.min(headerLen, dbf.length) && dbf[o] !== 0x0d; o += 32) {
    for (let k = 0; k < 11 && dbf[o + k] !== 0; k++) names.push(dbf[o + k]);
  }
  if (isUtf8(Uint8Array.from(names)) && isUtf8(dbf.subarray(Math.min(headerLen, dbf.length)))) {
    return { used: 'utf-8', source: 'utf8-valid', alternatives: alternatives('utf-8') };
  }
  return { used: 'gbk', source: 'fallback', alternatives: alternatives('gbk') };
}


function dv(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function readShp(shp: Uint8Array, file: string): unknown[] {
  if (shp.length < 100) throw new ImportError('bad-shp', msg('io.shp.tooShort', { file, n: shp.length }));
  const view = dv(shp);
  if (view.getInt32(0, false) !== 9994) throw new ImportError('bad-shp', msg('io.shp.notShp', { file }));
  try {
    return parseShp(view);
  } catch {
    throw new ImportError('bad-shp', msg('io.shp.unreadable', { file }));
  }
}

function readDbf(dbf: Uint8Array, encoding: string, file: string, warnings: ImportMessage[]): Record<string, unknown>[] {
  if (dbf.length < 33) throw new ImportError('bad-dbf', msg('io.dbf.tooShort', { file }));
  const view = dv(dbf);
  const records = view.getUint32(4, true);
  const headerLen = view.getUint16(8, true);
  const recLen = view.getUint16(10, true);
  if (headerLen < 33 || headerLen > dbf.length || recLen === 0) {
    throw new ImportError('bad-dbf', msg('io.dbf.badHeader', { file }));
  }
  const fit = Math.floor((dbf.length - headerLen) / recLen);
  let bytes = dbf;
  if (records > fit) {
    warnings.push(ioNote(file, 'dbf-truncated', msg('io.dbf.truncated', { file, records, fit })));
    bytes = dbf.slice();
    new DataView(bytes.buffer).setUint32(4, fit, true);
  }
  try {
    return parseDbf(dv(bytes), encoding);
  } catch {
    throw new ImportError('bad-dbf', msg('io.dbf.unreadable', { file }));
  }
}

interface ShpSet {
  base: string;
  shp?: Uint8Array;
  shx?: Uint8Array;
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

export function shapefileLayer(set: ShpSet, file: string, encodingOverride?: string): RawLayer {
  const label = set.base === file || `${set.base}.shp`.toLowerCase() === file.toLowerCase() ? set.base : `${file} › ${set.base}`;
  const warnings: ImportMessage[] = [];
  const rejected: RawLayer['rejected'] = [];
  if (!set.shp) throw new ImportError('shp-missing', msg('io.shp.dbfWithoutShp', { file: label }));
  const shapes = readShp(set.shp, `${label}.shp`);
  let records: Record<string, unknown>[] = [];
  let encoding: EncodingInfo | undefined;
  if (!set.dbf) {
    warnings.push(ioNote(file, 'shp-no-dbf', msg('io.shp.noDbf', { file: label }), { layer: set.base }));
  } else {
    encoding = dbfEncoding(set.dbf, set.cpg, encodingOverride, `${label}.dbf`);
    if (encoding.source === 'fallback') {
      warnings.push(ioNote(file, 'encoding-guess', msg('io.dbf.encodingGuess', { file: `${label}.dbf` }), { layer: set.base }));
    }
    records = readDbf(set.dbf, encoding.used, `${label}.dbf`, warnings);
    if (records.length !== shapes.length) {
      const counts = { file: label, shapes: shapes.length, records: records.length };
      const [a, b] = records.length < shapes.length ? [records.length, shapes.length - 1] : [shapes.length, records.length - 1];
      const key = records.length < shapes.length ? (a === b ? 'io.shp.oneShapeNoAttrs' : 'io.shp.shapesNoAttrs') : a === b ? 'io.shp.oneRecordNoShape' : 'io.shp.recordsNoShape';
      warnings.push(ioNote(file, 'record-count-mismatch', msg(key, { ...counts, a, b }), { layer: set.base }));
    }
  }
  if (!set.prj) {
    warnings.push(ioNote(file, 'no-prj', msg('io.shp.noPrj', { file: label }), { layer: set.base }));
  }
  if (!set.shx) {
    warnings.push(ioNote(file, 'no-shx', msg('io.shp.noShx', { file: label }), { layer: set.base }));
  }
  const features: RawFeature[] = shapes.map((geometry, index) => {
    if (geometry && typeof geometry === 'object') delete (geometry as { bbox?: unknown }).bbox;
    return { index, geometry, properties: records[index] ?? {} };
  });
  for (let i = shapes.length; i < records.length; i++) {
    const m = msg('io.shp.recordWithoutShape', { file: label, i });
    rejected.push({ index: i, reason: inEnglish(m), reasonMsg: m, source: records[i] });
  }
  return { name: set.base.replace(/^.*\//, ''), format: 'shapefile', features, prj: set.prj, encoding, warnings, rejected };
}

export function parseShapefileZip(
  bytes: Uint8Array,
  file: string,
  limits: ImportLimits,
  encodingOverride: string | undefined,
  signal?: AbortSignal,
): RawLayer[] {
  const info: { names?: ZipNameInfo } = {};
  const entries = unzipBounded(bytes, file, limits, signal, info);
  const sets = new Map<string, ShpSet>();
  const text = (b: Uint8Array) => new TextDecoder('utf-8').decode(b);
  for (const [name, data] of entries) {
    if (name.includes('__MACOSX') || name.endsWith('/')) continue;
    const m = /^(.*)\.(shp|shx|dbf|prj|cpg)$/i.exec(name);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const set = sets.get(key) ?? { base: m[1] };
    const ext = m[2].toLowerCase();
    if (ext === 'shp') set.shp = data;
    else if (ext === 'shx') set.shx = data;
    else if (ext === 'dbf') set.dbf = data;
    else if (ext === 'prj') set.prj = text(data);
    else set.cpg = text(data).trim();
    sets.set(key, set);
  }
  const withShp = [...sets.values()].filter((s) => s.shp);
  // A table with its .prj zipped together (our own CSV export in a projected system, or a planner's)
  const tables = [...entries].filter(([n]) => /\.(csv|tsv)$/i.test(n) && !n.includes('__MACOSX'));
  if (withShp.length === 0 && tables.length > 0) {
    return tables.map(([n, data]) => {
      const base = n.replace(/\.[^.]+$/, '');
      const [layer] = parseCsv(data, n, { encoding: encodingOverride, tsv: /\.tsv$/i.test(n) });
      const prj = sets.get(base.toLowerCase())?.prj;
      return { ...layer, name: base.replace(/^.*\//, ''), ...(prj && { prj }), zipNames: info.names?.encoding };
    });
  }
  if (withShp.length === 0) {
    const orphanDbf = [...sets.values()].find((s) => s.dbf);
    throw new ImportError('shp-missing', orphanDbf ? msg('io.shp.zipDbfOnly', { file, base: orphanDbf.base }) : msg('io.shp.zipNoShp', { file }));
  }
  return withShp
    .sort((a, b) => (a.base < b.base ? -1 : 1))
    .map((s) => ({ ...shapefileLayer(s, file, encodingOverride), zipNames: info.names?.encoding }));
}

/** A .shp picked with its sidecars (loose files, not zipped): the parts are matched by base name. */
export function shapefileFromParts(shp: Uint8Array, name: string, parts: ReadonlyMap<string, Uint8Array> | undefined, encodingOverride?: string): RawLayer {
  const base = name.replace(/\.shp$/i, '');
  const part = (ext: string) => [...(parts ?? new Map<string, Uint8Array>())].find(([n]) => n.toLowerCase() === `${base}.${ext}`.toLowerCase())?.[1];
  const text = (b: Uint8Array | undefined) => (b ? new TextDecoder('utf-8').decode(b) : undefined);
  return shapefileLayer({ base, shp, shx: part('shx'), dbf: part('dbf'), prj: text(part('prj')), cpg: text(part('cpg'))?.trim() }, name, encodingOverride);
}

export const shapefile: FileFormat = {
  id: 'shapefile',
  label: 'Shapefile',
  extensions: ['zip', 'shp'],
  import: ({ bytes, name, ext, options, limits, signal, parts }) => {
    if (isZip(bytes)) return parseShapefileZip(bytes, name, limits, options.encoding, signal);
    if (ext === 'shp') return [shapefileFromParts(bytes, name, parts, options.encoding)];
    throw new ImportError('zip-corrupt', msg('io.zip.notZip', { file: name }));
  },
};
