/**
 * QueryService: one record (or its proven absence) from any chain, or a batch, each answer a
 * ProofBundle a court can re-verify offline ("Query"; query.proto).
 *
 * The hot path of one query, in order:
 *   1. check the input where it enters (INVALID_ARGUMENT naming the field), the chain is known
 *      (NOT_FOUND `unknown_chain`) and its client serves (FAILED_PRECONDITION `client_frozen`,
 *      `client_expired`);
 *   2. QueryRequest over NATS with the call's deadline (UNAVAILABLE `adapter_unavailable`,
 *      DEADLINE_EXCEEDED);
 *   3. the header the answer refers to is verified by the light client, its hash equal to the
 *      verified one (cached: no signature on a hit);
 *   4. the SMT proof against the verified state root (membership or non-membership), and the
 *      attestations where the chain's policy asks for them: a reply the chain's validators vouch
 *      for needs no signature of its own (DESIGN.md "Budgets");
 *   5. freshness: FAILED_PRECONDITION `stale_state` when the state is older than asked;
 *   6. the receipt: a leaf of a group-committed batch (default) or a JWT (receipts/).
 * An `evm` chain takes the same steps with its notaries' final blocks (query-evm.ts); a `notary`
 * chain has no header at all: its notaries' signatures over the record stand for steps 3-4
 * (query-notary.ts).
 */
import { randomUUID } from 'node:crypto';
import { utf8 } from '../../encoding/bytes.js';
import { asCourtbridgeError, CourtbridgeError, ErrorCode, STATUS_OF, type Reason } from '../../errors.js';
import { ORGAN_ROLES, type Authority, type Role } from '../../identity/authority.js';
import type { Logger } from '../../log.js';
import type { SmtProof } from '../../proof/smt-proof.js';
import { verifyProof } from '../../proof/verify.js';
import type { QueryServiceHandlers } from '../../generated/courtbridge/v1/QueryService.js';
import type { QueryBatchRequest__Output } from '../../generated/courtbridge/v1/QueryBatchRequest.js';
import type { QueryRecordRequest__Output } from '../../generated/courtbridge/v1/QueryRecordRequest.js';
import { contextOf, type ContextOf } from '../host/call-context.js';
import { unary } from '../host/handlers.js';
import type { MessageInput, MessageOutput } from '../../wire/messages.js';
import { verifyAttestations } from '../../verify/attestations.js';
import { proofFromWire, proofToWire, signedHeaderToWire, traceBlockToWire, validatorSetToWire } from '../../verify/bundle-convert.js';
import type { ReceiptSubject } from '../../verify/receipt-layout.js';
import type { AdapterClient } from '../adapter-client.js';
import type { ChainConfig, EvmChainConfig, NotaryChainConfig } from '../light-clients/chain-config.js';
import type { NotaryBook } from '../light-clients/notary-book.js';
import { answerEvmQuery, evmEvidenceOf, evmReceiptSubject } from './query-evm.js';
import { answerNotaryQuery, notaryEvidenceOf, notaryReceiptSubject } from './query-notary.js';
import type { LightClientManager, VerifiedHeader } from '../light-clients/manager.js';
import type { ReceiptIssuer } from '../receipts/receipt-issuer.js';
import { rememberHeaderParts } from '../bundle-encoding.js';
import type { TraceBook } from '../light-clients/trace-book.js';
import type { LightBlock } from '../../chain/signed-header.js';

// ---- shared by the services -------------------------------------------------------------------

/** A Failure message (types.proto) for a partial result. */
export function failureOf(chainId: string, e: unknown): MessageInput<'Failure'> {
  const err = asCourtbridgeError(e);
  return { chainId, code: STATUS_OF[err.code].grpc, reason: err.reason, message: err.message };
}

const invalid = (reason: Reason, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, reason, message);

/** An adapter's answer that cannot be verified (a function of its own: no closure per answer). */
function unverifiable(q: CheckedQuery, why: string): CourtbridgeError {
  return new CourtbridgeError(ErrorCode.Unavailable, 'unverifiable_answer', `the adapter of ${q.chainId} answered ${q.key} with ${why}`);
}

