/**
 * The query path of a `notary` chain (ChainConfig.notary): a registry kept in a database, with
 * no header to follow. Its adapter answers with the record (or its absence), the database
 * version it was read at, the time, and its notaries' signatures over exactly that
 * (notary-record.ts). The steps:
 *   1. QueryRequest at the version asked (0: the newest);
 *   2. the answer is for the chain, record type and key asked, at the version asked
 *      (`notary_record_mismatch`), and its header reference names that version and the hash of
 *      the notarized record (`header_mismatch`);
 *   3. the notarized record's time is not ahead of the gateway's clock by more than the chain's
 *      clock drift (`notary_time_in_future`): a statement dated later would pass any freshness check;
 *   4. at least the threshold of the chain's registry notaries signed it, keys looked up at its
 *      time (`notary_quorum_not_met`, naming who counted and who did not and why);
 *   5. freshness and the receipt, as for any chain (query.ts).
 * The bundle carries only the signatures that counted, so each of its notarizations verifies offline.
 */
import { sha256 } from '../../crypto/hash.js';
import { equalBytes } from '../../encoding/bytes.js';
import type { Authority } from '../../identity/authority.js';
import { notarySignatureFromWire, notarySignatureToWire } from '../../verify/notary-wire.js';
import type { NotarySignature } from '../../verify/notary.js';
import { type NotarizedRecord, notarizedRecordLayout, verifyNotarizedRecord } from '../../verify/notary-record.js';
import type { ReceiptSubject } from '../../verify/receipt-layout.js';
import type { MessageInput, MessageOutput } from '../../wire/messages.js';
import type { AdapterClient } from '../adapter-client.js';
import { answerRefused } from './answer-refused.js';
import type { ChainConfig, NotaryChainConfig } from '../light-clients/chain-config.js';

/** A record query after input checks (query.ts CheckedQuery). */
interface NotaryQuery {
  chainId: string;
  recordType: string;
  key: string;
  /** 0 = the newest version. */
  height: number;
}

/** A verified notary answer, before it becomes a bundle. */
export interface VerifiedNotaryAnswer {
  record: NotarizedRecord;
  /** sha256(notarizedRecordLayout(record)): what stands for a header hash in the receipt. */
  hash: Uint8Array;
  /** The signatures that counted, one per notary. */
  signatures: NotarySignature[];
}

/** The record the reply states, in core terms; `notary_record_mismatch` when it is not the one asked. */
function statedRecord(q: NotaryQuery, reply: MessageOutput<'QueryResponse'>): NotarizedRecord['result'] {
  const r = reply.result === 'record' ? reply.record : reply.result === 'absence' ? reply.absence : null;
  if (r === null || r === undefined) throw answerRefused(q, 'unverifiable_answer', 'neither a record nor an absence');
  if (r.chainId !== q.chainId || r.recordType !== q.recordType || r.key !== q.key)
    throw answerRefused(
      q,
      'notary_record_mismatch',
      `a statement about ${r.chainId}/${r.recordType}/${r.key.slice(0, 80)}, not the record asked`,
    );
  return reply.result === 'record' && reply.record ? { kind: 'record', value: new Uint8Array(reply.record.value) } : { kind: 'absence' };
}

/** One signature per notary of the set, each valid over `record` (what a bundle may carry). */
function countedSignatures(
  record: NotarizedRecord,
  sigs: readonly NotarySignature[],
  notary: NotaryChainConfig,
  authority: Authority,
): NotarySignature[] {
  const one = { threshold: 1, notaries: notary.notaries.notaries };
  const kept: NotarySignature[] = [];
  for (const s of sigs) {
    if (kept.some((k) => k.notaryDid === s.notaryDid)) continue;
    if (verifyNotarizedRecord(record, [s], one, authority, record.timeMs).kind === 'met') kept.push(s);
  }
  return kept;
}

