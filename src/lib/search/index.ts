// Place and plan-element search: one index over prefectures, counties, townships (places.json) and
// plan elements; matches Chinese, pinyin (full or initials) and English. Pure; see docs/search.md.
import type { Geometry } from 'geojson';
import { bboxOf } from '../geo/kernel.ts';
import type { Kind, LocalizedText } from '../plan/model.ts';
import { both } from '../i18n/catalog.ts';
import { planLabel } from '../i18n/labels.ts';
import { namePinyin, parseReadings, type PlacesData } from './places.ts';

export type ResultType = 'element' | 'prefecture' | 'county' | 'town';

export interface SearchResult {
  type: ResultType;
  /** element id, adcode, or `${countyAdcode}/${townName}` */
  id: string;
  zh: string;
  en: string;
  detail: LocalizedText;
  /** the unit's adcode; for a town, its county's */
  adcode?: string;
  elementId?: string;
  point?: [number, number];
  bbox?: [number, number, number, number];
  /** false for towns: they have no boundary here, so the map shows their county */
  hasGeometry: boolean;
}

/** The parts of a plan element the index reads (PlanElement fits). */
export interface SearchableElement {
  properties: { id: string; name: LocalizedText; kind: Kind | string; counties?: string[] };
  geometry: Geometry | null;
}

export interface SearchIndex {
  readonly size: number;
  query(text: string, limit?: number): SearchResult[];
}

/** Match quality, best first. Initials rank one step below the same match on full pinyin. */
export const TIER = { exact: 0, prefix: 1, wordStart: 2, substring: 3 } as const;

interface Entry {
  result: SearchResult;
  zh: string;
  zhStem: string;
  /** after a non-Han character (a dash, bracket, space, digit), a Chinese match counts as a word start */
  zhWordStarts: Set<number>;
  py: string;
  pyStem: string;
  pyStarts: Set<number>;
  ini: string;
  iniStem: string;
  en: string;
  enStem: string;
  enStarts: Set<number>;
  /** 0 plan elements and admin units, 1 townships */
  group: number;
  len: number;
  order: number;
}

const ETHNIC = '(?:(?:土家|蒙古|傈僳|纳西|仡佬|布依|[藏彝羌苗回傣白壮满])族)';
const ADMIN_SUFFIX = new RegExp(`(?:${ETHNIC}*(?:自治州|自治县|乡)|街道|镇|市|区|县|地区)$`);
const ETHNIC_TOWN = new RegExp(`${ETHNIC}+乡$`);

/** 简阳市 → 简阳; 峨边彝族自治县 → 峨边; 石桥镇 → 石桥; a one-character stem is kept (茂县 → 茂). */
export function adminStem(zh: string): string {
  const stem = zh.replace(ADMIN_SUFFIX, '');
  return stem.length > 0 ? stem : zh;
}

function townEnglish(zh: string, stemSyllables: string[]): string {
  const stem = stemSyllables.join('');
  const cap = stem.charAt(0).toUpperCase() + stem.slice(1);
  if (ETHNIC_TOWN.test(zh)) return `${cap} Ethnic Township`;
  if (zh.endsWith('街道')) return `${cap} Subdistrict`;
  if (zh.endsWith('镇')) return `${cap} Town`;
  return `${cap} Township`;
}

