// Minimal WKT reader/writer for the CSV geometry column (2D; Z/M values are read and dropped).
import type { Geometry, Position } from 'geojson';

class WktError extends Error {}

export function parseWkt(input: string): Geometry {
  const s = input.trim();
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  // Sticky regexes read at i without slicing (WKT columns can be megabytes).
  const at = (re: RegExp) => {
    re.lastIndex = i;
    return re.exec(s);
  };
  const WORD = /[A-Za-z]+/y;
  const EMPTY = /EMPTY\b/iy;
  const DIM = /(ZM|Z|M)\b/iy;
  const NUMS = /[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?(\s+[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)+/y;
  const word = () => {
    ws();
    const m = at(WORD);
    if (!m) throw new WktError(`expected a geometry type at character ${i + 1}`);
    i += m[0].length;
    return m[0].toUpperCase();
  };
  const expect = (c: string) => {
    ws();
    if (s[i] !== c) throw new WktError(`expected "${c}" at character ${i + 1}`);
    i++;
  };
  const peek = () => {
    ws();
    return s[i];
  };
  const isEmpty = () => {
    ws();
    if (at(EMPTY)) {
      i += 5;
      return true;
    }
    return false;
  };
  const position = (): Position => {
    ws();
    const m = at(NUMS);
    if (!m) throw new WktError(`expected coordinates at character ${i + 1}`);
    i += m[0].length;
    const nums = m[0].trim().split(/\s+/).map(Number);
    return [nums[0], nums[1]];
  };
  const list = <T>(item: () => T): T[] => {
    expect('(');
    const out = [item()];
    while (peek() === ',') {
      i++;
      out.push(item());
    }
    expect(')');
    return out;
  };
  // MULTIPOINT allows both (1 2, 3 4) and ((1 2), (3 4)).
  const mpoint = (): Position => {
    if (peek() === '(') {
      i++;
      const p = position();
      expect(')');
      return p;
    }
    return position();
  };
  const geometry = (): Geometry => {
    const type = word();
    ws();
    if (at(DIM)) word();
    if (isEmpty()) throw new WktError(`${type} EMPTY has no coordinates`);
    switch (type) {
      case 'POINT': {
        expect('(');
        const p = position();
        expect(')');
        return { type: 'Point', coordinates: p };
      }
      case 'LINESTRING':
        return { type: 'LineString', coordinates: list(position) };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: list(() => list(position)) };
      case 'MULTIPOINT':
        return { type: 'MultiPoint', coordinates: list(mpoint) };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: list(() => list(position)) };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: list(() => list(() => list(position))) };
      case 'GEOMETRYCOLLECTION':
        return { type: 'GeometryCollection', geometries: list(geometry) };
      default:
        throw new WktError(`unknown geometry type ${type}`);
    }
  };
  const g = geometry();
  ws();
  if (i !== s.length) throw new WktError(`unexpected text after the geometry at character ${i + 1}`);
  return g;
}

export { WktError };

export function formatWkt(g: Geometry, fmt: (n: number) => string = String): string {
  const pos = (p: Position) => `${fmt(p[0])} ${fmt(p[1])}`;
  const line = (l: Position[]) => `(${l.map(pos).join(', ')})`;
  const poly = (rings: Position[][]) => `(${rings.map(line).join(', ')})`;
  switch (g.type) {
    case 'Point':
      return `POINT (${pos(g.coordinates)})`;
    case 'MultiPoint':
      return `MULTIPOINT (${g.coordinates.map((p) => `(${pos(p)})`).join(', ')})`;
    case 'LineString':
      return `LINESTRING ${line(g.coordinates)}`;
    case 'MultiLineString':
      return `MULTILINESTRING (${g.coordinates.map(line).join(', ')})`;
    case 'Polygon':
      return `POLYGON ${poly(g.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${g.coordinates.map(poly).join(', ')})`;
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION (${g.geometries.map((m) => formatWkt(m, fmt)).join(', ')})`;
  }
}
