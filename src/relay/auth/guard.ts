/**
 * The gate every courtbridge call passes before its handler ("Calls" and "Limits"),
 * applied by wrapping the handlers (one place, every call type), in this order:
 *   1. request id (`x-request-id` or a fresh one); the call's logger (a child carrying the
 *      request id, method and caller) is made only if a handler asks for it
 *   2. bearer token (authenticate.ts, cached)                -> UNAUTHENTICATED
 *   3. policy lookup (default deny)                          -> PERMISSION_DENIED `no_policy`
 *   4. membership, then role (policy.ts)                    -> PERMISSION_DENIED `not_a_member`,
 *      `member_revoked`, `out_of_role`
 *   5. per-caller rate, then per-caller concurrency         -> RESOURCE_EXHAUSTED + retry-after-ms
 *   5b. gateway-wide admission (unary calls): a slot, or a short bounded wait for one, or shed at
 *      once -> RESOURCE_EXHAUSTED `gateway_overloaded` + retry-after-ms (limits/admission.ts).
 *      Streams are not queued: a follower lives as long as its caller wants and would pin a slot;
 *      they stay bounded by the per-caller concurrency.
 *   6. deadline: unary calls get the cap when they bring none, and a longer one is shortened;
 *      when it passes the call ends DEADLINE_EXCEEDED `deadline_capped` (deadline.ts)
 *   7. metrics (calls by method and code, latency) and one log line per call, written by the
 *      gateway's logger with the call's fields (no child logger per call: pino builds and
 *      serializes one per `child`, which cost more than the line itself)
 * Every courtbridge method passes all of it: none is open. Health and reflection are not
 * courtbridge services, so they are never wrapped and need no token.
 * Handlers read what the gate established with `contextOf(call)` (host/call-context.ts).
 */
import { randomUUID } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';

import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { RegistryState } from '../../identity/registry.js';
import type { Logger } from '../../log.js';
import type { LimitsConfig } from '../../config/gateway-config.js';
import { checkPolicy, POLICY, requirementOf, type DidKeyCallers, type Requirement } from '../policy.js';
import { loadGatewayProto } from '../../wire/gateway-proto.js';
import { COURTBRIDGE_SERVICES, type CourtbridgeServiceName, type GatewayHandlers } from '../host/services.js';
import { AdmissionQueue, type ShedCause } from '../limits/admission.js';
import { ConcurrencyLimiter } from '../limits/concurrency.js';
import { bindContext, type CallContext } from '../host/call-context.js';
import { effectiveDeadline } from '../host/deadline.js';
import { RateLimiter } from '../limits/rate-limiter.js';
import type { RelayMetrics } from '../metrics-http.js';
import type { Authenticator } from './authenticate.js';
import { codeName, statusOf } from '../host/grpc-status.js';
import type { Caller } from './token-cache.js';

export interface GuardOptions {
  authenticator: Authenticator;
  /** The registry state now (roles). */
  state: () => RegistryState;
  limits: LimitsConfig;
  metrics?: RelayMetrics;
  logger: Logger;
  now?: () => number;
  policy?: Readonly<Record<string, Requirement>>;
  /** `refuse` unless the gateway config's development switch `dev.allowDidKeyCallers` is on. */
  didKeyCallers?: DidKeyCallers;
}

type AnyCall =
  | grpc.ServerUnaryCall<object, object>
  | grpc.ServerWritableStream<object, object>
  | grpc.ServerReadableStream<object, object>
  | grpc.ServerDuplexStream<object, object>;

/** The gate; `wrap` applies it to a handler set. */
export class CallGuard {
  private readonly now: () => number;
  private readonly rate: RateLimiter;
  private readonly concurrency: ConcurrencyLimiter;
  private readonly admission: AdmissionQueue;
  private readonly policy: Readonly<Record<string, Requirement>>;
  private readonly didKeyCallers: DidKeyCallers;
  /**
   * Writes the line per call: the gateway's logger without its redaction pass, which walks
   * every line for secret-bearing field names (log.ts) and would cost a third of the line; the
   * call line's fields are fixed here and none of them is one.
   */
  private readonly callLog: Logger;

