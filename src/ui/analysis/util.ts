// Small helpers shared by the analysis sections: element lookup, names, downloads, number text.
import type { Feature, Geometry } from 'geojson';
import type { MapProps } from '../../lib/plan/bundle.ts';
import type { Lang } from '../../lib/i18n/catalog.ts';
import { planLabel } from '../../lib/i18n/labels.ts';
import { plan } from '../../state/plan.svelte.ts';
import { analysisCandidates, wsUi } from '../../state/workspace.svelte.ts';
import { AnalysisError } from '../../map/analysisClient.ts';
import { accuracyText, isUserKey, userAccuracy, userKey, userLayerGroups, type UserCandidate, type UserLayerGroup } from '../../lib/analysis/user-inputs.ts';
import { t, intlLocale } from '../../lib/i18n/catalog.ts';
import { approxDigits, distanceDisplay, rowAccuracy } from '../../lib/analysis/accuracy.ts';

export type Named = { zh: string; en: string };

export interface Column {
  /** also the CSV header: name units into it (area_km2) */
  key: string;
  label: string;
  unit?: string;
  digits?: number;
  /** in the CSV only, not shown */
  csvOnly?: boolean;
  /** a row key whose value goes on the cell as data-id (e.g. the element id behind a name) */
  idKey?: string;
  /** a distance in km or m: rows of schematic accuracy show ≈ and a rounded value */
  approx?: 'km' | 'm';
}

export function planFeature(id: string | null): Feature<Geometry, MapProps> | undefined {
  return id ? plan.features.find((f) => f.properties.id === id) : undefined;
}

/** A plan element or a user feature, in the shape the sections use. */
export interface Item {
  /** plan id, or ws:<feature id> */
  id: string;
  geometry: Geometry;
  name: Named;
  /** export code: boundary / located / schematic, or imported / drawn-schematic / drawn-located */
  accuracy: string;
  user: boolean;
  /** plan kind; 'user' for user features */
  kind: string;
}

/** Visible user features (reactive: reads the workspace and the language). */
export function userCandidates(): UserCandidate[] {
  return analysisCandidates();
}

/** The user's layers with polygons, as overlap groups. */
export function userGroups(): UserLayerGroup[] {
  return userLayerGroups(userCandidates(), wsUi.workspace.layers);
}

export function userItem(c: UserCandidate): Item {
  return { id: userKey(c.id), geometry: c.geometry, name: { zh: c.name, en: c.name }, accuracy: userAccuracy(c.accuracy), user: true, kind: 'user' };
}

/** Resolves a picker value: a plan id or ws:<feature id>. */
export function itemById(id: string | null): Item | undefined {
  if (!id) return undefined;
  if (isUserKey(id)) {
    const c = userCandidates().find((x) => userKey(x.id) === id);
    return c && userItem(c);
  }
  const f = planFeature(id);
  return f && { id, geometry: f.geometry, name: { zh: f.properties.zh, en: f.properties.en }, accuracy: String(f.properties.accuracy ?? ''), user: false, kind: f.properties.kind };
}

/** Name with, for user features, where they came from: "layer › name（导入数据）". */
export function itemLabel(it: Item, lang: Lang): string {
  return it.user ? `${it.name[lang]}（${accuracyText(it.accuracy, lang)}）` : it.name[lang];
}

export function kindLabel(kind: string, lang: Lang): string {
  return planLabel('kind', kind, lang);
}

/** The features of the plan sorted by name (for pickers). */
export function planOptions(lang: Lang): Array<{ id: string; label: string; kind: string }> {
  return plan.features
    .map((f) => ({ id: f.properties.id, label: f.properties[lang], kind: f.properties.kind }))
    .sort((a, b) => a.label.localeCompare(b.label, intlLocale(lang)));
}

export function isAreal(g: Geometry | null | undefined): boolean {
  return !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}

export { download } from '../../browser/download.ts';

export function num(v: number, digits: number, lang: Lang): string {
  return new Intl.NumberFormat(intlLocale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

/** km with sensible digits: 2 below 10 km, 1 below 100 km, else 0; ≈ and rounded when schematic geometry is involved. */
export function kmText(metres: number, lang: Lang, accuracy?: string): string {
  const d = accuracy === undefined ? null : distanceDisplay(metres, rowAccuracy(accuracy));
  if (d?.approx) return `≈ ${num(d.km, approxDigits(d.km), lang)} ${t('app.unit.km', lang)}`;
  const km = metres / 1000;
  return `${num(km, km < 10 ? 2 : km < 100 ? 1 : 0, lang)} ${t('app.unit.km', lang)}`;
}

export const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';
/** Error text; geometry problems in the reader's language, naming layer and feature. */
export const errText = (e: unknown, lang: Lang = 'zh'): string =>
  e instanceof AnalysisError && e.info.issues?.length ? e.info.issues.map((i) => i.message[lang]).join('；') : e instanceof Error ? e.message : String(e);
