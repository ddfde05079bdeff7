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
 */
import { AckPolicy, DeliverPolicy, nanos, type ConsumerMessages, type JetStreamClient, type JsMsg, type NatsConnection } from 'nats';
import { checkEnvelope } from '../../src/bus/envelope-verify.js';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../src/bus/envelope.js';
import { publishWithId } from '../../src/bus/jetstream.js';
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
  const consumer = await o.js.consumers.get(Streams.actions.name, actionConsumerName(chain));
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 8 });
  let stopping = false;
  const done = (async () => {
    try {
      for await (const m of messages) {
        if (stopping) {
          // Not taken: leave it for a replica (nak now instead of waiting for ack wait).
          m.nak();
          continue;
        }
        if ((await handle(o, m)) === 'crashed') return;
      }
    } catch (e) {
      o.logger.error({ err: e }, 'action consumer stopped');
    }
  })();
  return {
    done,
    stop: async () => {
      stopping = true;
      messages.stop();
      await done;
    },
  };
}

async function publishResult(o: ActionConsumerOptions, result: MessageInput<'ActionResult'>, dedupeId: string): Promise<void> {
  const env = sealEnvelope(o.signer, 'action.result', encodeMessage('ActionResult', result), o.now());
  await publishWithId(o.js, resultsSubject(o.definition.chainId), encodeEnvelope(env), dedupeId);
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
  return { effect, proven: { proof: proofToWire(effect.state.proof), header: headerRefOf(effect.state.light) } };
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

async function handle(o: ActionConsumerOptions, m: JsMsg): Promise<Handled> {
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
        { actionId, chainId: chain, status: 'ACTION_STATUS_REJECTED', reason, detail, finishedAtMs: o.now() },
        `${actionId}.rejected`,
      );
    }
    m.ack();
    o.onResult?.(actionId, 'rejected', reason);
  };
  try {
    let verdict: OrderVerdict;
    verdict = await checkOrder(req, {
      definition: o.definition,
      adapterDid: o.signer.did,
      authority: o.authority,
      judicial: o.judicial,
      replay: o.replay,
      nowMs,
    });
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
    await publishResult(o, executedResult(chain, rt, applied, o.now()), actionId);
    if (await crashesAt(o, 'after_publish')) return 'crashed';
    m.ack();
    o.logger.info({ actionId, outcome: effect.outcome, height: effect.height }, 'action executed');
    o.onResult?.(actionId, 'executed', effect.outcome);
    return 'settled';
  } catch (e) {
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
