// Place and plan-element search: one index over prefectures, counties, townships (places.json) and
// plan elements; matches Chinese, pinyin (full or initials) and English. Pure; see docs/search.md.
import type { Geometry } from 'geojson';
import { bboxOf } from '../geo/kernel.ts';
import type { Kind, LocalizedText } from '../plan/model.ts';
import { both } from '../i18n/catalog.ts';
import { planLabel } from '../i18n/labels.ts';
import { namePinyin, parseReadings, type PlacesData, type Readings } from './places.ts';

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

/**
 * Match quality, best first. Initials rank one step below the same match on full pinyin. The two
 * `near` tiers are tried only when the strict tiers find fewer than NEAR_BELOW results: a name within
 * one typo (施加镇, shjia), or a Chinese query whose reading is a name's (施加镇 reads shijiazhen).
 */
export const TIER = { exact: 0, prefix: 1, wordStart: 2, substring: 3, nearWhole: 4, nearPrefix: 5 } as const;
const NEAR_BELOW = 3;

/** Where a place is: plans are Sichuan's, so its places come first, then Chongqing's, then the rest. */
export const PROVINCE_RANK: Readonly<Record<string, number>> = { '510000': 0, '500000': 1 };
const OTHER_PROVINCE = 2;

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
  /** PROVINCE_RANK of its province (plan elements 0) */
  province: number;
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

  /** `names`: what the entry matches on, when not the result's own (a township that is an element). */
  const add = (result: SearchResult, group: number, stemmed: boolean, province = 0, names: { zh: string; en: string } = result) => {
    const zh = names.zh;
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
    const en = fold(names.en);
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
      province,
      len: chars.length,
      order: entries.length,
    });
  };

  const prefName = new Map<string, LocalizedText>();
  const prefProvince = new Map<string, number>();
  const provName = new Map(places.provinces.map(([code, zh, en]) => [code, { zh, en }]));
  for (const [adcode, zh, en, parent, point, bbox] of places.prefectures) {
    prefName.set(adcode, { zh, en });
    const province = PROVINCE_RANK[parent] ?? OTHER_PROVINCE;
    prefProvince.set(adcode, province);
    const prov = adcode === parent ? both('search.municipality') : (provName.get(parent) ?? { zh: '', en: '' });
    add({ type: 'prefecture', id: adcode, zh, en, detail: prov, adcode, point, bbox, hasGeometry: true }, 0, true, province);
  }
  const countyName = new Map<string, LocalizedText>();
  const countyTowns = new Map<string, Set<string>>();
  places.counties.forEach(([adcode, zh, en, parent, point, bbox], i) => {
    countyName.set(adcode, { zh, en });
    countyTowns.set(adcode, new Set(places.towns[i] ? places.towns[i].split(' ') : []));
    const pref = prefName.get(parent) ?? { zh: '', en: '' };
    add({ type: 'county', id: adcode, zh, en, detail: pref, adcode, point, bbox, hasGeometry: true }, 0, true, prefProvince.get(parent) ?? OTHER_PROVINCE);
  });

  /**
   * The township a town element is (county adcode, township name): from its listed counties, or, when the
   * element lists none (the map overlay does not carry them), from its name: "简阳市施家镇" or "简阳施家镇"
   * is 施家镇 of 简阳市; a bare "施家镇" is taken only when one county has it and that county's box holds it.
   */
  const townOf = (e: SearchableElement): [string, string][] => {
    const zh = e.properties.name.zh;
    const out: [string, string][] = [];
    const match = (c: string) => {
      const towns = countyTowns.get(c);
      const county = countyName.get(c)?.zh;
      if (!towns || !county) return;
      for (const prefix of [county, adminStem(county)])
        if (zh.startsWith(prefix) && towns.has(zh.slice(prefix.length))) return out.push([c, zh.slice(prefix.length)]);
      if (towns.has(zh)) out.push([c, zh]);
    };
    if (e.properties.counties?.length) {
      for (const c of e.properties.counties) match(c);
      return out;
    }
    for (const c of countyTowns.keys()) match(c);
    const prefixed = out.filter(([, town]) => town !== zh);
    if (prefixed.length) return prefixed;
    const box = bboxOf(e.geometry);
    const inside = out.filter(([c]) => {
      const cb = places.counties.find(([code]) => code === c)?.[5];
      return box && cb && box[0] >= cb[0] && box[2] <= cb[2] && box[1] >= cb[1] && box[3] <= cb[3];
    });
    return inside.length === 1 ? inside : [];
  };

  // A township that is also a plan element (kind town) is one place: its township name finds the element.
  const elementTowns = new Map<string, SearchResult>();
  for (const e of elements) {
    const p = e.properties;
    const kind = { zh: planLabel('kind', p.kind, 'zh'), en: planLabel('kind', p.kind, 'en') };
    const towns = p.kind === 'town' ? townOf(e) : [];
    const counties = p.counties?.length ? p.counties : towns.map(([c]) => c);
    const one = counties.length === 1 ? countyName.get(counties[0]) : undefined;
    const bbox = bboxOf(e.geometry) ?? undefined;
    const point: [number, number] | undefined =
      e.geometry?.type === 'Point'
        ? [e.geometry.coordinates[0], e.geometry.coordinates[1]]
        : bbox && [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
    const result: SearchResult = {
      type: 'element',
      id: p.id,
      zh: p.name.zh,
      en: p.name.en,
      detail: one ? { zh: `${kind.zh} · ${one.zh}`, en: `${kind.en} · ${one.en}` } : kind,
      adcode: counties.length === 1 ? counties[0] : undefined,
      elementId: p.id,
      point,
      bbox,
      hasGeometry: e.geometry != null,
    };
    add(result, 0, false);
    for (const [c, town] of towns) elementTowns.set(`${c}/${town}`, result);
  }
  places.counties.forEach(([adcode, , , parent, point, bbox], i) => {
    const county = countyName.get(adcode)!;
    const pref = prefName.get(parent) ?? { zh: '', en: '' };
    const province = prefProvince.get(parent) ?? OTHER_PROVINCE;
    const detail = { zh: `${county.zh} · ${pref.zh}`, en: `${county.en} · ${pref.en}` };
    for (const zh of places.towns[i] ? places.towns[i].split(' ') : []) {
      const id = `${adcode}/${zh}`;
      const stem = adminStem(zh);
      const { syllables } = namePinyin(stem, readings, places.nameReadings[zh] ? { [stem]: places.nameReadings[zh] } : {});
      const en = townEnglish(zh, syllables);
      const element = elementTowns.get(id);
      // The element's own entry stays; this one lets "施家镇" / "shijia" find it as exactly as a township.
      if (element) add(element, 0, true, province, { zh, en });
      else add({ type: 'town', id, zh, en, detail, adcode, point, bbox, hasGeometry: false }, 1, true, province);
    }
  });

  return makeIndex(entries, readings);
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

/** a and b differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb)
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Some prefix of `name` is within one edit of q (a typo while still typing). */
function nearPrefix(q: string, name: string): boolean {
  for (let k = q.length - 1; k <= q.length + 1; k++) if (k > 0 && k <= name.length && withinOneEdit(q, name.slice(0, k))) return true;
  return false;
}

function makeIndex(entries: Entry[], readings: Readings): SearchIndex {
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
    if (touched.length < NEAR_BELOW) near(q, take);
    const hits = touched.filter((i) => best[i] !== 255);
    // Exact Chinese first, then: a place we can draw, Sichuan before Chongqing, elements and admin units
    // before townships, shorter names, input order.
    hits.sort((a, b) => {
      const ea = entries[a], eb = entries[b];
      return (
        best[a] - best[b] ||
        Number(!ea.result.hasGeometry) - Number(!eb.result.hasGeometry) ||
        ea.province - eb.province ||
        ea.group - eb.group ||
        ea.len - eb.len ||
        ea.order - eb.order
      );
    });
    // A township that is an element has two entries with one result: keep its better one.
    const seen = new Set<SearchResult>();
    const out: Entry[] = [];
    for (const i of hits) {
      if (seen.has(entries[i].result)) continue;
      seen.add(entries[i].result);
      out.push(entries[i]);
      if (out.length === limit) break;
    }
    return out;
  }

  /** One typo, or a Chinese query that reads like a name (施加镇 → shijiazhen → 施家镇). */
  function near(q: string, take: (i: number, tier: number) => void): void {
    if (/\p{Script=Han}/u.test(q)) {
      const qz = q.replace(/\s/g, '');
      const { syllables } = namePinyin(qz, readings, {});
      const han = [...qz].filter((c) => /\p{Script=Han}/u.test(c)).length;
      // every character must have a reading, or the spelling would be a fragment of the query
      const qpy = syllables.length === han + (qz.match(/[a-z0-9]+/g)?.length ?? 0) ? syllables.join('') : '';
      const typo = [...qz].length >= 3;
      // A name that reads the same is nearer than one with another character (施加镇: 施家镇 before 双加镇).
      entries.forEach((e, i) => {
        if (qpy && (qpy === e.py || qpy === e.pyStem)) take(i, TIER.nearWhole);
        else if ((typo && (withinOneEdit(qz, e.zh) || withinOneEdit(qz, e.zhStem))) || (qpy && han >= 2 && e.py.startsWith(qpy))) take(i, TIER.nearPrefix);
      });
      return;
    }
    const compact = q.replace(/[\s'’·-]/g, '');
    if (compact.length < 4) return;
    entries.forEach((e, i) => {
      if (withinOneEdit(compact, e.py) || withinOneEdit(compact, e.pyStem) || withinOneEdit(q, e.en) || withinOneEdit(q, e.enStem)) take(i, TIER.nearWhole);
      else if (nearPrefix(compact, e.py) || nearPrefix(q, e.en)) take(i, TIER.nearPrefix);
    });
  }

  return {
    size: entries.length,
    query(text: string, limit = 10) {
      return rank(text, limit).map((e) => e.result);
    },
  };
}
