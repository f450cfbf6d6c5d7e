// The compare view's second map while it is open, for a story's compare scene: it draws its highlight on
// side B too. A module of its own so the story code does not load the compare view (a lazy chunk).
import type { MapView } from './mapView.ts';
import type { ExportLayers } from './overlayExport.ts';

/** What a story scene draws on top of a side's plan (its highlight layers); run again whenever B's plan is set. */
export type SideDecoration = (view: MapView) => void;

/** The part of CompareSide the story needs. */
export interface DecoratedSide {
  readonly view: MapView;
  setDecoration(d: SideDecoration | null): void;
  /** side B's deck.gl drawings as MapLibre layers (a scene image) */
  exportLayers(v: { zoom: number; lat: number }): ExportLayers[];
}

/** The open second map, if any (a scene image of a compare scene draws both sides). */
export function openCompareSide(): DecoratedSide | null {
  return openSide;
}

let openSide: DecoratedSide | null = null;
const listeners = new Set<(side: DecoratedSide | null) => void>();

/** Calls `cb` with the open second map now and whenever one opens or closes; returns the unsubscribe. */
export function onCompareSide(cb: (side: DecoratedSide | null) => void): () => void {
  listeners.add(cb);
  cb(openSide);
  return () => void listeners.delete(cb);
}

/** CompareSide reports itself when open (`open` true) and when destroyed. */
export function announceCompareSide(side: DecoratedSide, open = true): void {
  if (!open && openSide !== side) return;
  openSide = open ? side : null;
  for (const cb of listeners) cb(openSide);
}
