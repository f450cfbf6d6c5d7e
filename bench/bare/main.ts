// Baseline for `npm run bench`: the shipped basemap in plain MapLibre, nothing else (no Svelte, no
// deck.gl, no web fonts). Same TopoJSON, same decode, same style as the app, same camera.
// `?w=&h=` sizes the map like the app's map container so both render the same pixel area;
// `?skip=id,id` drops style layers (for finding where render time goes; not used by the bench).
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Basemap } from '../../src/lib/basemap/decode.ts';
import { basemapStyle } from '../../src/map/basemapStyle.ts';

setWorkerUrl(workerUrl);

const container = document.getElementById('map')!;
const params = new URLSearchParams(location.search);
const w = Number(params.get('w'));
const h = Number(params.get('h'));
if (w > 0 && h > 0) Object.assign(container.style, { width: `${w}px`, height: `${h}px` });

const res = await fetch('./data/basemap.topo.json');
const topology = (await res.json()) as Topology;
const decoded: Record<string, unknown> = {};
for (const name of ['provinces', 'prefectures', 'counties', 'rivers', 'labels'])
  decoded[name] = feature(topology, topology.objects[name] as GeometryCollection);

const style = basemapStyle(decoded as unknown as Basemap, 'zh');
const skip = new Set((params.get('skip') ?? '').split(',').filter(Boolean));
style.layers = style.layers.filter((l) => !skip.has(l.id));

const map = new MapLibreMap({
  container,
  style,
  bounds: [
    [102.9, 28.4],
    [107.9, 31.9],
  ],
  minZoom: 4,
  maxZoom: 14,
  localIdeographFontFamily: "'Noto Sans SC', 'Noto Sans CJK SC', sans-serif",
  attributionControl: false,
  canvasContextAttributes: { preserveDrawingBuffer: true },
  fadeDuration: 0,
});
// Same handle shape as the app's window.__atlas, so the bench measures both pages one way.
(window as unknown as { __atlas: { mapView: { map: MapLibreMap } } }).__atlas = { mapView: { map } };
