// Pure dispatcher behind the analysis worker: validates input, runs the job, posts progress and
// exactly one final message. Unit tested in Node; the worker file only wires postMessage to it.
import type { Feature, Geometry, MultiPolygon } from 'geojson';
import { isUnitRef, type AnalysisItem, type OverlayItem, type AnalysisRequest, type AnalysisResponse, type JurisdictionLevel, type UnitRef } from './protocol.ts';
import { measure } from './measure.ts';
import { centroidDistance, nearestEdgeDistance } from './distance.ts';
import { abortError, intersectionGeometry, overlapMatrixAsync, type Areal, type OverlapPair } from './overlap.ts';
import type { PolySet } from './polyset.ts';
import { buildJurisdictionIndex, jurisdictionStats, type JurisdictionIndex } from './jurisdiction.ts';
import { catchment } from './catchment.ts';
import { NearestIndex } from './nearest.ts';
import { checkDistanceClaim } from './claims.ts';
import { bufferGeometry, countPointsInAsync, pointsInPolygonsAsync } from './layers.ts';
import { clip, difference, dissolve, intersect, union, type OverlayFeature } from './overlay.ts';
import { geometryMessage, validateGeometry, type GeometryIssue } from './validate-geometry.ts';
import type { Msg } from '../i18n/catalog.ts';

export type Post = (msg: AnalysisResponse) => void;

class GeometryError extends Error {
  constructor(public issues: GeometryIssue[]) {
    super(issues.map((i) => i.message.en).join('; '));
    this.name = 'GeometryError';
  }
}

type Checked = [Geometry | Feature | null | undefined, string, string?];

/** One feature's issues; a validator that throws on odd input becomes an 'invalid' error, not a crash. */
function issuesOf([g, name, label]: Checked): GeometryIssue[] {
  try {
    return validateGeometry(g, name, label);
  } catch (e) {
    const msg: Msg = { key: 'analysis.geom.unchecked', vars: { why: e instanceof Error ? e.message : String(e) } };
    const feature = g && g.type === 'Feature' && g.id !== undefined ? String(g.id) : name;
    return [{ problem: 'invalid', severity: 'error', feature, message: geometryMessage(name, label, msg), msg }];
  }
}

function check(items: Checked[]): void {
  const issues = items.flatMap(issuesOf).filter((i) => i.severity === 'error');
  if (issues.length) throw new GeometryError(issues);
}

const labelOf = (f: Feature): string | undefined => (typeof f.properties?.name === 'string' && f.properties.name ? f.properties.name : undefined);

/** Intersection polygons for the `limit` largest pairs (polyclip is slower than the area kernel). */
function withIntersections<P extends OverlapPair>(pairs: P[], A: Array<Areal | null>, B: Array<Areal | null>, limit: number, signal: AbortSignal): Array<P & { geometry?: MultiPolygon | null }> {
  if (limit <= 0) return pairs;
  const largest = new Set([...pairs].sort((p, q) => q.areaM2 - p.areaM2).slice(0, limit));
  return pairs.map((p) => {
    if (!largest.has(p)) return p;
    if (signal.aborted) throw abortError();
    const a = A[p.a], b = B[p.b];
    let geometry: MultiPolygon | null;
    try {
      geometry = a && b ? intersectionGeometry(a, b) : null;
    } catch {
      geometry = null; // polyclip can fail on degenerate rings; the area stays exact
    }
    return { ...p, geometry };
  });
}

const fid = (f: Feature, i: number) => (f.id !== undefined ? String(f.id) : String(f.properties?.id ?? i));
const itemId = (x: AnalysisItem, i: number) => (isUnitRef(x) ? x.adcode : fid(x, i));

/** Units of one level as the worker holds them: validated once, projected once, per data version. */
interface HeldUnits {
  version: string | undefined;
  index: JurisdictionIndex;
  byCode: Map<string, number>;
}

/** A group of inputs ready for the overlap kernel: ids, geometries and, when reusable, the packed set. */
interface Prepared {
  ids: string[];
  geoms: Array<Areal | null>;
  set?: PolySet;
}

