// The numbers a scene draws on the map, computed and formatted without a map: the player's overlay labels
// and shares card (src/map/story/overlays.ts) and the validator's "every number on the map is explained by
// the scene's text" rule (./validate.ts) use the same functions, so they cannot disagree.
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { centroidDistance, nearestEdgeDistance, type DistanceResult } from '../analysis/distance.ts';
import { jurisdictionStats, type JurisdictionIndex, type JurisdictionStats } from '../analysis/jurisdiction.ts';
import { intersectionArea } from '../analysis/overlap.ts';
import { intlLocale, LANGS, t, type Lang } from '../i18n/catalog.ts';
import type { LocalizedText } from '../plan/model.ts';
import type { Overlay, Scene } from './model.ts';

const isAreal = (g: Geometry): g is Polygon | MultiPolygon => g.type === 'Polygon' || g.type === 'MultiPolygon';

/** A figure as the player prints it: one decimal under 10 (and for km), grouping by the language. */
export function formatFigure(x: number, lang: Lang, digits = 1): string {
  return x.toLocaleString(intlLocale(lang), { maximumFractionDigits: digits, minimumFractionDigits: x < 10 ? digits : 0 });
}

/** Decimals for an area in km² (the overlap label) and a shares total: one under 100, none above. */
export const areaDigits = (km2: number): number => (km2 < 100 ? 1 : 0);

export interface DistanceFigures {
  core: DistanceResult;
  edge: DistanceResult;
  /** edge-to-edge is shown only when one end is an area */
  areal: boolean;
}

export function distanceFigures(a: Geometry, b: Geometry): DistanceFigures {
  return { core: centroidDistance(a, b), edge: nearestEdgeDistance(a, b), areal: isAreal(a) || isAreal(b) };
}

/** The measured line of a distance label ("实测中心间 50.1 公里 · 边界间 0.0 公里"). */
export function distanceMeasuredText(d: DistanceFigures, lang: Lang): string {
  const core = t('story.measuredCore', lang, { km: formatFigure(d.core.metres / 1000, lang) });
  return d.areal ? `${core} · ${t('story.measuredEdge', lang, { km: formatFigure(d.edge.metres / 1000, lang) })}` : core;
}

export function overlapKm2(a: Geometry, b: Geometry): number | null {
  return isAreal(a) && isAreal(b) ? intersectionArea(a, b) / 1e6 : null;
}

export function overlapText(km2: number, lang: Lang): string {
  return t('story.overlapArea', lang, { km2: formatFigure(km2, lang, areaDigits(km2)) });
}

/** The total line of a shares card ("共 26,400 平方公里" / "全长 73.2 公里"). */
export function sharesTotalText(stats: Pick<JurisdictionStats, 'total' | 'kind'>, lang: Lang): string {
  const total = formatFigure(stats.total, lang, areaDigits(stats.total));
  return t(stats.kind === 'line' ? 'story.sharesByLength' : 'story.sharesByArea', lang, { total });
}

/** A number drawn on the map by one of a scene's overlays, in both languages as the map shows it. */
export interface SceneFigure {
  /** index into scene.overlays */
  overlay: number;
  what: 'distanceCore' | 'distanceEdge' | 'overlap' | 'sharesTotal' | 'label';
  value: number;
  unit: 'km' | 'km²' | '';
  /** the number as printed on the map, per language (e.g. "26,400") */
  shown: Record<Lang, string>;
}

export interface FigureData {
  geometry(id: string): Geometry | undefined;
  /** county and prefecture indexes (src/lib/analysis/jurisdiction.ts); without them shares are skipped */
  jurisdictions?: { county: JurisdictionIndex; prefecture: JurisdictionIndex };
}

const both = (f: (lang: Lang) => string): Record<Lang, string> => ({ zh: f('zh'), en: f('en') });

/** Numbers written in an overlay's own label text (e.g. "Plan: 28 km"): they are on the map too. */
function labelFigures(i: number, label: LocalizedText | undefined): SceneFigure[] {
  if (!label) return [];
  const zh = label.zh.match(NUMBER) ?? [];
  const en = label.en.match(NUMBER) ?? [];
  return zh.map((n, k) => ({ overlay: i, what: 'label' as const, value: Number(n.replace(/,/g, '')), unit: '' as const, shown: { zh: n, en: en[k] ?? n } }));
}

/** Every number the scene's overlays draw: distance core and edge, overlap area, shares total, label numbers. */
export function sceneFigures(scene: Pick<Scene, 'overlays'>, data: FigureData): SceneFigure[] {
  const out: SceneFigure[] = [];
  scene.overlays.forEach((o: Overlay, i) => {
    switch (o.type) {
      case 'distance': {
        out.push(...labelFigures(i, o.label));
        const a = data.geometry(o.from), b = data.geometry(o.to);
        if (!a || !b) return;
        const d = distanceFigures(a, b);
        const core = d.core.metres / 1000;
        out.push({ overlay: i, what: 'distanceCore', value: core, unit: 'km', shown: both((l) => formatFigure(core, l)) });
        if (d.areal) {
          const edge = d.edge.metres / 1000;
          out.push({ overlay: i, what: 'distanceEdge', value: edge, unit: 'km', shown: both((l) => formatFigure(edge, l)) });
        }
        return;
      }
      case 'overlap': {
        const a = data.geometry(o.a), b = data.geometry(o.b);
        const km2 = a && b ? overlapKm2(a, b) : null;
        if (km2 === null || km2 <= 0) return;
        out.push({ overlay: i, what: 'overlap', value: km2, unit: 'km²', shown: both((l) => formatFigure(km2, l, areaDigits(km2))) });
        return;
      }
      case 'jurisdictionShares': {
        const g = data.geometry(o.element);
        const idx = data.jurisdictions?.[o.level ?? 'county'];
        if (!g || !idx) return;
        const s = jurisdictionStats(g, idx);
        if (s.kind === 'point') return;
        out.push({ overlay: i, what: 'sharesTotal', value: s.total, unit: s.kind === 'line' ? 'km' : 'km²', shown: both((l) => formatFigure(s.total, l, areaDigits(s.total))) });
        return;
      }
    }
  });
  return out;
}

// a number as written in a text: digits with optional grouping commas and decimals
const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;

/** Whether `text` names the number `shown` on its own (not as part of a longer number). */
export function textNames(text: string, shown: string): boolean {
  for (const m of text.matchAll(NUMBER)) if (m[0] === shown) return true;
  return false;
}

/** The scene's text that may explain its map numbers: the caption and the scene legend lines, per language. */
export function sceneExplainingText(scene: Pick<Scene, 'caption' | 'legend'>, lang: Lang): string {
  return [scene.caption[lang], ...(scene.legend ?? []).map((l) => l[lang])].join('\n');
}

/** The figures drawn on the map that the caption and legend lines of that language do not name. */
export function unexplainedFigures(scene: Pick<Scene, 'caption' | 'legend'>, figures: readonly SceneFigure[]): { figure: SceneFigure; lang: Lang }[] {
  const out: { figure: SceneFigure; lang: Lang }[] = [];
  for (const f of figures)
    for (const lang of LANGS) if (!textNames(sceneExplainingText(scene, lang), f.shown[lang])) out.push({ figure: f, lang });
  return out;
}
