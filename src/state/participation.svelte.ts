// Whether the participation server is present (the static build alone has no /api), and submitting to it.
import { CATEGORIES, type Category } from '../lib/participation/schema.ts';

export const participation = $state({ available: false, checked: false });

let probe: Promise<void> | null = null;

/** Asks /api/health once; participation UI shows only when it answers as the participation server. */
export function detectParticipation(): Promise<void> {
  probe ??= fetch('./api/health', { headers: { accept: 'application/json' } })
    .then(async (r) => {
      const body = r.ok && (r.headers.get('content-type') ?? '').includes('json') ? ((await r.json()) as { participation?: unknown }) : null;
      participation.available = body?.participation === true;
    })
    .catch(() => {
      participation.available = false;
    })
    .finally(() => {
      participation.checked = true;
    });
  return probe;
}

const DEVICE_KEY = 'tongcheng-atlas.device';

/** A random id for this browser, for the server's per-device rate limit (stored there only as a salted hash). */
function deviceId(): string | null {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = crypto.randomUUID().replace(/-/g, '');
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return null;
  }
}

export { CATEGORIES, type Category };

export type SubmitResult = { ok: true; receipt: string } | { ok: false; reason: string };

export async function submitSuggestion(s: { category: Category; text: string; elementId: string; contact?: string; lang: 'zh' | 'en' }): Promise<SubmitResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const dev = deviceId();
  if (dev) headers['x-device-id'] = dev;
  try {
    const r = await fetch('./api/suggestions', { method: 'POST', headers, body: JSON.stringify(s) });
    const body = (await r.json()) as { receipt?: string; message?: string };
    return r.status === 201 && body.receipt ? { ok: true, receipt: body.receipt } : { ok: false, reason: body.message ?? `HTTP ${r.status}` };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