export function createDispatcher(post: Post) {
  const jobs = new Map<string, AbortController>();
  const jurisdictions = new Map<JurisdictionLevel, HeldUnits>();

  function held(ref: UnitRef): { units: HeldUnits; i: number } {
    const units = jurisdictions.get(ref.unit);
    const i = units?.byCode.get(ref.adcode);
    if (!units || i === undefined) throw new Error(`${ref.unit} ${ref.adcode} is not held by the analysis worker: send setJurisdictions first (invalid units are left out there)`);
    return { units, i };
  }

  /** Features are validated here; held units were validated when they were set. */
  function checkItems(items: readonly AnalysisItem[]): void {
    check(items.flatMap((x, i): Checked[] => (isUnitRef(x) ? (held(x), []) : [[x, fid(x, i), labelOf(x)]])));
  }

  function geometryOf(x: AnalysisItem): Geometry | null {
    if (!isUnitRef(x)) return x.geometry;
    const { units, i } = held(x);
    return units.index.units[i].geometry;
  }

  /** A group that is exactly every held unit of one level reuses that level's projected set. */
  function prepare(items: readonly AnalysisItem[]): Prepared {
    const ids = items.map(itemId);
    const geoms = items.map((x) => {
      const g = geometryOf(x);
      return g && (g.type === 'Polygon' || g.type === 'MultiPolygon') ? g : null;
    });
    const first = items[0];
    if (first && isUnitRef(first)) {
      const units = jurisdictions.get(first.unit);
      const all = units?.index.units;
      if (all && all.length === items.length && items.every((x, i) => isUnitRef(x) && x.unit === first.unit && x.adcode === all[i].adcode)) {
        return { ids, geoms, set: units.index.albers };
      }
    }
    return { ids, geoms };
  }

  async function run(req: Exclude<AnalysisRequest, { type: 'cancel' }>, signal: AbortSignal): Promise<AnalysisResponse> {
    const t0 = performance.now();
    const jobId = req.jobId;
    const ms = () => performance.now() - t0;
    switch (req.type) {
      case 'measure':
        check([[req.geometry, 'geometry']]);
        return { type: 'result', jobId, kind: 'measure', result: measure(req.geometry, req.locale, req.areaUnit), ms: ms() };
      case 'distance':
        check([[req.a, 'a', req.names?.a], [req.b, 'b', req.names?.b]]);
        return { type: 'result', jobId, kind: 'distance', result: { centroid: centroidDistance(req.a, req.b), nearestEdge: nearestEdgeDistance(req.a, req.b) }, ms: ms() };
      case 'overlap': {
        checkItems(req.groupA);
        if (req.groupB) checkItems(req.groupB);
        const pa = prepare(req.groupA), pb = req.groupB ? prepare(req.groupB) : pa;
        const idsA = pa.ids, idsB = pb.ids;
        const geomA = pa.geoms, geomB = pb.geoms;
        const r = await overlapMatrixAsync(pa.set ?? geomA, req.groupB ? (pb.set ?? geomB) : undefined, {
          sliverM2: req.sliverM2,
          signal,
          onProgress: (done, total) => post({ type: 'progress', jobId, done, total }),
        });
        const g = !req.groupB && req.acrossGroupsOnly ? req.groups : undefined;
        const keep = (p: { a: number; b: number }) => !g || g[p.a] !== g[p.b];
        return {
          type: 'result',
          jobId,
          kind: 'overlap',
          result: {
            pairs: withIntersections(r.pairs.filter(keep), geomA, geomB, req.withGeometry ?? 0, signal).map((p) => ({ ...p, idA: idsA[p.a], idB: idsB[p.b] })),
            touching: r.touching.filter(keep).map((p) => ({ idA: idsA[p.a], idB: idsB[p.b] })),
            candidates: r.candidates,
            method: r.method,
          },
          ms: ms(),
        };
      }
      case 'setJurisdictions': {
        const have = jurisdictions.get(req.level);
        const same = have && req.version !== undefined && have.version === req.version && have.index.units.length === req.units.length && have.index.units.every((u, i) => u.adcode === req.units[i].adcode);
        if (!same) {
          check(req.units.map((u): Checked => [u.geometry, u.adcode, `${u.zh} ${u.adcode}`]));
          const index = buildJurisdictionIndex(req.units);
          jurisdictions.set(req.level, { version: req.version, index, byCode: new Map(req.units.map((u, i) => [u.adcode, i])) });
        }
        return { type: 'result', jobId, kind: 'setJurisdictions', result: { level: req.level, count: req.units.length, cached: !!same }, ms: ms() };
      }
      case 'jurisdiction': {
        const idx = jurisdictions.get(req.level)?.index;
        if (!idx) throw new Error(`No ${req.level} boundaries loaded: send setJurisdictions first`);
        check(req.features.map((f, i): Checked => [f, fid(f, i), labelOf(f)]));
        const out = [];
        for (const [i, f] of req.features.entries()) {
          if (signal.aborted) throw Object.assign(new Error('Analysis cancelled'), { name: 'AbortError' });
          out.push({ id: fid(f, i), stats: jurisdictionStats(f.geometry, idx) });
          post({ type: 'progress', jobId, done: i + 1, total: req.features.length });
          await new Promise((r) => setTimeout(r, 0));
        }
        return { type: 'result', jobId, kind: 'jurisdiction', result: out, ms: ms() };
      }
      case 'catchment':
        check([[req.hub, 'hub', req.hubName]]);
        checkItems(req.candidates);
        return {
          type: 'result',
          jobId,
          kind: 'catchment',
          result: catchment(req.hub, req.candidates.map((x, i) => ({ id: itemId(x, i), geometry: geometryOf(x)! })), req.spec, signal),
          ms: ms(),
        };
      case 'nearest': {
        check([[{ type: 'Point', coordinates: req.point }, 'point'], ...req.items.map((f, i): Checked => [f, fid(f, i), labelOf(f)])]);
        const items = req.items.map((f, i) => ({ id: fid(f, i), geometry: f.geometry }));
        const kinds = req.kinds ? new Set(req.kinds) : null;
        const kindOf = new Map(req.items.map((f, i) => [fid(f, i), String(f.properties?.kind ?? '')]));
        const index = new NearestIndex(items);
        return {
          type: 'result',
          jobId,
          kind: 'nearest',
          result: {
            nearest: index.nearest(req.point, req.k ?? 1, kinds ? (id) => kinds.has(kindOf.get(id) ?? '') : undefined),
            within: req.radiusM !== undefined ? index.within(req.point, req.radiusM) : [],
          },
          ms: ms(),
        };
      }
      case 'buffer': {
        check([[req.geometry, 'geometry', req.name]]);
        // one geometry: the progress is "started / done", and a yield lets a cancel sent at once arrive first
        post({ type: 'progress', jobId, done: 0, total: 1 });
        await new Promise((r) => setTimeout(r, 0));
        if (signal.aborted) throw abortError();
        const geometry = bufferGeometry(req.geometry, req.km);
        post({ type: 'progress', jobId, done: 1, total: 1 });
        await new Promise((r) => setTimeout(r, 0));
        if (signal.aborted) throw abortError();
        return { type: 'result', jobId, kind: 'buffer', result: { geometry }, ms: ms() };
      }
      case 'pointsInPolygons': {
        checkItems(req.polygons);
        if (req.weights && req.weights.length !== req.points.length) throw new Error(`pointsInPolygons: ${req.weights.length} weights for ${req.points.length} points`);
        const ids = req.polygons.map(itemId);
        const first = req.polygons[0];
        const level = first && isUnitRef(first) ? first.unit : undefined;
        const units = level ? jurisdictions.get(level) : undefined;
        const all = units?.index.units;
        // every held unit of one level, in order: count with the level's own lon/lat index
        const whole = !!all && all.length === req.polygons.length && req.polygons.every((x, i) => isUnitRef(x) && x.unit === level && x.adcode === all[i].adcode);
        const opts = { weights: req.weights, signal, onProgress: (done: number, total: number) => post({ type: 'progress', jobId, done, total }) };
        const r = whole
          ? await countPointsInAsync(req.points, units!.index.lonlat, units!.index.lonlatIndex, opts)
          : await pointsInPolygonsAsync(
              req.points,
              req.polygons.map((x) => {
                const g = geometryOf(x);
                return g && (g.type === 'Polygon' || g.type === 'MultiPolygon') ? g : null;
              }),
              opts,
            );
        return { type: 'result', jobId, kind: 'pointsInPolygons', result: { ...r, ids }, ms: ms() };
      }
      case 'overlay': {
        checkItems(req.a.map((x) => x.item));
        if (req.b) checkItems(req.b.map((x) => x.item));
        const areal = (xs: readonly OverlayItem[] = []): OverlayFeature[] =>
          xs.flatMap((x) => {
            const g = geometryOf(x.item);
            return g && (g.type === 'Polygon' || g.type === 'MultiPolygon') ? [{ geometry: g, properties: x.properties }] : [];
          });
        const a = areal(req.a), b = areal(req.b);
        const geoms = (fs: OverlayFeature[]): Areal[] => fs.map((f) => f.geometry);
        const opts = { signal, onProgress: (done: number, total: number) => post({ type: 'progress', jobId, done, total }) };
        const features =
          req.op === 'clip' ? await clip(a, geoms(b), opts)
          : req.op === 'intersect' ? await intersect(a, b, opts)
          : req.op === 'difference' ? await difference(a, geoms(b), opts)
          : req.op === 'dissolve' ? await dissolve(a, req.field ?? '', opts)
          : await union([...geoms(a), ...geoms(b)], opts);
        return { type: 'result', jobId, kind: 'overlay', result: { features }, ms: ms() };
      }
      case 'claim':
        check([[req.a, 'a'], [req.b, 'b']]);
        return { type: 'result', jobId, kind: 'claim', result: checkDistanceClaim(req.claim, req.a, req.b, req.names), ms: ms() };
    }
  }

  async function handle(req: AnalysisRequest): Promise<void> {
    if (req.type === 'cancel') {
      jobs.get(req.jobId)?.abort();
      return;
    }
    const ctrl = new AbortController();
    jobs.set(req.jobId, ctrl);
    try {
      post(await run(req, ctrl.signal));
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      if (err.name === 'AbortError') post({ type: 'cancelled', jobId: req.jobId });
      else post({ type: 'error', jobId: req.jobId, error: { name: err.name, message: err.message, issues: err instanceof GeometryError ? err.issues : undefined } });
    } finally {
      jobs.delete(req.jobId);
    }
  }

  return { handle, activeJobs: () => [...jobs.keys()] };
}
