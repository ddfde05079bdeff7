/**
 * The query path of an `evm` chain (ChainConfig.evm): the same steps as a bft-smt chain's
 * (query.ts), with the notary book in place of the light client and a Merkle-Patricia proof of
 * the chain's contract storage in place of the sparse Merkle proof:
 *   1. the block to answer at: the one final by the chain's notaries at the asked height, or the
 *      newest final one for `latest` (notary-book.ts: `client_not_initialised`, `client_frozen`,
 *      `evm_block_not_notarized`);
 *   2. QueryRequest at that height;
 *   3. the adapter's header must be that very block (a reorged or made-up block is refused
 *      `evm_block_not_notarized`), and hash to it;
 *   4. the account and storage proofs against its state root, of the registry's contract, of
 *      exactly the record's slots (evm-record.ts); the record the adapter claims must be the one
 *      proven;
 *   5. freshness and the receipt, as for any chain.
 * A failed check is UNAVAILABLE with the verifier's own reason (the adapter answered with
 * something that does not verify), so the refusal names what was wrong.
 */
import { equalBytes } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import { verifyEvmRecordProof } from '../../verify/evm/evm-answer.js';
import { type EvmRecordLayout, evmRecordId } from '../../verify/evm/evm-record.js';
import { evmProofClaimFromWire, evmProofDigest } from '../../verify/evm/evm-wire.js';
import { notarySignatureToWire } from '../../verify/notary-wire.js';
import type { ReceiptSubject } from '../../verify/receipt-layout.js';
import type { MessageInput, MessageOutput } from '../../wire/messages.js';
import type { EvmChainConfig } from '../light-clients/chain-config.js';
import type { FinalBlock, NotaryBook } from '../light-clients/notary-book.js';
import type { AdapterClient } from '../adapter-client.js';
import { answerRefused } from './answer-refused.js';

/** A record query after input checks (query.ts CheckedQuery). */
interface EvmQuery {
  chainId: string;
  recordType: string;
  key: string;
  /** 0 = the newest final block. */
  height: number;
}

/** A verified evm answer, before it becomes a bundle. */
export interface VerifiedEvmAnswer {
  final: FinalBlock;
  result: { kind: 'record'; value: Uint8Array } | { kind: 'absence' };
  evidence: { headerRlp: Uint8Array; proof: MessageOutput<'EvmStateProof'> };
  /** What the receipt commits to in place of a Merkle proof. */
  digest: Uint8Array;
}

/** The record type's storage layout; INVALID_ARGUMENT when the key cannot name one of its records. */
function evmLayoutFor(evm: EvmChainConfig, q: EvmQuery): EvmRecordLayout {
  const layout = evm.records.find((r) => r.recordType === q.recordType);
  if (layout === undefined) {
    throw new CourtbridgeError(
      ErrorCode.NotFound,
      'unknown_record_type',
      `chain ${q.chainId} keeps no ${q.recordType} records in its contract`,
    );
  }
  try {
    evmRecordId(layout, q.key);
  } catch (e) {
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_key', (e as Error).message, { cause: e });
  }
  return layout;
}

/** Steps 1-4: ask the adapter at a final block and verify its answer. */
export async function answerEvmQuery(
  o: { adapters: AdapterClient; notaries: NotaryBook },
  evm: EvmChainConfig,
  q: EvmQuery,
  requestId: string,
  deadlineMs: number,
): Promise<VerifiedEvmAnswer> {
  const layout = evmLayoutFor(evm, q);
  const final = o.notaries.finalFor(q.chainId, q.height);
  const height = final.block.height;
  const reply = await o.adapters.query({ requestId, chainId: q.chainId, recordType: q.recordType, key: q.key, height }, deadlineMs);
  const ref = reply.header;
  if (ref === null || ref.chainId !== q.chainId || ref.height !== height || !equalBytes(ref.headerHash, final.block.blockHash)) {
    throw answerRefused(q, 'evm_block_not_notarized', `a block other than the one its notaries made final at height ${height}`);
  }
  if (reply.evm === null) throw answerRefused(q, 'unverifiable_answer', 'no EVM evidence (header and eth_getProof proof)');
  const headerRlp = new Uint8Array(reply.evm.headerRlp);
  let value: Uint8Array | null;
  let digest: Uint8Array;
  try {
    const claim = evmProofClaimFromWire(reply.evm.proof);
    const ev = await verifyEvmRecordProof({ chainId: q.chainId, key: q.key, headerRlp, proof: claim }, evm.contract, layout);
    if (!equalBytes(ev.hash, final.block.blockHash) || !equalBytes(ev.header.stateRoot, final.block.stateRoot)) {
      throw answerRefused(q, 'evm_block_not_notarized', `a header that is not the block its notaries made final at height ${height}`);
    }
    value = ev.value;
    digest = evmProofDigest(headerRlp, claim);
  } catch (e) {
    if (isCourtbridgeError(e) && e.code === ErrorCode.Unavailable) throw e;
    const reason = isCourtbridgeError(e) ? e.reason : 'unverifiable_answer';
    throw answerRefused(q, reason, `a proof that does not verify against block ${height}: ${(e as Error).message}`, e);
  }
  const claimed = reply.result === 'record' && reply.record !== null ? reply.record : undefined;
  if (value === null) {
    if (reply.result !== 'absence' || reply.absence?.key !== q.key)
      throw answerRefused(q, 'evm_value_mismatch', 'a record where the proof shows none');
    return { final, result: { kind: 'absence' }, evidence: { headerRlp, proof: reply.evm.proof! }, digest };
  }
  if (claimed === undefined || claimed.key !== q.key || claimed.chainId !== q.chainId || !equalBytes(claimed.value, value)) {
    throw answerRefused(q, 'evm_value_mismatch', 'a record other than the one the proof proves');
  }
  return { final, result: { kind: 'record', value }, evidence: { headerRlp, proof: reply.evm.proof! }, digest };
}

/** The receipt's subject for a verified evm answer (the notaries' signatures stand as its attestations). */
export function evmReceiptSubject(q: EvmQuery, v: VerifiedEvmAnswer, a: { requestId: string; requesterDid: string }): ReceiptSubject {
  const b = v.final.block;
  return {
    requestId: a.requestId,
    requesterDid: a.requesterDid,
    query: q,
    header: { chainId: b.chainId, height: b.height, hash: b.blockHash },
    result: v.result,
    proof: { evmDigest: v.digest },
    stateTimeMs: b.timeMs,
    trustBasis: 4,
    attestations: v.final.signatures.map((s) => ({ attesterDid: s.notaryDid, kid: s.kid, signature: s.signature })),
  };
}

/** The bundle's evm part. */
export function evmEvidenceOf(v: VerifiedEvmAnswer): MessageInput<'EvmEvidence'> {
  return { headerRlp: v.evidence.headerRlp, proof: v.evidence.proof, notarizations: v.final.signatures.map(notarySignatureToWire) };
}