/** Lower case, no tone marks, ü → v, dashes as '-', single spaces. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/u\u0308/g, 'v')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‐-―]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function buildSearchIndex(places: PlacesData, elements: readonly SearchableElement[] = []): SearchIndex {
  const readings = parseReadings(places.readings);
  const entries: Entry[] = [];

  const add = (result: SearchResult, group: number, stemmed: boolean) => {
    const zh = result.zh;
    const zhStem = stemmed ? adminStem(zh) : zh;
    const { syllables, stemSyllables } = namePinyin(zh, readings, places.nameReadings, [...zhStem].length);
    const pyStarts = new Set<number>();
    let at = 0;
    for (const s of syllables) {
      pyStarts.add(at);
      at += s.length;
    }
    const chars = [...zh];
    const zhWordStarts = new Set<number>();
    for (let i = 1, off = chars[0]?.length ?? 0; i < chars.length; off += chars[i].length, i++) {
      if (!/\p{Script=Han}/u.test(chars[i - 1]) && /\p{Script=Han}/u.test(chars[i])) zhWordStarts.add(off);
    }
    const en = fold(result.en);
    const enStarts = new Set<number>();
    for (let i = 1; i < en.length; i++) if (/[\s\-(/]/.test(en[i - 1]) && !/[\s\-(/]/.test(en[i])) enStarts.add(i);
    entries.push({
      result,
      zh,
      zhStem,
      zhWordStarts,
      py: syllables.join(''),
      pyStem: syllables.slice(0, stemSyllables).join(''),
      pyStarts,
      ini: syllables.map((s) => (/^[a-z]/.test(s) ? s[0] : s)).join(''),
      iniStem: syllables.slice(0, stemSyllables).map((s) => (/^[a-z]/.test(s) ? s[0] : s)).join(''),
      en,
      // "Jianyang City" → "jianyang"; element names are not stemmed
      enStem: stemmed ? en.split(' ')[0] : en,
      enStarts,
      group,
      len: chars.length,
      order: entries.length,
    });
  };

  const prefName = new Map<string, LocalizedText>();
  const provName = new Map(places.provinces.map(([code, zh, en]) => [code, { zh, en }]));
  for (const [adcode, zh, en, parent, point, bbox] of places.prefectures) {
    prefName.set(adcode, { zh, en });
    const prov = adcode === parent ? both('search.municipality') : (provName.get(parent) ?? { zh: '', en: '' });
    add({ type: 'prefecture', id: adcode, zh, en, detail: prov, adcode, point, bbox, hasGeometry: true }, 0, true);
  }
  const countyName = new Map<string, LocalizedText>();
  for (const [adcode, zh, en, parent, point, bbox] of places.counties) {
    countyName.set(adcode, { zh, en });
    const pref = prefName.get(parent) ?? { zh: '', en: '' };
    add({ type: 'county', id: adcode, zh, en, detail: pref, adcode, point, bbox, hasGeometry: true }, 0, true);
  }
  for (const e of elements) {
    const p = e.properties;
    const kind = { zh: planLabel('kind', p.kind, 'zh'), en: planLabel('kind', p.kind, 'en') };
    const one = p.counties?.length === 1 ? countyName.get(p.counties[0]) : undefined;
    const bbox = bboxOf(e.geometry) ?? undefined;
    const point: [number, number] | undefined =
      e.geometry?.type === 'Point'
        ? [e.geometry.coordinates[0], e.geometry.coordinates[1]]
        : bbox && [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
    add(
      {
        type: 'element',
        id: p.id,
        zh: p.name.zh,
        en: p.name.en,
        detail: one ? { zh: `${kind.zh} · ${one.zh}`, en: `${kind.en} · ${one.en}` } : kind,
        adcode: p.counties?.length === 1 ? p.counties[0] : undefined,
        elementId: p.id,
        point,
        bbox,
        hasGeometry: e.geometry != null,
      },
      0,
      false,
    );
  }
  // A township that is also a plan element (kind town, same name and county) is found as the element.
  const elementTowns = new Set<string>();
  for (const e of elements) {
    if (e.properties.kind !== 'town') continue;
    const zh = e.properties.name.zh;
    for (const c of e.properties.counties ?? []) {
      elementTowns.add(`${c}/${zh}`);
      const county = countyName.get(c)?.zh; // "简阳市江源镇" names the township 江源镇 of 简阳市
      if (county && zh.startsWith(county)) elementTowns.add(`${c}/${zh.slice(county.length)}`);
    }
  }
  places.counties.forEach(([adcode, , , parent, point, bbox], i) => {
    const county = countyName.get(adcode)!;
    const pref = prefName.get(parent) ?? { zh: '', en: '' };
    const detail = { zh: `${county.zh} · ${pref.zh}`, en: `${county.en} · ${pref.en}` };
    for (const zh of places.towns[i] ? places.towns[i].split(' ') : []) {
      const id = `${adcode}/${zh}`;
      if (elementTowns.has(id)) continue;
      const stem = adminStem(zh);
      const { syllables } = namePinyin(stem, readings, places.nameReadings[zh] ? { [stem]: places.nameReadings[zh] } : {});
      const en = townEnglish(zh, syllables);
      add({ type: 'town', id, zh, en, detail, adcode, point, bbox, hasGeometry: false }, 1, true);
    }
  });

  return makeIndex(entries);
}

/**
 * One string per field with all entries joined by \u0001: a query scans each with native indexOf, and
 * only the entries it hits are ranked (a per-entry loop was 1–2 ms; this is a few hundred µs).
 */