// ---- the engine ---------------------------------------------------------------------------------

export interface QueryEngineOptions {
  manager: LightClientManager;
  adapters: AdapterClient;
  receipts: ReceiptIssuer;
  now: () => number;
  logger: Logger;
  /** Keys of attesters (and of anything else signed by alliance members). */
  authority: Authority;
  /** Anchored traces for the bundles (without it, bundles carry none and verify only at a gateway). */
  traces?: TraceBook;
  /** Final blocks of `evm` chains (their notaries' quorum); required to serve one. */
  notaries?: NotaryBook;
}

/** A record query after input checks. */
export interface CheckedQuery {
  chainId: string;
  recordType: string;
  key: string;
  /** 0 = latest. */
  height: number;
}

export interface AnswerOptions {
  requestId: string;
  requesterDid: string;
  /** 0 = the chain's default. */
  maxStalenessMs: number;
  deadlineMs: number;
}

/** The opening of a notarized kind's bundle (evm, notary): the request as asked, who asked, and the record or its absence. */
function notarizedAnswerOf(
  q: CheckedQuery,
  a: AnswerOptions,
  result: { kind: 'record'; value: Uint8Array } | { kind: 'absence' },
): Pick<MessageInput<'ProofBundle'>, 'request' | 'requestId' | 'requesterDid' | 'record' | 'absence'> {
  return {
    request: { chainId: q.chainId, recordType: q.recordType, key: q.key, height: q.height === 0 ? { latest: {} } : { at: q.height } },
    requestId: a.requestId,
    requesterDid: a.requesterDid,
    ...(result.kind === 'record'
      ? { record: { chainId: q.chainId, key: q.key, value: result.value, recordType: q.recordType } }
      : { absence: { chainId: q.chainId, key: q.key, recordType: q.recordType } }),
  };
}

const TRUST_BASIS_WIRE = {
  header_proof: 'TRUST_BASIS_HEADER_PROOF',
  attestations: 'TRUST_BASIS_ATTESTATIONS',
  header_proof_and_attestations: 'TRUST_BASIS_HEADER_PROOF_AND_ATTESTATIONS',
  notarized_state_proof: 'TRUST_BASIS_NOTARIZED_STATE_PROOF',
  notarized_record: 'TRUST_BASIS_NOTARIZED_RECORD',
} as const;
const TRUST_BASIS_NUM = {
  header_proof: 1,
  attestations: 2,
  header_proof_and_attestations: 3,
  notarized_state_proof: 4,
  notarized_record: 5,
} as const;

/** Check a RecordQuery where it enters, naming the field (`title` is its path in the request). */
export function checkRecordQuery(q: MessageOutput<'RecordQuery'> | null | undefined, title = 'query'): CheckedQuery {
  if (q === null || q === undefined) throw invalid('missing_query', `${title}: required`);
  if (typeof q.chainId !== 'string' || q.chainId === '') throw invalid('missing_chain_id', `${title}.chain_id: required, e.g. "credit"`);
  if (typeof q.recordType !== 'string' || q.recordType === '')
    throw invalid('missing_record_type', `${title}.record_type: required, e.g. "credit.debtor"`);
  if (typeof q.key !== 'string' || q.key === '') throw invalid('missing_key', `${title}.key: required`);
  if (q.key.length > 512) throw invalid('key_too_long', `${title}.key: at most 512 characters`);
  const h = q.height;
  if (h === null || h === undefined || h.height === undefined)
    throw invalid('missing_query_height', `${title}.height: set "latest": {} or "at": <height>`);
  if (h.height === 'latest') return { chainId: q.chainId, recordType: q.recordType, key: q.key, height: 0 };
  const at = h.at ?? 0;
  if (!Number.isSafeInteger(at) || at < 1) throw invalid('invalid_height', `${title}.height.at: expected a height >= 1, got ${at}`);
  return { chainId: q.chainId, recordType: q.recordType, key: q.key, height: at };
}

