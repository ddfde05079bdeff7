/**
 * ActionService ("Actions"): a court's signed order becomes an `action.request` on the
 * chain's JetStream action stream, and the adapter's signed `action.result` comes back into the
 * action's record. Stateless: every fact lives in JetStream (DESIGN.md "Scale").
 *
 * SubmitAction, in order (cheap and local first; shared state last so refusals cost no writes):
 *   1. input shape                      INVALID_ARGUMENT `bad_action_id`, `order_malformed`, `bad_chain_id`
 *   2. existing action with this id     same order -> that action (idempotent); else ALREADY_EXISTS `action_id_conflict`
 *   3. the order JWT (purpose `order`, aud = an adapter DID of the target chain, verifyJwtFastAsync)
 *                                       UNAUTHENTICATED `order_signature_invalid` (+ the JWT reason in details)
 *   4. issuer = caller, issuer is a court   PERMISSION_DENIED `order_not_from_caller`, `out_of_role`
 *   5. claims = request fields, by the adapters' own check (src/judicial/order-check.ts) with the
 *      chain's schema from the catalog (the order's kind is one of its actions, the target exactly
 *      the state key its record type gives the order's target)
 *                                       INVALID_ARGUMENT `order_malformed`, `order_wrong_chain`, `order_mismatch` naming
 *                                       the field, `unknown_action`
 *   6. judicial proof present (FAILED_PRECONDITION `judicial_proof_missing`), same case (`order_mismatch`);
 *      when composed (judicial-proof-check.ts), proven against the judicial light client and its
 *      record IS this order (src/judicial/order.ts `judicialRecordVerdict`, the adapters' rule)
 *                                       FAILED_PRECONDITION `judicial_proof_invalid`,
 *                                       `judicial_record_mismatch` naming the field,
 *                                       `judicial_record_malformed`, `judicial_order_expired`
 *   7. the chain's circuit breaker      FAILED_PRECONDITION `breaker_open`
 *   8. rate per chain, per court        RESOURCE_EXHAUSTED `chain_rate_limited`, `court_rate_limited` (+ retry-after-ms)
 *   9. the order's jti, once            ALREADY_EXISTS `order_replayed` (KV `cb_replay`, value = action id,
 *                                       so two replicas racing on one submission both go on)
 *  10. create the action               KV `cb_actions` create: one winner; the loser returns the winner's action
 *  11. publish `action.request`        stream CB_ACTIONS, Nats-Msg-Id = `action/<hash of id>` (JetStream dedupe)
 * A resubmission of a PENDING action is checked again (3-6, which fills in the judicial proof) and
 * published again under the same msg id (deduplicated by JetStream), which heals a replica that
 * crashed between 10 and 11 and a publish refused while the stream had no leader.
 *
 * JetStream briefly unavailable (a leader election, a node down; src/bus/transient.ts) is retried
 * with backoff inside the call (steps 9-11, up to `jetstreamRetryBudgetMs`), then answered
 * UNAVAILABLE with retry-after: the request is idempotent, and nothing final is recorded.
 *
 * Reads (GetAction, ListActions, WatchActions) serve an entry only as far as its signatures prove
 * it (action-proof.ts): the court's order for it, and the adapter's signed result for any status
 * past PENDING; an unproven status is served as PENDING with reason `action_state_unproven`, an
 * entry without the court's order is no action (NOT_FOUND `unknown_action`). The result tracker
 * reads the stored status the same way, so a tampered entry does not block the real result.
 */
import type { ConsumerMessages, JetStreamClient, JsMsg, KV, NatsConnection } from 'nats';
import { AckPolicy, DeliverPolicy } from 'nats';
import type * as grpc from '@grpc/grpc-js';

