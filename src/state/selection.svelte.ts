// What the user points at and has chosen. The URL hash carries `sel`.
import type { MapProps } from '../lib/plan/bundle.ts';

export const selection = $state<{ id: string | null; hover: { props: MapProps; x: number; y: number } | null }>({
  id: null,
  hover: null,
});

export function select(id: string | null): void {
  selection.id = id;
}

export function setHover(hover: { props: MapProps; x: number; y: number } | null): void {
  selection.hover = hover;
}
