// The file-format registry: one module per format holds its import and export (Placemark's
// app/lib/convert/<format>.ts pattern). importFile() picks the importer here; the export menu lists the exporters.
import type { ExportFeature, ExportOptions, ExportResult } from '../output';
import type { FileFormat, SniffInput } from '../types';
import { isZip } from '../zip';
import { csv } from './csv';
import { geojson } from './geojson';
import { kmlFormat } from './kml';
import { shapefile } from './shapefile';
import { topojson } from './topojson';
import { xlsx } from './xlsx';
import { dxf } from './dxf';

/** In detection order: a file with an unknown extension goes to the first format whose detect() claims it. */
export const FORMATS: readonly FileFormat[] = [geojson, topojson, kmlFormat, shapefile, csv, xlsx, dxf];

/** The file picker's `accept` list (.txt is sniffed as JSON, KML or a table). */
export const ACCEPT = [...FORMATS.flatMap((f) => f.extensions.filter((e) => e !== 'tab')), 'txt'].map((e) => `.${e}`).join(',');

export const extensionOf = (name: string): string => /\.([^.]+)$/.exec(name.toLowerCase())?.[1] ?? '';

/** The first 512 bytes as text without BOM or leading blanks. */
export function sniffHead(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
}

/** The format that reads this file: a zip by its signature, then the extension, then the content. */
export function formatOf(name: string, bytes: Uint8Array, sniff: SniffInput = { ext: extensionOf(name), head: sniffHead(bytes) }): FileFormat | null {
  const { ext } = sniff;
  if (isZip(bytes)) return ext === 'kmz' ? kmlFormat : ext === 'xlsx' ? xlsx : shapefile;
  return FORMATS.find((f) => f.extensions.includes(ext)) ?? FORMATS.find((f) => f.detect?.(sniff)) ?? null;
}

export type ExportFormat = 'geojson' | 'topojson' | 'csv';

/** The formats a layer can be exported to, for the export menu. */
export const EXPORT_FORMATS = FORMATS.filter((f): f is FileFormat & { id: ExportFormat } => f.export !== undefined).map((f) => ({ id: f.id, label: f.label }));

export function exportLayer(features: ExportFeature[], format: ExportFormat, options: ExportOptions): ExportResult {
  const f = FORMATS.find((x) => x.id === format);
  if (!f?.export) throw new Error(`cannot export to "${format}"`);
  return f.export(features, options);
}
