/**
 * Consumes a chain's actions from a DURABLE JetStream consumer shared by every replica
 * (explicit ack, ack wait, max deliver) and runs each one EXACTLY ONCE (DESIGN.md "Actions":
 * delivered at least once, executed once, dedupe by id):
 *
 *   open the envelope (signed by a gateway, type `action.request`; NOT replay-guarded: a
 *     redelivery carries the same envelope and must get through to the idempotent executor)
 *   -> decode ActionRequest -> checkOrder (order-check.ts)
 *   -> accepted: backend.applyAction (idempotent by action id, durable before it resolves); its
 *      effect proven by an SMT proof and light block (`bft-smt`) or, on an `evm` chain, by the
 *      block's header RLP and state proof (`ActionResult.evm`, evm-evidence.ts), on a `notary`
 *      chain by its notaries' signatures over the target read at the version written
 *      (`ActionResult.notary`, notary-collector.ts; too few in time is UNAVAILABLE: retried, and
 *      the redelivery finds the action `already_applied` and collects again)
 *      rejected: nothing changes
 *   -> publish the signed `action.result` to the results stream, Nats-Msg-Id `<actionId>`
 *      (a rejection: `<actionId>.rejected`, so a later valid request with that id still
 *      publishes its execution)
 *   -> only then ack.
 * A crash anywhere before the ack redelivers the message; the backend then reports
 * `already_applied` and the result publish is deduplicated by the stream.
 *
 * An envelope that fails its checks is terminated (`term`): its sender is not a gateway we can
 * answer; an action that fails for a transient reason (backend down) is `nak`ed with a delay and
 * retried until `maxDeliver`, where a FAILED result is published.
 *
 * JetStream itself unavailable (the order replay guard, the results stream: a leader election, a
 * node killed, a reconnect; src/bus/transient.ts) is no reason about the action: the message is
 * held and the JetStream call retried with backoff (`working()` keeps its ack wait alive) until it
 * answers or the consumer stops (then `nak`: redelivered). It never becomes a REJECTED or FAILED
 * result, and the redelivery finds the order's jti bound to the same action and the action
 * `already_applied`, so it is executed once.
 */
import { AckPolicy, DeliverPolicy, nanos, type ConsumerMessages, type JetStreamClient, type JsMsg, type NatsConnection } from 'nats';
import { checkEnvelope } from '../../src/bus/envelope-verify.js';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../src/bus/envelope.js';
import { publishWithId } from '../../src/bus/jetstream.js';
import { isTransientJetStreamError, retryTransient, transientBackoffMs } from '../../src/bus/transient.js';
import { actionsSubject, resultsSubject, Streams } from '../../src/bus/subjects.js';
import { isCourtbridgeError } from '../../src/errors.js';
import type { Authority } from '../../src/identity/authority.js';
import { reportDrop } from '../../src/bus/dropped.js';
import type { Logger } from '../../src/log.js';
import type { CourtbridgeMetrics } from '../../src/metrics.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';
import type { ActionEffect, ActionInput, ChainBackend, EvmProvenRecord, NotaryRecordRead, ProvenRecord } from './chain-backend.js';
import { evmEvidenceOf } from './evm-evidence.js';
import { DEFAULT_NOTARY_BUDGET_MS, type NotaryCollector, notaryEvidenceOf } from './notary-collector.js';
import type { AdapterDefinition } from './definition.js';
import { checkOrder, type OrderCheckContext, type OrderVerdict } from './order-check.js';
import type { OrderReplayGuard } from './order-replay.js';
import { headerRefOf, proofToWire } from '../../src/verify/bundle-convert.js';

/** Where a test may simulate a crash (the process dies: no ack, connection gone). */
export type CrashPoint = 'after_execute' | 'after_publish';

export interface ActionConsumerOptions {
  nc: NatsConnection;
  js: JetStreamClient;
  signer: EnvelopeSigner;
  authority: Authority;
  backend: ChainBackend;
  definition: Pick<AdapterDefinition, 'chainId' | 'actions' | 'recordTypes'>;
  /** The judicial light client, and how to fetch intermediate judicial light blocks (judicial-sync.ts). */
  judicial: OrderCheckContext['judicial'];
  replay: OrderReplayGuard;
  /** Collects a `notary` chain's notarizations of an action's effect (required when the backend is of kind `notary`). */
  notary?: NotaryCollector;
  now: () => number;
  logger: Logger;
  /** Where dropped action messages are counted (bus/dropped.ts), with their log lines. */
  metrics?: CourtbridgeMetrics;
  /** Redeliver an unacked action after this long; 30,000 ms unless told. */
  ackWaitMs?: number;
  /** Deliveries before giving up with a FAILED result; 5 unless told. */
  maxDeliver?: number;
  /** Oldest action envelope accepted (redeliveries are as old as the first try); 1 day unless told. */
  maxEnvelopeAgeMs?: number;
  /** Test hook: simulate a crash here. `onCrash` must kill the process-equivalent. */
  crashPoint?: CrashPoint;
  onCrash?: () => Promise<void>;
  /** Every finished message, for tests and metrics. */
  onResult?: (actionId: string, status: 'executed' | 'rejected' | 'failed', reason: string) => void;
}

