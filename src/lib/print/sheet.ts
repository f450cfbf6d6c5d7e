// The printed sheet drawn on a backend: the PDF writer (pdf.ts) and the canvas (canvas.ts: the preview and
// the PNG) run the same code, so the preview is the output. Lengths in mm from the top-left of the page,
// text sizes and line widths in pt.
import type { Rect, SheetLayout } from './layout.ts';

export interface LegendItem {
  label: string;
  /** CSS hex colour #rrggbb */
  color: string;
  shape: 'fill' | 'line' | 'point';
  dashed?: boolean;
}

export interface GridLabel {
  /** position along the map window edge, mm from the window's left (lon) or top (lat) */
  at: number;
  text: string;
}

export interface SheetText {
  title: string;
  subtitle?: string;
  legendHeading: string;
  legend: LegendItem[];
  scaleHeading: string;
  /** "1:250,000" */
  scaleText: string;
  /** e.g. "scale true at 30°40′N (Web Mercator)" */
  scaleNote: string;
  /** scale bar length and its label ("25 km") */
  scaleBar: { mm: number; label: string };
  north: string;
  sourcesHeading: string;
  sources: string[];
  disclaimer: string;
  /** field label → value; an empty value prints a blank line to fill in by hand */
  fields: { label: string; value: string }[];
  grid?: { lon: GridLabel[]; lat: GridLabel[] };
  /** document metadata */
  meta: { title: string; subject: string; creator: string; lang: string; date: Date };
}

/** What a backend draws. Colours are #rrggbb; `opacity` applies to the fill. */
export interface SheetBackend {
  rect(r: Rect, opts: { stroke?: string; width?: number; fill?: string; opacity?: number; dash?: number[] }): void;
  line(x1: number, y1: number, x2: number, y2: number, opts: { color: string; width: number; dash?: number[] }): void;
  circle(x: number, y: number, r: number, opts: { fill: string; stroke?: string; width?: number; opacity?: number }): void;
  /** a closed polygon, mm points */
  polygon(points: [number, number][], fill: string): void;
  /** text with its baseline at (x, y) */
  text(s: string, x: number, y: number, size: number, color: string): void;
  /** text width in mm */
  width(s: string, size: number): number;
}

const INK = '#1a1a1f';
const GREY = '#61616b';
const WHITE = '#ffffff';
/** pt → mm */
const PT = 25.4 / 72;

