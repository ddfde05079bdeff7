/**
 * Token-bucket rate limiter keyed by a string (a caller DID, a chain, a court). Pure: time is
 * passed in. A bucket holds `limit` tokens and refills at `limit / windowMs` per ms, so a rate
 * of "120 per hour" allows a burst of 120 then one every 30 s. Refusals say when to retry
 * (RESOURCE_EXHAUSTED with retry advice).
 *
 * Per process: each gateway replica enforces its own buckets (documented in the README; a
 * deployment of N replicas behind a balancer allows up to N times the rate).
 */
import type { RateLimit } from '../../config/gateway-config.js';

export type RateVerdict = { readonly ok: true; readonly remaining: number } | { readonly ok: false; readonly retryAfterMs: number };

interface Bucket {
  tokens: number;
  atMs: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly rateOf: (key: string) => RateLimit,
    private readonly maxKeys = 100_000,
  ) {}

  /** Take `cost` tokens for `key` at `nowMs`, or say how long until they would be there. */
  take(key: string, nowMs: number, cost = 1): RateVerdict {
    const rate = this.rateOf(key);
    const perMs = rate.limit / rate.windowMs;
    let b = this.buckets.get(key);
    if (b === undefined) {
      if (this.buckets.size >= this.maxKeys) this.evictFull(nowMs);
      b = { tokens: rate.limit, atMs: nowMs };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(rate.limit, b.tokens + Math.max(0, nowMs - b.atMs) * perMs);
      b.atMs = nowMs;
    }
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { ok: true, remaining: Math.floor(b.tokens) };
    }
    return { ok: false, retryAfterMs: Math.ceil((cost - b.tokens) / perMs) };
  }

  /** Give back tokens taken for an attempt that was refused later for another reason. */
  refund(key: string, cost = 1): void {
    const b = this.buckets.get(key);
    if (b !== undefined) b.tokens = Math.min(this.rateOf(key).limit, b.tokens + cost);
  }

  private evictFull(nowMs: number): void {
    for (const [k, b] of this.buckets) {
      const rate = this.rateOf(k);
      if (b.tokens + (nowMs - b.atMs) * (rate.limit / rate.windowMs) >= rate.limit) this.buckets.delete(k);
    }
    if (this.buckets.size >= this.maxKeys) {
      const first = this.buckets.keys().next().value;
      if (first !== undefined) this.buckets.delete(first);
    }
  }
}