import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../bus/envelope.js';
import { publishWithId } from '../../bus/jetstream.js';
import { isTransientJetStreamError, retryTransient, transientBackoffMs } from '../../bus/transient.js';
import { replayKey } from '../../bus/replay-kv.js';
import type { ReplayGuard } from '../../bus/replay-guard.js';
import { verifyEnvelopes } from '../../bus/receiver.js';
import { actionsSubject, isChainId, parseChainSubject, Streams } from '../../bus/subjects.js';
import { sha256 } from '../../crypto/hash.js';
import { fromUtf8, toBase64url, toHex, utf8 } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError, type Reason } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import { verifyJwtFastAsync } from '../../identity/jwt-verify-fast.js';
import type { VerifiedJwt } from '../../identity/jwt-inspect.js';
import type { RegistryState } from '../../identity/registry.js';
import type { Logger } from '../../log.js';
import type { ActionLimitsConfig } from '../../config/gateway-config.js';
import { decodeMessage, encodeMessage } from '../../wire/codec.js';
import type { MessageOutput } from '../../wire/messages.js';
import type { Action } from '../../generated/courtbridge/v1/Action.js';
import type { ActionServiceHandlers } from '../../generated/courtbridge/v1/ActionService.js';
import type { ActionStatus__Output } from '../../generated/courtbridge/v1/ActionStatus.js';
import type { SubmitActionRequest__Output } from '../../generated/courtbridge/v1/SubmitActionRequest.js';
import type { CallContext } from '../host/call-context.js';
import { serverStream, unary, type StreamSignal } from '../host/handlers.js';
import type { Breakers } from '../breaker.js';
import { RateLimiter } from '../limits/rate-limiter.js';
import type { RelayMetrics } from '../metrics-http.js';
import { chainsOf } from '../policy.js';
import type { JudicialOrder } from '../../judicial/order.js';
import { checkOrderRequest, orderRejectionError } from '../../judicial/order-check.js';
import { orderCheckSchemaOf, type ChainCatalog } from '../chain-catalog.js';
import { OrderSignatureCache, proveAction, unverifiedAudience, type ActionProof } from './action-proof.js';
import { listKvKeys } from '../../bus/kv-keys.js';

const ACTION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The grammar SubmitAction holds an action id to (`bad_action_id` otherwise). */
export const isActionId = (id: string): boolean => ACTION_ID.test(id);
const JS_WRONG_LAST_SEQUENCE = 10071;
const FINAL: ReadonlySet<string> = new Set(['ACTION_STATUS_EXECUTED', 'ACTION_STATUS_REJECTED', 'ACTION_STATUS_FAILED']);
const RANK: Readonly<Record<string, number>> = {
  ACTION_STATUS_UNSPECIFIED: 0,
  ACTION_STATUS_PENDING: 1,
  ACTION_STATUS_DELIVERED: 2,
  ACTION_STATUS_EXECUTED: 3,
  ACTION_STATUS_REJECTED: 3,
  ACTION_STATUS_FAILED: 3,
};

/** KV key of an action id (ids may hold `:`, which KV keys may not): `a.<hex sha256(id)>`. */
export function actionKey(actionId: string): string {
  return `a.${toHex(sha256(utf8(actionId)))}`;
}

/** JetStream msg id of an action's request: the same for every replica and every retry. */
export function actionMsgId(actionId: string): string {
  return `action-${toBase64url(sha256(utf8(actionId)))}`;
}

export type StoredAction = MessageOutput<'Action'>;

/**
 * Optional deep check of the judicial proof (the query path's verifier, when composed): `order`
 * is what the verified order JWT claims, with its issuer as the court.
 */
export type JudicialProofCheck = (req: SubmitActionRequest__Output, order: JudicialOrder, nowMs: number) => Promise<void>;

export interface ActionServiceOptions {
  nc: NatsConnection;
  actionsKv: KV;
  replayKv: KV;
  signer: EnvelopeSigner;
  authority: Authority;
  state: () => RegistryState;
  breakers: Breakers;
  limits: ActionLimitsConfig;
  /** The chains' record types and actions, so orders are checked as their adapters check them; a chain not in it by rule 5's suffix only. */
  catalog?: ChainCatalog;
  judicialProof?: JudicialProofCheck;
  metrics?: RelayMetrics;
  logger: Logger;
  now?: () => number;
  /** How long a JetStream write of SubmitAction is retried while JetStream is unavailable before UNAVAILABLE; 10,000 ms unless told. */
  jetstreamRetryBudgetMs?: number;
}

