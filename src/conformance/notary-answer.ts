/**
 * How the kit proves an answer of a `notary` chain (a registry kept in a database), as the
 * gateway's notary query path judges it (src/relay/modules/query-notary.ts): the answer states a
 * record (or its absence) at a database version and time, its header reference names that
 * version and sha256 of the notarized record, and at least the threshold of the chain's REGISTRY
 * notaries signed exactly that statement, keys looked up at its time (`verifyNotarizedRecord`).
 * Whom the adapter asked to sign counts for nothing: a signature of a DID outside the registry's
 * set, one over another value, version or time, is named and not counted.
 *
 * The version is a database version (>= 1, as the gateway requires); the time is when the record
 * was read, so it may be neither ahead of the kit's clock by more than the allowed drift nor older
 * than the exchange it answers.
 */
import { sha256 } from '../crypto/hash.js';
import { equalBytes, toHex } from '../encoding/bytes.js';
import type { Authority } from '../identity/authority.js';
import { notarySignatureFromWire } from '../verify/notary-wire.js';
import { type NotarizedRecord, notarizedRecordLayout, verifyNotarizedRecord } from '../verify/notary-record.js';
import type { NotaryPolicy } from '../verify/notary.js';
import { failCheck } from './check.js';
import type { ProvableAnswer, ProvenAnswer } from './context.js';

/** How far ahead of the kit's clock a statement's time may be (the gateway's default clock drift). */
export const NOTARY_MAX_DRIFT_MS = 30_000;

/** What the kit judges a notary answer by. */
export interface NotaryJudgement {
  chain: string;
  /** The registry entry's notaries. */
  policy: NotaryPolicy;
  authority: Authority;
  nowMs: number;
  /** The oldest a statement may be (the exchange's budget plus the drift). */
  maxAgeMs: number;
  /** The record asked (a query): the answer must be about exactly it. */
  asked?: { key: string; recordType: string };
}

/** Prove `answer` (what: the exchange, for the detail) or end the check naming why not. */
export function proveNotaryAnswer(answer: ProvableAnswer, what: string, j: NotaryJudgement): ProvenAnswer {
  const ev = answer.notary ?? undefined;
  if (ev === undefined) failCheck(`${what}: the answer carries no notary evidence (version, time and notarizations)`);
  const rec = answer.record ?? undefined;
  const abs = answer.absence ?? undefined;
  const claimed = rec ?? abs;
  if (claimed === undefined) failCheck(`${what}: the answer carries neither a record nor an absence`);
  if (claimed.chainId !== j.chain || (j.asked !== undefined && (claimed.key !== j.asked.key || claimed.recordType !== j.asked.recordType)))
    failCheck(`${what}: the answer is about ${claimed.chainId}/${claimed.recordType}/${claimed.key.slice(0, 120)}, not the record asked`, {
      reason: 'notary_record_mismatch',
    });
  const version = ev.version;
  if (!Number.isSafeInteger(version) || version < 1)
    failCheck(`${what}: database version ${version} is not a version >= 1`, { reason: 'unverifiable_answer' });
  const age = j.nowMs - ev.timeMs;
  if (!Number.isSafeInteger(ev.timeMs) || -age > NOTARY_MAX_DRIFT_MS)
    failCheck(`${what}: the record was read at ${ev.timeMs}, ${-age} ms ahead of the kit's clock (${NOTARY_MAX_DRIFT_MS} ms allowed)`, {
      version,
      reason: 'notary_time_in_future',
    });
  if (age > j.maxAgeMs)
    failCheck(`${what}: the record was read ${age} ms ago, not for this exchange (at most ${j.maxAgeMs} ms)`, {
      version,
      reason: 'stale_state',
    });
  const value = rec === undefined ? null : Uint8Array.from(rec.value);
  const record: NotarizedRecord = {
    chainId: j.chain,
    recordType: claimed.recordType,
    key: claimed.key,
    result: value === null ? { kind: 'absence' } : { kind: 'record', value },
    version,
    timeMs: ev.timeMs,
  };
  const hash = sha256(notarizedRecordLayout(record));
  const ref = answer.header ?? undefined;
  if (ref === undefined || ref.chainId !== j.chain || ref.height !== version || !equalBytes(Uint8Array.from(ref.headerHash), hash))
    failCheck(`${what}: the header reference does not name the notarized record at version ${version}`, {
      version,
      reason: 'header_mismatch',
    });
  const v = verifyNotarizedRecord(record, ev.notarizations.map(notarySignatureFromWire), j.policy, j.authority, ev.timeMs);
  if (v.kind === 'not_met') {
    const ignored = v.ignored.map((i) => `${i.did} (${i.reason})`).join(', ');
    failCheck(
      `${what}: notary_quorum_not_met: ${v.counted.length} valid signatures of the registry's notaries (${v.counted.join(', ') || 'none'}) over ${claimed.key} at version ${version}, ${j.policy.threshold} needed${ignored === '' ? '' : `; not counted: ${ignored}`}`,
      { version, reason: 'notary_quorum_not_met', counted: v.counted.length, threshold: j.policy.threshold },
    );
  }
  return { key: claimed.key, kind: value === null ? 'absent' : 'member', value, height: version, headerHashHex: toHex(hash) };
}
