// Size accounting of a workspace: what one saved copy occupies, per layer, without allocating its bytes.
import { countPositions } from '../geo/kernel';
import { serializeWorkspace } from './serialise';
import type { JsonValue, UserLayer, Workspace } from './model';

/** UTF-8 length of a string without allocating its bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export interface LayerSize {
  id: string;
  name: string;
  features: number;
  positions: number;
  /** UTF-8 bytes of the layer's part of the saved text. */
  bytes: number;
}

export interface WorkspaceSize {
  /** UTF-8 bytes of serializeWorkspace(ws): what one saved copy occupies (the backup doubles it). */
  bytes: number;
  layers: LayerSize[];
  pinsBytes: number;
  storiesBytes: number;
}

export function measureWorkspace(ws: Workspace): WorkspaceSize {
  const layers = ws.layers.map((l: UserLayer) => ({
    id: l.id,
    name: l.name,
    features: l.features.length,
    positions: l.features.reduce((n, f) => n + countPositions(f.geometry), 0),
    bytes: utf8Length(JSON.stringify(l)),
  }));
  return {
    bytes: utf8Length(serializeWorkspace(ws)),
    layers,
    pinsBytes: utf8Length(JSON.stringify(ws.pins)),
    storiesBytes: utf8Length(JSON.stringify(ws.stories as JsonValue[])),
  };
}
