// The place a resident chose (a search result, a plan element, their own position) as the place page
// measures from it. Pure; no DOM.
import type { Geometry } from 'geojson';
import type { LocalizedText } from '../plan/model.ts';
import { bboxOf } from '../geo/kernel.ts';
import type { SearchIndex, SearchResult } from '../search/index.ts';
import type { PlacesData } from '../search/places.ts';
import { APPROX_FIX_M } from './radius.ts';
import type { NearbyOrigin } from './nearby.ts';

export interface PlaceTarget extends NearbyOrigin {
  kind: 'element' | 'prefecture' | 'county' | 'town' | 'me';
  name: LocalizedText;
  /** element accuracy (boundary/located/schematic), or 'device' for a position */
  accuracy: string;
  /**
   * Measured from the county's seat, not the place itself: a county (we carry no outline here) or a township
   * without geometry; `county` names where it is ("in 简阳市").
   */
  fromSeat?: boolean;
  county?: LocalizedText;
  /** what to frame */
  bbox: [number, number, number, number];
  /** a device position's reported accuracy, metres */
  accuracyM?: number;
  /** what the link names (`element:town-shijia`, `county:510185`, `town:510185/施家镇`); never for a position */
  key?: string;
}

export interface PlaceElement {
  id: string;
  zh: string;
  en: string;
  accuracy: string;
  geometry: Geometry | null;
}

/** A plan element as a place (its own geometry; schematic ones give approximate distances). */
export function placeFromElement(e: PlaceElement): PlaceTarget | null {
  const bbox = bboxOf(e.geometry);
  if (!e.geometry || !bbox) return null;
  return { kind: 'element', name: { zh: e.zh, en: e.en }, elementId: e.id, accuracy: e.accuracy, geometry: e.geometry, approximate: e.accuracy === 'schematic', bbox };
}

/**
 * A search result as a place. Elements (and townships that are elements) measure from their geometry;
 * counties and prefectures from their seat (the label point, schematic); a township without geometry
 * says which county it is in and measures from that county's seat, approximately.
 */
export function placeFromResult(r: SearchResult, elements: readonly PlaceElement[]): PlaceTarget | null {
  const key = `${r.type}:${r.id}`;
  if (r.elementId) {
    const e = elements.find((x) => x.id === r.elementId);
    const p = e ? placeFromElement(e) : null;
    return p && { ...p, county: countyOf(r), key };
  }
  if (!r.point) return null;
  const seat: Geometry = { type: 'Point', coordinates: r.point };
  const bbox = r.bbox ?? [r.point[0], r.point[1], r.point[0], r.point[1]];
  const name = { zh: r.zh, en: r.en };
  if (r.type === 'town') return { kind: 'town', name, accuracy: 'schematic', geometry: seat, approximate: true, fromSeat: true, county: countyOf(r), bbox, key };
  return { kind: r.type === 'prefecture' ? 'prefecture' : 'county', name, accuracy: 'schematic', geometry: seat, approximate: true, fromSeat: true, bbox, key };
}

/**
 * The place a link names (PlaceTarget.key), found again the way search found it: the search index is
 * asked for the place's own name and the result with the same type and id is taken. Null when the
 * key is malformed or names nothing we have.
 */
export function placeFromKey(key: string, index: SearchIndex, places: PlacesData, elements: readonly PlaceElement[]): PlaceTarget | null {
  const m = /^(element|prefecture|county|town):(.+)$/.exec(key);
  if (!m) return null;
  const [, type, id] = m;
  const name =
    type === 'element' ? elements.find((e) => e.id === id)?.zh
    : type === 'town' ? id.split('/')[1]
    : (type === 'county' ? places.counties : places.prefectures).find(([code]) => code === id)?.[1];
  if (!name) return null;
  const r = index.query(name, 50).find((x) => x.type === type && x.id === id);
  return r ? placeFromResult(r, elements) : null;
}

/** "简阳市 · 成都市" → 简阳市; an element's "镇/街道 · 简阳市" → 简阳市. */
function countyOf(r: SearchResult): LocalizedText | undefined {
  const part = (s: string) => s.split(' · ')[r.type === 'town' ? 0 : 1];
  const zh = part(r.detail.zh), en = part(r.detail.en);
  return zh && en ? { zh, en } : undefined;
}

/** The device's position (WGS84 from the Geolocation API) as a place. */
export function placeFromPosition(lon: number, lat: number, accuracyM: number): PlaceTarget {
  return {
    kind: 'me',
    name: { zh: '', en: '' },
    accuracy: 'device',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    approximate: accuracyM > APPROX_FIX_M,
    accuracyM,
    bbox: [lon, lat, lon, lat],
  };
}
