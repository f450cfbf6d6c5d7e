// The attribute table's pure logic: column typing, sorting (numbers numerically, Chinese by pinyin),
// expression-free filters, selection, the virtual window and typed edits.
import { describe, expect, it } from 'vitest';
import { cellNumber, parseEdit, typeColumns, columnKeys, type TableRow } from '../../../src/lib/table/columns';
import { filterRows, hasAccuracy, isAccuracyCell, nextSort, sortRows, viewRows, withoutSchematic } from '../../../src/lib/table/query';
import { rowWindow, scrollToRow } from '../../../src/lib/table/viewport';
import { clickRow, emptySelection } from '../../../src/lib/table/selection';
import { editedProperties, isEditable, rowsFromLayer } from '../../../src/lib/table/rows';
import { emptyDrawingLayer, newDrawingProperties, type UserLayer } from '../../../src/lib/workspace/model';

const row = (id: string, cells: TableRow['cells']): TableRow => ({ id, cells });
const rows: TableRow[] = [
  row('a', { name: '眉山市', pop: '2955000', kind: 'city', note: 'x' }),
  row('b', { name: '成都市', pop: '21403000', kind: 'city', note: '' }),
  row('c', { name: '德阳市', pop: '3456000', kind: 'city', note: 'y' }),
  row('d', { name: '资阳市', pop: null, kind: 'town', note: 'z' }),
  row('e', { name: '简阳市', pop: '1110000', kind: 'town', note: 'w' }),
];
const ids = (idx: Int32Array) => Array.from(idx, (i) => rows[i].id);

describe('columns', () => {
  it('types numeric text as numbers, few repeated values as categories, the rest as text', () => {
    const cols = typeColumns(columnKeys(rows), rows);
    expect(cols.map((c) => [c.key, c.type])).toEqual([
      ['name', 'text'],
      ['pop', 'number'],
      ['kind', 'category'],
      ['note', 'text'],
    ]);
    expect(cols[1]).toMatchObject({ min: 1110000, max: 21403000 });
    expect(cols[2].categories).toEqual(['city', 'town']);
  });
  it('reads plain decimals only as numbers', () => {
    expect(cellNumber('1.5e3')).toBe(1500);
    expect(cellNumber(' 42 ')).toBe(42);
    expect(cellNumber('510104')).toBe(510104);
    expect(cellNumber('12km')).toBeNull();
    expect(cellNumber('')).toBeNull();
    expect(cellNumber(true)).toBeNull();
  });
  it('keeps the kind of value an edit replaces', () => {
    expect(parseEdit(12, '13.5', 'number')).toEqual({ ok: true, value: 13.5 });
    expect(parseEdit(12, 'many', 'number')).toEqual({ ok: false, problem: 'notNumber' });
    expect(parseEdit('12', '13', 'number')).toEqual({ ok: true, value: '13' });
    expect(parseEdit('abc', '', 'text')).toEqual({ ok: true, value: null });
    expect(parseEdit(true, 'false', 'category')).toEqual({ ok: true, value: false });
  });
});

