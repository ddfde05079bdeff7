/**
 * A notary of a `notary` chain (a registry kept in a database): answers `NotarizeRecordRequest`s
 * on `notarizeSubject(chain, its DID)`. It vouches only for what it read ITSELF: it checks the
 * request (its chain, a known record type and a key of it, a time within its allowed clock skew,
 * a version its copy of the database has reached, re-reading the file first), reads the record at
 * that version in its own read-only view of the database (record-db.ts), and signs the notarized
 * record (src/verify/notary-record.ts) with its DID key: the record or absence IT read. If the
 * adapter read something else, the notary's signature is over another statement and counts for
 * nothing there (adapters/sdk/notary-collector.ts).
 *
 * Refusals are error replies (src/bus/request.ts): INVALID_ARGUMENT `wrong_chain`, NOT_FOUND
 * `unknown_record_type`, INVALID_ARGUMENT `key_not_of_record_type`, FAILED_PRECONDITION
 * `notary_clock_skew`, NOT_FOUND `notary_version_unknown`.
 */
import type { Msg, NatsConnection, Subscription } from 'nats';
import { replyError, replyOk } from '../../src/bus/request.js';
import { notarizeSubject } from '../../src/bus/subjects.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import type { Signer } from '../../src/identity/signer.js';
import { type Logger, silentLogger } from '../../src/log.js';
import { type NotarizedRecord, notarizedRecordSigningInput } from '../../src/verify/notary-record.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { RecordTypeSpec } from '../sdk/definition.js';
import type { RecordDb } from './record-db.js';

/** The allowed distance between a request's time and the notary's clock, unless told. */
export const DEFAULT_NOTARY_MAX_SKEW_MS = 30_000;

export interface RecordNotaryOptions {
  nc: NatsConnection;
  chainId: string;
  /** The registry's record types: a key is notarized only under the type whose prefix it has. */
  recordTypes: readonly RecordTypeSpec[];
  /** The notary's own view of the database (opened read-only; re-read on each request). */
  db: RecordDb;
  /** The notary agency's DID key (one of the chain's registry notaries). */
  signer: Signer;
  now?: () => number;
  maxSkewMs?: number;
  logger?: Logger;
}

export interface RecordNotary {
  readonly subscription: Subscription;
  /** Stop taking requests and finish the ones in flight. */
  drain(): Promise<void>;
}

/** The queue group of one notary's replicas (they share its subject). */
export const recordNotaryQueue = (chain: string): string => `cb-notary-${chain}`;

/**
 * Answer one request: the signed `NotarizeRecordResponse` (exported for tests and in-process use).
 * @throws CourtbridgeError as listed in the file header
 */
export function answerNotarize(o: RecordNotaryOptions, data: Uint8Array): Uint8Array {
  const req = decodeMessage('NotarizeRecordRequest', data);
  if (req.chainId !== o.chainId) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'wrong_chain',
      `chainId: this notary vouches for ${o.chainId}, not ${JSON.stringify(req.chainId).slice(0, 70)}`,
    );
  }
  const rt = o.recordTypes.find((r) => r.name === req.recordType);
  if (rt === undefined) {
    throw new CourtbridgeError(
      ErrorCode.NotFound,
      'unknown_record_type',
      `chain ${o.chainId} has no record type ${JSON.stringify(req.recordType).slice(0, 80)}`,
    );
  }
  if (!req.key.startsWith(rt.keyPrefix) || req.key.length > 512) {
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'key_not_of_record_type', `key: a ${rt.name} key starts with ${rt.keyPrefix}`);
  }
  const nowMs = (o.now ?? Date.now)();
  const maxSkew = o.maxSkewMs ?? DEFAULT_NOTARY_MAX_SKEW_MS;
  if (Math.abs(req.timeMs - nowMs) > maxSkew) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'notary_clock_skew',
      `公证时间偏差过大 / the statement's time ${req.timeMs} is ${req.timeMs - nowMs} ms from this notary's clock (allowed: ${maxSkew} ms)`,
    );
  }
  // The adapter may be ahead of this notary's view: read what was appended first.
  const current = o.db.refresh();
  if (req.version > current) {
    throw new CourtbridgeError(
      ErrorCode.NotFound,
      'notary_version_unknown',
      `this notary's copy of ${o.chainId} is at version ${current}, not yet at ${req.version}; ask again later`,
    );
  }
  const value = o.db.get(req.key, req.version);
  const record: NotarizedRecord = {
    chainId: o.chainId,
    recordType: rt.name,
    key: req.key,
    result: value === null ? { kind: 'absence' } : { kind: 'record', value },
    version: req.version,
    timeMs: req.timeMs,
  };
  const signature = o.signer.sign(notarizedRecordSigningInput(record));
  return encodeMessage('NotarizeRecordResponse', {
    requestId: req.requestId,
    ...(value === null
      ? { absence: { chainId: o.chainId, key: req.key, recordType: rt.name } }
      : { record: { chainId: o.chainId, key: req.key, value, recordType: rt.name } }),
    version: req.version,
    timeMs: req.timeMs,
    signature: { notaryDid: o.signer.did, kid: o.signer.kid, signature },
  });
}

/** Serve notarize requests for `o.signer`'s DID until drained. */
export function startRecordNotary(o: RecordNotaryOptions): RecordNotary {
  const logger = o.logger ?? silentLogger();
  const subject = notarizeSubject(o.chainId, o.signer.did);
  const subscription = o.nc.subscribe(subject, {
    queue: recordNotaryQueue(o.chainId),
    callback: (err, msg: Msg) => {
      if (err) {
        logger.warn({ err, subject }, 'notarize subscription error');
        return;
      }
      try {
        replyOk(msg, answerNotarize(o, msg.data));
      } catch (e) {
        if (!(e instanceof CourtbridgeError)) logger.error({ err: e, subject }, 'notarize failed');
        else logger.info({ reason: e.reason, message: e.message }, 'notarize refused');
        replyError(msg, e);
      }
    },
  });
  return {
    subscription,
    drain: async () => {
      if (!subscription.isClosed()) await subscription.drain();
    },
  };
}
