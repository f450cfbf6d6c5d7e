// Small helpers shared by the analysis sections: element lookup, names, downloads, number text.
import type { Feature, Geometry } from 'geojson';
import type { MapProps } from '../../lib/plan/bundle.ts';
import type { Lang } from '../../lib/i18n/strings.ts';
import { kindLabels } from '../../lib/i18n/plan.ts';
import { plan } from '../../state/plan.svelte.ts';

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
}

export function planFeature(id: string | null): Feature<Geometry, MapProps> | undefined {
  return id ? plan.features.find((f) => f.properties.id === id) : undefined;
}

export function kindLabel(kind: string, lang: Lang): string {
  return (kindLabels as Record<string, Named | undefined>)[kind]?.[lang] ?? kind;
}

/** The features of the plan sorted by name (for pickers). */
export function planOptions(lang: Lang): Array<{ id: string; label: string; kind: string }> {
  return plan.features
    .map((f) => ({ id: f.properties.id, label: f.properties[lang], kind: f.properties.kind }))
    .sort((a, b) => a.label.localeCompare(b.label, lang === 'zh' ? 'zh-CN' : 'en'));
}

export function isAreal(g: Geometry | null | undefined): boolean {
  return !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}

/** Offers a text file for download (CSV / GeoJSON). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function num(v: number, digits: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

/** km with sensible digits: 2 below 10 km, 1 below 100 km, else 0. */
export function kmText(metres: number, lang: Lang): string {
  const km = metres / 1000;
  return `${num(km, km < 10 ? 2 : km < 100 ? 1 : 0, lang)} ${lang === 'zh' ? '公里' : 'km'}`;
}

export const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';
export const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
