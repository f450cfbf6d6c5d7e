// Drawing aids: snapping (on/off, tolerance in pixels), the pointer's position for the status line
// (or the map centre when there is no pointer, so keyboard users get it too) and whether it is also
// shown in Gauss–Krüger. Changed only through the named actions below.
class DrawAids {
  snap = $state(false);
  tolerancePx = $state(12);
  /** WGS84 under the pointer, or the map centre (`atCentre`) */
  cursor = $state<[number, number] | null>(null);
  atCentre = $state(true);
  showGk = $state(false);
}

export const drawAids = new DrawAids();

export function setSnapping(on: boolean): void {
  drawAids.snap = on;
}

/** Tolerance in screen pixels, kept within 2…50. */
export function setSnapTolerance(px: number): void {
  if (Number.isFinite(px)) drawAids.tolerancePx = Math.min(50, Math.max(2, Math.round(px)));
}

export function setCursorPosition(p: [number, number] | null, atCentre: boolean): void {
  drawAids.cursor = p;
  drawAids.atCentre = atCentre;
}

export function setShowGk(on: boolean): void {
  drawAids.showGk = on;
}

/**
 * Typed vertices for the line or polygon being drawn go to the map's drawing (registered by
 * src/map/workspace/drawing.ts), so the form needs no map import.
 */
export interface TypedVertexSink {
  /** adds a vertex to the shape being drawn (once the tool has loaded); false when no line or polygon tool is active */
  add(p: [number, number]): Promise<boolean>;
  /** finishes the shape being drawn; false when it has too few vertices */
  finish(): Promise<boolean>;
}
let vertexSink: TypedVertexSink | null = null;

export function setTypedVertexSink(s: TypedVertexSink | null): void {
  vertexSink = s;
}

export function addTypedVertex(p: [number, number]): Promise<boolean> {
  return vertexSink?.add(p) ?? Promise.resolve(false);
}

export function finishTypedShape(): Promise<boolean> {
  return vertexSink?.finish() ?? Promise.resolve(false);
}
