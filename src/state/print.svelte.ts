// Print: the open dialog, the planner's template (kept in this browser and saved with the workspace), and
// the progress of a running print.
import { DEFAULT_TEMPLATE, normaliseTemplate, type PrintTemplate } from '../lib/print/content.ts';
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
