/**
 * The gateway's side of the adapter protocol (wire.proto): record queries, index queries and
 * light blocks over NATS request/reply, each with the caller's deadline propagated both as the
 * NATS timeout and as `deadline_ms` in the request (the adapter drops what is already late).
 *
 * Errors (CourtbridgeError, mapped to gRPC by the services): UNAVAILABLE `adapter_unavailable`
 * when no adapter serves the chain, UNAVAILABLE `malformed_adapter_reply` when a reply does not
 * decode, DEADLINE_EXCEEDED `deadline_exceeded`, or the adapter's own error (NOT_FOUND,
 * INVALID_ARGUMENT, ...) as it sent it.
 */
import type { NatsConnection } from 'nats';
import { request } from '../bus/request.js';
import { indexSubject, lightblockSubject, querySubject } from '../bus/subjects.js';
import { decodeLightBlock, type LightBlock } from '../chain/signed-header.js';
import { ByteWriter } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../errors.js';
import type { CourtbridgeMetrics } from '../metrics.js';
import { decodeMessage, encodeMessage } from '../wire/codec.js';
import type { MessageInput, MessageOutput } from '../wire/messages.js';

export interface AdapterClient {
  /** One record or its absence, with proof and header reference. */
  query(req: Omit<MessageInput<'QueryRequest'>, 'deadlineMs'>, deadlineMs: number): Promise<MessageOutput<'QueryResponse'>>;
  /** Records found through a secondary index, each with proof. */
  index(req: Omit<MessageInput<'IndexQueryRequest'>, 'deadlineMs'>, deadlineMs: number): Promise<MessageOutput<'IndexQueryResponse'>>;
  /** The light block at `height` (0 = latest). */
  lightBlock(chainId: string, height: number, deadlineMs: number): Promise<LightBlock>;
}

export interface AdapterClientOptions {
  /** The clock deadlines are measured against. */
  now: () => number;
  metrics?: CourtbridgeMetrics;
}

function rethrow(e: unknown, chainId: string): never {
  if (isCourtbridgeError(e) && e.reason === 'no_adapter') {
    throw new CourtbridgeError(
      ErrorCode.Unavailable,
      'adapter_unavailable',
      `no adapter is serving chain ${chainId}; check that its adapter runs and is connected to NATS`,
      { cause: e },
    );
  }
  throw e;
}

function decodeReply<T>(decode: () => T, chainId: string, what: string): T {
  try {
    return decode();
  } catch (e) {
    throw new CourtbridgeError(
      ErrorCode.Unavailable,
      'malformed_adapter_reply',
      `the adapter of ${chainId} sent a ${what} that does not decode`,
      { cause: e },
    );
  }
}

/**
 * @example
 * const adapters = adapterClient(bus.nc, { now: Date.now });
 * const reply = await adapters.query({ requestId, chainId: 'credit', recordType: 'credit.debtor', key, height: 0 }, deadlineMs);
 */
export function adapterClient(nc: NatsConnection, options: AdapterClientOptions): AdapterClient {
  const opts = (deadlineMs: number) =>
    options.metrics === undefined ? { deadlineMs, now: options.now } : { deadlineMs, now: options.now, metrics: options.metrics };
  return {
    async query(req, deadlineMs) {
      const chainId = req.chainId ?? '';
      const data = encodeMessage('QueryRequest', { ...req, deadlineMs: Math.floor(deadlineMs) });
      const reply = await request(nc, querySubject(chainId), data, opts(deadlineMs)).catch((e: unknown) => rethrow(e, chainId));
      return decodeReply(() => decodeMessage('QueryResponse', reply.data), chainId, 'QueryResponse');
    },
    async index(req, deadlineMs) {
      const chainId = req.chainId ?? '';
      const data = encodeMessage('IndexQueryRequest', { ...req, deadlineMs: Math.floor(deadlineMs) });
      const reply = await request(nc, indexSubject(chainId), data, opts(deadlineMs)).catch((e: unknown) => rethrow(e, chainId));
      return decodeReply(() => decodeMessage('IndexQueryResponse', reply.data), chainId, 'IndexQueryResponse');
    },
    async lightBlock(chainId, height, deadlineMs) {
      const data = height === 0 ? new Uint8Array(0) : new ByteWriter().u64(height).finish();
      const reply = await request(nc, lightblockSubject(chainId), data, opts(deadlineMs)).catch((e: unknown) => rethrow(e, chainId));
      return decodeReply(() => decodeLightBlock(reply.data), chainId, 'light block');
    },
  };
}
