// What a printed sheet says: title, legend of what the map shows, scale, sources with their licences, the
// accuracy disclaimer and the office fields — in the sheet's language, from the catalog. Pure.
import { htmlLang, t, type Lang } from '../i18n/catalog.ts';
import type { LegendEntries } from '../plan/describe.ts';
import { SEED_DOCS } from '../insight/indicators.ts';
import type { CorridorMode, Kind, Region } from '../plan/model.ts';
import { OSM_ATTRIBUTION } from '../plan/model.ts';
import { dms, gridTicks, scaleBar, scaleText, type MapRender, type SheetLayout } from './layout.ts';
import type { GridLabel, LegendItem, SheetText } from './sheet.ts';

/** A print template: what the planner chose; saved with the workspace. */
export interface PrintTemplate {
  paper: 'A4' | 'A3' | 'A2' | 'A1' | 'A0';
  orientation: 'landscape' | 'portrait';
  /** 1:n, or 0 to fit the current view */
  scale: number;
  dpi: number;
  title: string;
  subtitle: string;
  reviewNo: string;
  office: string;
  grid: boolean;
}

export const DEFAULT_TEMPLATE: PrintTemplate = {
  paper: 'A3',
  orientation: 'landscape',
  scale: 0,
  dpi: 300,
  title: '',
  subtitle: '',
  reviewNo: '',
  office: '',
  grid: true,
};

/** Keeps what is valid of a stored or imported template; the rest falls back to the defaults. */
export function normaliseTemplate(v: unknown): PrintTemplate {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const str = (x: unknown, max: number) => (typeof x === 'string' ? x.slice(0, max) : '');
  const papers = ['A4', 'A3', 'A2', 'A1', 'A0'] as const;
  return {
    paper: papers.includes(o.paper as never) ? (o.paper as PrintTemplate['paper']) : DEFAULT_TEMPLATE.paper,
    orientation: o.orientation === 'portrait' ? 'portrait' : 'landscape',
    scale: typeof o.scale === 'number' && o.scale >= 0 && o.scale <= 10_000_000 ? Math.round(o.scale) : 0,
    dpi: o.dpi === 150 || o.dpi === 200 || o.dpi === 300 ? o.dpi : DEFAULT_TEMPLATE.dpi,
    title: str(o.title, 120),
    subtitle: str(o.subtitle, 200),
    reviewNo: str(o.reviewNo, 60),
    office: str(o.office, 120),
    grid: o.grid !== false,
  };
}

/** A template exactly as normaliseTemplate would keep it (a workspace file's is checked this strictly). */
export function isPrintTemplate(v: unknown): v is PrintTemplate {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const kept = normaliseTemplate(v) as unknown as Record<string, unknown>;
  const keys = Object.keys(v);
  return keys.length === Object.keys(kept).length && keys.every((k) => Object.is(kept[k], (v as Record<string, unknown>)[k]));
}

/** The theme's plan colours (src/style/theme.ts), passed in: src/lib does not read the style layer. */
export interface LegendColors {
  kind: Readonly<Record<Kind, string>>;
  mode: Readonly<Record<CorridorMode, string>>;
  muted: string;
}

/** Legend rows for the plan symbols on the map (only what is drawn), like the on-screen legend. */
export function sheetLegend(e: LegendEntries, colors: LegendColors, lang: Lang, extra: LegendItem[] = []): LegendItem[] {
  const rows: LegendItem[] = [];
  for (const k of e.kinds) {
    const shape = k.shapes[0] ?? 'area';
    rows.push({ label: t(`plan.kind.${k.kind}`, lang), color: colors.kind[k.kind], shape: shape === 'area' ? 'fill' : shape });
  }
  for (const m of e.modes) rows.push({ label: t(`plan.mode.${m.mode}`, lang), color: colors.mode[m.mode], shape: 'line' });
  const key = { existing: 'plan.lineExisting', underConstruction: 'plan.lineBuilding', future: 'plan.lineFuture', expected: 'plan.lineExpected' } as const;
  for (const l of e.lines) rows.push({ label: t(key[l.style], lang), color: colors.muted, shape: 'line', dashed: l.dash !== null });
  if (e.schematic.area) rows.push({ label: t('plan.legendSchematicArea', lang), color: colors.muted, shape: 'fill', dashed: true });
  if (e.schematic.line) rows.push({ label: t('plan.legendSchematicLine', lang), color: colors.muted, shape: 'line', dashed: true });
  if (e.schematic.point) rows.push({ label: t('plan.legendSchematicPoint', lang), color: colors.muted, shape: 'point' });
  return [...rows, ...extra];
}