/**
 * Results are applied idempotently (a status only moves forward, compare-and-set), so the
 * tracker needs no replay guard: a redelivered or replayed result changes nothing, and a guard in
 * the way would drop (and terminate) a result whose first delivery was not applied (its store
 * unreachable), which is a transient failure turned final.
 */
const RESULTS_ARE_IDEMPOTENT: ReplayGuard = { claim: async () => 'fresh' };

const bad = (reason: Reason, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, reason, message);

/** Reads the action store. */
async function load(kv: KV, actionId: string): Promise<{ action: StoredAction; revision: number } | undefined> {
  const e = await kv.get(actionKey(actionId));
  if (e === null || e.operation !== 'PUT' || e.value.length === 0) return undefined;
  try {
    return { action: decodeMessage('Action', e.value), revision: e.revision };
  } catch {
    // Bytes written past the gateway: an entry of no action (proven by nothing, see `prove`), kept
    // with its revision so a real submission of this id replaces it.
    return { action: decodeMessage('Action', new Uint8Array()), revision: e.revision };
  }
}

/** The ActionService: handlers plus the result tracker (started separately). */
export class ActionService {
  private readonly now: () => number;
  private readonly js: JetStreamClient;
  private readonly chainRate: RateLimiter;
  private readonly courtRate: RateLimiter;
  private tracker: ConsumerMessages | undefined;
  private trackerStopped = false;
  private readonly orders = new OrderSignatureCache();

  constructor(private readonly o: ActionServiceOptions) {
    this.now = o.now ?? Date.now;
    this.js = o.nc.jetstream();
    this.chainRate = new RateLimiter((chain) => o.limits.chains[chain] ?? o.limits.perChain);
    this.courtRate = new RateLimiter((court) => o.limits.courts[court] ?? o.limits.perCourt);
  }

  handlers(): Partial<ActionServiceHandlers> {
    return {
      SubmitAction: unary((req, ctx) => jetstreamUnavailableAsRetry(this.submit(req, ctx))),
      GetAction: unary(async (req, ctx) => {
        const found = await jetstreamUnavailableAsRetry(this.retrying('read action', () => load(this.o.actionsKv, req.actionId)));
        const proof = found === undefined ? undefined : this.prove(found.action, req.actionId);
        if (proof === undefined || proof.kind === 'not_submitted')
          throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_action', `no action ${req.actionId}`);
        this.assertMayRead(proof.action, ctx);
        return proof.action;
      }),
      ListActions: unary(async (req, ctx) => {
        const all: StoredAction[] = [];
        // Keys first, values after: awaiting a get inside the keys iterator loses keys (nats.js ends it with keys still queued).
        for (const key of await listKvKeys(this.o.actionsKv, 'a.>')) {
          const e = await this.o.actionsKv.get(key);
          if (e === null || e.operation !== 'PUT' || e.value.length === 0) continue;
          let stored: StoredAction;
          try {
            stored = decodeMessage('Action', e.value);
          } catch {
            continue;
          }
          const proof = this.prove(stored, undefined, key);
          if (proof.kind === 'not_submitted') continue;
          const a = proof.action;
          if (!this.mayRead(a, ctx)) continue;
          if (req.chainId !== '' && a.chainId !== req.chainId) continue;
          if (req.status !== 'ACTION_STATUS_UNSPECIFIED' && a.status !== req.status) continue;
          if (req.caseId !== '' && a.caseId !== req.caseId) continue;
          all.push(a);
        }
        all.sort((x, y) => y.submittedAtMs - x.submittedAtMs || (x.actionId < y.actionId ? -1 : 1));
        const size = Math.min(Math.max(req.page?.pageSize ?? 0, 0) || 50, 500);
        const token = req.page?.pageToken ?? '';
        const offset = token === '' ? 0 : Number(token);
        if (!Number.isSafeInteger(offset) || offset < 0)
          throw bad('bad_page_token', 'page.page_token: use the next_page_token of the previous response');
        const page = all.slice(offset, offset + size);
        return { actions: page, nextPageToken: offset + size < all.length ? String(offset + size) : '' };
      }),
      WatchActions: serverStream((call: grpc.ServerWritableStream<{ actionIds: string[] }, Action>, ctx, signal) =>
        this.watch(call, ctx, signal),
      ),
    };
  }

