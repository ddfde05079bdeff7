/**
 * The gateway's MediationService backend when the contract runs as its own service: each call is
 * sealed in a `mediation.call` envelope signed with the gateway's key and sent over NATS
 * request/reply to the workflow service's queue group (src/workflows/mediation/mediation-wire.ts).
 * Its answer or its error (the same CourtbridgeError as in-process) comes back as is. Nobody
 * serving the subject is UNAVAILABLE `workflows_unavailable`, naming `courtbridge workflows start`.
 */
import type { NatsConnection } from 'nats';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../bus/envelope.js';
import { request } from '../../bus/request.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import type { CourtbridgeMetrics } from '../../metrics.js';
import type { MediationBackend } from '../mediation/mediation-backend.js';
import {
  MEDIATION_CALL_TYPE,
  MEDIATION_SUBJECT,
  decodeWireJson,
  encodeWireJson,
  type MediationMethod,
} from '../mediation/mediation-wire.js';

export interface MediationForwarderOptions {
  nc: NatsConnection;
  /** The gateway's signer: the workflow service checks it holds the `gateway` role. */
  signer: EnvelopeSigner;
  now: () => number;
  metrics?: CourtbridgeMetrics;
}

/** What a caller sees when no workflow service answers. */
export function workflowsUnavailable(cause?: unknown): CourtbridgeError {
  return new CourtbridgeError(
    ErrorCode.Unavailable,
    'workflows_unavailable',
    '没有运行中的工作流服务（执行合约）：请用 `courtbridge workflows start` 启动 / no workflow service is running: start one with `courtbridge workflows start`',
    cause === undefined ? undefined : { cause },
  );
}

/** A backend whose every call is forwarded, answering by `deadlineMs` (the gRPC call's deadline). */
export function forwardingBackend(o: MediationForwarderOptions, deadlineMs: number): MediationBackend {
  const call = async <T>(method: MediationMethod, ...args: unknown[]): Promise<T> => {
    const env = sealEnvelope(o.signer, MEDIATION_CALL_TYPE, encodeWireJson({ method, args }), o.now());
    try {
      const reply = await request(o.nc, MEDIATION_SUBJECT, encodeEnvelope(env), {
        deadlineMs,
        now: o.now,
        ...(o.metrics === undefined ? {} : { metrics: o.metrics }),
      });
      return decodeWireJson(reply.data) as T;
    } catch (e) {
      if (isCourtbridgeError(e) && (e.reason === 'no_responders' || e.reason === 'bus_error')) throw workflowsUnavailable(e);
      throw e;
    }
  };
  return {
    registerAgreement: (a, sig) => call('registerAgreement', a, sig),
    registerJudgment: (i, sig) => call('registerJudgment', i, sig),
    registerMediation: (m, sig) => call('registerMediation', m, sig),
    reportWithdrawal: (w, sig) => call('reportWithdrawal', w, sig),
    reportPerformance: (r, sig) => call('reportPerformance', r, sig),
    getCase: (caseId) => call('getCase', caseId),
    listCases: (q) => call('listCases', q),
    auditPage: (q) => call('auditPage', q),
  };
}
