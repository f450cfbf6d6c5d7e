// FNV-1a, 32-bit: the checksum of saved workspace text (given in parts or whole) and deterministic ids for migrated data.

/** One step of the FNV-1a hash, so a long text given in parts hashes the same as the whole. */
export function fnv1aStep(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

export const FNV_OFFSET = 0x811c9dc5;
export const fnvHex = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');

/** 32-bit FNV-1a, hex: deterministic ids for migrated data. */
export function fnv1a(text: string): string {
  return fnvHex(fnv1aStep(FNV_OFFSET, text));
}
