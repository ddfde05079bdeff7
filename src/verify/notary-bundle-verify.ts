/**
 * The offline verifier of a bundle from a `notary` chain (trust basis NOTARIZED_RECORD): a
 * registry kept in a database, whose record (or its absence) at a database version is vouched for
 * by m of its n registry notaries (notary-record.ts). The same named checks as a bft-smt bundle's
 * (bundle-verify.ts), each answered for this kind:
 *   bundle_shape        the notary evidence, the result and the request decode; the bundle carries
 *                       no evidence of another kind
 *   chain_admitted      the registry verifies the chain as `notary` (and names its notaries)
 *   validator_set_hash  not applicable: there are no validators, only notaries
 *   anchored_trace      not applicable: there are no headers to trace to an anchor
 *   header_quorum       at least the threshold of the chain's registry notaries signed the record
 *                       (chain, record type, key, result, version, time), keys as of that time
 *   commit_signatures   every notarization in the bundle counts (a forged or foreign one is named)
 *   header_trusted      not applicable: no gateway follows a notary chain's headers
 *   header_binding      the bundle's request, result, version and time agree
 *   state_proof         not applicable: each notary read the record itself; their signatures are the proof
 *   attestations        not applicable: the notaries' signatures stand for the chain's attesters
 *   receipt_binding, receipt_signature   as for any bundle
 * Nothing in the bundle decides who may sign it: the notaries come from the registry. Pure.
 */
import { sha256 } from '../crypto/hash.js';
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
} from './bundle-verify.js';
import { notarySignatureFromWire } from './notary-wire.js';
import { notariesUnknown, notarizedAdmission, notarySignaturesCheck } from './notarized-bundle-checks.js';
import { type NotarizedRecord, notarizedRecordLayout, verifyNotarizedRecord } from './notary-record.js';
import type { ReceiptSubject } from './receipt-layout.js';
import type { MessageOutput } from '../wire/messages.js';

/** What a notary bundle states, once its shape holds: the record notarized, the request, the notarizations. */
export interface NotaryStatement {
  record: NotarizedRecord;
  request: MessageOutput<'RecordQuery'>;
  notarizations: MessageOutput<'NotarySignature'>[];
}

/** What the receipt of a notary bundle commits to (the gateway's query-notary.ts builds the same). */
function notarySubjectOf(b: WireBundle, { record, request: q, notarizations }: NotaryStatement, hash: Uint8Array): ReceiptSubject {
  return {
    requestId: b.requestId,
    requesterDid: b.requesterDid,
    query: { chainId: q.chainId, recordType: q.recordType, key: q.key, height: queryHeightOf(q) },
    header: { chainId: record.chainId, height: record.version, hash },
    result: record.result,
    proof: undefined,
    stateTimeMs: b.stateTimeMs,
    trustBasis: 5,
    attestations: notarizations.map((n) => ({ attesterDid: n.notaryDid, kid: n.kid, signature: n.signature })),
  };
}

/** What a bundle states, or a TypeError naming what is missing or malformed. */
export function notaryStatementOf(b: WireBundle): NotaryStatement {
  const ev = b.notary;
  if (ev === null) throw new TypeError('notary: missing (a notary bundle carries its version, time and notarizations there)');
  if (b.evm !== null || b.signedHeader !== null || b.proof !== null)
    throw new TypeError('a notary bundle carries no header, state proof or evm evidence');
  if (!Number.isSafeInteger(ev.version) || ev.version < 1) throw new TypeError(`notary.version: ${ev.version} is not a version >= 1`);
  if (!Number.isSafeInteger(ev.timeMs) || ev.timeMs < 0) throw new TypeError(`notary.time_ms: ${ev.timeMs} is out of range`);
  // The result as notarized: the bundle's, without the names the record states beside it.
  const { chainId, recordType, key, ...result } = resultOf(b);
  if (b.request === null) throw new TypeError('request: missing');
  if (b.trustBasis !== 'TRUST_BASIS_NOTARIZED_RECORD')
    throw new TypeError(`trust_basis: ${b.trustBasis}, a notary bundle's is TRUST_BASIS_NOTARIZED_RECORD`);
  return {
    record: { chainId, recordType, key, result, version: ev.version, timeMs: ev.timeMs },
    request: b.request,
    notarizations: ev.notarizations,
  };
}

/** What a notary verdict names as its header (`verifiedHeader.headerHash`): sha256 of the notarized record layout. */
export function notarizedRecordDigest(record: NotarizedRecord): Uint8Array {
  return sha256(notarizedRecordLayout(record));
}

