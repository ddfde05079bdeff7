/**
 * Replay protection for court orders: an order JWT's `jti` may authorise ONE action id, ever
 * (within the order's lifetime, after which the JWT is refused as expired anyway).
 *
 * Unlike the envelope replay guard (src/bus/replay-guard.ts), the same (jti, actionId) pair
 * must pass again: JetStream redelivers an action until it is acked, and a redelivered
 * action must reach the exactly-once executor, not be refused as a replay. So a claim records
 * which action the jti was first used for, and answers:
 *   fresh        first use
 *   same_action  used before for this same action id (a redelivery): accept
 *   replayed     used before for ANOTHER action id: refuse
 *   unavailable  the store failed: do not execute now (fail closed), try again later (never a rejection)
 */
import type { KV } from 'nats';
import { equalBytes, toHex, utf8 } from '../../src/encoding/bytes.js';
import { sha256Concat } from '../../src/crypto/hash.js';

export type OrderReplayVerdict = 'fresh' | 'same_action' | 'replayed' | 'unavailable';

export interface OrderReplayGuard {
  /** Atomically bind `jti` of `issuer` to `actionId`, or report what it is bound to. */
  claim(issuer: string, jti: string, actionId: string): Promise<OrderReplayVerdict>;
}

/** KV key: hex sha256(issuer || 0x00 || jti) (KV keys allow no `:`, DIDs hold them). */
export function orderReplayKey(issuer: string, jti: string): string {
  return toHex(sha256Concat(utf8(issuer), Uint8Array.of(0), utf8(jti)));
}

/** In-process guard (tests, one replica). */
export class MemoryOrderReplayGuard implements OrderReplayGuard {
  private readonly seen = new Map<string, string>();
  async claim(issuer: string, jti: string, actionId: string): Promise<OrderReplayVerdict> {
    const k = orderReplayKey(issuer, jti);
    const prev = this.seen.get(k);
    if (prev === undefined) {
      this.seen.set(k, actionId);
      return 'fresh';
    }
    return prev === actionId ? 'same_action' : 'replayed';
  }
}

/** JetStream API error "wrong last sequence": the key exists. */
const JS_WRONG_LAST_SEQUENCE = 10071;

/**
 * Guard shared by every replica of one adapter, on a JetStream KV bucket: `kv.create` lets the
 * server decide atomically which claim came first (no lock of ours).
 */
export class KvOrderReplayGuard implements OrderReplayGuard {
  constructor(private readonly kv: KV) {
    if (typeof kv?.create !== 'function') throw new TypeError('kv: expected a JetStream KV bucket');
  }

  async claim(issuer: string, jti: string, actionId: string): Promise<OrderReplayVerdict> {
    const k = orderReplayKey(issuer, jti);
    const value = utf8(actionId);
    try {
      await this.kv.create(k, value);
      return 'fresh';
    } catch (e) {
      const code = (e as { api_error?: { err_code?: number } }).api_error?.err_code;
      if (code !== JS_WRONG_LAST_SEQUENCE) return 'unavailable';
    }
    try {
      const entry = await this.kv.get(k);
      if (entry === null) return 'unavailable';
      return equalBytes(entry.value, value) ? 'same_action' : 'replayed';
    } catch {
      return 'unavailable';
    }
  }
}
