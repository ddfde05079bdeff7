/**
 * Circuit breaker per chain ("Freshness and safety valves"): a tripped chain refuses
 * actions until a quorum of alliance admins resets it. State lives in the JetStream KV bucket
 * `cb_breakers` (key = chain id) so every gateway replica agrees; tripping is automatic on a
 * burst of action failures (counted per replica in a sliding window) or on misbehaviour
 * (the query path calls `trip` when it freezes a light client), or by an operator order
 * (ChainService/TripBreaker). Resetting needs an OperatorOrder approved by a quorum of admins
 * (each approval signs signingInput("courtbridge/v1/operator-order", protobuf(OperatorOrder))),
 * fresh (`orderWindowMs`), used once (its nonce is claimed in the shared replay bucket).
 *
 * Every trip and reset is appended to the audit log: a signed `audit.entry` envelope (body:
 * protobuf AuditEntry) on `cb.v1.events.audit` (stream CB_EVENTS), JetStream-deduplicated by
 * its msg id. `AuditEntry.sequence` is left 0: the stream sequence orders the log.
 */
import type { JetStreamClient, KV } from 'nats';
import type { Misbehaviour, MisbehaviourKind } from '../chain/misbehaviour.js';

import { publishWithId } from '../bus/jetstream.js';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../bus/envelope.js';
import { replayKey } from '../bus/replay-kv.js';
import { assertChainId, eventsSubject } from '../bus/subjects.js';
import { sha256, signingInput, SignTag, type SigningInput } from '../crypto/hash.js';
import { fromUtf8, toHex, utf8 } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { RegistryState } from '../identity/registry.js';
import type { Logger } from '../log.js';
import type { BreakerConfig } from '../config/gateway-config.js';
import { encodeMessage } from '../wire/codec.js';
import type { MessageInput } from '../wire/messages.js';
import type { ChainStatus } from '../generated/courtbridge/v1/ChainStatus.js';
import type { TripBreakerRequest__Output } from '../generated/courtbridge/v1/TripBreakerRequest.js';
import type { ResetBreakerRequest__Output } from '../generated/courtbridge/v1/ResetBreakerRequest.js';
import type { UnfreezeChainRequest__Output } from '../generated/courtbridge/v1/UnfreezeChainRequest.js';
import type { OperatorOrder__Output } from '../generated/courtbridge/v1/OperatorOrder.js';
import { requireAdminQuorum, type QuorumEvidence } from './auth/admin-approvals.js';
import type { RelayMetrics } from './metrics-http.js';

/** KV bucket of breaker states. */
export const BREAKER_BUCKET = 'cb_breakers';
/** Audit-log subject (stream CB_EVENTS). */
export const AUDIT_SUBJECT = eventsSubject('audit');

/** What each misbehaviour kind means, for the breaker's log and the audit trail. */
const MISBEHAVIOUR_WORDS: Record<MisbehaviourKind, string> = {
  conflicting_headers: 'two signed headers for one height',
  time_violation: 'a signed header whose time contradicts a trusted neighbour',
  lunatic_attack:
    'a header naming a made-up validator set, signed by more than the trust level of a trusted set, contradicted by a witness',
  fork_detected: 'a witness holds another header signed by the same validators',
};

/**
 * The reason a breaker trips with when a light client froze: the misbehaviour's kind (as the
 * evidence names it), the height, and what it means, e.g.
 * `light client frozen: lunatic_attack at height 40 (a header naming a made-up validator set, ...)`.
 */
export function misbehaviourTripReason(m: Pick<Misbehaviour, 'kind' | 'first'> | undefined): string {
  if (m === undefined) return 'light client frozen: misbehaviour';
  return `light client frozen: ${m.kind} at height ${m.first.signedHeader.header.height} (${MISBEHAVIOUR_WORDS[m.kind] ?? m.kind})`;
}

/** Who or what tripped a breaker. */
export type TripCause = 'operator' | 'failure_burst' | 'misbehaviour';

