// The hall watchdog: starts the kiosk in Chromium and brings it back, without staff, when the tab crashes
// ("Aw, Snap"), the page hangs, or the browser goes away. The app recovers from a lost WebGL context by
// itself (docs/hall.md); a dead renderer cannot, so something outside the page has to notice and restart.
//
//   npx tsx scripts/hall/watchdog.ts --url 'http://127.0.0.1:4173/#story=chengdu-metro&kiosk=1&idle=60&exit=2468'
//
// The browser keeps one profile folder (--profile), so the offline cache and the kiosk's visitor counts
// survive every restart. Log: one JSON line per event on stdout (docs/hall.md, "Watchdog").
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_POLICY, heartbeat, initialRestartState, logLine, planRestart, type RestartPolicy, type RestartReason } from './restartPolicy.ts';

/** Chromium flags for an unattended full screen (docs/stories.md, "Kiosk"). */
export const KIOSK_FLAGS = [
  '--kiosk',
  '--noerrdialogs',
  '--disable-session-crashed-bubble',
  '--hide-crash-restore-bubble',
  '--disable-infobars',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
  '--overscroll-history-navigation=0',
  '--disable-pinch',
  '--check-for-update-interval=31536000',
];

export interface WatchdogOptions {
  url: string;
  profileDir: string;
  executablePath?: string;
  /** Tests only: no window, and no --kiosk. */
  headless?: boolean;
  heartbeatMs?: number;
  policy?: RestartPolicy;
  /** Extra Chromium flags (e.g. the GPU flags a hall's machine needs). */
  args?: string[];
  /** Headless only: the page size. A real screen uses the window's own size. */
  viewport?: { width: number; height: number };
  log?: (line: string) => void;
}

export interface Watchdog {
  /** The kiosk's current page (a new one after each restart). */
  page(): Page | undefined;
  /** Resolves at the next (re)start of the kiosk page, with the restart count so far. */
  nextStart(): Promise<{ total: number }>;
  stop(): Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Kills what is left of a browser that did not close: every process started with this profile folder. */
function killProfileProcesses(profileDir: string): void {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(`--user-data-dir=${profileDir}`)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // the process ended meanwhile, or is not ours to read
    }
  }
}

export async function startWatchdog(opts: WatchdogOptions): Promise<Watchdog> {
  const policy = opts.policy ?? DEFAULT_POLICY;
  const beatMs = opts.heartbeatMs ?? 15_000;
  const log = opts.log ?? ((line: string) => console.log(line));
  const events = new EventEmitter();
  let restarts = initialRestartState(Date.now());
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let beat: ReturnType<typeof setTimeout> | undefined;
  let restarting = false;
  let stopping = false;

  async function closeHard(ctx: BrowserContext | undefined): Promise<void> {
    if (!ctx) return;
    const closed = await Promise.race([ctx.close().then(() => true, () => true), wait(5_000).then(() => false)]);
    if (!closed) {
      log(logLine(Date.now(), 'kill', { why: 'the browser did not close within 5 s' }));
      killProfileProcesses(opts.profileDir);
    }
  }

  function watchHeartbeat(p: Page): void {
    let missed = 0;
    const tick = async () => {
      if (stopping || restarting || p !== page) return;
      // A hung renderer never answers; a closed one rejects. Either is a missed beat.
      const answered = await Promise.race([p.evaluate(() => document.readyState).then(() => true, () => false), wait(beatMs).then(() => false)]);
      if (stopping || restarting || p !== page) return;
      const next = heartbeat(policy, missed, answered);
      missed = next.missed;
      if (next.hung) void restart('hung');
      else beat = setTimeout(tick, beatMs);
    };
    beat = setTimeout(tick, beatMs);
  }

  async function launch(): Promise<void> {
    const headless = !!opts.headless;
    context = await chromium.launchPersistentContext(opts.profileDir, {
      executablePath: opts.executablePath ?? '/usr/bin/chromium',
      headless,
      args: [...(headless ? KIOSK_FLAGS.filter((f) => f !== '--kiosk') : KIOSK_FLAGS), ...(opts.args ?? [])],
      // No "controlled by automated software" bar on a hall's screen.
      ignoreDefaultArgs: ['--enable-automation'],
      viewport: headless ? (opts.viewport ?? { width: 1920, height: 1080 }) : null,
    });
    const ctx = context;
    ctx.on('close', () => {
      if (ctx === context && !stopping) void restart('closed');
    });
    const p = ctx.pages()[0] ?? (await ctx.newPage());
    page = p;
    p.on('crash', () => {
      if (p === page) void restart('crash');
    });
    try {
      await p.goto(opts.url, { timeout: 60_000 });
    } catch (e) {
      if (p === page && !restarting && !stopping) {
        log(logLine(Date.now(), 'load-failed', { message: String(e).slice(0, 200) }));
        void restart('load-failed');
      }
      return;
    }
    log(logLine(Date.now(), 'started', { url: opts.url, restarts: restarts.total }));
    events.emit('started', { total: restarts.total });
    watchHeartbeat(p);
  }

  async function restart(reason: RestartReason): Promise<void> {
    if (restarting || stopping) return;
    restarting = true;
    clearTimeout(beat);
    const plan = planRestart(policy, restarts, Date.now());
    restarts = plan.state;
    log(logLine(Date.now(), 'restart', { reason, delayMs: plan.delayMs, restarts: restarts.total }));
    const old = context;
    context = undefined;
    page = undefined;
    await closeHard(old);
    await wait(plan.delayMs); // the back-off itself: a crash loop must not spin the CPU
    restarting = false;
    if (!stopping) await launch().catch((e) => {
      log(logLine(Date.now(), 'launch-failed', { message: String(e).slice(0, 200) }));
      void restart('closed');
    });
  }

  await launch();
  return {
    page: () => page,
    nextStart: () => new Promise((resolve) => events.once('started', resolve)),
    async stop() {
      stopping = true;
      clearTimeout(beat);
      await closeHard(context);
    },
  };
}

function parseArgs(argv: string[]): WatchdogOptions {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const url = get('url');
  if (!url || !/^https?:\/\//.test(url)) {
    console.error('usage: npx tsx scripts/hall/watchdog.ts --url <kiosk start link> [--profile <folder>] [--chromium <path>] [--heartbeat-s 15] [-- <chromium flags>]');
    process.exit(2);
  }
  const dash = argv.indexOf('--');
  return {
    url,
    profileDir: get('profile') ?? join(homedir(), '.tongcheng-atlas-kiosk'),
    executablePath: get('chromium'),
    heartbeatMs: Number(get('heartbeat-s') ?? 15) * 1000,
    args: dash >= 0 ? argv.slice(dash + 1) : [],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const wd = await startWatchdog(parseArgs(process.argv.slice(2)));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void wd.stop().then(() => process.exit(0)));
}