describe('sort', () => {
  const cols = typeColumns(columnKeys(rows), rows);
  const all = Int32Array.from(rows.keys());
  it('sorts numbers numerically (text "21403000" after "3456000"), empty cells last both ways', () => {
    expect(ids(sortRows(rows, all, cols[1], 'asc', 'zh-CN'))).toEqual(['e', 'a', 'c', 'b', 'd']);
    expect(ids(sortRows(rows, all, cols[1], 'desc', 'zh-CN'))).toEqual(['b', 'c', 'a', 'e', 'd']);
  });
  it('sorts Chinese by pinyin: 成都 chéng, 德阳 dé, 简阳 jiǎn, 眉山 méi, 资阳 zī', () => {
    expect(ids(sortRows(rows, all, cols[0], 'asc', 'zh-CN'))).toEqual(['b', 'c', 'e', 'a', 'd']);
    expect(ids(sortRows(rows, all, cols[0], 'desc', 'zh-CN'))).toEqual(['d', 'a', 'e', 'c', 'b']);
  });
  it('is stable and cycles asc → desc → none', () => {
    expect(ids(sortRows(rows, all, cols[2], 'asc', 'zh-CN'))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(nextSort(null, 'pop')).toEqual({ key: 'pop', dir: 'asc' });
    expect(nextSort({ key: 'pop', dir: 'asc' }, 'pop')).toEqual({ key: 'pop', dir: 'desc' });
    expect(nextSort({ key: 'pop', dir: 'desc' }, 'pop')).toBeNull();
    expect(nextSort({ key: 'pop', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
  });
});

describe('filter', () => {
  it('combines text contains, a numeric range and category checkboxes', () => {
    expect(ids(filterRows(rows, [{ kind: 'text', key: 'name', contains: '阳' }]))).toEqual(['c', 'd', 'e']);
    expect(ids(filterRows(rows, [{ kind: 'range', key: 'pop', min: 2_000_000, max: null }]))).toEqual(['a', 'b', 'c']);
    expect(ids(filterRows(rows, [{ kind: 'range', key: 'pop', min: null, max: 3_000_000 }]))).toEqual(['a', 'e']);
    expect(ids(filterRows(rows, [{ kind: 'category', key: 'kind', values: ['town'] }]))).toEqual(['d', 'e']);
    const both = filterRows(rows, [
      { kind: 'text', key: 'name', contains: '阳' },
      { kind: 'category', key: 'kind', values: ['town'] },
    ]);
    expect(ids(both)).toEqual(['d', 'e']);
    expect(ids(filterRows(rows, [{ kind: 'text', key: 'name', contains: '  ' }]))).toHaveLength(5);
  });
  it('filters, then sorts', () => {
    const cols = typeColumns(columnKeys(rows), rows);
    expect(ids(viewRows(rows, cols, [{ kind: 'text', key: 'name', contains: '阳' }], { key: 'pop', dir: 'desc' }, 'zh-CN'))).toEqual(['c', 'e', 'd']);
  });
});

describe('hide schematic rows', () => {
  const plan: TableRow[] = [
    row('p1', { name: '成都东站', accuracy: 'located' }),
    row('p2', { name: '成都西站', accuracy: 'schematic' }),
    row('p3', { name: '成德眉资', accuracy: 'boundary' }),
    row('p4', { name: '天府站', accuracy: 'schematic' }),
  ];
  it('leaves out the schematic rows in the order shown and counts them', () => {
    const { kept, hidden } = withoutSchematic(plan, Int32Array.from([3, 2, 1, 0]));
    expect(Array.from(kept, (i) => plan[i].id)).toEqual(['p3', 'p1']);
    expect(hidden).toBe(2);
  });
  it('offers the filter and badges only for the three accuracies in an accuracy column', () => {
    expect(hasAccuracy(plan)).toBe(true);
    expect(hasAccuracy(rows)).toBe(false);
    expect(hasAccuracy([row('x', { accuracy: 'good' })])).toBe(false);
    expect(isAccuracyCell('accuracy', 'schematic')).toBe(true);
    expect(isAccuracyCell('accuracy', 'imported')).toBe(false);
    expect(isAccuracyCell('kind', 'located')).toBe(false);
  });
});

describe('selection', () => {
  const shown = ['b', 'c', 'e', 'a', 'd'];
  it('click selects one, Ctrl toggles, Shift takes the range in the order shown', () => {
    let s = clickRow(emptySelection(), 'c', shown);
    expect([...s.ids]).toEqual(['c']);
    s = clickRow(s, 'a', shown, { range: true });
    expect([...s.ids].sort()).toEqual(['a', 'c', 'e']);
    s = clickRow(s, 'e', shown, { toggle: true });
    expect([...s.ids].sort()).toEqual(['a', 'c']);
    s = clickRow(s, 'b', shown);
    expect([...s.ids]).toEqual(['b']);
  });
});

describe('virtual window', () => {
  it('renders only the rows in view plus the overscan', () => {
    expect(rowWindow(0, 280, 28, 100_000, 5)).toEqual({ start: 0, end: 16, top: 0, total: 2_800_000 });
    const w = rowWindow(28 * 50_000 + 10, 280, 28, 100_000, 5);
    expect(w.start).toBe(49_995);
    expect(w.end).toBe(50_016);
    expect(w.top).toBe(49_995 * 28);
    expect(rowWindow(28 * 99_999, 280, 28, 100_000, 5).end).toBe(100_000);
    expect(rowWindow(0, 280, 28, 0)).toMatchObject({ start: 0, end: 0, total: 0 });
  });
  it('scrolls a row into view only when it is out of view', () => {
    expect(scrollToRow(3, 0, 280, 28)).toBeNull();
    expect(scrollToRow(20, 0, 280, 28)).toBe(21 * 28 - 280);
    expect(scrollToRow(2, 200, 280, 28)).toBe(56);
  });
});

describe('rows from layers', () => {
  it('drawn layers show name and years and edit them in the interface language', () => {
    const layer: UserLayer = emptyDrawingLayer('layer-1', 'd');
    const props = { ...newDrawingProperties('hub', { zh: '新站', en: 'New station' }), years: { target: 2030 } };
    layer.features = [{ type: 'Feature', id: 'f1', geometry: { type: 'Point', coordinates: [104, 30] }, properties: props }];
    expect(rowsFromLayer(layer, 'en')[0].cells).toMatchObject({ name: 'New station', kind: 'hub', target: 2030, opened: null });
    expect(isEditable(layer, 'name')).toBe(true);
    expect(isEditable(layer, 'kind')).toBe(false);
    const edited = editedProperties(layer, props, 'name', '东站', 'zh') as typeof props;
    expect(edited.name).toEqual({ zh: '东站', en: 'New station' });
    expect(props.name.zh).toBe('新站');
    expect((editedProperties(layer, props, 'target', null, 'zh') as typeof props).years).toEqual({});
  });
  it('imported layers show every attribute, nested JSON as text; analysis layers are read only', () => {
    const layer: UserLayer = {
      id: 'l',
      name: 'x',
      source: { kind: 'import', file: 'a.geojson', format: 'geojson', crs: null, encoding: null },
      style: emptyDrawingLayer('q', 'q').style,
      visible: true,
      features: [{ type: 'Feature', id: 'f', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { a: 1, b: { c: 2 }, d: null } }],
    };
    expect(rowsFromLayer(layer, 'zh')[0].cells).toEqual({ a: 1, b: '{"c":2}', d: null });
    expect(isEditable(layer, 'a')).toBe(true);
    expect(isEditable({ ...layer, source: { kind: 'analysis', op: 'buffer', provenance: { zh: '', en: '' }, accuracy: 'located' } }, 'a')).toBe(false);
  });
});
