// Workspace migrations on the shared versioned walk (../versioned.ts): WORKSPACE_MIGRATIONS[v] turns version v
// into v + 1 after MIGRATION_CHECKS[v] found the structure it relies on.
import type { Migration, Obj } from '../versioned';
import { fnv1a } from './checksum';
import { WORKSPACE_FORMAT } from './model';
import { t, type MessageKey } from '../i18n/catalog.ts';
import { isObj, MAX_ISSUES, type ValidationIssue } from './validate';

/**
 * v0 is the prototype's save shape: imported layers with a flat colour/width and a GeoJSON FeatureCollection,
 * drawings in a separate collection with a plain-text name, pins timed in epoch milliseconds, no stories.
 */
export interface WorkspaceV0 {
  version: 0;
  name: string;
  savedAt: number;
  layers: {
    id: string;
    name: string;
    file: string;
    format?: string;
    crs?: string;
    color: string;
    width?: number;
    visible?: boolean;
    geojson: { type: 'FeatureCollection'; features: { type: 'Feature'; id?: string | number; geometry: unknown; properties: Record<string, unknown> | null }[] };
  }[];
  drawings?: { type: 'FeatureCollection'; features: { type: 'Feature'; geometry: unknown; properties: { kind: string; name: string; status: string; target?: number } }[] };
  pins?: { type: string; params: unknown; result: unknown; at: number }[];
}

/** The import format a file name implies (v0 files did not always record it). */
export function formatFromName(file: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  if (ext === 'zip' || ext === 'shp') return 'shapefile';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  if (ext === 'kml' || ext === 'kmz' || ext === 'topojson') return ext;
  return 'geojson';
}


/** Structural checks the v0 → v1 step relies on, with the same clear messages as validation. */
function checkV0(doc: Obj, file: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (field: string, key: MessageKey, where: Pick<ValidationIssue, 'layer' | 'feature'> = {}) =>
    issues.push({ file, ...where, field, message: t(key, 'en'), msg: { key } });
  if (typeof doc.name !== 'string') add('name', 'file.ws.text');
  if (typeof doc.savedAt !== 'number' || !Number.isFinite(doc.savedAt)) add('savedAt', 'file.ws.v0.savedAt');
  if (!Array.isArray(doc.layers)) add('layers', 'file.ws.list');
  else
    doc.layers.forEach((l, index) => {
      const layer = { index, id: isObj(l) && typeof l.id === 'string' ? l.id : undefined, name: isObj(l) && typeof l.name === 'string' ? l.name : undefined };
      if (!isObj(l)) add('', 'file.ws.object', { layer });
      else if (typeof l.file !== 'string') add('file', 'file.ws.v0.file', { layer });
      else if (typeof l.color !== 'string') add('color', 'file.ws.colour', { layer });
      else if (!isObj(l.geojson) || !Array.isArray(l.geojson.features)) add('geojson', 'file.ws.v0.collection', { layer });
      else l.geojson.features.forEach((f, fi) => {
        if (!isObj(f)) add('', 'file.ws.feature', { layer, feature: { index: fi } });
      });
    });
  if (doc.drawings !== undefined && (!isObj(doc.drawings) || !Array.isArray(doc.drawings.features))) add('drawings', 'file.ws.v0.collection');
  else if (isObj(doc.drawings))
    (doc.drawings.features as unknown[]).forEach((f, fi) => {
      if (!isObj(f) || !isObj(f.properties))
        add('properties', 'file.ws.object', { layer: { index: Array.isArray(doc.layers) ? doc.layers.length : 0, name: 'drawings' }, feature: { index: fi } });
    });
  if (doc.pins !== undefined && !Array.isArray(doc.pins)) add('pins', 'file.ws.list');
  else if (Array.isArray(doc.pins))
    doc.pins.forEach((p, i) => {
      if (!isObj(p) || typeof p.at !== 'number' || !Number.isFinite(p.at)) add(`pins[${i}].at`, 'file.ws.v0.savedAt');
    });
  return issues.slice(0, MAX_ISSUES);
}

function migrateV0(doc: Obj): Obj {
  const v0 = doc as unknown as WorkspaceV0;
  const style = (color: string, width?: number) => ({ color, width: width ?? 2, fill: color, opacity: 0.6, labelField: null });
  const layers: Record<string, unknown>[] = v0.layers.map((l) => ({
    id: l.id,
    name: l.name,
    // v0 kept drawings apart, so every v0 layer is an import; v0 did not record the encoding.
    source: { kind: 'import', file: l.file, format: l.format ?? formatFromName(l.file), crs: l.crs ?? null, encoding: null },
    style: style(l.color, l.width),
    visible: l.visible ?? true,
    features: l.geojson.features.map((f, i) => ({
      type: 'Feature',
      id: `${l.id}-f${i}`,
      ...(f.id !== undefined ? { sourceId: f.id } : {}),
      geometry: f.geometry,
      properties: f.properties ?? {},
    })),
  }));
  if (v0.drawings && v0.drawings.features.length > 0) {
    const id = `drawings-${fnv1a(v0.name + v0.savedAt)}`;
    layers.push({
      id,
      name: 'Drawings',
      source: { kind: 'drawing' },
      style: style('#d55e00'),
      visible: true,
      features: v0.drawings.features.map((f, i) => {
        const p = f.properties;
        return {
          type: 'Feature',
          id: `${id}-f${i}`,
          geometry: f.geometry,
          // v0 had one name and no sources: the name is taken as Chinese, and a drawing is schematic.
          properties: {
            kind: p.kind,
            name: { zh: p.name, en: '' },
            status: p.status,
            years: p.target !== undefined ? { target: p.target } : {},
            sources: [],
            accuracy: 'schematic',
          },
        };
      }),
    });
  }
  return {
    format: WORKSPACE_FORMAT,
    version: 1,
    id: `ws-${fnv1a(v0.name + v0.savedAt)}`,
    name: v0.name,
    updatedAt: new Date(v0.savedAt).toISOString(),
    layers,
    pins: (v0.pins ?? []).map((p, i) => ({
      id: `pin-${i + 1}`,
      type: p.type,
      params: p.params ?? null,
      result: p.result ?? null,
      createdAt: new Date(p.at).toISOString(),
    })),
    stories: [],
  };
}

/** v1 → v2: the print template is saved with the workspace (issue 16); a v1 file had none. */
function migrateV1(doc: Obj): Obj {
  return { ...doc, version: 2, print: null };
}

export const WORKSPACE_MIGRATIONS: Readonly<Record<number, Migration>> = { 0: migrateV0, 1: migrateV1 };
export const MIGRATION_CHECKS: Readonly<Record<number, (doc: Obj, file: string) => ValidationIssue[]>> = { 0: checkV0 };
