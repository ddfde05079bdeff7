/**
 * docs/spec/action.md, operator orders: the gateway's own stateless order check (Breakers
 * `verifyOrder`: shape, method, window, admin quorum) on the case's order and approvals, with the
 * file's registry, `nowMs` and order window. A quorum failure must also name each discarded
 * approval's reason as the case does.
 */
import type { KV, JetStreamClient } from 'nats';
import type { BreakerConfig } from '../../../src/config/gateway-config.js';
import { fromHex } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import type { Logger } from '../../../src/log.js';
import { Breakers, type OperatorOrderRequest } from '../../../src/relay/breaker.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { registryStateOf } from './relay-registry.js';

interface OrderJson {
  operation: string;
  chainId: string;
  reason: string;
  issuedAtMs: number;
  nonce: string;
  trustedHeaderHash: string;
}

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const state = registryStateOf(file);
  const breakers = new Breakers({
    kv: {} as KV,
    replayKv: {} as KV,
    js: {} as JetStreamClient,
    signer: { did: 'did:alliance:gateway-1', kid: '#key-1', sign: () => new Uint8Array(64) },
    state: () => state,
    config: { failureThreshold: 5, failureWindowMs: 60_000, orderWindowMs: c.orderWindowMs as number } as BreakerConfig,
    now: () => c.nowMs as number,
    logger: {} as Logger,
  });
  const o = c.order as OrderJson | null;
  const req = {
    order: o === null ? null : { ...o, nonce: fromHex(o.nonce), trustedHeaderHash: fromHex(o.trustedHeaderHash) },
    approvals: (c.approvals as { adminDid: string; kid: string; signature: string }[]).map((a) => ({
      ...a,
      signature: fromHex(a.signature),
    })),
  } as unknown as OperatorOrderRequest;
  try {
    breakers.verifyOrder(req, c.method as never);
    return 'ok';
  } catch (e) {
    if (!isCourtbridgeError(e)) throw e;
    const want = c.discarded as Record<string, string> | undefined;
    if (want !== undefined)
      for (const [did, why] of Object.entries(want))
        if (e.details[`discarded:${did}`] !== why) return `${e.reason}, but ${did} discarded as ${String(e.details[`discarded:${did}`])}`;
    return e.reason;
  }
}
