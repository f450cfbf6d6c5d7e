// MapView's display-only GCJ-02 shift (a companion of mapView.ts): while a basemap drawn in GCJ-02 shows,
// every GeoJSON source the app draws (basemap provinces/prefectures/counties/rivers/labels, the plan source
// and any `user-*` source) shows a WGS84→GCJ-02 converted copy; the WGS84 originals stay in memory and are
// put back as the very same objects on switching back. State, hash and analysis stay WGS84.
import type { GeoJSONSource, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl';
import type { GeoJSON } from 'geojson';
import type { BasemapDatum } from '../config/basemaps.ts';
import { wgs84ToGcj02 } from '../lib/geo/gcj02.ts';
import { shiftGeoJSON } from '../lib/geo/displayShift.ts';
import { PLAN_SOURCE } from './planLayers.ts';

const BASEMAP_SOURCES: readonly string[] = ['provinces', 'prefectures', 'counties', 'rivers', 'labels'];

const isShiftedSource = (id: string): boolean => BASEMAP_SOURCES.includes(id) || id === PLAN_SOURCE || id.startsWith('user-');

type SetData = GeoJSONSource['setData'];

export class DisplayShift {
  datum: BasemapDatum = 'wgs84';
  /** Latest WGS84 data per source id, as handed to setData/addSource. */
  private originals = new Map<string, GeoJSON>();
  /** The sources' own setData, bypassing the shift. */
  private rawSetData = new WeakMap<GeoJSONSource, SetData>();
  /** Shifted copies by original object: switching back and forth converts once. */
  private cache = new WeakMap<object, GeoJSON>();

  constructor(private readonly map: MapLibreMap) {
    // Sources added later (the plan source, user imports) are shifted from their first frame.
    const rawAdd = map.addSource.bind(map);
    map.addSource = (id: string, spec: SourceSpecification) => {
      const geojson = spec.type === 'geojson' && isShiftedSource(id);
      if (geojson && typeof spec.data === 'object') {
        this.originals.set(id, spec.data);
        rawAdd(id, this.datum === 'gcj02' ? { ...spec, data: this.shifted(spec.data) } : spec);
      } else rawAdd(id, spec);
      if (geojson) this.patchSource(map.getSource(id) as GeoJSONSource, id);
      return map;
    };
  }

  private shifted(data: GeoJSON): GeoJSON {
    let copy = this.cache.get(data);
    if (!copy) {
      copy = shiftGeoJSON(data, wgs84ToGcj02);
      this.cache.set(data, copy);
    }
    return copy;
  }

  /** Routes a GeoJSON source's setData through the shift, so app updates (plan filter, imports) stay shifted. */
  private patchSource(src: GeoJSONSource, id: string): void {
    if (this.rawSetData.has(src)) return;
    const raw = src.setData.bind(src);
    this.rawSetData.set(src, raw);
    src.setData = (data) => {
      if (typeof data === 'string') {
        this.originals.delete(id);
        return raw(data);
      }
      this.originals.set(id, data);
      return raw(this.datum === 'gcj02' ? this.shifted(data) : data);
    };
  }

  private geojsonSources(): [string, GeoJSONSource][] {
    return Object.keys(this.map.getStyle().sources)
      .filter(isShiftedSource)
      .map((id) => [id, this.map.getSource(id)] as const)
      .filter((e): e is [string, GeoJSONSource] => e[1]?.type === 'geojson');
  }

  /** Redraws every shifted source in `datum`. */
  async setDatum(datum: BasemapDatum): Promise<void> {
    if (this.datum === datum) return;
    this.datum = datum;
    const updates: Promise<void>[] = [];
    for (const [id, src] of this.geojsonSources()) {
      this.patchSource(src, id);
      const raw = this.rawSetData.get(src)!;
      let original = this.originals.get(id);
      if (!original && datum === 'gcj02') {
        const data = await src.getData();
        // Re-check: the source may have been given new data while we waited.
        original = this.originals.get(id) ?? data;
        this.originals.set(id, original);
      }
      if (original) updates.push(raw(datum === 'gcj02' ? this.shifted(original) : original));
    }
    await Promise.all(updates);
  }
}
