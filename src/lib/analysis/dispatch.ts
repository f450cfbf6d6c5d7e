// Pure dispatcher behind the analysis worker: validates input, runs the job, posts progress and
// exactly one final message. Unit tested in Node; the worker file only wires postMessage to it.
import type { Feature, Geometry, MultiPolygon } from 'geojson';
import type { AnalysisRequest, AnalysisResponse, JurisdictionLevel } from './protocol.ts';
import { measure } from './measure.ts';
import { centroidDistance, nearestEdgeDistance } from './distance.ts';
import { abortError, arealOf, intersectionGeometry, overlapMatrixAsync, type Areal, type OverlapPair } from './overlap.ts';
import { buildJurisdictionIndex, jurisdictionStats, type JurisdictionIndex } from './jurisdiction.ts';
import { catchment } from './catchment.ts';
import { NearestIndex } from './nearest.ts';
import { checkDistanceClaim } from './claims.ts';
import { validateGeometry, type GeometryIssue } from './validate-geometry.ts';

export type Post = (msg: AnalysisResponse) => void;

class GeometryError extends Error {
  constructor(public issues: GeometryIssue[]) {
    super(issues.map((i) => i.message.en).join('; '));
    this.name = 'GeometryError';
  }
}

function check(items: Array<[Geometry | Feature | null | undefined, string]>): void {
  const issues = items.flatMap(([g, name]) => validateGeometry(g, name)).filter((i) => i.severity === 'error');
  if (issues.length) throw new GeometryError(issues);
}

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

export function createDispatcher(post: Post) {
  const jobs = new Map<string, AbortController>();
  const jurisdictions = new Map<JurisdictionLevel, JurisdictionIndex>();

  async function run(req: Exclude<AnalysisRequest, { type: 'cancel' }>, signal: AbortSignal): Promise<AnalysisResponse> {
    const t0 = performance.now();
    const jobId = req.jobId;
    const ms = () => performance.now() - t0;
    switch (req.type) {
      case 'measure':
        check([[req.geometry, 'geometry']]);
        return { type: 'result', jobId, kind: 'measure', result: measure(req.geometry, req.locale, req.areaUnit), ms: ms() };
      case 'distance':
        check([[req.a, 'a'], [req.b, 'b']]);
        return { type: 'result', jobId, kind: 'distance', result: { centroid: centroidDistance(req.a, req.b), nearestEdge: nearestEdgeDistance(req.a, req.b) }, ms: ms() };
      case 'overlap': {
        const all = [...req.groupA, ...(req.groupB ?? [])];
        check(all.map((f, i) => [f, fid(f, i)]));
        const idsA = req.groupA.map(fid), idsB = (req.groupB ?? req.groupA).map(fid);
        const geomA = arealOf(req.groupA), geomB = req.groupB ? arealOf(req.groupB) : geomA;
        const r = await overlapMatrixAsync(geomA, req.groupB ? geomB : undefined, {
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
      case 'setJurisdictions':
        check(req.units.map((u) => [u.geometry, u.adcode]));
        jurisdictions.set(req.level, buildJurisdictionIndex(req.units));
        return { type: 'result', jobId, kind: 'setJurisdictions', result: { level: req.level, count: req.units.length }, ms: ms() };
      case 'jurisdiction': {
        const idx = jurisdictions.get(req.level);
        if (!idx) throw new Error(`No ${req.level} boundaries loaded: send setJurisdictions first`);
        check(req.features.map((f, i) => [f, fid(f, i)]));
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
        check([[req.hub, 'hub'], ...req.candidates.map((f, i): [Feature, string] => [f, fid(f, i)])]);
        return {
          type: 'result',
          jobId,
          kind: 'catchment',
          result: catchment(req.hub, req.candidates.map((f, i) => ({ id: fid(f, i), geometry: f.geometry })), req.spec, signal),
          ms: ms(),
        };
      case 'nearest': {
        check([[{ type: 'Point', coordinates: req.point }, 'point'], ...req.items.map((f, i): [Feature, string] => [f, fid(f, i)])]);
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