  constructor(private readonly o: GuardOptions) {
    this.now = o.now ?? Date.now;
    this.callLog = o.logger.child({}, { redact: { paths: [] } });
    this.rate = new RateLimiter(() => o.limits.callsPerCaller);
    this.concurrency = new ConcurrencyLimiter(o.limits.maxConcurrentPerCaller);
    this.admission = new AdmissionQueue(
      o.limits,
      o.metrics === undefined
        ? undefined
        : { inFlight: o.metrics.admissionInFlight, queued: o.metrics.admissionQueued, shed: o.metrics.admissionShed },
    );
    this.policy = o.policy ?? POLICY;
    this.didKeyCallers = o.didKeyCallers ?? 'refuse';
  }

  /** Every provided handler, gated. */
  wrap(handlers: GatewayHandlers): GatewayHandlers {
    const proto = loadGatewayProto();
    const out: Record<string, Record<string, grpc.UntypedHandleCall>> = {};
    for (const service of COURTBRIDGE_SERVICES) {
      const provided = handlers[service] as Record<string, grpc.UntypedHandleCall | undefined> | undefined;
      if (provided === undefined) continue;
      out[service] = {};
      for (const [method, handler] of Object.entries(provided)) {
        if (handler === undefined) continue;
        const def = proto.services[service][method];
        if (def === undefined) {
          out[service][method] = handler;
          continue;
        }
        out[service][method] = this.gate(service, method, def as MethodDefinition<object, object>, handler);
      }
    }
    return out as GatewayHandlers;
  }

  private overloaded(cause: ShedCause): CourtbridgeError {
    const l = this.o.limits;
    const retryAfterMs = this.admission.retryAfterMs;
    return new CourtbridgeError(
      ErrorCode.ResourceExhausted,
      'gateway_overloaded',
      cause === 'queue_full'
        ? `the gateway is at capacity (${l.maxInFlight} calls running, ${l.maxQueued} waiting); retry after ${retryAfterMs} ms`
        : `no call slot freed within ${l.maxQueueWaitMs} ms; the gateway is overloaded, retry after ${retryAfterMs} ms`,
      { details: { retryAfterMs, cause } },
    );
  }

