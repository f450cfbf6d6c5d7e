// Drawing and editing user features on one map with terra-draw: the drawing mode from state applied to
// terra-draw, finished shapes added to the workspace, edited geometry written back, the live measure.
import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { SnappableContext, TerraDraw, TerraDrawLineStringMode, TerraDrawMouseEvent, TerraDrawPolygonMode } from 'terra-draw';
import type { MapView } from '../mapView.ts';
import type { Workspace } from '../../lib/workspace/model.ts';
import { randomId } from '../../lib/workspace/model.ts';
import { geodesicArea, geodesicLength } from '../../lib/geo/geodesic.ts';
import { buildSnapIndex, fromMercator, snapTarget, toMercator, wholeFeatureSnap, type SnapHit, type SnapIndex } from '../../lib/geo/snap.ts';
import { drawAids, setTypedVertexSink } from '../../state/drawAids.svelte.ts';
import { plan } from '../../state/plan.svelte.ts';
import { basemapData } from '../analysisClient.ts';
import {
  addDrawnFeature,
  findFeature,
  history,
  setDrawMode,
  setEditingFeature,
  setLiveMeasure,
  updateGeometry,
  wsUi,
  type DrawMode,
} from '../../state/workspace.svelte.ts';

const TD_MODE: Record<string, string> = { Point: 'point', LineString: 'linestring', Polygon: 'polygon' };
const ACCENT = '#b8322a';
const SNAP_SOURCE = 'workspace-snap';
/** Vertices of a whole dragged shape searched for a snap on each move at most. */
const WHOLE_DRAG_MAX = 2000;
const SNAP_LAYER = 'workspace-snap-point';

export function canEditGeometry(g: Geometry): boolean {
  return g.type in TD_MODE;
}

function measure(g: Geometry | undefined): { length: number; area: number } | null {
  if (!g) return null;
  if (g.type === 'Polygon') {
    // While drawing, terra-draw's ring is closed already; the perimeter is the ring.
    return { length: geodesicLength(g), area: geodesicArea(g) };
  }
  if (g.type === 'LineString') return { length: geodesicLength(g), area: 0 };
  return null;
}

export class WorkspaceDrawing {
  private draw: TerraDraw | null = null;
  private loading: Promise<TerraDraw> | null = null;
  private editing: { layerId: string; featureId: string; geometry: Geometry } | null = null;

  /** Snap targets: counties and plan elements (built once), the user's layers (rebuilt when they change). */
  private snapFixed: SnapIndex | null = null;
  private snapUser: { ws: Workspace; exclude: string | null; index: SnapIndex } | null = null;
  /** Shapes the user types vertices into skip snapping (a typed coordinate is meant exactly). */
  private typing = false;

  /** the line and polygon modes, for typed vertices */
  private shapeModes: Partial<Record<'linestring' | 'polygon', TerraDrawLineStringMode | TerraDrawPolygonMode>> = {};

  constructor(private readonly view: MapView) {
    // A vertex typed just after choosing the tool waits for terra-draw to load and take the mode (under load
    // that can take seconds): before, it fell through and became a stray point.
    setTypedVertexSink({
      add: (p) => this.modeApplied.then(() => this.addTypedVertex(p)),
      finish: () => this.modeApplied.then(() => this.finishShape()),
    });
  }

  /**
   * A typed vertex for the line or polygon being drawn: terra-draw's own click path, so its undo and
   * live measure follow. No snapping (the coordinate is meant exactly) and no closing by nearness: the
   * pointer position handed over is far off-screen, so "clicked on the first/last vertex" never fires.
   */
  private addTypedVertex(p: [number, number]): boolean {
    const mode = wsUi.drawMode;
    const m = mode === 'linestring' || mode === 'polygon' ? this.shapeModes[mode] : undefined;
    if (!this.draw || !m) return false;
    this.typing = true;
    try {
      m.onClick({ lng: p[0], lat: p[1], containerX: -1e7, containerY: -1e7, button: 'left', heldKeys: [], isContextMenu: false });
    } finally {
      this.typing = false;
    }
    return true;
  }

  /** Finishes the shape being drawn, as Enter on the map does; false if terra-draw kept it open (too few vertices). */
  private finishShape(): boolean {
    const mode = wsUi.drawMode;
    const m = mode === 'linestring' || mode === 'polygon' ? this.shapeModes[mode] : undefined;
    if (!this.draw || !m) return false;
    const before = history.state;
    m.onKeyUp({ key: 'Enter', heldKeys: [], preventDefault: () => {} });
    return history.state !== before;
  }

