// The compare view's second map: a MapView of its own over (swipe) or beside (side by side) the main one,
// following the main camera on every frame; in side-by-side mode moving either moves both. It draws what
// its side names: the plan (of a year, a region) and/or a workspace layer, with deck.gl overlays and the
// GCJ-02 display shift of its own basemap.
import { MapView } from './mapView.ts';
import { loadBasemap } from './bootstrap.svelte.ts';
import type { Lang } from '../lib/i18n/catalog.ts';
import type { CompareMode } from '../lib/compare/spec.ts';
import type { Feature, Geometry } from 'geojson';
import type { MapProps } from '../lib/plan/bundle.ts';
import { setBasemap } from './basemaps.ts';
import type { CorridorFlow, FlowSettings } from './corridorFlow.ts';
import type { ExportLayers } from './overlayExport.ts';
import type { Workspace } from '../lib/workspace/model.ts';
import { UserLayersOnMap } from './workspace/layers.ts';
import { PLAN_SOURCE } from './planLayers.ts';
import { announceCompareSide, type DecoratedSide, type SideDecoration } from './compareSides.ts';

export class CompareSide implements DecoratedSide {
  private unsync: (() => void)[] = [];
  private mode: CompareMode = 'swipe';
  private basemapId: string | null = null;
  private flow: CorridorFlow | null = null;
  private flowLoading: Promise<CorridorFlow> | null = null;
  private destroyed = false;
  private userLayers: UserLayersOnMap;
  private workspace: { ws: Workspace; lang: Lang } | null = null;
  private planArgs: { features: Feature<Geometry, MapProps & { phase: string }>[]; flow: FlowSettings } | null = null;
  private decoration: SideDecoration | null = null;

  private constructor(
    private main: MapView,
    readonly view: MapView,
  ) {
    this.userLayers = new UserLayersOnMap(view);
  }

  static async open(main: MapView, container: HTMLElement, lang: Lang): Promise<CompareSide> {
    const basemap = await loadBasemap();
    const view = await MapView.create({ container, basemap, lang, view: main.getView(), interactive: true });
    view.exposeForTests('__atlasCompareMap');
    const side = new CompareSide(main, view);
    side.sync();
    if (!side.destroyed) announceCompareSide(side);
    return side;
  }

  /** Camera: B follows A every frame; in side-by-side mode A follows B too (guarded against echo). */
  private sync(): void {
    let leading: MapView | null = null;
    const follow = (from: MapView, to: MapView) => () => {
      if (leading && leading !== from) return;
      leading = from;
      to.jumpTo(from.getView());
      leading = null;
    };
    this.unsync.push(this.main.onMove(follow(this.main, this.view)));
    this.unsync.push(this.view.onMove(() => this.mode === 'sideBySide' && follow(this.view, this.main)()));
  }

  /** The plan on side B, with the deck.gl corridor drawing (pulses, bands) as on the main map. */
  setFeatures(features: Feature<Geometry, MapProps & { phase: string }>[], lang: Lang, flow: FlowSettings): void {
    this.planArgs = { features, flow };
    this.view.setPlanFeatures(features, lang);
    this.view.setLanguage(lang);
    // a story's compare scene: side B's text and strokes at the main map's presentation scale
    if (this.view.presenting !== this.main.presenting) this.view.setPresentationMode(this.main.presenting);
    this.decorate();
    if (this.flow) this.flow.update(features, flow);
    else
      (this.flowLoading ??= import('./corridorFlow.ts').then((m) => (this.flow = new m.CorridorFlow(this.view, false))))
        .then((f) => (this.destroyed ? f.destroy() : f.update(features, flow)))
        .catch((e: unknown) => console.warn('compare corridor flow', e));
  }

  /**
   * A story scene's drawing on this side (highlight rims and line names, as on the main map), applied now if
   * the plan is drawn and again after every new plan; null removes nothing by itself (the caller clears it).
   */
  setDecoration(d: SideDecoration | null): void {
    this.decoration = d;
    this.decorate();
  }

  private decorate(): void {
    if (!this.decoration || this.destroyed || !this.view.hasSource(PLAN_SOURCE)) return;
    this.decoration(this.view);
    // layers the decoration added take the presentation scale too (MapView scales what exists when called)
    if (this.main.presenting) this.view.setPresentationMode(true);
  }

  /** The workspace layers this side draws (already narrowed to what the side names). */
  setUserLayers(ws: Workspace, lang: Lang): void {
    this.workspace = { ws, lang };
    this.userLayers.sync(ws, lang, null);
  }

  /** Side B's own deck.gl corridor bands as MapLibre layers, for a scene image of both sides. */
  exportLayers(v: { zoom: number; lat: number }): ExportLayers[] {
    const bands = this.flow?.bandsForExport(v);
    return bands ? [bands] : [];
  }

  /** `drawn` for tests: `id:deck|maplibre` per workspace layer on this side. */
  userLayerSummary(): string[] {
    return this.userLayers.summary();
  }

  setBasemap(id: string): void {
    if (id === this.basemapId) return;
    this.basemapId = id;
    setBasemap(this.view, id)
      .then(() => {
        // deck.gl user layers carry positions in the display's datum: redraw them for the new one
        if (this.destroyed) return;
        if (this.workspace) this.userLayers.sync(this.workspace.ws, this.workspace.lang, null);
        if (this.flow && this.planArgs) this.flow.update(this.planArgs.features, this.planArgs.flow);
        this.view.container.dataset.basemap = id;
        // the basemap switch shows the app's basemap groups again: a scene's own groups go back on top
        this.decorate();
      })
      .catch((e: unknown) => console.warn('compare basemap', e));
  }

  setMode(mode: CompareMode): void {
    this.mode = mode;
    // the containers changed size (side by side halves the main map): redraw both at their new size
    requestAnimationFrame(() => {
      this.main.resize();
      this.view.resize();
      this.view.jumpTo(this.main.getView());
    });
  }

  destroy(): void {
    this.destroyed = true;
    announceCompareSide(this, false);
    this.flow?.destroy();
    for (const u of this.unsync) u();
    this.view.destroy();
    requestAnimationFrame(() => this.main.resize());
  }
}
