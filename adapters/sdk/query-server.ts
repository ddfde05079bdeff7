/**
 * Answers queries for one chain in the queue group `queryQueue(chain)`, so that several
 * replicas share the load (DESIGN.md "Transport"): record queries (membership or
 * non-membership, with the SMT proof and the header it is against), index queries (the index
 * entry and each listed record, all proven against one header) and light blocks (so a gateway
 * or adapter behind can sync).
 *
 * An `evm` chain answers record queries with `QueryResponse.evm` (the block header's RLP and the
 * `eth_getProof` answer for the record's slots) instead of `proof`, `header` naming that block
 * (its number and hash); it has no light blocks and no indexes, so those requests get a
 * FAILED_PRECONDITION `unsupported_for_chain_kind` reply saying so.
 *
 * A `notary` chain (a registry in a database) answers with `QueryResponse.notary`: the database
 * version read, the time, and the signatures of its notaries, each of whom read the record at that
 * version itself (collected by notary-collector.ts before answering); `header` names the version,
 * its hash sha256 of the notarized record's layout. No proof, no light blocks, no indexes.
 *
 * Every malformed or unanswerable request gets an error REPLY (src/bus/request.ts headers:
 * INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION), never silence; only a request already past
 * its `deadline_ms` is dropped, as wire.proto says (its requester stopped waiting).
 */
import type { Msg, NatsConnection, Subscription } from 'nats';
import { reportDrop } from '../../src/bus/dropped.js';
import { replyError, replyOk } from '../../src/bus/request.js';
import { indexSubject, lightblockSubject, querySubject, queryQueue } from '../../src/bus/subjects.js';
import { encodeLightBlock } from '../../src/chain/signed-header.js';
import { ByteReader } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode, type Reason } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { CourtbridgeMetrics } from '../../src/metrics.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput } from '../../src/wire/messages.js';
import type { BftSmtChainBackend, ChainBackend, QueryHeight } from './chain-backend.js';
import type { AdapterDefinition, RecordTypeSpec } from './definition.js';
import { headerRefOf, proofToWire } from '../../src/verify/bundle-convert.js';
import { evmEvidenceOf } from './evm-evidence.js';
import { collectionDeadline, type NotaryCollector, notaryEvidenceOf } from './notary-collector.js';

export interface QueryServerOptions {
  nc: NatsConnection;
  backend: ChainBackend;
  definition: Pick<AdapterDefinition, 'chainId' | 'recordTypes'>;
  now: () => number;
  logger: Logger;
  /** Most records an index query returns; 100 unless told (the request's `limit` may lower it). */
  maxIndexItems?: number;
  /** Collects a `notary` chain's notarizations (required when the backend is of kind `notary`). */
  notary?: NotaryCollector;
  /** Where expired requests are counted (bus/dropped.ts), with their log lines. */
  metrics?: CourtbridgeMetrics;
  /** Count of answered / errored / dropped requests, for tests and metrics. */
  onOutcome?: (kind: 'query' | 'index' | 'lightblock', outcome: 'ok' | 'error' | 'expired') => void;
}

export interface QueryServer {
  readonly subscriptions: readonly Subscription[];
  /** Stop taking requests and finish the ones in flight. */
  drain(): Promise<void>;
}

const invalid = (reason: Reason, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, reason, message);

function recordTypeOf(def: QueryServerOptions['definition'], name: string): RecordTypeSpec {
  const rt = def.recordTypes.find((r) => r.name === name);
  if (rt === undefined) {
    throw new CourtbridgeError(
      ErrorCode.NotFound,
      'unknown_record_type',
      `chain ${def.chainId} has no record type ${JSON.stringify(name).slice(0, 80)} (it has: ${def.recordTypes.map((r) => r.name).join(', ')})`,
    );
  }
  return rt;
}

const heightOf = (h: number): QueryHeight => (h === 0 ? { kind: 'latest' } : { kind: 'at', height: h });

