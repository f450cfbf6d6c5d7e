// Starts the map: loads the bundled basemap, creates the MapView and ties it to app state and the URL.
import type { Topology } from 'topojson-specification';
import { decodeBasemap } from '../lib/basemap/decode.ts';
import type { MapView } from './mapView.ts';
import { app, setView, toolsLoaded } from '../state/app.svelte.ts';
import { adopt, readHash, startUrlSync } from '../state/url.svelte.ts';
import { plan, setPlanOverlay, visibleFeatures } from '../state/plan.svelte.ts';
import { loadPlanOverlay } from './planData.ts';
import { selection, select, setHover } from '../state/selection.svelte.ts';
import { setLegendEntries, setLegendFlow } from '../state/legend.svelte.ts';
import { explore, flowOn } from '../state/explore.svelte.ts';
import { flowLegend } from '../lib/plan/flowKinds.ts';
import type { CorridorFlow } from './corridorFlow.ts';
import { legendEntries } from '../lib/plan/describe.ts';
import { ensureLanguage, otherLang } from '../lib/i18n/catalog.ts';
import { attachBasemaps } from './basemaps.ts';
import { basemapState } from '../state/basemaps.svelte.ts';
import { attachPlaceMarker, keepSelectionInView } from './placeMarker.svelte.ts';
import { closeChooser, openChooser } from '../state/place.svelte.ts';
import { mainShowsPlan } from '../state/compare.svelte.ts';

declare global {
  interface Window {
    /** Handle for browser tests and the console; not an API. */
    __atlas?: { mapView: MapView; flow?: () => CorridorFlow | null };
  }
}

export const BASEMAP_URL = `${import.meta.env.BASE_URL}data/basemap.topo.json`;

export async function loadBasemap(url = BASEMAP_URL) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return decodeBasemap((await res.json()) as Topology);
}

// Set once the tool modules load: while a drawing or measuring tool owns the pointer, plain clicks do not select.
let pointerTaken = () => false;
let flowRef: CorridorFlow | null = null;

/** Analysis, workspace, stories and the show relay load after the first frame: they are most of the app's code. */
async function attachTools(mapView: MapView): Promise<void> {
  const [analysisMap, analysisState, workspaceMap, workspaceState, storyMap] = await Promise.all([
    import('./analysis.ts'),
    import('../state/analysis.svelte.ts'),
    import('./workspace.ts'),
    import('../state/workspace.svelte.ts'),
    import('./story.ts'),
    import('../state/story.svelte.ts'),
    import('../state/remote.svelte.ts'),
  ]);
  pointerTaken = () => workspaceState.isWorkspaceToolActive() || analysisState.analysis.tool !== null;
  // the other language's texts (a production build loads only the UI's before mounting; docs/i18n.md § Loading)
  void ensureLanguage(otherLang(app.lang)).catch((e: unknown) => console.warn('texts', e));
  analysisMap.attachAnalysis(mapView);
  workspaceMap.attachWorkspace(mapView);
  storyMap.attachStory(mapView);
  // Their hash keys applied themselves as they registered (registerHashKey). No second read of the whole hash
  // here: it would undo what the visitor changed while the tools loaded (a year switched on reverted to off).
  toolsLoaded();
}

export async function startMap(container: HTMLElement): Promise<MapView> {
  let view: MapView | null = null;
  // Back/Forward and typed hashes move the map; the hash follows state from here on (src/state/url.svelte.ts)
  startUrlSync((v) => view?.flyTo(v, { animate: false }));
  const initial = readHash();
  // MapLibre (most of the first load's bytes) is fetched here, not before the app mounts: on a slow phone the
  // header and its search work while the map is still on its way (docs/phone.md § First load).
  const [{ MapView }, basemap] = await Promise.all([import('./mapView.ts'), loadBasemap()]);
  const mapView = await MapView.create({
    container,
    basemap,
    lang: app.lang,
    view: initial.view,
  });
  view = mapView;
  // the first view is where the link put the map: no history entry for it
  adopt(() => setView(mapView.getView()));
  mapView.onViewChange(setView);
  mapView.onPlanPointer({
    // While a drawing or measuring tool owns the pointer, plain clicks do not select plan elements.
    hover: (hit) => setHover(pointerTaken() ? null : hit),
    click: (props, tap) => {
      if (pointerTaken()) return;
      // a finger on stacked elements: list them instead of guessing the top one (src/ui/place/TapChooser)
      if (tap.touch && tap.hits.length > 1) return openChooser(tap.hits, tap.x, tap.y);
      closeChooser();
      select(props?.id ?? null);
    },
  });
  attachPlaceMarker(mapView, container);
  const updateFlowLegend = (drawn = mapView.renderedPlan()) => {
    setLegendFlow(flowLegend(drawn, flowOn()));
  };
  mapView.on('idle', () => {
    const drawn = mapView.renderedPlan();
    setLegendEntries(legendEntries(drawn.map((d) => ({ ...d.props, geometry: d.geometry }))));
    updateFlowLegend(drawn);
  });
  attachBasemaps(mapView);
  window.__atlas = { mapView, flow: () => flowRef };
  mapView.exposeForTests();
  // The basemap draws first; the plan overlay follows its first frame.
  const firstFrame = mapView.idle();
  firstFrame.then(() => attachTools(mapView)).catch((e: unknown) => console.error('tools', e));
  firstFrame
    .then(loadPlanOverlay)
    .then(({ index, features }) => {
      setPlanOverlay(index, features);
      // a shared link's element shows above the phone's card, not under it
      keepSelectionInView(mapView, container);
    })
    .catch((e: unknown) => console.warn('plan data', e));
  $effect.root(() => {
    $effect(() => {
      // a layer comparison whose left side is a workspace layer: the main map (the left side) shows no plan
      if (plan.index) mapView.setPlanFeatures(mainShowsPlan() ? visibleFeatures() : [], app.lang);
    });
    $effect(() => {
      if (plan.index) mapView.setSelected(selection.id);
    });
    $effect(() => {
      if (plan.index) mapView.setPlanOpacity(explore.opacity, explore.kindOpacity);
    });
    // the pulses toggle changes no MapLibre layer, so no idle event: refresh the legend here
    $effect(() => {
      flowOn();
      updateFlowLegend();
    });
    // deck.gl corridors: loaded with the plan overlay, redrawn when what is shown changes
    let flowLoading: Promise<CorridorFlow> | null = null;
    $effect(() => {
      if (!plan.index) return;
      void basemapState.shown; // a GCJ-02 basemap shifts the drawing
      const features = mainShowsPlan() ? visibleFeatures() : [];
      const settings = {
        enabled: flowOn(),
        opacity: explore.opacity * (explore.kindOpacity.corridor ?? 1),
        scope: plan.scope,
      };
      if (flowRef) flowRef.update(features, settings);
      else
        (flowLoading ??= import('./corridorFlow.ts').then((m) => (flowRef = new m.CorridorFlow(mapView))))
          .then((f) => f.update(mainShowsPlan() ? visibleFeatures() : [], settings))
          .catch((e: unknown) => console.warn('corridor flow', e));
    });
  });
  return mapView;
}
