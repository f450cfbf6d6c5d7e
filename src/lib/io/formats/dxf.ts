// CAD drawings (ASCII .dxf) via dxf-parser: lines and polylines as lines, closed polylines and circles as
// polygons, points and text as points; the CAD layer, colour and handle kept as attributes. DXF carries no
// coordinate system: detection guesses (usually CGCS2000 Gauss–Krüger metres) and the user is told to check.
import DxfParser from 'dxf-parser';
import type { Geometry, Position } from 'geojson';
import { msg } from '../messages';
import { decodeText } from '../text';
import { ImportError, ioNote, type FileFormat, type ImportInput, type RawFeature, type RawLayer } from '../types';

interface P {
  x: number;
  y: number;
}
interface Entity {
  type: string;
  layer?: string;
  handle?: string | number;
  colorIndex?: number;
  vertices?: (P & { bulge?: number })[];
  shape?: boolean;
  position?: P;
  startPoint?: P;
  center?: P;
  radius?: number;
  text?: string;
}

const CIRCLE_SEGMENTS = 72;
/** Entity types dxf-parser reads that become features (HATCH is read from the raw group codes). */
const DRAWN = new Set(['LINE', 'LWPOLYLINE', 'POLYLINE', 'CIRCLE', 'POINT', 'TEXT', 'MTEXT']);
const xy = (p: P): Position => [p.x, p.y];

/** MTEXT inline formatting (\P paragraphs, {\fSimSun|b0;…} fonts, \H2; heights) reduced to its words. */
export function plainMtext(s: string): string {
  return s
    .replace(/\\P/g, '\n')
    .replace(/\\[ACcFfHhLlOoQqTtWw][^;\\{}]*;?/g, '')
    .replace(/\\[LlOoKk]/g, '')
    .replace(/[{}]/g, '')
    .trim();
}

function geometryOf(e: Entity): Geometry | null {
  switch (e.type) {
    case 'LINE':
      return e.vertices && e.vertices.length >= 2 ? { type: 'LineString', coordinates: e.vertices.map(xy) } : null;
    case 'LWPOLYLINE':
    case 'POLYLINE': {
      const v = (e.vertices ?? []).map(xy);
      if (v.length < 2) return null;
      if (e.shape && v.length >= 3) return { type: 'Polygon', coordinates: [[...v, v[0]]] };
      return { type: 'LineString', coordinates: v };
    }
    case 'CIRCLE': {
      if (!e.center || !(e.radius! > 0)) return null;
      const ring: Position[] = [];
      for (let i = 0; i <= CIRCLE_SEGMENTS; i++) {
        const a = (2 * Math.PI * (i % CIRCLE_SEGMENTS)) / CIRCLE_SEGMENTS;
        ring.push([e.center.x + e.radius! * Math.cos(a), e.center.y + e.radius! * Math.sin(a)]);
      }
      return { type: 'Polygon', coordinates: [ring] };
    }
    case 'POINT':
      return e.position ? { type: 'Point', coordinates: xy(e.position) } : null;
    case 'TEXT':
      return e.startPoint ? { type: 'Point', coordinates: xy(e.startPoint) } : null;
    case 'MTEXT':
      return e.position ? { type: 'Point', coordinates: xy(e.position) } : null;
    default:
      return null;
  }
}

type Pair = [number, string];

/** The ENTITIES section as raw group-code pairs per entity (dxf-parser drops the types it does not know). */
function rawEntities(text: string): { type: string; pairs: Pair[] }[] {
  const lines = text.split(/\r?\n/);
  const out: { type: string; pairs: Pair[] }[] = [];
  let inEntities = false;
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const code = Number(lines[i].trim());
    const v = lines[i + 1].trim();
    if (code === 0) {
      if (v === 'SECTION' && lines[i + 3]?.trim() === 'ENTITIES') inEntities = true;
      else if (v === 'ENDSEC') inEntities = false;
      else if (inEntities) out.push({ type: v, pairs: [] });
    } else if (inEntities && out.length) out[out.length - 1].pairs.push([code, v]);
  }
  return out.filter((e) => e.type !== 'VERTEX' && e.type !== 'SEQEND');
}

/**
 * A HATCH's boundary paths as polygon rings: polyline paths, and edge paths made of lines and arcs (first path
 * outer, the others holes). Null when a path uses ellipse or spline edges, or there is none.
 */