  private loadSnapTargets(): void {
    if (this.snapFixed) return;
    this.snapFixed = buildSnapIndex(plan.features.map((f) => f.geometry));
    void basemapData().then((b) => {
      this.snapFixed = buildSnapIndex([...b.counties.features.map((f) => f.geometry), ...plan.features.map((f) => f.geometry)]);
    });
  }

  /**
   * The snap target for a pointer at container (x, y): the nearest vertex (else edge) within the tolerance
   * among counties, plan elements, the visible user layers (less the feature being edited: its stored copy
   * would pull a dragged vertex back) and `own` vertices. Alt held (or snapping off) gives none.
   */
  private snapAt(x: number, y: number, heldKeys: readonly string[], own: readonly Position[]): Position | undefined {
    return this.snapHitAt(x, y, heldKeys, own)?.position;
  }

  private snapHitAt(x: number, y: number, heldKeys: readonly string[], own: readonly Position[]): SnapHit | undefined {
    if (this.typing || !drawAids.snap || heldKeys.includes('Alt')) return undefined;
    const ws = history.state;
    const exclude = this.editing?.featureId ?? null;
    if (this.snapUser?.ws !== ws || this.snapUser.exclude !== exclude) {
      const geoms = ws.layers.filter((l) => l.visible).flatMap((l) => l.features.filter((f) => f.id !== exclude).map((f) => f.geometry));
      this.snapUser = { ws, exclude, index: buildSnapIndex(geoms) };
    }
    const tol = drawAids.tolerancePx;
    const c0 = this.view.unproject([x - tol, y - tol]), c1 = this.view.unproject([x + tol, y + tol]);
    const box: [number, number, number, number] = [Math.min(c0[0], c1[0]), Math.min(c0[1], c1[1]), Math.max(c0[0], c1[0]), Math.max(c0[1], c1[1])];
    const indexes = [this.snapFixed, this.snapUser.index].filter((i): i is SnapIndex => !!i);
    return snapTarget(indexes, { x, y }, box, tol, (p) => this.view.project([p[0], p[1]]), own) ?? undefined;
  }

  /**
   * A whole line or polygon being dragged from `from` to the pointer: the pointer moved so that the vertex
   * nearest a snap target (a vertex target before an edge) lands exactly on it, and that target. Shapes of more
   * than WHOLE_DRAG_MAX vertices are not snapped (each vertex is a search on every move).
   */
  private snapWhole(e: TerraDrawMouseEvent, from: Position, geometry: Geometry | undefined): { lng: number; lat: number; target: Position } | undefined {
    if (this.typing || !drawAids.snap || e.heldKeys.includes('Alt') || !geometry) return undefined;
    const ring = geometry.type === 'Polygon' ? geometry.coordinates[0].slice(0, -1) : geometry.type === 'LineString' ? geometry.coordinates : [];
    if (!ring.length || ring.length > WHOLE_DRAG_MAX) return undefined;
    const a = toMercator(from), b = toMercator([e.lng, e.lat]);
    const candidates = ring.map((v) => {
      const m = toMercator(v);
      const vertex = fromMercator([m[0] + b[0] - a[0], m[1] + b[1] - a[1]]);
      const at = this.view.project(vertex);
      return { vertex, hit: this.snapHitAt(at.x, at.y, e.heldKeys, []) ?? null };
    });
    const snap = wholeFeatureSnap([e.lng, e.lat], candidates);
    return snap ? { lng: snap.pointer[0], lat: snap.pointer[1], target: snap.target } : undefined;
  }

  /** terra-draw's custom snap while drawing a line or polygon (its own snapping point marks the target). */
  private snapDrawing(e: TerraDrawMouseEvent, ctx: SnappableContext): Position | undefined {
    // the shape being drawn: its committed vertices (not the one following the pointer)
    const cur = ctx.getCurrentGeometrySnapshot();
    const own = cur ? (cur.type === 'Polygon' ? cur.coordinates[0].slice(0, -2) : cur.coordinates.slice(0, -1)) : [];
    return this.snapAt(e.containerX, e.containerY, e.heldKeys, own);
  }

