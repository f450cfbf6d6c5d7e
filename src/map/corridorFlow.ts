// Corridors drawn with deck.gl: light pulses along rail lines that run (TripsLayer) and development
// axes as wide translucent bands in metres (PathLayer). The data comes from src/lib/plan/flow.ts; this
// module only owns the deck layers and the animation clock. Loaded on demand with deck.gl.
import { PathLayer } from '@deck.gl/layers';
import { TripsLayer } from '@deck.gl/geo-layers';
import type { Feature, Geometry } from 'geojson';
import type { MapView } from './mapView.ts';
import { bandPaths, flowClock, flowPaths, DEFAULT_FLOW, type BandPath, type FlowPath, type FlowProps } from '../lib/plan/flow.ts';
import { planColors } from '../style/theme.ts';
import { registerExportLayers } from './overlayExport.ts';

export const FLOW_LAYER = 'corridor-flow';
export const BAND_LAYER = 'corridor-bands';
const SPEED_KM_S = 9;
const FRAME_MS = 1000 / 30; // 30 fps is smooth enough for pulses and halves the GPU work of 60
const BAND_WIDTH_M = 9000;
const BAND_MIN_PX = 6;
const BAND_MAX_PX = 26;

export interface FlowSettings {
  /** pulses animate; off = no pulses (bands stay: they are part of the drawing, not motion) */
  enabled: boolean;
  /** 0–1, the overlay opacity times the corridor kind's opacity */
  opacity: number;
  /** only these element ids (a story scene's filter); null = all given features */
  scope: readonly string[] | null;
}

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
const modeRgb = (mode: string) => rgb((planColors.mode as Record<string, string>)[mode] ?? planColors.kind.corridor);

export class CorridorFlow {
  private pulses: FlowPath[] = [];
  private bands: BandPath[] = [];
  private settings: FlowSettings = { enabled: true, opacity: 1, scope: null };
  private pathKey = '';
  private raf = 0;
  private lastFrame = 0;
  private readonly motion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

  /** `exportable`: the image export draws these bands (the main map's; not the compare view's second map). */
  constructor(
    private readonly view: MapView,
    private readonly exportable = true,
  ) {
    // the setting can change while the app runs (OS switch, kiosk operator)
    this.motion?.addEventListener('change', this.onMotion);
    if (exportable) registerExportLayers(BAND_LAYER, (v) => this.bandsForExport(v));
  }

