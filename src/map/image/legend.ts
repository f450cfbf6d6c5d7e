// The legend at the bottom left: the user's visible layers, then the plan symbols drawn (or every kind's
// colour), with swatches like src/ui/Legend.svelte.
import type { Lang } from '../../lib/i18n/catalog.ts';
import { t } from '../../lib/i18n/catalog.ts';
import { planLabel } from '../../lib/i18n/labels.ts';
import { SCHEMATIC_OUTLINE_DASH, type LegendEntries } from '../../lib/plan/describe.ts';
import type { UserLayer } from '../../lib/workspace/model.ts';
import { colors, planColors } from '../../style/theme.ts';
import { legendEntries } from '../workspace/style.ts';
import { font, panel, type Frame } from './canvas.ts';

type Swatch = { shape: 'rect' | 'area' | 'line' | 'point'; color: string; dash?: readonly number[] | null; schematic?: boolean };
type LegendRow = { label: string; head?: boolean; swatch?: Swatch };

/** Legend rows for the plan symbols drawn, like src/ui/Legend.svelte. */
function planLegendRows(e: LegendEntries, lang: Lang): LegendRow[] {
  const rows: LegendRow[] = [];
  if (e.kinds.length) {
    rows.push({ label: t('plan.legendKinds', lang), head: true });
    for (const k of e.kinds) rows.push({ label: t(`plan.kind.${k.kind}`, lang), swatch: { shape: k.shapes[0] ?? 'area', color: planColors.kind[k.kind] } });
  }
  if (e.modes.length) {
    rows.push({ label: t('plan.legendModes', lang), head: true });
    for (const m of e.modes) rows.push({ label: t(`plan.mode.${m.mode}`, lang), swatch: { shape: 'line', color: planColors.mode[m.mode] } });
  }
  if (e.lines.length) {
    rows.push({ label: t('plan.legendLines', lang), head: true });
    const key = { existing: 'plan.lineExisting', underConstruction: 'plan.lineBuilding', future: 'plan.lineFuture', expected: 'plan.lineExpected' } as const;
    for (const l of e.lines) rows.push({ label: t(key[l.style], lang), swatch: { shape: 'line', color: colors.inkMuted, dash: l.dash } });
  }
  if (e.schematic.area || e.schematic.line || e.schematic.point) {
    rows.push({ label: t('plan.legendSchematic', lang), head: true });
    if (e.schematic.area) rows.push({ label: t('plan.legendSchematicArea', lang), swatch: { shape: 'area', color: colors.inkMuted, schematic: true } });
    if (e.schematic.line) rows.push({ label: t('plan.legendSchematicLine', lang), swatch: { shape: 'line', color: colors.inkMuted, schematic: true } });
    if (e.schematic.point) rows.push({ label: t('plan.legendSchematicPoint', lang), swatch: { shape: 'point', color: colors.inkMuted, schematic: true } });
  }
  return rows;
}

function drawSwatch(f: Frame, sw: Swatch, x: number, y: number): void {
  const { ctx, s } = f;
  const w = 22 * s, h = 11 * s;
  ctx.save();
  ctx.fillStyle = sw.color;
  ctx.strokeStyle = sw.color;
  if (sw.shape === 'rect') ctx.fillRect(x, y, 16 * s, h);
  else if (sw.shape === 'area') {
    ctx.globalAlpha = sw.schematic ? 0.12 : 0.2;
    ctx.fillRect(x, y, w, h);
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1.6 * s;
    if (sw.schematic) ctx.setLineDash(SCHEMATIC_OUTLINE_DASH.map((d) => d * 1.6 * s));
    ctx.strokeRect(x, y, w, h);
  } else if (sw.shape === 'line') {
    const lw = 3 * s;
    if (sw.schematic) {
      ctx.globalAlpha = 0.25;
      ctx.lineWidth = 9 * s;
      ctx.lineCap = 'round';
      ctx.beginPath();
      ctx.moveTo(x + 3 * s, y + h / 2);
      ctx.lineTo(x + w - 3 * s, y + h / 2);
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    ctx.lineWidth = lw;
    ctx.lineCap = sw.dash ? 'butt' : 'round';
    ctx.setLineDash(sw.dash ? sw.dash.map((d) => d * lw) : []);
    ctx.beginPath();
    ctx.moveTo(x + 2 * s, y + h / 2);
    ctx.lineTo(x + w - 2 * s, y + h / 2);
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.arc(x + w / 2, y + h / 2, 5 * s, 0, Math.PI * 2);
    ctx.fillStyle = sw.schematic ? '#ffffff' : sw.color;
    ctx.fill();
    ctx.lineWidth = (sw.schematic ? 2.2 : 1.2) * s;
    ctx.stroke();
  }
  ctx.restore();
}

/** The rows: each visible user layer (one row, or a head and its colour classes), then the plan's. */
export function legendRows(layers: readonly UserLayer[], planLegend: LegendEntries | undefined, lang: Lang): LegendRow[] {
  const rows: LegendRow[] = [];
  for (const l of layers) {
    const entries = legendEntries(l, lang);
    if (entries.length === 1 && entries[0].label === l.name) rows.push({ label: l.name, swatch: { shape: 'rect', color: entries[0].color } });
    else {
      rows.push({ label: l.name, head: true });
      for (const e of entries) rows.push({ label: e.label, swatch: { shape: 'rect', color: e.color } });
    }
  }
  if (planLegend && !planLegend.empty) rows.push(...planLegendRows(planLegend, lang));
  else if (!planLegend) {
    rows.push({ label: t('workspace.planElements', lang), head: true });
    for (const [kind, color] of Object.entries(planColors.kind)) rows.push({ label: planLabel('kind', kind, lang), swatch: { shape: 'rect', color } });
  }
  return rows;
}

/** Draws as many rows as fit above `bottom`, in a panel whose bottom is `bottom`. */
export function drawLegend(f: Frame, rows: readonly LegendRow[], bottom: number, lang: Lang): void {
  const { ctx, W, s, pad } = f;
  ctx.font = font(f, 12);
  const rh = 18 * s;
  const maxRows = Math.max(3, Math.floor((bottom - pad - 80 * s) / rh));
  const shown = rows.slice(0, maxRows);
  if (!shown.length) return;
  const lw = Math.min(W * 0.35, Math.max(...shown.map((r) => ctx.measureText(r.label).width)) + 50 * s);
  const lhgt = (shown.length + 1) * rh + 10 * s;
  const lx = pad;
  const ly = bottom - lhgt;
  panel(f, lx, ly, lw, lhgt);
  ctx.fillStyle = '#1f2328';
  ctx.font = font(f, 12.5, 600);
  ctx.fillText(t('workspace.legend', lang), lx + 10 * s, ly + 6 * s);
  shown.forEach((r, i) => {
    const y = ly + 6 * s + (i + 1) * rh;
    ctx.font = font(f, 12, r.head ? 600 : 400);
    const sw = r.swatch;
    if (sw) drawSwatch(f, sw, lx + 10 * s, y + 2 * s);
    ctx.fillStyle = '#1f2328';
    const tx = sw ? (sw.shape === 'rect' ? 32 : 38) : 10;
    ctx.fillText(r.label, lx + tx * s, y, lw - (tx + 8) * s);
  });
}
