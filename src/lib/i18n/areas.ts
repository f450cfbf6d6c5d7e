// The catalog's areas, one file each in ./messages/ (registered here; the parity test checks every file is).
import { app } from './messages/app.ts';
import { analysis } from './messages/analysis.ts';
import { basemap } from './messages/basemap.ts';
import { claim } from './messages/claim.ts';
import { compare } from './messages/compare.ts';
import { file } from './messages/file.ts';
import { insight } from './messages/insight.ts';
import { io } from './messages/io.ts';
import { kiosk } from './messages/kiosk.ts';
import { method } from './messages/method.ts';
import { participation } from './messages/participation.ts';
import { plan } from './messages/plan.ts';
import { place } from './messages/place.ts';
import { presenter } from './messages/presenter.ts';
import { print } from './messages/print.ts';
import { remote } from './messages/remote.ts';
import { search } from './messages/search.ts';
import { slide } from './messages/slide.ts';
import { storage } from './messages/storage.ts';
import { story } from './messages/story.ts';
import { table as tableArea } from './messages/table.ts';
import { ops } from './messages/ops.ts';
import { workspace } from './messages/workspace.ts';

export const areas = { app, analysis, basemap, claim, compare, file, insight, io, kiosk, method, ops, participation, plan, place, presenter, print, remote, search, slide, storage, story, table: tableArea, workspace } as const;
export type Areas = typeof areas;
