// Loads the plan bundles the app ships (after the basemap, so they never delay the first map frame).
import type { Topology } from 'topojson-specification';
import { decodePlanBundle, type PlanIndex } from '../lib/plan/bundle.ts';
import type { PlanElement, Region } from '../lib/plan/model.ts';

const base = `${import.meta.env.BASE_URL}data/`;

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export async function loadPlan(): Promise<{ index: PlanIndex; byRegion: Partial<Record<Region, PlanElement[]>> }> {
  const index = await json<PlanIndex>(`${base}plan/index.json`);
  const entries = await Promise.all(
    index.regions.map(async (r) => [r.region, decodePlanBundle(await json<Topology>(`${base}${r.file}`))] as const),
  );
  return { index, byRegion: Object.fromEntries(entries) };
}