  /** The entry as its signatures prove it (action-proof.ts); `requested` the id it was read for, `key` the KV key it was read under. */
  private prove(a: StoredAction, requested?: string, key?: string): ActionProof {
    if (requested !== undefined && a.actionId !== requested)
      return { kind: 'not_submitted', reason: 'order_mismatch', why: `entry for ${requested} holds action ${a.actionId}` };
    const proof = proveAction(a, { authority: this.o.authority, nowMs: this.now(), orders: this.orders }, actionKey, key);
    if (proof.kind !== 'proven')
      this.o.logger.warn(
        { actionId: a.actionId, stored: a.status, proof: proof.kind, why: proof.why },
        'action entry not proven by its signatures',
      );
    return proof;
  }

  private mayRead(a: StoredAction, ctx: CallContext): boolean {
    const did = ctx.caller?.did ?? '';
    if (ctx.roles.includes('admin')) return true;
    if (ctx.roles.includes('court') && a.courtDid === did) return true;
    if (ctx.roles.includes('agency') || ctx.roles.includes('adapter')) return chainsOf(this.o.state(), did, this.now()).includes(a.chainId);
    return false;
  }

  private assertMayRead(a: StoredAction, ctx: CallContext): void {
    if (!this.mayRead(a, ctx)) {
      throw new CourtbridgeError(
        ErrorCode.PermissionDenied,
        'not_your_action',
        `action ${a.actionId} belongs to another court or chain; courts read their own actions, agencies and adapters those of their chains`,
      );
    }
  }

