/**
 * Replay guard shared by every gateway replica, on the JetStream KV bucket `cb_replay`
 * (DESIGN.md "Scale": gateways hold no state of their own).
 *
 * `kv.create()` writes only if the key does not exist (expected last subject sequence 0): the
 * server decides atomically which replica saw an id first, with no lock of ours. The bucket's
 * TTL (`ttl`, the stream's `max_age`) forgets ids after the window (see replay-guard.ts for the
 * window rule); an expired or deleted key can be created again.
 */
import type { KV } from 'nats';
import { toHex, utf8 } from '../encoding/bytes.js';
import { sha256Concat } from '../crypto/hash.js';
import type { ReplayGuard, ReplayVerdict } from './replay-guard.js';

/** JetStream API error "wrong last sequence": the key exists, someone claimed the id first. */
const JS_WRONG_LAST_SEQUENCE = 10071;

/**
 * KV key for an id: hex sha256(senderDid || 0x00 || msgId). Hashed because KV keys allow only
 * `[-/_=.a-zA-Z0-9]` and DIDs contain `:`; scoped by sender so one member cannot burn another's ids.
 */
export function replayKey(senderDid: string, msgId: string): string {
  return toHex(sha256Concat(utf8(senderDid), Uint8Array.of(0), utf8(msgId)));
}

export class KvReplayGuard implements ReplayGuard {
  /** `kv`: the `cb_replay` bucket, opened with a `ttl` of at least the receiver's window. */
  constructor(private readonly kv: KV) {
    if (typeof kv?.create !== 'function') throw new TypeError('kv: expected a JetStream KV bucket');
  }

  async claim(senderDid: string, msgId: string, nowMs: number): Promise<ReplayVerdict> {
    // The value records when the id was first seen, for operators reading the bucket.
    const value = new Uint8Array(8);
    new DataView(value.buffer).setBigUint64(0, BigInt(nowMs));
    try {
      await this.kv.create(replayKey(senderDid, msgId), value);
      return 'fresh';
    } catch (e) {
      const code = (e as { api_error?: { err_code?: number } }).api_error?.err_code;
      if (code === JS_WRONG_LAST_SEQUENCE) return 'replayed';
      // Store down or timed out: fail closed (the receiver drops as `replay_unavailable`).
      return 'unavailable';
    }
  }
}
