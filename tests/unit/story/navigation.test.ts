// Player navigation: index arithmetic, clicker keys, "number + Enter" jumps.
import { describe, expect, it } from 'vitest';
import { applyCommand, end, goto, home, keyToCommand, next, parseJump, prev, pushJumpKey } from '../../../src/lib/story/navigation.ts';

describe('next / prev / goto / home / end', () => {
  it('steps within the story and stops at the ends', () => {
    expect([0, 1, 2, 3].map((i) => next(i, 4))).toEqual([1, 2, 3, 3]);
    expect([0, 1, 2, 3].map((i) => prev(i, 4))).toEqual([0, 0, 1, 2]);
  });

  it('wraps when asked (the kiosk loop)', () => {
    expect(next(3, 4, true)).toBe(0);
    expect(prev(0, 4, true)).toBe(3);
    expect(next(1, 4, true)).toBe(2);
  });

  it('recovers from an index outside the story', () => {
    expect(next(9, 4)).toBe(3);
    expect(prev(-2, 4)).toBe(0);
    expect(next(0, 0)).toBe(0);
    expect(prev(0, 0)).toBe(0);
  });

  it('goto takes the 1-based number the presenter sees', () => {
    expect(goto(1, 7)).toBe(0);
    expect(goto(7, 7)).toBe(6);
    expect(goto(0, 7)).toBeNull();
    expect(goto(8, 7)).toBeNull();
    expect(goto(2.5, 7)).toBeNull();
  });

  it('home and end', () => {
    expect(home()).toBe(0);
    expect(end(7)).toBe(6);
    expect(end(0)).toBe(0);
  });
});

describe('keyToCommand and applyCommand', () => {
  it('maps clicker and keyboard keys', () => {
    expect(['PageDown', 'ArrowRight', 'ArrowDown', ' ', 'n'].map(keyToCommand)).toEqual(Array(5).fill('next'));
    expect(['PageUp', 'ArrowLeft', 'ArrowUp', 'Backspace', 'p'].map(keyToCommand)).toEqual(Array(5).fill('prev'));
    expect(keyToCommand('Home')).toBe('home');
    expect(keyToCommand('End')).toBe('end');
    expect(keyToCommand('b')).toBe('blank');
    expect(keyToCommand('.')).toBe('blank');
    expect(keyToCommand('Escape')).toBe('exit');
    expect(keyToCommand('5')).toBeNull(); // digits are for jumps
    expect(keyToCommand('Enter')).toBeNull();
  });

  it('applies commands to an index', () => {
    expect(applyCommand('next', 2, 5)).toBe(3);
    expect(applyCommand('prev', 2, 5)).toBe(1);
    expect(applyCommand('home', 2, 5)).toBe(0);
    expect(applyCommand('end', 2, 5)).toBe(4);
    expect(applyCommand('blank', 2, 5)).toBe(2);
    expect(applyCommand('exit', 2, 5)).toBe(2);
    expect(applyCommand('next', 4, 5, true)).toBe(0);
  });
});

describe('parseJump: number + Enter', () => {
  it('jumps to the typed scene', () => {
    expect(parseJump(['3', 'Enter'], 7)).toBe(2);
    expect(parseJump(['1', '2', 'Enter'], 20)).toBe(11);
    expect(parseJump(['0', '3', 'Enter'], 7)).toBe(2);
  });

  it('uses only the digits right before Enter', () => {
    expect(parseJump(['9', 'x', '2', 'Enter'], 7)).toBe(1);
    expect(parseJump(['ArrowRight', '4', 'Enter'], 7)).toBe(3);
  });

  it('ignores anything that is not digits then Enter, or out of range', () => {
    expect(parseJump(['Enter'], 7)).toBeNull();
    expect(parseJump(['3'], 7)).toBeNull();
    expect(parseJump(['3', 'Enter', 'x'], 7)).toBeNull();
    expect(parseJump(['0', 'Enter'], 7)).toBeNull();
    expect(parseJump(['8', 'Enter'], 7)).toBeNull();
    expect(parseJump(['1', '0', '0', '0', 'Enter'], 2000)).toBeNull(); // more than 3 digits
    expect(parseJump([], 7)).toBeNull();
  });
});

describe('pushJumpKey: the key buffer the player keeps', () => {
  const type = (keys: string[], count: number) => {
    let buffer: string[] = [];
    const jumps: (number | null)[] = [];
    for (const k of keys) {
      const r = pushJumpKey(buffer, k, count);
      buffer = r.buffer;
      if (k === 'Enter') jumps.push(r.jump);
    }
    return { buffer, jumps };
  };

  it('collects digits and jumps on Enter, then starts afresh', () => {
    expect(type(['1', '2', 'Enter', '3', 'Enter'], 20)).toEqual({ buffer: [], jumps: [11, 2] });
  });

  it('a non-digit key cancels the number being typed', () => {
    expect(type(['1', 'PageDown', '2', 'Enter'], 20).jumps).toEqual([1]);
    expect(type(['1', 'Escape', 'Enter'], 20).jumps).toEqual([null]);
  });

  it('an over-long number never jumps, however long', () => {
    expect(type(['1', '2', '3', '4', 'Enter'], 5000).jumps).toEqual([null]);
    expect(type('12345678'.split('').concat('Enter'), 5000).jumps).toEqual([null]);
  });
});