  /** SubmitAction (steps in the file header). */
  async submit(req: SubmitActionRequest__Output, ctx: CallContext): Promise<StoredAction> {
    // 1. shape
    if (!isActionId(req.actionId)) throw bad('bad_action_id', 'action_id: expected 1-128 characters [A-Za-z0-9._:-]');
    if (!isChainId(req.chainId)) throw bad('bad_chain_id', 'chain_id: expected a chain id [a-z0-9-]{1,64}');
    if (req.target === null || req.target.recordType === '' || req.target.key === '')
      throw bad('order_malformed', 'target: record_type and key required');
    if (req.orderJwt === '') throw bad('order_malformed', "order_jwt: the court's signed order is required");
    const caller = ctx.caller!.did;
    // 2. idempotency
    const existing = await this.retrying('read action', () => load(this.o.actionsKv, req.actionId));
    // An entry no court's order proves (written past the gateway) is overwritten by this submission.
    const existingProof = existing === undefined ? undefined : this.prove(existing.action, req.actionId);
    const known = existingProof !== undefined && existingProof.kind !== 'not_submitted' ? existingProof.action : undefined;
    // A PENDING action is published again (its first publish may have failed), so its order and
    // judicial proof are checked again first: the republished request must carry the proof
    // bundle the adapter needs, as the first one did. Anything else answers from the store.
    const republish =
      known !== undefined && known.status === 'ACTION_STATUS_PENDING' && known.orderJwt === req.orderJwt && known.chainId === req.chainId;
    if (known !== undefined && !republish) return this.resubmitted(known, req);
    const forgedRevision = existingProof === undefined ? undefined : existing!.revision;
    // 3. the order
    const nowMs = this.now();
    const aud = unverifiedAudience(req.orderJwt);
    if (aud === undefined || !this.o.authority.mayAct(aud, 'adapter', req.chainId, nowMs).ok) {
      // A placeholder or a token of the wrong kind lands here first: say what an order JWT is and which command makes one.
      const what =
        aud === undefined
          ? '不是裁定 JWT / is not an order JWT'
          : `的 aud ${aud} 不是链 ${req.chainId} 的适配器 / has aud ${aud}, not an adapter DID of chain ${req.chainId}`;
      throw new CourtbridgeError(
        ErrorCode.Unauthenticated,
        'order_signature_invalid',
        `order_jwt ${what}. 裁定 JWT 是法院签名的裁定 (按密钥算法 ES256K 或 SM2SM3, purpose order, aud = 目标链适配器 DID, claims = 裁定内容)，须先在司法链记录 order/<ORDER_ID>；` +
          '`courtbridge action order --chain ... --order ORDER_ID --as court.key --gateway-key gateway.key` 写入记录并打印它 / ' +
          "an order JWT is the court's signed order (ES256K or SM2SM3 by its key's suite, purpose order, aud the target chain's adapter DID, claims the order), " +
          'backed by the judicial record order/<ORDER_ID>; `courtbridge action order ...` writes that record and prints the JWT',
        { details: { jwtReason: 'wrong_audience' } },
      );
    }
    let order: VerifiedJwt;
    try {
      order = await verifyJwtFastAsync(req.orderJwt, { audience: aud, purpose: 'order', nowMs, authority: this.o.authority });
    } catch (e) {
      if (!isCourtbridgeError(e)) throw e;
      // The JWT's own reason leads the message: it is all a court sees of why (the trailer names order_signature_invalid).
      throw new CourtbridgeError(ErrorCode.Unauthenticated, 'order_signature_invalid', `order_jwt ${e.reason}: ${e.message}`, {
        cause: e,
        details: { jwtReason: e.reason },
      });
    }
    // 4. who ordered
    if (order.issuer !== caller)
      throw new CourtbridgeError(
        ErrorCode.PermissionDenied,
        'order_not_from_caller',
        `order_jwt is signed by ${order.issuer}, not by the caller ${caller}`,
      );
    const role = this.o.authority.mayAct(order.issuer, 'court', undefined, nowMs);
    if (!role.ok) throw new CourtbridgeError(ErrorCode.PermissionDenied, 'out_of_role', `order issuer: ${role.message}`);
    // 5. claims = fields, and 6. a judicial proof for the order's case: the adapters' own check
    // (src/judicial/order-check.ts), so an order the gateway accepts is one the adapter accepts.
    const p = order.payload;
    const schema = orderCheckSchemaOf(this.o.catalog ?? {}, req.chainId, this.o.state());
    const checked = checkOrderRequest({ claims: p, issuer: order.issuer, request: req, ...(schema === undefined ? {} : { schema }) });
    if (!checked.ok) throw orderRejectionError(checked);
    const claims = checked.order;
    const caseId = claims.caseId;
    await this.o.judicialProof?.(req, claims, nowMs);
    if (known !== undefined) return this.resubmitted(known, req);
    // 7. breaker
    await this.retrying('read breaker', () => this.o.breakers.assertClosed(req.chainId));
    // 8. rates
    const cr = this.chainRate.take(req.chainId, nowMs);
    if (!cr.ok)
      throw limited(
        'chain_rate_limited',
        `chain ${req.chainId} takes at most ${(this.o.limits.chains[req.chainId] ?? this.o.limits.perChain).limit} actions per window`,
        cr.retryAfterMs,
      );
    const ct = this.courtRate.take(caller, nowMs);
    if (!ct.ok) {
      this.chainRate.refund(req.chainId);
      throw limited(
        'court_rate_limited',
        `${caller} may order at most ${(this.o.limits.courts[caller] ?? this.o.limits.perCourt).limit} actions per window`,
        ct.retryAfterMs,
      );
    }
    // The action as 10 stores it
    const action: Action = {
      actionId: req.actionId,
      chainId: req.chainId,
      kind: req.kind,
      target: req.target,
      amount: req.amount,
      caseId,
      courtDid: caller,
      orderJwt: req.orderJwt,
      status: 'ACTION_STATUS_PENDING',
      submittedAtMs: nowMs,
      updatedAtMs: nowMs,
      attempts: 1,
    };
    // 9-10 claim the jti and create the action; unavailable here, nothing was recorded, so the
    // court's retry must not pay for this attempt in its rate.
    try {
      // 9. the order's jti, once (value: the action id it was used for)
      const jtiKey = replayKey(order.issuer, `order/${p.jti}`);
      try {
        // A retried create whose first try was stored finds its own value below: idempotent.
        await this.retrying('claim order jti', () => this.o.replayKv.create(jtiKey, utf8(req.actionId)));
      } catch (e) {
        if (apiCode(e) !== JS_WRONG_LAST_SEQUENCE) throw unavailable('replay_unavailable', e);
        const seen = await this.retrying('read order jti', () => this.o.replayKv.get(jtiKey)).catch((err: unknown) => {
          throw unavailable('replay_unavailable', err);
        });
        if (seen === null || fromUtf8(seen.value) !== req.actionId) {
          throw new CourtbridgeError(ErrorCode.AlreadyExists, 'order_replayed', `order jti ${p.jti} was already used for another action`);
        }
      }
      // 10. create (one winner across replicas)
      try {
        const value = encodeMessage('Action', action);
        await this.retrying('create action', () =>
          forgedRevision === undefined
            ? this.o.actionsKv.create(actionKey(req.actionId), value)
            : this.o.actionsKv.update(actionKey(req.actionId), value, forgedRevision),
        );
      } catch (e) {
        if (apiCode(e) !== JS_WRONG_LAST_SEQUENCE) throw unavailable('action_store_unavailable', e);
        const won = await load(this.o.actionsKv, req.actionId).catch(() => undefined);
        const wonProof = won === undefined ? undefined : this.prove(won.action, req.actionId);
        if (wonProof === undefined || wonProof.kind === 'not_submitted') throw unavailable('action_store_unavailable', e);
        return this.resubmitted(wonProof.action, req);
      }
    } catch (e) {
      if (isCourtbridgeError(e) && e.code === ErrorCode.Unavailable) {
        this.chainRate.refund(req.chainId);
        this.courtRate.refund(caller);
      }
      throw e;
    }
    // 11. publish
    const stored = decodeMessage('Action', encodeMessage('Action', action));
    await this.publish(stored, req);
    this.o.metrics?.actions.inc({ chain: req.chainId, status: 'ACTION_STATUS_PENDING' });
    ctx.log.info({ actionId: req.actionId, chain: req.chainId, kind: req.kind }, 'action accepted');
    return stored;
  }

