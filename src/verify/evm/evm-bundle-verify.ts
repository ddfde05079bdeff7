/**
 * The offline verifier of a bundle from an `evm` chain (trust basis NOTARIZED_STATE_PROOF): the
 * same named checks as a bft-smt bundle's (../bundle-verify.ts), each answered for this kind:
 *   bundle_shape        the header RLP, the state proof, the result and the request decode
 *   chain_admitted      the registry verifies the chain as `evm` and names its contract
 *   validator_set_hash  not applicable: the block's finality comes from notaries, not validators
 *   anchored_trace      the block is at or above the chain's registry anchor
 *   header_quorum       at least the threshold of the chain's registry notaries signed this block
 *                       (chain, height, keccak256 of the header RLP, state root, time)
 *   commit_signatures   every notary signature in the bundle counts (a forged or foreign one is named)
 *   header_trusted      the caller's notary book holds this very block final (the gateway); skipped offline
 *   header_binding      the bundle's chain, height, time and request agree with the header
 *   state_proof         the account proof of the registry's contract and the storage proofs of
 *                       exactly the record's slots lead to the header's state root, and prove the
 *                       bundle's record or its absence (the layout comes from the caller's catalog;
 *                       without one the record cannot be bound: `no_record_layout`, indeterminate)
 *   attestations        not applicable: the notaries' signatures stand for the chain's attesters
 *   receipt_binding, receipt_signature   as for any bundle
 * Nothing in the bundle decides who may sign it: the notaries and the contract come from the registry.
 * Pure; async only because the trie walk is.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '../../crypto/hash.js';
import { concatBytes, equalBytes, toHex } from '../../encoding/bytes.js';
import { attestationLayout } from '../attestations.js';
import {
  type BundleCheck,
  type BundleVerification,
  type BundleVerifyOptions,
  CheckNames,
  checkReceipt,
  failed,
  passed,
  queryHeightOf,
  reasonOf,
  resultOf,
  skipped,
  verdictOf,
  type WireBundle,
} from '../bundle-verify.js';
import { notariesUnknown, notarizedAdmission, notarySignaturesCheck } from '../notarized-bundle-checks.js';
import { verifyNotarization } from '../notary.js';
import type { ReceiptSubject } from '../receipt-layout.js';
import type { MessageOutput } from '../../wire/messages.js';
import { notarizedBlockOf } from './evm-answer.js';
import { type EvmHeader, evmHeaderFromRlp } from './evm-header.js';
import { type EvmProofClaim, verifyEvmProofClaim } from './evm-proof.js';
import { type EvmRecordLayout, evmRecordValue } from './evm-record.js';
import { evmProofClaimFromWire, evmProofDigest } from './evm-wire.js';
import { notarySignatureFromWire } from '../notary-wire.js';

export interface EvmBundleVerifyOptions extends BundleVerifyOptions {
  /** Where each record type of the alliance's evm chains lives in its contract (the catalog), by record type. */
  evmRecords?: ReadonlyMap<string, EvmRecordLayout>;
}

/** What the receipt of an evm bundle commits to (the gateway's query-evm.ts builds the same). */
function evmSubjectOf(
  b: WireBundle,
  { evm, headerRlp, header, claim, result: r }: EvmStatement,
  q: MessageOutput<'RecordQuery'>,
): ReceiptSubject {
  return {
    requestId: b.requestId,
    requesterDid: b.requesterDid,
    query: { chainId: q.chainId, recordType: q.recordType, key: q.key, height: queryHeightOf(q) },
    header: { chainId: r.chainId, height: Number(header.number), hash: keccak_256(headerRlp) },
    result: r,
    proof: { evmDigest: evmProofDigest(headerRlp, claim) },
    stateTimeMs: b.stateTimeMs,
    trustBasis: 4,
    attestations: evm.notarizations.map((n) => ({ attesterDid: n.notaryDid, kid: n.kid, signature: n.signature })),
  };
}

/** What an evm bundle states, once its shape holds: the header (with its RLP), the state proof and the answer. */
export interface EvmStatement {
  evm: MessageOutput<'EvmEvidence'>;
  headerRlp: Uint8Array;
  header: EvmHeader;
  claim: EvmProofClaim;
  result: ReturnType<typeof resultOf>;
}

