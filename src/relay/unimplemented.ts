/**
 * Answers for methods a gateway build has no handler for (MediationService on a gateway that
 * runs no workflow engine): status UNIMPLEMENTED naming the method, so an integrator knows it
 * is not served here rather than broken.
 */
import * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';

import type { CourtbridgeServiceName } from './host/services.js';


/** `courtbridge.v1.QueryService/Query is not implemented yet`. */
export function unimplementedMessage(service: CourtbridgeServiceName, method: string): string {
  return `courtbridge.v1.${service}/${method} is not implemented yet`;
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
