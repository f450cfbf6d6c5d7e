// Picked or dropped files grouped into imports: the parts of a Shapefile (.shp .shx .dbf .prj .cpg …, the
// QGIS habit of selecting them all) travel together by base name; every other file is its own import.
import { extensionOf } from './formats/index';

/** Sidecar files of a Shapefile, read or ignored with it rather than imported on their own. */
export const SHAPEFILE_PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg', 'sbn', 'sbx', 'qix', 'fix', 'xml'] as const;

export interface FileGroup<T extends { name: string }> {
  /** The file the import is named after (the .shp for a Shapefile). */
  main: T;
  /** Its sidecars, read with it. */
  parts: T[];
}

export interface Grouped<T extends { name: string }> {
  groups: FileGroup<T>[];
  /** Shapefile parts whose .shp was not among the files: base name and the files, for a message. */
  orphans: { base: string; files: T[] }[];
}

/** "roads.shp.xml" and "roads.dbf" both belong to "roads". */
const baseOf = (name: string): string => name.replace(/\.shp\.xml$/i, '').replace(/\.[^.]+$/, '');

export function groupFiles<T extends { name: string }>(files: readonly T[]): Grouped<T> {
  const byBase = new Map<string, T[]>();
  const groups: FileGroup<T>[] = [];
  const order: (T | string)[] = [];
  for (const f of files) {
    const ext = extensionOf(f.name);
    const isPart = ext === 'xml' ? /\.shp\.xml$/i.test(f.name) : (SHAPEFILE_PARTS as readonly string[]).includes(ext);
    if (!isPart) {
      order.push(f);
      continue;
    }
    const key = baseOf(f.name).toLowerCase();
    if (!byBase.has(key)) {
      byBase.set(key, []);
      order.push(key);
    }
    byBase.get(key)!.push(f);
  }
  const orphans: Grouped<T>['orphans'] = [];
  for (const item of order) {
    if (typeof item !== 'string') {
      groups.push({ main: item, parts: [] });
      continue;
    }
    const set = byBase.get(item)!;
    const shp = set.find((f) => extensionOf(f.name) === 'shp');
    if (shp) groups.push({ main: shp, parts: set.filter((f) => f !== shp) });
    else orphans.push({ base: baseOf(set[0].name), files: set });
  }
  return { groups, orphans };
}
