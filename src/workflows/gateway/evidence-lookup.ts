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
  decodeAnchorRecord,
  entryOfRecord,
  verifyAnchorEntry,
  type AnchorEntry,
  type AnchorStatus,
  type EvidenceRegistry,
} from '../evidence.js';
import type { ProvenRecord } from '../ports.js';
import type {
  EvidenceCheck,
  EvidenceRecordChecks,
  EvidenceReport as RelayEvidenceReport,
  VerifyEvidence,
} from '../../relay/http/evidence-report.js';
import type { ReceiptIssuer } from '../../relay/receipts/receipt-issuer.js';

/** Record type of `anchor/<hash>` on the judicial chain (src/judicial/records.ts). */
export const ANCHOR_RECORD_TYPE = 'anchor';

/** The relay's report of a hash, with the anchors as the evidence workflow holds them. */
export interface EvidenceReport extends RelayEvidenceReport {
  status: AnchorStatus;
  anchors: AnchorEntry[];
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
): Promise<MessageInput<'ProofBundle'>> {
  const q = { requestId, requesterDid, recordType: ANCHOR_RECORD_TYPE };
  return receiptedBundleOf(r, q, await receipts.issue(receiptSubjectForRecord(r, q, suite)), trace);
}

/** The two evidence checks over the anchors a verified record holds. */
export async function checkAnchors(
  contentHash: Uint8Array,
  anchors: readonly AnchorEntry[],
  authority: Authority,
): Promise<EvidenceCheck[]> {
  const hex = toHex(contentHash);
  const foreign = anchors.find((a) => toHex(a.claim.contentHash) !== hex);
  const claims: EvidenceCheck =
    foreign === undefined
      ? {
          name: 'anchor_claims',
          outcome: 'passed',
          reason: '',
          detail: `${anchors.length} anchor(s) on record, each naming this file's SHA-256`,
        }
      : {
          name: 'anchor_claims',
          outcome: 'failed',
          reason: 'anchor_hash_mismatch',
          detail: `an anchor by ${foreign.claim.submitterDid} names another hash (${toHex(foreign.claim.contentHash).slice(0, 16)}…)`,
        };
  const bad: string[] = [];
  let reason = '';
  for (const a of anchors) {
    try {
      await verifyAnchorEntry(a, authority);
    } catch (e) {
      reason ||= isCourtbridgeError(e) ? e.reason : 'submitter_signature_invalid';
      bad.push(a.claim.submitterDid);
    }
  }
  const sigs: EvidenceCheck =
    bad.length === 0
      ? {
          name: 'submitter_signatures',
          outcome: 'passed',
          reason: '',
          detail: `each submitter signed its claim with the key its DID held at the time (${anchors.map((a) => a.claim.kid).join(', ')})`,
        }
      : {
          name: 'submitter_signatures',
          outcome: 'failed',
          reason,
          detail: `the claim of ${bad.join(', ')} does not carry a valid signature of its submitter`,
        };
  return [claims, sigs];
}

/**
 * The two evidence checks over a proven `anchor/<hash>` record's value, for a gateway that reads
 * the judicial chain through its query path (src/relay/modules/evidence-by-query.ts): the claim
 * the record keeps is rebuilt and checked like the registry's own. A record that keeps no signed
 * claim has no signature to check (`submitter_signatures` not applicable).
 */
export const anchorRecordChecks: EvidenceRecordChecks = async (contentHash, recordValue, authority) => {
  let entry: AnchorEntry | undefined;
  try {
    const record = decodeAnchorRecord(recordValue, `anchor/${toHex(contentHash)}`);
    entry = entryOfRecord(record);
    if (entry === undefined) {
      const names = record.hash === toHex(contentHash);
      return [
        names
          ? { name: 'anchor_claims', outcome: 'passed', reason: '', detail: "1 anchor on record, naming this file's SHA-256" }
          : { name: 'anchor_claims', outcome: 'failed', reason: 'anchor_hash_mismatch', detail: 'the anchor on record names another hash' },
        {
          name: 'submitter_signatures',
          outcome: 'skipped',
          reason: 'not_applicable',
          detail: 'the anchor keeps no signed claim of its submitter',
        },
      ];
    }
  } catch (e) {
    return [
      {
        name: 'anchor_claims',
        outcome: 'failed',
        reason: isCourtbridgeError(e) ? e.reason : 'malformed',
        detail: `the anchor record does not read as an anchor: ${e instanceof Error ? e.message : String(e)}`,
      },
    ];
  }
  return checkAnchors(contentHash, [entry], authority);
};

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
    if (verdict.status === 'anchored') checks.push(...(await checkAnchors(contentHash, verdict.anchors, options.authority)));
    const header = verdict.bundle.light.signedHeader.header;
    const anyFailed = checks.some((c) => c.outcome === 'failed');
    return {
      status: verdict.status,
      contentHash,
      anchors: verdict.anchors,
      provenAt: { chainId: header.chainId, height: header.height, timeMs: header.timeMs, headerHash: headerHash(header, suite) },
      verdict: anyFailed ? 'invalid' : v.verdict,
      checks,
      bundle,
    };
  };
}
