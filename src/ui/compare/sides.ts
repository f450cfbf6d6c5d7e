// What each side of a comparison shows, read from app state: its name (a year, a basemap, the plan, a
// workspace layer, a region) and, for set sides (layer, region), its items for the difference summary and
// the list view's text. Pure logic is in src/lib/compare; this is the glue the compare UI and list view share.
import { app } from '../../state/app.svelte.ts';
import { plan, visibleFeatures } from '../../state/plan.svelte.ts';
import { explore } from '../../state/explore.svelte.ts';
import { wsUi } from '../../state/workspace.svelte.ts';
import { BASEMAPS } from '../../config/basemaps.ts';
import { PLAN_SIDE, type CompareSpec } from '../../lib/compare/spec.ts';
import { diffSides, layerItems, sideSentences, type SetDiff, type SideItem } from '../../lib/compare/diff.ts';
import { t, tm, localName } from '../../lib/i18n/catalog.ts';
import bbox from '@turf/bbox';
import type { Geometry } from 'geojson';

type Box = [number, number, number, number];
/** ≈1 km around an alternative's extent: a plan element just beside the drawn one still counts. */
const MARGIN_DEG = 0.01;

export function sideLabel(spec: CompareSpec | null, which: 'a' | 'b'): string {
  if (!spec) return '';
  const lang = app.lang;
  if (spec.by === 'year') return t('compare.yearLabel', lang, { y: spec[which] });
  if (spec.by === 'basemap') {
    const id = spec[which];
    return localName(BASEMAPS.find((b) => b.id === id)?.name ?? { zh: id }, lang);
  }
  if (spec.by === 'region') return t(`app.region.${spec[which]}`, lang);
  const v = spec[which];
  if (v === PLAN_SIDE) return t('compare.planSide', lang);
  return wsUi.workspace.layers.find((l) => l.id === v)?.name ?? v;
}

/** The workspace layer a layer side names that this browser does not have (a link from someone else). */
export function missingLayer(spec: CompareSpec | null): string | null {
  if (spec?.by !== 'layer') return null;
  for (const v of [spec.a, spec.b]) if (v !== PLAN_SIDE && !wsUi.workspace.layers.some((l) => l.id === v)) return v;
  return null;
}

/**
 * Plan against a workspace layer: the plan side is read within the layer's extent (its bounding box and
 * ≈1 km around), so the summary compares the alternative with what the plan has there, not the whole plan.
 */
function layerExtent(spec: CompareSpec | null): Box | null {
  if (spec?.by !== 'layer' || (spec.a === PLAN_SIDE) === (spec.b === PLAN_SIDE)) return null;
  const id = spec.a === PLAN_SIDE ? spec.b : spec.a;
  const layer = wsUi.workspace.layers.find((l) => l.id === id);
  if (!layer?.features.length) return null;
  const [w, s, e, n] = bbox({ type: 'FeatureCollection', features: layer.features } as never);
  return [w - MARGIN_DEG, s - MARGIN_DEG, e + MARGIN_DEG, n + MARGIN_DEG];
}

function meets(g: Geometry | null, box: Box): boolean {
  if (!g) return false;
  const [w, s, e, n] = bbox(g);
  return w <= box[2] && e >= box[0] && s <= box[3] && n >= box[1];
}

/** A side's name in the summary: the plan against a layer is "the plan (within 方案乙's extent)". */
export function setLabel(spec: CompareSpec | null, which: 'a' | 'b'): string {
  if (spec?.by === 'layer' && spec[which] === PLAN_SIDE && layerExtent(spec)) return t('compare.planWithin', app.lang, { layer: sideLabel(spec, which === 'a' ? 'b' : 'a') });
  return sideLabel(spec, which);
}

function planItems(regions = plan.visible, box: Box | null = null): SideItem[] {
  const shown = visibleFeatures(explore.year, regions);
  return (box ? shown.filter((f) => meets(f.geometry, box)) : shown).map((f) => ({
    id: f.properties.id,
    name: f.properties[app.lang] || f.properties.zh,
    accuracy: f.properties.accuracy,
    geometry: f.geometry,
  }));
}

/** A set side's items (the plan under every filter, a region's plan, a workspace layer); [] for year/basemap. */
export function sideItems(spec: CompareSpec | null, which: 'a' | 'b'): SideItem[] {
  if (spec?.by === 'region') return planItems([spec[which]]);
  if (spec?.by !== 'layer') return [];
  const v = spec[which];
  if (v === PLAN_SIDE) return planItems(plan.visible, layerExtent(spec));
  const layer = wsUi.workspace.layers.find((l) => l.id === v);
  return layer ? layerItems(layer, app.lang) : [];
}

export function setDiff(spec: CompareSpec | null): SetDiff | null {
  if (spec?.by !== 'layer' && spec?.by !== 'region') return null;
  return diffSides(sideItems(spec, 'a'), sideItems(spec, 'b'));
}

/** The set comparison in words (the list view): only on the left, only on the right, on both. */
export function setSentences(spec: CompareSpec | null): string[] {
  const d = setDiff(spec);
  if (!d) return [];
  const lang = app.lang;
  const text = { sep: t('app.listSeparator', lang), unnamed: t('compare.unnamed', lang), more: (n: number) => t('compare.andMore', lang, { n }) };
  return sideSentences(d, { a: setLabel(spec, 'a'), b: setLabel(spec, 'b') }, text).map((m) => tm(m, lang));
}