/** The backend when its chain has what `what` needs (light blocks, indexes): a `bft-smt` chain. */
function bftSmtBackend(o: QueryServerOptions, what: string): BftSmtChainBackend {
  if (o.backend.kind === 'bft-smt') return o.backend;
  throw new CourtbridgeError(
    ErrorCode.FailedPrecondition,
    'unsupported_for_chain_kind',
    `chain ${o.definition.chainId} is of kind ${o.backend.kind}: it has no ${what}; ask for records by key (${o.backend.kind === 'evm' ? "its blocks are final by its notaries' signatures" : 'its records are vouched for by its notaries'})`,
  );
}

function recordOrAbsence(
  chainId: string,
  recordType: string,
  pr: { key: string; value: Uint8Array | null },
): Pick<MessageInput<'QueryResponse'>, 'record' | 'absence'> {
  return pr.value === null
    ? { absence: { chainId, key: pr.key, recordType } }
    : { record: { chainId, key: pr.key, value: pr.value, recordType } };
}

/** Answer one record query (exported for tests and for in-process use). */
export async function answerQuery(o: QueryServerOptions, data: Uint8Array): Promise<Uint8Array | 'expired'> {
  const req = decodeMessage('QueryRequest', data);
  if (req.deadlineMs !== 0 && o.now() > req.deadlineMs) return 'expired';
  const chain = o.definition.chainId;
  if (req.chainId !== chain)
    throw invalid('wrong_chain', `chainId: this adapter serves ${chain}, not ${JSON.stringify(req.chainId).slice(0, 70)}`);
  const rt = recordTypeOf(o.definition, req.recordType);
  if (req.key.length === 0 || req.key.length > 512) throw invalid('invalid_key', 'key: expected 1-512 characters');
  if (!req.key.startsWith(rt.keyPrefix)) throw invalid('key_not_of_record_type', `key: a ${rt.name} key starts with ${rt.keyPrefix}`);
  const height = heightOf(req.height);
  if (o.backend.kind === 'notary') {
    if (o.notary === undefined) throw new TypeError('query server: a notary chain needs its notary collector (options.notary)');
    const read = await o.backend.queryRecord(req.key, height);
    const answer = await o.notary.collect(rt.name, read, collectionDeadline(req.deadlineMs, o.now()), req.requestId);
    return encodeMessage('QueryResponse', {
      requestId: req.requestId,
      ...recordOrAbsence(chain, rt.name, read),
      ...notaryEvidenceOf(answer),
    });
  }
  if (o.backend.kind === 'evm') {
    const pr = await o.backend.queryRecord(req.key, height);
    return encodeMessage('QueryResponse', {
      requestId: req.requestId,
      ...recordOrAbsence(chain, rt.name, pr),
      ...evmEvidenceOf(chain, pr),
    });
  }
  const pr = await o.backend.queryRecord(req.key, height);
  return encodeMessage('QueryResponse', {
    requestId: req.requestId,
    ...recordOrAbsence(chain, rt.name, pr),
    proof: proofToWire(pr.proof),
    header: headerRefOf(pr.light, o.backend.hashSuite ?? 'sha256'),
  });
}

