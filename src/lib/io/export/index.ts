// Export any layer as GeoJSON, TopoJSON or CSV, in WGS84 or a CRS the user chose (stated in the output).
import { exportCsv } from './csv';
import { exportGeoJson } from './geojson';
import { exportTopoJson } from './topojson';
import type { ExportFeature, ExportOptions, ExportResult } from './common';

export type { ExportFeature, ExportFile, ExportOptions, ExportResult } from './common';
export { exportCsv, exportGeoJson, exportTopoJson };

export type ExportFormat = 'geojson' | 'topojson' | 'csv';

export function exportLayer(features: ExportFeature[], format: ExportFormat, options: ExportOptions): ExportResult {
  switch (format) {
    case 'geojson':
      return exportGeoJson(features, options);
    case 'topojson':
      return exportTopoJson(features, options);
    case 'csv':
      return exportCsv(features, options);
  }
}