  /** terra-draw's custom snap while a vertex of an edited line or polygon is dragged: its other vertices count. */
  private snapDragged(e: TerraDrawMouseEvent, ctx: SnappableContext): Position | undefined {
    const cur = ctx.getCurrentGeometrySnapshot();
    const i = ctx.currentCoordinate ?? -1;
    let own: Position[] = [];
    if (cur?.type === 'LineString') own = cur.coordinates.filter((_, k) => k !== i);
    else if (cur?.type === 'Polygon') {
      const n = cur.coordinates[0].length - 1; // the closing vertex repeats the first
      own = cur.coordinates[0].slice(0, n).filter((_, k) => k !== (i === n ? 0 : i));
    }
    const hit = this.snapAt(e.containerX, e.containerY, e.heldKeys, own);
    this.showSnap(hit);
    return hit;
  }

  /** The snap indicator for points and dragged vertices (terra-draw draws its own only for new line/polygon vertices). */
  private showSnap(p: Position | undefined): void {
    const data: FeatureCollection = { type: 'FeatureCollection', features: p ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } }] : [] };
    if (!p && !this.view.hasSource(SNAP_SOURCE)) return;
    this.view.upsertGeoJSON(SNAP_SOURCE, data);
    if (!this.view.hasLayer(SNAP_LAYER)) {
      this.view.addLayer({ id: SNAP_LAYER, type: 'circle', source: SNAP_SOURCE, paint: { 'circle-radius': 6, 'circle-color': ACCENT, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
    }
  }

  private setEditing(e: WorkspaceDrawing['editing']): void {
    this.editing = e;
    setEditingFeature(e?.featureId ?? null);
  }

  private ensure(): Promise<TerraDraw> {
    this.loading ??= (async () => {
      const [td, adapter] = await Promise.all([import('terra-draw'), this.view.drawAdapter(9)]);
      // the mode subclasses below reach the drawing through these (terra-draw constructs nothing of ours)
      const snapAt = (e: TerraDrawMouseEvent) => this.snapAt(e.containerX, e.containerY, e.heldKeys, []);
      const showSnap = (p: Position | undefined) => this.showSnap(p);
      const editingPoint = () => this.editing?.geometry.type === 'Point';
      const snapWhole = (e: TerraDrawMouseEvent, from: Position) => {
        const id = this.editing?.featureId;
        return this.snapWhole(e, from, id ? (instanceRef?.getSnapshotFeature(id)?.geometry as Geometry | undefined) : undefined);
      };
      let instanceRef: TerraDraw | null = null;
      const snapDragged = { toCustom: (e: TerraDrawMouseEvent, ctx: SnappableContext) => this.snapDragged(e, ctx) };
      const editable = { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapDragged } } };
      const accent = ACCENT;
      this.loadSnapTargets();
      const snapping = { toCustom: (e: TerraDrawMouseEvent, ctx: SnappableContext) => this.snapDrawing(e, ctx) };
      /** A new point snaps on click; the indicator follows the pointer. */
      class SnappingPointMode extends td.TerraDrawPointMode {
        // terra-draw passes the event to every mode; the point mode's own signature leaves it out
        override onMouseMove(...args: unknown[]): void {
          showSnap(snapAt(args[0] as TerraDrawMouseEvent));
        }
        override onClick(e: TerraDrawMouseEvent): void {
          const p = snapAt(e);
          super.onClick(p ? { ...e, lng: p[0], lat: p[1] } : e);
        }
      }
      /**
       * An edited point snaps while dragged, and so does a whole line or polygon dragged by its body: terra-draw
       * snaps only dragged vertices in select mode. Its drag-feature behaviour (terra-draw 1.35: `dragFeature`,
       * whose `dragPosition` is the last pointer it moved the feature to) is read to move the pointer.
       */
      class SnappingSelectMode extends td.TerraDrawSelectMode {
        override onDrag(e: TerraDrawMouseEvent, setDraggable: (enabled: boolean) => void): void {
          if (editingPoint()) {
            const p = snapAt(e);
            showSnap(p);
            return super.onDrag(p ? { ...e, lng: p[0], lat: p[1] } : e, setDraggable);
          }
          const drag = (this as unknown as { dragFeature?: { isDragging(): boolean; dragPosition?: Position } }).dragFeature;
          const snap = drag?.isDragging() && drag.dragPosition ? snapWhole(e, drag.dragPosition) : undefined;
          if (drag?.isDragging()) showSnap(snap?.target);
          super.onDrag(snap ? { ...e, lng: snap.lng, lat: snap.lat } : e, setDraggable);
        }
        override onDragEnd(e: TerraDrawMouseEvent, setDraggable: (enabled: boolean) => void): void {
          showSnap(undefined);
          super.onDragEnd(e, setDraggable);
        }
      }
      const lineMode = new td.TerraDrawLineStringMode({ snapping, styles: { lineStringColor: accent, lineStringWidth: 3, closingPointColor: accent, snappingPointColor: accent } });
      const polygonMode = new td.TerraDrawPolygonMode({ snapping, styles: { fillColor: accent, fillOpacity: 0.2, outlineColor: accent, outlineWidth: 2, closingPointColor: accent, snappingPointColor: accent } });
      this.shapeModes = { linestring: lineMode, polygon: polygonMode };
      const instance = new td.TerraDraw({
        adapter,
        idStrategy: { isValidId: (id) => typeof id === 'string' && id.length > 0, getId: () => randomId('draft') },
        modes: [
          new SnappingPointMode({ styles: { pointColor: accent, pointWidth: 6, pointOutlineColor: '#ffffff', pointOutlineWidth: 2 } }),
          lineMode,
          polygonMode,
          new SnappingSelectMode({
            flags: { point: { feature: { draggable: true } }, linestring: editable, polygon: editable },
            keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
            allowManualDeselection: false,
          }),
        ],
      });
      instanceRef = instance;
      instance.start();
      instance.on('change', (ids) => {
        const mode = wsUi.drawMode;
        if (mode === 'idle') return;
        const id = mode === 'edit' ? this.editing?.featureId : ids.find((i) => instance.getSnapshotFeature(i)?.properties?.mode === mode);
        const f = id !== undefined ? instance.getSnapshotFeature(id) : undefined;
        setLiveMeasure(measure(f?.geometry as Geometry | undefined));
      });
      instance.on('finish', (id, ctx) => {
        const f = instance.getSnapshotFeature(id);
        if (!f) return;
        const editing = this.editing;
        if (ctx.action === 'draw') {
          instance.removeFeatures([id]);
          addDrawnFeature(structuredClone(f.geometry) as Geometry);
          setLiveMeasure(null);
        } else if (editing && id === editing.featureId) {
          const geometry = structuredClone(f.geometry) as Geometry;
          editing.geometry = geometry;
          updateGeometry(editing.layerId, editing.featureId, geometry);
          setLiveMeasure(measure(geometry));
        }
      });
      this.draw = instance;
      return instance;
    })();
    return this.loading;
  }

  /** The last mode change handed to terra-draw, settled (typed vertices wait for it). */
  private modeApplied: Promise<void> = Promise.resolve();

  /** Applies the drawing mode from state to terra-draw. */
  syncMode(mode: DrawMode): Promise<void> {
    const applied = this.applyMode(mode);
    this.modeApplied = applied.catch(() => undefined);
    return applied;
  }

  private async applyMode(mode: DrawMode): Promise<void> {
    if (mode === 'idle' && !this.draw) return;
    const d = await this.ensure();
    this.showSnap(undefined);
    if (mode !== 'edit' && this.editing) {
      this.setEditing(null);
      d.clear();
    }
    if (mode === 'idle') {
      d.clear();
      d.setMode('static');
      setLiveMeasure(null);
      return;
    }
    if (mode === 'edit') {
      const sel = wsUi.selected;
      const f = sel && findFeature(history.state, sel.layerId, sel.featureId);
      if (!sel || !f || !canEditGeometry(f.geometry)) {
        setDrawMode('idle');
        return;
      }
      d.clear();
      this.setEditing({ layerId: sel.layerId, featureId: sel.featureId, geometry: f.geometry });
      const result = d.addFeatures([{ type: 'Feature', id: f.id, geometry: structuredClone(f.geometry) as never, properties: { mode: TD_MODE[f.geometry.type] } }]);
      if (!result[0]?.valid) {
        this.setEditing(null);
        setDrawMode('idle');
        return;
      }
      d.setMode('select');
      d.selectFeature(f.id);
      setLiveMeasure(measure(f.geometry));
      return;
    }
    d.clear();
    d.setMode(mode);
    setLiveMeasure(null);
  }

  /** Undo/redo while editing: keep terra-draw's copy equal to the workspace's. */
  syncEditing(ws: Workspace): void {
    const editing = this.editing;
    if (!editing || !this.draw) return;
    const f = findFeature(ws, editing.layerId, editing.featureId);
    if (!f) {
      setDrawMode('idle');
      return;
    }
    if (f.geometry !== editing.geometry) {
      editing.geometry = f.geometry;
      try {
        this.draw.updateFeatureGeometry(f.id, structuredClone(f.geometry) as never);
        this.draw.selectFeature(f.id);
      } catch {
        setDrawMode('idle');
      }
      setLiveMeasure(measure(f.geometry));
    }
  }
}
