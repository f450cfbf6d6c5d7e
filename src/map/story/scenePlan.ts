// What a scene selects from the plan: its elements by id, the box it frames, the ids it shows.
import type { Feature, Geometry } from 'geojson';
import type { Scene } from '../../lib/story/model.ts';
import type { MapProps } from '../../lib/plan/bundle.ts';
import { unionBBox, type BBox } from '../../lib/story/camera.ts';
import { bboxOf } from '../../lib/geo/kernel.ts';
import { phaseAt } from '../../lib/plan/timeline.ts';
import { plan } from '../../state/plan.svelte.ts';

export function featureById(id: string): Feature<Geometry, MapProps> | undefined {
  return plan.features.find((f) => f.properties.id === id);
}

/** The box a scene frames: the union of its `fit` elements that have geometry. */
export function sceneFitBBox(scene: Scene): BBox | null {
  const boxes = (scene.fit ?? []).flatMap((id) => {
    const f = featureById(id);
    const b = f?.geometry ? bboxOf(f.geometry) : null;
    return b ? [b] : [];
  });
  return unionBBox(boxes);
}

/** Ids a scene shows: its regions, its kinds, and (with a year) what existed or was planned by then. */
export function sceneVisibleIds(scene: Scene): string[] {
  const regions = new Set<string>(scene.layers.regions);
  const kinds = scene.layers.kinds ? new Set<string>(scene.layers.kinds) : null;
  const keep = new Set(scene.highlight);
  return plan.features
    .filter((f) => {
      const p = f.properties;
      if (!regions.has(p.region) || (kinds && !kinds.has(p.kind))) return false;
      return scene.year === undefined || keep.has(p.id) || phaseAt(p, scene.year) !== 'hidden';
    })
    .map((f) => f.properties.id);
}