export function verifyNotaryBundle(bundle: WireBundle, options: BundleVerifyOptions): BundleVerification {
  const checks: BundleCheck[] = [];
  const extra: Pick<BundleVerification, 'verifiedHeader'> = {};
  const out = (): BundleVerification => ({ verdict: verdictOf(checks), checks, checkedAtMs: options.atMs, ...extra });

  // 1. shape
  let stated: NotaryStatement;
  let hash: Uint8Array;
  try {
    stated = notaryStatementOf(bundle);
    hash = notarizedRecordDigest(stated.record);
  } catch (e) {
    checks.push(failed('bundle_shape', reasonOf(e), `the bundle is incomplete or malformed: ${(e as Error).message}`));
    for (const name of CheckNames.slice(1)) checks.push(skipped(name, 'earlier_check_failed', 'not run: the bundle is malformed'));
    return out();
  }
  checks.push(passed('bundle_shape', 'the notarized record, its version and time, and the request are present and well-formed'));
  const { record } = stated;
  const { chainId, version } = record;

  // 2. the chain as the registry knew it when the gateway vouched for the answer
  const registry = options.authority;
  const admission = notarizedAdmission(bundle, options, chainId, (e) => e.kind === 'notary', {
    unchecked: 'the chain and its notaries',
    carries: 'a notarized record',
    admitted: (e, p) =>
      `${chainId} (${e.displayName}) is admitted as a notary chain: ${p.threshold} of its ${p.notaries.length} notaries vouch for a record`,
  });
  checks.push(admission.check);
  const policy = admission.policy;

  // 3-4. no validators, no headers
  checks.push(skipped('validator_set_hash', 'not_applicable', 'a notary chain has no validators: its notaries vouch for each record'));
  checks.push(skipped('anchored_trace', 'not_applicable', 'a notary chain has no headers to trace to an anchor'));

  // 5-6. the notaries
  if (policy === undefined) checks.push(...notariesUnknown(admission.unknownWhy));
  else {
    const sigs = stated.notarizations.map(notarySignatureFromWire);
    const v = verifyNotarizedRecord(record, sigs, policy, registry!, record.timeMs);
    checks.push(
      v.kind === 'met'
        ? passed(
            'header_quorum',
            `${v.counted.length} of the chain's notaries signed the record at version ${version} (${v.counted.join(', ')}); ${policy.threshold} needed`,
          )
        : failed(
            'header_quorum',
            'notary_quorum_not_met',
            `${v.counted.length} valid signatures of the chain's notaries over the record at version ${version}, ${policy.threshold} needed`,
          ),
    );
    checks.push(notarySignaturesCheck(v, sigs.length));
    if (v.kind === 'met') extra.verifiedHeader = { chainId, height: version, headerHash: hash };
  }

  // 7. nothing to hold against a gateway's own view
  checks.push(skipped('header_trusted', 'not_applicable', "a notary chain has no headers to follow: the notaries' signatures decide"));

  // 8. the bundle's claims agree with the notarized record
  const q = stated.request;
  const asked = queryHeightOf(q);
  const mismatch =
    q.chainId !== chainId
      ? `the request is for chain ${q.chainId}, the record is of ${chainId}`
      : q.key !== record.key || q.recordType !== record.recordType
        ? 'the answer is for another record than asked'
        : bundle.stateHeight !== version
          ? `state_height ${bundle.stateHeight} is not the notarized version ${version}`
          : bundle.stateTimeMs !== record.timeMs
            ? `state_time_ms ${bundle.stateTimeMs} is not the notarized time ${record.timeMs}`
            : asked !== 0 && asked !== version
              ? `asked at version ${asked}, answered at ${version}`
              : undefined;
  checks.push(
    mismatch === undefined
      ? passed('header_binding', `the answer is about ${record.key} on ${chainId} at version ${version}, as asked`)
      : failed('header_binding', 'header_mismatch', mismatch),
  );

  // 9-10. the notaries read the record themselves and stand for the attesters
  checks.push(
    skipped('state_proof', 'not_applicable', 'each notary read the record itself: their signatures (header_quorum) are the proof'),
  );
  checks.push(skipped('attestations', 'not_applicable', "the notaries' signatures (header_quorum) stand for the chain's attesters"));

  // 11-12. the receipt
  checkReceipt(bundle, () => notarySubjectOf(bundle, stated, hash), options, checks);
  return out();
}
