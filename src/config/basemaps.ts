// The one settings file for basemaps. 'offline' is the bundled basemap and the default; the others are
// online raster tiles that need a network. Add or edit entries here only.
//
// Test/dev hook: if localStorage['tongcheng-atlas.basemap-overrides'] holds JSON like
// {"osm": {"tiles": ["http://127.0.0.1:9999/osm/{z}/{x}/{y}.png"]}}, those fields replace the entry's
// (browser tests point every online basemap at a local tile server this way). Absent key = no effect.

export type BasemapDatum = 'wgs84' | 'gcj02';

export interface BasemapConfig {
  id: string;
  name: { zh: string; en: string };
  /** 'vector' = the bundled offline basemap (no tiles); 'raster' = online XYZ tiles. */
  type: 'vector' | 'raster';
  /** XYZ URL templates ({z}/{x}/{y}; {tk} = the user's key). Several = subdomains, used in turn. */
  tiles: string[];
  /** Optional second raster drawn over `tiles` (e.g. Tianditu's annotation layer). */
  labelTiles?: string[];
  attribution: string;
  /** Datum the tiles are drawn in. 'gcj02' tiles make the app shift its overlays for display only. */
  datum: BasemapDatum;
  /** The user must enter a key (kept in localStorage only, never in the URL or the repository). */
  requiresKey?: boolean;
  /** Where the user gets a key. */
  keyUrl?: string;
  tileSize: number;
  maxzoom: number;
}

export const OVERRIDES_KEY = 'tongcheng-atlas.basemap-overrides';
export const TIANDITU_KEY_STORAGE = 'tongcheng-atlas.tianditu-key';

const tdt = (layer: string) =>
  [0, 1, 2, 3, 4, 5, 6, 7].map(
    (s) =>
      `https://t${s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
      `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={tk}`,
  );

export const BASEMAPS: readonly BasemapConfig[] = [
  {
    id: 'offline',
    name: { zh: '离线底图（内置）', en: 'Offline basemap (bundled)' },
    type: 'vector',
    tiles: [],
    attribution: '',
    datum: 'wgs84',
    tileSize: 256,
    maxzoom: 14,
  },
  {
    id: 'osm',
    name: { zh: 'OpenStreetMap', en: 'OpenStreetMap' },
    type: 'raster',
    tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
    attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    datum: 'wgs84',
    tileSize: 256,
    maxzoom: 19,
  },
  {
    // Tianditu is CGCS2000, which matches WGS84 to centimetres: no shift.
    id: 'tianditu',
    name: { zh: '天地图（需密钥）', en: 'Tianditu (key required)' },
    type: 'raster',
    tiles: tdt('vec'),
    labelTiles: tdt('cva'),
    attribution: '© <a href="https://www.tianditu.gov.cn/">天地图 Tianditu</a>',
    datum: 'wgs84',
    requiresKey: true,
    keyUrl: 'https://console.tianditu.gov.cn/',
    tileSize: 256,
    maxzoom: 18,
  },
  {
    id: 'gaode',
    name: { zh: '高德地图（GCJ-02）', en: 'Gaode / AMap (GCJ-02)' },
    type: 'raster',
    tiles: [1, 2, 3, 4].map((s) => `https://webrd0${s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}`),
    attribution: '© <a href="https://www.amap.com/">高德地图 AutoNavi</a>',
    datum: 'gcj02',
    tileSize: 256,
    maxzoom: 18,
  },
];

type Override = Partial<Pick<BasemapConfig, 'tiles' | 'labelTiles' | 'attribution' | 'maxzoom'>>;

/** Applies a JSON override ({id: {tiles, labelTiles, attribution, maxzoom}}); bad JSON is ignored. */
export function applyOverrides(list: readonly BasemapConfig[], json: string | null): BasemapConfig[] {
  let overrides: Record<string, Override> = {};
  if (json) {
    try {
      const parsed: unknown = JSON.parse(json);
      if (parsed && typeof parsed === 'object') overrides = parsed as Record<string, Override>;
    } catch {
      // a broken dev override must not break the app
    }
  }
  return list.map((b) => {
    const o = overrides[b.id];
    if (!o || typeof o !== 'object') return { ...b };
    const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined;
    return {
      ...b,
      tiles: strings(o.tiles) ?? b.tiles,
      labelTiles: strings(o.labelTiles) ?? b.labelTiles,
      attribution: typeof o.attribution === 'string' ? o.attribution : b.attribution,
      maxzoom: typeof o.maxzoom === 'number' ? o.maxzoom : b.maxzoom,
    };
  });
}

/** The basemaps with the dev/test override applied when one is stored. */
export function basemapConfigs(): BasemapConfig[] {
  let json: string | null = null;
  try {
    json = typeof localStorage === 'undefined' ? null : localStorage.getItem(OVERRIDES_KEY);
  } catch {
    // storage blocked: no overrides
  }
  return applyOverrides(BASEMAPS, json);
}

/** Tile URLs with the key filled in; null when a key is required and missing. */
export function tileUrls(templates: readonly string[], cfg: Pick<BasemapConfig, 'requiresKey'>, key: string): string[] | null {
  const k = key.trim();
  if (cfg.requiresKey && !k) return null;
  return templates.map((t) => t.replaceAll('{tk}', encodeURIComponent(k)));
}
