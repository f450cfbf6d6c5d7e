// Where a suggestion is pinned: nowhere (only its element), the element itself, or a position the resident
// chose on the map (a tap / click in "pick on map" mode, or the map centre — the keyboard way). The server
// rounds to ~100 m unless `exact` (schema.roundPosition).
import { roundPosition } from './schema.ts';

export type PinMode = 'none' | 'element' | 'map';

export function pinFields(
  mode: PinMode,
  exact: boolean,
  anchor: [number, number] | null,
  picked: [number, number] | null,
): { lon: number; lat: number; exact: boolean } | Record<string, never> {
  const at = mode === 'element' ? anchor : mode === 'map' ? picked : null;
  if (!at || !Number.isFinite(at[0]) || !Number.isFinite(at[1])) return {};
  return { lon: at[0], lat: at[1], exact };
}

/** What the server will keep of a pin, for the form to show before sending: 3 decimals (~100 m) or 6 (exact). */
export function pinPreview(at: [number, number], exact: boolean): string {
  const [lon, lat] = roundPosition(at[0], at[1], exact);
  const d = exact ? 6 : 3;
  return `${lon.toFixed(d)}, ${lat.toFixed(d)}`;
}
