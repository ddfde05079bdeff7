// Original file: courtbridge/v1/bundle.proto

import type { RecordQuery as _courtbridge_v1_RecordQuery, RecordQuery__Output as _courtbridge_v1_RecordQuery__Output } from '../../courtbridge/v1/RecordQuery.js';
import type { Record as _courtbridge_v1_Record, Record__Output as _courtbridge_v1_Record__Output } from '../../courtbridge/v1/Record.js';
import type { Absence as _courtbridge_v1_Absence, Absence__Output as _courtbridge_v1_Absence__Output } from '../../courtbridge/v1/Absence.js';
import type { SmtProof as _courtbridge_v1_SmtProof, SmtProof__Output as _courtbridge_v1_SmtProof__Output } from '../../courtbridge/v1/SmtProof.js';
import type { SignedHeader as _courtbridge_v1_SignedHeader, SignedHeader__Output as _courtbridge_v1_SignedHeader__Output } from '../../courtbridge/v1/SignedHeader.js';
import type { ValidatorSet as _courtbridge_v1_ValidatorSet, ValidatorSet__Output as _courtbridge_v1_ValidatorSet__Output } from '../../courtbridge/v1/ValidatorSet.js';
import type { Attestation as _courtbridge_v1_Attestation, Attestation__Output as _courtbridge_v1_Attestation__Output } from '../../courtbridge/v1/Attestation.js';
import type { Receipt as _courtbridge_v1_Receipt, Receipt__Output as _courtbridge_v1_Receipt__Output } from '../../courtbridge/v1/Receipt.js';
import type { TrustBasis as _courtbridge_v1_TrustBasis, TrustBasis__Output as _courtbridge_v1_TrustBasis__Output } from '../../courtbridge/v1/TrustBasis.js';
import type { TraceBlock as _courtbridge_v1_TraceBlock, TraceBlock__Output as _courtbridge_v1_TraceBlock__Output } from '../../courtbridge/v1/TraceBlock.js';
import type { EvmEvidence as _courtbridge_v1_EvmEvidence, EvmEvidence__Output as _courtbridge_v1_EvmEvidence__Output } from '../../courtbridge/v1/EvmEvidence.js';
import type { NotaryRecordEvidence as _courtbridge_v1_NotaryRecordEvidence, NotaryRecordEvidence__Output as _courtbridge_v1_NotaryRecordEvidence__Output } from '../../courtbridge/v1/NotaryRecordEvidence.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Everything needed to re-verify one answer without trusting the gateway.
 */
export interface ProofBundle {
  /**
   * The question that was answered.
   */
  'request'?: (_courtbridge_v1_RecordQuery | null);
  /**
   * Gateway-assigned id of the request (also in logs and the audit trail).
   */
  'requestId'?: (string);
  /**
   * DID of the caller the answer was given to.
   */
  'requesterDid'?: (string);
  /**
   * The record (membership).
   */
  'record'?: (_courtbridge_v1_Record | null);
  /**
   * The absence (non-membership).
   */
  'absence'?: (_courtbridge_v1_Absence | null);
  /**
   * Sparse Merkle proof of `result` against `signed_header.header.state_root`; unset when
   * `trust_basis` is TRUST_BASIS_ATTESTATIONS.
   */
  'proof'?: (_courtbridge_v1_SmtProof | null);
  /**
   * The verified header the proof is anchored in, with its commit.
   */
  'signedHeader'?: (_courtbridge_v1_SignedHeader | null);
  /**
   * The validator set named by the header's `validators_hash`.
   */
  'validatorSet'?: (_courtbridge_v1_ValidatorSet | null);
  /**
   * Agency attestations over the result, when the chain's policy asks for them.
   */
  'attestations'?: (_courtbridge_v1_Attestation)[];
  /**
   * The gateway's receipt over request, header, proof and result.
   */
  'receipt'?: (_courtbridge_v1_Receipt | null);
  /**
   * Height of the state the answer reflects.
   */
  'stateHeight'?: (number | string | Long);
  /**
   * Block time of that state, unix ms (how fresh the answer is).
   */
  'stateTimeMs'?: (number | string | Long);
  /**
   * What the answer rests on.
   */
  'trustBasis'?: (_courtbridge_v1_TrustBasis);
  /**
   * The validator-set trace from the chain's anchor in the alliance registry to `signed_header`
   * (docs/spec/trace.md): first the anchor's own light block, then, in ascending height, each
   * trusted header that announced a validator-set change (its next_validators_hash differs from
   * its validators_hash), each signed by more than 2/3 of the set the header before it announced.
   * It grows with set changes, not with height; with it a bundle verifies offline from the pinned
   * genesis and the registry updates alone.
   */
  'trace'?: (_courtbridge_v1_TraceBlock)[];
  /**
   * For an `evm` chain (TRUST_BASIS_NOTARIZED_STATE_PROOF), instead of `proof`, `signed_header`,
   * `validator_set` and `trace`: the block header, its notaries' signatures and the state proof
   * (docs/spec/evm.md).
   */
  'evm'?: (_courtbridge_v1_EvmEvidence | null);
  /**
   * For a `notary` chain (TRUST_BASIS_NOTARIZED_RECORD), instead of every header and proof field:
   * the database version, the time and the notaries' signatures over the result.
   */
  'notary'?: (_courtbridge_v1_NotaryRecordEvidence | null);
  /**
   * The answer: the record found, or the proven absence of the key.
   */
  'result'?: "record"|"absence";
}

