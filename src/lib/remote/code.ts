// Show codes: six characters a presenter reads out and a phone user types, from an alphabet without look-alikes
// (no 0/O, 1/I/L): 31⁶ ≈ 887 million codes; the relay limits join attempts per address, so guessing is hopeless.
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 6;

/** A fresh code from random bytes (crypto.getRandomValues or randomBytes); rejection sampling keeps it uniform. */
export function makeShowCode(randomBytes: (n: number) => Uint8Array): string {
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let out = '';
  while (out.length < CODE_LENGTH) {
    for (const b of randomBytes(CODE_LENGTH * 2)) {
      if (b < limit && out.length < CODE_LENGTH) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
    }
  }
  return out;
}

/**
 * What someone typed → the code, or null. Case, spaces and dashes do not matter; the look-alikes a person
 * may type for a missing character (O → 0 is not in the alphabet) are refused rather than guessed.
 */
export function normalizeShowCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** As shown on screen: ABC-234 (easier to read out). */
export const formatShowCode = (code: string): string => `${code.slice(0, 3)}-${code.slice(3)}`;
