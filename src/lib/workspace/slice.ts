// Time-sliced loops: long main-thread work (converting, serialising, hashing a million features) checks the
// clock now and then and gives the browser a turn when its slice is used up, so no task grows long.

/** A pause that lets input and painting run: scheduler.yield where the browser has it, else a message turn. */
export function yieldTurn(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface Slicer {
  /** True when the current slice has used its budget; cheap to call often (reads the clock every `every` calls). */
  due(): boolean;
  /** Gives the browser a turn and starts a new slice. */
  pause(): Promise<void>;
}

/** `every`: read the clock on every n-th `due()` call (1 when each call is already a sizeable step). */
export function createSlicer(pause: () => Promise<void> = yieldTurn, budgetMs = 10, every = 64): Slicer {
  let start = performance.now();
  let calls = 0;
  return {
    due() {
      if (++calls % every !== 0) return false;
      return performance.now() - start >= budgetMs;
    },
    async pause() {
      await pause();
      start = performance.now();
    },
  };
}
