// The place page on the map: the chosen place outlined (an area or line) or marked (a point, the device's
// position), the list's radius as a ring, and the camera framing both above the phone's bottom sheet.
// Goes through MapView (a deck.gl overlay layer and fitBounds); state is read, never written.
import type { Feature } from 'geojson';
import type { MapView } from './mapView.ts';
import { place } from '../state/place.svelte.ts';
import { plan } from '../state/plan.svelte.ts';
import { selection } from '../state/selection.svelte.ts';
import { bboxOf } from '../lib/geo/kernel.ts';
import { app } from '../state/app.svelte.ts';
import { radiusRing } from '../lib/place/radius.ts';
import type { PlaceTarget } from '../lib/place/target.ts';
import { planColors } from '../style/theme.ts';
import { panelPadding } from './framing.ts';

const LAYER = 'place-marker';

function features(t: PlaceTarget, radiusKm: number): Feature[] {
  const out: Feature[] = [{ type: 'Feature', geometry: t.geometry, properties: { role: t.kind === 'me' ? 'me' : 'place' } }];
  if (t.geometry.type === 'Point') {
    const c = t.geometry.coordinates as [number, number];
    out.unshift({ type: 'Feature', geometry: { type: 'LineString', coordinates: radiusRing(c, radiusKm * 1000) }, properties: { role: 'ring' } });
  }
  return out;
}

/** The box to frame: the place and its radius. */
function frameBox(t: PlaceTarget, radiusKm: number): [[number, number], [number, number]] {
  const [w, s, e, n] = t.bbox;
  const dLat = (radiusKm * 1000) / 111_195;
  const dLon = dLat / Math.cos((((s + n) / 2) * Math.PI) / 180);
  // a point place shows its whole ring; an area shows itself with a margin of its radius
  return [[w - dLon, s - dLat], [e + dLon, n + dLat]];
}

export function attachPlaceMarker(view: MapView, container: HTMLElement): () => void {
  let drawn: PlaceTarget | null = null;
  return $effect.root(() => {
    $effect(() => {
      const t = app.panel === 'place' ? place.target : null;
      const r = place.radiusKm;
      if (!t) {
        if (drawn) view.removeOverlayLayer(LAYER);
        drawn = null;
        return;
      }
      const moved = t !== drawn;
      drawn = t;
      void import('@deck.gl/layers').then(({ GeoJsonLayer }) => {
        if (drawn !== t) return;
        const sel = planColors.selection;
        const [r0, g0, b0] = [parseInt(sel.slice(1, 3), 16), parseInt(sel.slice(3, 5), 16), parseInt(sel.slice(5, 7), 16)];
        type RGBA = [number, number, number, number];
        void view.setOverlayLayer(
          new GeoJsonLayer({
            id: LAYER,
            data: { type: 'FeatureCollection', features: features(t, r) },
            stroked: true,
            filled: true,
            pointType: 'circle',
            getFillColor: (f: Feature): RGBA => (f.properties?.role === 'me' ? [26, 95, 180, 255] : [r0, g0, b0, f.geometry.type === 'Point' ? 255 : 30]),
            getLineColor: (f: Feature): RGBA => (f.properties?.role === 'ring' ? [26, 95, 180, 160] : f.properties?.role === 'me' ? [255, 255, 255, 255] : [r0, g0, b0, 230]),
            getLineWidth: (f: Feature) => (f.properties?.role === 'ring' ? 2 : 3),
            lineWidthUnits: 'pixels',
            getPointRadius: 8,
            pointRadiusUnits: 'pixels',
            updateTriggers: { getFillColor: [t], getLineColor: [t] },
          }),
        );
      });
      if (moved) view.fitBounds(frameBox(t, r), { padding: panelPadding(container), maxZoom: 13, animate: !matchMedia('(prefers-reduced-motion: reduce)').matches });
    });
  });
}

/** The selected element's point (or the middle of its box) panned clear of the card, once (a link opened). */
export function keepSelectionInView(view: MapView, container: HTMLElement): void {
  const f = selection.id ? plan.features.find((x) => x.properties.id === selection.id) : undefined;
  const b = f && bboxOf(f.geometry);
  if (!b) return;
  view.keepInView([(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], panelPadding(container, 'card'));
}
