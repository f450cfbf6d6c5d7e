// When to reconnect to the relay after the connection drops, and how to notice a silent one. A hall's Wi-Fi
// drops for seconds; a restarted server is back in a few: retry fast at first, then no more than every 15 s,
// with jitter so a room of screens does not reconnect in lockstep.
export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxMs: number;
  /** ± this share of the delay, at random */
  jitter: number;
  /** a connection that lasted this long was good: the next drop starts again from baseMs */
  stableMs: number;
}

export const BACKOFF: BackoffPolicy = { baseMs: 500, factor: 2, maxMs: 15_000, jitter: 0.25, stableMs: 10_000 };

/** The wait before attempt `attempt` (0 = the first retry). `random` in [0, 1). */
export function retryDelay(attempt: number, random: () => number = Math.random, p: BackoffPolicy = BACKOFF): number {
  const n = Math.max(0, Math.floor(attempt));
  const raw = Math.min(p.maxMs, p.baseMs * p.factor ** Math.min(n, 30));
  const spread = raw * p.jitter * (2 * random() - 1);
  return Math.round(Math.max(p.baseMs / 2, Math.min(p.maxMs * (1 + p.jitter), raw + spread)));
}

/** The attempt number after a connection closes that had been open `openMs` (-1 = it never opened). */
export function attemptAfterClose(attempt: number, openMs: number, p: BackoffPolicy = BACKOFF): number {
  return openMs >= p.stableMs ? 0 : attempt + 1;
}

/**
 * The app pings every `intervalMs`; no message at all (pong or other) for `deadMs` means the link is dead even
 * if the socket has not noticed (a phone that walked out of Wi-Fi range), and it is closed and retried.
 */
export const HEARTBEAT = { intervalMs: 15_000, deadMs: 40_000 } as const;
export const isLinkDead = (lastMessageAt: number, now: number, deadMs: number = HEARTBEAT.deadMs): boolean => now - lastMessageAt > deadMs;
