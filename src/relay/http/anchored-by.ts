/**
 * Who anchored a file and when, for the verification page: read ONLY from the `anchor/<sha256>`
 * record a bundle proves, and only when that bundle verified (DESIGN.md "Self-contained
 * bundles": what a person is shown comes from verified bytes). The submitter and the anchoring
 * time are the judicial chain's own record (the contract writes the block time), so the
 * validators vouch for them; the submitter's own signing time is added only when the
 * submitter's signature was checked. The organisation name is the alliance registry's.
 *
 * Pure: bytes, verdicts and a registry look-up in, a value out.
 */
import { readTyped } from '../../chain/ledger/record.js';
import { toHex } from '../../encoding/bytes.js';
import { readAnchor, type EvidenceAnchor } from '../../judicial/records.js';
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
  kind: EvidenceAnchor['kind'];
  title: string;
  caseId?: string;
  /** What the submitter signed about the file (present only when its signature was verified). */
  metadata: { name: string; value: string }[];
}

/**
 * The anchor of `contentHash` proven by `bundleBytes`, or undefined when anything is not verified:
 * the evidence answer is not `valid` (`reportVerdict`, which includes the evidence checks), the
 * re-verification of THESE bytes is not valid, the proven record is not `anchor/<this hash>`,
 * or its value does not read as an anchor of this hash.
 */
export function anchoredByOf(
  contentHash: Uint8Array,
  bundleBytes: Uint8Array,
  verification: BundleVerification,
  report: { verdict: BundleVerdict; checks: readonly EvidenceCheck[] },
  memberOrg: MemberOrg = () => undefined,
): AnchoredBy | undefined {
  if (report.verdict !== 'valid' || verification.verdict !== 'valid') return undefined;
  // The same gate as every record shown: the verdict is about these bytes, and the value is bound to the header.
  if (provenRecordView(bundleBytes, verification, NO_RECORD_LAYOUTS).shown !== 'record') return undefined;
  const hex = toHex(contentHash);
  const key = `anchor/${hex}`;
  let anchor: EvidenceAnchor;
  try {
    const r = resultOf(decodeMessage('ProofBundle', bundleBytes));
    if (r.kind !== 'record' || r.key !== key || r.recordType !== 'anchor') return undefined;
    anchor = readTyped(r.value, key, 'anchor', 1, readAnchor);
  } catch {
    return undefined;
  }
  if (anchor.hash !== hex) return undefined;
  const signed = report.checks.some((c) => c.name === 'submitter_signatures' && c.outcome === 'passed');
  const org = memberOrg(anchor.submitter);
  return {
    submitterDid: anchor.submitter,
    ...(org === undefined ? {} : { submitterOrg: org }),
    anchoredAtMs: anchor.anchoredAtMs,
    ...(signed && anchor.claim !== undefined ? { signedAtMs: anchor.claim.signedAtMs } : {}),
    kind: anchor.kind,
    title: anchor.title,
    ...(anchor.caseId === undefined ? {} : { caseId: anchor.caseId }),
    metadata: signed && anchor.claim !== undefined ? anchor.claim.metadata.map((m) => ({ name: m.name, value: m.value })) : [],
  };
}
