// The kiosk state machine: loop, hand-over on touch, resume after idling, exit code.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kioskConfigFor, kioskInit, kioskReducer, loopWrapped, nextInPlaylist, type KioskConfig, type KioskEvent, type KioskState } from '../../../src/lib/story/kiosk.ts';

const config = (over: Partial<KioskConfig> = {}): KioskConfig => ({
  durationsMs: [10_000, 20_000, 15_000],
  idleTimeoutSec: 60,
  exitCode: '2468',
  resumeFrom: 'start',
  ...over,
});
const run = (s: KioskState, events: KioskEvent[]) => events.reduce(kioskReducer, s);
const tick = (ms: number): KioskEvent => ({ type: 'tick', ms });

describe('autoplay', () => {
  it('starts on the first scene and moves on exactly when a scene’s time is up', () => {
    let s = kioskInit(config());
    expect(s).toMatchObject({ mode: 'autoplay', scene: 0, sceneMs: 0 });
    s = kioskReducer(s, tick(9_999));
    expect(s.scene).toBe(0);
    s = kioskReducer(s, tick(1));
    expect(s).toMatchObject({ scene: 1, sceneMs: 0 });
    s = kioskReducer(s, tick(20_000));
    expect(s.scene).toBe(2);
  });

  it('loops back to the first scene after the last', () => {
    const s = run(kioskInit(config()), [tick(10_000), tick(20_000), tick(15_000)]);
    expect(s).toMatchObject({ scene: 0, sceneMs: 0, mode: 'autoplay' });
  });

  it('one long tick (a machine waking from sleep) lands where many small ones would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 5, max: 20 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        (secs, total, parts) => {
          const cfg = config({ durationsMs: secs.map((x) => x * 1000) });
          const big = kioskReducer(kioskInit(cfg), tick(total));
          // reference: the same time in `parts` unequal steps
          let small = kioskInit(cfg);
          let left = total;
          for (let i = parts; i >= 1; i--) {
            const step = i === 1 ? left : Math.floor(left / i);
            if (step > 0) small = kioskReducer(small, tick(step));
            left -= step;
          }
          expect(big.scene).toBe(small.scene);
          expect(big.sceneMs).toBe(small.sceneMs);
          // and the independent arithmetic: position within the loop
          const loop = cfg.durationsMs.reduce((a, b) => a + b, 0);
          let t = total % loop;
          let scene = 0;
          while (t >= cfg.durationsMs[scene]) t -= cfg.durationsMs[scene++];
          expect([big.scene, big.sceneMs]).toEqual([scene, t]);
        },
      ),
    );
  });

  it('ignores zero, negative and non-finite ticks', () => {
    const s0 = kioskReducer(kioskInit(config()), tick(4_000));
    for (const ms of [0, -5_000, NaN, Infinity]) expect(kioskReducer(s0, tick(ms))).toBe(s0);
  });

  it('a scene with no usable duration still advances (no infinite loop)', () => {
    const s = kioskReducer(kioskInit(config({ durationsMs: [0, NaN, 3_000] })), tick(2_500));
    expect(s.scene).toBe(2);
  });
});

