// Scene thumbnails for the presenter window, made in the main window from what it has loaded (the plan overlay's
// features and the basemap's county outlines) by the pure src/lib/story/thumbnail.ts, and sent over the presenter
// channel: the presenter window itself never loads a map or plan data, so it stays ready in well under 2 s.
import type { Geometry } from 'geojson';
import type { Scene } from '../../lib/story/model.ts';
import { sceneThumbnailSvg, type ThumbData, type ThumbElement } from '../../lib/story/thumbnail.ts';
import { plan } from '../../state/plan.svelte.ts';
import { planColors } from '../../style/theme.ts';
import { loadBasemap } from '../bootstrap.svelte.ts';

let outlines: Promise<Geometry[]> | null = null;
let data: { features: unknown; thumb: ThumbData } | null = null;

async function thumbData(): Promise<ThumbData | null> {
  outlines ??= loadBasemap().then((b) => b.counties.features.map((f) => f.geometry));
  const counties = await outlines.catch(() => []);
  const features = plan.features;
  if (!features.length) return null;
  if (data?.features !== features) {
    const elements = new Map<string, ThumbElement>();
    for (const f of features) if (f.geometry) elements.set(f.properties.id, { id: f.properties.id, kind: f.properties.kind, region: f.properties.region, geometry: f.geometry });
    data = { features, thumb: { outlines: counties, elements } };
  }
  return data.thumb;
}

const STYLE = {
  kindColor: (k: string) => (planColors.kind as Record<string, string>)[k] ?? planColors.fallback,
  highlight: planColors.highlight,
  land: '#f4efe6',
  outline: '#b9ad9a',
};

/** The scenes as small SVG images (data: URLs, so the presenter shows them in <img>, where nothing can run). */
export async function sceneThumbnails(scenes: (Scene | undefined)[], width = 360): Promise<(string | null)[]> {
  const d = await thumbData();
  return scenes.map((sc) => (sc && d ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(sceneThumbnailSvg(sc, d, STYLE, { width }))}` : null));
}