  private async resubmitted(a: StoredAction, req: SubmitActionRequest__Output): Promise<StoredAction> {
    if (a.orderJwt !== req.orderJwt || a.chainId !== req.chainId) {
      throw new CourtbridgeError(
        ErrorCode.AlreadyExists,
        'action_id_conflict',
        `action ${req.actionId} exists with a different order; choose a new action_id`,
      );
    }
    if (a.status === 'ACTION_STATUS_PENDING') await this.publish(a, req);
    return a;
  }

  private async publish(a: StoredAction, req: SubmitActionRequest__Output): Promise<void> {
    const body = encodeMessage('ActionRequest', {
      actionId: a.actionId,
      chainId: a.chainId,
      kind: a.kind,
      target: a.target,
      amount: a.amount,
      orderJwt: a.orderJwt,
      judicialProof: req.judicialProof,
      acceptedAtMs: a.submittedAtMs,
    });
    const env = sealEnvelope(this.o.signer, 'action.request', body, this.now(), actionMsgId(a.actionId));
    try {
      await this.retrying('publish action', () =>
        publishWithId(this.js, actionsSubject(a.chainId), encodeEnvelope(env), actionMsgId(a.actionId)),
      );
    } catch (e) {
      throw unavailable('action_stream_unavailable', e);
    }
  }

