// Scales for the panel's small SVG bar charts. Pure arithmetic.

export interface BarLayout {
  /** bar length in px, proportional to value (0 at 0, `width` at the largest) */
  length: number;
  y: number;
}

/** Horizontal bars: a linear scale from 0 to the largest value over `width` px, one row per value. */
export function barLayout(values: readonly number[], width: number, rowHeight: number): BarLayout[] {
  const max = Math.max(0, ...values);
  return values.map((v, i) => ({ length: max > 0 ? (Math.max(0, v) / max) * width : 0, y: i * rowHeight }));
}

/** Width of a share bar (0..1 clamped) over `width` px. */
export function shareLength(share: number, width: number): number {
  return Math.min(1, Math.max(0, share)) * width;
}