export type BreakerRecord =
  | { readonly state: 'closed'; readonly atMs: number; readonly actorDid: string; readonly reason: string }
  | { readonly state: 'open'; readonly atMs: number; readonly actorDid: string; readonly reason: string; readonly cause: TripCause };

export interface BreakersOptions {
  kv: KV;
  /** The shared replay bucket (`cb_replay`): operator-order nonces are claimed there. */
  replayKv: KV;
  js: JetStreamClient;
  signer: EnvelopeSigner;
  state: () => RegistryState;
  config: BreakerConfig;
  now?: () => number;
  metrics?: RelayMetrics;
  logger: Logger;
}

const JS_WRONG_LAST_SEQUENCE = 10071;

/** An operator order as decoded from any of the three operator RPCs (chain.proto). */
export type OperatorOrder = OperatorOrder__Output;
/** The order and approvals part shared by TripBreaker, ResetBreaker and UnfreezeChain requests. */
export type OperatorOrderRequest = Pick<
  TripBreakerRequest__Output | ResetBreakerRequest__Output | UnfreezeChainRequest__Output,
  'order' | 'approvals'
>;

export class Breakers {
  private readonly now: () => number;
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly o: BreakersOptions) {
    this.now = o.now ?? Date.now;
  }

  /** The breaker of `chain` (closed when never tripped). */
  async get(chain: string): Promise<BreakerRecord> {
    assertChainId(chain, 'chain_id');
    const e = await this.o.kv.get(chain);
    if (e === null || e.operation !== 'PUT' || e.value.length === 0) return { state: 'closed', atMs: 0, actorDid: '', reason: '' };
    return JSON.parse(fromUtf8(e.value)) as BreakerRecord;
  }

  /**
   * Refuse when the chain's breaker is open.
   * @throws CourtbridgeError FAILED_PRECONDITION `breaker_open` naming the chain and how to reset
   */
  async assertClosed(chain: string): Promise<void> {
    const b = await this.get(chain);
    if (b.state === 'open') {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'breaker_open',
        `chain ${chain}: circuit breaker open since ${new Date(b.atMs).toISOString()} (${b.cause}: ${b.reason}); actions are refused until alliance admins reset it with ChainService/ResetBreaker carrying a quorum of admin approvals`,
        { details: { chain } },
      );
    }
  }

  /** Open the breaker (idempotent) and append the trip to the audit log. */
  async trip(chain: string, cause: TripCause, reason: string, actorDid: string): Promise<BreakerRecord> {
    const rec: BreakerRecord = { state: 'open', atMs: this.now(), actorDid, reason, cause };
    await this.o.kv.put(chain, utf8(JSON.stringify(rec)));
    this.o.metrics?.breakerOpen.set({ chain }, 1);
    this.o.logger.warn({ chain, cause, reason, actor: actorDid }, 'circuit breaker tripped');
    await this.audit('breaker_tripped', actorDid, `chain ${chain}: ${cause}: ${reason}`);
    return rec;
  }

  /**
   * Close the breaker (idempotent) and append the reset to the audit log. For callers that have
   * checked their own authority (UnfreezeChain's admin quorum resolving the misbehaviour that
   * tripped it); operators use `resetByOrder`.
   */
  async close(chain: string, actorDid: string, reason: string): Promise<BreakerRecord> {
    const rec: BreakerRecord = { state: 'closed', atMs: this.now(), actorDid, reason };
    await this.o.kv.put(chain, utf8(JSON.stringify(rec)));
    this.failures.delete(chain);
    this.o.metrics?.breakerOpen.set({ chain }, 0);
    this.o.logger.info({ chain, actor: actorDid }, 'circuit breaker closed');
    await this.audit('breaker_reset', actorDid, `chain ${chain}: ${reason}`);
    return rec;
  }

  /** Count an action failure; trips the breaker on `failureThreshold` within `failureWindowMs`. */
  async recordFailure(chain: string, reason: string): Promise<void> {
    const now = this.now();
    const list = (this.failures.get(chain) ?? []).filter((t) => now - t < this.o.config.failureWindowMs);
    list.push(now);
    this.failures.set(chain, list);
    if (list.length >= this.o.config.failureThreshold) {
      this.failures.set(chain, []);
      if ((await this.get(chain)).state !== 'open') {
        await this.trip(
          chain,
          'failure_burst',
          `${list.length} action failures within ${this.o.config.failureWindowMs} ms (last: ${reason})`,
          this.o.signer.did,
        );
      }
    }
  }

  /** ChainService/TripBreaker: an approved operator order opens the breaker. */
  async tripByOrder(req: TripBreakerRequest__Output): Promise<ChainStatus> {
    const { order, evidence } = await this.checkOrder(req, 'OPERATOR_OPERATION_TRIP_BREAKER');
    const rec = await this.trip(order.chainId, 'operator', order.reason || 'operator order', evidence.approvedBy.join(','));
    return statusOf(order.chainId, rec);
  }

  /** ChainService/ResetBreaker: an approved operator order closes an open breaker. */
  async resetByOrder(req: ResetBreakerRequest__Output): Promise<ChainStatus> {
    const { order, evidence } = await this.checkOrder(req, 'OPERATOR_OPERATION_RESET_BREAKER');
    const cur = await this.get(order.chainId);
    if (cur.state !== 'open')
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'breaker_not_open',
        `chain ${order.chainId}: the circuit breaker is not open; nothing to reset`,
      );
    const rec: BreakerRecord = { state: 'closed', atMs: this.now(), actorDid: evidence.approvedBy.join(','), reason: order.reason };
    await this.o.kv.put(order.chainId, utf8(JSON.stringify(rec)));
    this.failures.delete(order.chainId);
    this.o.metrics?.breakerOpen.set({ chain: order.chainId }, 0);
    this.o.logger.info({ chain: order.chainId, approvedBy: evidence.approvedBy }, 'circuit breaker reset');
    await this.audit(
      'breaker_reset',
      rec.actorDid,
      `chain ${order.chainId}: reset by ${evidence.approvedBy.length} admins: ${order.reason}`,
    );
    return statusOf(order.chainId, rec);
  }

  /**
   * Stateless checks of an operator order, then its quorum, then its nonce (once).
   * @throws INVALID_ARGUMENT `order_malformed`, `operation_mismatch`; FAILED_PRECONDITION `stale_order`;
   *   PERMISSION_DENIED `approval_quorum_not_met`; ALREADY_EXISTS `order_replayed`
   */
  private async checkOrder(
    req: OperatorOrderRequest,
    operation: OperatorOrder['operation'],
  ): Promise<{ order: OperatorOrder; evidence: QuorumEvidence }> {
    const checked = this.verifyOrder(req, operation);
    await this.claimOrder(checked.order);
    return checked;
  }

  /**
   * Stateless checks of an operator order and its admin quorum (no shared writes: callers that
   * check more state, e.g. UnfreezeChain, call `claimOrder` once everything else holds).
   * @throws INVALID_ARGUMENT `order_malformed`, `operation_mismatch`; FAILED_PRECONDITION `stale_order`;
   *   PERMISSION_DENIED `approval_quorum_not_met`
   */
  verifyOrder(req: OperatorOrderRequest, operation: OperatorOrder['operation']): { order: OperatorOrder; evidence: QuorumEvidence } {
    const order = req.order;
    if (order === null || order === undefined) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'order_malformed', 'order: required');
    if (order.operation !== operation)
      throw new CourtbridgeError(
        ErrorCode.InvalidArgument,
        'operation_mismatch',
        `order.operation: ${order.operation} sent to the ${operation} method`,
      );
    assertChainId(order.chainId, 'order.chain_id');
    if (order.nonce.length !== 16)
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'order_malformed', 'order.nonce: expected 16 random bytes');
    const now = this.now();
    const issued = Number(order.issuedAtMs);
    if (now - issued > this.o.config.orderWindowMs || issued - now > 30_000) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'stale_order',
        `order.issued_at_ms ${issued} is outside the gateway's order window of ${this.o.config.orderWindowMs} ms; have the admins approve a fresh order`,
      );
    }
    const input = operatorOrderSigningInput(order);
    const evidence = requireAdminQuorum(
      this.o.state(),
      input,
      req.approvals.map((a) => ({ adminDid: a.adminDid, kid: a.kid, signature: new Uint8Array(a.signature) })),
      now,
    );
    return { order, evidence };
  }

  /**
   * Claim the order's nonce in the shared replay bucket: an order is executed once, by one replica.
   * @throws ALREADY_EXISTS `order_replayed`; UNAVAILABLE `replay_unavailable`
   */
  async claimOrder(order: OperatorOrder): Promise<void> {
    try {
      await this.o.replayKv.create(replayKey('operator-order', toHex(order.nonce)), utf8(String(this.now())));
    } catch (e) {
      if ((e as { api_error?: { err_code?: number } }).api_error?.err_code === JS_WRONG_LAST_SEQUENCE) {
        throw new CourtbridgeError(ErrorCode.AlreadyExists, 'order_replayed', 'this operator order (nonce) was already executed');
      }
      throw new CourtbridgeError(ErrorCode.Unavailable, 'replay_unavailable', `cannot record the order nonce: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }

  /** Append a signed entry to the audit log. */
  async audit(event: string, actorDid: string, detail: string): Promise<void> {
    const atMs = this.now();
    const fields: MessageInput<'AuditEntry'> = { sequence: 0, atMs, actorDid, event, detail };
    const entryHash = sha256(encodeMessage('AuditEntry', fields));
    const body = encodeMessage('AuditEntry', { ...fields, entryHash });
    const env = sealEnvelope(this.o.signer, 'audit.entry', body, atMs);
    await publishWithId(this.o.js, AUDIT_SUBJECT, encodeEnvelope(env), `${env.senderDid}/${env.msgId}`);
  }
}

/**
 * The bytes admins sign for an operator order: signingInput(OperatorOrder tag, deterministic
 * protobuf). Deterministic means proto3 canonical: fields in number order, fields holding their
 * default (empty string or bytes, 0, UNSPECIFIED) omitted, so a client that leaves a field out
 * and a server that decoded it as its default sign the same bytes.
 */
export function operatorOrderSigningInput(order: MessageInput<'OperatorOrder'>): SigningInput {
  const canonical: MessageInput<'OperatorOrder'> = {};
  if (order.operation !== undefined && order.operation !== 'OPERATOR_OPERATION_UNSPECIFIED' && order.operation !== 0)
    canonical.operation = order.operation;
  if (order.chainId) canonical.chainId = order.chainId;
  if (order.reason) canonical.reason = order.reason;
  if (order.issuedAtMs !== undefined && Number(order.issuedAtMs) !== 0) canonical.issuedAtMs = Number(order.issuedAtMs);
  if (order.nonce !== undefined && order.nonce.length > 0) canonical.nonce = order.nonce;
  if (order.trustedHeaderHash !== undefined && order.trustedHeaderHash.length > 0) canonical.trustedHeaderHash = order.trustedHeaderHash;
  return signingInput(SignTag.OperatorOrder, encodeMessage('OperatorOrder', canonical));
}

function statusOf(chain: string, rec: BreakerRecord): ChainStatus {
  return {
    chainId: chain,
    breaker: rec.state === 'open' ? 'BREAKER_STATE_OPEN' : 'BREAKER_STATE_CLOSED',
    reason: rec.state === 'open' ? rec.reason : '',
    observedAtMs: rec.atMs,
  };
}
