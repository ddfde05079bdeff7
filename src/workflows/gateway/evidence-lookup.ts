/**
 * Verify-by-hash for the public page (policy: evidence and served documents "verifiable online
 * by the parties"; ). Wraps the evidence workflow (src/workflows/evidence.ts): asks
 * whether `anchor/<sha256>` is on the judicial chain, packs the answer (membership, or a proof
 * of absence) as a ProofBundle with the gateway's receipt, so the party can save it and re-check
 * it offline with `courtbridge verify`, and re-verifies that bundle from its bytes here with
 * the same pure verifier (src/verify/) plus two evidence checks:
 *   anchor_claims         every anchor in the record names this hash (a record under this key
 *                         that names another hash is rejected: `anchor_hash_mismatch`)
 *   submitter_signatures  every submitter's signature verifies under the key its DID held when
 *                         it signed (`submitter_signature_invalid`, `revoked`)
 */
import { headerHash } from '../../chain/header.js';
import { toHex } from '../../encoding/bytes.js';
import { isCourtbridgeError } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import { hashSuiteAt, type ChainDirectory } from '../../identity/chain-entry.js';
import type { HashSuite } from '../../crypto/hash-suite.js';
import type { LightBlock } from '../../chain/signed-header.js';
import { verifyBundleBytes, type BundleCheck } from '../../verify/bundle-verify.js';
import { receiptedBundleOf, receiptSubjectForRecord } from '../../verify/record-bundle.js';
import { encodeMessage } from '../../wire/codec.js';
import type { MessageInput } from '../../wire/messages.js';
import {
  checkAnchorInBatch,
  decodeAnchorPointer,
  decodeStoredBatch,
  verifyBatchClaim,
  type AnchoredEvidence,
  type AnchorStatus,
  type EvidenceRegistry,
} from '../evidence.js';
import type { ProvenRecord } from '../ports.js';
import type {
  EvidenceAnchorView,
  EvidenceCheck,
  EvidenceRecordChecks,
  EvidenceReport as RelayEvidenceReport,
  VerifyEvidence,
} from '../../relay/http/evidence-report.js';
import type { ReceiptIssuer } from '../../relay/receipts/receipt-issuer.js';

/** Record type of `anchor/<hash>` on the judicial chain (src/judicial/records.ts). */
export const ANCHOR_RECORD_TYPE = 'anchor';
/** Record type of `anchor-batch/<batchId>`, the signed batch an anchor points into. */
export const BATCH_RECORD_TYPE = 'anchor-batch';

/** The relay's report of a hash, with the anchors as the evidence workflow holds them. */
export interface EvidenceReport extends RelayEvidenceReport {
  status: AnchorStatus;
  anchors: EvidenceAnchorView[];
}

export interface EvidenceLookupOptions {
  registry: EvidenceRegistry;
  /** Keys of the gateway and of submitters (the alliance registry). */
  authority: Authority & ChainDirectory;
  /** The gateway's receipts (the same issuer the query path uses). */
  receipts: ReceiptIssuer;
  /** Who the answer is given to; the public page is anonymous: '' unless told. */
  requesterDid?: string;
  /**
   * The anchored validator-set trace from the judicial chain's registry anchor to a header
   * (src/relay/light-clients/trace-book.ts `traceFor`); without it the bundle carries none and
   * fails `anchored_trace` offline.
   */
  traceOf?: (light: LightBlock) => readonly LightBlock[] | undefined;
  now: () => number;
}

/**
 * Pack a proven `anchor/<hash>` (or its absence) as a ProofBundle with the gateway's receipt; the
 * receipt names the header by its hash under `suite`, the judicial chain entry's.
 */
export async function evidenceBundle(
  r: ProvenRecord,
  receipts: ReceiptIssuer,
  requestId: string,
  requesterDid: string,
  trace: readonly LightBlock[] = [],
  suite: HashSuite = 'sha256',
  recordType: string = ANCHOR_RECORD_TYPE,
): Promise<MessageInput<'ProofBundle'>> {
  const q = { requestId, requesterDid, recordType };
  return receiptedBundleOf(r, q, await receipts.issue(receiptSubjectForRecord(r, q, suite)), trace);
}

/** How the page shows an anchor: who signed what about the file. */
export const anchorView = (a: AnchoredEvidence): EvidenceAnchorView => ({
  claim: { submitterDid: a.claim.submitterDid, kid: a.claim.kid, signedAtMs: a.claim.signedAtMs, metadata: a.metadata },
});

/**
 * The two evidence checks over a proven pointer and its proven batch record: `anchor_claims` (the
 * batch leaf the pointer names is this hash, anchored by this batch, under the signed root) and
 * `submitter_signatures` (the batch signature under the key the submitter's DID held).
 */