export function hatchRings(pairs: Pair[]): Position[][] | null {
  let i = pairs.findIndex(([c]) => c === 91);
  if (i < 0) return null;
  const paths = Number(pairs[i][1]);
  const num = (code: number): number => {
    while (++i < pairs.length && pairs[i][0] !== code);
    if (i >= pairs.length) throw new RangeError(`group ${code} missing`);
    return Number(pairs[i][1]);
  };
  const rings: Position[][] = [];
  try {
    for (let p = 0; p < paths; p++) {
      const flags = num(92);
      const ring: Position[] = [];
      if (flags & 2) {
        num(72);
        num(73);
        const n = num(93);
        for (let k = 0; k < n; k++) ring.push([num(10), num(20)]);
      } else {
        const edges = num(93);
        for (let k = 0; k < edges; k++) {
          const type = num(72);
          if (type === 1) {
            ring.push([num(10), num(20)]);
            num(11);
            num(21);
          } else if (type === 2) {
            const [cx, cy, r, a0, a1] = [num(10), num(20), num(40), num(50), num(51)];
            const ccw = num(73) === 1;
            const [s0, s1] = ccw ? [a0, a1 < a0 ? a1 + 360 : a1] : [-a0, -a1 > -a0 ? -a1 - 360 : -a1];
            const steps = Math.max(4, Math.ceil(Math.abs(s1 - s0) / 5));
            for (let j = 0; j < steps; j++) {
              const t = ((s0 + ((s1 - s0) * j) / steps) * Math.PI) / 180;
              ring.push([cx + r * Math.cos(t), cy + r * Math.sin(t)]);
            }
          } else return null; // ellipse and spline edges: not approximated
        }
      }
      if (ring.length >= 3) rings.push([...ring, ring[0]]);
    }
  } catch {
    return null;
  }
  return rings.length ? rings : null;
}

export function parseDxf({ bytes, name: file, options }: ImportInput): RawLayer[] {
  if (new TextDecoder('latin1').decode(bytes.subarray(0, 22)).startsWith('AutoCAD Binary DXF')) {
    throw new ImportError('dxf-binary', msg('io.dxf.binary', { file }));
  }
  const { text, encoding } = decodeText(bytes, file, options.encoding);
  if (!text.trim()) throw new ImportError('empty-file', msg('io.err.empty', { file }));
  let dxf: { entities?: Entity[] } | null;
  try {
    dxf = new DxfParser().parseSync(text) as unknown as { entities?: Entity[] } | null;
  } catch (e) {
    throw new ImportError('dxf-unreadable', msg('io.dxf.unreadable', { file, detail: String((e as Error)?.message ?? e).slice(0, 160) }));
  }
  const entities = dxf?.entities ?? [];
  const features: RawFeature[] = [];
  const rejected: RawLayer['rejected'] = [];
  const skipped = new Map<string, number>();
  const unread = new Map<string, number>();
  entities.forEach((e, index) => {
    const geometry = geometryOf(e);
    if (!geometry) {
      if (!DRAWN.has(e.type)) {
        skipped.set(e.type, (skipped.get(e.type) ?? 0) + 1);
        return;
      }
    }
    const text = e.type === 'MTEXT' ? plainMtext(e.text ?? '') : e.type === 'TEXT' ? (e.text ?? '') : undefined;
    const properties: Record<string, unknown> = { layer: e.layer ?? '0', entity: e.type };
    if (text !== undefined) properties.text = text;
    if (e.handle !== undefined) properties.handle = String(e.handle);
    if (e.colorIndex !== undefined) properties.color = e.colorIndex;
    if (e.type === 'CIRCLE') properties.radius = e.radius;
    features.push({ index, geometry, properties, ...(e.handle !== undefined && { id: String(e.handle) }) });
  });
  // Types dxf-parser does not read at all are found in the text itself: hatches become polygons, the rest is counted.
  for (const [ordinal, raw] of rawEntities(text).entries()) {
    if (DRAWN.has(raw.type) || skipped.has(raw.type)) continue;
    const rings = raw.type === 'HATCH' ? hatchRings(raw.pairs) : null;
    if (!rings) {
      unread.set(raw.type, (unread.get(raw.type) ?? 0) + 1);
      continue;
    }
    const get = (code: number) => raw.pairs.find(([c]) => c === code)?.[1];
    const properties: Record<string, unknown> = { layer: get(8) ?? '0', entity: 'HATCH' };
    if (get(5) !== undefined) properties.handle = get(5);
    if (get(62) !== undefined) properties.color = Number(get(62));
    if (get(2) !== undefined) properties.pattern = get(2);
    features.push({ index: ordinal, geometry: { type: 'Polygon', coordinates: rings }, properties, ...(get(5) !== undefined && { id: get(5) }) });
  }
  for (const [type, n] of unread) skipped.set(type, n);
  const warnings = [ioNote(file, 'dxf-crs', msg('io.dxf.crs', { file }))];
  if (skipped.size) {
    const n = [...skipped.values()].reduce((a, b) => a + b, 0);
    const types = [...skipped].map(([t, k]) => `${t} ×${k}`).join(', ');
    warnings.push(ioNote(file, 'dxf-skipped', msg('io.dxf.skipped', { file, n, types })));
  }
  if (features.length === 0 && rejected.length === 0) throw new ImportError('empty-file', msg('io.err.noFeatures', { file }));
  return [{ name: file.replace(/\.[^.]+$/, ''), format: 'dxf', features, encoding, warnings, rejected }];
}

export const dxf: FileFormat = {
  id: 'dxf',
  label: 'DXF',
  extensions: ['dxf'],
  import: parseDxf,
};
