// Opening hours of an unattended kiosk (`hours=09:00-17:30`, several ranges comma-separated, overnight
// allowed): outside them the player shows a dark "closed" screen and the loop stops, so a hall display
// left on for months does not run the map all night.

export interface HoursRange {
  /** minutes after midnight, local time */
  start: number;
  end: number;
}

const DAY = 24 * 60;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function minutes(t: string): number | null {
  const m = TIME.exec(t.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** "09:00-12:00,13:30-17:30" → ranges; null when any part is malformed or a range is empty. */
export function parseHours(text: string): HoursRange[] | null {
  const parts = text.split(',').filter((p) => p.trim() !== '');
  if (parts.length === 0 || parts.length > 8) return null;
  const out: HoursRange[] = [];
  for (const p of parts) {
    const [a, b, ...rest] = p.split(/[-–~]/);
    if (rest.length || a === undefined || b === undefined) return null;
    const start = minutes(a);
    const end = minutes(b);
    if (start === null || end === null || start === end) return null;
    out.push({ start, end });
  }
  return out;
}

const inRange = (r: HoursRange, m: number) => (r.start < r.end ? m >= r.start && m < r.end : m >= r.start || m < r.end);

/** Open at this minute of the day (0–1439)? */
export function isOpenAt(ranges: readonly HoursRange[], minute: number): boolean {
  return ranges.some((r) => inRange(r, minute));
}

/** Minutes from `minute` until the open/closed state next changes (1…1440). */
export function minutesToChange(ranges: readonly HoursRange[], minute: number): number {
  const now = isOpenAt(ranges, minute);
  for (let d = 1; d <= DAY; d++) if (isOpenAt(ranges, (minute + d) % DAY) !== now) return d;
  return DAY;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** "09:00–12:00, 13:30–17:30" */
export function formatHours(ranges: readonly HoursRange[]): string {
  return ranges.map((r) => `${hhmm(r.start)}–${hhmm(r.end)}`).join(', ');
}

/** The next opening time after `minute` as HH:MM (null when always open). */
export function nextOpening(ranges: readonly HoursRange[], minute: number): string | null {
  if (isOpenAt(ranges, minute)) return null;
  return hhmm((minute + minutesToChange(ranges, minute)) % DAY);
}
