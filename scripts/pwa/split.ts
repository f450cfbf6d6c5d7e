// What a phone downloads before its first use of the app and what can wait. The service worker precaches
// the "first" set on install; the "later" set (print and PDF, analysis tools, drawing, the import and
// analysis workers: tools a resident never opens) is fetched into its own cache after the first load
// (src/pwa/register.ts), so offline still works for everything once that finished. Decided on the build's
// chunk graph, not on file names, so a renamed chunk cannot move by accident.

/** The part of a Rollup/Rolldown output chunk the split reads. */
export interface ChunkInfo {
  fileName: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  moduleIds: string[];
}

/** Source modules whose dynamic import starts a tool a resident does not need before first use. */
export const LATER_ROOTS: RegExp[] = [
  /\/src\/ui\/print\/PrintPanel\.svelte$/,
  /\/src\/map\/print\.ts$/,
  /\/src\/lib\/print\/pdf\.ts$/,
  /\/node_modules\/@pdf-lib\/fontkit\//,
  /\/src\/ui\/analysis\/AnalysisTools\.svelte$/,
  // terra-draw and its MapLibre adapter (drawing in the workspace)
  /\/node_modules\/terra-draw[^/]*\//,
];

/** Worker bundles (emitted as assets) started only by the import and analysis tools. */
export const LATER_WORKERS = /(^|\/)(import|analysis)\.worker-[\w-]+\.js$/;

export interface PrecachePlan {
  /** Build-relative URLs fetched after the first load (never in the install precache). */
  later: string[];
  /** Chunks of library code only: their text (e.g. fontkit's encoding tables) is never shown, so it picks no font slice. */
  libraryOnly: string[];
}

const isLibrary = (id: string) => id.startsWith('\0') || id.includes('/node_modules/');

/**
 * Chunks reachable from an entry through static imports and through dynamic imports that do not start a
 * later tool are "first"; every other chunk is "later".
 */
export function splitChunks(chunks: ChunkInfo[], roots: RegExp[] = LATER_ROOTS): { first: Set<string>; later: Set<string> } {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const startsTool = (c: ChunkInfo) => c.moduleIds.some((id) => roots.some((r) => r.test(id)));
  const first = new Set<string>();
  const stack = chunks.filter((c) => c.isEntry).map((c) => c.fileName);
  while (stack.length) {
    const name = stack.pop()!;
    if (first.has(name)) continue;
    const c = byName.get(name);
    if (!c) continue;
    first.add(name);
    stack.push(...c.imports);
    for (const d of c.dynamicImports) {
      const target = byName.get(d);
      if (target && !startsTool(target)) stack.push(d);
    }
  }
  return { first, later: new Set(chunks.map((c) => c.fileName).filter((n) => !first.has(n))) };
}

/** The plan for a build: later chunks plus the tools' workers; chunks of library code only. */
export function precachePlan(chunks: ChunkInfo[], assetNames: string[]): PrecachePlan {
  const { later } = splitChunks(chunks);
  return {
    later: [...later, ...assetNames.filter((n) => LATER_WORKERS.test(n))].sort(),
    libraryOnly: chunks.filter((c) => c.moduleIds.length > 0 && c.moduleIds.every(isLibrary)).map((c) => c.fileName).sort(),
  };
}