/** A request id given by the caller (checked) or assigned. */
export function requestIdOf(given: string | undefined, title = 'request_id'): string {
  if (given === undefined || given === '') return randomUUID();
  if (given.length > 128 || /[\u0000-\u001f]/.test(given))
    throw invalid('invalid_request_id', `${title}: at most 128 printable characters`);
  return given;
}

/** `o` with its plain objects and arrays frozen, all the way down (byte arrays cannot be). */
function frozen<T>(o: T): T {
  if (typeof o === 'object' && o !== null && !ArrayBuffer.isView(o)) {
    for (const v of Object.values(o)) frozen(v);
    Object.freeze(o);
  }
  return o;
}

type WireTrace = readonly MessageInput<'TraceBlock'>[];
interface HeaderWire {
  signedHeader: MessageInput<'SignedHeader'>;
  validatorSet: MessageInput<'ValidatorSet'>;
  trace: WireTrace | undefined;
}

/** Wire forms of traces, converted once per trace (many headers share one). */
const traceForms = new WeakMap<readonly LightBlock[], WireTrace>();
function traceWireOf(trace: readonly LightBlock[]): WireTrace {
  let w = traceForms.get(trace);
  if (w === undefined) {
    w = frozen(trace.map(traceBlockToWire));
    traceForms.set(trace, w);
  }
  return w;
}

/** Wire forms of a verified header and its trace, converted once per header (not per answer). */
const wireForms = new WeakMap<VerifiedHeader, HeaderWire>();
function wireOf(vh: VerifiedHeader, trace: readonly LightBlock[] | undefined): HeaderWire {
  let w = wireForms.get(vh);
  if (w === undefined || (w.trace === undefined && trace !== undefined)) {
    // Frozen: every bundle at this height shares them, and their encoding is remembered.
    w = {
      signedHeader: frozen(signedHeaderToWire(vh.signedHeader)),
      validatorSet: frozen(validatorSetToWire(vh.validatorSet)),
      trace: trace === undefined ? undefined : traceWireOf(trace),
    };
    wireForms.set(vh, w);
    rememberHeaderParts(w.signedHeader, w.validatorSet, w.trace);
  }
  return w;
}

/** What a verified answer is made of, before it becomes a bundle. */
export interface VerifiedAnswer {
  query: CheckedQuery;
  header: VerifiedHeader;
  /** A record's `valueHash` is the verified proof's leaf value hash (the receipt reuses it). */
  result: { kind: 'record'; value: Uint8Array; valueHash?: Uint8Array } | { kind: 'absence' };
  proof: SmtProof;
  attestations: MessageOutput<'Attestation'>[];
}

export class QueryEngine {
  constructor(readonly o: QueryEngineOptions) {}

  /** Ask the adapter, verify everything, and return the bundle with its receipt. */
  async answer(q: CheckedQuery, a: AnswerOptions): Promise<MessageInput<'ProofBundle'>> {
    const { manager } = this.o;
    const config = manager.config(q.chainId);
    if (!config.recordTypes.includes(q.recordType)) {
      throw new CourtbridgeError(
        ErrorCode.NotFound,
        'unknown_record_type',
        `chain ${q.chainId} has no record type ${JSON.stringify(q.recordType).slice(0, 60)} (it has: ${config.recordTypes.join(', ')})`,
      );
    }
    manager.assertServing(q.chainId);
    if (config.evm !== undefined) return this.answerEvm(config.evm, config, q, a);
    if (config.notary !== undefined) return this.answerNotary({ ...config, notary: config.notary }, q, a);
    // A ticket so that a batch receipt waits for this answer rather than closing without it
    // (receipts/batch-receipts.ts, load-aware close); released on every path.
    const release = this.o.receipts.begin();
    try {
      const reply = await this.o.adapters.query(
        { requestId: a.requestId, chainId: q.chainId, recordType: q.recordType, key: q.key, height: q.height },
        a.deadlineMs,
      );
      const answer = await this.verifyReply(config, q, reply, a.deadlineMs);
      this.checkFreshness(config, answer.header, a.maxStalenessMs);
      return await this.bundle(config, answer, a, release);
    } finally {
      release();
    }
  }

