// Anonymous on-device counts of an unattended kiosk (issue 12): how many visitor sessions, which scenes
// visitors went to, which elements they opened — per local day, nothing else (no times of day, no
// positions, no identifiers), kept on the device and exported by staff as CSV.
import { writeCsv } from '../io/csvWriter.ts';

export interface DayUsage {
  /** visitor sessions: a touch that took the kiosk out of its loop */
  visits: number;
  /** scene id → times a visitor navigated to it */
  scenes: Record<string, number>;
  /** element id → times a visitor opened its card */
  cards: Record<string, number>;
}

export interface KioskUsage {
  v: 1;
  /** local day (YYYY-MM-DD) → counts */
  days: Record<string, DayUsage>;
}

export type UsageEvent = { type: 'visit' } | { type: 'scene'; id: string } | { type: 'card'; id: string };

/** Days kept on the device; older days drop out when the next count is recorded. */
export const KEEP_DAYS = 400;

export const emptyUsage = (): KioskUsage => ({ v: 1, days: {} });

/** The local calendar day of a date, as YYYY-MM-DD. */
export function dayKey(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The local calendar day of a time in ms. */
export const dayKeyAt = (ms: number): string => dayKey(new Date(ms));

const bump = (m: Record<string, number>, k: string): Record<string, number> => ({ ...m, [k]: (m[k] ?? 0) + 1 });

/** The counts with one event added on `day`; the input is not changed. */
export function recordUsage(u: KioskUsage, day: string, e: UsageEvent): KioskUsage {
  const d = u.days[day] ?? { visits: 0, scenes: {}, cards: {} };
  const next: DayUsage =
    e.type === 'visit' ? { ...d, visits: d.visits + 1 } : e.type === 'scene' ? { ...d, scenes: bump(d.scenes, e.id) } : { ...d, cards: bump(d.cards, e.id) };
  return { v: 1, days: { ...u.days, [day]: next } };
}

/** Drops days more than `keep` days before `today` (both YYYY-MM-DD). */
export function pruneUsage(u: KioskUsage, today: string, keep = KEEP_DAYS): KioskUsage {
  const cut = Date.parse(`${today}T00:00:00Z`) - keep * 86_400_000;
  const days = Object.fromEntries(Object.entries(u.days).filter(([k]) => Date.parse(`${k}T00:00:00Z`) >= cut));
  return { v: 1, days };
}

const isCounts = (m: unknown): m is Record<string, number> =>
  !!m && typeof m === 'object' && !Array.isArray(m) && Object.values(m).every((n) => Number.isInteger(n) && (n as number) >= 0);

/** Stored text → counts; anything malformed (a hand-edited or damaged store) starts empty rather than failing. */
export function parseUsage(text: string | null): KioskUsage {
  if (!text) return emptyUsage();
  try {
    const raw = JSON.parse(text) as { v?: unknown; days?: unknown };
    if (raw?.v !== 1 || !raw.days || typeof raw.days !== 'object') return emptyUsage();
    const days: Record<string, DayUsage> = {};
    for (const [k, d] of Object.entries(raw.days as Record<string, Partial<DayUsage>>)) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(k) || !d || !Number.isInteger(d.visits) || d.visits! < 0 || !isCounts(d.scenes) || !isCounts(d.cards)) continue;
      days[k] = { visits: d.visits!, scenes: d.scenes, cards: d.cards };
    }
    return { v: 1, days };
  } catch {
    return emptyUsage();
  }
}

export interface UsageTotals {
  days: number;
  first: string | null;
  last: string | null;
  visits: number;
  /** most visited first */
  scenes: [string, number][];
  cards: [string, number][];
}

export function usageTotals(u: KioskUsage): UsageTotals {
  const keys = Object.keys(u.days).sort();
  const scenes: Record<string, number> = {};
  const cards: Record<string, number> = {};
  let visits = 0;
  for (const k of keys) {
    const d = u.days[k];
    visits += d.visits;
    for (const [id, n] of Object.entries(d.scenes)) scenes[id] = (scenes[id] ?? 0) + n;
    for (const [id, n] of Object.entries(d.cards)) cards[id] = (cards[id] ?? 0) + n;
  }
  const order = (m: Record<string, number>) => Object.entries(m).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { days: keys.length, first: keys[0] ?? null, last: keys.at(-1) ?? null, visits, scenes: order(scenes), cards: order(cards) };
}

/**
 * One row per day and thing counted: date, what (visits | scene | card), id, name, count. `name` gives the
 * readable name of a scene or element in the staff's language (ids stay for joining with other exports).
 */
export function usageCsv(u: KioskUsage, name: (what: 'scene' | 'card', id: string) => string): string {
  const rows: (string | number)[][] = [];
  for (const day of Object.keys(u.days).sort()) {
    const d = u.days[day];
    rows.push([day, 'visits', '', '', d.visits]);
    for (const [id, n] of Object.entries(d.scenes).sort()) rows.push([day, 'scene', id, name('scene', id), n]);
    for (const [id, n] of Object.entries(d.cards).sort()) rows.push([day, 'card', id, name('card', id), n]);
  }
  return writeCsv(['date', 'what', 'id', 'name', 'count'], rows);
}