  /** Retry a JetStream call of SubmitAction while JetStream is transiently unavailable, within the budget. */
  private retrying<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return retryTransient(fn, { budgetMs: this.o.jetstreamRetryBudgetMs ?? 10_000, logger: this.o.logger, what });
  }

  /**
   * Follow `action.result` envelopes from the results stream into the store. A durable consumer
   * shared by all replicas (`cb-gateway-results`): each result is applied by one of them, and
   * the store update is a compare-and-set, so a status never goes backwards.
   */
  async startTracker(): Promise<void> {
    const jsm = await this.o.nc.jetstreamManager();
    const durable = 'cb-gateway-results';
    try {
      await jsm.consumers.info(Streams.results.name, durable);
    } catch {
      await jsm.consumers.add(Streams.results.name, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: 30_000_000_000,
      });
    }
    const consume = async (): Promise<ConsumerMessages> => (await this.js.consumers.get(Streams.results.name, durable)).consume();
    this.tracker = await consume();
    void (async () => {
      for (let attempt = 0; !this.trackerStopped; attempt++) {
        try {
          await this.track(this.tracker!);
        } catch (e) {
          this.o.logger.error({ err: e }, 'action result tracker interrupted');
        }
        if (this.trackerStopped || this.o.nc.isClosed()) return;
        // The pull ended on its own (its consumer's leader lost with a node): pull again, or the
        // results of every action would wait for a restart.
        const delayMs = transientBackoffMs(Math.min(attempt, 5));
        this.o.logger.warn({ delayMs }, 'action result tracker ended while running; consuming again');
        await new Promise((r) => setTimeout(r, delayMs));
        if (this.trackerStopped || this.o.nc.isClosed()) return;
        try {
          this.tracker = await consume();
          attempt = 0;
        } catch (e) {
          this.o.logger.warn({ err: e }, 'action result consumer not reachable yet');
        }
      }
    })();
  }

  private async track(messages: ConsumerMessages): Promise<void> {
    const verified = verifyEnvelopes(messages as AsyncIterable<JsMsg>, {
      authority: this.o.authority,
      replay: RESULTS_ARE_IDEMPOTENT,
      // A result is a lasting fact signed by its adapter; one redelivered after a long outage still counts.
      maxAgeMs: Number.MAX_SAFE_INTEGER,
      maxFutureSkewMs: 30_000,
      now: this.now,
      ...(this.o.metrics === undefined ? {} : { metrics: this.o.metrics }),
      logger: this.o.logger,
      onDrop: (msg) => msg.term(),
    });
    for await (const { envelope, msg } of verified) {
      try {
        if (envelope.type !== 'action.result') {
          msg.term();
          continue;
        }
        await retryTransient(() => this.applyResult(envelope, parseChainSubject(msg.subject)?.chain ?? ''), {
          budgetMs: 20_000,
          stopped: () => this.trackerStopped,
          logger: this.o.logger,
          what: 'apply action result',
          onRetry: () => {
            try {
              msg.working();
            } catch {
              // Redelivered after ack wait instead.
            }
          },
        });
        msg.ack();
      } catch (e) {
        // Not applied (the store unreachable past the budget): redelivered, never dropped.
        this.o.logger.error({ err: e, subject: msg.subject }, 'action result not applied; redelivered later');
        msg.nak(1_000);
      }
    }
  }

  async stopTracker(): Promise<void> {
    this.trackerStopped = true;
    await this.tracker?.close();
  }

  private async applyResult(
    envelope: { senderDid: string; kid: string; type: string; msgId: string; timestampMs: number; body: Uint8Array; signature: Uint8Array },
    chain: string,
  ): Promise<void> {
    const result = decodeMessage('ActionResult', envelope.body);
    if (result.chainId !== chain) {
      this.o.logger.warn({ actionId: result.actionId, chain, claimed: result.chainId }, 'action result for another chain dropped');
      return;
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const cur = await load(this.o.actionsKv, result.actionId);
      if (cur === undefined) {
        this.o.logger.warn({ actionId: result.actionId }, 'result for an unknown action dropped');
        return;
      }
      // The stored status as its signatures prove it: a status written past the gateway (no signed
      // result) neither blocks the real result nor counts; an entry no court ordered takes none.
      const proof = this.prove(cur.action, result.actionId);
      if (proof.kind === 'not_submitted') {
        this.o.logger.warn({ actionId: result.actionId }, 'result for an entry no court order proves dropped');
        return;
      }
      const a = proof.action;
      if (a.chainId !== chain || (RANK[result.status] ?? 0) < (RANK[a.status] ?? 0) || FINAL.has(a.status)) return;
      const next: Action = {
        ...a,
        status: result.status,
        reason: result.reason,
        updatedAtMs: this.now(),
        outcome: {
          result,
          signedResult: {
            senderDid: envelope.senderDid,
            kid: envelope.kid,
            type: envelope.type,
            body: envelope.body,
            msgId: envelope.msgId,
            timestampMs: envelope.timestampMs,
            signature: envelope.signature,
          },
        },
      };
      try {
        await this.o.actionsKv.update(actionKey(a.actionId), encodeMessage('Action', next), cur.revision);
      } catch (e) {
        if (apiCode(e) === JS_WRONG_LAST_SEQUENCE) continue;
        throw e;
      }
      this.o.metrics?.actions.inc({ chain, status: result.status });
      if (result.status === 'ACTION_STATUS_FAILED') await this.o.breakers.recordFailure(chain, result.reason || 'failed');
      return;
    }
  }

  /** WatchActions: current state of each action, then every change, until all are final. */
  private async watch(
    call: grpc.ServerWritableStream<{ actionIds: string[] }, Action>,
    ctx: CallContext,
    signal: StreamSignal,
  ): Promise<'end'> {
    const ids = call.request.actionIds;
    if (ids.length < 1 || ids.length > 100) throw bad('bad_action_ids', 'action_ids: expected 1 to 100 ids');
    const keys = new Map(ids.map((id) => [actionKey(id), id]));
    const open = new Set<string>();
    for (const id of ids) {
      const found = await load(this.o.actionsKv, id);
      const proof = found === undefined ? undefined : this.prove(found.action, id);
      if (proof === undefined || proof.kind === 'not_submitted')
        throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_action', `no action ${id}`);
      this.assertMayRead(proof.action, ctx);
      call.write(proof.action);
      if (!FINAL.has(proof.action.status)) open.add(id);
    }
    if (open.size === 0) return 'end';
    const watcher = await this.o.actionsKv.watch({ key: 'a.>', include: 'updates_only' as never });
    signal.onCancel(() => watcher.stop());
    for await (const e of watcher) {
      const id = keys.get(e.key);
      if (id === undefined || !open.has(id) || e.operation !== 'PUT') continue;
      let stored: StoredAction;
      try {
        stored = decodeMessage('Action', e.value);
      } catch {
        continue;
      }
      const proof = this.prove(stored, id);
      if (proof.kind === 'not_submitted') continue;
      const a = proof.action;
      call.write(a);
      if (FINAL.has(a.status as ActionStatus__Output)) open.delete(id);
      if (open.size === 0) break;
    }
    watcher.stop();
    return 'end';
  }
}

const apiCode = (e: unknown): number | undefined => (e as { api_error?: { err_code?: number } }).api_error?.err_code;

function unavailable(reason: Reason, e: unknown): CourtbridgeError {
  return new CourtbridgeError(
    ErrorCode.Unavailable,
    reason,
    `JetStream: ${(e as Error).message}; retry the same request (it is idempotent)`,
    { cause: e, details: { retryAfterMs: 1000 } },
  );
}

/**
 * A JetStream read or write that stayed unavailable past its retries (a key read, the breaker's
 * state): UNAVAILABLE with retry-after, as the writes are, never INTERNAL; the call is idempotent.
 */
async function jetstreamUnavailableAsRetry<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (!isCourtbridgeError(e) && isTransientJetStreamError(e)) throw unavailable('action_store_unavailable', e);
    throw e;
  }
}

function limited(reason: Reason, message: string, retryAfterMs: number): CourtbridgeError {
  return new CourtbridgeError(ErrorCode.ResourceExhausted, reason, `${message}; retry after ${retryAfterMs} ms`, {
    details: { retryAfterMs },
  });
}
