/**
 * Notary quorum finality, for chains whose headers carry no validator signatures (EVM consortium
 * chains, databases): m of n named agency DIDs each run their own follower of the chain and, once
 * a block is final there (past the depth they are configured with), sign what they saw. A block
 * counts as final for courtbridge when `threshold` distinct notaries of the chain's set signed
 * the same statement. The set is the chain's registry entry `attestation` (chain-entry.ts:
 * kinds `evm` and `notary` must name one). Pure: keys are looked up at `atMs`, passed in.
 *
 * Notarized block layout (ByteWriter, in this order):
 * ```
 *   string  chain_id
 *   u64     height
 *   fixed32 block_hash    (the chain's own block hash, e.g. keccak256 of an EVM header)
 *   fixed32 state_root    (the root state proofs at this block are checked against)
 *   u64     time_ms       (the block's own time, Unix ms)
 * ```
 * Each notary signs signingInput("courtbridge/v1/notary", layout) with the key its DID held.
 * A notary that signs two different blocks at one (chain_id, height) equivocates
 * (notary-misbehaviour.ts).
 */
import { signingInput, SignTag, type SigningInput, type Signable } from '../crypto/hash.js';
import { ByteWriter } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import type { ChainEntry } from '../identity/chain-entry.js';
import { countQuorum, type QuorumReasonNames, type QuorumVerdict } from './quorum.js';

/** What a notary vouches for: this block is final on this chain. */
export interface NotarizedBlock {
  chainId: string;
  height: number;
  /** 32 bytes. */
  blockHash: Uint8Array;
  /** 32 bytes. */
  stateRoot: Uint8Array;
  timeMs: number;
}

/** One notary's signature over a NotarizedBlock. */
export interface NotarySignature {
  notaryDid: string;
  kid: string;
  signature: Uint8Array;
}

/** m of n: at least `threshold` distinct DIDs of `notaries` must sign the same block. */
export interface NotaryPolicy {
  threshold: number;
  notaries: readonly string[];
}

/** Why one notary signature counted for nothing. */
export type NotaryRejection = 'unknown_notary' | 'duplicate_notary' | 'notary_key_unknown' | 'bad_notary_signature';

/** The outcome with its evidence (STYLE.md 5). */
export type NotarizationVerdict = QuorumVerdict<NotaryRejection>;

/** The reason names of notary signatures that count for nothing (blocks and records alike). */
export const NOTARY_REASONS: QuorumReasonNames<NotaryRejection> = {
  unknown: 'unknown_notary',
  duplicate: 'duplicate_notary',
  keyUnknown: 'notary_key_unknown',
  badSignature: 'bad_notary_signature',
};

/** The notarized block layout above. @throws TypeError/RangeError on a hash that is not 32 bytes or a bad height/time */
export function notarizedBlockLayout(b: NotarizedBlock): Uint8Array {
  return new ByteWriter()
    .string(b.chainId)
    .u64(b.height)
    .fixed(b.blockHash, 32, 'blockHash')
    .fixed(b.stateRoot, 32, 'stateRoot')
    .u64(b.timeMs)
    .finish();
}

/** The message a notary signs (sign() hashes it once more, as every signature here). */
export function notarySigningInput(b: NotarizedBlock): SigningInput {
  return signingInput(SignTag.Notary, notarizedBlockLayout(b));
}

/** The chain's notary set: its registry entry's `attestation`; undefined when the entry names none. */
export function notaryPolicyOf(entry: ChainEntry): NotaryPolicy | undefined {
  return entry.attestation === undefined ? undefined : { threshold: entry.attestation.threshold, notaries: entry.attestation.attesters };
}

/**
 * Count valid signatures of distinct notaries of `policy` over `block`; `met` once `threshold`
 * are counted. Keys are looked up at `atMs` (the time the verdict is asked for).
 * @throws INVALID_ARGUMENT `invalid_notary_policy` when the threshold is not 1..n: a set that asks
 * for no notary would make every block final.
 */
export function verifyNotarization(
  block: NotarizedBlock,
  signatures: readonly NotarySignature[],
  policy: NotaryPolicy,
  authority: Authority,
  atMs: number,
): NotarizationVerdict {
  return countNotaries(notarySigningInput(block), signatures, policy, authority, atMs);
}

/**
 * Valid signatures of distinct notaries of `policy` over `message`, counted against its threshold.
 * @throws INVALID_ARGUMENT `invalid_notary_policy` when the threshold is not 1..n: a set that asks
 * for no notary would vouch for anything.
 */
export function countNotaries(
  message: Signable,
  signatures: readonly NotarySignature[],
  policy: NotaryPolicy,
  authority: Authority,
  atMs: number,
): NotarizationVerdict {
  const n = policy.notaries.length;
  if (!Number.isSafeInteger(policy.threshold) || policy.threshold < 1 || policy.threshold > n) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'invalid_notary_policy',
      `notary policy: threshold ${policy.threshold} is not 1..${n} (the number of notaries); fix the chain's registry entry`,
    );
  }
  const sigs = signatures.map((s) => ({ did: s.notaryDid, kid: s.kid, signature: s.signature }));
  return countQuorum(message, sigs, { threshold: policy.threshold, members: policy.notaries }, authority, atMs, NOTARY_REASONS);
}
