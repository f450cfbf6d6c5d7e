// Virtual scrolling maths: rows have one fixed height, so the rows in view follow from the scroll offset
// alone and only those (plus a few either side) are rendered, however many rows the table has. Pure.

export interface RowWindow {
  /** First rendered row (index into the shown rows). */
  start: number;
  /** One past the last rendered row. */
  end: number;
  /** Pixel offset of the first rendered row from the top of the scroll content. */
  top: number;
  /** Height of the whole scroll content. */
  total: number;
}

export function rowWindow(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 6): RowWindow {
  const total = count * rowHeight;
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + Math.ceil(Math.max(0, viewport) / rowHeight) + 1 + overscan);
  return { start, end: Math.max(start, end), top: start * rowHeight, total };
}

/** The scroll offset that brings row `index` fully into view, or null when it already is. */
export function scrollToRow(index: number, scrollTop: number, viewport: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return null;
}
