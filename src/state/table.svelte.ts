// The attribute table: which layer it shows (a workspace layer or a region's plan elements), its sort,
// filters and selected rows, and the actions on them (edit a cell through the workspace's undo log, export the
// rows shown). The rows, columns and order are derived here from the workspace and the plan overlay.
import type { Feature, Geometry } from 'geojson';
import { download } from '../browser/download.ts';
import { app } from './app.svelte.ts';
import { plan } from './plan.svelte.ts';
import { apply, findLayer, say, wsUi } from './workspace.svelte.ts';
import { columnKeys, parseEdit, typeColumns, type Cell, type Column, type TableRow } from '../lib/table/columns.ts';
import { isActive, nextSort, viewRows, type Filter, type SortSpec } from '../lib/table/query.ts';
import { clickRow as clickSelection, emptySelection, selectIds, type RowSelection } from '../lib/table/selection.ts';
import { PLAN_KEYS, DRAWING_KEYS, editedProperties, inOrder, isEditable, rowsFromLayer, rowsFromPlan } from '../lib/table/rows.ts';
import { layerToGeoJson, type UserLayer } from '../lib/workspace/model.ts';
import { exportLayer } from '../lib/io/formats/index.ts';
import { bundleFiles, safeFileName } from '../lib/io/output.ts';
import { intlLocale, t } from '../lib/i18n/catalog.ts';
import type { Region } from '../lib/plan/model.ts';

export type TableTarget = { kind: 'layer'; layerId: string } | { kind: 'plan'; region: Region };

class TableUi {
  target = $state<TableTarget | null>(null);
  sort = $state<SortSpec | null>(null);
  filters = $state<Filter[]>([]);
  selection = $state.raw<RowSelection>(emptySelection());
  /** Row (position among the rows shown) and column of the focused cell. */
  focus = $state<{ row: number; col: number }>({ row: 0, col: 0 });
  /** Bumped to ask the grid to scroll `focus.row` into view (a map click picked a row). */
  scrollTick = $state(0);
  message = $state<string | null>(null);

  layer = $derived<UserLayer | null>(this.target?.kind === 'layer' ? (findLayer(wsUi.workspace, this.target.layerId) ?? null) : null);
  planFeatures = $derived(this.target?.kind === 'plan' ? plan.features.filter((f) => f.properties.region === (this.target as { region: string }).region) : []);
  rows = $derived<TableRow[]>(this.layer ? rowsFromLayer(this.layer, app.lang) : this.target?.kind === 'plan' ? rowsFromPlan(this.planFeatures, app.lang) : []);
  columns = $derived<Column[]>(
    typeColumns(this.layer?.source.kind === 'drawing' ? [...DRAWING_KEYS] : this.target?.kind === 'plan' ? [...PLAN_KEYS] : columnKeys(this.rows), this.rows),
  );
  shown = $derived<Int32Array>(viewRows(this.rows, this.columns, this.filters, this.sort, intlLocale(app.lang)));
  title = $derived(this.layer ? this.layer.name : this.target?.kind === 'plan' ? t(`app.region.${this.target.region}`, app.lang) : '');
}

export const tableUi = new TableUi();

export function openTable(target: TableTarget): void {
  const same = JSON.stringify(target) === JSON.stringify(tableUi.target);
  tableUi.target = target;
  if (same) return;
  tableUi.sort = null;
  tableUi.filters = [];
  tableUi.selection = emptySelection();
  tableUi.focus = { row: 0, col: 0 };
  tableUi.message = null;
}

export function closeTable(): void {
  tableUi.target = null;
  tableUi.selection = emptySelection();
}

export function toggleSort(key: string): void {
  tableUi.sort = nextSort(tableUi.sort, key);
}

/** Sets (or replaces) the one filter of a column; an inactive filter (empty text, open range) is dropped. */
export function setFilter(filter: Filter): void {
  const rest = tableUi.filters.filter((f) => f.key !== filter.key);
  tableUi.filters = isActive(filter) ? [...rest, filter] : rest;
}

export function clearFilters(): void {
  tableUi.filters = [];
}

export function filterOf(key: string): Filter | undefined {
  return tableUi.filters.find((f) => f.key === key);
}

/** The ids of the rows shown, in order. */
export function shownIds(): string[] {
  const rows = tableUi.rows;
  return Array.from(tableUi.shown, (i) => rows[i].id);
}