  private gate(
    service: CourtbridgeServiceName,
    method: string,
    def: MethodDefinition<object, object>,
    handler: grpc.UntypedHandleCall,
  ): grpc.UntypedHandleCall {
    const name = `${service}/${method}`;
    const unary = !def.responseStream;
    // The table is fixed for the guard's life: looked up once per method, not per call.
    const req = requirementOf(service, method, this.policy);
    const self = this;
    return function guarded(call: AnyCall, callback?: grpc.sendUnaryData<object>): void {
      const started = process.hrtime.bigint();
      let finished = false;
      let release: (() => void) | undefined;
      let admitted: (() => void) | undefined;
      let unqueue: (() => void) | undefined;
      let timer: NodeJS.Timeout | undefined;
      const requestId = String(call.metadata.get('x-request-id')[0] ?? randomUUID());
      let callerDid: string | undefined;
      const finish = (code: number): boolean => {
        if (finished) return false;
        finished = true;
        if (timer !== undefined) clearTimeout(timer);
        unqueue?.();
        release?.();
        admitted?.();
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const codeText = codeName(code);
        self.o.metrics?.grpcCalls.inc({ method: name, code: codeText });
        self.o.metrics?.grpcSeconds.observe({ method: name }, seconds);
        const log = self.callLog;
        const ms = Math.round(seconds * 1e6) / 1e3;
        if (code === grpc.status.OK || code === grpc.status.CANCELLED) {
          if (log.isLevelEnabled('info')) log.info({ requestId, method: name, caller: callerDid, code: codeText, ms }, 'call');
        } else log.warn({ requestId, method: name, caller: callerDid, code: codeText, ms }, 'call failed');
        return true;
      };
      const fail = (error: unknown): void => {
        const status = statusOf(error);
        if (!finish(status.code)) return;
        if (callback !== undefined) callback(status, null);
        else call.emit('error', status);
      };

      try {
        const nowMs = self.now();
        let caller: Caller;
        const auth = call.metadata.get('authorization')[0];
        try {
          caller = self.o.authenticator.authenticate(typeof auth === 'string' ? auth : undefined, nowMs);
          self.o.metrics?.authOutcomes.inc({ outcome: 'ok' });
        } catch (e) {
          self.o.metrics?.authOutcomes.inc({ outcome: (e as CourtbridgeError).reason ?? 'error' });
          throw e;
        }
        callerDid = caller.did;
        const verdict = checkPolicy(req, self.o.state(), caller.did, nowMs, name, self.didKeyCallers);
        if (!verdict.ok) throw new CourtbridgeError(ErrorCode.PermissionDenied, verdict.reason, verdict.message);
        const roles = verdict.roles;
        const r = self.rate.take(caller.did, nowMs);
        if (!r.ok) {
          throw new CourtbridgeError(
            ErrorCode.ResourceExhausted,
            'caller_rate_limited',
            `${caller.did} exceeded ${self.o.limits.callsPerCaller.limit} calls per ${self.o.limits.callsPerCaller.windowMs} ms; retry after ${r.retryAfterMs} ms`,
            {
              details: { retryAfterMs: r.retryAfterMs },
            },
          );
        }
        release = self.concurrency.acquire(caller.did);
        if (release === undefined) {
          throw new CourtbridgeError(
            ErrorCode.ResourceExhausted,
            'caller_concurrency_exceeded',
            `${caller.did} already has ${self.o.limits.maxConcurrentPerCaller} calls in flight; wait for one to finish and retry`,
            {
              details: { retryAfterMs: 100 },
            },
          );
        }
        let deadlineMs = Infinity;
        let deadlineSource: CallContext['deadlineSource'] = 'stream';
        if (unary) {
          const d = effectiveDeadline(call.getDeadline(), nowMs, self.o.limits.deadlineCapMs);
          deadlineMs = d.deadlineMs;
          deadlineSource = d.source;
          if (d.source !== 'caller') {
            timer = setTimeout(
              () =>
                fail(
                  new CourtbridgeError(
                    ErrorCode.DeadlineExceeded,
                    'deadline_capped',
                    `${name} ran past the gateway's deadline cap of ${self.o.limits.deadlineCapMs} ms; the call was ended`,
                  ),
                ),
              Math.max(0, deadlineMs - self.now()),
            );
          }
        } else {
          const d = call.getDeadline();
          deadlineMs = d instanceof Date ? d.getTime() : d;
        }
        const logger = self.o.logger;
        let log: Logger | undefined;
        bindContext(call, {
          requestId,
          method: name,
          caller,
          roles,
          deadlineMs,
          deadlineSource,
          // Made on first use: most calls log nothing but the gate's line.
          get log(): Logger {
            log ??= logger.child({ requestId, method: name, caller: caller.did });
            return log;
          },
          ...(self.o.metrics === undefined ? {} : { metrics: self.o.metrics }),
        });
      } catch (e) {
        fail(e);
        return;
      }

      if (callback !== undefined) {
        const cb: grpc.sendUnaryData<object> = (error, value, trailer, flags) => {
          const code = error === null || error === undefined ? grpc.status.OK : ((error as grpc.StatusObject).code ?? grpc.status.UNKNOWN);
          if (!finish(code)) return;
          callback(error, value, trailer, flags);
        };
        (call as grpc.ServerUnaryCall<object, object>).on('cancelled', () => finish(grpc.status.CANCELLED));
        unqueue = self.admission.admit(
          (slot) => {
            if (finished) return slot();
            admitted = slot;
            (handler as (c: AnyCall, cb: grpc.sendUnaryData<object>) => void)(call, cb);
          },
          (cause) => fail(self.overloaded(cause)),
        );
      } else {
        const stream = call as grpc.ServerWritableStream<object, object>;
        stream.on('error', (e: Partial<grpc.StatusObject>) => finish(e.code ?? grpc.status.UNKNOWN));
        stream.on('cancelled', () => finish(grpc.status.CANCELLED));
        stream.on('finish', () => finish(grpc.status.OK));
        (handler as (c: AnyCall) => void)(call);
      }
    } as grpc.UntypedHandleCall;
  }
}
