/**
 * The workflow service's side of MediationService (src/workflows/mediation/mediation-wire.ts):
 * every replica subscribes to `cb.v1.workflows.mediation` in the queue group `cb-workflows`,
 * opens each request's envelope against the alliance registry as this service follows it, and
 * answers from the engine. The envelope decides who is calling, never the body: its signature
 * must verify under the sender's registered key, the sender must hold the `gateway` role now,
 * it must be fresh, and its id must be new (a replay guard in shared KV, so a copy sent to
 * another replica is refused too). A refused envelope is answered with a named reason
 * (`unknown_sender`, `tampered`, `out_of_role`, `replayed`, ...) and counted.
 */
import type { Msg, NatsConnection, Subscription } from 'nats';
import { openEnvelope, type DropReason } from '../../bus/envelope-verify.js';
import type { ReplayGuard } from '../../bus/replay-guard.js';
import { replyError, replyOk } from '../../bus/request.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import { reportDrop } from '../../bus/dropped.js';
import type { Logger } from '../../log.js';
import type { MediationBackend } from '../mediation/mediation-backend.js';
import {
  MEDIATION_CALL_POLICY,
  MEDIATION_QUEUE,
  MEDIATION_SUBJECT,
  decodeMediationCall,
  encodeWireJson,
} from '../mediation/mediation-wire.js';
import type { WorkflowsMetrics } from './workflows-metrics.js';

/** Freshness of a call envelope: a gateway signs just before it sends. */
export const CALL_MAX_AGE_MS = 30_000;
export const CALL_MAX_FUTURE_SKEW_MS = 5_000;
/** A long poll waits at most this long, whatever the gateway asks. */
export const MAX_AUDIT_WAIT_MS = 10_000;

export interface MediationResponderOptions {
  nc: NatsConnection;
  backend: MediationBackend;
  authority: Authority;
  /** Shared by every replica (KV), remembering ids at least `CALL_MAX_AGE_MS + CALL_MAX_FUTURE_SKEW_MS`. */
  replay: ReplayGuard;
  now: () => number;
  logger: Logger;
  metrics?: WorkflowsMetrics;
}

export interface MediationResponder {
  /** Stop taking calls; the ones in flight are answered. */
  stop(): Promise<void>;
}

/** An envelope drop as the gateway's caller will see it. */
function refusal(reason: DropReason, message: string): CourtbridgeError {
  const code =
    reason === 'out_of_role'
      ? ErrorCode.PermissionDenied
      : reason === 'malformed' || reason === 'unknown_type'
        ? ErrorCode.InvalidArgument
        : reason === 'replay_unavailable'
          ? ErrorCode.Unavailable
          : ErrorCode.Unauthenticated;
  return new CourtbridgeError(code, reason, `工作流服务拒绝该请求 / the workflow service refused the call: ${message}`);
}

function dispatch(backend: MediationBackend, method: string, args: unknown[]): Promise<unknown> {
  const a = args as never[];
  switch (method) {
    case 'registerAgreement':
      return backend.registerAgreement(a[0]!, a[1]!);
    case 'registerJudgment':
      return backend.registerJudgment(a[0]!, a[1]!);
    case 'registerMediation':
      return backend.registerMediation(a[0]!, a[1]!);
    case 'reportWithdrawal':
      return backend.reportWithdrawal(a[0]!, a[1]!);
    case 'reportPerformance':
      return backend.reportPerformance(a[0]!, a[1]!);
    case 'getCase':
      return backend.getCase(String(a[0]));
    case 'listCases':
      return backend.listCases(a[0]!);
    default: {
      const q = (a[0] ?? {}) as { caseId?: unknown; fromSequence?: unknown; waitMs?: unknown };
      return backend.auditPage({
        caseId: String(q.caseId ?? ''),
        fromSequence: Number(q.fromSequence ?? 0),
        waitMs: Math.min(MAX_AUDIT_WAIT_MS, Math.max(0, Number(q.waitMs ?? 0))),
      });
    }
  }
}

/** Serve MediationService calls from gateways until `stop()`. */
export function startMediationResponder(o: MediationResponderOptions): MediationResponder {
  const sub: Subscription = o.nc.subscribe(MEDIATION_SUBJECT, { queue: MEDIATION_QUEUE });
  const inFlight = new Set<Promise<void>>();
  const answer = async (msg: Msg): Promise<void> => {
    let method = 'unknown';
    try {
      const r = await openEnvelope(msg.data, {
        authority: o.authority,
        replay: o.replay,
        nowMs: o.now(),
        maxAgeMs: CALL_MAX_AGE_MS,
        maxFutureSkewMs: CALL_MAX_FUTURE_SKEW_MS,
        policy: MEDIATION_CALL_POLICY,
      });
      if (r.kind === 'dropped') {
        const d = r.drop;
        o.metrics?.envelopeDropped.inc({ reason: d.reason, type: d.claimed?.type === 'mediation.call' ? 'mediation.call' : 'other' });
        reportDrop(o, {
          kind: 'mediation_call',
          reason: d.reason,
          sender: d.claimed?.senderDid,
          subject: msg.subject,
          message: `mediation call refused: ${d.message}`,
          details: { kid: d.claimed?.kid, authorityReason: d.authorityReason },
        });
        throw refusal(d.reason, d.message);
      }
      o.metrics?.envelopeAccepted.inc({ type: r.envelope.type });
      const call = decodeMediationCall(r.envelope.body);
      method = call.method;
      const result = await dispatch(o.backend, call.method, call.args);
      replyOk(msg, encodeWireJson(result));
      o.metrics?.rpcCalls.inc({ method, outcome: 'ok' });
    } catch (e) {
      if (!isCourtbridgeError(e)) o.logger.error({ err: e, method }, 'mediation call failed');
      o.metrics?.rpcCalls.inc({ method, outcome: isCourtbridgeError(e) ? e.code : 'INTERNAL' });
      replyError(msg, e);
    }
  };
  const loop = (async () => {
    for await (const msg of sub) {
      // Calls are answered concurrently: a long poll must not hold up a registration.
      const p = answer(msg).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  })();
  return {
    async stop() {
      if (!sub.isClosed()) await sub.drain();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
  };
}