/** What an evm bundle states, read as the verifier reads it. @throws on a missing or malformed part (bundle_shape) */
export function evmStatementOf(bundle: WireBundle): EvmStatement {
  const evm = bundle.evm;
  if (evm === null) throw new TypeError('evm: missing (an evm bundle carries its header and state proof there)');
  const headerRlp = new Uint8Array(evm.headerRlp);
  return {
    evm,
    headerRlp,
    header: evmHeaderFromRlp(headerRlp),
    claim: evmProofClaimFromWire(evm.proof),
    result: resultOf(bundle),
  };
}

/**
 * sha256 of the answer as its state proof proves it: the attestation layout of the answer (chain,
 * record type, key, record or absence, sha256 of the value), then evmProofDigest (the header RLP
 * and the whole proof, so the contract and slots too). A verdict carries it (`provenAnswer`): the
 * block hash names the block, not the value, and re-walking the proof elsewhere could not tell
 * this chain's contract from another one in the same block without the registry and the catalog.
 */
export function evmAnswerDigest(s: EvmStatement): Uint8Array {
  const r = s.result;
  // The layout reads only the result's kind and value, so the result itself serves.
  const answered = { chainId: r.chainId, recordType: r.recordType, key: r.key, result: r };
  return sha256(concatBytes(attestationLayout(answered), evmProofDigest(s.headerRlp, s.claim)));
}

