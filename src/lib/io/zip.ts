// Bounded unzip for .zip Shapefiles and .kmz. The zip is fed to fflate in small slices so a bomb is
// stopped after at most one slice's worth of output, whatever sizes its headers claim.
import { msg } from './messages';
import { zipNameDecoder, type ZipNameInfo } from './zipNames';
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { ImportError, type ImportLimits } from './types';

const SLICE = 16 * 1024;
const RATIO_FLOOR = 1024 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

export function unzipBounded(
  bytes: Uint8Array,
  file: string,
  limits: Pick<ImportLimits, 'maxUncompressedBytes' | 'maxZipRatio' | 'maxZipEntries'>,
  signal?: AbortSignal,
  /** Receives how the entry names were decoded (shown to the user). */
  info?: { names?: ZipNameInfo },
): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const names = zipNameDecoder(bytes);
  if (info) info.names = names;
  const entryName = (n: string) => names.decode(n);
  let total = 0;
  let entries = 0;
  let failure: ImportError | null = null;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  unzip.onfile = (entry) => {
    if (failure) return;
    entries++;
    if (entries > limits.maxZipEntries) {
      failure = new ImportError('zip-too-many-entries', msg('io.zip.tooManyEntries', { file, n: limits.maxZipEntries }));
      return;
    }
    if (entry.compression !== 0 && entry.compression !== 8) {
      failure = new ImportError('zip-unsupported', msg('io.zip.method', { file, entry: entryName(entry.name), method: entry.compression }));
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const packed = Math.max(entry.size ?? 0, 1);
    entry.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new ImportError('zip-corrupt', msg('io.zip.corruptEntry', { file, entry: entryName(entry.name) }));
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (total > limits.maxUncompressedBytes) {
        failure = new ImportError('zip-too-large', msg('io.zip.tooLarge', { file, mib: Math.round(limits.maxUncompressedBytes / 1048576), entry: entryName(entry.name) }));
        entry.terminate();
        return;
      }
      if (size > RATIO_FLOOR && packed > 1 && size / packed > limits.maxZipRatio) {
        failure = new ImportError('zip-bomb', msg('io.zip.bomb', { file, entry: entryName(entry.name), ratio: limits.maxZipRatio, packed }));
        entry.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) {
        const buf = new Uint8Array(size);
        let o = 0;
        for (const c of chunks) {
          buf.set(c, o);
          o += c.length;
        }
        if (!entry.name.endsWith('/')) out.set(entryName(entry.name), buf);
      }
    };
    entry.start();
  };
  try {
    for (let i = 0; i < bytes.length && !failure; i += SLICE) {
      if (signal?.aborted) throw new ImportError('cancelled', msg('io.err.cancelled', { file }));
      const end = Math.min(bytes.length, i + SLICE);
      unzip.push(bytes.subarray(i, end), end === bytes.length);
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('zip-corrupt', msg('io.zip.damaged', { file }));
  }
  if (failure) throw failure;
  if (out.size === 0) throw new ImportError('zip-empty', msg('io.zip.empty', { file }));
  return out;
}
