/**
 * This adapter as a witness of its chain: answers `witnessSubject(chain, ourDid)` (all replicas
 * of one DID share `witnessQueue`) with our light block at the asked height, or our latest when
 * we have not reached it, inside a signed `witness.lightblock` envelope. Gateways and other
 * adapters ask before they trust a header by skipping (src/lightclient/witness.ts); the
 * signature says which party vouches for the answer.
 */
import type { NatsConnection, Subscription } from 'nats';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../src/bus/envelope.js';
import { replyError, replyOk } from '../../src/bus/request.js';
import { witnessQueue, witnessSubject } from '../../src/bus/subjects.js';
import { WITNESS_REPLY_TYPE } from '../../src/bus/witness-request.js';
import { encodeLightBlock } from '../../src/chain/signed-header.js';
import { ByteReader } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { BftSmtChainBackend } from './chain-backend.js';

export interface WitnessServerOptions {
  nc: NatsConnection;
  chainId: string;
  signer: EnvelopeSigner;
  backend: Pick<BftSmtChainBackend, 'latestLightBlock' | 'lightBlockAt'>;
  now: () => number;
  logger: Logger;
}

/** The signed answer to a witness request (exported for tests). */
export async function answerWitness(o: WitnessServerOptions, data: Uint8Array): Promise<Uint8Array> {
  if (data.length !== 8)
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_height', 'witness request: expected a u64 BE height');
  const height = new ByteReader(data).u64n('height');
  const latest = await o.backend.latestLightBlock();
  const lb = height === 0 || height >= latest.signedHeader.header.height ? latest : await o.backend.lightBlockAt(height);
  return encodeEnvelope(sealEnvelope(o.signer, WITNESS_REPLY_TYPE, encodeLightBlock(lb), o.now()));
}

export function startWitnessServer(o: WitnessServerOptions): Subscription {
  const subject = witnessSubject(o.chainId, o.signer.did);
  return o.nc.subscribe(subject, {
    queue: witnessQueue(o.chainId, o.signer.did),
    callback: (err, msg) => {
      if (err) {
        o.logger.warn({ err, subject }, 'witness subscription error');
        return;
      }
      answerWitness(o, msg.data).then(
        (out) => replyOk(msg, out),
        (e: unknown) => replyError(msg, e),
      );
    },
  });
}
