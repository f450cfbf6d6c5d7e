// Where the map is not covered by a panel: framing a place or an element keeps it there.

/**
 * Padding that keeps a framed place clear of the panels: on a phone the bottom sheet (the place page,
 * the card; at most 60% of the map) and the header controls; on a desktop the right-hand dock.
 */
export function panelPadding(
  container: { clientWidth: number; clientHeight: number },
  panel: 'dock' | 'card' = 'dock',
): { top: number; bottom: number; left: number; right: number } {
  const phone = container.clientWidth <= 600;
  if (phone) return { top: 56, bottom: Math.round(container.clientHeight * 0.6) + 16, left: 24, right: 56 };
  const side = Math.min(container.clientWidth / 2, 430);
  return panel === 'dock' ? { top: 60, bottom: 60, left: 60, right: side } : { top: 60, bottom: 60, left: side, right: 60 };
}
