// The pointer's position for the status line: WGS84 under the mouse, or the map centre when the
// pointer is off the map (so panning with the keyboard updates it too).
import type { MapView } from '../mapView.ts';
import { drawAids, setCursorPosition } from '../../state/drawAids.svelte.ts';

export function attachCursor(view: MapView): () => void {
  const centre = () => {
    const v = view.getView();
    setCursorPosition([v.lon, v.lat], true);
  };
  centre();
  let frame = 0;
  const offs = [
    view.on('mousemove', (e) => {
      // at most one update a frame
      if (frame) return;
      frame = requestAnimationFrame(() => (frame = 0));
      setCursorPosition([e.lngLat.lng, e.lngLat.lat], false);
    }),
    view.on('mouseout', centre),
    view.on('moveend', () => drawAids.atCentre && centre()),
  ];
  return () => offs.forEach((off) => off());
}