  /** Steps 3-4 on an adapter's reply to a record query. */
  async verifyReply(
    config: ChainConfig,
    q: CheckedQuery,
    reply: MessageOutput<'QueryResponse'>,
    deadlineMs: number,
  ): Promise<VerifiedAnswer> {
    const ref = reply.header;
    if (ref === null || ref === undefined || ref.chainId !== q.chainId || ref.height < 1 || ref.headerHash.length !== 32)
      throw unverifiable(q, 'no usable header reference');
    if (q.height !== 0 && ref.height !== q.height) throw unverifiable(q, `state at height ${ref.height}, not ${q.height}`);
    let result: VerifiedAnswer['result'];
    if (reply.result === 'record' && reply.record) {
      if (reply.record.key !== q.key || reply.record.chainId !== q.chainId) throw unverifiable(q, 'another record');
      result = { kind: 'record', value: reply.record.value };
    } else if (reply.result === 'absence' && reply.absence) {
      if (reply.absence.key !== q.key) throw unverifiable(q, 'the absence of another key');
      result = { kind: 'absence' };
    } else throw unverifiable(q, 'neither a record nor an absence');
    const header = await this.o.manager.ensureVerified(q.chainId, ref.height, ref.headerHash, deadlineMs);
    let proof: SmtProof;
    try {
      proof = proofFromWire(reply.proof);
      // Under the chain's suite (its registry entry's, carried by the verified header).
      verifyProof(header.stateRoot, utf8(q.key), result.kind === 'record' ? result.value : null, proof, header.hashSuite);
      // The proof verified, so its leaf's value hash is H(value): no need to hash it again, when H is
      // the receipt layout's SHA-256 (an SM3 chain's leaf holds SM3(value), not what the receipt commits to).
      if (result.kind === 'record' && proof.leaf !== undefined && header.hashSuite === 'sha256')
        result = { ...result, valueHash: proof.leaf.valueHash };
    } catch (e) {
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'unverifiable_answer',
        `the adapter's proof for ${q.key} does not verify against the state root of ${q.chainId}@${header.height}: ${(e as Error).message}`,
        { cause: e },
      );
    }
    if (config.attestationPolicy !== undefined && config.trustBasis !== 'header_proof') {
      const v = verifyAttestations(
        { chainId: q.chainId, recordType: q.recordType, key: q.key, result },
        reply.attestations,
        config.attestationPolicy,
        this.o.authority,
        header.timeMs,
      );
      if (v.kind === 'not_met')
        throw new CourtbridgeError(
          ErrorCode.Unavailable,
          'attestation_quorum_not_met',
          `${v.counted.length} valid attestations for ${q.key}, ${v.threshold} needed`,
        );
    }
    return { query: q, header, result, proof, attestations: reply.attestations };
  }

  /** An `evm` chain's answer (query-evm.ts), as a bundle with its receipt. */
  private async answerEvm(
    evm: EvmChainConfig,
    config: ChainConfig,
    q: CheckedQuery,
    a: AnswerOptions,
  ): Promise<MessageInput<'ProofBundle'>> {
    const notaries = this.o.notaries;
    if (notaries === undefined) throw new TypeError('QueryEngine: an evm chain needs the notary book');
    const release = this.o.receipts.begin();
    try {
      const v = await answerEvmQuery({ adapters: this.o.adapters, notaries }, evm, q, a.requestId, a.deadlineMs);
      this.checkFreshness(config, { height: v.final.block.height, timeMs: v.final.block.timeMs }, a.maxStalenessMs);
      const issued = this.o.receipts.issue(evmReceiptSubject(q, v, a));
      release();
      const receipt = await issued;
      const b = v.final.block;
      return {
        ...notarizedAnswerOf(q, a, v.result),
        evm: evmEvidenceOf(v),
        receipt,
        stateHeight: b.height,
        stateTimeMs: b.timeMs,
        trustBasis: TRUST_BASIS_WIRE.notarized_state_proof,
      };
    } finally {
      release();
    }
  }

  /** A `notary` chain's answer (query-notary.ts), as a bundle with its receipt. */
  private async answerNotary(
    config: ChainConfig & { notary: NotaryChainConfig },
    q: CheckedQuery,
    a: AnswerOptions,
  ): Promise<MessageInput<'ProofBundle'>> {
    const release = this.o.receipts.begin();
    try {
      const v = await answerNotaryQuery(this.o, config, q, a.requestId, a.deadlineMs);
      const r = v.record;
      this.checkFreshness(config, { height: r.version, timeMs: r.timeMs }, a.maxStalenessMs);
      this.o.manager.noteNotarized(q.chainId, { version: r.version, timeMs: r.timeMs, hash: v.hash });
      const issued = this.o.receipts.issue(notaryReceiptSubject(q, v, a));
      release();
      const receipt = await issued;
      return {
        ...notarizedAnswerOf(q, a, r.result),
        notary: notaryEvidenceOf(v),
        receipt,
        stateHeight: r.version,
        stateTimeMs: r.timeMs,
        trustBasis: TRUST_BASIS_WIRE.notarized_record,
      };
    } finally {
      release();
    }
  }

  /** FAILED_PRECONDITION `stale_state` when the verified state is older than allowed. */
  checkFreshness(config: ChainConfig, header: Pick<VerifiedHeader, 'height' | 'timeMs'>, maxStalenessMs: number): void {
    const limit = maxStalenessMs > 0 ? maxStalenessMs : config.defaultMaxStalenessMs;
    if (limit === undefined) return;
    const age = this.o.now() - header.timeMs;
    if (age > limit) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'stale_state',
        `the newest verified state of ${config.chainId} (height ${header.height}) is ${age} ms old, more than the ${limit} ms allowed; retry later or allow more staleness`,
      );
    }
  }

  /** The bundle with its receipt (the one signature, amortised in batch mode). */
  async bundle(
    config: ChainConfig,
    v: VerifiedAnswer,
    a: Pick<AnswerOptions, 'requestId' | 'requesterDid'>,
    release?: () => void,
  ): Promise<MessageInput<'ProofBundle'>> {
    const { query: q, header } = v;
    const subject: ReceiptSubject = {
      requestId: a.requestId,
      requesterDid: a.requesterDid,
      query: q,
      header: { chainId: header.chainId, height: header.height, hash: header.headerHash },
      result: v.result,
      proof: v.proof,
      stateTimeMs: header.timeMs,
      trustBasis: TRUST_BASIS_NUM[config.trustBasis],
      attestations: v.attestations,
    };
    const issued = this.o.receipts.issue(subject);
    // The leaf is queued: this answer no longer holds its batch open.
    release?.();
    const receipt = await issued;
    const traces = this.o.traces;
    let trace = traces?.traceFor(header.chainId, header.height);
    if (trace === undefined && traces !== undefined)
      trace = await traces.refresh(header.chainId).then(() => traces.traceFor(header.chainId, header.height));
    const w = wireOf(header, trace);
    const request: MessageInput<'RecordQuery'> = {
      chainId: q.chainId,
      recordType: q.recordType,
      key: q.key,
      height: q.height === 0 ? { latest: {} } : { at: q.height },
    };
    return {
      request,
      requestId: a.requestId,
      requesterDid: a.requesterDid,
      ...(v.result.kind === 'record'
        ? { record: { chainId: q.chainId, key: q.key, value: v.result.value, recordType: q.recordType } }
        : { absence: { chainId: q.chainId, key: q.key, recordType: q.recordType } }),
      proof: proofToWire(v.proof),
      signedHeader: w.signedHeader,
      validatorSet: w.validatorSet,
      attestations: v.attestations,
      receipt,
      stateHeight: header.height,
      stateTimeMs: header.timeMs,
      trustBasis: TRUST_BASIS_WIRE[config.trustBasis],
      ...(w.trace === undefined ? {} : { trace: w.trace as MessageInput<'TraceBlock'>[] }),
    };
  }
}

