/**
 * A proven record (its value or absence, its SMT proof and the light block whose state root the
 * proof leads to) as a protobuf ProofBundle: the one bundle format the CLI, the page, the gateway
 * and the judicial workflows all hold, and `verifyBundle` (bundle-verify.ts) the one verifier.
 * Pure: no clock (the time a key is judged at is given), no I/O.
 *
 * A bundle read straight from a chain (the judicial chain's write door, an in-process ledger)
 * carries no gateway receipt and no anchored trace: `verifyRecordBundle` asks of it what such a
 * bundle can prove on its own (the validator set the header names, optionally a pinned one, a
 * quorum of it signing the header, the header binding and the state proof), by the same checks.
 * The bytes (`encodeRecordBundle`, deterministic protobuf) name it: `recordBundleHash`.
 *
 * A bundle read straight from a chain has no registry in reach: the caller names each chain's
 * hash suite (`hashSuites`, from the chain's registry entry; SHA-256 for a chain not listed), and
 * the header, its validator set and the proof are checked under it.
 */
import type { CommitEvidence } from '../chain/commit.js';
import { headerHash, type Header } from '../chain/header.js';
import type { LightBlock } from '../chain/signed-header.js';
import { sha256 } from '../crypto/hash.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import { fromHex, toHex } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, VerificationError } from '../errors.js';
import type { SmtProof } from '../proof/smt-proof.js';
import { decodeMessage, encodeMessage } from '../wire/codec.js';
import type { MessageInput, MessageOutput } from '../wire/messages.js';
import {
  proofFromWire,
  proofToWire,
  signedHeaderFromWire,
  signedHeaderToWire,
  traceBlockToWire,
  validatorSetFromWire,
  validatorSetToWire,
} from './bundle-convert.js';
import { verifyBundle, type BundleCheck, type CheckName } from './bundle-verify.js';
import type { ReceiptSubject } from './receipt-layout.js';

/** A record (or its absence) with its proof against a signed header. */
export interface ProvenRecord {
  chainId: string;
  key: string;
  /** The value, or `null` when absent (the proof is then a non-membership proof). */
  value: Uint8Array | null;
  proof: SmtProof;
  /** The header (with commit and validator set) whose state root the proof verifies against. */
  light: LightBlock;
}

/** Why a record bundle is refused (VerificationError reasons). */
export type RecordBundleRejection =
  | 'bundle_malformed'
  | 'bundle_wrong_chain'
  | 'bundle_wrong_key'
  | 'untrusted_validator_set'
  | 'header_quorum_invalid'
  | 'record_proof_invalid';

/** What a verified record bundle established (STYLE.md 5), with the verifier's checks. */
export interface RecordBundleEvidence {
  chainId: string;
  key: string;
  kind: 'member' | 'absent';
  value: Uint8Array | null;
  header: Header;
  headerHash: Uint8Array;
  commit: CommitEvidence;
  checks: BundleCheck[];
}

export interface VerifyRecordBundleOptions {
  /** Pinned validator-set hashes (hex) per chain id; a chain listed here must match one of them. */
  trustedValidators?: Readonly<Record<string, readonly string[]>>;
  /** The hash suite of each chain's registry entry, by chain id; a chain not listed: SHA-256. */
  hashSuites?: Readonly<Record<string, HashSuite>>;
}

/** The record type a key belongs to: its first segment (`anchor/<hash>` is an `anchor`). */
// split always yields at least one piece (the whole key when it has no '/').
const recordTypeOf = (key: string): string => key.split('/', 1)[0]!;

/** `r` as a ProofBundle without receipt, trace or attestations. */
export function recordBundleOf(r: ProvenRecord): MessageInput<'ProofBundle'> {
  const header = r.light.signedHeader.header;
  const about = { chainId: r.chainId, key: r.key, recordType: recordTypeOf(r.key) };
  return {
    request: { ...about, height: { at: header.height } },
    ...(r.value === null ? { absence: about } : { record: { ...about, value: r.value } }),
    proof: proofToWire(r.proof),
    signedHeader: signedHeaderToWire(r.light.signedHeader),
    validatorSet: validatorSetToWire(r.light.validatorSet),
    stateHeight: header.height,
    stateTimeMs: header.timeMs,
    trustBasis: 'TRUST_BASIS_HEADER_PROOF',
  };
}

/** Who asked for a proven record, as a gateway's receipt names it. */
export interface RecordRequest {
  requestId: string;
  requesterDid: string;
  recordType: string;
}

/**
 * What the gateway's receipt for `r` commits to (a latest-height query answered by a header proof);
 * the header is named by its hash under the chain's `suite`.
 */
export function receiptSubjectForRecord(r: ProvenRecord, q: RecordRequest, suite: HashSuite = 'sha256'): ReceiptSubject {
  const header = r.light.signedHeader.header;
  return {
    requestId: q.requestId,
    requesterDid: q.requesterDid,
    query: { chainId: r.chainId, recordType: q.recordType, key: r.key, height: 0 },
    header: { chainId: header.chainId, height: header.height, hash: headerHash(header, suite) },
    result: r.value === null ? { kind: 'absence' } : { kind: 'record', value: r.value },
    proof: r.proof,
    stateTimeMs: header.timeMs,
    trustBasis: 1,
    attestations: [],
  };
}

/**
 * `r` as the self-contained ProofBundle a gateway answers with: the request, the record or its
 * absence, the proof, the header with its validator set, the receipt over `receiptSubjectForRecord(r, q)`
 * and the anchored validator-set trace (verify/anchored-trace.ts).
 */
