/**
 * The one mapping of NATS failures to what a gRPC caller sees (bus/transport-error.ts): every
 * nats.js transport error code, and a wrapper that made one INTERNAL, becomes UNAVAILABLE with a
 * named reason and a `retry-after-ms` trailer; other errors keep their status. A table, looped.
 */
import * as grpc from '@grpc/grpc-js';
import { ErrorCode as NatsCode, NatsError } from 'nats';
import { describe, expect, it } from 'vitest';

import { asCallError } from '../../../src/bus/transport-error.js';
import { CourtbridgeError, ErrorCode } from '../../../src/errors.js';
import { RETRY_AFTER_TRAILER, statusOf } from '../../../src/relay/host/grpc-status.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';

const nats = (code: string, message = code): NatsError => new NatsError(message, code);

const CASES: ReadonlyArray<{ name: string; error: unknown; code: number; reason: string; retryAfterMs?: number }> = [
  { name: 'nats timeout', error: nats(NatsCode.Timeout), code: grpc.status.UNAVAILABLE, reason: 'nats_timeout', retryAfterMs: 1_000 },
  {
    name: '503 no responders',
    error: nats(NatsCode.NoResponders),
    code: grpc.status.UNAVAILABLE,
    reason: 'no_responders',
    retryAfterMs: 1_000,
  },
  {
    name: 'JetStream 408',
    error: nats(NatsCode.JetStream408RequestTimeout),
    code: grpc.status.UNAVAILABLE,
    reason: 'jetstream_unavailable',
  },
  { name: 'disconnect', error: nats(NatsCode.Disconnect), code: grpc.status.UNAVAILABLE, reason: 'nats_disconnected', retryAfterMs: 2_000 },
  { name: 'connection closed', error: nats(NatsCode.ConnectionClosed), code: grpc.status.UNAVAILABLE, reason: 'nats_closed' },
  { name: 'connection draining', error: nats(NatsCode.ConnectionDraining), code: grpc.status.UNAVAILABLE, reason: 'nats_draining' },
  {
    name: 'a NatsError known by its text only',
    error: nats('', 'connection closed'),
    code: grpc.status.UNAVAILABLE,
    reason: 'nats_closed',
  },
  {
    name: 'an INTERNAL wrapper around a timeout',
    error: new CourtbridgeError(ErrorCode.Internal, 'internal', 'kv failed', { cause: nats(NatsCode.Timeout) }),
    code: grpc.status.UNAVAILABLE,
    reason: 'nats_timeout',
  },
  {
    name: 'an UNAVAILABLE without advice gets its reason’s wait',
    error: new CourtbridgeError(ErrorCode.Unavailable, 'adapter_unavailable', 'no adapter'),
    code: grpc.status.UNAVAILABLE,
    reason: 'adapter_unavailable',
    retryAfterMs: 2_000,
  },
  {
    name: 'a named error keeps its status',
    error: new CourtbridgeError(ErrorCode.NotFound, 'unknown_action', 'no action x'),
    code: grpc.status.NOT_FOUND,
    reason: 'unknown_action',
  },
  { name: 'anything else is INTERNAL', error: new Error('boom'), code: grpc.status.INTERNAL, reason: 'internal_error' },
];

describe('NATS failures map to UNAVAILABLE with retry advice', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const s = statusOf(c.error);
      expect(s.code).toBe(c.code);
      expect(s.metadata.get(REASON_TRAILER)[0]).toBe(c.reason);
      const retry = s.metadata.get(RETRY_AFTER_TRAILER)[0];
      if (c.code === grpc.status.UNAVAILABLE) expect(Number(retry)).toBeGreaterThan(0);
      else expect(retry).toBeUndefined();
      if (c.retryAfterMs !== undefined) expect(Number(retry)).toBe(c.retryAfterMs);
      expect(asCallError(c.error).reason).toBe(c.reason);
    });
  }
});
