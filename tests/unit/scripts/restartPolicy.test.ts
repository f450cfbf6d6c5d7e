import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, heartbeat, initialRestartState, logLine, planRestart } from '../../../scripts/hall/restartPolicy.ts';

describe('hall watchdog restart policy', () => {
  it('backs off 1, 2, 4 … s for restarts in quick succession, capped at the maximum', () => {
    let state = initialRestartState(0);
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 9; i++) {
      now += 5_000; // each browser crashes 5 s after it started
      const r = planRestart(DEFAULT_POLICY, state, now);
      waits.push(r.delayMs);
      state = r.state;
      now += r.delayMs;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(state.total).toBe(9);
  });

  it('a browser that ran stably counts as healthy again: the next wait is the base', () => {
    let state = initialRestartState(0);
    for (let i = 0; i < 4; i++) state = planRestart(DEFAULT_POLICY, state, state.startedAt + 1_000).state;
    expect(planRestart(DEFAULT_POLICY, state, state.startedAt + 1_000).delayMs).toBe(16_000);
    const later = planRestart(DEFAULT_POLICY, state, state.startedAt + DEFAULT_POLICY.stableAfterMs);
    expect(later.delayMs).toBe(DEFAULT_POLICY.baseDelayMs);
    expect(later.state.streak).toBe(1);
  });

  it('never gives up and never overflows, even after thousands of restarts', () => {
    let state = initialRestartState(0);
    for (let i = 0; i < 5_000; i++) state = planRestart(DEFAULT_POLICY, state, state.startedAt + 10).state;
    const r = planRestart(DEFAULT_POLICY, state, state.startedAt + 10);
    expect(r.delayMs).toBe(DEFAULT_POLICY.maxDelayMs);
    expect(r.state.total).toBe(5_001);
  });

  it('one missed heartbeat is tolerated; more than allowed in a row is a hang; an answer resets', () => {
    let s = heartbeat(DEFAULT_POLICY, 0, false);
    expect(s).toEqual({ missed: 1, hung: false });
    s = heartbeat(DEFAULT_POLICY, s.missed, false);
    expect(s.hung).toBe(false);
    expect(heartbeat(DEFAULT_POLICY, s.missed, true)).toEqual({ missed: 0, hung: false });
    expect(heartbeat(DEFAULT_POLICY, s.missed, false)).toEqual({ missed: 3, hung: true });
  });

  it('log lines are JSON with an ISO time', () => {
    const line = JSON.parse(logLine(Date.UTC(2026, 11, 4, 9), 'restart', { reason: 'crash', delayMs: 1000 }));
    expect(line).toEqual({ time: '2026-12-04T09:00:00.000Z', event: 'restart', reason: 'crash', delayMs: 1000 });
  });
});
