/**
 * The one m-of-n signature counter of the core: agency attestations over a record
 * (attestations.ts) and notary signatures over a block (notary.ts) both count here, each under
 * its own reason names. Pure: keys come from the Authority at `atMs`, the time passed in.
 *
 * A signature counts once its DID is a member of the set, has not counted already, held `kid`
 * at `atMs`, and signed `message` with it (ibc-go attestations light client: duplicate and
 * unknown signers are named, never silently dropped).
 */
import type { Signable } from '../crypto/hash.js';
import { verify } from '../crypto/signature-suite.js';
import type { Authority } from '../identity/authority.js';

/** m of n: at least `threshold` distinct DIDs of `members` must sign. */
export interface QuorumPolicy {
  threshold: number;
  members: readonly string[];
}

/** One signature as the counter sees it. */
export interface QuorumSignature {
  did: string;
  kid: string;
  signature: Uint8Array;
}

/** The names a caller gives the four ways a signature counts for nothing. */
export interface QuorumReasonNames<R extends string> {
  /** The DID is not in the set. */
  unknown: R;
  /** The DID already counted. */
  duplicate: R;
  /** The DID held no key `kid` at `atMs` (unknown, rotated out, revoked). */
  keyUnknown: R;
  /** The signature does not verify under that key. */
  badSignature: R;
}

/** The outcome with its evidence (STYLE.md 5): who counted, who did not and why. */
export type QuorumVerdict<R extends string> =
  | { kind: 'met'; counted: string[]; ignored: { did: string; reason: R }[] }
  | { kind: 'not_met'; counted: string[]; ignored: { did: string; reason: R }[]; threshold: number };

/** Count the valid signatures of distinct members over `message`; `met` once `threshold` are counted. */
export function countQuorum<R extends string>(
  message: Signable,
  signatures: readonly QuorumSignature[],
  policy: QuorumPolicy,
  authority: Authority,
  atMs: number,
  names: QuorumReasonNames<R>,
): QuorumVerdict<R> {
  const counted: string[] = [];
  const ignored: { did: string; reason: R }[] = [];
  for (const s of signatures) {
    if (!policy.members.includes(s.did)) ignored.push({ did: s.did, reason: names.unknown });
    else if (counted.includes(s.did)) ignored.push({ did: s.did, reason: names.duplicate });
    else {
      const key = authority.keyAt(s.did, s.kid, atMs);
      if (!key.ok) ignored.push({ did: s.did, reason: names.keyUnknown });
      else if (!verify(s.signature, message, key.publicKey)) ignored.push({ did: s.did, reason: names.badSignature });
      else counted.push(s.did);
    }
  }
  return counted.length >= policy.threshold
    ? { kind: 'met', counted, ignored }
    : { kind: 'not_met', counted, ignored, threshold: policy.threshold };
}
