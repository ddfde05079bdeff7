/**
 * Cache of verified bearer tokens (DESIGN.md "Budgets": did-jwt verifies ~350/s and even the
 * native path costs one signature check, so a caller's token is verified once and remembered
 * until it expires). Keyed by sha256 of the token string, so the cache never holds a usable
 * token, only its hash. A registry update that revokes or rotates a DID drops that DID's
 * entries (`invalidateDid`); a hit is also re-checked against the registry by the caller.
 *
 * Pure: time is passed in.
 */
import { toHex, utf8 } from '../../encoding/bytes.js';
import { sha256 } from '../../crypto/hash.js';

/** An authenticated caller: the evidence of its verified token. */
export interface Caller {
  readonly did: string;
  /** Full DID URL of the key that signed the token. */
  readonly kid: string;
  readonly jti: string;
  /** Token expiry, ms since the epoch. */
  readonly expiresAtMs: number;
}

export interface TokenCacheOptions {
  /** Most tokens held; the oldest are evicted beyond it. 100,000 unless told. */
  maxEntries?: number;
}

/** Verified tokens by hash, with an index by DID for revocation. */
export class TokenCache {
  private readonly byHash = new Map<string, Caller>();
  private readonly byDid = new Map<string, Set<string>>();
  readonly maxEntries: number;

  constructor(options: TokenCacheOptions = {}) {
    const max = options.maxEntries ?? 100_000;
    if (!Number.isSafeInteger(max) || max < 1) throw new TypeError('options.maxEntries: expected a positive integer');
    this.maxEntries = max;
  }

  /** The cache key of a token: hex sha256 of its ASCII bytes. */
  static keyOf(token: string): string {
    return toHex(sha256(utf8(token)));
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The caller of a cached, unexpired token; an expired entry is dropped. */
  get(token: string, nowMs: number): Caller | undefined {
    const key = TokenCache.keyOf(token);
    const hit = this.byHash.get(key);
    if (hit === undefined) return undefined;
    if (hit.expiresAtMs <= nowMs) {
      this.remove(key, hit.did);
      return undefined;
    }
    return hit;
  }

  /** Remember a verified token until `caller.expiresAtMs`. */
  set(token: string, caller: Caller): void {
    const key = TokenCache.keyOf(token);
    if (this.byHash.size >= this.maxEntries) {
      // Map keeps insertion order: evict the oldest entry.
      const oldest = this.byHash.entries().next().value;
      if (oldest !== undefined) this.remove(oldest[0], oldest[1].did);
    }
    this.byHash.set(key, caller);
    let set = this.byDid.get(caller.did);
    if (set === undefined) {
      set = new Set();
      this.byDid.set(caller.did, set);
    }
    set.add(key);
  }

  /** Forget every token of `did` (revocation, rotation); returns how many were dropped. */
  invalidateDid(did: string): number {
    const set = this.byDid.get(did);
    if (set === undefined) return 0;
    for (const key of set) this.byHash.delete(key);
    this.byDid.delete(did);
    return set.size;
  }

  private remove(key: string, did: string): void {
    this.byHash.delete(key);
    const set = this.byDid.get(did);
    if (set !== undefined) {
      set.delete(key);
      if (set.size === 0) this.byDid.delete(did);
    }
  }
}
