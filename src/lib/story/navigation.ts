// Scene navigation for the story player: pure index arithmetic, clicker/keyboard mapping, and
// "number + Enter" jumps. Indices are 0-based; what the presenter types and sees is 1-based.

/** Next scene; at the end stays put, or wraps to the first with `wrap` (kiosk loop). */
export function next(index: number, count: number, wrap = false): number {
  if (count <= 0) return 0;
  const i = clamp(index, count);
  return i + 1 < count ? i + 1 : wrap ? 0 : i;
}

/** Previous scene; at the start stays put, or wraps to the last with `wrap`. */
export function prev(index: number, count: number, wrap = false): number {
  if (count <= 0) return 0;
  const i = clamp(index, count);
  return i > 0 ? i - 1 : wrap ? count - 1 : i;
}

/** Scene n (1-based, as typed); out of range or not an integer → null (the player stays). */
export function goto(n: number, count: number): number | null {
  return Number.isInteger(n) && n >= 1 && n <= count ? n - 1 : null;
}

export const home = (): number => 0;
export const end = (count: number): number => Math.max(0, count - 1);

function clamp(i: number, count: number): number {
  return Number.isInteger(i) ? Math.min(Math.max(i, 0), count - 1) : 0;
}

export type NavCommand = 'next' | 'prev' | 'home' | 'end' | 'blank' | 'exit';

/**
 * What a key (KeyboardEvent.key) means to the player. Presentation clickers send PageDown/PageUp
 * (some send arrows, '.' or 'b' for a blank screen, Escape/F5 for start/stop).
 */
export function keyToCommand(key: string): NavCommand | null {
  switch (key) {
    case 'PageDown':
    case 'ArrowRight':
    case 'ArrowDown':
    case ' ':
    case 'n':
    case 'N':
      return 'next';
    case 'PageUp':
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'Backspace':
    case 'p':
    case 'P':
      return 'prev';
    case 'Home':
      return 'home';
    case 'End':
      return 'end';
    case '.':
    case 'b':
    case 'B':
      return 'blank';
    case 'Escape':
      return 'exit';
    default:
      return null;
  }
}

/** Apply a command to an index (blank and exit leave the index alone; the player handles them). */
export function applyCommand(cmd: NavCommand, index: number, count: number, wrap = false): number {
  switch (cmd) {
    case 'next':
      return next(index, count, wrap);
    case 'prev':
      return prev(index, count, wrap);
    case 'home':
      return home();
    case 'end':
      return end(count);
    default:
      return index;
  }
}

/** Longest number a presenter types to jump (999 scenes is plenty). */
export const JUMP_MAX_DIGITS = 3;

/**
 * "Number + Enter" as in PowerPoint: the keys typed so far (KeyboardEvent.key values, oldest first).
 * Returns the 0-based scene when the sequence ends in Enter right after 1–3 digits naming a scene
 * 1..count; otherwise null. Leading zeros count as digits ("03" is scene 3).
 */
export function parseJump(keys: readonly string[], count: number): number | null {
  if (keys.length < 2 || keys[keys.length - 1] !== 'Enter') return null;
  let digits = '';
  for (let i = keys.length - 2; i >= 0 && /^[0-9]$/.test(keys[i]); i--) digits = keys[i] + digits;
  if (digits.length === 0 || digits.length > JUMP_MAX_DIGITS) return null;
  return goto(Number(digits), count);
}

/**
 * Keep the key buffer the player passes to parseJump: digits accumulate (at most JUMP_MAX_DIGITS + 1,
 * so an over-long number still fails), Enter ends the attempt, any other key clears it.
 */
export function pushJumpKey(buffer: readonly string[], key: string, count: number): { buffer: string[]; jump: number | null } {
  if (/^[0-9]$/.test(key)) return { buffer: [...buffer, key].slice(-(JUMP_MAX_DIGITS + 1)), jump: null };
  if (key === 'Enter') return { buffer: [], jump: parseJump([...buffer, key], count) };
  return { buffer: [], jump: null };
}
