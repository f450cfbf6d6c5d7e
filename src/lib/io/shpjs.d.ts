// shpjs ships no types; only the two parsers we use are declared.
declare module 'shpjs' {
  export function parseShp(shp: DataView | ArrayBuffer | Uint8Array, prj?: string | false): (unknown | null)[];
  export function parseDbf(dbf: DataView | ArrayBuffer | Uint8Array, cpg?: string): Record<string, unknown>[];
}
