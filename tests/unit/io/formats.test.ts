import { describe, expect, it } from 'vitest';
import { ACCEPT, EXPORT_FORMATS, FORMATS, formatOf } from '../../../src/lib/io/formats/index';

const text = (s: string) => new TextEncoder().encode(s);
const ZIP = Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]);

describe('file-format registry', () => {
  it('routes a file by zip signature, then extension, then content', () => {
    expect(formatOf('a.zip', ZIP)?.id).toBe('shapefile');
    expect(formatOf('a.kmz', ZIP)?.id).toBe('kml');
    expect(formatOf('a.XLSX', ZIP)?.id).toBe('xlsx');
    expect(formatOf('a.dxf', text('0\nSECTION'))?.id).toBe('dxf');
    expect(formatOf('a.json', ZIP)?.id).toBe('shapefile');
    expect(formatOf('a.topojson', text('{}'))?.id).toBe('topojson');
    expect(formatOf('a.TSV', text('x\ty'))?.id).toBe('csv');
    expect(formatOf('a.txt', text('\uFEFF  {"type":"Point"}'))?.id).toBe('geojson');
    expect(formatOf('a.dat', text('<kml/>'))?.id).toBe('kml');
    expect(formatOf('a.txt', text('lon lat'))?.id).toBe('csv');
    expect(formatOf('a.dat', text('lon lat'))).toBeNull();
  });

  it('lists every format once, with an importer, and the exporters for the export menu', () => {
    expect(new Set(FORMATS.map((f) => f.id)).size).toBe(FORMATS.length);
    expect(FORMATS.every((f) => typeof f.import === 'function')).toBe(true);
    expect(EXPORT_FORMATS.map((f) => f.id)).toEqual(['geojson', 'topojson', 'csv']);
    expect(ACCEPT).toBe('.geojson,.json,.topojson,.kml,.kmz,.zip,.shp,.csv,.tsv,.xlsx,.dxf,.txt');
  });
});
