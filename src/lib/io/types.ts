// Shared types for the importers. Everything here is plain data so it can cross a worker boundary.
import type { Feature, Geometry } from 'geojson';
import type { CrsDetection } from '../geo/crs';
import type { ExportFeature, ExportOptions, ExportResult } from './output';
import { inEnglish, type IoMsg } from './messages';
import type { Msg } from '../i18n/catalog';
import type { ZipNameEncoding } from './zipNames';
import type { AlignmentReport } from './alignment';

export type ImportFormat = 'geojson' | 'topojson' | 'kml' | 'kmz' | 'shapefile' | 'csv' | 'xlsx' | 'dxf';

export interface ImportLimits {
  /** Largest input file accepted, in bytes. */
  maxBytes: number;
  /** Most features in one file (all layers together). */
  maxFeatures: number;
  /** Largest total size of the files unpacked from one zip/kmz. */
  maxUncompressedBytes: number;
  /** Largest unpacked/packed ratio of one zip entry once it passes 1 MiB (zip-bomb guard). */
  maxZipRatio: number;
  /** Most entries in one zip. */
  maxZipEntries: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxFeatures: 500_000,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxZipRatio: 200,
  maxZipEntries: 2_000,
};

export interface ImportOptions {
  /** CRS id to use instead of detection ('GCJ-02', 'BD-09', 'EPSG:4544', …). */
  crs?: string;
  /** Text encoding for .dbf / .csv instead of detection ('gbk', 'utf-8', …). */
  encoding?: string;
  /** CSV coordinate column names instead of detection. */
  csvColumns?: { x: string; y: string };
  /** Force [x, y] ↔ [y, x]; by default detection decides (surveying tables write X = northing). */
  swapAxes?: boolean;
  limits?: Partial<ImportLimits>;
}

export interface ImportMessage {
  file: string;
  layer?: string;
  /** Zero-based feature index in the source, and its id when it has one. */
  feature?: { index: number; id?: string | number; label?: string };
  code: string;
  /** Complete sentence naming file, feature and problem; plain text in English (logs, tests). */
  message: string;
  /** The same sentence as a catalog message, shown in the UI's language. */
  msg?: IoMsg;
}

/** An ImportMessage from a catalog message (its English text fills `message`). */
export function ioNote(file: string, code: string, m: IoMsg, extra: Partial<Pick<ImportMessage, 'layer' | 'feature'>> = {}): ImportMessage {
  return { file, ...extra, code, message: inEnglish(m), msg: m };
}

export interface RejectedFeature {
  index: number;
  id?: string | number;
  reason: string;
  reasonMsg?: IoMsg;
  /** The source record as far as it could be read, so nothing is lost. */
  source: unknown;
}

export interface EncodingInfo {
  used: string;
  source: 'cpg' | 'bom' | 'utf8-valid' | 'dbf-language-id' | 'fallback' | 'option';
  /** Encodings the user may switch to. */
  alternatives: string[];
}

export interface ImportedLayer {
  name: string;
  file: string;
  format: ImportFormat;
  /** WGS84 features with sanitised properties. */
  features: Feature<Geometry, Record<string, unknown>>[];
  crs: {
    detected: CrsDetection;
    /** CRS actually used for conversion (id), which differs from detected when the user chose one. */
    used: string | null;
    usedName: string | null;
    byUser: boolean;
  };
  encoding?: EncodingInfo;
  /** How the zip's entry names were decoded, when the layer came from a zip. */
  zipNames?: ZipNameEncoding;
  /** The attribute that names each feature (名称, 站名, name …), guessed; null when none does. */
  labelField?: string | null;
  /** Comparison with the bundled county boundaries (longitude/latitude layers in China); applied: it set the datum. */
  alignment?: AlignmentReport & { applied: boolean };
  warnings: ImportMessage[];
  rejected: RejectedFeature[];
}

export interface ImportResult {
  layers: ImportedLayer[];
  errors: ImportMessage[];
}

export type ProgressFn = (fraction: number, stage: string) => void;

/** An error with a user-facing message; importers throw it and importFile.ts reports it. */
export class ImportError extends Error {
  constructor(
    readonly code: string,
    readonly msg: IoMsg,
    readonly feature?: { index: number; id?: string | number },
  ) {
    super(inEnglish(msg));
    this.name = 'ImportError';
  }
}

/** A layer as a format parser produces it: raw coordinates, CRS not yet applied. */
export interface RawLayer {
  name: string;
  format: ImportFormat;
  features: RawFeature[];
  prj?: string;
  /** A CRS the format itself declares (KML is WGS84; a GeoJSON `crs` member). */
  declaredCrs?: { id: string; reason: Msg };
  encoding?: EncodingInfo;
  zipNames?: ZipNameEncoding;
  warnings: ImportMessage[];
  rejected: RejectedFeature[];
}

export interface RawFeature {
  index: number;
  /** How a person finds this record in the source, e.g. 'row 5' for CSV (defaults to 'feature N'). */
  label?: IoMsg;
  id?: string | number;
  geometry: unknown;
  properties: unknown;
}

/** What a format's importer is given: the file, the user's options and the bounds it must respect. */
export interface ImportInput extends SniffInput {
  name: string;
  bytes: Uint8Array;
  /** Files picked with this one that belong to it (a .shp's .dbf, .shx, .prj, .cpg), by file name. */
  parts?: ReadonlyMap<string, Uint8Array>;
  options: ImportOptions;
  limits: ImportLimits;
  signal?: AbortSignal;
}

/** What content sniffing sees: the extension and the first 512 bytes as text (BOM and leading blanks removed). */
export interface SniffInput {
  ext: string;
  head: string;
}

/**
 * One file format: its import and export side by side (src/lib/io/formats/<id>.ts), listed in the
 * registry (formats/index.ts) that the import worker and the export UI use.
 */
export interface FileFormat {
  id: ImportFormat;
  /** Shown in the export menu. */
  label: string;
  /** Extensions (lower case, no dot) that name this format; a zip is routed by its signature first. */
  extensions: readonly string[];
  /** Claims a file whose extension names no format, from its first characters. */
  detect?(input: SniffInput): boolean;
  import?(input: ImportInput): RawLayer[] | Promise<RawLayer[]>;
  export?(features: ExportFeature[], options: ExportOptions): ExportResult;
}
