/**
 * Collects the notarizations a `notary` chain's answer carries (query answers and action results
 * alike): the adapter read a record at a database version; each of the chain's notaries (its
 * registry entry's `attestation`, read from the authority at the time of asking) is sent a
 * `NotarizeRecordRequest` for the same (record type, key, version, time) on
 * `notarizeSubject(chain, notary)`, all in parallel, until the deadline. A notary reads the record
 * itself and signs what it read (adapters/notary/record-notary.ts).
 *
 * Counted: a signature of the notary asked, over exactly what the adapter read (same result, same
 * version and time), that verifies under its key (`verifyNotarizedRecord`). A notary that read
 * something else is logged and not counted (the gateway would count its signature for nothing);
 * so is an error reply (clock skew, a version it has not reached) or a bad signature. The answer
 * is ready once `threshold` signatures are counted; fewer by the deadline is UNAVAILABLE
 * `notary_quorum_unavailable` naming how many of how many answered alike.
 */
import type { NatsConnection } from 'nats';
import { reportDrop } from '../../src/bus/dropped.js';
import { request } from '../../src/bus/request.js';
import { notarizeSubject } from '../../src/bus/subjects.js';
import { sha256 } from '../../src/crypto/hash.js';
import { equalBytes } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../src/errors.js';
import type { Authority } from '../../src/identity/authority.js';
import type { ChainDirectory } from '../../src/identity/chain-entry.js';
import type { Logger } from '../../src/log.js';
import type { CourtbridgeMetrics } from '../../src/metrics.js';
import { type NotarizedRecord, notarizedRecordLayout, verifyNotarizedRecord } from '../../src/verify/notary-record.js';
import { type NotaryPolicy, type NotarySignature, notaryPolicyOf } from '../../src/verify/notary.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';
import type { NotaryRecordRead } from './chain-backend.js';

export interface NotaryCollectorOptions {
  nc: NatsConnection;
  chainId: string;
  /** The notaries' keys and the chain's registry entry (its notary set): an `AllianceAuthority`. */
  authority: Authority & ChainDirectory;
  now: () => number;
  logger: Logger;
  /** Where notarizations not counted are counted (bus/dropped.ts), with their log lines. */
  metrics?: CourtbridgeMetrics;
}

/** A record read and the notarizations counted for it: at least the policy's threshold. */
export interface NotarizedAnswer {
  record: NotarizedRecord;
  notarizations: NotarySignature[];
  policy: NotaryPolicy;
}

/** Whether `authority` can name a chain's notaries (`chainAt`, as `AllianceAuthority` does). */
export function isChainDirectory(authority: Authority): authority is Authority & ChainDirectory {
  return typeof (authority as Partial<ChainDirectory>).chainAt === 'function';
}

export class NotaryCollector {
  constructor(private readonly o: NotaryCollectorOptions) {}