export interface SheetInputs {
  template: PrintTemplate;
  layout: SheetLayout;
  render: MapRender;
  lang: Lang;
  legend: LegendEntries;
  colors: LegendColors;
  /** legend rows for user layers on the map */
  userLegend?: LegendItem[];
  /** regions whose plan elements are shown */
  regions: readonly Region[];
  /** whether OSM-derived (located) elements are on the map */
  osm: boolean;
  /** map window bounds (west, south, east, north) for the grid ticks */
  bounds: [number, number, number, number];
  centerLat: number;
  date: Date;
}

function grid(inputs: SheetInputs): { lon: GridLabel[]; lat: GridLabel[] } {
  const [w, s, e, n] = inputs.bounds;
  const { map } = inputs.layout;
  // Web Mercator: x is linear in longitude, y in the Mercator ordinate
  const merc = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const lon = gridTicks(w, e, 5).values.map((v) => ({ at: ((v - w) / (e - w)) * map.w, text: dms(v, 'lon') }));
  const lat = gridTicks(s, n, 4).values.map((v) => ({ at: ((merc(n) - merc(v)) / (merc(n) - merc(s))) * map.h, text: dms(v, 'lat') }));
  const inside = (g: GridLabel, len: number) => g.at > len * 0.04 && g.at < len * 0.96;
  return { lon: lon.filter((g) => inside(g, map.w)), lat: lat.filter((g) => inside(g, map.h)) };
}

export function sheetText(inputs: SheetInputs): SheetText {
  const { template: tpl, lang, render } = inputs;
  const title = tpl.title.trim() || t('print.defaultTitle', lang);
  const bar = scaleBar(render.scale, inputs.layout.map.w);
  const barLabel = bar.metres >= 1000 ? t('print.sheetKm', lang, { n: bar.metres / 1000 }) : t('print.sheetM', lang, { n: bar.metres });
  const docs = SEED_DOCS.filter((d) => inputs.regions.includes(d.region));
  // licences first: they must be on the sheet whatever its size
  const sources = [t('app.attribution', lang)];
  if (inputs.osm && !sources.some((s) => s.includes(OSM_ATTRIBUTION))) sources.push(OSM_ATTRIBUTION);
  sources.push(...docs.map((d) => `《${d.title[lang]}》(${d.date})`));
  const anyFirm = inputs.legend.firm.area || inputs.legend.firm.point || inputs.legend.lines.length > 0;
  const anySchematic = inputs.legend.schematic.area || inputs.legend.schematic.line || inputs.legend.schematic.point;
  const disclaimer = [t('print.sheetDisclaimer', lang), anySchematic && !anyFirm ? t('print.sheetSchematicOnly', lang) : ''].filter(Boolean).join(' ');
  const date = inputs.date.toISOString().slice(0, 10);
  return {
    title,
    subtitle: tpl.subtitle.trim() || undefined,
    legendHeading: t('print.sheetLegend', lang),
    legend: sheetLegend(inputs.legend, inputs.colors, lang, inputs.userLegend),
    scaleHeading: t('print.sheetScale', lang),
    scaleText: scaleText(render.scale),
    scaleNote: t('print.sheetScaleNote', lang, { lat: dms(inputs.centerLat, 'lat') }),
    scaleBar: { mm: bar.mm, label: barLabel },
    north: t('print.sheetNorth', lang),
    sourcesHeading: t('print.sheetSources', lang),
    sources: [...sources, t('print.sheetAppCredit', lang)],
    disclaimer,
    fields: [
      { label: t('print.reviewNo', lang), value: tpl.reviewNo.trim() },
      { label: t('print.office', lang), value: tpl.office.trim() },
      { label: t('print.date', lang), value: date },
    ],
    grid: tpl.grid ? grid(inputs) : undefined,
    meta: { title, subject: scaleText(render.scale), creator: t('print.sheetAppCredit', lang), lang: htmlLang(lang), date: inputs.date },
  };
}