// ---- gRPC ---------------------------------------------------------------------------------------

export interface QueryServiceOptions {
  engine: QueryEngine;
  /** The chains `did` is granted now (registry); organs query only those (`mayQueryChain`). None unless told. */
  grantedChains?: (did: string) => readonly string[];
  /** The call's context (caller, deadline); the guard's unless told (host/call-context.ts). */
  contextOf?: ContextOf;
}

/** Most queries in one QueryBatch (query.proto). */
export const MAX_BATCH = 100;

/**
 * QueryService handlers for `createGatewayServer({ handlers: { QueryService: ... } })`.
 * @example
 * const handlers = queryServiceHandlers({ engine });
 */
/**
 * Row rule of QueryService (policy.ts is the coarse gate): courts and gateways query every chain; a
 * political-legal organ (procuratorate, police, justice) only the chains its registry grant names
 * (the collab chain), else PERMISSION_DENIED `chain_not_granted`.
 */
export function assertMayQueryChain(
  roles: readonly Role[],
  did: string,
  chainId: string,
  grantedChains: (did: string) => readonly string[],
): void {
  // Only a caller that is an organ and nothing more is held to its chains (the guard let nobody else in but courts and gateways).
  if (roles.includes('court') || roles.includes('gateway') || !ORGAN_ROLES.some((r) => roles.includes(r))) return;
  if (grantedChains(did).includes(chainId)) return;
  throw new CourtbridgeError(
    ErrorCode.PermissionDenied,
    'chain_not_granted',
    `${did} may query only the chains its alliance grant names (${grantedChains(did).join(', ') || 'none'}), not ${chainId}`,
  );
}

