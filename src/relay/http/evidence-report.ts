/**
 * What the verification page needs to look a content hash up (policy: evidence and served
 * documents "verifiable online by the parties"): the relay defines the lookup, the evidence
 * workflow supplies it (src/workflows/gateway/evidence-lookup.ts), or the gateway answers it
 * through its query path (src/relay/modules/evidence-by-query.ts).
 */
import type { Authority } from '../../identity/authority.js';
import type { BundleVerdict, CheckName, CheckOutcome } from '../../verify/bundle-verify.js';
import type { MessageInput } from '../../wire/messages.js';

/** A check of an evidence answer: the bundle's checks, then the two evidence checks. */
export interface EvidenceCheck {
  name: CheckName | 'anchor_claims' | 'submitter_signatures';
  outcome: CheckOutcome;
  reason: string;
  detail: string;
}

/** Anchored (in a committed block, proven), pending (queued) or not anchored (proven absent). */
export type EvidenceStatus = 'anchored' | 'pending' | 'not_anchored';

/** Who anchored a hash and what they signed, as the page shows it. */
export interface EvidenceAnchorView {
  claim: { submitterDid: string; kid: string; signedAtMs: number; metadata: readonly { name: string; value: string }[] };
}

/** What the page shows for a hash (results carry their evidence, STYLE.md 5). */
export interface EvidenceReport {
  status: EvidenceStatus;
  contentHash: Uint8Array;
  /** Who anchored it and what they signed (empty unless anchored). */
  anchors: readonly EvidenceAnchorView[];
  /** The judicial-chain header the proof is against (absent while pending). */
  provenAt?: { chainId: string; height: number; timeMs: number; headerHash: Uint8Array };
  /** Verdict of re-verifying `bundle` from its bytes; `indeterminate` while pending. */
  verdict: BundleVerdict;
  checks: EvidenceCheck[];
  /** The proof bundle (membership or absence) with its receipt, to save and re-check offline. */
  bundle?: MessageInput<'ProofBundle'>;
  /** When anchored: the proof of the signed batch record the anchor points into (`anchor-batch/<batchId>`). */
  batchBundle?: MessageInput<'ProofBundle'>;
}

/**
 * The evidence checks over a proven `anchor/<hash>` pointer and its batch record's value (`anchor_claims`,
 * `submitter_signatures`): the evidence workflow supplies them (src/workflows/gateway/evidence-lookup.ts
 * `anchorRecordChecks`), so the relay reads no workflow record itself.
 */
export type EvidenceRecordChecks = (
  contentHash: Uint8Array,
  recordValue: Uint8Array,
  authority: Authority,
  /** The proven value of the batch record the anchor points into, when fetched. */
  batchValue?: Uint8Array,
) => Promise<EvidenceCheck[]>;

/** Looks a content hash up: the HTTP endpoint's `verifyEvidence` dependency. */
export type VerifyEvidence = (contentHash: Uint8Array) => Promise<EvidenceReport>;
