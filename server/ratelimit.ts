// Token buckets in memory, per key (an IP or a device). Each app server keeps its own: behind a load balancer
// with n servers a client gets at most n times the limit, which is still a bound.
export interface Limit {
  /** Requests allowed at once. */
  burst: number;
  /** Tokens refilled per minute. */
  perMinute: number;
}

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly limit: Limit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token; answers the seconds to wait when there is none (0 = allowed). */
  take(key: string): number {
    const t = this.now();
    const rate = this.limit.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: t };
    b.tokens = Math.min(this.limit.burst, b.tokens + (t - b.at) * rate);
    b.at = t;
    if (this.buckets.size > 50_000) this.sweep(t);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      return 0;
    }
    this.buckets.set(key, b);
    return Math.ceil((1 - b.tokens) / rate / 1000);
  }

  /** Drops full buckets so a flood of one-off keys cannot grow memory without bound. */
  private sweep(t: number) {
    const rate = this.limit.perMinute / 60_000;
    for (const [k, b] of this.buckets) if (b.tokens + (t - b.at) * rate >= this.limit.burst) this.buckets.delete(k);
  }
}

export interface RateLimits {
  /** Submissions per client IP (a kiosk hall behind one NAT shares an IP: keep it generous). */
  submitIp: Limit;
  /** Submissions per device id (X-Device-Id). */
  submitDevice: Limit;
  /** Kiosk check-ins and stories per device id: a kiosk serves many visitors and flushes its outbox at once. */
  kioskDevice: Limit;
  /** Reads (receipts, GeoJSON) per IP. */
  readIp: Limit;
  /** Login attempts per IP. */
  loginIp: Limit;
}

export const DEFAULT_LIMITS: RateLimits = {
  submitIp: { burst: 60, perMinute: 60 },
  submitDevice: { burst: 10, perMinute: 2 },
  kioskDevice: { burst: 60, perMinute: 30 },
  readIp: { burst: 300, perMinute: 600 },
  loginIp: { burst: 10, perMinute: 5 },
};

const UNLIMITED: Limit = { burst: Number.MAX_SAFE_INTEGER, perMinute: Number.MAX_SAFE_INTEGER };
export const NO_LIMITS: RateLimits = { submitIp: UNLIMITED, submitDevice: UNLIMITED, kioskDevice: UNLIMITED, readIp: UNLIMITED, loginIp: UNLIMITED };
