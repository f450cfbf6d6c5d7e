// When the hall watchdog restarts the kiosk browser, and how it tells a hung page from a slow one.
// Pure: no process, browser or clock access (the caller passes `now`), so it is tested in Node.

export type RestartReason = 'crash' | 'hung' | 'closed' | 'load-failed';

export interface RestartPolicy {
  /** First wait before a restart; doubles with each restart that follows soon after the last one. */
  baseDelayMs: number;
  /** The wait never grows beyond this: a kiosk keeps trying for months, never gives up. */
  maxDelayMs: number;
  /** A browser that ran this long without trouble counts as healthy again: the next wait is the base. */
  stableAfterMs: number;
  /** Heartbeats the page may miss in a row before it counts as hung (one missed beat can be a GC pause). */
  missedBeatsAllowed: number;
}

export const DEFAULT_POLICY: RestartPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  stableAfterMs: 10 * 60_000,
  missedBeatsAllowed: 2,
};

export interface RestartState {
  /** Restarts since the browser last ran for `stableAfterMs`. */
  streak: number;
  /** When the current browser started (ms, caller's clock). */
  startedAt: number;
  /** Every restart so far, for the staff log. */
  total: number;
}

export const initialRestartState = (now: number): RestartState => ({ streak: 0, startedAt: now, total: 0 });

/** The wait before the next restart, and the state after it. */
export function planRestart(policy: RestartPolicy, state: RestartState, now: number): { delayMs: number; state: RestartState } {
  const ranFor = now - state.startedAt;
  const streak = ranFor >= policy.stableAfterMs ? 0 : state.streak;
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(streak, 30));
  return { delayMs, state: { streak: streak + 1, startedAt: now + delayMs, total: state.total + 1 } };
}

/** Counts missed heartbeats; `hung` once more than the policy allows were missed in a row. */
export function heartbeat(policy: RestartPolicy, missed: number, answered: boolean): { missed: number; hung: boolean } {
  const next = answered ? 0 : missed + 1;
  return { missed: next, hung: next > policy.missedBeatsAllowed };
}

/** One line of the watchdog's log: JSON, so a hall's log collector can read it. */
export function logLine(now: number, event: string, fields: Record<string, string | number | boolean> = {}): string {
  return JSON.stringify({ time: new Date(now).toISOString(), event, ...fields });
}
