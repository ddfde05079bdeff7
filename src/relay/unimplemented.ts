/**
 * Answers for methods whose handler is not written yet: status UNIMPLEMENTED with a message
 * naming the method and the issue that will implement it, so an integrator trying the API
 * early knows it is planned and where to follow it (the contract is complete from issue 2 on;
 * only handlers are missing).
 */
import * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';

import type { CourtbridgeServiceName } from './services.js';

/**
 * The issue planned to implement each service's handlers. Planning data: adjust here as the
 * roadmap moves; a per-method entry in `PLANNED_METHOD_ISSUE` overrides its service's.
 */
export const PLANNED_ISSUE: Readonly<Record<CourtbridgeServiceName, number>> = {
  // Issue 5: the gateway (every service but the judicial smart contracts).
  ChainService: 5,
  QueryService: 5,
  VerificationService: 5,
  InvestigationService: 5,
  ActionService: 5,
  WatchService: 5,
  AllianceService: 5,
  // Issue 6: judicial smart contracts (Evidence, Mediation).
  EvidenceService: 6,
  MediationService: 6,
};

/** Per-method overrides of `PLANNED_ISSUE`, keyed by `Service/Method`. */
export const PLANNED_METHOD_ISSUE: Readonly<Record<string, number>> = {};

/** `courtbridge.v1.QueryService/Query is not implemented yet (issue #5)`. */
export function unimplementedMessage(service: CourtbridgeServiceName, method: string): string {
  const issue = PLANNED_METHOD_ISSUE[`${service}/${method}`] ?? PLANNED_ISSUE[service];
  return `courtbridge.v1.${service}/${method} is not implemented yet (issue #${issue})`;
}

/** A grpc-js handler of the method's call type that answers UNIMPLEMENTED. */
export function unimplementedHandler(
  service: CourtbridgeServiceName,
  method: string,
  definition: MethodDefinition<object, object>,
): grpc.UntypedHandleCall {
  const status: Partial<grpc.StatusObject> = {
    code: grpc.status.UNIMPLEMENTED,
    details: unimplementedMessage(service, method),
  };
  if (!definition.requestStream && !definition.responseStream) {
    return (_call: grpc.ServerUnaryCall<object, object>, callback: grpc.sendUnaryData<object>) => callback(status, null);
  }
  if (definition.requestStream && !definition.responseStream) {
    return (_call: grpc.ServerReadableStream<object, object>, callback: grpc.sendUnaryData<object>) => callback(status, null);
  }
  // Streaming responses: emitting 'error' ends the call with that status (grpc-js server-call).
  return (call: grpc.ServerWritableStream<object, object> | grpc.ServerDuplexStream<object, object>) => {
    call.emit('error', status);
  };
}