/** Steps 1-4: ask the adapter and verify its notarized answer. */
export async function answerNotaryQuery(
  o: { adapters: AdapterClient; authority: Authority; now: () => number },
  config: ChainConfig & { notary: NotaryChainConfig },
  q: NotaryQuery,
  requestId: string,
  deadlineMs: number,
): Promise<VerifiedNotaryAnswer> {
  const reply = await o.adapters.query(
    { requestId, chainId: q.chainId, recordType: q.recordType, key: q.key, height: q.height },
    deadlineMs,
  );
  const ev = reply.notary;
  if (ev === null || ev === undefined)
    throw answerRefused(q, 'unverifiable_answer', 'no notary evidence (version, time and notarizations)');
  const result = statedRecord(q, reply);
  if (!Number.isSafeInteger(ev.version) || ev.version < 1 || !Number.isSafeInteger(ev.timeMs) || ev.timeMs < 0)
    throw answerRefused(q, 'unverifiable_answer', `a version (${ev.version}) or time (${ev.timeMs}) out of range`);
  if (q.height !== 0 && ev.version !== q.height)
    throw answerRefused(q, 'notary_record_mismatch', `the record at version ${ev.version}, not at version ${q.height} as asked`);
  const record: NotarizedRecord = {
    chainId: q.chainId,
    recordType: q.recordType,
    key: q.key,
    result,
    version: ev.version,
    timeMs: ev.timeMs,
  };
  const hash = sha256(notarizedRecordLayout(record));
  const ref = reply.header;
  if (ref === null || ref === undefined || ref.chainId !== q.chainId || ref.height !== ev.version || !equalBytes(ref.headerHash, hash))
    throw answerRefused(q, 'header_mismatch', `a header reference that does not name the notarized record at version ${ev.version}`);
  const nowMs = o.now();
  if (ev.timeMs > nowMs + config.maxClockDriftMs)
    throw answerRefused(
      q,
      'notary_time_in_future',
      `a record read at ${new Date(ev.timeMs).toISOString()}, ${ev.timeMs - nowMs} ms ahead of this gateway's clock (${config.maxClockDriftMs} ms drift allowed)`,
    );
  const sigs = ev.notarizations.map(notarySignatureFromWire);
  const policy = config.notary.notaries;
  const v = verifyNotarizedRecord(record, sigs, policy, o.authority, ev.timeMs);
  if (v.kind === 'not_met') {
    const ignored = v.ignored.map((i) => `${i.did} (${i.reason})`).join(', ');
    throw answerRefused(
      q,
      'notary_quorum_not_met',
      `${v.counted.length} valid signatures of the chain's notaries (${v.counted.join(', ') || 'none'}), ${policy.threshold} needed${ignored === '' ? '' : `; not counted: ${ignored}`}`,
    );
  }
  const signatures = v.ignored.length === 0 ? sigs : countedSignatures(record, sigs, config.notary, o.authority);
  return { record, hash, signatures };
}

/** The receipt's subject for a verified notary answer (the notaries' signatures stand as its attestations). */
export function notaryReceiptSubject(
  q: NotaryQuery,
  v: VerifiedNotaryAnswer,
  a: { requestId: string; requesterDid: string },
): ReceiptSubject {
  const r = v.record;
  return {
    requestId: a.requestId,
    requesterDid: a.requesterDid,
    query: q,
    header: { chainId: r.chainId, height: r.version, hash: v.hash },
    result: r.result,
    proof: undefined,
    stateTimeMs: r.timeMs,
    trustBasis: 5,
    attestations: v.signatures.map((s) => ({ attesterDid: s.notaryDid, kid: s.kid, signature: s.signature })),
  };
}

/** The bundle's notary part. */
export function notaryEvidenceOf(v: VerifiedNotaryAnswer): MessageInput<'NotaryRecordEvidence'> {
  return { version: v.record.version, timeMs: v.record.timeMs, notarizations: v.signatures.map(notarySignatureToWire) };
}
