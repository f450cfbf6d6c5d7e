// The attribute that names a feature (名称, 站名, name, NAME, 地块名称 …), guessed at import so lists, cards,
// tables and exports show "简阳站" rather than "layer-…-f55".

/** In order of preference; matched case-sensitively first, then ignoring case. */
export const LABEL_FIELDS = [
  '名称', '站名', '地块名称', '项目名称', '站点名称', '地名', '名字', '标题', '村名', '镇名', '乡镇', '街道',
  'name_zh', 'NAME_ZH', 'name_chn', 'NAME_CHN', 'zh', 'name', 'NAME', 'Name', 'title', 'label', 'MC', 'mc',
] as const;

const isLabel = (v: unknown) => (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v));

/** The label field of a layer, or null: the first preferred name (or a key containing 名称/name) that names ≥ half the features. */
export function guessLabelField(properties: readonly (Record<string, unknown> | null | undefined)[]): string | null {
  const sample = properties.slice(0, 500).filter((p): p is Record<string, unknown> => !!p && typeof p === 'object');
  if (sample.length === 0) return null;
  const keys = new Set<string>();
  for (const p of sample) for (const k of Object.keys(p)) keys.add(k);
  const filled = (k: string) => sample.filter((p) => isLabel(p[k])).length >= sample.length / 2;
  const lower = new Map([...keys].map((k) => [k.toLowerCase(), k]));
  for (const want of LABEL_FIELDS) {
    const k = keys.has(want) ? want : lower.get(want.toLowerCase());
    if (k && filled(k)) return k;
  }
  // A name-like field by its name: 站点名称, stop_name, NAME_1 …
  return [...keys].find((k) => /名称|名$|name/i.test(k) && filled(k)) ?? null;
}
