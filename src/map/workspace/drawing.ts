// Drawing and editing user features on one map with terra-draw: the drawing mode from state applied to
// terra-draw, finished shapes added to the workspace, edited geometry written back, the live measure.
import type { Geometry, Position } from 'geojson';
import type { SnappableContext, TerraDraw, TerraDrawMouseEvent } from 'terra-draw';
import type { MapView } from '../mapView.ts';
import type { Workspace } from '../../lib/workspace/model.ts';
import { randomId } from '../../lib/workspace/model.ts';
import { geodesicArea, geodesicLength } from '../../lib/geo/geodesic.ts';
import { buildSnapIndex, snapTarget, type SnapIndex } from '../../lib/geo/snap.ts';
import { drawAids } from '../../state/drawAids.svelte.ts';
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
  private snapUser: { ws: Workspace; index: SnapIndex } | null = null;

  constructor(private readonly view: MapView) {}

  private loadSnapTargets(): void {
    if (this.snapFixed) return;
    this.snapFixed = buildSnapIndex(plan.features.map((f) => f.geometry));
    void basemapData().then((b) => {
      this.snapFixed = buildSnapIndex([...b.counties.features.map((f) => f.geometry), ...plan.features.map((f) => f.geometry)]);
    });
  }

  /** terra-draw's custom snap: the nearest vertex (else edge) within the tolerance; Alt held turns it off. */
  private snap(e: TerraDrawMouseEvent, ctx: SnappableContext): Position | undefined {
    if (!drawAids.snap || e.heldKeys.includes('Alt')) return undefined;
    const ws = history.state;
    if (this.snapUser?.ws !== ws) this.snapUser = { ws, index: buildSnapIndex(ws.layers.filter((l) => l.visible).flatMap((l) => l.features.map((f) => f.geometry))) };
    const tol = drawAids.tolerancePx;
    const corners = [ctx.unproject(e.containerX - tol, e.containerY - tol), ctx.unproject(e.containerX + tol, e.containerY + tol)];
    const box: [number, number, number, number] = [Math.min(corners[0].lng, corners[1].lng), Math.min(corners[0].lat, corners[1].lat), Math.max(corners[0].lng, corners[1].lng), Math.max(corners[0].lat, corners[1].lat)];
    // the shape being drawn: its committed vertices (not the one following the pointer)
    const cur = ctx.getCurrentGeometrySnapshot();
    const own = cur ? (cur.type === 'Polygon' ? cur.coordinates[0].slice(0, -2) : cur.coordinates.slice(0, -1)) : [];
    const hit = snapTarget([this.snapFixed, this.snapUser.index].filter((x): x is SnapIndex => !!x), { x: e.containerX, y: e.containerY }, box, tol, (p) => ctx.project(p[0], p[1]), own);
    return hit?.position;
  }

  private setEditing(e: WorkspaceDrawing['editing']): void {
    this.editing = e;
    setEditingFeature(e?.featureId ?? null);
  }

  private ensure(): Promise<TerraDraw> {
    this.loading ??= (async () => {
      const [td, adapter] = await Promise.all([import('terra-draw'), this.view.drawAdapter(9)]);
      const editable = { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } } };
      const accent = '#b8322a' as const;
      this.loadSnapTargets();
      const snapping = { toCustom: (e: TerraDrawMouseEvent, ctx: SnappableContext) => this.snap(e, ctx) };
      const instance = new td.TerraDraw({
        adapter,
        idStrategy: { isValidId: (id) => typeof id === 'string' && id.length > 0, getId: () => randomId('draft') },
        modes: [
          new td.TerraDrawPointMode({ styles: { pointColor: accent, pointWidth: 6, pointOutlineColor: '#ffffff', pointOutlineWidth: 2 } }),
          new td.TerraDrawLineStringMode({ snapping, styles: { lineStringColor: accent, lineStringWidth: 3, closingPointColor: accent, snappingPointColor: accent } }),
          new td.TerraDrawPolygonMode({ snapping, styles: { fillColor: accent, fillOpacity: 0.2, outlineColor: accent, outlineWidth: 2, closingPointColor: accent, snappingPointColor: accent } }),
          new td.TerraDrawSelectMode({
            flags: { point: { feature: { draggable: true } }, linestring: editable, polygon: editable },
            keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
            allowManualDeselection: false,
          }),
        ],
      });
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

  /** Applies the drawing mode from state to terra-draw. */
  async syncMode(mode: DrawMode): Promise<void> {
    if (mode === 'idle' && !this.draw) return;
    const d = await this.ensure();
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