  /** The bands as a MapLibre line layer of the same on-screen width, for image export. */
  bandsForExport(v: { zoom: number; lat: number }) {
    if (!this.bands.length) return null;
    const metresPerPx = (40075016.686 * Math.cos((v.lat * Math.PI) / 180)) / (512 * 2 ** v.zoom);
    const width = Math.min(BAND_MAX_PX, Math.max(BAND_MIN_PX, BAND_WIDTH_M / metresPerPx));
    return {
      sources: {
        [`${BAND_LAYER}-export`]: {
          type: 'geojson' as const,
          data: {
            type: 'FeatureCollection' as const,
            features: this.bands.map((b) => ({ type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: b.path }, properties: { mode: b.mode } })),
          },
        },
      },
      layers: [
        {
          id: `${BAND_LAYER}-export`,
          type: 'line' as const,
          source: `${BAND_LAYER}-export`,
          layout: { 'line-cap': 'round' as const, 'line-join': 'round' as const },
          paint: {
            'line-color': ['match', ['get', 'mode'], ...Object.entries(planColors.mode).flatMap(([k, c]) => [k, c]), planColors.kind.corridor] as unknown as string,
            'line-opacity': (46 / 255) * this.settings.opacity,
            'line-width': width,
          },
        },
      ],
    };
  }

  private readonly onMotion = () => {
    if (!this.pulses.length) return;
    this.drawPulses(performance.now());
    if (this.reduce) this.stop();
    else this.start();
  };

  private get reduce(): boolean {
    return this.motion?.matches ?? false;
  }

  /** New features or settings: rebuild the paths and redraw (the clock keeps running). */
  update(features: readonly Feature<Geometry, FlowProps>[], settings: FlowSettings): void {
    this.settings = settings;
    // an opacity change alone only redraws: the paths (geodesic lengths per vertex) stay
    const key = `${settings.enabled}|${this.view.displayShifted}|${settings.scope?.join(',') ?? '*'}|${features.map((f) => `${f.properties.id}:${f.properties.phase ?? ''}`).join(',')}`;
    if (key === this.pathKey) {
      this.drawBands();
      if (this.pulses.length) this.drawPulses(performance.now());
      return;
    }
    this.pathKey = key;
    const scope = settings.scope ? new Set(settings.scope) : null;
    const shown = scope ? features.filter((f) => scope.has(f.properties.id)) : features;
    this.pulses = settings.enabled ? flowPaths(shown, DEFAULT_FLOW) : [];
    this.bands = bandPaths(shown);
    // on a GCJ-02 basemap the MapLibre layers show shifted copies; deck.gl must draw the same way
    // (this map's datum: the compare view's second map may show another basemap)
    if (this.view.displayShifted) {
      const shift = (path: FlowPath['path']) => path.map((p) => this.view.displayPosition(p as [number, number]));
      const cache = new Map<FlowPath['path'], FlowPath['path']>();
      const once = (path: FlowPath['path']) => cache.get(path) ?? (cache.set(path, shift(path)), cache.get(path)!);
      for (const p of this.pulses) p.path = once(p.path);
      for (const b of this.bands) b.path = once(b.path);
    }
    this.drawBands();
    if (this.pulses.length) {
      this.drawPulses(performance.now());
      if (!this.reduce) this.start();
    } else {
      this.stop();
      this.view.removeOverlayLayer(FLOW_LAYER);
    }
  }

  /** The clock now (for tests and the legend): km within the pulse spacing. */
  clock(now = performance.now()): number {
    // reduced motion: pulses stand still, spaced along the lines like a dotted arrow
    return this.reduce ? DEFAULT_FLOW.spacingKm / 2 : flowClock(now, SPEED_KM_S, DEFAULT_FLOW.spacingKm);
  }

  get running(): boolean {
    return this.raf !== 0;
  }

  get pulseCount(): number {
    return this.pulses.length;
  }

  get bandCount(): number {
    return this.bands.length;
  }

  /** The lines drawn (for tests): pulse paths once each, and band paths. */
  drawn(): { pulses: FlowPath['path'][]; bands: BandPath['path'][] } {
    return { pulses: [...new Set(this.pulses.map((p) => p.path))], bands: this.bands.map((b) => b.path) };
  }

  private start(): void {
    if (this.raf) return;
    const tick = (now: number) => {
      // read each frame too: not every way of changing the setting fires `change`
      if (this.reduce) {
        this.raf = 0;
        this.drawPulses(now);
        return;
      }
      this.raf = requestAnimationFrame(tick);
      if (now - this.lastFrame < FRAME_MS) return;
      this.lastFrame = now;
      this.drawPulses(now);
    };
    this.raf = requestAnimationFrame(tick);
  }

  private stop(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  private drawPulses(now: number): void {
    const alpha = Math.round(255 * this.settings.opacity);
    void this.view.setOverlayLayer(
      new TripsLayer<FlowPath>({
        id: FLOW_LAYER,
        data: this.pulses,
        getPath: (d) => d.path as [number, number][],
        getTimestamps: (d) => d.timestamps,
        getColor: [255, 255, 255, alpha],
        widthUnits: 'pixels',
        getWidth: 3,
        widthMinPixels: 2,
        capRounded: true,
        jointRounded: true,
        fadeTrail: true,
        trailLength: DEFAULT_FLOW.spacingKm * 0.35,
        currentTime: this.clock(now),
        pickable: false,
        updateTriggers: { getColor: alpha },
      }),
    );
  }

  private drawBands(): void {
    if (!this.bands.length) {
      this.view.removeOverlayLayer(BAND_LAYER);
      return;
    }
    const alpha = Math.round(46 * this.settings.opacity);
    void this.view.setOverlayLayer(
      new PathLayer<BandPath>({
        id: BAND_LAYER,
        data: this.bands,
        getPath: (d) => d.path as [number, number][],
        getColor: (d) => [...modeRgb(d.mode), alpha],
        widthUnits: 'meters',
        getWidth: BAND_WIDTH_M,
        widthMinPixels: BAND_MIN_PX,
        // a 9 km band says "along this axis" at regional zooms; zoomed in it would only hide the city
        widthMaxPixels: BAND_MAX_PX,
        capRounded: true,
        jointRounded: true,
        pickable: false,
        updateTriggers: { getColor: alpha },
      }),
    );
  }

  destroy(): void {
    this.stop();
    this.motion?.removeEventListener('change', this.onMotion);
    if (this.exportable) registerExportLayers(BAND_LAYER, null);
    this.view.removeOverlayLayer(FLOW_LAYER);
    this.view.removeOverlayLayer(BAND_LAYER);
  }
}