export interface ActionConsumer {
  /** Stop fetching, finish the action in hand (ack it), resolve. */
  stop(): Promise<void>;
  /** Resolves when the loop has ended (stopped, crashed, or the connection closed). */
  done: Promise<void>;
}

/** Durable consumer name shared by every replica of a chain's adapter. */
export const actionConsumerName = (chain: string): string => `cb-adapter-${chain}`;

/** What became of one message: settled (acked, nak'd or terminated), or the test hook crashed the consumer on it. */
type Handled = 'settled' | 'crashed';

/** The loop's state a handler reads: whether the consumer is stopping (stop retrying, leave the message for a redelivery). */
interface LoopState {
  stopping: boolean;
}

/** Create (or bind to) the durable consumer. Safe when replicas race: the config is identical. */
async function ensureConsumer(o: ActionConsumerOptions): Promise<void> {
  const jsm = await o.nc.jetstreamManager();
  const name = actionConsumerName(o.definition.chainId);
  const config = {
    durable_name: name,
    filter_subject: actionsSubject(o.definition.chainId),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(o.ackWaitMs ?? 30_000),
    max_deliver: o.maxDeliver ?? 5,
  };
  try {
    await jsm.consumers.add(Streams.actions.name, config);
  } catch (e) {
    // Exists with another config (an operator changed it): use it as it is.
    await jsm.consumers.info(Streams.actions.name, name).catch(() => {
      throw e;
    });
  }
}

export async function startActionConsumer(o: ActionConsumerOptions): Promise<ActionConsumer> {
  await ensureConsumer(o);
  const chain = o.definition.chainId;
  const consume = async (): Promise<ConsumerMessages> =>
    (await o.js.consumers.get(Streams.actions.name, actionConsumerName(chain))).consume({ max_messages: 8 });
  let messages: ConsumerMessages = await consume();
  const loop: LoopState = { stopping: false };
  const done = (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        for await (const m of messages) {
          attempt = 0;
          if (loop.stopping) {
            // Not taken: leave it for a replica (nak now instead of waiting for ack wait).
            m.nak();
            continue;
          }
          if ((await handle(o, m, loop)) === 'crashed') return;
        }
      } catch (e) {
        o.logger.error({ err: e }, 'action consumer interrupted');
      }
      if (loop.stopping || o.nc.isClosed()) return;
      // The pull ended on its own (the consumer's leader lost with a node, heartbeats missed): pull again.
      const delayMs = transientBackoffMs(Math.min(attempt, 5));
      o.logger.warn({ delayMs }, 'action consumer ended while running; consuming again');
      await new Promise((r) => setTimeout(r, delayMs));
      if (loop.stopping || o.nc.isClosed()) return;
      try {
        messages = await consume();
      } catch (e) {
        o.logger.warn({ err: e }, 'action consumer not reachable yet');
      }
    }
  })();
  return {
    done,
    stop: async () => {
      loop.stopping = true;
      messages.stop();
      await done;
    },
  };
}

/** Thrown when the consumer stops while JetStream is still unavailable: the message is nak'ed, never settled with a result. */
class StillUnavailable extends Error {}

/**
 * Retry a JetStream call of message `m` while JetStream is transiently unavailable, keeping the
 * message's ack wait alive; gives up only when the consumer stops.
 */
function holding<T>(o: ActionConsumerOptions, m: JsMsg, loop: LoopState, what: string, fn: () => Promise<T>): Promise<T> {
  return retryTransient(fn, {
    stopped: () => loop.stopping,
    logger: o.logger,
    what: `${what} (stream seq ${m.seq})`,
    onRetry: () => {
      try {
        m.working();
      } catch {
        // The connection is down too: the redelivery after ack wait is deduplicated anyway.
      }
    },
  });
}

