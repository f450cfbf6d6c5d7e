// The kiosk's anonymous counts on this device (src/lib/story/usage.ts): recorded by the story state's
// kiosk actions, read and exported by staff behind the exit code, kept in localStorage.
import { dayKeyAt, emptyUsage, parseUsage, pruneUsage, recordUsage, usageCsv, usageTotals, type KioskUsage, type UsageEvent } from '../lib/story/usage.ts';
import type { Lang } from '../lib/i18n/catalog.ts';
import { untrack } from 'svelte';

const KEY = 'tongcheng-atlas.kiosk-usage';

function load(): KioskUsage {
  try {
    return parseUsage(localStorage.getItem(KEY));
  } catch {
    return emptyUsage(); // storage blocked (private mode): count in memory for this session
  }
}

export const kioskUsage = $state<{ data: KioskUsage }>({ data: load() });

function save(): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(kioskUsage.data));
  } catch {
    // full or blocked: the counts stay in memory until the next reload
  }
}

/** Adds one event; untracked, so an effect that counts (the kiosk card) does not re-run on its own write. */
export function countKiosk(e: UsageEvent, nowMs = Date.now()): void {
  untrack(() => {
    const day = dayKeyAt(nowMs);
    kioskUsage.data = pruneUsage(recordUsage(kioskUsage.data, day, e), day);
    save();
  });
}

export function clearKioskUsage(): void {
  kioskUsage.data = emptyUsage();
  save();
}

export const kioskTotals = () => usageTotals(kioskUsage.data);

/** The staff CSV; `name` resolves scene and element ids in `lang`. */
export function kioskUsageCsv(name: (what: 'scene' | 'card', id: string, lang: Lang) => string, lang: Lang): string {
  return usageCsv(kioskUsage.data, (what, id) => name(what, id, lang));
}
