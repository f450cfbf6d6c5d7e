// The attribute table: which layer it shows (a workspace layer or a region's plan elements), its sort,
// filters and selected rows, and the actions on them (edit a cell through the workspace's undo log, export the
// rows shown). The rows, columns and order are derived here from the workspace and the plan overlay.
import type { Feature, Geometry } from 'geojson';
import { download } from '../browser/download.ts';
import { app } from './app.svelte.ts';
import { plan } from './plan.svelte.ts';
import type { Topology } from 'topojson-specification';
import { addAnalysisLayer, apply, findLayer, nextLayerStyleIndex, say, wsUi } from './workspace.svelte.ts';
import { cellText, columnKeys, parseEdit, typeColumns, type Cell, type Column, type TableRow } from '../lib/table/columns.ts';
import { guessJoinBy, joinRows, joinedFeatures, normaliseAdcode, type JoinBy, type JoinFeature, type JoinResult, type JoinTarget } from '../lib/table/join.ts';
import { readTable, type PlainTable } from '../lib/table/readTable.ts';
import type { ClassMethod, RampName } from '../lib/table/classify.ts';
import { decodeBasemap } from '../lib/basemap/decode.ts';
import { analysisLayer, bothTexts } from '../lib/analysis/layers.ts';
import type { RowAccuracy } from '../lib/analysis/accuracy.ts';
import { renderIo } from '../lib/io/messages.ts';
import { hasAccuracy, isActive, nextSort, viewRows, withoutSchematic, type Filter, type SortSpec } from '../lib/table/query.ts';
import { clickRow as clickSelection, emptySelection, selectIds, type RowSelection } from '../lib/table/selection.ts';
import { PLAN_KEYS, DRAWING_KEYS, editedProperties, inOrder, isEditable, rowsFromLayer, rowsFromPlan } from '../lib/table/rows.ts';
import { layerToGeoJson, randomId, type JsonValue, type UserLayer } from '../lib/workspace/model.ts';
import { exportLayer } from '../lib/io/formats/index.ts';
import { bundleFiles, safeFileName } from '../lib/io/output.ts';
import { intlLocale, t, type Lang } from '../lib/i18n/catalog.ts';
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
  /** 隐藏示意行: rows whose accuracy is schematic are left out (plan elements, drawings, analysis layers). */
  hideSchematic = $state(false);

  layer = $derived<UserLayer | null>(this.target?.kind === 'layer' ? (findLayer(wsUi.workspace, this.target.layerId) ?? null) : null);
  planFeatures = $derived(this.target?.kind === 'plan' ? plan.features.filter((f) => f.properties.region === (this.target as { region: string }).region) : []);
  rows = $derived<TableRow[]>(this.layer ? rowsFromLayer(this.layer, app.lang) : this.target?.kind === 'plan' ? rowsFromPlan(this.planFeatures, app.lang) : []);
  columns = $derived<Column[]>(
    typeColumns(this.layer?.source.kind === 'drawing' ? [...DRAWING_KEYS] : this.target?.kind === 'plan' ? [...PLAN_KEYS] : columnKeys(this.rows), this.rows),
  );
  accuracyRows = $derived(hasAccuracy(this.rows));
  filtered = $derived<Int32Array>(viewRows(this.rows, this.columns, this.filters, this.sort, intlLocale(app.lang)));
  schematicCut = $derived(this.hideSchematic && this.accuracyRows ? withoutSchematic(this.rows, this.filtered) : null);
  shown = $derived<Int32Array>(this.schematicCut?.kept ?? this.filtered);
  hiddenSchematic = $derived(this.schematicCut?.hidden ?? 0);
  title = $derived(this.layer ? this.layer.name : this.target?.kind === 'plan' ? t(`app.region.${this.target.region}`, app.lang) : '');
}

export const tableUi = new TableUi();