export async function verifyEvmBundle(bundle: WireBundle, options: EvmBundleVerifyOptions): Promise<BundleVerification> {
  const checks: BundleCheck[] = [];
  const extra: Pick<BundleVerification, 'verifiedHeader' | 'provenAnswer'> = {};
  const out = (): BundleVerification => ({ verdict: verdictOf(checks), checks, checkedAtMs: options.atMs, ...extra });
  const rest = (from: number, why: string): BundleVerification => {
    for (const name of CheckNames.slice(from)) checks.push(skipped(name, 'earlier_check_failed', why));
    return out();
  };

  // 1. shape
  let stated: EvmStatement;
  let q: MessageOutput<'RecordQuery'>;
  try {
    stated = evmStatementOf(bundle);
    if (bundle.request === null) throw new TypeError('request: missing');
    q = bundle.request;
  } catch (e) {
    checks.push(failed('bundle_shape', reasonOf(e), `the bundle is incomplete or malformed: ${(e as Error).message}`));
    return rest(1, 'not run: the bundle is malformed');
  }
  checks.push(passed('bundle_shape', 'the block header, the state proof and the answer are present and well-formed'));
  const { header, headerRlp, claim, result } = stated;
  const hash = keccak_256(headerRlp);
  const chainId = result.chainId;
  const height = Number(header.number);

  // 2. the chain as the registry knew it when the gateway vouched for the answer
  const registry = options.authority;
  const admission = notarizedAdmission(bundle, options, chainId, (e) => e.kind === 'evm' && e.evmContract !== undefined, {
    unchecked: 'the chain, its notaries and contract',
    carries: 'an evm state proof',
    admitted: (e) => `${chainId} (${e.displayName}) is admitted as an evm chain, records in contract 0x${toHex(e.evmContract!)}`,
  });
  checks.push(admission.check);
  const evmEntry = admission.entry;

  // 3-4. no validator set; the anchor bounds where the chain starts
  checks.push(
    skipped('validator_set_hash', 'not_applicable', 'an evm chain has no validator set in its headers: its notaries make blocks final'),
  );
  if (evmEntry === undefined) checks.push(skipped('anchored_trace', admission.unknownWhy, 'not run: no evm registry entry'));
  else
    checks.push(
      height >= evmEntry.anchor.height
        ? passed('anchored_trace', `block ${height} is at or above the chain's registry anchor (${evmEntry.anchor.height})`)
        : failed(
            'anchored_trace',
            'header_below_anchor',
            `block ${height} is below the chain's registry anchor (${evmEntry.anchor.height})`,
          ),
    );

  // 5-6. the notaries
  let block: ReturnType<typeof notarizedBlockOf> | undefined;
  try {
    block = notarizedBlockOf(chainId, header, hash);
  } catch (e) {
    checks.push(failed('header_quorum', reasonOf(e), (e as Error).message));
    checks.push(skipped('commit_signatures', 'earlier_check_failed', 'not run: the header is out of range'));
  }
  const policy = admission.policy;
  // An out-of-range header has its header_quorum and commit_signatures answered above.
  if (block !== undefined) {
    if (policy === undefined) checks.push(...notariesUnknown(admission.unknownWhy));
    else {
      const sigs = stated.evm.notarizations.map(notarySignatureFromWire);
      const v = verifyNotarization(block, sigs, policy, registry!, block.timeMs);
      checks.push(
        v.kind === 'met'
          ? passed(
              'header_quorum',
              `${v.counted.length} of the chain's notaries signed block ${height} (${v.counted.join(', ')}); ${policy.threshold} needed`,
            )
          : failed(
              'header_quorum',
              'evm_notary_quorum_not_met',
              `${v.counted.length} valid signatures of the chain's notaries over block ${height}, ${policy.threshold} needed`,
            ),
      );
      checks.push(notarySignaturesCheck(v, sigs.length));
      if (v.kind === 'met') extra.verifiedHeader = { chainId, height, headerHash: hash };
    }
  }

  // 7. the caller's own notary book
  const trusted = options.trustedHeaderHash?.(chainId, height);
  if (options.trustedHeaderHash === undefined)
    checks.push(skipped('header_trusted', 'offline', "no notary book was asked: the notaries' signatures decide"));
  else if (trusted === undefined)
    checks.push(
      skipped('header_trusted', 'height_not_trusted', `no block of ${chainId} at ${height} is final here: the notaries' signatures decide`),
    );
  else
    checks.push(
      equalBytes(trusted, hash)
        ? passed('header_trusted', `this gateway holds this very block of ${chainId} at ${height} final`)
        : failed(
            'header_trusted',
            'header_conflicts_with_trusted',
            `another block of ${chainId} is final at ${height}: this one is not on the chain the notaries follow`,
          ),
    );

  // 8. the bundle's claims agree with the header
  const asked = queryHeightOf(q);
  const mismatch =
    q.chainId !== chainId
      ? 'the request names another chain'
      : q.key !== result.key || q.recordType !== result.recordType
        ? 'the answer is for another record than asked'
        : bundle.stateHeight !== height
          ? `state_height ${bundle.stateHeight} is not the block's number ${height}`
          : bundle.stateTimeMs !== Number(header.timestamp) * 1000
            ? "state_time_ms is not the block's time"
            : asked !== 0 && asked !== height
              ? `asked at ${asked}, answered at ${height}`
              : undefined;
  checks.push(
    mismatch === undefined
      ? passed('header_binding', `the answer is of ${chainId} at block ${height}, as asked`)
      : failed('header_binding', 'header_mismatch', mismatch),
  );

  // 9. the state proof and the record
  const layout = options.evmRecords?.get(result.recordType);
  try {
    const proven = await verifyEvmProofClaim(header.stateRoot, claim);
    if (layout === undefined || evmEntry === undefined) {
      checks.push(
        skipped(
          'state_proof',
          layout === undefined ? 'no_record_layout' : 'earlier_check_failed',
          layout === undefined
            ? `the proof leads to the block's state root, but no storage layout of ${result.recordType} was given to bind it to the record`
            : "the proof leads to the block's state root; the chain's contract is not known to bind it to the record",
        ),
      );
    } else {
      const value = evmRecordValue(layout, evmEntry.evmContract!, result.key, proven);
      const same = result.kind === 'record' ? value !== null && equalBytes(value, result.value) : value === null;
      if (same) extra.provenAnswer = evmAnswerDigest(stated);
      checks.push(
        same
          ? passed(
              'state_proof',
              `the contract's storage proves ${result.kind === 'record' ? 'this record' : 'that there is no such record'} at block ${height}`,
            )
          : failed(
              'state_proof',
              'evm_value_mismatch',
              `the proof proves ${value === null ? 'no record' : 'another value'} for ${result.key}, not what the bundle states`,
            ),
      );
    }
  } catch (e) {
    checks.push(failed('state_proof', reasonOf(e), `the state proof does not verify: ${(e as Error).message}`));
  }

  // 10. attestations: the notaries are the chain's attesters
  checks.push(skipped('attestations', 'not_applicable', "the notaries' signatures (header_quorum) stand for the chain's attesters"));

  // 11-12. the receipt
  checkReceipt(bundle, () => evmSubjectOf(bundle, stated, q), options, checks);
  return out();
}
