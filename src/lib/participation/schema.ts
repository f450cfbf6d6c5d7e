// The participation API's request shapes, shared by the server (validation) and the app (what it sends).
// Text is stored and returned as text; the app renders it as text, never as HTML.
import * as v from 'valibot';

export const CATEGORIES = ['support', 'concern', 'question', 'idea'] as const;
export type Category = (typeof CATEGORIES)[number];
export const STATUSES = ['pending', 'published', 'rejected', 'merged'] as const;
export type Status = (typeof STATUSES)[number];

export const LIMITS = { text: 2000, contact: 200, reason: 1000, reply: 2000, elementId: 100, name: 64, password: 256, story: 500 } as const;

// C0 controls other than tab and newline, and DEL: never legitimate in a suggestion (and NUL cannot be stored).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty('must not be empty'),
    v.maxLength(max, `at most ${max} characters`),
    v.check((s) => !CONTROL.test(s), 'contains control characters'),
    v.transform((s) => s.normalize('NFC')),
  );

const coordinate = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));

export const SubmissionSchema = v.pipe(
  v.strictObject({
    category: v.picklist(CATEGORIES, 'category must be support, concern, question or idea'),
    text: text(LIMITS.text),
    lon: v.optional(coordinate(-180, 180)),
    lat: v.optional(coordinate(-90, 90)),
    /** Keep the pin where it was put; otherwise it is rounded to ~100 m. */
    exact: v.optional(v.boolean()),
    elementId: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'not a plan element id'))),
    /** Never shown publicly. */
    contact: v.optional(text(LIMITS.contact)),
    lang: v.optional(v.picklist(['zh', 'en'])),
  }),
  v.check((s) => (s.lon === undefined) === (s.lat === undefined), 'lon and lat come together'),
  v.check((s) => s.lon !== undefined || s.elementId !== undefined, 'a position (lon/lat) or a plan element id is needed'),
);
export type Submission = v.InferOutput<typeof SubmissionSchema>;

export const LoginSchema = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.name)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.password)),
});
export const ApproveSchema = v.strictObject({ reply: v.optional(text(LIMITS.reply)) });
export const RejectSchema = v.strictObject({ reason: text(LIMITS.reason) });
export const ReplySchema = v.strictObject({ reply: text(LIMITS.reply) });
export const MergeSchema = v.strictObject({ into: v.pipe(v.number(), v.integer(), v.minValue(1)) });

/**
 * A place a kiosk visitor checks in at or tells a story about: `scene:<story>/<n>`, `element:<id>`,
 * `county:<adcode>`, `prefecture:<adcode>`, `town:<adcode>/<name>` (src/lib/place/target.ts keys).
 */
// eslint-disable-next-line no-control-regex
export const PLACE_KEY = /^(scene|element|county|prefecture|town):[^\s<>"'`\\\u0000-\u001f\u007f]{1,150}$/u;
const placeKey = v.pipe(v.string(), v.maxLength(160), v.regex(PLACE_KEY, 'place must be scene:…, element:…, county:…, prefecture:… or town:…'));
/** Made by the browser's outbox: a resend of the same submission is recognised. */
const clientId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId must be 8–64 of A–Z a–z 0–9 _ -'));
const clientAt = v.optional(v.pipe(v.string(), v.isoTimestamp('clientAt must be an ISO 8601 time')));

const located = <T extends v.ObjectEntries>(entries: T) =>
  v.pipe(
    v.strictObject({ ...entries, lon: v.optional(coordinate(-180, 180)), lat: v.optional(coordinate(-90, 90)) }),
    v.check((s) => (s.lon === undefined) === (s.lat === undefined), 'lon and lat come together'),
  );

export const CheckinSchema = located({ clientId, place: placeKey, clientAt });
export type Checkin = v.InferOutput<typeof CheckinSchema>;
export const StorySchema = located({ clientId, place: placeKey, clientAt, text: text(LIMITS.story), lang: v.optional(v.picklist(['zh', 'en'])) });
export type StoryInput = v.InferOutput<typeof StorySchema>;
export const STORY_STATUSES = ['pending', 'published', 'rejected'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

/** Receipt codes: 10 characters without look-alikes (0/O, 1/I/L), shown as XXXXX-XXXXX. */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function normalizeReceipt(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== 10) return null;
  for (const ch of s) if (!RECEIPT_ALPHABET.includes(ch)) return null;
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** ~100 m: 0.001° of latitude is 111 m; of longitude 96 m at Chengdu's 30.7° N. */
export function roundPosition(lon: number, lat: number, exact: boolean): [number, number] {
  const d = exact ? 1e6 : 1e3;
  return [Math.round(lon * d) / d, Math.round(lat * d) / d];
}

/** What GET /api/suggestions/:receipt answers. */
export interface Receipt {
  receipt: string;
  status: Status;
  category: Category;
  text: string;
  elementId: string | null;
  lon: number | null;
  lat: number | null;
  reply: string | null;
  repliedAt: string | null;
  rejectReason: string | null;
  /** the receipt of the suggestion this one was merged into (status 'merged') */
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
}
