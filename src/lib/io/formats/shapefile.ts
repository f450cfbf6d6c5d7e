// Zipped Shapefiles (.shp + .dbf + .prj + .cpg), read with shpjs's parsers. We unzip ourselves (bounded)
// and keep coordinates raw so the CRS step can detect and report what it did.
import { parseDbf, parseShp } from 'shpjs';
import { isUtf8, normaliseEncoding, ENCODING_CHOICES } from '../text';
import { isZip, unzipBounded } from '../zip';
import { ImportError, type FileFormat, type EncodingInfo, type ImportLimits, type ImportMessage, type RawFeature, type RawLayer } from '../types';

// dBASE language driver ids that name a Chinese code page (ESRI's LDID table).
const LDID: Record<number, string> = { 0x4d: 'gbk', 0x7a: 'gbk', 0x4f: 'big5', 0x78: 'big5' };

function dbfEncoding(dbf: Uint8Array, cpg: string | undefined, override: string | undefined, file: string): EncodingInfo {
  const alternatives = (used: string) => ENCODING_CHOICES.filter((e) => e !== used);
  if (override) {
    const enc = normaliseEncoding(override);
    if (!enc) throw new ImportError('bad-encoding', `${file}: the text encoding "${override}" is not known.`);
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

const span = (what: string, a: number, b: number) => (a === b ? `${what} ${a} has` : `${what}s ${a}–${b} have`);

function dv(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function readShp(shp: Uint8Array, file: string): unknown[] {
  if (shp.length < 100) throw new ImportError('bad-shp', `${file}: too short to be a Shapefile (${shp.length} bytes); nothing imported.`);
  const view = dv(shp);
  if (view.getInt32(0, false) !== 9994) throw new ImportError('bad-shp', `${file}: not a Shapefile (wrong file code); nothing imported.`);
  try {
    return parseShp(view);
  } catch (e) {
    throw new ImportError('bad-shp', `${file}: the shapes cannot be read (${(e as Error).message}); nothing imported.`);
  }
}

function readDbf(dbf: Uint8Array, encoding: string, file: string, warnings: ImportMessage[]): Record<string, unknown>[] {
  if (dbf.length < 33) throw new ImportError('bad-dbf', `${file}: too short to be a dBASE table; nothing imported.`);
  const view = dv(dbf);
  const records = view.getUint32(4, true);
  const headerLen = view.getUint16(8, true);
  const recLen = view.getUint16(10, true);
  if (headerLen < 33 || headerLen > dbf.length || recLen === 0) {
    throw new ImportError('bad-dbf', `${file}: the dBASE header is damaged; nothing imported.`);
  }
  const fit = Math.floor((dbf.length - headerLen) / recLen);
  let bytes = dbf;
  if (records > fit) {
    warnings.push({ file, code: 'dbf-truncated', message: `${file}: the header says ${records} records but the file holds only ${fit}; read ${fit}.` });
    bytes = dbf.slice();
    new DataView(bytes.buffer).setUint32(4, fit, true);
  }
  try {
    return parseDbf(dv(bytes), encoding);
  } catch (e) {
    throw new ImportError('bad-dbf', `${file}: the attributes cannot be read (${(e as Error).message}); nothing imported.`);
  }
}

interface ShpSet {
  base: string;
  shp?: Uint8Array;
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

export function shapefileLayer(set: ShpSet, file: string, encodingOverride?: string): RawLayer {
  const label = set.base === file ? file : `${file} › ${set.base}`;
  const warnings: ImportMessage[] = [];
  const rejected: RawLayer['rejected'] = [];
  if (!set.shp) throw new ImportError('shp-missing', `${label}: a .dbf without its .shp; no shapes to import.`);
  const shapes = readShp(set.shp, `${label}.shp`);
  let records: Record<string, unknown>[] = [];
  let encoding: EncodingInfo | undefined;
  if (!set.dbf) {
    warnings.push({ file, layer: set.base, code: 'shp-no-dbf', message: `${label}.shp has no .dbf beside it: shapes imported without attributes.` });
  } else {
    encoding = dbfEncoding(set.dbf, set.cpg, encodingOverride, `${label}.dbf`);
    if (encoding.source === 'fallback') {
      warnings.push({
        file,
        layer: set.base,
        code: 'encoding-guess',
        message: `${label}.dbf: no .cpg and not valid UTF-8; read as GBK. Choose another encoding if the text looks wrong.`,
      });
    }
    records = readDbf(set.dbf, encoding.used, `${label}.dbf`, warnings);
    if (records.length !== shapes.length) {
      warnings.push({
        file,
        layer: set.base,
        code: 'record-count-mismatch',
        message:
          `${label}: the .shp has ${shapes.length} shapes but the .dbf has ${records.length} records; ` +
          (records.length < shapes.length
            ? `${span('shape', records.length, shapes.length - 1)} no attributes.`
            : `${span('record', shapes.length, records.length - 1)} no shape; kept aside.`),
      });
    }
  }
  if (!set.prj) {
    warnings.push({ file, layer: set.base, code: 'no-prj', message: `${label}: no .prj; the coordinate system is judged from the coordinates.` });
  }
  const features: RawFeature[] = shapes.map((geometry, index) => {
    if (geometry && typeof geometry === 'object') delete (geometry as { bbox?: unknown }).bbox;
    return { index, geometry, properties: records[index] ?? {} };
  });
  for (let i = shapes.length; i < records.length; i++) {
    rejected.push({ index: i, reason: `${label}: record ${i} of the .dbf has no shape in the .shp; kept aside, not imported.`, source: records[i] });
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
  const entries = unzipBounded(bytes, file, limits, signal);
  const sets = new Map<string, ShpSet>();
  const text = (b: Uint8Array) => new TextDecoder('utf-8').decode(b);
  for (const [name, data] of entries) {
    if (name.includes('__MACOSX') || name.endsWith('/')) continue;
    const m = /^(.*)\.(shp|dbf|prj|cpg)$/i.exec(name);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const set = sets.get(key) ?? { base: m[1] };
    const ext = m[2].toLowerCase();
    if (ext === 'shp') set.shp = data;
    else if (ext === 'dbf') set.dbf = data;
    else if (ext === 'prj') set.prj = text(data);
    else set.cpg = text(data).trim();
    sets.set(key, set);
  }
  const withShp = [...sets.values()].filter((s) => s.shp);
  if (withShp.length === 0) {
    const orphanDbf = [...sets.values()].find((s) => s.dbf);
    throw new ImportError(
      'shp-missing',
      orphanDbf
        ? `${file}: holds ${orphanDbf.base}.dbf but no .shp; no shapes to import.`
        : `${file}: the zip holds no Shapefile (.shp); nothing imported.`,
    );
  }
  return withShp.sort((a, b) => (a.base < b.base ? -1 : 1)).map((s) => shapefileLayer(s, file, encodingOverride));
}

export const shapefile: FileFormat = {
  id: 'shapefile',
  label: 'Shapefile',
  extensions: ['zip', 'shp'],
  import: ({ bytes, name, ext, options, limits, signal }) => {
    if (isZip(bytes)) return parseShapefileZip(bytes, name, limits, options.encoding, signal);
    if (ext === 'shp') return [shapefileLayer({ base: name.replace(/\.shp$/i, ''), shp: bytes }, name)];
    throw new ImportError('zip-corrupt', `${name}: not a zip archive (wrong signature); nothing imported.`);
  },
};
