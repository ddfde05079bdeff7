/**
 * The call context: what is known about a call before its handler runs (caller, roles, request
 * id, deadline, logger). The guard (auth/guard.ts) establishes it for every courtbridge call and
 * binds it to the call; handlers read it through a `ContextOf`, `contextOf` unless a module is
 * served without the guard (a standalone query path in tests and benches: `standaloneContext`).
 */
import { randomUUID } from 'node:crypto';

import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { Role } from '../../identity/authority.js';
import type { Logger } from '../../log.js';
import type { Caller } from '../auth/token-cache.js';
import type { RelayMetrics } from '../metrics-http.js';
import { effectiveDeadline, DEFAULT_CALL_BUDGET_MS, type DeadlineSource } from './deadline.js';

/** What the gate established about a call. */
export interface CallContext {
  readonly requestId: string;
  /** `Service/Method`. */
  readonly method: string;
  /** The authenticated caller (every courtbridge method needs one). */
  readonly caller: Caller;
  /** Alliance roles the caller holds now. */
  readonly roles: readonly Role[];
  /** Absolute deadline, ms since the epoch (Infinity for streams without one). */
  readonly deadlineMs: number;
  readonly deadlineSource: DeadlineSource | 'stream';
  readonly log: Logger;
  /** Where handler failures are counted by reason. */
  readonly metrics?: RelayMetrics;
}

/** How a handler finds its call's context. */
export type ContextOf = (call: object) => CallContext;

/**
 * Where a call's context lives: a symbol-keyed property of the call object, which lives exactly
 * as long as the call (a WeakMap entry per call cost more: an ephemeron for the collector to
 * trace on every call). Symbol-keyed, so no key listing or JSON sees it, and nothing outside
 * this file knows the symbol.
 */
const CONTEXT = Symbol('courtbridge.callContext');
type WithContext = { [CONTEXT]?: CallContext };
const contexts = {
  get: (call: object): CallContext | undefined => (call as WithContext)[CONTEXT],
  set: (call: object, context: CallContext): void => {
    (call as WithContext)[CONTEXT] = context;
  },
};

/** Bind `context` to `call` (the guard, once per call). */
export function bindContext(call: object, context: CallContext): void {
  contexts.set(call, context);
}

/** The context bound to `call`, if any (a handler that reads none: host/handlers.ts `requestUnary`). */
export function boundContextOf(call: object): CallContext | undefined {
  return contexts.get(call);
}

/** The guard's context of `call`; throws INTERNAL `unguarded_call` when the handler was not wrapped. */
export function contextOf(call: object): CallContext {
  const c = contexts.get(call);
  if (c === undefined) throw new CourtbridgeError(ErrorCode.Internal, 'unguarded_call', 'handler called without the auth guard');
  return c;
}

interface SurfaceCall {
  getDeadline(): Date | number;
  getPath(): string;
  readonly metadata: { get(key: string): unknown[] };
}

export interface StandaloneContextOptions {
  /** The DID named as requester in receipts. */
  callerDid: string;
  logger: Logger;
  now?: () => number;
  /** Deadline of a call that brings none, and cap of one that brings more, ms; 10,000 unless told. */
  budgetMs?: number;
}

/**
 * Contexts for handlers served without the guard: the guard's context when there is one, else
 * one naming `callerDid`, with the deadline computed as the guard does (host/deadline.ts).
 */
export function standaloneContext(o: StandaloneContextOptions): ContextOf {
  const now = o.now ?? Date.now;
  const caller: Caller = { did: o.callerDid, kid: '', jti: '', expiresAtMs: Infinity };
  return (call) => {
    const bound = contexts.get(call);
    if (bound !== undefined) return bound;
    const c = call as SurfaceCall;
    const d = effectiveDeadline(c.getDeadline(), now(), o.budgetMs ?? DEFAULT_CALL_BUDGET_MS);
    const given = c.metadata.get('x-request-id')[0];
    const requestId = typeof given === 'string' && given !== '' ? given : randomUUID();
    const method = c.getPath().replace(/^\/courtbridge\.v1\./, '');
    const log = o.logger.child({ requestId, method });
    const context: CallContext = { requestId, method, caller, roles: [], deadlineMs: d.deadlineMs, deadlineSource: d.source, log };
    contexts.set(call, context);
    return context;
  };
}
