// Loads the plan data the app ships. The flat overlay (public/data/plan/map.topo.json) comes right after
// the basemap's first frame; the full elements per region only when something needs them.
import type { Feature, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { decodePlanBundle, type MapProps, type PlanIndex } from '../lib/plan/bundle.ts';
import type { PlanElement, Region } from '../lib/plan/model.ts';

const base = `${import.meta.env.BASE_URL}data/`;

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export async function loadPlanOverlay(): Promise<{ index: PlanIndex; features: Feature<Geometry, MapProps>[] }> {
  const index = await json<PlanIndex>(`${base}plan/index.json`);
  const topo = await json<Topology>(`${base}${index.map}`);
  const fc = feature(topo, topo.objects.elements as GeometryCollection);
  return { index, features: fc.features as Feature<Geometry, MapProps>[] };
}

const fullCache = new Map<Region, Promise<PlanElement[]>>();

/** Full elements of a region (cached); decoding is cheap, the fetch is the cost. */
export function loadRegionElements(index: PlanIndex, region: Region): Promise<PlanElement[]> {
  let p = fullCache.get(region);
  if (!p) {
    const entry = index.regions.find((r) => r.region === region);
    p = entry ? json<Topology>(`${base}${entry.file}`).then(decodePlanBundle) : Promise.resolve([]);
    fullCache.set(region, p);
  }
  return p;
}
