// Analysis wiring on the map (owned by the analysis feature): one GeoJSON source for measure
// drawings, the current result and pinned results, and the clicks an analysis tool takes.
import type { FilterSpecification, LayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { Feature, Geometry } from 'geojson';
import type { MapView } from './mapView.ts';
import { addMeasurePoint, analysis, endTool, overlay, pickWithTool, setHubPoint, setNearestPoint, watchAnalysis, type OverlayFeature } from '../state/analysis.svelte.ts';
import { app } from '../state/app.svelte.ts';
import { colors, fonts } from '../style/theme.ts';
import { analysisCandidates } from '../state/workspace.svelte.ts';
import { plan } from '../state/plan.svelte.ts';
import { pickUserFeature, userKey } from '../lib/analysis/user-inputs.ts';

export const ANALYSIS_SOURCE = 'analysis';

const INK = '#1f2328';
const ROLE_COLOR: ExpressionSpecification = [
  'match', ['get', 'role'],
  'intersection', colors.accent,
  'ring', '#1a5fb4',
  'hub', '#1a5fb4',
  'element', '#d0743c',
  'centroidLine', '#6a3d9a',
  'edgeLine', colors.accent,
  'hit', '#1b7f5a',
  'hitLine', '#1b7f5a',
  'point', INK,
  INK,
];
const isPoly: ExpressionSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const isLine: ExpressionSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
const isPoint: ExpressionSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];
const hasLabel = (lang: string): ExpressionSpecification => ['has', lang];

function layers(lang: string): LayerSpecification[] {
  const text = {
    'text-field': ['get', lang] as ExpressionSpecification,
    'text-font': [fonts.latin],
    'text-size': 13,
    'text-allow-overlap': true,
    'text-ignore-placement': true,
  };
  const paint = { 'text-color': INK, 'text-halo-color': '#ffffff', 'text-halo-width': 2 };
  return [
    {
      id: 'analysis-fill', type: 'fill', source: ANALYSIS_SOURCE, filter: isPoly,
      paint: { 'fill-color': ROLE_COLOR, 'fill-opacity': ['match', ['get', 'role'], 'intersection', 0.5, 'ring', 0.07, 'measure', 0.15, 0.12] },
    },
    {
      id: 'analysis-line', type: 'line', source: ANALYSIS_SOURCE, filter: ['any', isPoly, isLine],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': ROLE_COLOR,
        'line-width': ['match', ['get', 'role'], 'ring', 1.5, 'element', 1.5, 'intersection', 1.5, 3],
        'line-dasharray': ['match', ['get', 'role'], 'centroidLine', ['literal', [2, 2]], 'ring', ['literal', [3, 2]], ['literal', [1, 0]]],
      },
    },
    {
      id: 'analysis-point', type: 'circle', source: ANALYSIS_SOURCE, filter: isPoint,
      paint: {
        'circle-radius': ['match', ['get', 'role'], 'vertex', 4, 'hub', 7, 'point', 7, 5],
        'circle-color': ['match', ['get', 'role'], 'vertex', '#ffffff', ROLE_COLOR],
        'circle-stroke-color': ROLE_COLOR,
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'analysis-label-line', type: 'symbol', source: ANALYSIS_SOURCE, filter: ['all', isLine, hasLabel(lang)],
      layout: { ...text, 'symbol-placement': 'line-center' },
      paint,
    },
    {
      id: 'analysis-label-point', type: 'symbol', source: ANALYSIS_SOURCE, filter: ['all', ['any', isPoint, isPoly], hasLabel(lang)],
      layout: { ...text, 'text-anchor': 'bottom', 'text-offset': [0, -0.8] },
      paint,
    },
  ];
}

