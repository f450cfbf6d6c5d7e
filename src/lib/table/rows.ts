// Rows of the attribute table from what the app holds: a workspace layer (imported, drawn, made by analysis)
// or the plan elements of a region. Which cells can be edited, and the properties an edit writes. Pure.
import { localName, type Lang } from '../i18n/catalog';
import type { MapProps } from '../plan/bundle';
import type { DrawingProperties, ImportedProperties, JsonValue, UserLayer } from '../workspace/model';
import { toCell, type Cell, type TableRow } from './columns';

/** Drawn features: the plan-element fields a user fills in, with the name in the interface language. */
export const DRAWING_KEYS = ['name', 'kind', 'status', 'accuracy', 'opened', 'started', 'target'] as const;
/** Plan elements (read only). */
export const PLAN_KEYS = ['id', 'name', 'kind', 'status', 'accuracy', 'region', 'opened', 'started', 'target'] as const;

export function rowsFromLayer(layer: UserLayer, lang: Lang): TableRow[] {
  if (layer.source.kind === 'drawing') {
    return layer.features.map((f) => {
      const p = f.properties as DrawingProperties;
      const cells: Record<string, Cell> = {
        name: localName(p.name, lang) || null,
        kind: p.kind ?? null,
        status: p.status ?? null,
        accuracy: p.accuracy ?? null,
        opened: p.years?.opened ?? null,
        started: p.years?.started ?? null,
        target: p.years?.target ?? null,
      };
      return { id: f.id, cells };
    });
  }
  return layer.features.map((f) => {
    const cells: Record<string, Cell> = {};
    for (const [k, v] of Object.entries(f.properties as ImportedProperties)) cells[k] = toCell(v);
    return { id: f.id, cells };
  });
}

export function rowsFromPlan(features: readonly { properties: MapProps }[], lang: Lang): TableRow[] {
  return features.map(({ properties: p }) => ({
    id: p.id,
    cells: {
      id: p.id,
      name: localName(p, lang) || null,
      kind: p.kind,
      status: p.status,
      accuracy: p.accuracy,
      region: p.region,
      opened: p.opened ?? null,
      started: p.started ?? null,
      target: p.target ?? null,
    },
  }));
}

/** Cells a user may edit: every attribute of an imported layer, the name and years of a drawing; nothing else. */
export function isEditable(layer: UserLayer | null, key: string): boolean {
  if (!layer) return false;
  if (layer.source.kind === 'import') return true;
  if (layer.source.kind === 'drawing') return key === 'name' || key === 'opened' || key === 'started' || key === 'target';
  return false;
}

/** The feature's properties after setting one cell (the input is not changed). */
export function editedProperties(layer: UserLayer, props: DrawingProperties | ImportedProperties, key: string, value: Cell, lang: Lang): DrawingProperties | ImportedProperties {
  if (layer.source.kind === 'drawing') {
    const p = props as DrawingProperties;
    if (key === 'name') return { ...p, name: { ...p.name, [lang]: value === null ? '' : String(value) } };
    const years = { ...p.years };
    if (typeof value === 'number') years[key as 'opened'] = value;
    else delete years[key as 'opened'];
    return { ...p, years };
  }
  return { ...(props as ImportedProperties), [key]: value as JsonValue };
}

/** The items whose id is in `order`, in that order (rows shown → features to export). */
export function inOrder<T>(items: readonly T[], idOf: (item: T, index: number) => string, order: readonly string[]): T[] {
  const byId = new Map(items.map((item, i) => [idOf(item, i), item]));
  return order.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
