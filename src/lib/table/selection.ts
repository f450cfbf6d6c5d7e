// Row selection in the attribute table: click selects one, Ctrl/Cmd+click toggles, Shift+click selects the
// range from the anchor in the order shown. Ids, not positions, so sorting and filtering keep it. Pure.

export interface RowSelection {
  ids: ReadonlySet<string>;
  /** The row a Shift+click extends from (the last plain or Ctrl click). */
  anchor: string | null;
}

export const emptySelection = (): RowSelection => ({ ids: new Set(), anchor: null });

export function clickRow(sel: RowSelection, id: string, shown: readonly string[], mods: { toggle?: boolean; range?: boolean } = {}): RowSelection {
  if (mods.range && sel.anchor !== null) {
    const a = shown.indexOf(sel.anchor);
    const b = shown.indexOf(id);
    if (a >= 0 && b >= 0) {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const ids = new Set(mods.toggle ? sel.ids : []);
      for (let i = lo; i <= hi; i++) ids.add(shown[i]);
      return { ids, anchor: sel.anchor };
    }
  }
  if (mods.toggle) {
    const ids = new Set(sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  return { ids: new Set([id]), anchor: id };
}

/** A selection of exactly these rows (anchored at the first). */
export function selectIds(ids: readonly string[]): RowSelection {
  return { ids: new Set(ids), anchor: ids[0] ?? null };
}