async function publishResult(
  o: ActionConsumerOptions,
  m: JsMsg,
  loop: LoopState,
  result: MessageInput<'ActionResult'>,
  dedupeId: string,
): Promise<void> {
  // Sealed once: a retried publish carries the same envelope, deduplicated by `dedupeId`.
  const env = encodeEnvelope(sealEnvelope(o.signer, 'action.result', encodeMessage('ActionResult', result), o.now()));
  await holding(o, m, loop, `publish result ${dedupeId}`, () => publishWithId(o.js, resultsSubject(o.definition.chainId), env, dedupeId));
}

/** checkOrder, asked again (with backoff) while its replay guard is unreachable; `unavailable` only once the consumer stops. */
async function checkOrderHolding(
  o: ActionConsumerOptions,
  m: JsMsg,
  loop: LoopState,
  req: MessageOutput<'ActionRequest'>,
): Promise<OrderVerdict> {
  for (let attempt = 0; ; attempt++) {
    const verdict = await checkOrder(req, {
      definition: o.definition,
      adapterDid: o.signer.did,
      authority: o.authority,
      judicial: o.judicial,
      replay: o.replay,
      nowMs: o.now(),
    });
    if (verdict.kind !== 'unavailable' || loop.stopping) return verdict;
    const delayMs = transientBackoffMs(attempt);
    o.logger.warn(
      { actionId: req.actionId, reason: verdict.reason, attempt, delayMs },
      'order replay guard unavailable; holding the action',
    );
    try {
      m.working();
    } catch {
      // As in `holding`.
    }
    await new Promise((r) => setTimeout(r, delayMs));
  }
}

/** Whether the test hook crashes the consumer at `point` (after `onCrash` has killed the process-equivalent). */
async function crashesAt(o: ActionConsumerOptions, point: CrashPoint): Promise<boolean> {
  if (o.crashPoint !== point) return false;
  o.logger.warn({ point }, 'test hook: simulating a crash');
  await o.onCrash?.();
  return true;
}

/** An applied action's effect and the wire fields that prove it: `proof` (bft-smt), `evm` (evm) or `notary` (notary), and `header`. */
interface AppliedAction {
  effect: ActionEffect<ProvenRecord | EvmProvenRecord | NotaryRecordRead>;
  proven: Pick<MessageInput<'ActionResult'>, 'proof' | 'header' | 'evm' | 'notary'>;
}

/** The record type a result key belongs to (by key prefix), else the action's target type. */
function resultRecordType(o: ActionConsumerOptions, key: string, kind: string): string {
  const spec = o.definition.actions.find((a) => a.kind === kind);
  return o.definition.recordTypes.find((r) => key.startsWith(r.keyPrefix))?.name ?? spec?.targetRecordType ?? '';
}

async function applyOn(o: ActionConsumerOptions, action: ActionInput): Promise<AppliedAction> {
  const backend = o.backend;
  const chain = o.definition.chainId;
  if (backend.kind === 'notary') {
    if (o.notary === undefined) throw new TypeError('action consumer: a notary chain needs its notary collector (options.notary)');
    const effect = await backend.applyAction(action);
    const rt = resultRecordType(o, effect.state.key, action.kind);
    const answer = await o.notary.collect(rt, effect.state, o.now() + DEFAULT_NOTARY_BUDGET_MS, action.actionId);
    return { effect, proven: notaryEvidenceOf(answer) };
  }
  if (backend.kind === 'evm') {
    const effect = await backend.applyAction(action);
    return { effect, proven: evmEvidenceOf(chain, effect.state) };
  }
  const effect = await backend.applyAction(action);
  return {
    effect,
    proven: { proof: proofToWire(effect.state.proof), header: headerRefOf(effect.state.light, backend.hashSuite ?? 'sha256') },
  };
}

function executedResult(chain: string, recordType: string, applied: AppliedAction, finishedAtMs: number): MessageInput<'ActionResult'> {
  const { effect, proven } = applied;
  const s = effect.state;
  return {
    actionId: effect.actionId,
    chainId: chain,
    status: 'ACTION_STATUS_EXECUTED',
    reason: effect.outcome === 'already_applied' ? 'already_applied' : '',
    detail: effect.outcome === 'already_applied' ? 'the action id was applied before; this is its effect' : '',
    ...(s.value === null
      ? { absence: { chainId: chain, key: s.key, recordType } }
      : { record: { chainId: chain, key: s.key, value: s.value, recordType } }),
    ...proven,
    finishedAtMs,
  };
}