interface Haystack {
  text: string;
  /** start offset of each entry's value in text */
  starts: Int32Array;
}

function haystack(entries: readonly Entry[], field: (e: Entry) => string): Haystack {
  const starts = new Int32Array(entries.length);
  let text = '';
  entries.forEach((e, i) => {
    text += '\u0001';
    starts[i] = text.length;
    text += field(e);
  });
  return { text, starts };
}

/** Index of the entry whose value contains offset `at`. */
function entryAt(h: Haystack, at: number): number {
  let lo = 0, hi = h.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (h.starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Calls hit(entry, offset within its value) for every occurrence of q. */
function scan(h: Haystack, q: string, hit: (i: number, local: number) => void): void {
  for (let at = h.text.indexOf(q); at >= 0; at = h.text.indexOf(q, at + 1)) {
    const i = entryAt(h, at);
    hit(i, at - h.starts[i]);
  }
}

function makeIndex(entries: Entry[]): SearchIndex {
  const zh = haystack(entries, (e) => e.zh);
  const py = haystack(entries, (e) => e.py);
  const ini = haystack(entries, (e) => e.ini);
  const en = haystack(entries, (e) => e.en);
  const best = new Uint8Array(entries.length);

  function rank(text: string, limit: number): Entry[] {
    const q = fold(text);
    if (!q || limit <= 0) return [];
    best.fill(255);
    const touched: number[] = [];
    const take = (i: number, tier: number) => {
      if (best[i] === 255) touched.push(i);
      if (tier < best[i]) best[i] = tier;
    };
    if (/\p{Script=Han}/u.test(q)) {
      const qz = q.replace(/\s/g, '');
      scan(zh, qz, (i, local) => {
        const e = entries[i];
        if (local === 0) take(i, e.zh === qz || e.zhStem === qz ? TIER.exact : TIER.prefix);
        else take(i, e.zhWordStarts.has(local) ? TIER.wordStart : TIER.substring);
      });
    } else {
      const compact = q.replace(/[\s'’·-]/g, '');
      if (compact) {
        // Pinyin only at syllable starts: "anya" inside jian-yang is noise.
        scan(py, compact, (i, local) => {
          const e = entries[i];
          if (local === 0) take(i, e.py === compact || e.pyStem === compact ? TIER.exact : TIER.prefix);
          else if (e.pyStarts.has(local)) take(i, TIER.wordStart);
        });
      }
      // Initials rank one step below the same match on full pinyin.
      if (compact.length >= 2 && /^[a-z]+$/.test(compact)) {
        scan(ini, compact, (i, local) => {
          if (local !== 0) return;
          const e = entries[i];
          take(i, e.ini === compact || e.iniStem === compact ? TIER.prefix : TIER.wordStart);
        });
      }
      scan(en, q, (i, local) => {
        const e = entries[i];
        if (local === 0) take(i, e.en === q || e.enStem === q ? TIER.exact : TIER.prefix);
        else if (e.enStarts.has(local)) take(i, TIER.wordStart);
        else if (q.length >= 3) take(i, TIER.substring);
      });
    }
    const hits = touched.filter((i) => best[i] !== 255);
    hits.sort((a, b) => {
      const ea = entries[a], eb = entries[b];
      return best[a] - best[b] || ea.group - eb.group || ea.len - eb.len || ea.order - eb.order;
    });
    return hits.slice(0, limit).map((i) => entries[i]);
  }

  return {
    size: entries.length,
    query(text: string, limit = 10) {
      return rank(text, limit).map((e) => e.result);
    },
  };
}