/** Answer one index query. */
export async function answerIndexQuery(o: QueryServerOptions, data: Uint8Array): Promise<Uint8Array | 'expired'> {
  const req = decodeMessage('IndexQueryRequest', data);
  if (req.deadlineMs !== 0 && o.now() > req.deadlineMs) return 'expired';
  const chain = o.definition.chainId;
  if (req.chainId !== chain)
    throw invalid('wrong_chain', `chainId: this adapter serves ${chain}, not ${JSON.stringify(req.chainId).slice(0, 70)}`);
  const backend = bftSmtBackend(o, 'index queries');
  const rt = recordTypeOf(o.definition, req.recordType);
  if (!rt.indexes.includes(req.index)) {
    throw new CourtbridgeError(
      ErrorCode.NotFound,
      'unknown_index',
      `record type ${rt.name} has no index ${JSON.stringify(req.index).slice(0, 60)} (it has: ${rt.indexes.join(', ') || 'none'})`,
    );
  }
  if (req.indexKey.length === 0 || req.indexKey.length > 256) throw invalid('invalid_index_key', 'indexKey: expected 1-256 characters');
  const max = o.maxIndexItems ?? 100;
  const limit = req.limit === 0 ? max : Math.min(req.limit, max);
  const pi = await backend.queryIndex(req.index, req.indexKey, limit, heightOf(req.height));
  const entry = pi.entry;
  return encodeMessage('IndexQueryResponse', {
    requestId: req.requestId,
    ...(entry.value === null
      ? { indexAbsence: { chainId: chain, key: entry.key, recordType: rt.name } }
      : { indexRecord: { chainId: chain, key: entry.key, value: entry.value, recordType: rt.name } }),
    indexProof: proofToWire(entry.proof),
    items: pi.items
      .filter((it) => it.value !== null)
      .map((it) => ({
        record: {
          chainId: chain,
          key: it.key,
          value: it.value!,
          recordType: it.key.startsWith(rt.keyPrefix)
            ? rt.name
            : (o.definition.recordTypes.find((r) => it.key.startsWith(r.keyPrefix))?.name ?? ''),
        },
        proof: proofToWire(it.proof),
      })),
    header: headerRefOf(entry.light, backend.hashSuite ?? 'sha256'),
    truncated: pi.truncated,
  });
}

/** Answer one light-block request: payload empty or u64 BE height (0 = latest). */
export async function answerLightBlock(o: QueryServerOptions, data: Uint8Array): Promise<Uint8Array> {
  const backend = bftSmtBackend(o, 'light blocks');
  let height = 0;
  if (data.length !== 0) {
    if (data.length !== 8) throw invalid('invalid_height', 'lightblock request: expected an empty payload or a u64 BE height');
    height = new ByteReader(data).u64n('height');
  }
  const lb = height === 0 ? await backend.latestLightBlock() : await backend.lightBlockAt(height);
  return encodeLightBlock(lb);
}

export function startQueryServer(o: QueryServerOptions): QueryServer {
  const chain = o.definition.chainId;
  const queue = queryQueue(chain);
  const serve = (
    kind: 'query' | 'index' | 'lightblock',
    subject: string,
    answer: (data: Uint8Array) => Promise<Uint8Array | 'expired'>,
  ): Subscription =>
    o.nc.subscribe(subject, {
      queue,
      callback: (err, msg: Msg) => {
        if (err) {
          o.logger.warn({ err, subject }, 'query subscription error');
          return;
        }
        void answer(msg.data).then(
          (out) => {
            if (out === 'expired') {
              reportDrop(o, {
                kind: 'query',
                reason: 'deadline_passed',
                subject,
                message: `a ${kind} request arrived after its deadline_ms`,
              });
              o.onOutcome?.(kind, 'expired');
              return;
            }
            replyOk(msg, out);
            o.onOutcome?.(kind, 'ok');
          },
          (e: unknown) => {
            if (!(e instanceof CourtbridgeError)) o.logger.error({ err: e, subject }, 'query failed');
            replyError(msg, e);
            o.onOutcome?.(kind, 'error');
          },
        );
      },
    });
  const subscriptions = [
    serve('query', querySubject(chain), (d) => answerQuery(o, d)),
    serve('index', indexSubject(chain), (d) => answerIndexQuery(o, d)),
    serve('lightblock', lightblockSubject(chain), (d) => answerLightBlock(o, d)),
  ];
  return {
    subscriptions,
    drain: async () => {
      await Promise.all(subscriptions.map((s) => (s.isClosed() ? Promise.resolve() : s.drain())));
    },
  };
}
