/**
 * WatchService/WatchActions (watch.proto): every change of a chain's actions, in order, resumable
 * from a sequence ("Watch: server-streaming headers and actions per chain, resumable from
 * a height/sequence"), for agencies and auditors.
 *
 * Source: the action log is the JetStream stream behind the `cb_actions` KV bucket
 * (`KV_cb_actions`, history 5): each change of an action (PENDING when the `action.request` went to
 * CB_ACTIONS, then the adapter's `action.result` from CB_RESULTS, applied by the tracker) is one
 * message there, so its stream sequence is the single monotonic position the proto asks for
 * (`ActionEvent.sequence`, "the action after the change"). CB_ACTIONS and CB_RESULTS each count
 * their own sequence; one position over both would need a merge no resume could reproduce.
 *
 * Every event's evidence is re-checked before it is sent (action-proof.ts): an entry without the
 * court's signed order for it is no action and is dropped; a status only an adapter's result may
 * set (EXECUTED, REJECTED, FAILED, DELIVERED) is sent only with its signed `action.result` (by an
 * adapter DID granted the chain, for this action id and status), else the event is sent as what
 * the order proves: PENDING, reason `action_state_unproven`. Dropped events are logged.
 *
 * Who sees what (src/relay/policy.ts row rules): admins every action of the chain; agencies and
 * adapters only their own chains (else PERMISSION_DENIED `chain_not_granted`); courts the actions
 * they ordered (other courts' actions need the auditor role: admin).
 */
import type * as grpc from '@grpc/grpc-js';
import { DeliverPolicy, type ConsumerMessages, type NatsConnection } from 'nats';

import { ACTION_STATE_UNPROVEN, OrderSignatureCache, proveAction } from './action-proof.js';
import { Buckets } from '../../bus/subjects.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import type { RegistryState } from '../../identity/registry.js';
import type { Logger } from '../../log.js';
import { decodeMessage } from '../../wire/codec.js';
import type { MessageInput, MessageOutput } from '../../wire/messages.js';
import type { WatchChainActionsRequest__Output } from '../../generated/courtbridge/v1/WatchChainActionsRequest.js';
import type { CallContext } from '../host/call-context.js';
import { serverStream, type StreamSignal } from '../host/handlers.js';
import { chainsOf } from '../policy.js';

export interface WatchActionsOptions {
  nc: NatsConnection;
  authority: Authority;
  state: () => RegistryState;
  /** Chains this gateway follows (NOT_FOUND `unknown_chain` for others). */
  knownChain: (chainId: string) => boolean;
  now: () => number;
  logger: Logger;
  /** The action KV bucket; `Buckets.actions` unless told. */
  bucket?: string;
}

/** Who may see which events of a chain: the caller's scope, decided once at the start of the stream. */
export type WatchScope = { readonly kind: 'all' } | { readonly kind: 'own_orders'; readonly courtDid: string };

/**
 * The caller's scope on `chainId`.
 * @throws PERMISSION_DENIED `chain_not_granted` (agency or adapter of another chain), `out_of_role`
 */
export function watchScopeOf(ctx: Pick<CallContext, 'roles' | 'caller'>, state: RegistryState, chainId: string, nowMs: number): WatchScope {
  const did = ctx.caller?.did ?? '';
  if (ctx.roles.includes('admin')) return { kind: 'all' };
  if (ctx.roles.includes('agency') || ctx.roles.includes('adapter')) {
    if (chainsOf(state, did, nowMs).includes(chainId)) return { kind: 'all' };
    if (!ctx.roles.includes('court')) {
      throw new CourtbridgeError(
        ErrorCode.PermissionDenied,
        'chain_not_granted',
        `${did} may watch the actions of its own chains only (${chainsOf(state, did, nowMs).join(', ') || 'none'}), not ${chainId}`,
      );
    }
  }
  if (ctx.roles.includes('court')) return { kind: 'own_orders', courtDid: did };
  throw new CourtbridgeError(
    ErrorCode.PermissionDenied,
    'out_of_role',
    `WatchActions needs role court, agency, adapter or admin; ${did} holds none`,
  );
}

type StoredAction = MessageOutput<'Action'>;
/** Why an event of the log is not sent (counted in logs). */
export type WatchActionSkip = 'other_chain' | 'not_in_scope' | 'deleted' | 'malformed' | 'not_submitted';