/**
 * Everything needed to re-verify one answer without trusting the gateway.
 */
export interface ProofBundle__Output {
  /**
   * The question that was answered.
   */
  'request': (_courtbridge_v1_RecordQuery__Output | null);
  /**
   * Gateway-assigned id of the request (also in logs and the audit trail).
   */
  'requestId': (string);
  /**
   * DID of the caller the answer was given to.
   */
  'requesterDid': (string);
  /**
   * The record (membership).
   */
  'record'?: (_courtbridge_v1_Record__Output | null);
  /**
   * The absence (non-membership).
   */
  'absence'?: (_courtbridge_v1_Absence__Output | null);
  /**
   * Sparse Merkle proof of `result` against `signed_header.header.state_root`; unset when
   * `trust_basis` is TRUST_BASIS_ATTESTATIONS.
   */
  'proof': (_courtbridge_v1_SmtProof__Output | null);
  /**
   * The verified header the proof is anchored in, with its commit.
   */
  'signedHeader': (_courtbridge_v1_SignedHeader__Output | null);
  /**
   * The validator set named by the header's `validators_hash`.
   */
  'validatorSet': (_courtbridge_v1_ValidatorSet__Output | null);
  /**
   * Agency attestations over the result, when the chain's policy asks for them.
   */
  'attestations': (_courtbridge_v1_Attestation__Output)[];
  /**
   * The gateway's receipt over request, header, proof and result.
   */
  'receipt': (_courtbridge_v1_Receipt__Output | null);
  /**
   * Height of the state the answer reflects.
   */
  'stateHeight': (number);
  /**
   * Block time of that state, unix ms (how fresh the answer is).
   */
  'stateTimeMs': (number);
  /**
   * What the answer rests on.
   */
  'trustBasis': (_courtbridge_v1_TrustBasis__Output);
  /**
   * The validator-set trace from the chain's anchor in the alliance registry to `signed_header`
   * (docs/spec/trace.md): first the anchor's own light block, then, in ascending height, each
   * trusted header that announced a validator-set change (its next_validators_hash differs from
   * its validators_hash), each signed by more than 2/3 of the set the header before it announced.
   * It grows with set changes, not with height; with it a bundle verifies offline from the pinned
   * genesis and the registry updates alone.
   */
  'trace': (_courtbridge_v1_TraceBlock__Output)[];
  /**
   * For an `evm` chain (TRUST_BASIS_NOTARIZED_STATE_PROOF), instead of `proof`, `signed_header`,
   * `validator_set` and `trace`: the block header, its notaries' signatures and the state proof
   * (docs/spec/evm.md).
   */
  'evm': (_courtbridge_v1_EvmEvidence__Output | null);
  /**
   * For a `notary` chain (TRUST_BASIS_NOTARIZED_RECORD), instead of every header and proof field:
   * the database version, the time and the notaries' signatures over the result.
   */
  'notary': (_courtbridge_v1_NotaryRecordEvidence__Output | null);
  /**
   * The answer: the record found, or the proven absence of the key.
   */
  'result'?: "record"|"absence";
}