describe('a visitor takes over', () => {
  it('touch stops the loop; ticks then count idle time, not scenes', () => {
    let s = run(kioskInit(config()), [tick(12_000), { type: 'touch' }]);
    expect(s).toMatchObject({ mode: 'interactive', scene: 1, idleMs: 0 });
    s = kioskReducer(s, tick(59_000));
    expect(s).toMatchObject({ mode: 'interactive', scene: 1, idleMs: 59_000 });
  });

  it('each touch restarts the idle clock', () => {
    const s = run(kioskInit(config()), [{ type: 'touch' }, tick(50_000), { type: 'touch' }, tick(50_000)]);
    expect(s).toMatchObject({ mode: 'interactive', idleMs: 50_000 });
  });

  it('after the idle timeout the loop resumes from the first scene', () => {
    const s = run(kioskInit(config()), [tick(12_000), { type: 'touch' }, { type: 'nav', command: 'next' }, tick(60_000)]);
    expect(s).toMatchObject({ mode: 'autoplay', scene: 0, sceneMs: 0, idleMs: 0 });
  });

  it('or from the visitor’s scene, when configured', () => {
    const s = run(kioskInit(config({ resumeFrom: 'current', idleTimeoutSec: 30 })), [{ type: 'goto', scene: 3 }, tick(30_000)]);
    expect(s).toMatchObject({ mode: 'autoplay', scene: 2 });
  });

  it('the timeout is configurable in seconds', () => {
    const s = run(kioskInit(config({ idleTimeoutSec: 5 })), [{ type: 'touch' }, tick(4_999)]);
    expect(s.mode).toBe('interactive');
    expect(kioskReducer(s, tick(1)).mode).toBe('autoplay');
  });

  it('an external idleTimeout event resumes too, but does nothing while autoplaying', () => {
    const a = kioskReducer(kioskInit(config()), tick(3_000));
    expect(kioskReducer(a, { type: 'idleTimeout' })).toBe(a);
    const b = run(a, [{ type: 'touch' }, { type: 'idleTimeout' }]);
    expect(b.mode).toBe('autoplay');
  });

  it('navigation by the visitor does not wrap and counts as a touch', () => {
    let s = run(kioskInit(config()), [{ type: 'nav', command: 'end' }, { type: 'nav', command: 'next' }]);
    expect(s).toMatchObject({ mode: 'interactive', scene: 2 });
    s = run(s, [tick(40_000), { type: 'nav', command: 'prev' }, tick(40_000)]);
    expect(s).toMatchObject({ mode: 'interactive', scene: 1, idleMs: 40_000 });
    expect(kioskReducer(s, { type: 'goto', scene: 9 }).scene).toBe(1); // out of range: stays
  });
});

describe('leaving the kiosk', () => {
  it('only the exit code leaves; Escape and a wrong code count as touches', () => {
    const s0 = kioskInit(config());
    expect(kioskReducer(s0, { type: 'nav', command: 'exit' }).mode).toBe('interactive');
    expect(kioskReducer(s0, { type: 'exitCode', code: '1234' }).mode).toBe('interactive');
    const out = kioskReducer(s0, { type: 'exitCode', code: '2468' });
    expect(out.mode).toBe('exited');
    // exited is final
    expect(run(out, [tick(1e9), { type: 'touch' }, { type: 'idleTimeout' }])).toBe(out);
  });

  it('an empty exit code disables leaving', () => {
    expect(kioskReducer(kioskInit(config({ exitCode: '' })), { type: 'exitCode', code: '' }).mode).toBe('interactive');
  });
});

describe('kioskConfigFor', () => {
  it('takes durations from the scenes and defaults the rest', () => {
    expect(kioskConfigFor([{ durationSec: 12 }, { durationSec: 18.5 }], { exitCode: '9' })).toEqual({
      durationsMs: [12_000, 18_500],
      idleTimeoutSec: 60,
      exitCode: '9',
      resumeFrom: 'start',
    });
  });
});

describe('kiosk playlist', () => {
  const cfg = { durationsMs: [10_000, 20_000, 5_000], idleTimeoutSec: 30, exitCode: '1', resumeFrom: 'start' as const };
  it('a tick wraps the loop exactly when it reaches past the last scene, however long the tick', () => {
    const s0 = kioskInit(cfg);
    expect(loopWrapped(s0, 34_999)).toBe(false);
    expect(loopWrapped(s0, 35_000)).toBe(true);
    expect(loopWrapped(s0, 10 * 35_000 + 1)).toBe(true);
    const late = { ...s0, scene: 2, sceneMs: 4_000 };
    expect(loopWrapped(late, 999)).toBe(false);
    expect(loopWrapped(late, 1_000)).toBe(true);
    // a visitor's spell is not the loop
    expect(loopWrapped({ ...late, mode: 'interactive' }, 60_000)).toBe(false);
    expect(loopWrapped(late, Number.NaN)).toBe(false);
    // the reducer agrees: where loopWrapped says no, the scene index never goes back
    for (let ms = 500; ms < 40_000; ms += 500) {
      const next = kioskReducer(s0, { type: 'tick', ms });
      if (!loopWrapped(s0, ms)) expect(next.scene).toBeGreaterThanOrEqual(s0.scene);
    }
  });
  it('the next story follows the list and wraps; an unknown current starts the list', () => {
    expect(nextInPlaylist(['a', 'b', 'c'], 'a')).toBe('b');
    expect(nextInPlaylist(['a', 'b', 'c'], 'c')).toBe('a');
    expect(nextInPlaylist(['a', 'b'], 'x')).toBe('a');
    expect(nextInPlaylist([], 'a')).toBeNull();
  });
});