/** Decide one log entry: the action to send (as far as it is proven), or why not. Pure but for the signature checks. */
export function judgeActionEvent(
  a: StoredAction,
  chainId: string,
  scope: WatchScope,
  authority: Authority,
  nowMs: number,
  orders: OrderSignatureCache = new OrderSignatureCache(1),
): StoredAction | WatchActionSkip {
  if (a.chainId !== chainId) return 'other_chain';
  if (scope.kind === 'own_orders' && a.courtDid !== scope.courtDid) return 'not_in_scope';
  const proof = proveAction(a, { authority, nowMs, orders });
  return proof.kind === 'not_submitted' ? 'not_submitted' : proof.action;
}

async function stream(
  o: WatchActionsOptions,
  call: grpc.ServerWritableStream<WatchChainActionsRequest__Output, MessageInput<'ActionEvent'>>,
  ctx: CallContext,
  signal: StreamSignal,
): Promise<'end'> {
  const req = call.request;
  const chainId = req.chainId;
  if (typeof chainId !== 'string' || chainId === '')
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'missing_chain_id', 'chain_id: required, e.g. "finance"');
  if (!o.knownChain(chainId))
    throw new CourtbridgeError(
      ErrorCode.NotFound,
      'unknown_chain',
      `the gateway does not follow chain ${JSON.stringify(chainId).slice(0, 70)} (ChainService.ListChains lists those it does)`,
    );
  const from = Number(req.fromSequence ?? 0);
  if (!Number.isSafeInteger(from) || from < 0)
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'bad_sequence', 'from_sequence: expected a stream sequence >= 0');
  const scope = watchScopeOf(ctx, o.state(), chainId, o.now());
  const bucket = o.bucket ?? Buckets.actions;
  const streamName = `KV_${bucket}`;
  if (from > 0) {
    const info = await (await o.nc.jetstreamManager()).streams.info(streamName);
    if (from < info.state.first_seq) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'sequence_pruned',
        `the oldest action event still kept is sequence ${info.state.first_seq}, after the requested ${from}; resume from ${info.state.first_seq}`,
      );
    }
  }
  // An ordered consumer: no durable state on the server, gone when the stream ends.
  const consumer = await o.nc.jetstream().consumers.get(streamName, {
    filterSubjects: `$KV.${bucket}.a.>`,
    ...(from > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from } : { deliver_policy: DeliverPolicy.New }),
  });
  const messages: ConsumerMessages = await consumer.consume();
  const orders = new OrderSignatureCache(256);
  signal.onCancel(() => void messages.close());
  for await (const m of messages) {
    if (signal.cancelled) break;
    const op = m.headers?.get('KV-Operation') ?? '';
    if (op === 'DEL' || op === 'PURGE' || m.data.length === 0) continue;
    let a: StoredAction;
    try {
      a = decodeMessage('Action', m.data);
    } catch {
      o.logger.warn({ seq: m.seq, chain: chainId }, 'watch actions: undecodable action skipped');
      continue;
    }
    const verdict = judgeActionEvent(a, chainId, scope, o.authority, o.now(), orders);
    if (typeof verdict === 'string') {
      if (verdict === 'not_submitted')
        o.logger.warn(
          { seq: m.seq, chain: chainId, actionId: a.actionId },
          'watch actions: entry without a court order for it; event dropped',
        );
      continue;
    }
    if (verdict.reason === ACTION_STATE_UNPROVEN && a.status !== verdict.status)
      o.logger.warn(
        { seq: m.seq, chain: chainId, actionId: a.actionId, stored: a.status },
        'watch actions: stored status without its signed result; sent as PENDING',
      );
    call.write({ sequence: m.seq, action: verdict });
  }
  return 'end';
}

/** The WatchActions handler. */
export function watchActionsHandler(
  o: WatchActionsOptions,
): grpc.handleServerStreamingCall<WatchChainActionsRequest__Output, MessageInput<'ActionEvent'>> {
  return serverStream((call: grpc.ServerWritableStream<WatchChainActionsRequest__Output, MessageInput<'ActionEvent'>>, ctx, signal) =>
    stream(o, call, ctx, signal),
  );
}