export function clickRow(id: string, mods: { toggle?: boolean; range?: boolean } = {}): void {
  tableUi.selection = clickSelection(tableUi.selection, id, mods.range ? shownIds() : [], mods);
  const at = shownIds().indexOf(id);
  if (at >= 0) tableUi.focus = { ...tableUi.focus, row: at };
}

export function selectAllShown(): void {
  tableUi.selection = selectIds(shownIds());
}

export function clearSelection(): void {
  tableUi.selection = emptySelection();
}

export function moveFocus(row: number, col: number): void {
  tableUi.focus = { row: Math.max(0, Math.min(tableUi.shown.length - 1, row)), col: Math.max(0, Math.min(tableUi.columns.length - 1, col)) };
}

/**
 * A feature picked on the map: when the table shows its layer, its row becomes the selection and is scrolled
 * to (a filter hiding it leaves the selection alone and says so).
 */
export function selectFromMap(layerId: string | null, featureId: string | null): void {
  const tgt = tableUi.target;
  if (!tgt || !featureId) return;
  if (tgt.kind === 'layer' && tgt.layerId !== layerId) return;
  if (tableUi.selection.ids.size === 1 && tableUi.selection.ids.has(featureId)) return;
  const at = shownIds().indexOf(featureId);
  if (at < 0) {
    if (tableUi.rows.some((r) => r.id === featureId)) tableUi.message = t('table.pickedHidden', app.lang);
    return;
  }
  tableUi.selection = selectIds([featureId]);
  tableUi.focus = { ...tableUi.focus, row: at };
  tableUi.scrollTick++;
}

export function canEdit(key: string): boolean {
  return isEditable(tableUi.layer, key);
}

/** Writes one cell through the workspace's undo log. Returns a message when the entry is refused. */
export function editCell(rowId: string, key: string, text: string): string | null {
  const layer = tableUi.layer;
  if (!layer || !isEditable(layer, key)) return t('table.readOnly', app.lang);
  const feature = layer.features.find((f) => f.id === rowId);
  const row = tableUi.rows.find((r) => r.id === rowId);
  const column = tableUi.columns.find((c) => c.key === key);
  if (!feature || !row || !column) return null;
  const old: Cell = row.cells[key] ?? null;
  const parsed = parseEdit(old, text, layer.source.kind === 'drawing' && key !== 'name' ? 'number' : column.type);
  if (!parsed.ok) return t('table.notNumber', app.lang, { column: key, value: text });
  if (parsed.value === old) return null;
  const properties = editedProperties(layer, feature.properties, key, parsed.value, app.lang);
  apply({ type: 'updateFeature', layerId: layer.id, featureId: rowId, properties }, { label: `${t('table.editLabel', app.lang)} ${key}` });
  return null;
}

/** Geometries of the selected rows (for the map highlight and zoom to selection). */
export function selectedFeatures(): Feature<Geometry>[] {
  const ids = tableUi.selection.ids;
  if (!ids.size) return [];
  if (tableUi.layer) return tableUi.layer.features.filter((f) => ids.has(f.id)).map((f) => ({ type: 'Feature', id: f.id, geometry: f.geometry, properties: {} }));
  return tableUi.planFeatures.filter((f) => ids.has(f.properties.id)).map((f) => ({ type: 'Feature', id: f.properties.id, geometry: f.geometry, properties: {} }));
}

/** Downloads the rows shown (after the filters, in the order shown) as CSV or GeoJSON, through the layer export. */
export function exportShown(format: 'csv' | 'geojson'): void {
  const order = shownIds();
  let features: Feature<Geometry, Record<string, unknown>>[];
  if (tableUi.layer) {
    const layer = tableUi.layer;
    features = inOrder(layerToGeoJson(layer) as Feature<Geometry, Record<string, unknown>>[], (_, i) => layer.features[i].id, order);
  } else {
    features = inOrder(tableUi.planFeatures, (f) => f.properties.id, order) as unknown as Feature<Geometry, Record<string, unknown>>[];
  }
  const name = safeFileName(`${tableUi.title}-${t('table.filteredSuffix', app.lang)}`);
  try {
    const out = exportLayer(features, format, { name });
    if (out.files.length > 1) {
      const zip = bundleFiles(out.files, name);
      download(zip.name, new Blob([zip.bytes as Uint8Array<ArrayBuffer>], { type: zip.mime }), zip.mime);
    } else for (const f of out.files) download(f.name, f.content, f.mime);
  } catch (e) {
    say('error', `${tableUi.title}: ${(e as Error).message}`);
  }
}

export function dismissMessage(): void {
  tableUi.message = null;
}
