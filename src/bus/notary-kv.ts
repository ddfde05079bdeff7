/**
 * Where notaries publish what they sign and where gateways read it: the JetStream KV bucket
 * `cb_notary`, one key per (chain, height, notary): `<chain>.<height>.<org>` for the notary
 * `did:alliance:<org>`. The value is a `Notarization` (types.proto): the signed fields and the
 * signature. Keys carry the height in decimal so a reader can watch one chain (`<chain>.>`).
 *
 * The bucket keeps 5 values per key: a notary that overwrites its own signature at a height with
 * another block's leaves both in the history, which is the evidence of its equivocation
 * (src/verify/notary-misbehaviour.ts). Signatures are authenticated by themselves, so anyone may
 * write; what counts is decided by the reader against the chain's notary set.
 */
import type { KV } from 'nats';
import { ALLIANCE_DID_PREFIX } from '../identity/did-url.js';
import type { Notarization } from '../verify/notary-misbehaviour.js';
import { decodeMessage, encodeMessage } from '../wire/codec.js';
import type { Logger } from '../log.js';
import { ensureKv } from './jetstream.js';
import { Buckets } from './subjects.js';
import type { JetStreamClient } from 'nats';

export type { Notarization };

/** Values kept per key: enough to show an overwrite. */
export const NOTARY_KV_HISTORY = 5;

/** The notary bucket, created when missing. */
export function notaryKv(js: JetStreamClient, replicas = 1, logger?: Logger): Promise<KV> {
  return ensureKv(js, Buckets.notary, { history: NOTARY_KV_HISTORY, replicas, ...(logger === undefined ? {} : { logger }) });
}

/** `<chain>.<height>.<org>`. @throws TypeError for a DID that is not did:alliance:<org> */
export function notaryKey(chainId: string, height: number, notaryDid: string): string {
  if (!notaryDid.startsWith(ALLIANCE_DID_PREFIX)) throw new TypeError(`notary: ${notaryDid} is not did:alliance:<org>`);
  return `${chainId}.${height}.${notaryDid.slice(ALLIANCE_DID_PREFIX.length)}`;
}

export function encodeNotarization(n: Notarization): Uint8Array {
  const b = n.block;
  return encodeMessage('Notarization', {
    chainId: b.chainId,
    height: b.height,
    blockHash: b.blockHash,
    stateRoot: b.stateRoot,
    timeMs: b.timeMs,
    signature: { notaryDid: n.signature.notaryDid, kid: n.signature.kid, signature: n.signature.signature },
  });
}

/** @throws on bytes that are not a Notarization with a signature */
export function decodeNotarization(data: Uint8Array): Notarization {
  const m = decodeMessage('Notarization', data);
  if (m.signature === null) throw new TypeError('notarization without a signature');
  return {
    block: {
      chainId: m.chainId,
      height: m.height,
      blockHash: new Uint8Array(m.blockHash),
      stateRoot: new Uint8Array(m.stateRoot),
      timeMs: m.timeMs,
    },
    signature: { notaryDid: m.signature.notaryDid, kid: m.signature.kid, signature: new Uint8Array(m.signature.signature) },
  };
}

/** Publish `n` under its key (a put: the history keeps what it replaces). */
export async function publishNotarization(kv: KV, n: Notarization): Promise<void> {
  await kv.put(notaryKey(n.block.chainId, n.block.height, n.signature.notaryDid), encodeNotarization(n));
}
