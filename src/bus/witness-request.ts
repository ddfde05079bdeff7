/**
 * Asking witnesses (other parties serving a chain) for their light block at a height, so a light
 * client can cross-check a header it would trust by skipping (src/lightclient/witness.ts). Each
 * party answers on its own subject (`witnessSubject(chain, did)`) with a signed
 * `witness.lightblock` envelope: the reply counts only if the asked DID signed it and holds the
 * adapter role for the chain, so a party cannot speak for another. Every failure becomes an
 * `unreachable` answer with the reason: the caller holds the header, it does not fail open.
 */
import type { NatsConnection } from 'nats';
import { decodeLightBlock } from '../chain/signed-header.js';
import { ByteWriter } from '../encoding/bytes.js';
import { isCourtbridgeError } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import type { WitnessAnswer } from '../lightclient/witness.js';
import { checkEnvelope } from './envelope-verify.js';
import { request } from './request.js';
import { witnessSubject } from './subjects.js';

export interface WitnessRequest {
  nc: NatsConnection;
  authority: Authority;
  chain: string;
  /** The parties to ask (adapter DIDs), never the one that served the header. */
  dids: readonly string[];
  height: number;
  deadlineMs: number;
  now: () => number;
  /** How far a witness's clock may run ahead; 5,000 ms unless told. */
  maxFutureSkewMs?: number;
}

/** The envelope type of a witness's reply. */
export const WITNESS_REPLY_TYPE = 'witness.lightblock';

/** Ask every party in `dids` at once; one answer per DID. */
export function askWitnesses(o: WitnessRequest): Promise<WitnessAnswer[]> {
  const payload = new ByteWriter().u64(o.height).finish();
  return Promise.all(
    [...new Set(o.dids)].map(async (did): Promise<WitnessAnswer> => {
      try {
        const reply = await request(o.nc, witnessSubject(o.chain, did), payload, { deadlineMs: o.deadlineMs, now: o.now });
        const r = checkEnvelope(reply.data, {
          authority: o.authority,
          nowMs: o.now(),
          maxAgeMs: 60_000,
          maxFutureSkewMs: o.maxFutureSkewMs ?? 5_000,
          chain: o.chain,
        });
        if (r.kind === 'dropped') return { kind: 'unreachable', witness: did, detail: `reply dropped: ${r.drop.reason}` };
        if (r.envelope.type !== WITNESS_REPLY_TYPE || r.envelope.senderDid !== did)
          return { kind: 'unreachable', witness: did, detail: `reply is a ${r.envelope.type} from ${r.envelope.senderDid}` };
        return { kind: 'block', witness: did, block: decodeLightBlock(r.envelope.body) };
      } catch (e) {
        return { kind: 'unreachable', witness: did, detail: isCourtbridgeError(e) ? `${e.reason}: ${e.message}` : (e as Error).message };
      }
    }),
  );
}
