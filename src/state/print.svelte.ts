// Print: the open dialog, the planner's template (kept in this browser and saved with the workspace), and
// the progress of a running print.
import { DEFAULT_TEMPLATE, type PrintTemplate } from '../lib/print/content.ts';
import type { Msg } from '../lib/i18n/catalog.ts';

const STORE = 'atlas.print.template';

function stored(): PrintTemplate {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORE);
    if (!raw) return { ...DEFAULT_TEMPLATE };
    return normaliseTemplate(JSON.parse(raw));
  } catch {
    return { ...DEFAULT_TEMPLATE };
  }
}

/** Keeps what is valid of a stored or imported template; the rest falls back to the defaults. */
export function normaliseTemplate(v: unknown): PrintTemplate {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const str = (x: unknown, max: number) => (typeof x === 'string' ? x.slice(0, max) : '');
  const papers = ['A4', 'A3', 'A2', 'A1', 'A0'] as const;
  return {
    paper: papers.includes(o.paper as never) ? (o.paper as PrintTemplate['paper']) : DEFAULT_TEMPLATE.paper,
    orientation: o.orientation === 'portrait' ? 'portrait' : 'landscape',
    scale: typeof o.scale === 'number' && o.scale >= 0 && o.scale <= 10_000_000 ? Math.round(o.scale) : 0,
    dpi: o.dpi === 150 || o.dpi === 200 || o.dpi === 300 ? o.dpi : DEFAULT_TEMPLATE.dpi,
    title: str(o.title, 120),
    subtitle: str(o.subtitle, 200),
    reviewNo: str(o.reviewNo, 60),
    office: str(o.office, 120),
    grid: o.grid !== false,
  };
}

export const printState = $state<{ open: boolean; template: PrintTemplate; busy: boolean; progress: Msg | null; result: Msg | null; error: Msg | null }>({
  open: false,
  template: stored(),
  busy: false,
  progress: null,
  result: null,
  error: null,
});

export function openPrint(open = true): void {
  printState.open = open;
  printState.result = null;
  printState.error = null;
}

export function setTemplate(patch: Partial<PrintTemplate>): void {
  printState.template = normaliseTemplate({ ...printState.template, ...patch });
  try {
    localStorage.setItem(STORE, JSON.stringify(printState.template));
  } catch {
    // private mode or full storage: the template lives for this visit only
  }
}

export function printStarted(): void {
  printState.busy = true;
  printState.result = null;
  printState.error = null;
}

export function printProgress(m: Msg | null): void {
  printState.progress = m;
}

export function printFinished(result: { ok: Msg } | { error: Msg }): void {
  printState.busy = false;
  printState.progress = null;
  if ('ok' in result) printState.result = result.ok;
  else printState.error = result.error;
}
