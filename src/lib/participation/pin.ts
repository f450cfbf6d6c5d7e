// Where a suggestion is pinned: nowhere (only its element), the element itself, or the map's centre (the
// resident moves the map under the cross). The server rounds to ~100 m unless `exact` (schema.roundPosition).
export type PinMode = 'none' | 'element' | 'centre';

export function pinFields(
  mode: PinMode,
  exact: boolean,
  anchor: [number, number] | null,
  centre: [number, number] | null,
): { lon: number; lat: number; exact: boolean } | Record<string, never> {
  const at = mode === 'element' ? anchor : mode === 'centre' ? centre : null;
  if (!at || !Number.isFinite(at[0]) || !Number.isFinite(at[1])) return {};
  return { lon: at[0], lat: at[1], exact };
}