export async function checkAnchor(
  contentHash: Uint8Array,
  pointerValue: Uint8Array,
  batchValue: Uint8Array | undefined,
  authority: Authority,
): Promise<{ checks: EvidenceCheck[]; anchor?: AnchoredEvidence }> {
  let anchor: AnchoredEvidence;
  try {
    if (batchValue === undefined) throw new Error("the anchor's batch record is not proven");
    anchor = checkAnchorInBatch(contentHash, decodeAnchorPointer(pointerValue), decodeStoredBatch(batchValue));
  } catch (e) {
    return {
      checks: [
        {
          name: 'anchor_claims',
          outcome: 'failed',
          reason: isCourtbridgeError(e) ? e.reason : 'anchor_batch_mismatch',
          detail: `the anchor on record does not stand for this file: ${e instanceof Error ? e.message : String(e)}`,
        },
      ],
    };
  }
  const claims: EvidenceCheck = {
    name: 'anchor_claims',
    outcome: 'passed',
    reason: '',
    detail: `leaf ${anchor.index} of the signed batch ${anchor.batchId.slice(0, 16)}… (${anchor.claim.size} leaves) names this file's SHA-256`,
  };
  try {
    await verifyBatchClaim(anchor.claim, anchor.signature, authority);
  } catch (e) {
    return {
      anchor,
      checks: [
        claims,
        {
          name: 'submitter_signatures',
          outcome: 'failed',
          reason: isCourtbridgeError(e) ? e.reason : 'submitter_signature_invalid',
          detail: `the batch of ${anchor.claim.submitterDid} does not carry a valid signature of its submitter`,
        },
      ],
    };
  }
  return {
    anchor,
    checks: [
      claims,
      {
        name: 'submitter_signatures',
        outcome: 'passed',
        reason: '',
        detail: `the submitter signed its batch with the key its DID held at the time (${anchor.claim.kid})`,
      },
    ],
  };
}

/**
 * The evidence checks over a proven `anchor/<hash>` pointer and its proven batch record, for a
 * gateway that reads the judicial chain through its query path (src/relay/modules/evidence-by-query.ts).
 */
export const anchorRecordChecks: EvidenceRecordChecks = async (contentHash, recordValue, authority, batchValue) =>
  (await checkAnchor(contentHash, recordValue, batchValue, authority)).checks;

/**
 * The `verifyEvidence` dependency over the evidence workflow.
 *
 * @example
 * const verifyEvidence = evidenceLookup({ registry, authority, receipts, now: Date.now });
 * const report = await verifyEvidence(sha256(fileBytes));
 */
export function evidenceLookup(options: EvidenceLookupOptions): VerifyEvidence {
  const requesterDid = options.requesterDid ?? '';
  let seq = 0;
  return async (contentHash) => {
    const verdict = await options.registry.verifyHash(contentHash);
    if (verdict.status === 'pending' || verdict.bundle === undefined) {
      return { status: verdict.status, contentHash, anchors: [], verdict: 'indeterminate', checks: [] };
    }
    const nowMs = options.now();
    const requestId = `evidence:${toHex(contentHash).slice(0, 16)}:${nowMs}:${++seq}`;
    const suite = hashSuiteAt(options.authority, verdict.bundle.chainId, nowMs);
    const bundle = await evidenceBundle(
      verdict.bundle,
      options.receipts,
      requestId,
      requesterDid,
      options.traceOf?.(verdict.bundle.light) ?? [],
      suite,
    );
    // From the bytes a party would save: what the page says is what `courtbridge verify` says.
    const v = verifyBundleBytes(encodeMessage('ProofBundle', bundle), { atMs: nowMs, authority: options.authority });
    const checks: EvidenceCheck[] = v.checks.map((c: BundleCheck) => ({ ...c }));
    let batchBundle: MessageInput<'ProofBundle'> | undefined;
    let anchors: EvidenceAnchorView[] = [];
    if (verdict.status === 'anchored') {
      const b = verdict.batchBundle!;
      batchBundle = await evidenceBundle(
        b,
        options.receipts,
        `${requestId}:batch`,
        requesterDid,
        options.traceOf?.(b.light) ?? [],
        suite,
        BATCH_RECORD_TYPE,
      );
      const vb = verifyBundleBytes(encodeMessage('ProofBundle', batchBundle), { atMs: nowMs, authority: options.authority });
      // The batch record's proof counts like the pointer's: a failed check of either fails the answer.
      checks.push(...vb.checks.filter((c) => c.outcome === 'failed').map((c) => ({ ...c, detail: `anchor batch: ${c.detail}` })));
      const a = await checkAnchor(contentHash, verdict.bundle.value!, b.value ?? undefined, options.authority);
      checks.push(...a.checks);
      if (a.anchor) anchors = [anchorView(a.anchor)];
    }
    const header = verdict.bundle.light.signedHeader.header;
    const anyFailed = checks.some((c) => c.outcome === 'failed');
    return {
      status: verdict.status,
      contentHash,
      anchors,
      provenAt: { chainId: header.chainId, height: header.height, timeMs: header.timeMs, headerHash: headerHash(header, suite) },
      verdict: anyFailed ? 'invalid' : v.verdict,
      checks,
      bundle,
      ...(batchBundle === undefined ? {} : { batchBundle }),
    };
  };
}
