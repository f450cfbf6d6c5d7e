// Nearest queries from a point: the nearest station/hub, and every element within a radius.
// A flatbush index in Albers metres gives candidates in bbox order; exact distances are geodesic.
import Flatbush from 'flatbush';
import type { Geometry, Position } from 'geojson';
import { nearestEdgeDistance, toShape, type Shape } from './distance.ts';
import { toAlbers } from './projection.ts';

export interface NearestHit {
  id: string;
  distanceM: number;
  /** nearest point of the element ([lon, lat]) */
  at: [number, number];
}

// Albers distances over Sichuan are within ~3% of geodesic ones; this margin keeps pruning safe.
const SCALE_MARGIN = 1.05;

export class NearestIndex {
  private shapes: Shape[];
  private index: Flatbush;
  private boxes: Float64Array;

  constructor(private items: ReadonlyArray<{ id: string; geometry: Geometry }>) {
    this.shapes = items.map((i) => toShape(i.geometry));
    this.index = new Flatbush(Math.max(1, items.length));
    this.boxes = new Float64Array(items.length * 4);
    for (const [i, s] of this.shapes.entries()) {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let k = 0; k < s.xy.length; k += 2) {
        x0 = Math.min(x0, s.xy[k]);
        x1 = Math.max(x1, s.xy[k]);
        y0 = Math.min(y0, s.xy[k + 1]);
        y1 = Math.max(y1, s.xy[k + 1]);
      }
      this.index.add(x0, y0, x1, y1);
      this.boxes.set([x0, y0, x1, y1], 4 * i);
    }
    if (items.length === 0) this.index.add(Infinity, Infinity, Infinity, Infinity);
    this.index.finish();
  }

  private exact(p: Position, i: number): NearestHit {
    const d = nearestEdgeDistance(toShape({ type: 'Point', coordinates: p }), this.shapes[i]);
    return { id: this.items[i].id, distanceM: d.metres, at: d.to };
  }

  /** The k nearest elements (optionally only those passing `filter`), nearest first. */
  nearest(p: Position, k = 1, filter?: (id: string) => boolean): NearestHit[] {
    if (this.items.length === 0) return [];
    const [x, y] = toAlbers(p);
    const order = this.index.neighbors(x, y, Infinity, Infinity, filter ? (i) => filter(this.items[i].id) : undefined);
    const hits: NearestHit[] = [];
    for (const i of order) {
      const box = this.bboxDistance(i, x, y);
      if (hits.length >= k && box / SCALE_MARGIN > hits[k - 1].distanceM) break;
      hits.push(this.exact(p, i));
      hits.sort((a, b2) => a.distanceM - b2.distanceM);
    }
    return hits.slice(0, k);
  }

  private bboxDistance(i: number, x: number, y: number): number {
    const b = this.boxes, x0 = b[4 * i], y0 = b[4 * i + 1], x1 = b[4 * i + 2], y1 = b[4 * i + 3];
    const dx = x < x0 ? x0 - x : x > x1 ? x - x1 : 0;
    const dy = y < y0 ? y0 - y : y > y1 ? y - y1 : 0;
    return Math.hypot(dx, dy);
  }

  /** Every element whose nearest part lies within radiusM (geodesic), nearest first. */
  within(p: Position, radiusM: number): NearestHit[] {
    const [x, y] = toAlbers(p);
    const r = radiusM * SCALE_MARGIN + 1;
    const hits: NearestHit[] = [];
    for (const i of this.index.search(x - r, y - r, x + r, y + r)) {
      const h = this.exact(p, i);
      if (h.distanceM <= radiusM) hits.push(h);
    }
    return hits.sort((a, b) => a.distanceM - b.distanceM || a.id.localeCompare(b.id));
  }
}
