/**
 * An answer from an `evm` chain as the alliance proves it: an EVM block has no validator
 * signatures we can check, so finality comes from the chain's notaries (registry entry), and the
 * record comes from `eth_getProof` against that block's state root. In order:
 *   1. the block header: keccak256(RLP(fields)) is the hash it claims (evm-header.ts);
 *   2. the notary quorum: m of the chain's n notaries signed (chain, height, that hash, its state
 *      root, its time) (../notary.ts);
 *   3. the account and storage proofs against that state root (evm-proof.ts).
 * A relay that swaps the header, the notarizations or the proof fails the step that binds it.
 * Pure; async only because the trie walk is.
 */
import type { Authority } from '../../identity/authority.js';
import { CourtbridgeError, ErrorCode, VerificationError } from '../../errors.js';
import { type NotarizedBlock, type NotaryPolicy, type NotarySignature, verifyNotarization } from '../notary.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { type EvmHeader, evmHeaderFromRlp, verifyEvmHeaderHash } from './evm-header.js';
import { type EvmProofClaim, type EvmProofEvidence, verifyEvmProof, verifyEvmProofClaim } from './evm-proof.js';
import { type EvmRecordLayout, evmRecordValue } from './evm-record.js';

/** What a gateway relays for one `evm` record: the block, the notaries' signatures, the proof. */
export interface EvmAnswer {
  chainId: string;
  /** The `eth_getBlockByNumber` result of the block the proof was taken at. */
  block: unknown;
  /** The `eth_getProof` result at that block. */
  proof: unknown;
  notarizations: readonly NotarySignature[];
}

/** What the answer established, with the evidence of each step. */
export interface EvmAnswerEvidence {
  header: EvmHeader;
  notarized: NotarizedBlock;
  /** The notaries whose signatures counted. */
  notaries: string[];
  proof: EvmProofEvidence;
}

/** The block a notary signs for `header` of `chainId`. */
export function notarizedBlockOf(chainId: string, header: EvmHeader, blockHash: Uint8Array): NotarizedBlock {
  if (header.number > BigInt(Number.MAX_SAFE_INTEGER) || header.timestamp > BigInt(Math.floor(Number.MAX_SAFE_INTEGER / 1000))) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'evm_header_malformed',
      `block ${header.number}: number or timestamp out of range`,
    );
  }
  return { chainId, height: Number(header.number), blockHash, stateRoot: header.stateRoot, timeMs: Number(header.timestamp) * 1000 };
}

/**
 * Verify `answer` for a chain whose notaries are `policy`, with notary keys as `authority` knew
 * them at `atMs`.
 * @throws VerificationError `evm_header_*` (step 1), `evm_notary_quorum_not_met` (step 2, with the
 *   counted and ignored notaries), `evm_proof_*` / `evm_root_mismatch` / `evm_value_mismatch` (step 3)
 */
export async function verifyEvmAnswer(
  answer: EvmAnswer,
  policy: NotaryPolicy,
  authority: Authority,
  atMs: number,
): Promise<EvmAnswerEvidence> {
  const { header, hash } = verifyEvmHeaderHash(answer.block);
  const notarized = notarizedBlockOf(answer.chainId, header, hash);
  const notaries = requireNotaryQuorum(notarized, answer.notarizations, policy, authority, atMs);
  const proof = await verifyEvmProof(header.stateRoot, answer.proof);
  return { header, notarized, notaries, proof };
}

/**
 * The notaries whose valid signatures over `block` count, when they reach `policy`'s threshold.
 * @throws VerificationError `evm_notary_quorum_not_met` naming the counted and ignored notaries
 */
export function requireNotaryQuorum(
  block: NotarizedBlock,
  signatures: readonly NotarySignature[],
  policy: NotaryPolicy,
  authority: Authority,
  atMs: number,
): string[] {
  const quorum = verifyNotarization(block, signatures, policy, authority, atMs);
  if (quorum.kind !== 'met') {
    const ignored = quorum.ignored.map((i) => `${i.did}: ${i.reason}`).join('; ');
    throw new VerificationError(
      'evm_notary_quorum_not_met',
      `block ${block.height} of ${block.chainId}: ${quorum.counted.length} of the ${policy.threshold} notary signatures needed` +
        (ignored === '' ? '' : ` (not counted: ${ignored})`) +
        "; ask again once the block is past the notaries' finality depth",
      { details: { counted: quorum.counted.length, threshold: policy.threshold } },
    );
  }
  return quorum.counted;
}

/** One record of an `evm` chain as an adapter answers it (bundle.proto `EvmEvidence` without the notaries). */
export interface EvmRecordAnswer {
  chainId: string;
  key: string;
  /** RLP of the block header (its keccak256 is the block hash). */
  headerRlp: Uint8Array;
  proof: EvmProofClaim;
}

/** What an `evm` record answer proved. */
export interface EvmRecordEvidence {
  header: EvmHeader;
  /** keccak256 of the header RLP. */
  hash: Uint8Array;
  notarized: NotarizedBlock;
  /** The record's value (its words), or null: absent. */
  value: Uint8Array | null;
  proof: EvmProofEvidence;
}

/**
 * Steps 1 and 3 for one record, without the notaries: the header's hash, the proof against its
 * state root, and the record `key` read from the chain's `contract` by `layout`. The gateway runs
 * this on an adapter's answer and checks the hash against the block its notary book holds final.
 */
export async function verifyEvmRecordProof(a: EvmRecordAnswer, contract: Uint8Array, layout: EvmRecordLayout): Promise<EvmRecordEvidence> {
  const header = evmHeaderFromRlp(a.headerRlp);
  const hash = keccak_256(a.headerRlp);
  const notarized = notarizedBlockOf(a.chainId, header, hash);
  const proof = await verifyEvmProofClaim(header.stateRoot, a.proof);
  return { header, hash, notarized, proof, value: evmRecordValue(layout, contract, a.key, proof) };
}