  /**
   * Collect `threshold` notarizations of `read` (of record type `recordType`) before `deadlineMs`.
   * @throws CourtbridgeError FAILED_PRECONDITION `notary_database_empty` for a read at version 0 (nothing
   *   written yet); FAILED_PRECONDITION `notary_policy_unknown` when the chain's entry names no notaries; UNAVAILABLE `notary_quorum_unavailable` when too few signed alike in time
   */
  async collect(recordType: string, read: NotaryRecordRead, deadlineMs: number, requestId: string): Promise<NotarizedAnswer> {
    const { chainId, now, logger } = this.o;
    // Version 0 is the empty database: no write to vouch at. Gateways and offline verifiers refuse
    // a notarized version below 1 (it is no database state), so no notary is asked to sign one.
    if (!Number.isSafeInteger(read.version) || read.version < 1) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'notary_database_empty',
        `登记簿尚无记录 / the ${chainId} database is at version ${read.version}: nothing has been written yet, so nothing can be notarized; register records first`,
      );
    }
    const timeMs = now();
    const entry = this.o.authority.chainAt(chainId, timeMs);
    const policy = entry === undefined ? undefined : notaryPolicyOf(entry);
    if (policy === undefined) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'notary_policy_unknown',
        `chain ${chainId} ${entry === undefined ? 'is not admitted in the alliance registry' : 'names no notaries in its registry entry'}: nobody can vouch for its records`,
      );
    }
    const record: NotarizedRecord = {
      chainId,
      recordType,
      key: read.key,
      result: read.value === null ? { kind: 'absence' } : { kind: 'record', value: read.value },
      version: read.version,
      timeMs,
    };
    const body = encodeMessage('NotarizeRecordRequest', {
      requestId,
      chainId,
      recordType,
      key: read.key,
      version: read.version,
      timeMs,
    });
    const counted: NotarySignature[] = [];
    const n = policy.notaries.length;
    return new Promise<NotarizedAnswer>((resolve, reject) => {
      let settled = 0;
      let done = false;
      const finish = (): void => {
        settled += 1;
        if (done) return;
        if (counted.length >= policy.threshold) {
          done = true;
          resolve({ record, notarizations: [...counted], policy });
        } else if (settled === n) {
          done = true;
          reject(
            new CourtbridgeError(
              ErrorCode.Unavailable,
              'notary_quorum_unavailable',
              `公证人不足 / ${counted.length} of ${n} notaries of ${chainId} signed ${read.key} at version ${read.version} alike; ${policy.threshold} are needed`,
              { details: { chainId, signed: counted.length, notaries: n, threshold: policy.threshold } },
            ),
          );
        }
      };
      for (const did of policy.notaries) {
        this.ask(did, body, record, deadlineMs)
          .then(
            (sig) => {
              if (sig !== undefined) counted.push(sig);
            },
            (e: unknown) => {
              const why = isCourtbridgeError(e) ? { reason: e.reason, message: e.message } : { err: e };
              logger.warn({ notary: did, key: read.key, version: read.version, ...why }, 'notary did not notarize');
            },
          )
          .finally(finish);
      }
    });
  }

  /** One notary's signature when it counts; undefined (logged) when it read something else or signed badly. */
  private async ask(did: string, body: Uint8Array, record: NotarizedRecord, deadlineMs: number): Promise<NotarySignature | undefined> {
    const { nc, now, authority } = this.o;
    const subject = notarizeSubject(record.chainId, did);
    const notCounted = (reason: string, message: string, details: Record<string, string | number | undefined>): undefined => {
      reportDrop(this.o, { kind: 'notarization', reason, sender: did, subject, message: `notarization not counted: ${message}`, details });
      return undefined;
    };
    const reply = await request(nc, subject, body, { deadlineMs, now });
    const res = decodeMessage('NotarizeRecordResponse', reply.data);
    const disagreement = this.disagreement(res, record);
    if (disagreement !== undefined) {
      return notCounted('notary_disagrees', 'the notary read another result', { version: record.version, disagreement });
    }
    const sig = res.signature;
    if (sig === null || sig.notaryDid !== did) {
      return notCounted('notary_signer_mismatch', 'the notary answered without its own signature', { signer: sig?.notaryDid });
    }
    const mine: NotarySignature = { notaryDid: sig.notaryDid, kid: sig.kid, signature: new Uint8Array(sig.signature) };
    const verdict = verifyNotarizedRecord(record, [mine], { threshold: 1, notaries: [did] }, authority, record.timeMs);
    if (verdict.kind !== 'met') {
      return notCounted('notary_signature_invalid', 'the notary signature does not verify', { why: verdict.ignored[0]?.reason });
    }
    return mine;
  }

  /** What differs between what the notary says it read and what the adapter read; undefined when alike. */
  private disagreement(res: MessageOutput<'NotarizeRecordResponse'>, record: NotarizedRecord): string | undefined {
    if (res.version !== record.version || res.timeMs !== record.timeMs) return `version/time ${res.version}/${res.timeMs}`;
    if (record.result.kind === 'absence') {
      if (res.absence === null || res.absence === undefined || res.absence.key !== record.key)
        return 'a record where the adapter read none';
      return undefined;
    }
    if (res.record === null || res.record === undefined || res.record.key !== record.key)
      return 'an absence where the adapter read a record';
    return equalBytes(new Uint8Array(res.record.value), record.result.value) ? undefined : 'another value';
  }
}

/** How long collecting may take when the request names no deadline. */
export const DEFAULT_NOTARY_BUDGET_MS = 5_000;
/** Time kept back from a request's deadline so that a quorum failure still reaches the requester. */
const REPLY_MARGIN_MS = 250;

/** The deadline to collect by, for a request with `deadlineMs` (0: none) received at `nowMs`. */
export function collectionDeadline(deadlineMs: number, nowMs: number): number {
  if (deadlineMs === 0) return nowMs + DEFAULT_NOTARY_BUDGET_MS;
  return deadlineMs - REPLY_MARGIN_MS > nowMs ? deadlineMs - REPLY_MARGIN_MS : deadlineMs;
}

/**
 * The wire form of a notarized answer, shared by query answers (`QueryResponse.notary`) and action
 * results (`ActionResult.notary`): the evidence, and a `HeaderRef` naming the version, its hash
 * sha256 of the notarized record's layout (what the notaries signed).
 */
export function notaryEvidenceOf(answer: NotarizedAnswer): {
  notary: MessageInput<'NotaryRecordEvidence'>;
  header: MessageInput<'HeaderRef'>;
} {
  const r = answer.record;
  return {
    notary: { version: r.version, timeMs: r.timeMs, notarizations: answer.notarizations },
    header: { chainId: r.chainId, height: r.version, headerHash: sha256(notarizedRecordLayout(r)) },
  };
}