export function openTable(target: TableTarget): void {
  const same = JSON.stringify(target) === JSON.stringify(tableUi.target);
  tableUi.target = target;
  if (same) return;
  tableUi.sort = null;
  tableUi.filters = [];
  tableUi.hideSchematic = false;
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

// ---------------------------------------------------------------------------------------------------------
// Joins: a CSV/Excel table joined to counties, prefectures or a user layer; the result becomes a user layer
// coloured as a classed choropleth.

export type JoinTargetKind = 'county' | 'prefecture' | `layer:${string}`;

interface Units {
  county: JoinFeature<Geometry>[];
  countyTargets: JoinTarget[];
  prefecture: JoinFeature<Geometry>[];
  prefectureTargets: JoinTarget[];
}

let unitsP: Promise<Units> | null = null;
/** The basemap's counties and prefectures as join targets (the browser has the file cached from the map's start). */
function loadUnits(): Promise<Units> {
  unitsP ??= fetch(`${import.meta.env.BASE_URL}data/basemap.topo.json`)
    .then((r) => {
      if (!r.ok) throw new Error(`basemap.topo.json: HTTP ${r.status}`);
      return r.json() as Promise<Topology>;
    })
    .then((topo) => {
      const b = decodeBasemap(topo);
      const prefName = new Map(b.prefectures.features.map((f) => [f.properties.adcode, f.properties.zh]));
      const feats = (fc: typeof b.counties) =>
        fc.features.map((f) => ({ id: f.properties.adcode, geometry: f.geometry, properties: { adcode: f.properties.adcode, name: f.properties.zh, name_en: f.properties.en } }));
      const targets = (fc: typeof b.counties, parents: boolean): JoinTarget[] =>
        fc.features.map((f) => ({ id: f.properties.adcode, adcode: f.properties.adcode, names: [f.properties.zh, f.properties.en], parents: parents ? [prefName.get(f.properties.parent) ?? ''] : [] }));
      return { county: feats(b.counties), countyTargets: targets(b.counties, true), prefecture: feats(b.prefectures), prefectureTargets: targets(b.prefectures, false) };
    });
  return unitsP;
}

class JoinUi {
  file = $state<string | null>(null);
  tables = $state.raw<PlainTable[]>([]);
  sheet = $state(0);
  keyColumn = $state('');
  target = $state<JoinTargetKind>('county');
  targetField = $state('');
  by = $state<JoinBy>('adcode');
  valueColumn = $state('');
  method = $state<ClassMethod>('naturalBreaks');
  classes = $state(5);
  ramp = $state<RampName>('ylgnbu');
  problem = $state<string | null>(null);
  units = $state.raw<Units | null>(null);

  table = $derived<PlainTable | null>(this.tables[this.sheet] ?? null);
  numeric = $derived<string[]>(
    this.table ? typeColumns(this.table.headers, this.table.rows.map((r, i) => ({ id: String(i), cells: Object.fromEntries(this.table!.headers.map((h, c) => [h, r[c]])) }))).filter((c) => c.type === 'number').map((c) => c.key) : [],
  );
  layer = $derived<UserLayer | null>(this.target.startsWith('layer:') ? (findLayer(wsUi.workspace, this.target.slice(6)) ?? null) : null);
  /** The features joined to and what their keys are. */
  targets = $derived.by<{ features: JoinFeature<Geometry>[]; keys: JoinTarget[] } | null>(() => {
    if (this.target === 'county' || this.target === 'prefecture') {
      const u = this.units;
      if (!u) return null;
      return this.target === 'county' ? { features: u.county, keys: u.countyTargets } : { features: u.prefecture, keys: u.prefectureTargets };
    }
    const layer = this.layer;
    if (!layer) return null;
    const rows = rowsFromLayer(layer, app.lang);
    const field = this.targetField;
    return {
      features: layer.features.map((f, i) => ({ id: f.id, geometry: f.geometry, properties: rows[i].cells })),
      keys: rows.map((r) => {
        const v = field ? cellText(r.cells[field]) : '';
        return { id: r.id, adcode: normaliseAdcode(v) ?? undefined, names: [v] };
      }),
    };
  });
  result = $derived<JoinResult | null>(
    this.table && this.targets && this.keyColumn ? joinRows(this.table.rows.map((r) => r[this.table!.headers.indexOf(this.keyColumn)] ?? ''), this.targets.keys, this.by) : null,
  );
}

export const joinUi = new JoinUi();

/** Reads a CSV/Excel table for a join and guesses its key column, match kind and value column. */
export async function loadJoinTable(name: string, bytes: Uint8Array): Promise<void> {
  joinUi.problem = null;
  const [read] = await Promise.all([readTable(name, bytes), loadUnits().then((u) => (joinUi.units = u))]);
  if (!read.ok) {
    joinUi.problem = renderIo(read.problem, app.lang);
    joinUi.file = null;
    joinUi.tables = [];
    return;
  }
  joinUi.file = name;
  joinUi.tables = read.tables;
  chooseSheet(0);
}

export function chooseSheet(i: number): void {
  joinUi.sheet = i;
  const table = joinUi.table;
  if (!table) return;
  const col = (c: number) => table.rows.map((r) => r[c] ?? '');
  const code = table.headers.findIndex((_, c) => guessJoinBy(col(c)) === 'adcode');
  const named = table.headers.findIndex((h) => /名称|名|区县|县|地区|城市|name|county|city|district/i.test(h));
  const key = code >= 0 ? code : named >= 0 ? named : 0;
  joinUi.keyColumn = table.headers[key];
  joinUi.by = guessJoinBy(col(key));
  joinUi.valueColumn = joinUi.numeric.find((h) => h !== joinUi.keyColumn) ?? '';
}

type JoinSettings = Pick<JoinUi, 'keyColumn' | 'target' | 'targetField' | 'by' | 'valueColumn' | 'method' | 'classes' | 'ramp'>;
export function setJoin<K extends keyof JoinSettings>(key: K, value: JoinSettings[K]): void {
  (joinUi as JoinSettings)[key] = value;
  if (key === 'keyColumn' && joinUi.table) joinUi.by = guessJoinBy(joinUi.table.rows.map((r) => r[joinUi.table!.headers.indexOf(String(value))] ?? ''));
  if (key === 'target' && joinUi.layer) joinUi.targetField = layerFieldsOf(joinUi.layer)[0] ?? '';
}

/** Attribute names of a layer as join keys. */
export function layerFieldsOf(layer: UserLayer): string[] {
  return columnKeys(rowsFromLayer(layer, app.lang));
}

function targetName(kind: JoinTargetKind, lang: Lang): string {
  if (kind === 'county' || kind === 'prefecture') return t(`table.target.${kind}`, lang);
  return joinUi.layer?.name ?? '';
}

/** Makes the joined layer (one undo entry), coloured in classes by the value column; returns its id. */
export function makeJoinLayer(): string | null {
  const { table, targets, result, file } = joinUi;
  if (!table || !targets || !result || !file) return null;
  if (result.matches.size === 0) {
    joinUi.problem = t('table.joinNoRows', app.lang);
    return null;
  }
  const features = joinedFeatures(targets.features, table, joinUi.keyColumn, joinUi.numeric, result);
  const src = joinUi.layer?.source;
  const accuracy: RowAccuracy = !src ? 'boundary' : src.kind === 'analysis' ? src.accuracy : src.kind === 'drawing' ? 'schematic' : 'located';
  const base = file.replace(/\.[^.]+$/, '');
  const vars = (lang: Lang) => ({
    file,
    target: targetName(joinUi.target, lang),
    by: t(`table.byShort.${joinUi.by}`, lang),
    key: joinUi.keyColumn,
    matched: result.matches.size,
    rows: table.rows.length,
  });
  const layer = analysisLayer({
    id: randomId('layer'),
    op: 'join',
    name: t('table.joinLayerName', app.lang, { table: base, target: targetName(joinUi.target, app.lang) }),
    provenance: bothTexts('table.joinProvenance', vars),
    accuracy,
    features: features as { geometry: Geometry; properties: Record<string, JsonValue> }[],
    styleIndex: nextLayerStyleIndex(),
    makeId: randomId,
  });
  const value = joinUi.valueColumn && joinUi.numeric.includes(joinUi.valueColumn) ? (joinUi.valueColumn in (targets.features[0]?.properties ?? {}) ? `${joinUi.valueColumn}_table` : joinUi.valueColumn) : '';
  if (value) layer.style = { ...layer.style, color: '#4d4d4d', width: 0.8, fill: layer.style.color, opacity: 1, colorBy: { field: value, scheme: 'classed', method: joinUi.method, classes: joinUi.classes, ramp: joinUi.ramp } };
  else joinUi.problem = t('table.joinNoNumber', app.lang);
  if (!addAnalysisLayer(layer)) return null;
  say('info', t('table.joinMade', app.lang, { name: layer.name }));
  return layer.id;
}