export function queryServiceHandlers(options: QueryServiceOptions): QueryServiceHandlers {
  const { engine } = options;
  const of = options.contextOf ?? contextOf;
  const granted = options.grantedChains ?? ((): readonly string[] => []);
  return {
    Query: unary(async (req: QueryRecordRequest__Output, ctx) => {
      const q = checkRecordQuery(req.query);
      assertMayQueryChain(ctx.roles, ctx.caller.did, q.chainId, granted);
      const requestId = requestIdOf(req.requestId);
      const bundle = await engine.answer(q, {
        requestId,
        requesterDid: ctx.caller.did,
        maxStalenessMs: req.maxStalenessMs ?? 0,
        deadlineMs: ctx.deadlineMs,
      });
      return { bundle };
    }, of),
    QueryBatch: unary(async (req: QueryBatchRequest__Output, ctx) => {
      const queries = req.queries ?? [];
      if (queries.length === 0) throw invalid('empty_batch', 'queries: at least one query is required');
      if (queries.length > MAX_BATCH) throw invalid('batch_too_large', `queries: at most ${MAX_BATCH}, got ${queries.length}`);
      const base = requestIdOf(req.requestId);
      const items = await Promise.all(
        queries.map(async (raw, index): Promise<MessageInput<'QueryBatchItem'>> => {
          try {
            const q = checkRecordQuery(raw, `queries[${index}]`);
            assertMayQueryChain(ctx.roles, ctx.caller.did, q.chainId, granted);
            return {
              index,
              bundle: await engine.answer(q, {
                requestId: `${base}/${index}`,
                requesterDid: ctx.caller.did,
                maxStalenessMs: req.maxStalenessMs ?? 0,
                deadlineMs: ctx.deadlineMs,
              }),
            };
          } catch (e) {
            return { index, failure: failureOf(raw?.chainId ?? '', e) };
          }
        }),
      );
      return { items };
    }, of),
  };
}