export function receiptedBundleOf(
  r: ProvenRecord,
  q: RecordRequest,
  receipt: MessageInput<'Receipt'>,
  trace: readonly LightBlock[],
): MessageInput<'ProofBundle'> {
  const header = r.light.signedHeader.header;
  const about = { chainId: r.chainId, key: r.key, recordType: q.recordType };
  return {
    request: { ...about, height: { latest: {} } },
    requestId: q.requestId,
    requesterDid: q.requesterDid,
    ...(r.value === null ? { absence: about } : { record: { ...about, value: r.value } }),
    proof: proofToWire(r.proof),
    signedHeader: signedHeaderToWire(r.light.signedHeader),
    validatorSet: validatorSetToWire(r.light.validatorSet),
    attestations: [],
    receipt,
    stateHeight: header.height,
    stateTimeMs: header.timeMs,
    trustBasis: 'TRUST_BASIS_HEADER_PROOF',
    trace: trace.map(traceBlockToWire),
  };
}

/**
 * A ProofBundle (record or absence) as a `ProvenRecord`.
 * @throws CourtbridgeError UNAVAILABLE `unverifiable_answer` for a bundle naming neither; the
 *   converters' INVALID_ARGUMENT for a malformed part
 */
export function provenRecordOf(b: MessageOutput<'ProofBundle'>): ProvenRecord {
  const rec = b.record ?? null;
  const about = rec ?? b.absence;
  if (about === null || about === undefined)
    throw new CourtbridgeError(ErrorCode.Unavailable, 'unverifiable_answer', 'a proof bundle names neither a record nor an absence');
  return {
    chainId: about.chainId,
    key: about.key,
    value: rec === null ? null : new Uint8Array(rec.value),
    proof: proofFromWire(b.proof),
    light: { signedHeader: signedHeaderFromWire(b.signedHeader), validatorSet: validatorSetFromWire(b.validatorSet) },
  };
}

/** The protobuf bytes of `r`'s bundle. */
export function encodeRecordBundle(r: ProvenRecord): Uint8Array {
  return encodeMessage('ProofBundle', recordBundleOf(r));
}

/** @throws VerificationError `bundle_malformed` */
export function decodeRecordBundle(bytes: Uint8Array): ProvenRecord {
  try {
    return provenRecordOf(decodeMessage('ProofBundle', bytes));
  } catch (e) {
    throw new VerificationError('bundle_malformed', `proof bundle: ${e instanceof Error ? e.message : 'undecodable'}`, { cause: e });
  }
}

/** `sha256(encodeRecordBundle(r))`, hex: how audit entries name the proofs they relied on. */
export function recordBundleHash(r: ProvenRecord): string {
  return toHex(sha256(encodeRecordBundle(r)));
}

export const recordBundleToHex = (r: ProvenRecord): string => toHex(encodeRecordBundle(r));
export const recordBundleFromHex = (hex: string): ProvenRecord => decodeRecordBundle(fromHex(hex, 'bundle'));

/** The checks a bundle read straight from a chain must pass, and the refusal each failure is. */
const REQUIRED: readonly [CheckName, RecordBundleRejection][] = [
  ['bundle_shape', 'bundle_malformed'],
  ['validator_set_hash', 'header_quorum_invalid'],
  ['header_quorum', 'header_quorum_invalid'],
  ['commit_signatures', 'header_quorum_invalid'],
  ['header_binding', 'bundle_wrong_chain'],
  ['state_proof', 'record_proof_invalid'],
];

/**
 * Verify a record bundle offline with `verifyBundle`: the validator set is the one the header
 * names (and a pinned one when `trustedValidators` lists the chain), more than 2/3 of its power
 * signed the header, and the record's proof leads to the header's state root.
 * @throws VerificationError with a `RecordBundleRejection` reason
 */
export function verifyRecordBundle(
  r: ProvenRecord,
  expect: { chainId?: string; key?: string } = {},
  opts: VerifyRecordBundleOptions = {},
): RecordBundleEvidence {
  const header = r.light.signedHeader.header;
  if (header.chainId !== r.chainId)
    throw new VerificationError('bundle_wrong_chain', `bundle says chain ${r.chainId}, its header is of ${header.chainId}`);
  if (expect.chainId !== undefined && r.chainId !== expect.chainId)
    throw new VerificationError('bundle_wrong_chain', `expected a proof from ${expect.chainId}, got ${r.chainId}`);
  if (expect.key !== undefined && r.key !== expect.key)
    throw new VerificationError('bundle_wrong_key', `expected a proof of ${expect.key}, got ${r.key}`);
  const suite = opts.hashSuites?.[r.chainId] ?? 'sha256';
  // verifyBundle looks both maps up by the header's chain id (r.chainId, checked above) and takes
  // a chain not listed as unpinned and SHA-256, as this function's options say.
  const v = verifyBundle(decodeMessage('ProofBundle', encodeRecordBundle(r)), {
    atMs: header.timeMs,
    pinnedValidatorSets: opts.trustedValidators ?? {},
    hashSuites: opts.hashSuites ?? {},
  });
  for (const [name, rejection] of REQUIRED) {
    // verifyBundle reports every check, run or not.
    const c = v.checks.find((x) => x.name === name)!;
    if (c.outcome === 'passed') continue;
    const reason = c.reason === 'untrusted_validator_set' ? 'untrusted_validator_set' : rejection;
    throw new VerificationError(reason, `${r.chainId} ${r.key}: ${name} ${c.outcome === 'failed' ? c.reason : 'not run'}: ${c.detail}`);
  }
  return {
    chainId: r.chainId,
    key: r.key,
    kind: r.value === null ? 'absent' : 'member',
    value: r.value,
    header,
    headerHash: headerHash(header, suite),
    commit: v.commit!,
    checks: v.checks,
  };
}