/** The measure drawing: the path or area, its vertices, and the measured figure by the last point. */
function measureFeatures(): OverlayFeature[] {
  const pts = analysis.measurePoints;
  if (!pts.length) return [];
  const out: OverlayFeature[] = [];
  const label = analysis.measureLabel ?? undefined;
  if (analysis.measureMode === 'area' && pts.length >= 3) {
    out.push({ type: 'Feature', properties: { role: 'measure' }, geometry: { type: 'Polygon', coordinates: [[...pts, pts[0]]] } });
  } else if (pts.length >= 2) {
    out.push({ type: 'Feature', properties: { role: 'measure' }, geometry: { type: 'LineString', coordinates: pts } });
  }
  pts.forEach((p, i) =>
    out.push({ type: 'Feature', properties: { role: 'vertex', ...(i === pts.length - 1 && label ? label : {}) }, geometry: { type: 'Point', coordinates: p } }),
  );
  return out;
}

export function attachAnalysis(mapView: MapView): void {
  const empty = { type: 'FeatureCollection' as const, features: [] as Feature<Geometry>[] };
  mapView.addGeoJSON(ANALYSIS_SOURCE, empty);
  let lang: string = app.lang;
  for (const l of layers(lang)) mapView.addLayer(l);

  watchAnalysis(() => {
    // the open section's result while the panel is open; pins and the measure drawing always
    const current = app.panel === 'analysis' ? (overlay.sections[analysis.tab] ?? []) : [];
    const features = [...overlay.pins.flatMap((p) => p.features), ...current, ...measureFeatures()];
    mapView.setGeoJSON(ANALYSIS_SOURCE, { type: 'FeatureCollection', features });
  });
  watchAnalysis(() => {
    if (app.lang === lang) return;
    lang = app.lang;
    for (const id of ['analysis-label-line', 'analysis-label-point']) {
      mapView.setLayout(id, 'text-field', ['get', lang]);
      mapView.setFilter(id, (layers(lang).find((l) => l.id === id) as { filter?: FilterSpecification }).filter ?? null);
    }
  });

  // While a tool is active, its clicks must not also select plan elements: take the DOM click in the
  // capture phase, before MapLibre's own listener, and stop it there.
  const container = mapView.eventTarget;
  let down: { x: number; y: number } | null = null;
  container.addEventListener('mousedown', (e) => (down = { x: e.clientX, y: e.clientY }), true);
  container.addEventListener(
    'click',
    (e) => {
      const tool = analysis.tool;
      if (!tool) return;
      e.stopPropagation();
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 4) return; // a drag, not a click
      const rect = container.getBoundingClientRect();
      const x = e.clientX - rect.left, y = e.clientY - rect.top;
      const at = mapView.unproject([x, y]);
      switch (tool) {
        case 'measure': {
          const last = analysis.measurePoints.at(-1);
          if (last) {
            const p = mapView.project(last); // the second click of a double-click adds nothing
            if (Math.hypot(p.x - x, p.y - y) < 3) return;
          }
          addMeasurePoint(at);
          return;
        }
        case 'hubPoint':
          setHubPoint(at);
          return;
        case 'nearestPoint':
          setNearestPoint(at);
          endTool();
          return;
        default: {
          // points and lines before areas (they are small targets); user layers before the plan
          // (they draw above it): user point/line, plan point/line, user area, plan area
          const mine = pickUserFeature(analysisCandidates(), [x, y], at, (p) => {
            const q = mapView.project([p[0], p[1]]);
            return [q.x, q.y];
          });
          const hits = mapView.planAt(x, y, 6);
          const areal = (id: string) => {
            const t = plan.features.find((f) => f.properties.id === id)?.geometry.type;
            return t === 'Polygon' || t === 'MultiPolygon';
          };
          const planNear = hits.find((h) => !areal(h.id));
          const id =
            mine?.how === 'near' ? userKey(mine.feature.id) : planNear ? planNear.id : mine ? userKey(mine.feature.id) : (hits[0]?.id ?? null);
          if (!id) return;
          pickWithTool(tool, id);
        }
      }
    },
    true,
  );
  // Double-click ends a measure instead of zooming.
  container.addEventListener(
    'dblclick',
    (e) => {
      if (analysis.tool !== 'measure') return;
      e.stopPropagation();
      endTool();
    },
    true,
  );
  container.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && analysis.tool) endTool();
  });
  watchAnalysis(() => {
    mapView.setCursor(analysis.tool ? 'crosshair' : '');
  });
}
