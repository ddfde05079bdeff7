/**
 * Who anchored a file and when, for the verification page: read ONLY from the `anchor/<sha256>`
 * pointer a bundle proves and the `anchor-batch/<batchId>` record a second bundle proves, and
 * only when both bundles verified (DESIGN.md "Self-contained
 * bundles": what a person is shown comes from verified bytes). The submitter and the anchoring
 * time are the judicial chain's own record (the contract writes the block time), so the
 * validators vouch for them; the submitter's own signing time is added only when the
 * submitter's signature was checked. The organisation name is the alliance registry's.
 *
 * Pure: bytes, verdicts and a registry look-up in, a value out.
 */
import { equalBytes, toHex } from '../../encoding/bytes.js';
import {
  anchorBatchKey,
  anchorFieldsOf,
  decodeAnchorPointer,
  decodeStoredBatch,
  type AnchorPointer,
  type StoredAnchorBatch,
} from '../../judicial/anchor-batch.js';
import type { AnchorKind } from '../../judicial/records.js';
import { resultOf, type BundleVerdict, type BundleVerification } from '../../verify/bundle-verify.js';
import { provenRecordView } from '../../verify/proven-record.js';
import { NO_RECORD_LAYOUTS } from '../../verify/record-layout.js';
import { decodeMessage } from '../../wire/codec.js';
import type { EvidenceCheck } from './evidence-report.js';

/** The organisation a DID belongs to in the alliance registry, if it is a member. */
export type MemberOrg = (did: string) => string | undefined;

/** The anchor as the page shows it: every field from the proven record. */
export interface AnchoredBy {
  submitterDid: string;
  /** The submitter's organisation in the alliance registry; absent for a DID it does not list. */
  submitterOrg?: string;
  /** Block time of the block that wrote the anchor (the chain's record). */
  anchoredAtMs: number;
  /** When the submitter says it signed; present only when its signature was verified. */
  signedAtMs?: number;
  kind: AnchorKind;
  title: string;
  caseId?: string;
  /** What the submitter signed about the file (present only when its signature was verified). */
  metadata: { name: string; value: string }[];
}

/**
 * The anchor of `contentHash` proven by `bundleBytes`, or undefined when anything is not verified:
 * the evidence answer is not `valid` (`reportVerdict`, which includes the evidence checks), the
 * re-verification of THESE bytes (either bundle) is not valid, the proven record is not
 * `anchor/<this hash>`, the batch record is not the one it points to, or the batch's leaf at
 * the pointer's index is not this hash.
 */
export function anchoredByOf(
  contentHash: Uint8Array,
  bundleBytes: Uint8Array,
  verification: BundleVerification,
  report: { verdict: BundleVerdict; checks: readonly EvidenceCheck[] },
  memberOrg: MemberOrg = () => undefined,
  batch?: { bytes: Uint8Array; verification: BundleVerification },
): AnchoredBy | undefined {
  if (report.verdict !== 'valid' || verification.verdict !== 'valid') return undefined;
  if (batch === undefined || batch.verification.verdict !== 'valid') return undefined;
  // The same gate as every record shown: the verdict is about these bytes, and the value is bound to the header.
  if (provenRecordView(bundleBytes, verification, NO_RECORD_LAYOUTS).shown !== 'record') return undefined;
  if (provenRecordView(batch.bytes, batch.verification, NO_RECORD_LAYOUTS).shown !== 'record') return undefined;
  const key = `anchor/${toHex(contentHash)}`;
  let stored: StoredAnchorBatch;
  let pointer: AnchorPointer;
  try {
    const r = resultOf(decodeMessage('ProofBundle', bundleBytes));
    if (r.kind !== 'record' || r.key !== key || r.recordType !== 'anchor') return undefined;
    pointer = decodeAnchorPointer(r.value);
    const b = resultOf(decodeMessage('ProofBundle', batch.bytes));
    if (b.kind !== 'record' || b.key !== anchorBatchKey(toHex(pointer.batchId)) || b.recordType !== 'anchor-batch') return undefined;
    stored = decodeStoredBatch(b.value);
  } catch {
    return undefined;
  }
  if (pointer.index >= stored.claim.size || !equalBytes(stored.hashes[pointer.index]!, contentHash)) return undefined;
  if (stored.anchoredEarlier.includes(pointer.index)) return undefined;
  const signed = report.checks.some((c) => c.name === 'submitter_signatures' && c.outcome === 'passed');
  const metadata = stored.metadata[stored.metaIndex[pointer.index]!]!;
  const fields = anchorFieldsOf(metadata);
  const submitter = stored.claim.submitterDid;
  const org = memberOrg(submitter);
  return {
    submitterDid: submitter,
    ...(org === undefined ? {} : { submitterOrg: org }),
    anchoredAtMs: pointer.anchoredAtMs,
    ...(signed ? { signedAtMs: stored.claim.signedAtMs } : {}),
    kind: fields.kind as AnchoredBy['kind'],
    title: fields.title,
    ...(fields.caseId === undefined ? {} : { caseId: fields.caseId }),
    metadata: signed ? metadata.map((m) => ({ name: m.name, value: m.value })) : [],
  };
}
