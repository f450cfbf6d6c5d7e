// deck.gl drawings (canvas on top of the map) are not in MapLibre's style, so an image export would lose
// them. Modules that draw with deck.gl register here how to redraw their lasting parts as MapLibre layers;
// animation (pulses) is left out of a still image.
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';

export interface ExportLayers {
  sources: Record<string, SourceSpecification>;
  /** inserted below the first label layer */
  layers: LayerSpecification[];
}

type Provider = (view: { zoom: number; lat: number }) => ExportLayers | null;
const providers = new Map<string, Provider>();

export function registerExportLayers(id: string, provider: Provider | null): void {
  if (provider) providers.set(id, provider);
  else providers.delete(id);
}

export function exportLayers(view: { zoom: number; lat: number }): ExportLayers[] {
  return [...providers.values()].map((p) => p(view)).filter((x): x is ExportLayers => !!x);
}