async function handle(o: ActionConsumerOptions, m: JsMsg, loop: LoopState): Promise<Handled> {
  const chain = o.definition.chainId;
  const nowMs = o.now();
  const opened = checkEnvelope(m.data, {
    authority: o.authority,
    nowMs,
    maxAgeMs: o.maxEnvelopeAgeMs ?? 86_400_000,
    maxFutureSkewMs: 30_000,
  });
  if (opened.kind === 'dropped' || opened.envelope.type !== 'action.request') {
    reportDrop(o, {
      kind: 'action',
      reason: opened.kind === 'dropped' ? opened.drop.reason : 'wrong_type',
      sender: opened.kind === 'dropped' ? opened.drop.claimed?.senderDid : opened.envelope.senderDid,
      subject: m.subject,
      message:
        opened.kind === 'dropped' ? `action envelope dropped: ${opened.drop.message}` : `a ${opened.envelope.type} on the actions subject`,
      details: { seq: m.seq },
    });
    m.term();
    return 'settled';
  }
  let req: MessageOutput<'ActionRequest'>;
  try {
    req = decodeMessage('ActionRequest', opened.envelope.body);
  } catch (e) {
    reportDrop(o, {
      kind: 'action',
      reason: 'malformed_request',
      sender: opened.envelope.senderDid,
      subject: m.subject,
      message: `action request undecodable: ${(e as Error).message}`,
      details: { seq: m.seq },
    });
    m.term();
    return 'settled';
  }
  const actionId = req.actionId;
  const reject = async (reason: string, detail: string): Promise<void> => {
    o.logger.info({ actionId, reason }, 'action rejected');
    if (actionId.length > 0) {
      await publishResult(
        o,
        m,
        loop,
        { actionId, chainId: chain, status: 'ACTION_STATUS_REJECTED', reason, detail, finishedAtMs: o.now() },
        `${actionId}.rejected`,
      );
    }
    m.ack();
    o.onResult?.(actionId, 'rejected', reason);
  };
  try {
    const verdict = await checkOrderHolding(o, m, loop, req);
    if (verdict.kind === 'unavailable') throw new StillUnavailable(verdict.detail);
    if (verdict.kind === 'rejected') {
      // A redelivery of an action applied long ago may fail a time check (order expired): its
      // execution result was published then; never publish a misleading rejection for it.
      if (actionId.length > 0 && (await o.backend.actionApplied(actionId))) {
        o.logger.warn({ actionId, reason: verdict.reason }, 'redelivered action was already applied; acking without a new result');
        m.ack();
        return 'settled';
      }
      await reject(verdict.reason, verdict.detail);
      return 'settled';
    }
    const applied = await applyOn(o, verdict.action);
    const effect = applied.effect;
    if (await crashesAt(o, 'after_execute')) return 'crashed';
    const rt = resultRecordType(o, effect.state.key, verdict.action.kind);
    await publishResult(o, m, loop, executedResult(chain, rt, applied, o.now()), actionId);
    if (await crashesAt(o, 'after_publish')) return 'crashed';
    m.ack();
    o.logger.info({ actionId, outcome: effect.outcome, height: effect.height }, 'action executed');
    o.onResult?.(actionId, 'executed', effect.outcome);
    return 'settled';
  } catch (e) {
    // JetStream unavailable and the consumer stopping: no result of any kind, redelivered later.
    if (e instanceof StillUnavailable || (!isCourtbridgeError(e) && isTransientJetStreamError(e))) {
      o.logger.warn({ err: e, actionId }, 'JetStream unavailable; action left for a redelivery');
      m.nak(transientBackoffMs(Math.min(m.info.redeliveryCount, 5)));
      return 'settled';
    }
    // A contract refusal (the state forbids it: e.g. nothing to release, not enough balance) is final.
    if (isCourtbridgeError(e) && e.code !== 'UNAVAILABLE' && e.code !== 'INTERNAL' && e.code !== 'DEADLINE_EXCEEDED') {
      await reject(e.reason, e.message);
      return 'settled';
    }
    const deliveries = m.info.redeliveryCount;
    o.logger.error({ err: e, actionId, deliveries }, 'action failed');
    if (deliveries >= (o.maxDeliver ?? 5)) {
      await publishResult(
        o,
        m,
        loop,
        {
          actionId,
          chainId: chain,
          status: 'ACTION_STATUS_FAILED',
          reason: isCourtbridgeError(e) ? e.reason : 'internal',
          detail: 'execution failed on every delivery',
          finishedAtMs: o.now(),
        },
        `${actionId}.failed`,
      ).catch(() => undefined);
      m.term();
      o.onResult?.(actionId, 'failed', isCourtbridgeError(e) ? e.reason : 'internal');
      return 'settled';
    }
    m.nak(1_000);
    return 'settled';
  }
}