/** Breaks text into lines no wider than `width`: CJK anywhere, Latin at spaces. */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const tokens = text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    if (line && measure((line + tok).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    } else line += tok;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** Draws everything but the map image (the caller draws that first, into layout.map). */
export function drawSheet(b: SheetBackend, layout: SheetLayout, text: SheetText): void {
  const { frame, titleBand, map, panel, pt } = layout;
  const para = (str: string, x: number, y: number, w: number, size: number, color = INK, maxY = Infinity): number => {
    const lead = size * 1.35 * PT;
    for (const l of wrapText(str, w, (t) => b.width(t, size))) {
      if (y + lead > maxY) break;
      y += lead;
      b.text(l, x, y - lead * 0.25, size, color);
    }
    return y;
  };

  // Frame: a heavy outer line and a thin inner one, as a 图框 has.
  b.rect(frame, { stroke: INK, width: 1.6 });
  b.rect({ x: frame.x + 1, y: frame.y + 1, w: frame.w - 2, h: frame.h - 2 }, { stroke: INK, width: 0.4 });
  b.rect(map, { stroke: INK, width: 0.8 });

  // Title band
  const titleSize = pt * 2;
  b.text(text.title, titleBand.x + (titleBand.w - b.width(text.title, titleSize)) / 2, titleBand.y + titleBand.h * 0.55, titleSize, INK);
  if (text.subtitle) {
    const sub = pt * 1.05;
    b.text(text.subtitle, titleBand.x + (titleBand.w - b.width(text.subtitle, sub)) / 2, titleBand.y + titleBand.h * 0.92, sub, GREY);
  }

  // Grid ticks on the window's edges; labels inside it on a white patch (the frame leaves no margin).
  if (text.grid) {
    const tick = 2.2;
    const size = pt * 0.7;
    const lh = size * PT;
    const label = (t: string, x: number, y: number) => {
      b.rect({ x: x - 0.4, y: y - lh * 0.95, w: b.width(t, size) + 0.8, h: lh * 1.2 }, { fill: WHITE });
      b.text(t, x, y, size, INK);
    };
    for (const g of text.grid.lon) {
      const x = map.x + g.at;
      b.line(x, map.y, x, map.y + tick, { color: INK, width: 0.5 });
      b.line(x, map.y + map.h - tick, x, map.y + map.h, { color: INK, width: 0.5 });
      label(g.text, x - b.width(g.text, size) / 2, map.y + map.h - tick - 0.6);
    }
    for (const g of text.grid.lat) {
      const y = map.y + g.at;
      b.line(map.x, y, map.x + tick, y, { color: INK, width: 0.5 });
      b.line(map.x + map.w - tick, y, map.x + map.w, y, { color: INK, width: 0.5 });
      label(g.text, map.x + tick + 0.6, y + lh * 0.35);
    }
  }

  // North arrow, top-left inside the window on a white disc so it reads over any basemap.
  const k = pt / 9;
  const na = { x: map.x + 8 * k, y: map.y + 11 * k, r: 5 * k };
  b.circle(na.x, na.y, na.r * 1.5, { fill: WHITE, opacity: 0.85 });
  b.polygon(
    [
      [na.x, na.y - na.r],
      [na.x + na.r * 0.5, na.y + na.r * 0.7],
      [na.x, na.y + na.r * 0.35],
      [na.x - na.r * 0.5, na.y + na.r * 0.7],
    ],
    INK,
  );
  b.text(text.north, na.x - b.width(text.north, pt * 0.9) / 2, na.y - na.r - 0.6, pt * 0.9, INK);

  // Side panel (landscape) or band below the map (portrait: legend left, the rest right).
  const pad = 2.5 * k;
  const px = panel.x + pad;
  const pw = panel.w - 2 * pad;
  const bottom = panel.y + panel.h - pad;
  b.rect(panel, { stroke: INK, width: 0.5 });
  let y = panel.y + pad + pt * 1.2 * PT + 1;
  b.text(text.legendHeading, px, y, pt * 1.15, INK);
  y += 1.5;
  const landscape = layout.orientation === 'landscape';
  const half = landscape ? pw : pw / 2 - pad;
  // Text block (scale, sources, disclaimer) and fields first: the legend takes what room is left, in two
  // columns when it is long, so the licences and the disclaimer are never cut.
  const fh = pt * 1.5 * PT;
  const fieldsTop = bottom - fh * text.fields.length;
  const bx = landscape ? px : px + half + 2 * pad;
  const bw = landscape ? pw : pw - half - 2 * pad;
  const lines = (str: string, size: number) => wrapText(str, bw, (t) => b.width(t, size)).length * size * 1.35 * PT;
  const barH = 1.6 * k;
  const blockH =
    pt * 1.1 * PT + 3 + barH + pt * 0.8 * PT + 1.4 + lines(text.scaleNote, pt * 0.72) + 1.5 + pt * 0.95 * PT + 0.5 +
    text.sources.reduce((h, src) => h + lines(src, pt * 0.72), 0) + 1 + lines(text.disclaimer, pt * 0.72) + 2;
  const blockTop = landscape ? fieldsTop - 1 - blockH : panel.y + pad;
  const row = pt * 1.45 * PT;
  const sw = 8 * k;
  const legendBottom = landscape ? blockTop - 2 : bottom;
  const colTop = y;
  const capacity = Math.max(1, Math.floor((legendBottom - colTop) / row));
  const cols = text.legend.length > capacity ? 2 : 1;
  const colW = half / cols;
  text.legend.forEach((item, i) => {
    const col = Math.floor(i / capacity);
    if (col >= cols) {
      if (i === cols * capacity) b.text('…', px + (cols - 1) * colW + colW - 4, legendBottom, pt, INK);
      return;
    }
    const lx = px + col * colW;
    const cy = colTop + (i % capacity) * row + row / 2;
    if (item.shape === 'fill')
      b.rect({ x: lx, y: cy - row * 0.3, w: sw, h: row * 0.6 }, { fill: item.color, opacity: 0.35, stroke: item.color, width: 0.8, dash: item.dashed ? [2, 1.5] : undefined });
    else if (item.shape === 'line') b.line(lx, cy, lx + sw, cy, { color: item.color, width: 1.6, dash: item.dashed ? [3, 2] : undefined });
    else b.circle(lx + sw / 2, cy, row * 0.28, { fill: item.color, stroke: WHITE, width: 0.6 });
    const maxW = colW - sw - 2.5;
    let label = item.label;
    while (label.length > 1 && b.width(label, pt * 0.9) > maxW) label = label.slice(0, -2) + '…';
    b.text(label, lx + sw + 1.5, cy + pt * 0.32 * PT, pt * 0.9, INK);
  });

  y = blockTop + pt * 1.1 * PT;
  b.text(`${text.scaleHeading} ${text.scaleText}`, bx, y, pt * 1.1, INK);
  // scale bar: alternating black and white quarters, 0 and the length under its ends
  y += 3;
  const bar = Math.min(text.scaleBar.mm, bw - 12);
  for (let i = 0; i < 4; i++) b.rect({ x: bx + (i * bar) / 4, y, w: bar / 4, h: barH }, { stroke: INK, width: 0.4, fill: i % 2 ? WHITE : INK });
  const under = y + barH + pt * 0.8 * PT + 0.4;
  b.text('0', bx - 0.5, under, pt * 0.75, INK);
  b.text(text.scaleBar.label, bx + bar - b.width(text.scaleBar.label, pt * 0.75) / 2, under, pt * 0.75, INK);
  y = under + 1;
  y = para(text.scaleNote, bx, y, bw, pt * 0.72, GREY, bottom);
  y += 1.5 + pt * 0.95 * PT;
  b.text(text.sourcesHeading, bx, y, pt * 0.95, INK);
  y += 0.5;
  for (const src of text.sources) y = para(src, bx, y, bw, pt * 0.72, GREY, fieldsTop - 0.5);
  para(text.disclaimer, bx, y + 1, bw, pt * 0.72, GREY, fieldsTop - 0.5);
  let fy = fieldsTop;
  b.line(bx, fy, bx + bw, fy, { color: INK, width: 0.5 });
  for (const f of text.fields) {
    b.text(f.label, bx + 0.8, fy + fh * 0.7, pt * 0.85, INK);
    const vx = bx + Math.max(18 * k, b.width(f.label, pt * 0.85) + 3);
    if (f.value) b.text(f.value, vx, fy + fh * 0.7, pt * 0.85, INK);
    fy += fh;
    b.line(bx, fy, bx + bw, fy, { color: GREY, width: 0.3 });
  }
}
