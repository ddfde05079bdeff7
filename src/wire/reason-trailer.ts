/**
 * The gRPC trailer naming the reason of a failed call (docs/api.md): the gateway sets it
 * (src/relay/host/grpc-status.ts), clients branch on it without parsing messages.
 */
export const REASON_TRAILER = 'courtbridge-reason';
