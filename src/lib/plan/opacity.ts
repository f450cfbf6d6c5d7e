// The plan overlay's opacity as it travels in the URL hash (`op`): overall, then per kind.
import { KINDS, type Kind } from './model.ts';

/** `op` hash value: overall opacity then kind:value pairs, e.g. "0.8,corridor:0.4"; undefined when all 1. */
export function encodeOpacity(overall: number, byKind: Partial<Record<Kind, number>>): string | undefined {
  const parts = KINDS.filter((k) => byKind[k] !== undefined && byKind[k] !== 1).map((k) => `${k}:${byKind[k]}`);
  if (overall === 1 && !parts.length) return undefined;
  return [String(Math.round(overall * 100) / 100), ...parts].join(',');
}

export function decodeOpacity(v: string | undefined): { overall: number; byKind: Partial<Record<Kind, number>> } {
  const out = { overall: 1, byKind: {} as Partial<Record<Kind, number>> };
  if (!v) return out;
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  for (const part of v.split(',')) {
    const [a, b] = part.split(':');
    if (b === undefined) {
      const x = Number(a);
      if (Number.isFinite(x)) out.overall = clamp(x);
    } else if ((KINDS as readonly string[]).includes(a) && Number.isFinite(Number(b))) out.byKind[a as Kind] = clamp(Number(b));
  }
  return out;
}
