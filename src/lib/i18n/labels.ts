// Labels of the plan model's enumerations, read from the catalog (plan.kind.*, plan.subkind.*, …).
import { isMessageKey, t, tOr, type Lang } from './catalog.ts';

/** Label of a plan field value (kind, mode, status, accuracy, phase, confidence); unknown values show as they are. */
export function planLabel(
  field: 'kind' | 'mode' | 'status' | 'accuracy' | 'accuracyExplain' | 'phase' | 'confidence',
  value: string,
  lang: Lang,
): string {
  return tOr(`plan.${field}.${value}`, lang, value);
}

/** Label of a subkind; undefined in Chinese when there is no translation (the kind label suffices). */
export function subkindLabel(subkind: string, lang: Lang): string | undefined {
  const key = `plan.subkind.${subkind}`;
  if (isMessageKey(key)) return t(key, lang);
  if (lang === 'en') return subkind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return undefined;
}

/** Name of a plan region (app.region.*); an unknown id shows as it is. */
export function regionLabel(region: string, lang: Lang): string {
  return tOr(`app.region.${region}`, lang, region);
}
